"""Derived quantities against numerical derivatives computed here, on random small problems.

Each check recomputes a number the package reports from something simpler that it must agree
with: the information from central differences of a log-likelihood written out below, the
robust and cluster sandwiches from per-row scores summed in NumPy, margins and marginal effects
from ``predict(newdata)`` on data set or moved by a small step (so that a derivative goes through
every transform of the formula), their delta-method standard errors from a central-difference
Jacobian of those predictions in the coefficients, and Wald statistics from
(Rb - r)'(R V R')^-1 (Rb - r). The formulas mix splines, polynomials, products with factors
and functions of a column, with and without frequency weights.

Tolerances. Central differences with step h = 1e-4 have a truncation error of about h^2 = 1e-8
(relative, the third derivatives here being of order 1) and a rounding error of about
eps / h = 1e-12; an effect differenced in the variable and then in the coefficients, eps / h^2 =
1e-8. So 1e-6 relative leaves a factor 100 of room, and a wrong factor in a covariance, a
derivative that skips a transform or a Jacobian that misses a term is off by far more. Rows at
the ends of a spline's range are differenced with three-point one-sided formulas (inward), of
the same order. Quantities computed from the same sums in another order (sandwiches, Wald
statistics) agree to rounding, 1e-9.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from scipy.special import logsumexp

import mnlogit

# a failing example is reported as drawn, not shrunk: each one fits models, and shrinking
# took minutes
PROPERTY = settings(
    derandomize=True,
    max_examples=5,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
)
STEP = 1e-4
RTOL_FD = 1e-6  # central differences (see the module docstring)
RTOL_SUMS = 1e-9  # the same sums added in another order

FORMULAS = (
    "y ~ x1 + C(g) + x1:C(g) + bs(x2, df=4)",
    "y ~ x1*C(h) + cr(x2, df=4, constraints='center')",
    "y ~ poly(x2, 3) + C(g):x1 + C(g)",
    "y ~ x1 + I(x1**2) + np.log(x2) + C(g)*C(h)",
    "y ~ bs(x2, df=3):C(h) + C(h) + x1 + C(g)",
)


def simulate(seed: int, n: int = 240) -> pd.DataFrame:
    """Three outcomes whose log-odds are smooth in x2, linear in x1 and shift with g and h."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "x1": rng.normal(size=n),
            "x2": rng.uniform(0.1, 10.0, size=n),
            "g": rng.choice(["u", "v", "w"], size=n),
            "h": rng.choice(["p", "q"], size=n),
            "cl": rng.integers(0, 20, size=n),
            "w": rng.integers(1, 4, size=n),
        }
    )
    eta = np.column_stack(
        [
            np.zeros(n),
            0.5 * frame.x1 + 0.1 * frame.x2 + (frame.g == "v"),
            -0.3 * frame.x1 + 0.4 * np.sin(frame.x2) + (frame.h == "q"),
        ]
    )
    P = np.exp(eta - logsumexp(eta, axis=1, keepdims=True))
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    frame["y"] = np.array(["a", "b", "c"])[np.minimum(codes, 2)]
    return frame


def fit(formula, frame, **kw) -> mnlogit.MNLogitResults:
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.ConvergenceWarning)
        res = mnlogit.fit(formula, frame, ref="a", **kw)
    assert res.converged
    return res


def flat(res) -> np.ndarray:
    """The coefficients in cov_params()'s order: equation by equation."""
    return res._core.B.T.ravel()


def unflat(res, b: np.ndarray) -> np.ndarray:
    return b.reshape(res._core.B.shape[1], -1).T


def loglik(X, y, w, B) -> float:
    eta = np.column_stack([X @ B, np.zeros(len(X))])
    logp = eta - logsumexp(eta, axis=1, keepdims=True)
    return float(w @ logp[np.arange(len(y)), y])


def row_scores(X, y, B) -> np.ndarray:
    """d log P(y_i) / d b per row, equation by equation (the reference is the last code)."""
    q = B.shape[1]
    eta = np.column_stack([X @ B, np.zeros(len(X))])
    P = np.exp(eta - logsumexp(eta, axis=1, keepdims=True))
    resid = np.eye(q + 1)[y][:, :q] - P[:, :q]
    return np.concatenate([X * resid[:, [k]] for k in range(q)], axis=1)


