"""Separation at a factor's baseline level, which has no design column of its own.

Under treatment coding the baseline's indicator is the intercept less the factor's columns:
its total over each outcome's rows comes from X'WY (the intercept's less the columns'), so
the screen of the kept sums sees an outcome with no row at the baseline as it sees a column
of one sign that is 0 on every row of an outcome. A dask fit, which cannot run the exact
check, reported such data as estimates with standard errors (an intercept of 8.58, SE 28.4,
odds ratio 5327), and an in-memory fit whose deviance settled was never checked.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from test_separated_fits import lone_level_counts

import mnlogit
from mnlogit.exceptions import SeparationWarning

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

FORMULA = "y ~ x + g"
BASELINE = "g at its baseline level 'd'"


def lone_baseline(weight: float) -> pd.DataFrame:
    """2,000 rows of weight ``weight`` at levels a, b, c of g and one of weight 1, the only
    one at level d, of outcome B, with d made g's baseline (the first category): no row of A
    (the reference) or C is at the baseline, so the intercept and g's columns have no finite
    maximum."""
    df = lone_level_counts(weight, "B")
    return df.assign(g=pd.Categorical(df.g, categories=["d", "a", "b", "c"]))


def _fit(df: pd.DataFrame, dask_parts: int | None, **options) -> mnlogit.MNLogitResults:
    data = df if dask_parts is None else dd.from_pandas(df, npartitions=dask_parts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the separation, said by the fit
        return mnlogit.fit(FORMULA, data, ref="A", **options)


def _separates(direction: pd.DataFrame, res, df: pd.DataFrame) -> bool:
    """Whether ``direction`` (params-shaped) is one along which no row's likelihood falls:
    x_i'(d_y - d_k) >= 0 for every row i and level k, and not all zero."""
    D = np.column_stack([np.zeros(len(direction)), direction[list(res.outcomes[1:])]])
    X = np.column_stack([np.ones(len(df)), df.x, *(df.g == v for v in "abc")])
    assert list(res.params.index) == ["Intercept", "x", "g[T.a]", "g[T.b]", "g[T.c]"]
    eta = X @ D
    own = eta[np.arange(len(df)), pd.Index(res.outcomes).get_indexer(df.y)]
    return bool((own[:, None] >= eta).all() and (D != 0).any())


# sampling weights that are not integers leave the totals rounded: read to within that
WEIGHTS = [
    pytest.param(5000.0, {}, id="counts"),
    pytest.param(5000.1, {"weight_type": "probability"}, id="fractional"),
]


@pytest.mark.parametrize(("weight", "kind"), WEIGHTS)
def test_no_row_of_an_outcome_at_the_baseline_is_screened_separation_on_dask(weight, kind):
    # weighted, the lone row moves the deviance below the convergence test: the dask fit
    # converged with an intercept of 16.0, standard errors of 3106 and no warning
    df = lone_baseline(weight)
    want = _fit(df, None, weights="w", **kind)
    with pytest.warns(SeparationWarning, match="at its baseline level") as caught:
        got = mnlogit.fit(FORMULA, dd.from_pandas(df, npartitions=3), ref="A", weights="w", **kind)
    assert not any(issubclass(c.category, mnlogit.ConvergenceWarning) for c in caught)
    assert not got.converged and got.diverged
    sep = got.separation
    assert sep is not None and sep.kind == "screened"
    assert sep.empty == ((BASELINE, "A"), (BASELINE, "C"))
    assert f"no row of outcome(s) 'A' (the reference), 'C' has {BASELINE}" in sep.message
    assert "column 'g at its baseline" not in sep.message  # it is no design column
    assert sep.terms == ("Intercept", "g[T.a]", "g[T.b]", "g[T.c]")
    assert (sep.outcomes, sep.terms) == (want.separation.outcomes, want.separation.terms)
    pd.testing.assert_frame_equal(got.diverging, want.diverging)
    for name in ("bse", "zvalues", "pvalues"):
        pd.testing.assert_frame_equal(
            getattr(got, name).isna(), getattr(want, name).isna(), obj=name
        )
    assert got.bse.drop(index="x").isna().all().all()
    assert np.isfinite(got.bse.loc["x"]).all()
    assert _separates(sep.direction, got, df)


def test_no_row_of_an_outcome_at_the_baseline_is_found_in_memory_when_the_deviance_settles():
    # the same fit in memory converged there too (an intercept SE of 3106, no warning): the
    # screen sends it to the exact check, which finds the separation
    res = _fit(lone_baseline(5000.0), None, weights="w")
    assert not res.converged and res.separation is not None
    assert res.separation.kind == "quasi-complete"
    assert res.bse.loc["Intercept"].isna().all() and np.isfinite(res.bse.loc["x"]).all()


def test_a_small_unweighted_fit_names_the_baseline_on_dask():
    # 300 rows, no row of the reference at C(g)'s baseline 0: the dask fit diverged with no
    # separation named (every coefficient NaN); in memory the exact check names it
    rng = np.random.default_rng(3)
    n = 300
    g = rng.integers(0, 3, n)
    y = rng.integers(0, 3, n)
    y[(g == 0) & (y == 0)] = 1
    df = pd.DataFrame({"y": y, "g": g, "x": rng.normal(size=n)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = mnlogit.fit("y ~ C(g) + x", df)
        got = mnlogit.fit("y ~ C(g) + x", dd.from_pandas(df, npartitions=3))
    sep = got.separation
    assert sep is not None and sep.kind == "screened"
    assert sep.empty == (("C(g) at its baseline level 0", 0),)
    assert (sep.outcomes, sep.terms) == (want.separation.outcomes, want.separation.terms)
    pd.testing.assert_frame_equal(got.diverging, want.diverging)
    assert got.bse.drop(index="x").isna().all().all()
    np.testing.assert_allclose(got.bse.loc["x"], want.bse.loc["x"], rtol=1e-6)


@pytest.mark.parametrize(("weight", "kind"), WEIGHTS)
def test_a_baseline_with_rows_of_every_outcome_raises_no_alarm(weight, kind):
    # the lone row's outcome spread over every outcome at the baseline: a finite maximum
    df = lone_baseline(weight)
    extra = df.iloc[[0, 0]].assign(y=["A", "C"])
    fine = pd.concat([df, extra], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = mnlogit.fit(
            FORMULA, dd.from_pandas(fine, npartitions=3), ref="A", weights="w", **kind
        )
    assert got.converged and got.separation is None
    assert np.isfinite(got.bse.to_numpy()).all()
