"""A separated saturated model fitted with a few heavy rows: the cells that no outcome is
missing from are fitted to their weighted proportions, in memory and with Dask.

``y ~ g*h`` has one coefficient per cell and outcome, so the fitted probabilities of a cell
are its weighted outcome proportions, and where a cell has no row of some outcome that
outcome's probability there goes to 0 while every other cell keeps its proportions. With
frequency weights of 1000 on eight of 143 rows the fit stopped after eight iterations, 250
log-likelihood units below the supremum, with fitted probabilities 0.70 from a complete
cell's proportions; with weights of 1e4 or 1e6 after two, an intercept at -226.8 where its
limit is log(4.4 / 9.3), and (with Dask) standard errors of 1e20 on the coefficients that
were not marked as diverging.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit

LEVELS = {"y": list("ABC"), "g": list("abc"), "h": list("uv")}


def rows(seed: int) -> pd.DataFrame:
    """143 rows in six cells; one cell holds no row of outcome B; weights from 1e-9 to 1e6."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(40, 161))
    df = pd.DataFrame({c: rng.choice(v, n) for c, v in LEVELS.items()})
    df["x1"] = rng.normal(size=n)
    for _ in range(int(rng.integers(0, 4))):
        at = (df.g == rng.choice(list("abc"))) & (
            (df.h == rng.choice(list("uv"))) if rng.random() < 0.5 else True
        )
        gone, to = rng.permutation(list("ABC"))[:2]
        df.loc[at & (df.y == gone), "y"] = to
    df["w"] = rng.choice([0.0, 1e-9, 0.3, 1.0, 2.5, 1e6], n, p=[0.1, 0.05, 0.3, 0.4, 0.1, 0.05])
    return df


def cell_error(res, df: pd.DataFrame, weights: pd.Series) -> float:
    """The largest distance of a fitted probability from its cell's weighted proportion, over
    the cells that hold every outcome (those missing one are fitted towards 0 there, and
    stop within about 1e-4 of it)."""
    cells = pd.crosstab([df.g, df.h], df.y, values=weights, aggfunc="sum").fillna(0.0)
    cells = cells[(cells > 0).all(axis=1)]
    share = cells.div(cells.sum(axis=1), axis=0)
    fitted = res.predict(cells.index.to_frame(index=False))
    return float(np.abs(fitted.to_numpy() - share[fitted.columns].to_numpy()).max())


def fitted(data, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        return mnlogit.fit("y ~ g*h", data, **options)


SEPARATED = rows(132)


@pytest.mark.parametrize("heavy", [1e3, 1e4, 1e6])
def test_frequency_weights_of_counts_fit_every_complete_cell(heavy):
    df = SEPARATED.assign(w=SEPARATED.w.replace({1e6: heavy, 2.5: 2.0, 0.3: 1.0, 1e-9: 0.0}))
    res = fitted(df, weights="w")
    assert res.separation is not None
    assert res.diverging.loc[["h[T.v]", "g[T.b]:h[T.v]", "g[T.c]:h[T.v]"], "B"].all()
    assert res.diverging.sum().sum() == 3
    assert cell_error(res, df, df.w) < 1e-6


def test_probability_weights_a_1e15_apart_fit_every_complete_cell():
    res = fitted(SEPARATED, weights="w", weight_type="probability")
    assert cell_error(res, SEPARATED, SEPARATED.w) < 1e-6
    # B's intercept is a cell's log odds, which no separation touches
    a_u = SEPARATED[(SEPARATED.g == "a") & (SEPARATED.h == "u")].groupby("y").w.sum()
    assert res.params.loc["Intercept", "B"] == pytest.approx(np.log(a_u["B"] / a_u["A"]), rel=1e-8)
    finite = ~res.diverging.to_numpy()
    assert np.isfinite(res.bse.to_numpy()[finite]).all()
    assert np.isnan(res.bse.to_numpy()[~finite]).all()


@pytest.mark.slow  # a Dask scheduler
def test_dask_fits_the_same_limits_with_the_same_standard_errors():
    dd = pytest.importorskip("dask.dataframe")
    import dask

    mem = fitted(SEPARATED, weights="w", weight_type="probability")
    with dask.config.set(scheduler="synchronous"):
        far = fitted(
            dd.from_pandas(SEPARATED, npartitions=4), weights="w", weight_type="probability"
        )
    np.testing.assert_array_equal(far.diverging, mem.diverging)
    finite = ~mem.diverging.to_numpy()
    np.testing.assert_allclose(
        far.params.to_numpy()[finite], mem.params.to_numpy()[finite], rtol=1e-7
    )
    assert np.isfinite(mem.bse.to_numpy()[finite]).all()
    np.testing.assert_allclose(far.bse.to_numpy()[finite], mem.bse.to_numpy()[finite], rtol=1e-5)
    assert np.isnan(far.bse.to_numpy()[~finite]).all()


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    heavy=st.sampled_from([1.0, 10.0, 1e3, 1e4, 1e6]),
    kind=st.sampled_from(["frequency", "probability"]),
)
def test_saturated_fits_reach_the_cell_proportions(seed, heavy, kind):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(60, 200))
    df = pd.DataFrame({c: rng.choice(v, n) for c, v in LEVELS.items()})
    # one (cell, outcome) emptied: its rows moved to another outcome
    at = (df.g == rng.choice(LEVELS["g"])) & (df.h == rng.choice(LEVELS["h"]))
    gone, to = rng.permutation(LEVELS["y"])[:2]
    df.loc[at & (df.y == gone), "y"] = to
    df["w"] = np.where(rng.random(n) < 0.06, heavy, rng.integers(1, 4, n)).astype(float)
    # (a cell of one outcome, or an outcome gone, is another shape of separation)
    assume(df.groupby(["g", "h"]).y.nunique().ge(2).all() and df.y.nunique() == 3)
    res = fitted(df, weights="w", weight_type=kind)
    assert cell_error(res, df, df.w) < 1e-5
