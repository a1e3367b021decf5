"""Numerically hard but valid data: the fit must be right and silent.

Each case is checked against something independent of the estimation core: the same data in
well-scaled units, or the first-order conditions and the information matrix recomputed here in
plain numpy (the log-likelihood is concave, so a zero score is the maximum). Warnings are errors.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import RankError


def draw_outcome(rng: np.random.Generator, X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Codes 0..q from a multinomial logit with coefficients B (p, q); code q is the reference."""
    eta = np.column_stack([X @ B, np.zeros(len(X))])
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    return np.minimum((rng.random(len(X))[:, None] > P.cumsum(axis=1)).sum(axis=1), B.shape[1])


def quiet_fit(formula: str, data: pd.DataFrame, **kw) -> mnlogit.MNLogitResults:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(formula, data, **kw)
    assert res.converged
    return res


def check_first_order_conditions(res: mnlogit.MNLogitResults, rtol_se: float = 1e-6) -> None:
    """Score ~ 0 and standard errors = sqrt(diag(I^-1)), computed here from the design."""
    data = res._data
    X, levels = data.X, list(res.outcomes)
    eqs = list(res.equations)
    B = res.params[eqs].to_numpy()
    eta = np.column_stack([X @ B, np.zeros(len(X))])
    eta -= eta.max(axis=1, keepdims=True)
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    y = np.asarray(res._data.level_codes())
    col = {lv: j for j, lv in enumerate(eqs)}
    Y = np.zeros((len(X), len(eqs)))
    for i, lv in enumerate(levels):
        if lv in col:
            Y[y == i, col[lv]] = 1.0
    Pq = P[:, : len(eqs)]
    U = X.T @ (Y - Pq)  # (p, q)
    p, q = B.shape
    info = np.zeros((p * q, p * q))
    for j in range(q):
        for k in range(q):
            wjk = Pq[:, j] * ((j == k) - Pq[:, k])
            info[j * p : (j + 1) * p, k * p : (k + 1) * p] = X.T @ (X * wjk[:, None])
    u = U.T.ravel()
    decrement = u @ np.linalg.solve(info, u)  # U' I^-1 U: invariant to the units of X
    assert decrement < 1e-8, decrement
    se = np.sqrt(np.diag(np.linalg.inv(info)))
    np.testing.assert_allclose(res.bse[eqs].to_numpy().T.ravel(), se, rtol=rtol_se)


def test_predictor_in_millions_beside_one_in_millionths():
    rng = np.random.default_rng(1)
    n = 3000
    z1, z2 = rng.normal(size=n), rng.normal(size=n)
    Z = np.column_stack([np.ones(n), z1, z2])
    y = draw_outcome(rng, Z, np.array([[0.2, -0.3], [0.7, 0.4], [-0.5, 0.6]]))
    raw = pd.DataFrame(
        {"y": np.array(["a", "b", "c"])[y], "big": 2e6 + 8e5 * z1, "small": 1e-6 * (1 + 0.3 * z2)}
    )
    m, s = raw[["big", "small"]].mean(), raw[["big", "small"]].std()
    std = raw.assign(
        big=(raw["big"] - m["big"]) / s["big"], small=(raw["small"] - m["small"]) / s["small"]
    )
    res = quiet_fit("y ~ big + small", raw)
    ref = quiet_fit("y ~ big + small", std)
    np.testing.assert_allclose(res.llf, ref.llf, rtol=1e-10)
    # back to the raw units: b_raw = b_std / s, intercept shifted by the means
    b = ref.params
    shift = (b.loc[["big", "small"]].T * (m / s)).sum(axis=1)
    back = pd.DataFrame(
        {
            "Intercept": b.loc["Intercept"] - shift,
            "big": b.loc["big"] / s["big"],
            "small": b.loc["small"] / s["small"],
        }
    ).T
    np.testing.assert_allclose(
        res.params.to_numpy(), back.loc[res.params.index].to_numpy(), rtol=1e-6
    )
    for term in ("big", "small"):
        np.testing.assert_allclose(res.bse.loc[term], ref.bse.loc[term] / s[term], rtol=1e-6)
    np.testing.assert_allclose(
        res.predict().to_numpy(), ref.predict().to_numpy(), rtol=1e-8, atol=1e-14
    )
    check_first_order_conditions(res)


