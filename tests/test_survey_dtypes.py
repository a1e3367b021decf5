"""A design's columns in pandas' nullable, categorical and pyarrow dtypes give the fit of the
same values in numpy's dtypes, in memory and on dask: strata as string, category or boolean,
PSUs as Int64, UInt16, text or category, weights and fpc as Float64, Int64 or pyarrow
doubles, and a boolean subpopulation column."""

from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

API = Path(__file__).resolve().parent / "reference" / "apistrat.csv"
FORMULA = "perf ~ meals + ell + mobility"
DESIGN = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum", fpc="fpc")


@pytest.fixture(scope="module")
def apistrat():
    d = pd.read_csv(API)
    return d.assign(
        stype=d["stype"].astype(object),
        sub=(d["comp_imp"] == "Yes").to_numpy(),
        meals=d["meals"].where(d["snum"] % 7 != 0),
    )


CONVERSIONS = [
    ("stype", "string"),
    ("stype", "category"),
    ("stype", "string[pyarrow]"),
    ("dnum", "Int64"),
    ("dnum", "UInt16"),
    ("dnum", "string"),
    ("dnum", "category"),
    ("dnum", "int64[pyarrow]"),
    ("pw", "Float64"),
    ("pw", "double[pyarrow]"),
    ("fpc", "Int64"),
    ("fpc", "Float64"),
    ("sub", "boolean"),
]


def fit(data, dask=False):
    if dask:
        import dask.dataframe as dd

        data = dd.from_pandas(data, npartitions=3)
    return mnlogit.fit(FORMULA, data, ref="low", design=DESIGN, subpop="sub")


@pytest.fixture(scope="module")
def numpy_fit(apistrat):
    return fit(apistrat)


@pytest.mark.parametrize(("column", "dtype"), CONVERSIONS)
@pytest.mark.parametrize("dask", [False, True])
def test_nullable_and_arrow_design_columns_give_the_numpy_fit(
    apistrat, numpy_fit, column, dtype, dask
):
    if dask:
        pytest.importorskip("dask.dataframe")
    got = fit(apistrat.assign(**{column: apistrat[column].astype(dtype)}), dask)
    np.testing.assert_allclose(got.params.to_numpy(), numpy_fit.params.to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(got.bse.to_numpy(), numpy_fit.bse.to_numpy(), rtol=1e-10)
    assert got.df_design == numpy_fit.df_design == 159


def test_boolean_strata_are_two_strata(apistrat):
    elementary = apistrat["stype"] == "E"
    data = apistrat.assign(fpc=np.where(elementary, 4421, 2000))
    as_bool = fit(data.assign(stype=elementary.astype("boolean")))
    as_text = fit(data.assign(stype=np.where(elementary, "E", "other")))
    np.testing.assert_allclose(as_bool.bse.to_numpy(), as_text.bse.to_numpy(), rtol=1e-12)
    assert as_bool.design.n_strata == 2


@pytest.mark.parametrize("sign", [1, -1])
def test_python_integers_past_the_float_range_as_weights_are_refused_naming_the_column(
    apistrat, sign
):
    """An object column holding 10**400 (a Python int, as a database or a row-by-row build
    gives) raised a bare OverflowError from pandas' astype; it is past the float range as
    inf is, and is refused as inf is, naming the column and the rows."""
    values = [1] * (len(apistrat) - 1) + [sign * 10**400]
    data = apistrat.assign(big=pd.Series(values, dtype=object))
    design = mnlogit.SurveyDesign(weights="big", strata="stype", psu="dnum")
    with pytest.raises(mnlogit.exceptions.DataError, match=r"weights column 'big'.*rows? 199"):
        mnlogit.fit(FORMULA, data, ref="low", design=design)
    with pytest.raises(mnlogit.exceptions.DataError, match="weights: every weight must be finite"):
        mnlogit.fit(FORMULA, data, ref="low", weights="big")


def test_a_population_count_past_the_float_range_is_no_correction(apistrat):
    """fpc of 10**400 PSUs (Python ints) raised a bare OverflowError; such a population is
    as good as infinite: its sampling fraction is 0, the fit of no fpc, as R reads Inf."""
    data = apistrat.assign(big=pd.Series([10**400] * len(apistrat), dtype=object))
    design = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum", fpc="big")
    res = mnlogit.fit(FORMULA, data, ref="low", design=design)
    unset = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum")
    plain = mnlogit.fit(FORMULA, data, ref="low", design=unset)
    np.testing.assert_array_equal(res.design.fraction, 0.0)
    np.testing.assert_allclose(res.bse.to_numpy(), plain.bse.to_numpy(), rtol=1e-12)


@pytest.mark.parametrize("role", ["weights", "fpc"])
def test_a_signalling_decimal_nan_in_a_design_number_is_refused_as_missing(apistrat, role):
    """Decimal('sNaN') in an object column of weights or fpc ended in decimal.InvalidOperation
    from pandas' isna; it is a NaN, refused as a missing value naming the row."""
    values = apistrat[{"weights": "pw", "fpc": "fpc"}[role]].astype(object)
    values[5] = Decimal("sNaN")
    data = apistrat.assign(odd=values)
    roles = {"weights": "pw", "strata": "stype", "psu": "dnum", "fpc": "fpc", role: "odd"}
    with pytest.raises(mnlogit.exceptions.DataError, match=rf"{role} column 'odd'.*row 5\b"):
        mnlogit.fit(FORMULA, data, ref="low", design=mnlogit.SurveyDesign(**roles))


@pytest.mark.parametrize("role", ["strata", "psu", "subpop"])
def test_a_signalling_decimal_nan_among_identifiers_or_the_subpopulation_is_missing(apistrat, role):
    """Decimal('sNaN') in an object column of strata, PSUs or subpop ended in
    decimal.InvalidOperation from pandas' isna; it is refused as a missing value, naming the
    row."""
    source = {"strata": "stype", "psu": "dnum", "subpop": "sub"}[role]
    values = apistrat[source].astype(object)
    values[5] = Decimal("sNaN")
    data = apistrat.assign(odd=values)
    roles = {"weights": "pw", "strata": "stype", "psu": "dnum"}
    subpop = "sub"
    if role == "subpop":
        subpop = "odd"
    else:
        roles[role] = "odd"
    with pytest.raises(mnlogit.exceptions.DataError, match=r"missing values in row 5\b"):
        mnlogit.fit(FORMULA, data, ref="low", design=mnlogit.SurveyDesign(**roles), subpop=subpop)
