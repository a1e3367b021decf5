"""Firth's bias-reduced estimates against brglm2::brmultinom, and their defining properties."""

import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from refdata import RTOL_COEF, RTOL_LOGLIK, RTOL_SE

import mnlogit
from mnlogit import _firth, _fisher, _linalg, separation
from mnlogit.model import MNLogit

# brglm2 case -> (formula, data, reference)
CASES = {
    "risk": ("risk ~ age + income", lambda: refdata.data("risk"), "low"),
    "synthetic300": (
        "mode ~ x1 + group + log(x2)",
        lambda: refdata.data("synthetic").iloc[:300],
        "car",
    ),
}


def brglm2(case: str) -> dict:
    return refdata.expected("firth_brglm2")[case]


def column_names(case: str) -> list[str]:
    """brglm2's R column names as formulaic names them (the reference case's own mapping)."""
    source = {"risk": ("risk", "main"), "synthetic300": ("synthetic", "unweighted")}[case]
    cmap = refdata.column_map(refdata.model(*source))
    return [cmap[c] for c in brglm2(case)["colnames"]]


@pytest.fixture(scope="module")
def firth_fits():
    out = {}
    for case, (formula, data, ref) in CASES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a Firth fit neither diverges nor warns
            out[case] = mnlogit.fit(formula, data(), ref=ref, method="firth")
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_coefficients_and_standard_errors_match_brglm2(firth_fits, case):
    res, want = firth_fits[case], brglm2(case)
    assert list(res.params.columns) == want["rownames"]
    assert list(res.params.index) == column_names(case)
    coef = np.asarray(want["coef_matrix"]).T  # R: one row per outcome
    se = np.asarray(want["se"]).reshape(len(want["rownames"]), -1).T
    np.testing.assert_allclose(res.params.to_numpy(), coef, rtol=RTOL_COEF)
    np.testing.assert_allclose(res.bse.to_numpy(), se, rtol=RTOL_SE)
    V = np.asarray(want["vcov"])  # same equation-major order as ours
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), V, rtol=1e-6, atol=1e-9 * np.abs(V).max()
    )
    np.testing.assert_allclose(res.llf, want["loglik"], rtol=RTOL_LOGLIK)
    assert res.converged and not res.diverged
    assert res.method == "firth" and res.separation is None


@pytest.mark.parametrize("case", list(CASES))
def test_penalised_loglik_is_loglik_plus_half_log_det_information(firth_fits, case):
    res = firth_fits[case]
    sign, logdet_cov = np.linalg.slogdet(res.cov_params().to_numpy())
    assert sign > 0
    np.testing.assert_allclose(res.penalized_llf, res.llf - 0.5 * logdet_cov, rtol=1e-10)


@pytest.mark.parametrize("case", list(CASES))
def test_estimate_maximises_the_penalised_loglik(firth_fits, case):
    res = firth_fits[case]
    data = res._data
    evaluate = data.evaluator()

    def penalised(B):
        s = evaluate(B, 2)
        return s.loglik + 0.5 * np.linalg.slogdet(s.info)[1]

    B = res.params.to_numpy()
    top = penalised(B)
    # log det of risk's near-singular information carries ~1e-12 of rounding from summation order
    np.testing.assert_allclose(top, res.penalized_llf, rtol=1e-10)
    rng = np.random.default_rng(0)
    se = res.bse.to_numpy()
    for _ in range(5):
        assert penalised(B + 1e-3 * se * rng.normal(size=B.shape)) < top


def test_adjusted_score_is_the_gradient_of_the_penalised_loglik():
    formula, data, ref = CASES["synthetic300"]
    md = MNLogit.from_formula(formula, data(), ref)._data
    evaluate = md.evaluator()
    rng = np.random.default_rng(1)
    B = 0.3 * rng.normal(size=(md.p, md.q))

    def penalised(B):
        s = evaluate(B, 2)
        return s.loglik + 0.5 * np.linalg.slogdet(s.info)[1]

    s = evaluate(B, 2)
    V = _linalg.inverse_from_cholesky(_linalg.cholesky(s.info))
    adjusted = s.score + _firth.score_adjustment(md, B, V)
    h = 1e-5
    numeric = np.zeros_like(B)
    for a in range(md.p):  # a test may loop: central differences, one coefficient at a time
        for j in range(md.q):
            E = np.zeros_like(B)
            E[a, j] = h
            numeric[a, j] = (penalised(B + E) - penalised(B - E)) / (2 * h)
    np.testing.assert_allclose(adjusted, numeric, rtol=1e-6, atol=1e-6)


