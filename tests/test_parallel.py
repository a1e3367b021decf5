"""The worker pool and the BLAS limit under the ways programs share a process: threads
running fits at the same time, and children forked after a fit."""

import multiprocessing
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pytest
import threadpoolctl
from threadpoolctl import threadpool_info, threadpool_limits

import mnlogit
from mnlogit import _parallel

FORMULA = "y ~ x + z + C(g)"
# fork from a process with threads is deprecated from Python 3.12 on; the fork is the point
forking = pytest.mark.filterwarnings("ignore:.*fork.*:DeprecationWarning")


def _data(n: int = 4000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {"x": rng.normal(size=n), "z": rng.normal(size=n), "g": rng.choice(list("abc"), n)}
    )
    eta = np.column_stack([0 * df.x, 0.8 * df.x - 0.3, -0.5 * df.z + (df.g == "b")])
    u = eta + rng.gumbel(size=eta.shape)
    df["y"] = np.array(["car", "bus", "walk"])[u.argmax(axis=1)]
    return df


def _blas_threads() -> dict[str, int]:
    return {i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}


def _set_from_another_thread(limits) -> None:
    # threadpoolctl (from 3.8) gives the control of OpenBLAS's pool to the thread that sets
    # it until that thread lets go or ends: set it from a thread that then ends, as if
    # another part of the program had, so that the fits' threads can change it
    setter = threading.Thread(target=threadpool_limits, kwargs={"limits": limits})
    setter.start()
    setter.join()


@pytest.fixture
def blas_at_3():
    """BLAS at 3 threads (not what any library sets by default), put back afterwards."""
    found = _blas_threads()
    _set_from_another_thread({path: 3 for path in found})
    assert set(_blas_threads().values()) == {3}
    yield _blas_threads()
    _set_from_another_thread(found)


# --- fork -------------------------------------------------------------------------------------
def _fit_in_child(seed: int) -> tuple[float, list]:
    # run_split directly too: it is what waited forever on the parent's pool
    assert _parallel.run_split(lambda k: k + seed, 2) == [seed, seed + 1]
    res = mnlogit.fit(FORMULA, _data(seed=seed))
    return res.llf, res.params.to_numpy().tolist()


@forking
def test_a_child_forked_after_a_fit_can_fit(monkeypatch):
    # small data split across threads, so that the fits use the shared pool on any machine
    monkeypatch.setattr(_parallel, "MIN_ROWS_PER_THREAD", 500)
    parent = {seed: mnlogit.fit(FORMULA, _data(seed=seed)) for seed in (1, 2)}
    assert _parallel.run_split(lambda k: k, 2) == [0, 1]
    assert _parallel._POOLS, "the parent has no pool: the test would not test the fork"
    _assert_children_fit_as_parent(_fit_in_child, parent)


def _assert_children_fit_as_parent(fit_in_child, parent: dict) -> None:
    with multiprocessing.get_context("fork").Pool(2) as pool:
        job = pool.map_async(fit_in_child, list(parent))
        try:
            got = job.get(timeout=60)
        except multiprocessing.TimeoutError:
            pool.terminate()
            pytest.fail("a fit in a forked child did not finish (the parent's pool was used)")
    for seed, (llf, params) in zip(parent, got, strict=True):
        assert llf == pytest.approx(parent[seed].llf, rel=1e-12)
        np.testing.assert_allclose(params, parent[seed].params, rtol=1e-9, atol=1e-12)


def _dask_fit_in_child(seed: int) -> tuple[float, list]:
    import dask.dataframe as dd

    res = mnlogit.fit(FORMULA, dd.from_pandas(_data(seed=seed), npartitions=3))
    return res.llf, res.params.to_numpy().tolist()


@pytest.mark.slow  # as the other tests of the dask engine
@forking
def test_a_child_forked_after_a_dask_fit_can_fit_a_dask_dataframe():
    # dask's threaded scheduler kept the parent's executor in the child, whose threads did
    # not come along: the child's fit queued its first pass for them and waited forever
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    with dask.config.set(scheduler="threads"):
        parent = {seed: mnlogit.fit(FORMULA, _data(seed=seed)) for seed in (1, 2)}
        mnlogit.fit(FORMULA, dd.from_pandas(_data(n=300), npartitions=3))
        _assert_children_fit_as_parent(_dask_fit_in_child, parent)


def _child_blas_threads(_) -> dict[str, int]:
    return _blas_threads()


