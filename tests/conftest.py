import sys
from pathlib import Path

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))

import refdata

import mnlogit

# The scripts that wrote the reference data are not tests: --doctest-modules imported them,
# and those that write their data when run wrote it into the working folder
collect_ignore_glob = ["reference/*"]

# Every property test draws the same examples on every run and machine (no example database
# replaying one machine's failures): a test that fails, fails in every run, not in one of many
settings.register_profile("repeatable", derandomize=True, database=None)
settings.load_profile("repeatable")


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the figures a test drew (only where matplotlib's pyplot is loaded at all)."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(scope="session")
def fits():
    """Reference fits, keyed like refdata.CASES, fitted once per session."""
    out = {}
    for (case, name), (ref, weights) in refdata.CASES.items():
        m = refdata.model(case, name)
        out[case, name] = mnlogit.fit(m["formula"], refdata.data(case), ref=ref, weights=weights)
    return out


@pytest.fixture(params=list(refdata.CASES), ids=lambda c: f"{c[0]}-{c[1]}")
def case(request):
    return request.param
