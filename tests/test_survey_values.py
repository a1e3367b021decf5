"""Sampling weights and fpc in the forms data arrive in: numbers stored as Python objects (a
column built row by row, or read from a database as Decimal) are the numbers they are, as
frequency weights and predictors already were; text is refused quoting a value and its
rows; a subpopulation whose weights are all zero says so."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError

FORMULA = "y ~ x"
DESIGN = mnlogit.SurveyDesign(weights="w", strata="st", psu="g", fpc="N")


def data(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "y": rng.choice(list("abc"), n),
            "x": rng.standard_normal(n),
            "st": rng.integers(0, 2, n),
            "g": rng.integers(0, 8, n),
            "w": rng.uniform(1, 40, n).round(3),
        }
    )
    return d.assign(N=np.where(d["st"] == 0, 40, 90))


def as_objects(s: pd.Series) -> pd.Series:
    return pd.Series(s.tolist(), index=s.index, dtype=object)


@pytest.mark.parametrize(
    "convert",
    [as_objects, lambda s: s.map(lambda v: Decimal(str(v))).astype(object)],
    ids=["python numbers", "Decimal"],
)
@pytest.mark.parametrize("role", ["w", "N"])
def test_numbers_stored_as_objects_fit_as_numbers(convert, role):
    d = data()
    res = mnlogit.fit(FORMULA, d.assign(**{role: convert(d[role])}), ref="a", design=DESIGN)
    plain = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN)
    np.testing.assert_allclose(res.params, plain.params, rtol=1e-12)
    np.testing.assert_allclose(res.bse, plain.bse, rtol=1e-12)


@pytest.mark.parametrize("role", ["w", "N"])
def test_text_is_refused_quoting_a_value_and_its_rows(role):
    d = data()
    d.index = d.index + 100
    bad = as_objects(d[role]).where(d.index != 103, "n/a")
    with pytest.raises(InputTypeError, match=r"expected numbers; got 'n/a' \(str\) in row 103;"):
        mnlogit.fit(FORMULA, d.assign(**{role: bad}), ref="a", design=DESIGN)


def test_a_missing_value_among_objects_is_refused_as_missing():
    d = data()
    w = as_objects(d["w"]).where(d.index != 5, None)
    with pytest.raises(DataError, match=r"not missing; got nan in row 5"):
        mnlogit.fit(FORMULA, d.assign(w=w), ref="a", design=DESIGN)


def test_a_subpopulation_of_zero_weights_says_so():
    d = data()
    d.loc[d["st"] == 1, "w"] = 0.0
    with pytest.raises(DataError, match="subpopulation's rows include no row of positive weight"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop="st == 1")


@pytest.mark.slow
def test_dask_refusals_name_the_column_and_the_subpopulation():
    dd = pytest.importorskip("dask.dataframe")
    d = data()
    with pytest.raises(InputTypeError, match=r"weights column 'w': expected numbers; got dtype"):
        mnlogit.fit(FORMULA, dd.from_pandas(d.assign(w=d["w"] > 5), npartitions=2), design=DESIGN)
    zero = d.assign(w=d["w"].where(d["st"] == 0, 0.0))
    with pytest.raises(DataError, match="subpopulation's rows include no row of positive weight"):
        mnlogit.fit(FORMULA, dd.from_pandas(zero, npartitions=2), design=DESIGN, subpop="st == 1")
    with pytest.raises(DataError, match="selects no rows"):
        mnlogit.fit(FORMULA, dd.from_pandas(d, npartitions=2), design=DESIGN, subpop="st == 5")
