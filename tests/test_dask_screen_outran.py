"""A dask fit whose separation screen finds part of the separation only: an empty cell in
one equation (which the sums show) beside a slope that completely separates another outcome
(which only the exact check, on the rows in memory, finds). The coefficients the screen
leaves finite run off too; they must not be given as finite estimates with standard errors
of 1e8 and p-values of 1.0, nor enter a Wald test with a finite p-value."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ConvergenceWarning

pytestmark = pytest.mark.slow

dd = pytest.importorskip("dask.dataframe")


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 200
    x = rng.normal(size=n)
    g = rng.integers(0, 2, size=n)
    y = rng.choice(2, size=n)
    y[(y == 1) & (g == 1)] = 0  # outcome 1 never where g == 1: an empty cell, equation 1
    y[x > 1.2] = 2  # outcome 2 exactly where x > 1.2: complete separation, equation 2
    return pd.DataFrame({"y": y, "x": x, "g": g})


@pytest.fixture(scope="module")
def fits():
    df = _data()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        memory = mnlogit.fit("y ~ x + C(g)", df)
        dask = mnlogit.fit("y ~ x + C(g)", dd.from_pandas(df, npartitions=3))
    return memory, dask, [str(w.message) for w in caught if w.category is ConvergenceWarning]


def test_the_exact_check_finds_more_than_the_screen(fits):
    memory, dask, _ = fits
    # in memory the exact check names every coefficient of equation 2 as diverging
    assert memory.diverging[2].all() and memory.bse[2].isna().all()
    assert dask.separation is not None and dask.separation.kind == "screened"


def test_coefficients_beyond_the_screen_are_not_given_as_finite(fits):
    memory, dask, _ = fits
    # were finite: standard errors of 4.8e8 and p-values of 1.0000 in equation 2
    diverging = memory.diverging.to_numpy()
    assert dask.bse.to_numpy()[diverging].size and np.isnan(dask.bse.to_numpy()[diverging]).all()
    assert np.isnan(dask.pvalues.to_numpy()[diverging]).all()
    assert np.isnan(dask.conf_int().to_numpy()[diverging.T.ravel()]).all()


def test_a_wald_test_through_them_is_not_computed(fits):
    _, dask, _ = fits
    # was chi2(2) = 1.24, p = 0.54, though 2:x runs off
    got = dask.wald_test("x")
    assert np.isnan(got.statistic) and np.isnan(got.pvalue)
    assert "treated as diverging" in got.note


def test_the_warning_says_more_diverge_than_the_screen_names(fits):
    *_, said = fits
    assert any("more of them diverge than it names" in s for s in said)
    assert any("mnlogit.check_separation" in s for s in said)