def test_score_adjustment_does_not_depend_on_the_row_blocks(monkeypatch):
    formula, data, ref = CASES["synthetic300"]
    md = MNLogit.from_formula(formula, data(), ref)._data
    B = np.full((md.p, md.q), 0.1)
    V = np.linalg.inv(md.evaluator()(B, 2).info)
    whole = _firth.score_adjustment(md, B, V)
    monkeypatch.setattr(_fisher, "_chunk_rows", lambda p, q: 7)
    np.testing.assert_allclose(_firth.score_adjustment(md, B, V), whole, rtol=1e-12, atol=1e-12)


def test_firth_is_finite_under_separation_and_never_runs_the_lp(monkeypatch):
    def forbidden(data):
        raise AssertionError("the separation LP ran on a Firth fit")

    monkeypatch.setattr(separation, "detect", forbidden)
    formula, data, ref = CASES["risk"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(formula, data(), ref=ref, method="firth")
    assert np.isfinite(res.params.to_numpy()).all() and np.isfinite(res.bse.to_numpy()).all()
    assert res.llf < 0 < res.penalized_llf  # below the supremum 0 of the separated likelihood


def test_frequency_weights_equal_repeated_rows():
    df = refdata.data("synthetic").iloc[:400]
    formula = "mode ~ x1 + group + log(x2)"
    weighted = mnlogit.fit(formula, df, ref="car", weights="w", method="firth")
    repeated = mnlogit.fit(formula, df.loc[df.index.repeat(df["w"])], ref="car", method="firth")
    np.testing.assert_allclose(weighted.params, repeated.params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(weighted.bse, repeated.bse, rtol=1e-9)
    np.testing.assert_allclose(weighted.llf, repeated.llf, rtol=1e-12)
    np.testing.assert_allclose(weighted.penalized_llf, repeated.penalized_llf, rtol=1e-12)
    assert weighted.nobs == df["w"].sum()
    # the weights matter: ignoring them gives clearly different estimates
    plain = mnlogit.fit(formula, df, ref="car", method="firth")
    assert np.abs(plain.params.to_numpy() - weighted.params.to_numpy()).max() > 1e-2


def test_zero_weights_equal_dropped_rows():
    formula, data, ref = CASES["synthetic300"]
    df = data()
    w = np.ones(len(df))
    w[::3] = 0
    zero = mnlogit.fit(formula, df, ref=ref, weights=w, method="firth")
    dropped = mnlogit.fit(formula, df[w > 0], ref=ref, method="firth")
    np.testing.assert_allclose(zero.params, dropped.params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(zero.penalized_llf, dropped.penalized_llf, rtol=1e-12)


def test_firth_shrinks_towards_zero_and_approaches_ml_with_more_data():
    # bias reduction pulls estimates in; on the full 2000 rows it barely moves them
    df = refdata.data("synthetic")
    formula = "mode ~ x1 + group + log(x2)"
    ml = mnlogit.fit(formula, df, ref="car")
    br = mnlogit.fit(formula, df, ref="car", method="firth")
    shift = (br.params - ml.params).abs() / ml.bse
    assert shift.to_numpy().max() < 0.1
    assert np.abs(br.params.to_numpy()).sum() < np.abs(ml.params.to_numpy()).sum()
    assert br.llf < ml.llf  # ML maximises the unpenalised log-likelihood


def test_design_without_intercept_starts_from_zero():
    df = refdata.data("synthetic").iloc[:300]
    model = MNLogit(df["mode"], pd.DataFrame({"x1": df["x1"], "lx2": np.log(df["x2"])}), ref="car")
    res = model.fit(method="firth")
    assert res.converged
    md = res._data
    B = res.params.to_numpy()
    s = md.evaluator()(B, 2)
    adjusted = s.score + _firth.score_adjustment(md, B, res._core.cov)
    assert np.abs(adjusted).max() < 1e-8


def test_iteration_limit_reports_non_convergence():
    formula, data, ref = CASES["risk"]
    with pytest.warns(mnlogit.ConvergenceWarning, match="max_iter"):
        res = mnlogit.fit(formula, data(), ref=ref, method="firth", max_iter=3)
    assert not res.converged and res.n_iter == 3


def test_lr_test_against_null_uses_penalised_logliks():
    df = refdata.data("synthetic").iloc[:300]
    res = mnlogit.fit("mode ~ x1 + group + log(x2)", df, ref="car", method="firth")
    null = mnlogit.fit("mode ~ 1", df, ref="car", method="firth")
    lr = res.lr_test()
    # the null is fitted under the full model's penalty (not its own), as lr_test refits a
    # separately fitted null
    under_full_penalty = mnlogit.lr_test(null, res).details["llf_restricted"]
    np.testing.assert_allclose(
        lr.statistic, 2 * (res.penalized_llf - under_full_penalty), rtol=1e-8
    )
    assert under_full_penalty != pytest.approx(null.penalized_llf, rel=1e-6)
    assert lr.df == 12 and "penalised" in lr.note


@settings(derandomize=True, max_examples=30, deadline=None)
@given(
    st.integers(1, 4),
    st.integers(1, 4),
    st.data(),
)
def test_saturated_fit_converges_to_the_half_count_logits(n0, n1, draw):
    # a saturated design: Firth's estimate is the empirical logit of each cell with half an
    # observation added to each outcome, p = (y + 1/2) / (n + 1); the full scoring step
    # overshoots it by exactly as much as it falls short, and once cycled there unconverged
    y0 = draw.draw(st.integers(0, n0))
    y1 = draw.draw(st.integers(0, n1))
    df = pd.DataFrame(
        {
            "y": ["b"] * y0 + ["a"] * (n0 - y0) + ["b"] * y1 + ["a"] * (n1 - y1),
            "x": [0.0] * n0 + [1.0] * n1,
        }
    )
    assume(df["y"].nunique() == 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        res = mnlogit.fit("y ~ x", df, ref="a", method="firth")
    assert res.converged
    logit = np.log([(y0 + 0.5) / (n0 - y0 + 0.5), (y1 + 0.5) / (n1 - y1 + 0.5)])
    b = res.params["b"]
    assert b["Intercept"] == pytest.approx(logit[0], abs=1e-8)
    assert b["x"] == pytest.approx(logit[1] - logit[0], abs=1e-8)


def test_frequency_weights_past_two_to_the_53_are_refused():
    """With frequency weights summing past 2^53 the Jeffreys penalty, of order one, is below
    the rounding of the log-likelihood's sums: on separated data a fit with weights of 1e20
    reported convergence with the separated coefficients at -46.3 and standard errors 0.18,
    where they run to about -50.4 with standard errors 1.41 (the penalty's curvature), and
    with weights of 1e299 at -46.3 with standard errors 6e-141. It is now refused."""
    rng = np.random.default_rng(0)
    d = pd.DataFrame({"x": rng.normal(size=60), "g": np.repeat(list("abc"), 20)})
    d["y"] = rng.choice(list("ABC"), 60)
    d.loc[d.g == "c", "y"] = "A"
    for c in (1e15, 1e20, 1e299):
        with pytest.raises(mnlogit.MNLogitError, match=r"2\^53.*weight_type='probability'"):
            mnlogit.fit("y ~ x + g", d.assign(w=c), ref="A", method="firth", weights="w")
    ok = mnlogit.fit("y ~ x + g", d.assign(w=1e12), ref="A", method="firth", weights="w")
    assert ok.converged and abs(ok.bse.loc["g[T.c]", "B"] - np.sqrt(2)) < 1e-2
