"""The numeric core: chunked sums, the quasi-Newton phase, the rank check from X'WX."""

import threading
import time

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit import _fisher, _null, _pairs, _parallel, _solvers, _sums
from mnlogit._linalg import aliased_from_gram
from mnlogit._solvers import estimate

PLAIN = 10**9  # quasi_newton_min no model reaches: Fisher scoring from the start
QUASI = 1  # every model takes the L-BFGS phase first


def _data(case="synthetic", name="unweighted"):
    ref, weights = refdata.CASES[case, name]
    m = refdata.model(case, name)
    return mnlogit.fit(m["formula"], refdata.data(case), ref=ref, weights=weights)._data


def _simulated(n=3000, p=6, K=5, seed=3):
    """A design with correlated, unequally scaled columns and unequal outcome shares."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, p - 1)) @ rng.standard_normal((p - 1, p - 1))
    X = np.column_stack([np.ones(n), Z * np.array([1, 10, 0.1, 3, 1][: p - 1])])
    B = rng.standard_normal((p, K)) / np.abs(X).mean(axis=0)[:, None] * 0.4
    B[0] = np.linspace(-1.5, 1, K)
    y = np.argmax(X @ B + rng.gumbel(size=(n, K)), axis=1)
    w = rng.integers(0, 4, n).astype(float)
    return X, y, w


def chunk_stats(X, y, w, B, level):
    """The sums ``level`` asks for over every row as one block: what the chunked, threaded
    passes must add up to."""
    sums = _fisher._Sums(B.shape[0], B.shape[1], level, _fisher.Scratch())
    sums.add(X, y, w, B)
    return sums.stats()


def _counting(evaluate):
    calls = []

    def counted(B, level):
        calls.append(level)
        return evaluate(B, level)

    return counted, calls


@pytest.mark.parametrize("case_name", list(refdata.CASES))
def test_quasi_newton_path_equals_plain_fisher_scoring(case_name):
    data = _data(*case_name)
    plain = estimate(data, quasi_newton_min=PLAIN)
    quasi = estimate(data, quasi_newton_min=QUASI)
    assert plain.converged and quasi.converged
    np.testing.assert_allclose(quasi.loglik, plain.loglik, rtol=1e-10)
    np.testing.assert_allclose(quasi.B, plain.B, rtol=1e-7, atol=1e-9 * np.abs(plain.B).max())
    # the information is taken at the optimum: standard errors agree far below the reference's
    np.testing.assert_allclose(np.diag(quasi.cov), np.diag(plain.cov), rtol=1e-8)


def test_quasi_newton_path_computes_one_information_matrix():
    X, y, w = _simulated()
    counts = np.bincount(y, weights=w, minlength=5)
    B0 = _null.null_start(counts, X.shape[1], 0)

    def evaluate(B, level):
        return _fisher.stats(X, y, w, B, level, threads=1)

    quasi_eval, quasi_calls = _counting(evaluate)
    quasi = _solvers.fisher_scoring(quasi_eval, B0, quasi_newton_min=QUASI, shares=counts)
    plain_eval, plain_calls = _counting(evaluate)
    plain = _solvers.fisher_scoring(plain_eval, B0, quasi_newton_min=PLAIN)
    assert quasi.converged and plain.converged
    assert quasi_calls.count(_fisher.INFO) == 1 and quasi_calls.count(_fisher.GRAM) == 1
    # the information is computed by the last L-BFGS step's own pass, not one pass later
    assert quasi_calls[-1] == _fisher.INFO and quasi_calls[-2] == _fisher.SCORE
    assert quasi_calls.count(_fisher.SCORE) == quasi.n_iter
    assert plain_calls.count(_fisher.INFO) == plain.n_iter + 1 >= 4
    np.testing.assert_allclose(quasi.loglik, plain.loglik, rtol=1e-10)
    np.testing.assert_allclose(quasi.B, plain.B, rtol=1e-7, atol=1e-9 * np.abs(plain.B).max())
    np.testing.assert_allclose(quasi.cov, plain.cov, rtol=1e-7, atol=1e-9 * np.abs(plain.cov).max())


def test_bohning_preconditioner_without_shares_reaches_the_same_optimum():
    X, y, w = _simulated(seed=5)
    counts = np.bincount(y, weights=w, minlength=5)
    B0 = _null.null_start(counts, X.shape[1], 0)

    def evaluate(B, level):
        return _fisher.stats(X, y, w, B, level, threads=1)

    plain = _solvers.fisher_scoring(evaluate, B0, quasi_newton_min=PLAIN)
    bound = _solvers.fisher_scoring(evaluate, B0, quasi_newton_min=QUASI, shares=None)
    assert bound.converged
    np.testing.assert_allclose(bound.loglik, plain.loglik, rtol=1e-10)
    np.testing.assert_allclose(bound.B, plain.B, rtol=1e-7, atol=1e-9 * np.abs(plain.B).max())


def test_evaluator_without_gram_falls_back_to_fisher_scoring():
    data = _data("anes96", "main")
    inner = data.evaluator(threads=1)

    def no_gram(B, level):
        if level == _fisher.GRAM:
            return _fisher.Stats(0.0, None, None)  # declined, as a distributed engine may
        return inner(B, level)

    counted, calls = _counting(no_gram)
    B0 = _null.null_start(data.outcome_counts(), data.p, data.intercept)
    res = _solvers.fisher_scoring(counted, B0, quasi_newton_min=QUASI)
    plain = estimate(data, quasi_newton_min=PLAIN)
    assert _fisher.SCORE not in calls  # no L-BFGS step was taken
    assert res.n_iter == plain.n_iter
    np.testing.assert_allclose(res.B, plain.B, rtol=1e-12)


def test_quasi_newton_path_chunked_threaded_equals_single_chunk():
    data = _data("synthetic", "weighted")
    one = estimate(data, threads=1, chunk=len(data.y), quasi_newton_min=QUASI)
    many = estimate(data, threads=2, chunk=97, quasi_newton_min=QUASI)
    np.testing.assert_allclose(many.loglik, one.loglik, rtol=1e-12)
    np.testing.assert_allclose(many.B, one.B, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(many.cov, one.cov, rtol=1e-8, atol=1e-15)


@pytest.mark.parametrize("K", [5, _fisher.PAIRWISE_MIN_Q + 2])
@pytest.mark.parametrize("level", [_fisher.GRAM, _fisher.LOGLIK, _fisher.SCORE, _fisher.INFO])
def test_chunked_threaded_sums_equal_one_block(level, K):
    X, y, w = _simulated(n=2500, K=K)
    B = np.random.default_rng(0).standard_normal((X.shape[1], K - 1)) * 0.05
    whole = chunk_stats(X, y, w, B, level)
    for threads, chunk in [(1, 1), (2, 333), (3, 2500)]:
        got = _fisher.stats(X, y, w, B, level, threads=threads, chunk=chunk)
        np.testing.assert_allclose(got.loglik, whole.loglik, rtol=1e-12)
        for a, b in [(got.score, whole.score), (got.info, whole.info)]:
            assert (a is None) == (b is None)
            if a is not None:
                np.testing.assert_allclose(a, b, rtol=1e-11, atol=1e-11 * np.abs(b).max())


@pytest.mark.parametrize("K", [3, _fisher.PAIRWISE_MIN_Q + 2])  # stacked, unique entries
def test_information_and_gram_against_their_definitions(K):
    X, y, w = _simulated(n=400, p=4, K=K)
    q = K - 1
    B = np.random.default_rng(1).standard_normal((4, q)) * 0.1
    s = chunk_stats(X, y, w, B, _fisher.INFO)
    P = _fisher.probabilities(X, B)[:, :q]
    want = np.zeros((4 * q, 4 * q))
    for i in range(len(y)):  # the textbook sum over rows, W_i kron x_i x_i'
        W = np.diag(P[i]) - np.outer(P[i], P[i])
        want += w[i] * np.kron(W, np.outer(X[i], X[i]))
    np.testing.assert_allclose(s.info, want, rtol=1e-10, atol=1e-10 * np.abs(want).max())
    assert np.array_equal(s.info, s.info.T)  # exactly symmetric: Cholesky reads one triangle
    np.testing.assert_allclose(_fisher.gram(X, w)[0], X.T @ (X * w[:, None]), rtol=1e-12)
    np.testing.assert_allclose(_fisher.gram(X, None, chunk=37)[0], X.T @ X, rtol=1e-12)
    G, by_outcome = _fisher.gram(X, w, y=y, levels=K, threads=2, chunk=37)
    Y = (y[:, None] == np.arange(K)).astype(float)
    np.testing.assert_allclose(G, X.T @ (X * w[:, None]), rtol=1e-12)
    np.testing.assert_allclose(by_outcome, X.T @ (Y * w[:, None]), rtol=1e-12, atol=1e-12)


def test_max_iter_bounds_both_phases():
    data = _data("anes96", "main")
    res = estimate(data, max_iter=6, quasi_newton_min=QUASI)
    assert res.n_iter <= 6 and not res.converged


def test_separated_data_through_the_quasi_newton_path_are_flagged():
    df = refdata.data("risk")
    with pytest.warns(mnlogit.MNLogitWarning):
        data = mnlogit.fit("risk ~ age + income", df, ref="low")._data
    res = estimate(data, quasi_newton_min=QUASI)
    assert not res.converged and res.diverged
    assert res.n_iter <= 100


def aliased_columns(X: np.ndarray, w: np.ndarray) -> list[int]:
    """Aliased columns of a design, through its weighted Gram matrix as model building does."""
    return aliased_from_gram(_fisher.gram(X, w)[0])


def test_rank_check_from_gram_names_aliased_columns():
    X, _, w = _simulated(n=500)
    w[::7] = 0.0
    assert aliased_columns(X, w) == []
    Xa = np.column_stack([X[:, :3], X[:, 1] - 2 * X[:, 2], X[:, 3:], np.zeros(len(X))])
    assert aliased_columns(Xa, w) == [3, Xa.shape[1] - 1]
    # a column that differs from an earlier one only on rows of weight zero is aliased too
    Xw = np.column_stack([X, X[:, 1] + (w == 0)])
    assert aliased_columns(Xw, w) == [X.shape[1]]
    assert aliased_from_gram(Xa.T @ (Xa * w[:, None])) == [3, Xa.shape[1] - 1]


def test_rank_check_gram_serves_the_fit_and_is_dropped_by_derived_data():
    data = _data("synthetic", "weighted")
    gram = data.cached("gram")
    assert np.allclose(gram, _fisher.gram(data.X, data.w)[0], rtol=1e-12, atol=0)
    evaluate = data.evaluator()
    assert evaluate(np.zeros((data.p, data.q)), _fisher.GRAM).info is gram
    assert data.subset_rows(data.w > 1).cached("gram") is None
    # a subset of the columns keeps their rows and columns of X'WX (no pass to recompute it)
    np.testing.assert_array_equal(
        data.subset_columns([0, 2]).cached("gram"), gram[np.ix_([0, 2], [0, 2])]
    )
    assert data.recode(data.levels, data.levels[-1]).cached("gram") is gram


def test_sampled_information_approximates_the_full_one():
    X, y, w = _simulated(n=40_000, K=5)  # large enough for a strided sample of rows
    B = np.random.default_rng(2).standard_normal((X.shape[1], 4)) * 0.05
    full = _fisher.stats(X, y, w, B, _fisher.INFO, threads=1).info
    sample = _fisher.stats(X, y, w, B, _fisher.SAMPLE_INFO, threads=2).info
    assert np.array_equal(sample, sample.T)
    # the sample's information, scaled to the total weight, is the full one up to sampling
    # error: every generalised eigenvalue near 1 (a wrong scale or layout would move them all)
    ratio = np.linalg.eigvalsh(
        np.linalg.solve(
            np.linalg.cholesky(full), np.linalg.solve(np.linalg.cholesky(full), sample).T
        )
    )
    assert 0.7 < ratio.min() and ratio.max() < 1.3
    assert not np.allclose(sample, full, rtol=1e-6)  # it is a sample, not all rows


def test_an_evaluator_reuses_its_work_arrays_from_pass_to_pass():
    data = _data("synthetic", "weighted")
    evaluate = data.evaluator(threads=2, chunk=97)
    B = np.zeros((data.p, data.q))
    first = evaluate(B, _fisher.INFO)
    taken = [dict(s._buffers) for s in evaluate.scratch]
    assert all(taken)  # both workers took work arrays
    evaluate(B + 0.01, _fisher.SCORE)
    evaluate(B, _fisher.SAMPLE_INFO)
    again = evaluate(B, _fisher.INFO)
    for scratch, before in zip(evaluate.scratch, taken, strict=True):
        assert all(scratch._buffers[key] is buf for key, buf in before.items())
    assert np.array_equal(again.info, first.info)  # nothing left over from other passes


def test_a_small_designs_work_arrays_stay_a_fraction_of_it():
    p, q = 11, 2
    for n in (2_000, 10_000, 50_000):
        for level in (_fisher.SCORE, _fisher.INFO):
            rows = _fisher._pass_rows(p, q, level, n)
            work = rows * (p * q + p + q + 3 if level == _fisher.INFO else q + 6)
            assert rows == 256 or work <= _fisher.WORK_SHARE_OF_DESIGN * n * p
    # a large design is read in chunks sized for the cache alone
    assert _fisher._pass_rows(p, q, _fisher.INFO, 10**6) == _fisher._pass_rows(p, q, _fisher.INFO)


@pytest.mark.parametrize("weighted", [False, True])
def test_the_intercept_only_start_needs_no_pass(weighted, monkeypatch):
    data = _data("synthetic", "weighted" if weighted else "unweighted")
    assert data.cached("by_outcome") is not None and data.intercept is not None
    B = _null.null_start(data.outcome_counts(), data.p, data.intercept)
    for level in (_fisher.LOGLIK, _fisher.SCORE):
        known = _null.equal_rows_stats(B, data.cached("by_outcome"), data.intercept, level)
        full = _fisher.stats(data.X, data.y, data.w, B, level, threads=1)
        np.testing.assert_allclose(known.loglik, full.loglik, rtol=1e-13)
        if level == _fisher.SCORE:
            scale = np.abs(data.X).max() * data.w.sum()
            np.testing.assert_allclose(known.score, full.score, rtol=0, atol=1e-13 * scale)
    B[(data.intercept + 1) % data.p, 0] = 1e-3  # a slope: rows differ, a pass is needed
    assert (
        _null.equal_rows_stats(B, data.cached("by_outcome"), data.intercept, _fisher.SCORE) is None
    )
    passes = []
    full_pass = _fisher.stats
    monkeypatch.setattr(_fisher, "stats", lambda *a, **k: passes.append(a[4]) or full_pass(*a, **k))
    counted, calls = _counting(data.evaluator())
    start = _null.null_start(data.outcome_counts(), data.p, data.intercept)
    _solvers.fisher_scoring(counted, start, quasi_newton_min=1, shares=data.outcome_counts())
    assert calls[:2] == [_fisher.GRAM, _fisher.SCORE]
    # neither X'WX nor the start's score read the rows
    assert _fisher.GRAM not in passes
    assert passes.count(_fisher.SCORE) == calls.count(_fisher.SCORE) - 1
    # derived data drop the totals: other rows, other outcome coding; a subset of the
    # columns keeps theirs
    assert data.subset_rows(data.w > 1).cached("by_outcome") is None
    assert data.recode(data.levels, data.levels[-1]).cached("by_outcome") is None
    np.testing.assert_array_equal(
        data.subset_columns([0, 1]).cached("by_outcome"), data.cached("by_outcome")[[0, 1]]
    )


def test_a_column_named_intercept_that_is_not_ones_gets_no_shortcut():
    X, y, _ = _simulated(n=2000, p=4, K=3)
    X = X.copy()
    X[:, 0] = np.linspace(0.5, 1.5, len(X))  # named "Intercept", not constant
    named = pd.DataFrame(X, columns=["Intercept", "a", "b", "c"])
    data = mnlogit.MNLogit(pd.Series(y), named)._data
    assert data.intercept is None  # the name alone makes no intercept (the null model's)
    assert not _sums.is_ones_column(
        data.cached("sum_squares")[0], data.cached("by_outcome"), 0, data.sum_weights
    )
    with_ones = mnlogit.MNLogit(pd.Series(y), named.assign(Intercept=1.0))._data
    assert _sums.is_ones_column(
        with_ones.cached("sum_squares")[0], with_ones.cached("by_outcome"), 0, with_ones.sum_weights
    )
    start = _null.null_start(data.outcome_counts(), data.p, 0)  # column 0's row alone
    got = data.evaluator()(start, _fisher.SCORE)  # a pass: rows differ at this start
    want = _fisher.stats(data.X, data.y, data.w, start, _fisher.SCORE, threads=1)
    np.testing.assert_allclose(got.score, want.score, rtol=1e-12, atol=1e-9)
    quasi = estimate(data, quasi_newton_min=QUASI)
    plain = estimate(data, quasi_newton_min=PLAIN)
    np.testing.assert_allclose(quasi.loglik, plain.loglik, rtol=1e-10)
    np.testing.assert_allclose(quasi.B, plain.B, rtol=1e-7, atol=1e-9 * np.abs(plain.B).max())


def test_run_split_keeps_order_and_waits_for_the_workers_when_the_caller_fails():
    assert _parallel.run_split(lambda k: k * k, 3) == [0, 1, 4]
    done = []

    def task(k):
        if k == 0:
            raise ValueError("part 0")
        time.sleep(0.05)
        done.append(threading.current_thread().name)
        return k

    with pytest.raises(ValueError, match="part 0"):
        _parallel.run_split(task, 3)
    assert len(done) == 2 and all(name.startswith("mnlogit") for name in done)


@pytest.mark.parametrize("K", [5, _fisher.PAIRWISE_MIN_Q + 2])
def test_unit_weights_given_as_none_sum_as_ones_do(K):
    X, y, _ = _simulated(n=3000, K=K)
    B = np.random.default_rng(4).standard_normal((X.shape[1], K - 1)) * 0.05
    ones = np.ones(len(y))
    levels = (_fisher.LOGLIK, _fisher.SCORE, _fisher.INFO, _fisher.SAMPLE_INFO, _fisher.GRAM)
    for level in levels:
        got = _fisher.stats(X, y, None, B, level, threads=2, chunk=333)
        want = _fisher.stats(X, y, ones, B, level, threads=2, chunk=333)
        np.testing.assert_allclose(got.loglik, want.loglik, rtol=1e-13)
        for a, b in [(got.score, want.score), (got.info, want.info)]:
            assert (a is None) == (b is None)
            if a is not None:
                np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12 * np.abs(b).max())


def test_the_pair_layout_cache_keeps_nothing_of_the_informations_size():
    p, q = 60, _fisher.PAIRWISE_MIN_Q + 1
    rng = np.random.default_rng(7)
    X = rng.standard_normal((2000, p))
    y = rng.integers(0, q + 1, 2000)
    w = rng.integers(1, 3, 2000).astype(float)
    B = rng.standard_normal((p, q)) * 0.05
    info = _fisher.stats(X, y, w, B, _fisher.INFO, threads=1).info
    layout = _pairs.pair_layout(p, q)
    kept = sum(a.nbytes for a in layout)
    assert kept <= 8 * (2 * p * p + 2 * q * q + 2 * p) < info.nbytes / 10
    # the unpacked matrix is the one the definition gives: every (j, k) block from its pair
    whole = chunk_stats(X, y, w, B, _fisher.INFO).info
    np.testing.assert_allclose(info, whole, rtol=1e-11, atol=1e-11 * np.abs(whole).max())
    assert np.array_equal(info, info.T)


def test_a_long_step_left_is_measured_in_unit_columns_and_the_tolerance_asked_for():
    # a step left longer than 1e-3 is no convergence (separation's steps stay about
    # 1 / margin while the decrement vanishes), in units of columns of root mean square
    # near 1, and past sqrt(tol) for a tolerance looser than 1e-6
    from mnlogit._quasi_newton import LONG_STEP, long_step

    d = np.array([[0.0, 2 * LONG_STEP], [-5.0, 0.0]])
    assert long_step(d, None, 1e-10)
    assert long_step(d, lambda: np.array([1.0, 1e-3]), 1e-10)  # 2e-3 in a unit column
    assert not long_step(d, lambda: np.array([1e-3, 2.0**-20]), 1e-10)
    assert not long_step(d * 1e-4, None, 1e-10)
    assert long_step(d, None, 1e-2) and not long_step(d / 100, None, 1e-2)


def test_a_step_short_in_the_columns_own_units_is_long_in_units_of_a_large_column():
    # a column of root mean square 7e10 (x of 1e12 beside values in [0, 1]) on dask, whose
    # fit runs in the columns' own units: a step of 1e-12 is 0.07 in its units
    from mnlogit._quasi_newton import long_step

    d = np.array([[1e-13, 1e-13], [1e-12, 5e-13]])
    assert long_step(d, lambda: np.array([1.0, 2.0**36]), 1e-10)
    assert not long_step(d, lambda: np.array([1.0, 2.0**20]), 1e-10)


def test_the_kronecker_metric_of_an_outcome_share_of_1e_25_is_exact_and_silent():
    # linalg.inv of S = diag(pi) - pi pi' (rcond 1e-25) emitted scipy's LinAlgWarning from
    # an in-memory fit of probability weights 1e-25 on one outcome's rows
    import warnings

    from mnlogit._quasi_newton import _kronecker_metric

    pi = np.array([0.4, 1e-25, 0.3])
    S = np.diag(pi) - np.outer(pi, pi)
    G = np.array([[2.0, 0.5], [0.5, 1.0]])
    V = np.arange(6.0).reshape(2, 3) + 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        solve = _kronecker_metric(G, S)
        assert solve is not None
        got = solve(V)
    # S^-1 = diag(1 / pi) + 11' / pi_ref (Sherman-Morrison)
    S_inv = np.diag(1 / pi) + 1 / (1 - pi.sum())
    np.testing.assert_allclose(got, np.linalg.solve(G, V) @ S_inv, rtol=1e-12)
