"""The package's worker pool keeps no more idle threads than the largest pass asked for."""

import threading
import time

import pytest

from mnlogit import _parallel


def _workers() -> int:
    return sum(t.name.startswith("mnlogit") for t in threading.enumerate())


@pytest.fixture
def own_pool(monkeypatch):
    """A pool of the test's own (its threads end when the test's pool goes)."""
    monkeypatch.setattr(_parallel, "_POOLS", {})
    yield


def test_passes_of_every_size_keep_the_threads_of_the_largest_only(own_pool):
    # a pool per thread count kept 1 + 2 + ... + 8 idle threads here, for good (on 64
    # cores, fits of 40,000 to 1.3 million rows kept some 800)
    before = _workers()
    for parts in range(2, 10):
        # every part waits for the others: each pass has all its workers at once
        barrier = threading.Barrier(parts)

        def part(k, barrier=barrier):
            barrier.wait(20)
            return k

        assert _parallel.run_split(part, parts) == list(range(parts))
    deadline = time.monotonic() + 10
    while _workers() - before > 8 and time.monotonic() < deadline:
        time.sleep(0.02)  # the replaced pools' threads end as they notice
    assert _workers() - before <= 8
    assert list(_parallel._POOLS) == [8]


def test_a_smaller_pass_uses_the_larger_pool(own_pool):
    large = _parallel.worker_pool(4)
    assert _parallel.worker_pool(2) is large and _parallel.worker_pool(4) is large
    assert _parallel.run_split(lambda k: k * k, 3) == [0, 1, 4]
    assert _parallel.worker_pool(5) is not large