def test_outcome_level_with_three_rows_in_twenty_thousand():
    rng = np.random.default_rng(3)
    n = 20_000
    X = rng.normal(size=(n, 2))
    y = np.where(rng.random(n) < 0.5, "a", "b").astype(object)
    rare = [100, 5000, 15000]
    y[rare] = "rare"
    X[rare] = [[0.3, -0.2], [-0.5, 0.4], [0.1, 0.6]]  # inside the cloud: no separation
    data = pd.DataFrame({"y": y, "x1": X[:, 0], "x2": X[:, 1]})
    res = quiet_fit("y ~ x1 + x2", data, ref="a")
    assert res.separation is None
    # the intercept's score equation: the predicted total of the rare level is its 3 rows
    assert res.predict()["rare"].sum() == pytest.approx(3.0, rel=1e-6)
    assert np.isfinite(res.bse.to_numpy()).all() and (res.bse["rare"] > 0.5).all()
    check_first_order_conditions(res)


def test_twenty_outcome_levels():
    rng = np.random.default_rng(20)
    n, k = 6000, 20
    X = np.column_stack([np.ones(n), rng.normal(size=(n, 3))])
    y = draw_outcome(rng, X, rng.uniform(-0.6, 0.6, size=(4, k - 1)))
    data = pd.DataFrame(X[:, 1:], columns=["x1", "x2", "x3"])
    data["y"] = [f"L{c:02d}" for c in y]
    res = quiet_fit("y ~ x1 + x2 + x3", data, ref="L19")
    assert len(res.outcomes) == k and res.params.shape == (4, k - 1)
    # each level's predicted total equals its count (the intercepts' score equations)
    np.testing.assert_allclose(
        res.predict().sum().to_numpy(),
        data["y"].value_counts().reindex(res.outcomes).to_numpy(),
        rtol=1e-8,
    )
    check_first_order_conditions(res)
    other = quiet_fit("y ~ x1 + x2 + x3", data, ref="L00")
    np.testing.assert_allclose(
        other.predict().to_numpy(), res.predict().to_numpy(), rtol=1e-7, atol=1e-12
    )


@pytest.mark.slow
def test_one_hundred_predictors():
    rng = np.random.default_rng(100)
    n, p = 8000, 100
    X = rng.normal(size=(n, p))
    y = draw_outcome(rng, np.column_stack([np.ones(n), X]), rng.normal(scale=0.15, size=(p + 1, 2)))
    cols = [f"v{j:03d}" for j in range(p)]
    data = pd.DataFrame(X, columns=cols)
    data["y"] = np.array(["a", "b", "c"])[y]
    res = quiet_fit("y ~ " + " + ".join(cols), data, ref="c")
    assert res.params.shape == (p + 1, 2)
    assert list(res.params.index) == ["Intercept", *cols]
    check_first_order_conditions(res)


def test_a_finite_maximum_far_out_is_reached_not_taken_for_separation():
    # bs(distance, df=3)'s last basis column is large only at the longest distances, where
    # no one walks: walk's coefficient on it is -15442 at the maximum. The scoring steps stop
    # shrinking on the way there, separation's signature, and the fit stopped 17
    # log-likelihood units short (-3439.28) with a ConvergenceWarning, although the exact
    # check finds no separation. R's nnet::multinom stops short as well (-3438.256 after
    # maxit = 1000, convergence code 1).
    from formulaic import model_matrix

    df = mnlogit.datasets.load("travel")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("mode ~ bs(distance, df=3)", df, ref="car")
    assert res.converged and res.separation is None and res.n_iter <= 40
    # the score vanishes and the log-likelihood is what the estimates give, both computed
    # here from formulaic's design (log-sum-exp), not from the package's sums
    X = model_matrix("bs(distance, df=3)", df).to_numpy()
    eta = np.column_stack([X @ res.params.to_numpy(), np.zeros(len(df))])
    levels = [*res.params.columns, "car"]
    Y = (df["mode"].to_numpy()[:, None] == np.array(levels)[None, :]).astype(float)
    top = eta.max(axis=1, keepdims=True)
    logp = eta - top - np.log(np.exp(eta - top).sum(axis=1, keepdims=True))
    np.testing.assert_allclose((Y * logp).sum(), res.llf, rtol=1e-12)
    score = X.T @ (Y - np.exp(logp))[:, :-1]
    assert np.abs(score).max() < 1e-6
    assert res.llf > -3438.256 + 16  # above where nnet and the old stopping rule left it


# --- spline bases: exactly aliased beside the intercept, or nearly collinear -------------------
REF = Path(__file__).parent / "reference"