@contextmanager
def _held_by_another_thread(context):
    """Meanwhile, another thread is inside ``context`` (as a fit in another thread)."""
    entered, release = threading.Event(), threading.Event()

    def hold():
        with context:
            entered.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert entered.wait(60)
        yield
    finally:
        release.set()
        holder.join()


@forking
def test_a_child_forked_while_a_fit_holds_the_blas_limit_gets_its_threads_back(blas_at_3):
    with _held_by_another_thread(_parallel.single_threaded_blas()):
        assert set(_blas_threads().values()) == {1}
        with multiprocessing.get_context("fork").Pool(1) as pool:
            child = pool.map_async(_child_blas_threads, [0]).get(timeout=60)[0]
    assert child == blas_at_3  # the fit holding the limit did not come along
    assert _blas_threads() == blas_at_3  # and the parent's holder restored it on leaving


def _child_limits_blas(_) -> dict[str, int]:
    with _parallel.single_threaded_blas():  # a fit's limit, lowered and restored
        assert set(_blas_threads().values()) == {1}
    return _blas_threads()


@forking
def test_a_child_forked_while_a_thread_sets_blas_threads_can_set_them(blas_at_3):
    # threadpoolctl's lock on OpenBLAS's thread count, held by a thread of the parent at the
    # fork, stayed held in the child: restoring the count a fit held hung the child
    state = getattr(threadpoolctl.OpenBLASController, "_SHARED_STATE", None)
    if state is None:
        pytest.skip("this threadpoolctl has no lock on OpenBLAS's thread count")
    with _held_by_another_thread(_parallel.single_threaded_blas()):
        with (
            _held_by_another_thread(state.lock),
            multiprocessing.get_context("fork").Pool(1) as pool,
        ):
            job = pool.map_async(_child_limits_blas, [0])
            try:
                child = job.get(timeout=60)[0]
            except multiprocessing.TimeoutError:
                pool.terminate()
                pytest.fail("the forked child waited for a lock its parent's thread held")
    assert child == blas_at_3
    assert _blas_threads() == blas_at_3


# --- BLAS threads -----------------------------------------------------------------------------
def _in_thread(action) -> None:
    worker = threading.Thread(target=action)
    worker.start()
    worker.join()


def test_overlapping_limits_restore_the_count_when_the_last_one_leaves(blas_at_3):
    first, second = _parallel.single_threaded_blas(), _parallel.single_threaded_blas()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first in leaves first: the second still runs
    assert set(_blas_threads().values()) == {1}
    second.__exit__(None, None, None)
    assert _blas_threads() == blas_at_3
    with _parallel.single_threaded_blas():  # and an exception on the way out is no leak
        with pytest.raises(KeyError), _parallel.single_threaded_blas():
            raise KeyError("x")
        assert set(_blas_threads().values()) == {1}
    assert _blas_threads() == blas_at_3


def test_a_limit_lowered_in_one_thread_is_restored_from_another(blas_at_3):
    # the first fit in and the last one out are often different threads, both still alive
    first, second = _parallel.single_threaded_blas(), _parallel.single_threaded_blas()
    entered, release = threading.Event(), threading.Event()

    def hold():
        with first:
            entered.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    assert entered.wait(60)
    _in_thread(second.__enter__)
    release.set()
    holder.join()
    assert set(_blas_threads().values()) == {1}
    _in_thread(lambda: second.__exit__(None, None, None))
    assert _blas_threads() == blas_at_3


def test_a_fit_inside_the_users_own_limit_leaves_it_in_place(blas_at_3):
    df = _data(3000)
    with threadpool_limits(limits=2, user_api="blas"):
        mnlogit.fit(FORMULA, df)
        assert set(_blas_threads().values()) == {2}
    assert _blas_threads() == blas_at_3


def test_concurrent_fits_leave_the_blas_thread_count_as_they_found_it(blas_at_3):
    df = _data(3000)
    lone = mnlogit.fit(FORMULA, df, cov_type="robust")
    assert _blas_threads() == blas_at_3
    start = threading.Barrier(8)

    def one(_):
        start.wait(60)
        return mnlogit.fit(FORMULA, df, cov_type="robust")

    with ThreadPoolExecutor(8) as ex:
        results = list(ex.map(one, range(8)))
    assert _blas_threads() == blas_at_3
    for res in results:
        assert res.llf == lone.llf
        pd.testing.assert_frame_equal(res.params, lone.params, check_exact=True)
        pd.testing.assert_frame_equal(res.bse, lone.bse, check_exact=True)


