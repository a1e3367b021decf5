"""The command line's notes and warnings on stderr, run as users run it (a subprocess): a
reader of them that leaves (``2>&1 | head -1``) and stderr closed (``2>&-``)."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _data(path: Path) -> None:
    rng = np.random.default_rng(11)
    n = 200
    df = pd.DataFrame(
        {"y": rng.choice(["01", "1.0", "NA"], n), "x": np.round(rng.normal(size=n), 3)}
    )
    df.loc[3, "x"] = np.nan  # with the levels: a note, a warning and a note of rows dropped
    df.to_csv(path, index=False)


def _start(tmp_path: Path, **streams) -> subprocess.Popen:
    _data(tmp_path / "d.csv")
    argv = ["-m", "mnlogit", "fit", "d.csv", "y ~ x", "--csv", "out.csv"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, *argv], cwd=tmp_path, env=env, **streams)


@pytest.mark.slow
def test_a_reader_of_the_notes_that_leaves_does_not_stop_the_files(tmp_path):
    proc = _start(tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc.stderr.close()  # as `head` that has read its lines: each note meets a broken pipe
    assert proc.wait(timeout=120) == 0
    # was status 1 at the first note, before the table was written
    table = pd.read_csv(tmp_path / "out.csv")
    assert list(table["term"]) == ["Intercept", "x"] * 2


@pytest.mark.slow
def test_notes_with_stderr_closed_stay_out_of_the_tables(tmp_path):
    proc = _start(tmp_path, stdout=subprocess.PIPE, stderr=None, preexec_fn=lambda: os.close(2))
    out = proc.communicate(timeout=120)[0].decode()
    assert proc.returncode == 0
    # was: the notes and the warning printed on stdout, before the summary
    assert out.startswith("Multinomial logit regression\n"), out[:300]
    assert "mnlogit: note" not in out and "mnlogit: warning" not in out
    assert (tmp_path / "out.csv").exists()
