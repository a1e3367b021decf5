"""Ctrl-C while the command line starts (its imports, before ``main`` catches it), run as
users run it: ``python -m mnlogit`` and the ``mnlogit`` script, in a subprocess."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INTERRUPTED = (130, -signal.SIGINT)  # a shell's status, or the signal Python ends by


def _run(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess:
    # a module the package imports, standing in for a Ctrl-C that lands during the imports
    # (a second or more of numpy, pandas, scipy): the same KeyboardInterrupt, every time
    fake = tmp_path / "fake"
    fake.mkdir(exist_ok=True)
    (fake / "tabulate.py").write_text("raise KeyboardInterrupt\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake), str(ROOT)])}
    return subprocess.run(
        [sys.executable, *argv], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_ctrl_c_during_the_imports_is_one_line_not_a_traceback(tmp_path):
    # was a traceback of 10 to 40 lines through numpy's, pandas' or scipy's imports
    proc = _run(tmp_path, "-m", "mnlogit", "datasets")
    assert proc.stderr == "mnlogit: interrupted\n" and proc.returncode in INTERRUPTED
    script = tmp_path / "bin" / "mnlogit"  # as pip writes the console script
    script.parent.mkdir()
    script.write_text("import sys\nfrom mnlogit.__main__ import main\nsys.exit(main())\n")
    proc = _run(tmp_path, str(script), "datasets")
    assert proc.stderr == "mnlogit: interrupted\n" and proc.returncode in INTERRUPTED


@pytest.mark.slow
def test_a_program_importing_the_package_keeps_its_keyboard_interrupt(tmp_path):
    proc = _run(tmp_path, "-c", "import mnlogit")
    assert "Traceback" in proc.stderr and proc.stderr.rstrip().endswith("KeyboardInterrupt")
    assert "mnlogit: interrupted" not in proc.stderr


@pytest.mark.slow
def test_the_package_imports_scipy_stats_only_when_a_test_needs_it():
    # scipy.stats was half a second of every start of the command line, for fits and
    # predictions that read no distribution; the first test that reads one imports it
    code = (
        "import sys, mnlogit\n"
        "print('scipy.stats' in sys.modules)\n"
        "res = mnlogit.fit('mode ~ age', mnlogit.datasets.load('travel'), ref='car')\n"
        "print('scipy.stats' in sys.modules, res.pvalues.notna().all().all())\n"
        "print(0 <= res.lr_test().pvalue < 1e-10, 'scipy.stats' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "False", "True", "True", "True"]