def test_while_a_fit_holds_the_limit_other_fits_see_the_users_thread_count(blas_at_3, monkeypatch):
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert _parallel._held_originals() is None
    with _parallel.single_threaded_blas():
        assert set(_blas_threads().values()) == {1}
        assert _parallel._held_originals() == {"blas": 3}
    assert _parallel._held_originals() is None


def test_while_a_fit_lowers_the_limit_other_fits_see_the_users_thread_count(blas_at_3, monkeypatch):
    # BLAS was lowered before the counts it replaced were kept: a fit in another thread
    # counting its workers in between read 1 as the user's limit and ran on one thread
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    allowed = _parallel.user_thread_limit()  # 3, or fewer when OpenMP has fewer
    assert allowed is not None and allowed > 1
    lowered, resume = threading.Event(), threading.Event()
    change = _parallel._set_blas_threads

    def pausing(limit):
        out = change(limit)
        if not lowered.is_set():  # BLAS lowered, the fit not yet past its entry
            lowered.set()
            resume.wait(60)
        return out

    monkeypatch.setattr(_parallel, "_set_blas_threads", pausing)

    def fit():
        with _parallel.single_threaded_blas():
            pass

    seen = []
    fitting = threading.Thread(target=fit)
    # the count is read under the limit's lock, which the fit holds while it lowers BLAS:
    # read in the main thread, it waited out the pause (a minute) and tested nothing
    reading = threading.Thread(target=lambda: seen.append(_parallel.user_thread_limit()))
    fitting.start()
    try:
        assert lowered.wait(60)
        assert set(_blas_threads().values()) == {1}
        reading.start()
        reading.join(0.2)  # a read that does not wait for the fit's entry is done by now
    finally:
        resume.set()
        fitting.join(60)
        reading.join(60)
    assert not fitting.is_alive() and not reading.is_alive()
    assert seen == [allowed]
    assert _blas_threads() == blas_at_3


def test_a_fit_entering_the_limit_while_another_counts_its_workers_is_not_read(
    blas_at_3, monkeypatch
):
    # the counts the limit replaced were read, then the library's count: a fit in another
    # thread entering the limit in between (none replaced yet, BLAS lowered by then) made 1,
    # the package's own limit, the count of the first fit's workers
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    allowed = _parallel.user_thread_limit()
    assert allowed is not None and allowed > 1
    lowered, read = threading.Event(), threading.Event()
    held = _parallel._held_originals

    def enter():
        with _parallel.single_threaded_blas():
            lowered.set()
            read.wait(60)

    def racing():
        out = held()
        if not lowered.is_set():
            fitting = threading.Thread(target=enter)
            fitting.start()
            lowered.wait(0.3)  # the fit waits for the reader's lock, if it takes one
            racing.fitting = fitting
        return out

    monkeypatch.setattr(_parallel, "_held_originals", racing)
    try:
        seen = _parallel.user_thread_limit()
    finally:
        read.set()
        racing.fitting.join(60)
    assert seen == allowed
    assert _blas_threads() == blas_at_3


def test_a_fit_outlasting_a_users_limit_in_another_thread_leaves_the_count_it_restored(
    blas_at_3, monkeypatch
):
    # the user's block lowers BLAS to 1 and a fit starts (finding 1); the block ends and
    # restores 3, then the fit ends: putting back the 1 it found left BLAS, and every later
    # fit's workers, at one thread for good
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    # 3, or fewer when an OpenMP library loaded by an earlier test (scikit-learn's) has fewer
    allowed = _parallel.user_thread_limit()
    inside, done = threading.Event(), threading.Event()

    def user_block():
        with threadpool_limits(limits=1, user_api="blas"):
            inside.set()
            done.wait(60)

    user = threading.Thread(target=user_block)
    user.start()
    assert inside.wait(60)
    fit = _parallel.single_threaded_blas()
    fit.__enter__()
    done.set()
    user.join()
    assert _blas_threads() == blas_at_3
    fit.__exit__(None, None, None)
    assert _blas_threads() == blas_at_3
    assert _parallel.user_thread_limit() == allowed