def probabilities(res, X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """softmax([X B, 0]) with its columns in the outcomes' order (predict's)."""
    eta = np.column_stack([X @ B, np.zeros(len(X))])
    P = np.exp(eta - logsumexp(eta, axis=1, keepdims=True))
    labels = [*res.params.columns, res.ref]
    return P[:, [labels.index(level) for level in res.outcomes]]


def check_delta(res, table, estimate, frames, combine) -> None:
    """table[estimate] is combine(predict of each frame), and table["std_error"] its
    delta-method standard error, from a central-difference Jacobian in the coefficients.

    Each frame's design comes from formulaic (the fit's model spec), and predict(frame) is
    checked to be the softmax of it at the estimates, so that the Jacobian needs no more
    calls to predict."""
    designs = []
    for frame in frames:
        spec = res._data.spec
        assert list(spec.column_names) == list(res.params.index)
        designs.append(np.asarray(spec.get_model_matrix(frame), dtype=float))
        np.testing.assert_allclose(
            probabilities(res, designs[-1], res._core.B),
            res.predict(frame).to_numpy(),
            rtol=0,
            atol=1e-14,
        )
    want = combine([res.predict(frame).to_numpy() for frame in frames])
    scale = max(1.0, np.max(np.abs(want)))
    assert np.max(np.abs(table[estimate].to_numpy() - want)) < RTOL_FD * scale

    def at(b: np.ndarray) -> np.ndarray:
        return combine([probabilities(res, X, unflat(res, b)) for X in designs])

    b = flat(res)
    cols = []
    for j in range(len(b)):
        e = np.zeros_like(b)
        e[j] = STEP * max(1.0, abs(b[j]))
        cols.append((at(b + e) - at(b - e)) / (2 * e[j]))
    J = np.column_stack(cols)
    se = np.sqrt(np.diag(J @ res.cov_params().to_numpy() @ J.T))
    assert np.max(np.abs(table["std_error"].to_numpy() - se)) < RTOL_FD * np.max(se)


def fitted_rows(res, frame) -> tuple[pd.DataFrame, np.ndarray]:
    return frame.loc[res._data.row_index].reset_index(drop=True), res._data.w.astype(float)


def mean(w: np.ndarray):
    return lambda P: w @ P / w.sum()


def slope_frames(rows: pd.DataFrame, var: str) -> tuple[list[pd.DataFrame], np.ndarray]:
    """Frames for d P / d var: central differences, and at the ends of the variable's range
    (a spline's bounds) three-point one-sided ones, looking inward; and each row's side."""
    x = rows[var].to_numpy(dtype=float)
    side = np.where(x + STEP > x.max(), -1.0, np.where(x - STEP < x.min(), 1.0, 0.0))
    inner = (side == 0).astype(float)  # the rows at the ends stay put in the central frames
    offsets = [inner, -inner, 0 * x, side, 2 * side]
    return [rows.assign(**{var: x + o * STEP}) for o in offsets], side


def average_slope(rows, w, var):
    frames, side = slope_frames(rows, var)

    def combine(P: list[np.ndarray]) -> np.ndarray:
        central = (P[0] - P[1]) / (2 * STEP)
        one_sided = (-3 * P[2] + 4 * P[3] - P[4]) / (2 * STEP) * side[:, None]
        return mean(w)(np.where(side[:, None] == 0, central, one_sided))

    return frames, combine


def discrete_change(rows, w, var, level, base):
    return [rows.assign(**{var: level}), rows.assign(**{var: base})], lambda P: mean(w)(P[0] - P[1])


@PROPERTY
@given(st.sampled_from(FORMULAS), st.booleans(), st.integers(0, 2**32 - 1))
def test_information_is_the_numerical_hessian_at_a_zero_score(formula, weighted, seed):
    frame = simulate(seed)
    res = fit(formula, frame, weights="w" if weighted else None)
    X, y, w = res._data.X, res._data.y, res._data.w
    B = res._core.B
    np.testing.assert_allclose(loglik(X, y, w, B), res.llf, rtol=1e-12)
    score = w @ row_scores(X, y, B)
    # the fit's convergence (tol=1e-10 on the scaled gradient) leaves a score near rounding
    assert np.max(np.abs(score)) < 1e-6
    b = flat(res)

    def gradient(v: np.ndarray) -> np.ndarray:
        return w @ row_scores(X, y, unflat(res, v))

    # the analytic gradient is the derivative of the log-likelihood written above
    for j in range(min(3, len(b))):
        e = np.zeros_like(b)
        e[j] = STEP
        fd = (loglik(X, y, w, unflat(res, b + e)) - loglik(X, y, w, unflat(res, b - e))) / (
            2 * STEP
        )
        assert abs(fd - score[j]) < 1e-6 * max(1.0, abs(res.llf))
    H = np.column_stack(
        [(gradient(b + e) - gradient(b - e)) / (2 * STEP) for e in np.eye(len(b)) * STEP]
    )
    V = np.linalg.inv(-(H + H.T) / 2)
    got = res.cov_params().to_numpy()
    assert np.max(np.abs(got - V)) < RTOL_FD * np.max(np.abs(V))


@pytest.mark.parametrize("weighted", [False, True])
def test_sandwiches_are_built_from_the_row_scores(weighted):
    frame = simulate(11)
    formula = FORMULAS[0]
    kw = {"weights": "w" if weighted else None}
    model = fit(formula, frame, **kw)
    robust = fit(formula, frame, cov_type="robust", **kw)
    cluster = fit(formula, frame, cov_type="cluster", groups="cl", **kw)
    X, y, w = model._data.X, model._data.y, model._data.w
    S = row_scores(X, y, model._core.B)
    bread = model.cov_params().to_numpy()
    # HC0 with frequency weights: the rows repeated, sum of w u u' (README, Covariance types)
    hc0 = bread @ ((S * w[:, None]).T @ S) @ bread
    groups = frame.loc[model._data.row_index, "cl"].to_numpy()
    totals = pd.DataFrame(S * w[:, None]).groupby(groups).sum().to_numpy()
    G = len(totals)
    clustered = G / (G - 1) * bread @ (totals.T @ totals) @ bread
    for got, want in [(robust, hc0), (cluster, clustered)]:
        np.testing.assert_allclose(got.params.to_numpy(), model.params.to_numpy(), atol=1e-12)
        V = got.cov_params().to_numpy()
        assert np.max(np.abs(V - want)) < RTOL_SUMS * np.max(np.abs(want))


CASES = (
    (FORMULAS[0], "nonrobust", None),
    (FORMULAS[1], "robust", "w"),
    (FORMULAS[2], "cluster", "w"),
    (FORMULAS[3], "nonrobust", "w"),
    (FORMULAS[4], "robust", None),
)


@pytest.mark.slow
@PROPERTY
@given(st.sampled_from(CASES), st.integers(0, 2**32 - 1))
def test_effects_and_margins_are_derivatives_of_predict(case, seed):
    formula, cov_type, weights = case
    frame = simulate(seed)
    groups = {"groups": "cl"} if cov_type == "cluster" else {}
    res = fit(formula, frame, weights=weights, cov_type=cov_type, **groups)
    rows, w = fitted_rows(res, frame)
    effects = res.marginal_effects()
    # numeric columns through bs(), cr(), poly(), np.log(), I(x1**2) and x1:C(g)
    for var in ("x1", "x2"):
        check_delta(res, effects.loc[var], "dydx", *average_slope(rows, w, var))
    # factor contrasts: the discrete change from the baseline level, averaged over the rows
    for var, levels in (("g", ("u", "v", "w")), ("h", ("p", "q"))):
        if f"C({var})" not in formula:
            continue
        for level in levels[1:]:
            table = effects.loc[f"{var}[T.{level}]"]
            check_delta(res, table, "dydx", *discrete_change(rows, w, var, level, levels[0]))
    over = "g" if "C(g)" in formula else "h"
    levels = sorted(frame[over].unique())
    at = [2.0, 7.5]
    frames = [rows.assign(x2=x2, **{over: level}) for x2 in at for level in levels]

    def margins_at(P: list[np.ndarray]) -> np.ndarray:  # (x2 values, levels of over, outcomes)
        return np.array([mean(w)(p) for p in P]).reshape(len(at), len(levels), -1)

    margins = res.margins(at={"x2": at}, over=over)
    check_delta(res, margins.to_frame(), "estimate", frames, lambda P: margins_at(P).ravel())
    check_delta(
        res,
        margins.contrast(over, "reference").to_frame(),
        "estimate",
        frames,
        lambda P: (margins_at(P)[:, 1:] - margins_at(P)[:, :1]).transpose(1, 0, 2).ravel(),
    )
    check_delta(
        res,
        margins.contrast("outcome", "reference").to_frame(),
        "estimate",
        frames,
        lambda P: (margins_at(P)[..., 1:] - margins_at(P)[..., :1]).transpose(2, 0, 1).ravel(),
    )
    # the slope in x2 with x1 set, for every row
    slopes = [average_slope(rows.assign(x1=x1), w, "x2") for x1 in (-1.0, 1.0)]
    effects_at = res.margins(at={"x1": [-1.0, 1.0]}, kind="effect").to_frame()
    check_delta(
        res,
        effects_at[effects_at["variable"] == "x2"],
        "estimate",
        slopes[0][0] + slopes[1][0],
        lambda P: np.concatenate([slopes[0][1](P[:5]), slopes[1][1](P[5:])]),
    )


def test_grid_margins_are_predictions_on_the_grid():
    frame = simulate(3)
    res = fit(FORMULAS[3], frame, weights="w", cov_type="robust")
    rows, w = fitted_rows(res, frame)
    x2 = np.average(rows["x2"], weights=w)  # a weighted fit's grid takes weighted means
    cells = [
        pd.DataFrame({"x1": x1, "x2": x2, "g": level, "h": ["p", "q"]})
        for x1 in (-1.0, 1.5)
        for level in ("u", "v", "w")
    ]
    table = res.margins(at={"x1": [-1.0, 1.5]}, over="g", average="grid").to_frame()
    # h's levels weighted equally
    check_delta(res, table, "estimate", cells, lambda P: np.concatenate([p.mean(0) for p in P]))


def conjugate_complement(inside: np.ndarray, within: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Rows spanning the part of within's row space V-orthogonal to inside's (car's ConjComp)."""
    A = within @ V @ inside.T
    Q, _ = np.linalg.qr(A, mode="complete")
    return (within.T @ Q[:, np.linalg.matrix_rank(A) :]).T


@pytest.mark.parametrize("cov_type", ["nonrobust", "cluster"])
def test_tests_by_hand(cov_type):
    frame = simulate(5)
    formula = "y ~ x1*C(g) + bs(x2, df=4) + C(h)"
    groups = {"groups": "cl"} if cov_type == "cluster" else {}
    res = fit(formula, frame, weights="w", cov_type=cov_type, **groups)
    b = flat(res)
    V = res.cov_params().to_numpy()
    names = [f"{outcome}:{term}" for outcome, term in res.cov_params().index]
    columns = res.cov_params().index.get_level_values("term")
    identity = np.eye(len(b))

    def wald(R: np.ndarray, r: np.ndarray) -> float:
        d = R @ b - r
        return float(d @ np.linalg.solve(R @ V @ R.T, d))

    def rows_of(term: str) -> np.ndarray:
        """The term's coefficients in every equation."""
        cols = [res._data.column_names[j] for j in res._data.terms[term]]
        return np.flatnonzero(columns.isin(cols))

    got = res.wald_test("x1:C(g)")
    np.testing.assert_allclose(got.statistic, wald(identity[rows_of("x1:C(g)")], 0), rtol=RTOL_SUMS)
    assert got.df == 4
    R = np.zeros((2, len(b)))
    R[0, names.index("b:x1")] = 1
    R[1, names.index("c:C(h)[T.q]")] = R[1, names.index("b:C(h)[T.q]")] = 1
    got = res.wald_test("b:x1 = 0.3, c:C(h)[T.q] + b:C(h)[T.q] = 1")
    np.testing.assert_allclose(got.statistic, wald(R, np.array([0.3, 1.0])), rtol=RTOL_SUMS)
    if cov_type == "nonrobust":
        # likelihood-ratio tests from two fits; type II drops the term and its relatives
        smaller = fit("y ~ x1 + C(g) + bs(x2, df=4) + C(h)", frame, weights="w")
        no_x1 = fit("y ~ C(g) + bs(x2, df=4) + C(h)", frame, weights="w")
        no_h = fit("y ~ x1*C(g) + bs(x2, df=4)", frame, weights="w")
        lr = mnlogit.lr_test(smaller, res)
        np.testing.assert_allclose(lr.statistic, 2 * (res.llf - smaller.llf), rtol=1e-8)
        anova = res.anova(type="II")["chi2"]
        np.testing.assert_allclose(anova["x1"], 2 * (smaller.llf - no_x1.llf), rtol=1e-8)
        np.testing.assert_allclose(anova["C(h)"], 2 * (res.llf - no_h.llf), rtol=1e-8)
        np.testing.assert_allclose(anova["x1:C(g)"], lr.statistic, rtol=1e-8)
        return
    # Wald anova: type III tests the term's coefficients, type II (car) the part of the term's
    # hypothesis V-conjugate to its interactions'
    type2, type3 = res.anova(type="II")["chi2"], res.anova(type="III")["chi2"]
    for term in ("x1", "C(g)", "C(h)"):
        own = identity[rows_of(term)]
        np.testing.assert_allclose(type3[term], wald(own, 0), rtol=RTOL_SUMS)
        relatives = [
            t for t in res._data.terms if t != term and set(term.split(":")) < set(t.split(":"))
        ]
        if relatives:
            inside = identity[np.concatenate([rows_of(t) for t in relatives])]
            L = conjugate_complement(inside, np.vstack([inside, own]), V)
        else:
            L = own
        np.testing.assert_allclose(type2[term], wald(L, 0), rtol=RTOL_SUMS)


@pytest.mark.slow
@pytest.mark.parametrize("change", ["x1 * 1e-6", "x1 * 1e6", "x2 + 1e6", "rows permuted"])
def test_tests_and_margins_do_not_depend_on_units_origin_or_order(change):
    frame = simulate(8)
    formula = "y ~ x1*C(g) + bs(x2, df=4) + C(h)"
    moved = frame.copy()
    if change == "rows permuted":
        moved = frame.iloc[np.random.default_rng(0).permutation(len(frame))]
    else:
        moved = moved.assign(**{change[:2]: moved.eval(change)})
    shift = 1e6 if change == "x2 + 1e6" else 0.0
    scale = {"x1 * 1e-6": 1e-6, "x1 * 1e6": 1e6}.get(change, 1.0)
    a = fit(formula, frame, weights="w", cov_type="cluster", groups="cl")
    b = fit(formula, moved, weights="w", cov_type="cluster", groups="cl")
    # likelihoods agree to the fits' convergence (tol=1e-10), tests, margins and effects,
    # which the coefficients carry to about 1e-8, to 1e-6
    np.testing.assert_allclose(b.llf, a.llf, rtol=1e-10)
    np.testing.assert_allclose(
        b.anova()["chi2"].to_numpy(), a.anova()["chi2"].to_numpy(), rtol=1e-6
    )
    np.testing.assert_allclose(
        b.wald_test("x1:C(g)").statistic, a.wald_test("x1:C(g)").statistic, rtol=1e-6
    )
    at = {"x1": [0.5 * scale], "x2": [3.0 + shift]}
    ma = a.margins(at={"x1": [0.5], "x2": [3.0]}, over="g").to_frame()
    mb = b.margins(at=at, over="g").to_frame()
    for column in ("estimate", "std_error"):
        np.testing.assert_allclose(mb[column].to_numpy(), ma[column].to_numpy(), rtol=1e-6)
    ea, eb = a.marginal_effects(), b.marginal_effects()
    # an effect per unit of x1 scales with 1 / scale; the others are unchanged
    factor = np.where(ea.index.get_level_values(0) == "x1", scale, 1.0)[:, None]
    cols = ["dydx", "std_error"]
    np.testing.assert_allclose(
        eb[cols].to_numpy() * factor, ea[cols].to_numpy(), rtol=1e-6, atol=1e-12
    )


def test_with_ref_is_the_refit_against_that_reference():
    frame = simulate(9)
    formula = FORMULAS[1]
    for cov_type in ("nonrobust", "cluster"):
        groups = {"groups": "cl"} if cov_type == "cluster" else {}
        a = fit(formula, frame, weights="w", cov_type=cov_type, **groups).with_ref("b")
        b = mnlogit.fit(formula, frame, ref="b", weights="w", cov_type=cov_type, **groups)
        np.testing.assert_allclose(a.params.to_numpy(), b.params.to_numpy(), atol=1e-8)
        np.testing.assert_allclose(a.cov_params().to_numpy(), b.cov_params().to_numpy(), atol=1e-9)
        ma, mb = (
            a.margins(over="h").contrast("outcome", "reference").to_frame(),
            b.margins(over="h").contrast("outcome", "reference").to_frame(),
        )
        for column in ("estimate", "std_error"):
            np.testing.assert_allclose(ma[column].to_numpy(), mb[column].to_numpy(), atol=1e-9)
