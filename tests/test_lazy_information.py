"""Lazy standard errors: fits that finish in the L-BFGS phase compute the information matrix
only when a result first needs it, once, and agree with the eager route."""

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit import _fisher
from mnlogit._deferred_information import InformationPass, deferred_information
from mnlogit._solvers import estimate
from mnlogit.exceptions import ConvergenceWarning


def _wide(n=20_000, p=30, K=4, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    B = rng.standard_normal((p, K)) * 0.3
    y = np.argmax(X @ B + rng.gumbel(size=(n, K)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(y=y)
    return "y ~ " + " + ".join(f"x{j}" for j in range(p)), df


def _count_passes(monkeypatch):
    """Levels of the passes over the data; a sampled information's own pass is recorded as
    ("sample", INFO)."""
    passes = []
    full_pass = _fisher.stats
    inside_sample = [False]

    def counted(X, y, w, B, level, **kw):
        if level in (_fisher.SAMPLE_INFO, _fisher.SAMPLE_INFO_ANY_COST):
            inside_sample[0] = True
            try:
                return full_pass(X, y, w, B, level, **kw)
            finally:
                inside_sample[0] = False
        passes.append(("sample", level) if inside_sample[0] else level)
        return full_pass(X, y, w, B, level, **kw)

    monkeypatch.setattr(_fisher, "stats", counted)
    return passes


@pytest.mark.parametrize(("n", "p", "K"), [(20_000, 30, 4), (5_000, 12, 8), (3_000, 60, 3)])
def test_lazy_and_eager_fits_agree_on_wide_designs(n, p, K):
    formula, df = _wide(n, p, K, seed=n + p)
    data = mnlogit.fit(formula, df)._data
    lazy = estimate(data)
    eager = estimate(data, lazy=False)
    assert lazy.pending and not eager.pending
    assert lazy.converged and eager.converged
    se = np.sqrt(np.diag(eager.cov)).reshape(K - 1, data.p).T
    # within 1e-8 of a standard error, and of the coefficients' scale
    assert np.all(np.abs(lazy.B - eager.B) <= 1e-8 * se)
    np.testing.assert_allclose(lazy.B, eager.B, rtol=1e-8, atol=1e-8 * np.abs(eager.B).max())
    np.testing.assert_allclose(np.sqrt(np.diag(lazy.cov)), se.T.ravel(), rtol=1e-8)
    np.testing.assert_allclose(lazy.cov, eager.cov, rtol=1e-7, atol=1e-8 * np.abs(eager.cov).max())
    np.testing.assert_allclose(lazy.loglik, eager.loglik, rtol=1e-14)
    assert not lazy.pending


def test_a_lazy_fit_reads_the_information_once_and_only_when_asked(monkeypatch):
    formula, df = _wide()
    res = mnlogit.fit(formula, df)
    passes = _count_passes(monkeypatch)
    res.params, res.predict(df.iloc[:10]), res.llf, res.aic, res.pseudo_r2
    assert res._core.pending and passes == []
    bse = res.bse
    assert passes == [_fisher.INFO]
    res.cov_params(), res.conf_int(), res.summary(), res.wald_test("x1"), res.to_frame()
    assert passes == [_fisher.INFO]
    moved = res.with_ref(2)  # re-expressed from the one information already computed
    assert moved.bse.shape == bse.shape and passes == [_fisher.INFO]


def test_the_fit_itself_reads_no_information_matrix(monkeypatch):
    formula, df = _wide()
    passes = _count_passes(monkeypatch)
    res = mnlogit.fit(formula, df)
    assert res._core.pending
    assert _fisher.INFO not in passes
    assert passes.count(("sample", _fisher.INFO)) == 1  # the preconditioner's sample only


def test_small_models_keep_fisher_scoring_with_the_information_from_the_fit():
    for (case, name), (ref, weights) in refdata.CASES.items():
        m = refdata.model(case, name)
        res = mnlogit.fit(m["formula"], refdata.data(case), ref=ref, weights=weights)
        assert not res._core.pending  # computed by the scoring loop, as before
        assert res._core.computed is not None


def test_with_ref_of_a_lazy_fit_equals_with_ref_of_an_eager_one():
    formula, df = _wide(n=8_000, p=25, K=4)
    res = mnlogit.fit(formula, df)
    eager = mnlogit.MNLogitResults(res._data, estimate(res._data, lazy=False))
    assert res._core.pending
    a, b = res.with_ref(3), eager.with_ref(3)
    assert a._core.pending
    np.testing.assert_allclose(a.params, b.params, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(a.bse, b.bse, rtol=1e-8)
    assert not res._core.pending  # the original's information was computed for both


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_sandwich_covariances_of_lazy_fits(cov_type):
    formula, df = _wide(n=8_000, p=25, K=4)
    groups = np.arange(len(df)) % 40
    kw = {"groups": groups} if cov_type == "cluster" else {}
    res = mnlogit.fit(formula, df, cov_type=cov_type, **kw)
    eager = mnlogit.MNLogitResults(res._data, estimate(res._data, lazy=False), cov_type=cov_type)
    assert res._core.pending
    np.testing.assert_allclose(res.bse, eager.bse, rtol=1e-8)


def test_a_lazy_result_pickles_before_its_information_is_computed():
    formula, df = _wide(n=8_000, p=25, K=4)
    res = mnlogit.fit(formula, df)
    copy = pickle.loads(pickle.dumps(res))
    assert copy._core.pending
    np.testing.assert_array_equal(copy.bse, res.bse)


def test_a_lazy_fit_on_columns_in_extreme_units_keeps_one_copy_of_the_design():
    # such a fit runs on a copy of the design divided by powers of two, which its deferred
    # information kept: the result held (and pickled) the design twice, before and after its
    # standard errors were read (4.3 MB for a 2.1 MB design, in every result of a loop)
    formula, df = _wide(n=4_000, p=12, K=4)
    df = df.assign(x0=df["x0"] * 1e6, x1=df["x1"] * 1e-5)
    res = mnlogit.fit(formula, df)
    assert res._core.pending and res._core.scale is not None
    data = res._data
    kept = data.X.nbytes + data.y.nbytes + int(data.frame.memory_usage(deep=True).sum())
    before = pickle.dumps(res)
    assert len(before) < kept + data.X.nbytes / 4
    want = res.bse
    assert len(pickle.dumps(res)) < kept + data.X.nbytes / 4
    # the copy is made again, exactly, for the information of a result loaded elsewhere
    loaded = pickle.loads(before)
    assert loaded._core.pending
    pd.testing.assert_frame_equal(loaded.bse, want, check_exact=True)
    eager = mnlogit.MNLogitResults(data, estimate(data, lazy=False))
    np.testing.assert_allclose(want, eager.bse, rtol=1e-8)


def test_the_deferred_newton_check_reports_estimates_short_of_the_maximum():
    formula, df = _wide(n=8_000, p=25, K=4)
    data = mnlogit.fit(formula, df)._data
    core = estimate(data)
    information = InformationPass(data, None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # at the estimates: no warning
        deferred_information(information, core.B, core.loglik, 1e-10)
    off = core.B + 1e-3  # a thousandth off: far from the maximum in standard errors
    loglik = data.evaluator()(off, _fisher.LOGLIK).loglik
    with pytest.warns(ConvergenceWarning, match="short of the maximum"):
        _, cov = deferred_information(information, off, loglik, 1e-10)
    assert cov is not None  # the covariance at the reported coefficients is still given


def test_anova_refits_compute_no_information(monkeypatch):
    # the full fit's information is computed once, the refits' metric (which spares them
    # more passes than it costs), whether or not the standard errors were read first
    formula, df = _wide(n=8_000, p=25, K=4)
    res = mnlogit.fit(formula, df)
    passes = _count_passes(monkeypatch)
    table = res.anova()
    assert len(table) == 25 and passes.count(_fisher.INFO) == 1 and passes[0] == _fisher.INFO
    assert not res._core.pending


def _many_parameters(n, p, K, common=0.0, seed=1):
    """n rows, p predictors (with a common factor of sd ``common``), K outcomes."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) + common * rng.standard_normal((n, 1))
    B = rng.standard_normal((p, K)) / np.sqrt(p)
    y = np.argmax(X @ B + rng.gumbel(size=(n, K)), axis=1)
    return mnlogit.MNLogit(y, np.column_stack([np.ones(n), X]))._data


def test_the_sampled_information_is_taken_only_where_it_pays():
    # a sample of 10 rows per parameter costs 10 (pq)^2 against ~12 n pq for a gradient pass
    assert _fisher.sample_stride(100_000, 84) == 5
    assert _fisher.sample_stride(20_000, 804) is None  # ~27 gradient passes: declined
    assert _fisher.sample_stride(20_000, 804, any_cost=True) == 2
    # the limit, 10 k^2 = 4 x 12 n: k = 219 at n = 10,000
    assert _fisher.sample_stride(10_000, 215) is not None
    assert _fisher.sample_stride(10_000, 225) is None


def test_a_fit_with_many_parameters_skips_a_dear_sample(monkeypatch):
    data = _many_parameters(10_000, 170, 4)
    passes = _count_passes(monkeypatch)
    core = estimate(data)
    assert core.converged and core.pending
    assert ("sample", _fisher.INFO) not in passes and _fisher.INFO not in passes
    eager = estimate(data, quasi_newton_min=10**9)  # Fisher scoring throughout
    se = np.sqrt(np.diag(eager.cov)).reshape(data.q, data.p).T
    assert np.all(np.abs(core.B - eager.B) <= 1e-8 * se)


def test_a_slow_l_bfgs_phase_takes_the_sample_after_all(monkeypatch):
    # correlated columns: the Kronecker metric alone is slow; the sample, dear, pays then
    data = _many_parameters(8_000, 100, 4, common=3.0)
    passes = _count_passes(monkeypatch)
    core = estimate(data)
    assert core.converged and core.pending  # finished in the L-BFGS phase
    assert passes.count(("sample", _fisher.INFO)) == 1 and _fisher.INFO not in passes
    eager = estimate(data, quasi_newton_min=10**9)
    se = np.sqrt(np.diag(eager.cov)).reshape(data.q, data.p).T
    assert np.all(np.abs(core.B - eager.B) <= 1e-8 * se)
    np.testing.assert_allclose(np.sqrt(np.diag(core.cov)), se.T.ravel(), rtol=1e-8)