@pytest.mark.parametrize("limit", [1, 2])
def test_a_users_limit_begun_while_a_fit_holds_blas_does_not_keep_it_at_one(
    blas_at_3, monkeypatch, limit
):
    # the user's block (scikit-learn's KMeans holds BLAS at 1 so) begins while a fit in
    # another thread holds BLAS at 1, and records that 1 as the count to put back; the fit
    # ends first (its restore ignored or outlived), the block then puts back 1: BLAS, and
    # every later fit's workers, at one thread for good
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    allowed = _parallel.user_thread_limit()
    holding, left = threading.Event(), threading.Event()

    def fit():
        with _parallel.single_threaded_blas():
            holding.set()
            left.wait(60)

    fitting = threading.Thread(target=fit)
    fitting.start()
    assert holding.wait(60)
    with threadpool_limits(limits=limit, user_api="blas"):
        left.set()
        fitting.join(60)
    assert set(_blas_threads().values()) == {1}  # the block's doing, not the package's
    assert _parallel.user_thread_limit() == allowed
    with _parallel.single_threaded_blas():  # the next fit
        pass
    assert _blas_threads() == blas_at_3


def test_a_users_limit_begun_while_a_fit_lowers_blas_does_not_keep_it_at_one(
    blas_at_3, monkeypatch
):
    # the block begins while the fit's thread controls OpenBLAS's count (lowering it): the
    # block's own setting is ignored, it records the package's 1, the fit puts back 3 on
    # leaving, and the block, leaving last, puts back 1 for good
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    allowed = _parallel.user_thread_limit()
    change = _parallel._set_blas_threads
    lowering, begun, left = threading.Event(), threading.Event(), threading.Event()

    def pausing(limit):
        def paused():
            out = limit()
            if not lowering.is_set():  # BLAS lowered, the control not yet let go
                lowering.set()
                begun.wait(60)
            return out

        return change(paused)

    monkeypatch.setattr(_parallel, "_set_blas_threads", pausing)

    def user_block():
        assert lowering.wait(60)
        with threadpool_limits(limits=2, user_api="blas"):
            begun.set()
            left.wait(60)

    user = threading.Thread(target=user_block)
    user.start()
    with _parallel.single_threaded_blas():
        pass
    assert _blas_threads() == blas_at_3
    left.set()
    user.join(60)
    assert _parallel.user_thread_limit() == allowed
    with _parallel.single_threaded_blas():  # the next fit
        pass
    assert _blas_threads() == blas_at_3


def test_a_users_limit_of_one_is_kept_where_threadpoolctl_records_no_holder(blas_at_3, monkeypatch):
    # threadpoolctl before 3.8 records no thread as holding OpenBLAS's count: a 1 found
    # there cannot be told from the leftover of an overlapping block, and a user's own
    # threadpool_limits(1) around a fit must still hold (the fit read 3, the count an
    # earlier fit had found)
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with _parallel.single_threaded_blas():  # an earlier fit, which finds 3
        pass
    monkeypatch.setattr(_parallel, "_openblas_state", lambda: None)
    with threadpool_limits(limits=1, user_api="blas"):
        assert _parallel.user_thread_limit() == 1
        with _parallel.single_threaded_blas():
            pass
        assert set(_blas_threads().values()) == {1}
    assert _blas_threads() == blas_at_3


# --- warning filters --------------------------------------------------------------------------
def test_concurrent_fits_leave_the_warning_filters_as_they_found_them():
    # building a design set its filters with catch_warnings, which puts back the whole list
    # it found: two fits overlapping left the first one's filters in force for good
    # (FutureWarnings ignored, formulaic's DataMismatchWarning an error, in every thread)
    found = list(warnings.filters)
    df = _data(2000)
    with ThreadPoolExecutor(8) as ex:
        list(ex.map(lambda k: mnlogit.fit("y ~ np.log(np.abs(x)) + C(g)", df), range(16)))
    assert list(warnings.filters) == found