@pytest.mark.parametrize(
    ("basis", "last"),
    [
        ("cr(distance, df=3)", 3),
        ("cr(distance, df=4)", 4),
        ("cr(distance, df=5)", 5),
        ("cr(distance, df=8)", 8),
        ("cc(distance, df=4)", 4),
    ],
)
def test_a_spline_basis_that_sums_to_one_is_refused_beside_the_intercept(basis, last):
    # An unconstrained cr or cc basis sums to one (smallest singular value of the unit-scaled
    # design 3e-16 for df=3): with the intercept the design is exactly aliased. X'X read the
    # last column's residual as 3.8e-7 (df=3) or 2.1e-7 (df=5), rounding noise above R's 1e-7:
    # the design passed with a CollinearityWarning, and the fit stopped at iteration 0 with a
    # ConvergenceWarning (df=3) or was reported as quasi-completely separated (df=5).
    # The refusal named the column '{basis}[{last}]' to drop, which no formula can drop: it
    # names the basis, and the centred call with one column fewer that fits the same model.
    df = mnlogit.datasets.load("travel")
    with pytest.raises(RankError, match=re.escape(f"the columns of '{basis}' add up to 1")) as err:
        mnlogit.fit(f"mode ~ {basis}", df, ref="car")
    centred = basis.replace(f"df={last})", f"df={last - 1}, constraints='center')")
    assert f"write {centred}," in str(err.value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit(f"mode ~ {centred}", df, ref="car")
    assert len(res.params) == last


def orthonormal_fit(res: mnlogit.MNLogitResults, y: np.ndarray) -> mnlogit.MNLogitResults:
    """The same model fitted on an orthonormal basis of the design's column space."""
    X = res._data.X
    Q = np.linalg.qr(X / np.linalg.norm(X, axis=0))[0] * np.sqrt(len(X))
    cols = [f"q{j}" for j in range(Q.shape[1])]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        other = mnlogit.MNLogit(y, pd.DataFrame(Q, columns=cols), ref=res.ref).fit()
    assert other.converged
    return other


def test_the_same_spline_space_without_the_intercept_reaches_the_maximum():
    # mode ~ 0 + cr(distance, df=3) spans what the refused mode ~ cr(distance, df=3) does
    df = mnlogit.datasets.load("travel")
    res = quiet_fit("mode ~ 0 + cr(distance, df=3)", df, ref="car")
    other = orthonormal_fit(res, df["mode"].to_numpy())
    np.testing.assert_allclose(res.llf, other.llf, rtol=1e-12)
    np.testing.assert_allclose(res.predict().to_numpy(), other.predict().to_numpy(), atol=1e-8)
    check_first_order_conditions(res)
    # nnet::multinom and VGAM::vglm on the same design (make_splines.py, make_splines.R)
    ref = json.loads((REF / "splines.json").read_text())
    for fit in ("nnet", "vglm"):
        np.testing.assert_allclose(res.llf, ref[fit]["loglik"], rtol=1e-9)
    np.testing.assert_allclose(
        res.params[["bus", "train", "walk"]].to_numpy().T,
        [ref["nnet"]["coef"][k] for k in ("bus", "train", "walk")],
        rtol=1e-5,
    )
    design = pd.read_csv(REF / "splines_travel.csv.gz")
    np.testing.assert_array_equal(res._data.X, design[["cr1", "cr2", "cr3"]].to_numpy())


def test_a_fit_never_ends_below_its_start_when_no_step_is_an_ascent():
    # weights of 1e8 beside ones: the information is ill-conditioned enough that no step
    # length was an ascent; the shortest (2^-40 of a step of 1e22) was taken anyway, and the
    # fit ended at a log-likelihood of -5.8e30 from the null's -1.9e8, a coefficient of
    # 5.8e22, McFadden's R2 of -3e22 and AIC 1e31 in the summary
    df = pd.DataFrame(
        {
            "z": [-0.6473592, -0.8040706, 0.2308073, -0.5639899, -0.3106415, 0.8991183],
            "y": ["l0", "l0", "l0", "l1", "l1", "l0"],
            "g": ["v", "v", "u", "u", "v", "v"],
            "w": [2.0, 2.0, 1e8, 1e8, 1.0, 1e8],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)  # it says it stopped
        res = mnlogit.fit("y ~ z + g", df, weights="w")
        assert res.llf >= res.llnull
        assert np.abs(res.params.to_numpy()).max() < 1e4
        assert 0.0 <= res.pseudo_r2["mcfadden"] <= 1.0


@pytest.mark.slow
@settings(derandomize=True, max_examples=40, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(4, 12),
    st.lists(st.sampled_from([1.0, 2.0, 1e4, 1e8]), min_size=12, max_size=12),
)
def test_no_fit_ends_below_the_intercept_only_model_it_starts_from(seed, n, weights):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "z": rng.normal(size=n),
            "g": rng.choice(["u", "v"], n),
            "y": rng.choice(["a", "b", "c"], n),
            "w": weights[:n],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        try:
            res = mnlogit.fit("y ~ z + g", df, weights="w")
        except mnlogit.MNLogitError:  # too few rows for the columns, say
            return
    assert res.llf >= res.llnull - 1e-9 * abs(res.llnull)
