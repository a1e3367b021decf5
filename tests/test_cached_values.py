"""Values that results compute once and keep (the information, the covariance, standard
errors, summaries' parts), read from several threads at once and from forked children."""

import copy
import dataclasses
import multiprocessing
import pickle
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _once
from mnlogit._results_base import cached_copy
from mnlogit._solvers import FitResult

# fork from a process with threads is deprecated from Python 3.12 on; the fork is the point
forking = pytest.mark.filterwarnings("ignore:.*fork.*:DeprecationWarning")


def _data(n: int = 2000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    df["y"] = rng.choice(["a", "b", "c"], n)
    return df


def _with_information(res: mnlogit.MNLogitResults, compute) -> mnlogit.MNLogitResults:
    """The same fit, its information still to be computed, by ``compute`` (which must give
    what the fit's own would: res's, computed first)."""
    curvature = res._core._curvature

    def deferred():
        compute()
        return curvature

    core = dataclasses.replace(res._core, computed=None, deferred=deferred)
    return mnlogit.MNLogitResults(res._data, core)


def test_threads_reading_one_result_compute_its_information_once():
    res = mnlogit.fit("y ~ x + z", _data())
    calls = []
    pending = _with_information(res, lambda: calls.append(threading.get_ident()))
    start = threading.Barrier(6)

    def read(k):
        start.wait(60)
        return pending.bse if k % 2 else pending.summary().as_csv()

    with ThreadPoolExecutor(6) as ex:
        got = list(ex.map(read, range(6)))
    assert len(calls) == 1
    for k, value in enumerate(got):
        if k % 2:
            pd.testing.assert_frame_equal(value, res.bse, check_exact=True)
        else:
            assert value == res.summary().as_csv()


def test_two_results_compute_their_information_at_the_same_time():
    # one lock per property for every object serialised them: each computation here waits
    # for the other to start, which it could not until the first had finished
    fits = [mnlogit.fit("y ~ x + z", _data(seed=s)) for s in (1, 2)]
    started = [threading.Event(), threading.Event()]
    met = []

    def meet(k):
        started[k].set()
        met.append(started[1 - k].wait(20))

    pending = [_with_information(fits[k], lambda k=k: meet(k)) for k in (0, 1)]
    with ThreadPoolExecutor(2) as ex:
        got = list(ex.map(lambda r: r.bse, pending))
    assert met == [True, True]
    for value, res in zip(got, fits, strict=True):
        pd.testing.assert_frame_equal(value, res.bse, check_exact=True)


def _standard_errors(res: mnlogit.MNLogitResults) -> list:
    return res.bse.to_numpy().tolist()


@forking
def test_a_child_forked_while_a_thread_computes_a_value_computes_its_own():
    fits = [mnlogit.fit("y ~ x + z", _data(seed=s)) for s in (3, 4)]
    entered, release = threading.Event(), threading.Event()

    def hold():
        entered.set()
        release.wait(60)

    blocked = _with_information(fits[0], hold)
    reader = threading.Thread(target=lambda: blocked.bse)
    reader.start()
    try:
        assert entered.wait(60)
        with multiprocessing.get_context("fork").Pool(1) as pool:
            job = pool.apply_async(_standard_errors, (fits[1],))
            try:
                got = job.get(timeout=60)
            except multiprocessing.TimeoutError:
                pool.terminate()
                pytest.fail("the child waited for a computation of its parent's thread")
    finally:
        release.set()
        reader.join()
    np.testing.assert_array_equal(got, fits[1].bse.to_numpy())
    pd.testing.assert_frame_equal(blocked.bse, fits[0].bse, check_exact=True)


def test_a_failed_computation_is_not_kept_and_leaves_no_lock_behind():
    class Thing:
        attempts = 0

        @_once.cached_property
        def value(self) -> int:
            """A value that fails the first time."""
            Thing.attempts += 1
            if Thing.attempts == 1:
                raise KeyError("first")
            return 7

    thing = Thing()
    with pytest.raises(KeyError):
        _ = thing.value
    assert thing.value == 7 and thing.value == 7
    assert Thing.attempts == 2
    assert not _once._ONCE
    assert Thing.value.__doc__ == "A value that fails the first time."


@pytest.mark.parametrize("copy_", [pickle.dumps, copy.deepcopy], ids=["pickle", "deepcopy"])
def test_a_result_copied_while_another_thread_computes_its_values(monkeypatch, copy_):
    # a process pool's feeder thread pickles the results handed to it while the program
    # reads their summary: walking the __dict__ the summary's values were added to raised
    # "dictionary changed size during iteration"
    res = mnlogit.fit("y ~ x + z", _data())
    reached, filled = threading.Event(), threading.Event()
    getstate = FitResult.__getstate__

    def paused(core):  # the copy is half-way through the results' attributes
        if core is res._core:
            reached.set()
            filled.wait(60)
        return getstate(core)

    monkeypatch.setattr(FitResult, "__getstate__", paused)
    done: list = []

    def copier():
        try:
            done.append(copy_(res))
        except Exception as exc:  # the failure is what is checked
            done.append(exc)

    thread = threading.Thread(target=copier)
    thread.start()
    try:
        assert reached.wait(60)
        want = res.summary().as_csv()
    finally:
        filled.set()
        thread.join(60)
    assert not thread.is_alive()
    copied = done[0]
    assert not isinstance(copied, Exception), copied
    copied = pickle.loads(copied) if isinstance(copied, bytes) else copied
    assert copied.summary().as_csv() == want
    pd.testing.assert_frame_equal(copied.bse, res.bse, check_exact=True)


class _Kept(_once.CachedState):
    def __init__(self, sums: dict) -> None:
        self.sums = sums


class _Pausing:
    """Pickled half-way through a dict: waits there for another thread."""

    reached = threading.Event()
    resume = threading.Event()

    def __reduce__(self):
        _Pausing.reached.set()
        _Pausing.resume.wait(60)
        return (_Pausing, ())


@pytest.mark.parametrize("copy_", [pickle.dumps, copy.deepcopy], ids=["pickle", "deepcopy"])
def test_the_sums_a_data_object_keeps_are_copied_as_they_were(copy_):
    # the dicts of kept sums inside a data object grow too (X'WX of a wide design when a
    # test first needs it)
    _Pausing.reached.clear()
    _Pausing.resume.clear()
    sums = {"gram": np.eye(2), "pause": _Pausing()}
    kept = _Kept({"inner": sums})
    done: list = []

    def copier():
        try:
            done.append(copy_(kept))
        except Exception as exc:  # the failure is what is checked
            done.append(exc)

    thread = threading.Thread(target=copier)
    thread.start()
    try:
        assert _Pausing.reached.wait(60)
        sums["by_outcome"] = np.ones(2)
    finally:
        _Pausing.resume.set()
        thread.join(60)
    assert not thread.is_alive()
    copied = done[0]
    assert not isinstance(copied, Exception), copied
    copied = pickle.loads(copied) if isinstance(copied, bytes) else copied
    assert set(copied.sums["inner"]) == {"gram", "pause"}
    assert "by_outcome" in kept.sums["inner"]  # the original keeps what was added


def test_every_class_that_keeps_computed_values_is_copied_from_a_snapshot():
    import importlib
    import pkgutil

    kept = []
    for info in pkgutil.walk_packages(mnlogit.__path__, "mnlogit."):
        try:
            module = importlib.import_module(info.name)
        except ModuleNotFoundError:  # an optional dependency (dask, scikit-learn) missing
            continue
        for cls in vars(module).values():
            if not isinstance(cls, type) or cls.__module__ != info.name:
                continue
            lazy = (_once.cached_property, cached_copy)
            if any(isinstance(v, lazy) for k in cls.__mro__ for v in vars(k).values()):
                kept.append(cls)
    assert FitResult in kept and mnlogit.MNLogitResults in kept
    assert [c for c in kept if not issubclass(c, _once.CachedState)] == []


class _PausingSums(np.ndarray):
    """Kept X'WX that, when a subset of it is taken, waits there for another thread."""

    reached = threading.Event()
    resume = threading.Event()

    def __getitem__(self, index):
        _PausingSums.reached.set()
        _PausingSums.resume.wait(60)
        return np.asarray(self)[index]


def test_the_sums_of_data_shared_by_threads_are_read_whole_while_others_add_them():
    # another reference's results start with part of the sums (X'WY changes with the coding);
    # an anova's refit took the kept sums of a subset of the columns while another thread's
    # null model added the rest, and the walk over the kept sums raised "dictionary changed
    # size during iteration"
    df = _data()
    res = mnlogit.fit("y ~ 0 + C(y2) + x", df.assign(y2=np.where(df.x > 0, "u", "v")))
    data = res.with_ref("b")._data
    assert "by_outcome" not in data._cache
    _PausingSums.reached.clear()
    _PausingSums.resume.clear()
    data._cache["gram"] = data._cache["gram"].view(_PausingSums)
    done: list = []

    def subset():
        try:
            done.append(data.subset_columns([0, 2]))
        except Exception as exc:  # the failure is what is checked
            done.append(exc)

    thread = threading.Thread(target=subset)
    thread.start()
    try:
        assert _PausingSums.reached.wait(60)
        sums = data.sums()  # as the null model's first read
    finally:
        _PausingSums.resume.set()
        thread.join(60)
    assert not thread.is_alive()
    assert not isinstance(done[0], Exception), done[0]
    assert set(sums) >= {"gram", "sum_squares", "by_outcome"}
    np.testing.assert_array_equal(
        done[0].sums()["gram"], np.asarray(sums["gram"])[[0, 2]][:, [0, 2]]
    )


def test_anova_has_the_same_digits_before_and_after_the_standard_errors():
    # a fit that deferred its information: anova's refits started from it only once the
    # standard errors had computed it, so anova() read first, after summary(), or beside
    # bse in another thread gave chi2 values differing in their last digits (1e-11)
    rng = np.random.default_rng(1)
    n = 4000
    df = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(["a", "b", "c", "d"], n)})
    df["z"] = rng.normal(size=n)
    df["w"] = rng.integers(1, 4, n)
    df["y"] = rng.choice(["lo", "mid", "hi", "top"], n)

    def fit() -> mnlogit.MNLogitResults:
        return mnlogit.fit("y ~ x + g + z + x:g", df, ref="lo", weights="w")

    first = fit()
    assert first._core.pending  # the case: the information is computed when first read
    before = first.anova()
    after = fit()
    after.bse  # noqa: B018 (computes the information)
    pd.testing.assert_frame_equal(after.anova(), before, check_exact=True)
    shared = fit()
    with ThreadPoolExecutor(4) as pool:
        tables = list(pool.map(lambda i: shared.anova() if i % 2 else shared.bse, range(4)))
    for table in tables[1::2]:
        pd.testing.assert_frame_equal(table, before, check_exact=True)