def test_the_package_sets_no_warning_filter():
    # the filters are the process's, read by every thread of the user's program: a fit that
    # set some (FutureWarning ignored, formulaic's DataMismatchWarning an error) changed
    # what the program's other threads saw meanwhile, and warnings.catch_warnings, which
    # puts back on leaving the whole list it found, left concurrent fits' filters in force
    # for good. The command line's main thread records its warnings alone and may (its
    # output and warnings live in _cli_show).
    import ast
    from pathlib import Path

    package = Path(mnlogit.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name in ("__main__.py", "_cli_show.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "warnings"
                and node.attr in {"catch_warnings", "simplefilter", "filterwarnings"}
            ):
                found.append(f"{path.relative_to(package)}:{node.lineno} warnings.{node.attr}")
    assert found == []


def test_a_users_own_filter_outlives_a_fit():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        mine = list(warnings.filters)
        mnlogit.fit("y ~ np.log(np.abs(x)) + C(g)", _data(500))
        assert list(warnings.filters) == mine


def test_a_firth_fit_has_the_same_digits_whatever_other_threads_do(blas_at_3, monkeypatch):
    # a Firth fit on one worker ran with BLAS's own threads, unless a fit in another thread
    # held BLAS at one thread meanwhile: its estimates then differed in the last digits
    from mnlogit import _firth

    seen = []
    scoring = _firth._firth_scoring

    def watched(*args, **kwargs):
        seen.append(set(_blas_threads().values()))
        return scoring(*args, **kwargs)

    monkeypatch.setattr(_firth, "_firth_scoring", watched)
    df = _data(3000)
    alone = mnlogit.fit(FORMULA, df, method="firth")
    assert seen and all(counts == {1} for counts in seen)
    with _parallel.single_threaded_blas():  # as a fit in another thread would
        beside = mnlogit.fit(FORMULA, df, method="firth")
    pd.testing.assert_frame_equal(beside.params, alone.params, check_exact=True)
    pd.testing.assert_frame_equal(beside.bse, alone.bse, check_exact=True)
    assert _blas_threads() == blas_at_3


# --- results read while other threads fit ------------------------------------------------------
WIDE = "y ~ " + " + ".join(f"x{j}" for j in range(30)) + " + C(g)"


def _wide_data(n: int = 3000, seed: int = 5) -> pd.DataFrame:
    """30 columns: products over the rows then differ in their last digits across threads."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 30))
    y = np.argmax(X @ (rng.standard_normal((30, 6)) * 0.3) + rng.gumbel(size=(n, 6)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(30)])
    return df.assign(y=y, g=rng.choice(list("abcde"), n), cl=rng.integers(0, 50, n))


def _numbers(frame: pd.DataFrame) -> np.ndarray:
    return frame.select_dtypes("number").to_numpy(dtype=float)


def _reads(res: mnlogit.MNLogitResults) -> dict[str, np.ndarray]:
    wald, slopes = res.wald_test("x1, x2"), res.wald_test_slopes()
    out = {
        "bse": res.bse.to_numpy(),
        "margins": _numbers(res.margins(at={"g": ["a", "c"]}).to_frame()),
        "effects": _numbers(res.marginal_effects()),
        "intervals": _numbers(res.prediction_intervals()),
        "wald": np.array([wald.statistic, wald.pvalue]),
        "slopes": np.array([slopes.statistic, slopes.pvalue]),
        "with_ref": res.with_ref(2).bse.to_numpy(),
    }
    if res.covariance.efficient:
        iia = res.iia_test(5)
        out["iia"] = np.array([iia.statistic, iia.pvalue])
    return out


COVARIANCES = [{}, {"cov_type": "robust"}, {"cov_type": "cluster", "groups": "cl"}]


@pytest.mark.slow
@pytest.mark.parametrize("cov", COVARIANCES)
def test_results_read_while_another_thread_fits_equal_those_read_alone(blas_at_3, cov):
    # a fit in another thread holds BLAS at one thread for the whole process: what is read
    # meanwhile is summed in another order, equal to the lone read but for the last digits
    # (BLAS is left its threads after a fit: see EstimatesMixin._limits)
    df = _wide_data()
    alone = _reads(mnlogit.fit(WIDE, df, **cov))
    res = mnlogit.fit(WIDE, df, **cov)
    with _held_by_another_thread(_parallel.single_threaded_blas()):  # as a fit's
        beside = _reads(res)
    assert beside.keys() == alone.keys() and np.isfinite(alone["bse"]).all()
    for key, value in alone.items():  # a NaN (the slopes' test on 50 clusters) in both
        np.testing.assert_allclose(beside[key], value, rtol=1e-11, atol=1e-14, err_msg=key)


# --- a part that fails ------------------------------------------------------------------------
@pytest.mark.parametrize("failing", [0, 1])
def test_a_failing_part_leaves_no_worker_running_on_the_shared_arrays(failing):
    # the error of one part (a MemoryError, or Ctrl-C while the caller waits) was raised
    # while the other workers still wrote to the arrays the next pass reuses
    finished = []
    started = threading.Barrier(3)

    def task(k):
        started.wait()  # every part running before any fails
        if k == failing:
            raise MemoryError(f"part {k}")
        if k == 2:
            threading.Event().wait(0.3)
            finished.append(k)
        return k

    with pytest.raises(MemoryError, match=f"part {failing}"):
        _parallel.run_split(task, 3)
    assert finished == [2]
