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
import refdata
from hypothesis import assume, example, given, settings
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
    return fitted_formula("y ~ g*h", data, **options)


def fitted_formula(formula, data, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        return mnlogit.fit(formula, data, ref="A", **options)


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


# (a fixed seed: the property's draws are the same on every run)
@pytest.mark.slow
@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 2**32 - 1),
    heavy=st.sampled_from([1.0, 10.0, 1e3, 1e4, 1e6]),
    kind=st.sampled_from(["frequency", "probability"]),
)
# the information singular in rounding where whole steps would go on, bounded ones creep:
# max_iter comes first, and the fit says its estimates are not final
@example(seed=253377533, heavy=1e4, kind="frequency")
def test_saturated_fits_reach_the_cell_proportions_or_say_they_did_not(seed, heavy, kind):
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
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("y ~ g*h", df, ref="A", weights="w", weight_type=kind)
    unfinished = [w for w in caught if issubclass(w.category, mnlogit.ConvergenceWarning)]
    if unfinished:
        assert "max_iter" in str(unfinished[0].message) and "not final" in str(
            unfinished[0].message
        )
    else:
        assert cell_error(res, df, df.w) < 1e-5


def newton_limit(X: np.ndarray, Y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, float]:
    """Fitted probabilities (n, K, reference first) and log-likelihood of plain Newton from
    zero with step-halving, run 400 steps: along a separation it approaches the supremum, and
    the rows that no separating direction moves their limits (nnet returns -Inf on these
    weights)."""
    n, p = X.shape
    q = Y.shape[1] - 1
    B = np.zeros((p, q))

    def loglik(B):
        eta = np.column_stack([np.zeros(n), X @ B])
        return float(np.sum(w * ((Y * eta).sum(1) - np.logaddexp.reduce(eta, axis=1))))

    for _ in range(400):
        eta = np.column_stack([np.zeros(n), X @ B])
        P = np.exp(eta - np.logaddexp.reduce(eta, axis=1)[:, None])[:, 1:]
        score = (X.T @ (w[:, None] * (Y[:, 1:] - P))).T.ravel()
        info = np.zeros((p * q, p * q))
        for a in range(q):
            for b in range(q):
                c = w * P[:, a] * ((a == b) - P[:, b])
                info[a * p : (a + 1) * p, b * p : (b + 1) * p] = X.T @ (c[:, None] * X)
        step = np.linalg.lstsq(info, score, rcond=None)[0].reshape(q, p).T
        t, now = 1.0, loglik(B)
        while loglik(B + t * step) < now and t > 1e-12:
            t /= 2
        B = B + t * step
    eta = np.column_stack([np.zeros(n), X @ B])
    return np.exp(eta - np.logaddexp.reduce(eta, axis=1)[:, None]), loglik(B)


def design(df: pd.DataFrame, numeric: list[str], factors: list[str]) -> np.ndarray:
    cols = [np.ones(len(df))] + [df[c].to_numpy(float) for c in numeric]
    for f in factors:
        cols += [(df[f] == lv).to_numpy(float) for lv in sorted(df[f].unique())[1:]]
    return np.column_stack(cols)


def test_rows_that_no_separating_direction_moves_reach_their_limits():
    """Every coefficient diverges, but rows of (c, x), (c, v) and (d, x) have limits: they
    were fitted 0.273, 0.511 and 0.256 for A, where the limits are 0.425, 0.575 and 0.288
    (probability weights of 1e4 on three of nine rows; 8 iterations, 2.8 log-likelihood
    units below the supremum)."""
    df = pd.read_csv(refdata.REF_DIR / "separated_heavy_gh.csv")
    res = fitted_formula("y ~ g + h", df, weights="w", weight_type="probability")
    assert res.diverging.to_numpy().all()  # the premise
    Y = np.column_stack([(df.y == k).to_numpy(float) for k in ("A", "B")])
    limit, sup = newton_limit(design(df, [], ["g", "h"]), Y, df.w.to_numpy())
    inner = ((limit > 1e-6) & (limit < 1 - 1e-6)).all(axis=1)
    assert inner.sum() >= 3
    got = res.predict(df)[["A", "B"]].to_numpy()
    np.testing.assert_allclose(got[inner], limit[inner], atol=1e-5)
    # (the separated rows, of weight 1e4, stop short of 0 and 1 by about 1e-7: 1.4e-3 units)
    assert res.llf == pytest.approx(sup, rel=1e-3)


def test_a_slope_with_a_limit_is_fitted_to_it_and_max_iter_short_of_it_is_said():
    """x1's coefficient for C does not diverge; the fit stopped at max_iter with it at 10.75
    where its limit is 11.41, and warned only of the separation."""
    df = pd.read_csv(refdata.REF_DIR / "separated_heavy_x1g.csv")
    res = fitted_formula("y ~ x1 + g", df, weights="w")
    assert not res.diverging.loc["x1", "C"]
    Y = np.column_stack([(df.y == k).to_numpy(float) for k in ("A", "B", "C")])
    limit, sup = newton_limit(design(df, ["x1"], ["g"]), Y, df.w.to_numpy())
    assert res.llf == pytest.approx(sup, abs=1e-4)
    inner = ((limit > 1e-6) & (limit < 1 - 1e-6)).all(axis=1)
    np.testing.assert_allclose(res.predict(df).to_numpy()[inner], limit[inner], atol=1e-5)
    with pytest.warns(mnlogit.ConvergenceWarning, match="max_iter \\(10\\)"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mnlogit.SeparationWarning)
            warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
            mnlogit.fit("y ~ x1 + g", df, weights="w", max_iter=10)
