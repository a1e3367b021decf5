"""A design's columns in pandas' nullable, categorical and pyarrow dtypes give the fit of the
same values in numpy's dtypes, in memory and on dask: strata as string, category or boolean,
PSUs as Int64, UInt16, text or category, weights and fpc as Float64, Int64 or pyarrow
doubles, and a boolean subpopulation column."""

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
