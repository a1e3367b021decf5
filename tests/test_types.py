"""The package's annotations type-check: mypy over mnlogit/ with the settings in pyproject.toml.

The package ships ``py.typed``, so users' type checkers read these annotations; this is the
test that keeps them right (CI runs the test suite, not mypy on its own).
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_finds_no_errors():
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "mnlogit"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"mypy found errors:\n{run.stdout}{run.stderr}"
