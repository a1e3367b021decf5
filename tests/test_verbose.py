"""verbose=True: progress lines for in-memory fits and for the long secondary operations."""

import io
import re
import sys
import threading

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import MNLogitWarning, OptionError


def _wide(n=20_000, p=30, K=4, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    B = rng.standard_normal((p, K)) * 0.3
    y = np.argmax(X @ B + rng.gumbel(size=(n, K)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(y=y)
    return "y ~ " + " + ".join(f"x{j}" for j in range(p)), df


def test_a_wide_fit_reports_each_iteration_and_its_passes(capsys):
    formula, df = _wide()
    res = mnlogit.fit(formula, df, verbose=True)
    out = capsys.readouterr().out.splitlines()
    steps = [line for line in out if re.match(r"mnlogit: L-BFGS +\d+: log-likelihood", line)]
    assert len(steps) == res.n_iter + 1  # the start and every iterate
    later = steps[-1]
    assert "change" in later and "gradient norm" in later and "scaled gradient" in later
    assert "step" in later and "largest coefficient change" in later
    assert any("sample information pass over" in line for line in out)
    summary = out[-1]
    assert f"after {res.n_iter} iterations" in summary
    assert f"{res.n_iter} passes over the data ({res.n_iter} gradient)" in summary
    assert "over a sample of rows" in summary
    res.bse  # noqa: B018 (the deferred information reports its pass)
    out = capsys.readouterr().out
    assert re.search(r"information pass over 20,000 rows: [\d.]+ s", out)
    assert "Newton check at the estimates" in out


def test_a_small_fit_reports_fisher_scoring(capsys):
    m = refdata.model("anes96", "main")
    res = mnlogit.fit(m["formula"], refdata.data("anes96"), ref=0, verbose=True)
    out = capsys.readouterr().out
    assert len(re.findall(r"Fisher scoring +\d+: log-likelihood", out)) == res.n_iter + 1
    assert f"{res.n_iter + 1} information" in out.splitlines()[-1]


def test_quiet_by_default(capsys):
    formula, df = _wide(n=3000, p=5)
    res = mnlogit.fit(formula, df)
    res.bse, res.anova(), res.iia_table()
    assert capsys.readouterr().out == ""


def test_secondary_operations_report_progress(capsys):
    formula, df = _wide(n=3000, p=5)
    res = mnlogit.fit(formula, df, verbose=True)
    capsys.readouterr()
    res.anova()
    out = capsys.readouterr().out
    assert "anova: term 5 of 5: x4" in out
    assert len(re.findall(r"anova:   refit with 5 of 6 columns: [\d.]+ s", out)) == 5
    res.iia_table()
    out = capsys.readouterr().out
    assert len(re.findall(r"iia_table: level \d of 4 \(\d\) omitted: [\d.]+ s", out)) == 4


def test_firth_reports_each_iteration(capsys):
    df = refdata.data("synthetic").iloc[:300]
    res = mnlogit.fit("mode ~ x1 + group", df, ref="car", method="firth", verbose=True)
    out = capsys.readouterr().out
    assert len(re.findall(r"Firth +\d+: penalised log-likelihood", out)) == res.n_iter + 1


@pytest.mark.parametrize("bad", ["yes", 1, None])
def test_verbose_must_be_true_or_false(bad):
    formula, df = _wide(n=500, p=2)
    with pytest.raises(OptionError, match="verbose"):
        mnlogit.fit(formula, df, verbose=bad)


def test_a_firth_fit_counts_the_passes_of_the_fits_giving_its_starts(capsys, monkeypatch):
    from mnlogit import _fisher

    df = refdata.data("synthetic").iloc[:300]
    levels = []
    full = _fisher.stats
    monkeypatch.setattr(_fisher, "stats", lambda *a, **k: levels.append(a[4]) or full(*a, **k))
    mnlogit.fit("mode ~ x1 + group", df, ref="car", method="firth", verbose=True)
    out = capsys.readouterr().out.splitlines()
    counted = int(re.search(r"; (\d+) passes over the data", out[-1]).group(1))
    assert counted == sum(level >= 0 for level in levels)  # every pass but the rank check's
    assert any(line.startswith("mnlogit: L2-penalised fit for a start: ") for line in out)


class _BrokenPipe(io.TextIOBase):
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("stream", ["closed", "broken pipe"])
def test_a_stdout_that_cannot_be_written_stops_the_lines_not_the_fit(monkeypatch, stream):
    # a job whose log was closed, or piped into `head`: the fit raised the write's error
    formula, df = _wide(n=3000, p=5)
    quiet = mnlogit.fit(formula, df)
    out = io.StringIO()
    if stream == "closed":
        out.close()
    else:
        out = _BrokenPipe()
    monkeypatch.setattr(sys, "stdout", out)
    with pytest.warns(MNLogitWarning, match="progress lines cannot be written") as caught:
        res = mnlogit.fit(formula, df, verbose=True)
    assert len([w for w in caught if "progress lines" in str(w.message)]) == 1
    np.testing.assert_array_equal(res.params, quiet.params)
    np.testing.assert_array_equal(res.bse, quiet.bse)


class _WriteOnly:
    """A stream with write() alone, as a logging adapter may be."""

    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)
        return len(text)


def test_a_stdout_without_flush_gets_the_lines(monkeypatch):
    # print(..., flush=True) raised AttributeError and ended the fit
    out = _WriteOnly()
    monkeypatch.setattr(sys, "stdout", out)
    res = mnlogit.fit("mode ~ income", mnlogit.datasets.load("travel"), verbose=True)
    text = "".join(out.lines)
    assert text.startswith("mnlogit: ") and text.endswith("\n")
    assert f"after {res.n_iter} iterations" in text.splitlines()[-1]


def _without_times(lines: list[str]) -> list[str]:
    return [re.sub(r"\d+\.\d+ s\b", "t s", line) for line in lines]


def test_the_lines_of_fits_in_other_threads_name_their_thread(capsys):
    # concurrent verbose fits interleave their lines on the one standard output, each
    # "mnlogit: Fisher scoring   1: ..." whichever fit it came from
    df = mnlogit.datasets.load("travel")
    formulas = {"fit-a": "mode ~ income", "fit-b": "mode ~ np.log(distance) + parking"}
    alone = {}
    for name, formula in formulas.items():
        mnlogit.fit(formula, df, ref="car", verbose=True)
        alone[name] = _without_times(capsys.readouterr().out.splitlines())
        assert alone[name] and all(line.startswith("mnlogit: ") for line in alone[name])
    together = threading.Barrier(2)

    def run(formula):
        together.wait(30)
        mnlogit.fit(formula, df, ref="car", verbose=True)

    threads = [threading.Thread(target=run, args=(f,), name=n) for n, f in formulas.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    lines = capsys.readouterr().out.splitlines()
    for name in formulas:
        tag = f"mnlogit [{name}]: "
        mine = [line.replace(tag, "mnlogit: ") for line in lines if line.startswith(tag)]
        assert _without_times(mine) == alone[name]
    assert len(lines) == sum(len(v) for v in alone.values())
