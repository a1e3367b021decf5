"""The reference outcome is a reparametrisation: everything that is not a coefficient of an
equation must come out the same whichever outcome is the reference.

The property draws small data sets (numeric predictors, a factor, optional frequency weights,
a model-based, robust or cluster-robust covariance) and compares, between a fit and the same
fit re-expressed with ``with_ref`` (the same coefficients, so to rounding) and a refit with
``ref=`` (converged to tol=1e-10, so to the fit's accuracy), the quantities a user reads:
probabilities and their intervals far from the data, margins and their contrasts, marginal
effects, tests of whole terms and the fit statistics.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit

PROPERTY = settings(derandomize=True, max_examples=5, deadline=None)
SAME = 1e-9  # with_ref: the same coefficients re-expressed, only rounding differs
REFIT = 1e-6  # ref=: coefficients converged to ~1e-9, a p-value amplifies by chi2 / 2


def simulate(seed: int, n: int, k: int) -> pd.DataFrame:
    """n rows, outcome 'k0'.. of k levels, two predictors on different scales and a factor."""
    rng = np.random.default_rng(seed)
    x1 = rng.normal(size=n) * 3.0 + 1.0
    x2 = rng.lognormal(size=n) * 1e4
    g = rng.choice(["a", "b", "c"], n)
    eta = np.column_stack(
        [
            rng.uniform(-0.5, 0.5, k - 1)
            + np.outer(x1 - 1.0, rng.uniform(-0.6, 0.6, k - 1))
            + np.outer(np.log(x2) - 9.2, rng.uniform(-0.5, 0.5, k - 1))
            + np.outer(g == "b", rng.uniform(-1, 1, k - 1)),
            np.zeros(n),
        ]
    )
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    codes = np.minimum((rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1), k - 1)
    return pd.DataFrame(
        {
            "y": np.array([f"k{j}" for j in range(k)])[codes],
            "x1": x1,
            "x2": x2,
            "g": g,
            "w": rng.integers(1, 4, n),
            "cl": rng.integers(0, 12, n),
        }
    )


@st.composite
def cases(draw):
    frame = simulate(draw(st.integers(0, 2**32 - 1)), draw(st.integers(150, 300)), 3)
    counts = frame["y"].value_counts().reindex(["k0", "k1", "k2"]).fillna(0)
    assume(counts.min() >= 15)
    options = draw(
        st.sampled_from(
            [{}, {"cov_type": "robust"}, {"cov_type": "cluster", "groups": "cl"}, {"weights": "w"}]
        )
    )
    return frame, options, draw(st.sampled_from(["k1", "k2"])), draw(st.floats(5.0, 60.0))


FORMULA = "y ~ x1 + np.log(x2) + C(g)"


def quantities(res, far: pd.DataFrame, margins: bool = True) -> dict[str, np.ndarray]:
    """What must not depend on the reference, in level order (``margins``: with the margins,
    effects and contrasts, which read only the coefficients and their covariance)."""
    out: dict[str, np.ndarray] = {
        "llf": np.array([res.llf, res.llnull, res.aic, res.bic]),
        "pseudo_r2": res.pseudo_r2.to_numpy(),
        "predict": res.predict(far).to_numpy(),
    }
    pi = res.prediction_intervals(far)
    for column in pi.columns:
        out[f"intervals {column}"] = pi[column].to_numpy()
    wald = res.wald_test(["x1", "C(g)"])
    out["wald"] = np.array([wald.statistic, wald.pvalue])
    if res.covariance.lr_valid:
        out["lr"] = np.array([res.lr_test().statistic, res.lr_test().pvalue])
    if not margins:
        return out
    me = res.marginal_effects()
    out["effects"] = me[["dydx", "std_error"]].to_numpy()
    # far from the data (the stretch): probabilities near 0 and 1, and their differences
    values = [float(far["x1"].min()), 1.0, float(far["x1"].max())]
    m = res.margins(at={"x1": values}, over="g")
    for name, table in [
        ("margins", m),
        ("contrast x1", m.contrast("x1")),
        ("contrast g", m.contrast("g", "reference")),
        ("discrete changes", res.margins(at={"x1": values}, kind="effect", variables="g")),
    ]:
        out[name] = table.to_frame()[["estimate", "std_error"]].to_numpy()
    return out


def assert_changes_add_up(res, far: pd.DataFrame) -> None:
    """The changes of every outcome between two margins add up to zero, to the rounding of
    the smaller of each margin's probabilities and their complements: a margin near 1 less
    another, taken as a difference of two numbers of 1 - 1e-12, was off by 1e-16 where the
    changes of the other outcomes were exact (and which, depended on the reference)."""
    values = [float(far["x1"].min()), float(far["x1"].max())]
    m = res.margins(at={"x1": values}, over="g").to_frame()
    # per x1: the largest over g of 1 - (the largest outcome's margin), from the others
    top = m.groupby(["x1", "g"])["estimate"].transform("max")
    spread = m["estimate"].where(m["estimate"] < top, 0.0).groupby([m["x1"], m["g"]]).sum()
    scale = spread.groupby(level="x1").max()
    for table in (
        res.margins(at={"x1": values}, over="g").contrast("g").to_frame(),
        res.margins(at={"x1": values}, kind="effect", variables="g").to_frame(),
    ):
        group = table.groupby(["x1", "g" if "g" in table else "variable"])["estimate"]
        total = group.sum().abs().groupby(level="x1").max()
        size = group.apply(lambda e: e.abs().max()).groupby(level="x1").max()
        bound = 1e-12 * size + 1e-13 * scale.reindex(total.index)
        assert (total <= bound).all(), pd.DataFrame({"sum": total, "bound": bound})


def assert_same(a: dict, b: dict, rtol: float) -> None:
    assert a.keys() == b.keys()
    for name in a:
        # relative throughout: a probability of 1e-200 is compared to its own digits
        np.testing.assert_allclose(b[name], a[name], rtol=rtol, atol=0, err_msg=name)


@pytest.mark.slow
@PROPERTY
@given(cases())
def test_nothing_but_the_coefficients_depends_on_the_reference(case):
    frame, options, ref, stretch = case
    res = mnlogit.fit(FORMULA, frame, **options)
    assume(res.converged)
    far = frame.iloc[:6].assign(x1=np.linspace(-stretch, stretch, 6), x2=frame["x2"].iloc[:6])
    want = quantities(res, far)
    assert_changes_add_up(res, far)
    assert_same(want, quantities(res.with_ref(ref), far), SAME)
    refit = mnlogit.fit(FORMULA, frame, ref=ref, **options)
    assert_same(
        {k: v for k, v in want.items() if k in (got := quantities(refit, far, margins=False))},
        got,
        REFIT,
    )
