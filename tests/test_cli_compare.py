"""``mnlogit compare``, run as users run it: ``python -m mnlogit compare ...`` in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main
from mnlogit.report._format import num

ROOT = Path(__file__).resolve().parent.parent
F1 = "mode ~ np.log(distance)"
F2 = "mode ~ np.log(distance) + region"
F3 = "mode ~ np.log(distance) + region + purpose"


def run(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mnlogit", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _main(capsys, *args) -> tuple[int, str, str]:
    """``mnlogit compare ...`` in this process: what the command prints does not depend on
    the interpreter it runs in (the exit status of the process is the subprocess test's)."""
    status = main(list(map(str, args)))
    out, err = capsys.readouterr()
    return status, out, err


def test_compare_a_csv_file_writes_latex_and_csv(tmp_path, capsys, monkeypatch):
    df = mnlogit.datasets.load("travel")
    df.to_csv(tmp_path / "travel.csv", index=False)
    monkeypatch.chdir(tmp_path)  # the file and the outputs named relative to the folder
    status, out, err = _main(
        capsys,
        "compare",
        "travel.csv",
        F1,
        F2,
        F3,
        "--ref",
        "car",
        "--names",
        "a,b,c",
        "--stars",
        "--latex",
        "t.tex",
        "--csv",
        "t.csv",
    )
    assert status == 0, err
    fits = [mnlogit.fit(f, df, ref="car") for f in (F1, F2, F3)]
    table = mnlogit.compare(fits, names=["a", "b", "c"], stars=True)
    assert out.startswith(str(table))
    assert num(fits[2].llf) in out
    assert (tmp_path / "t.tex").read_text(encoding="utf-8") == table.as_latex()
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == table.as_csv()


def test_compare_reads_files_as_fit_does(tmp_path, capsys, monkeypatch):
    df = mnlogit.datasets.load("travel")
    df.to_csv(tmp_path / "travel.txt", index=False, sep=";")
    monkeypatch.chdir(tmp_path)
    status, out, err = _main(capsys, "compare", "travel.txt", F1, F2, "--ref", "car", "--sep", ";")
    assert status == 0, err
    assert num(mnlogit.fit(F2, df, ref="car").llf) in out


@pytest.mark.slow  # a Python subprocess
def test_compare_a_bundled_dataset_with_odds_ratios():
    # as users run it: python -m mnlogit compare, its table on standard output, status 0
    proc = run("compare", "--dataset", "travel", F1, F2, "--ref", "bus", "--odds-ratios")
    assert proc.returncode == 0, proc.stderr
    assert "car vs bus" in proc.stdout and "Relative-risk ratios" in proc.stdout


@pytest.mark.slow  # a Python subprocess
def test_compare_errors_are_one_line(tmp_path):
    # the process's exit status and its one line on stderr, as a shell sees them
    proc = run("compare", "--dataset", "travel", F1, "region ~ np.log(distance)")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Only fits of the same outcome" in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_compare_errors_are_one_line_in_process(capsys):
    status, _, err = _main(capsys, "compare", "--dataset", "travel", F1, "--ref", "car")
    assert status == 2 and "at least two formulas" in err
    args = ("compare", "--dataset", "travel", F1, "mode ~ __import__('os').getcwd()")
    status, out, err = _main(capsys, *args)
    lines = err.strip().splitlines()
    assert status == 2 and len(lines) == 1 and out == ""
    assert "'__import__' is not allowed" in lines[0]


def test_compare_alpha_sets_the_intervals_of_se_ci(capsys):
    # compare had no --alpha: the intervals of --se ci were 95% whatever the fit's --alpha
    from mnlogit.__main__ import main

    args = ["compare", "--dataset", "travel", F1, F2, "--ref", "car", "--se", "ci"]
    assert main([*args, "--alpha", "0.1"]) == 0
    out = capsys.readouterr().out
    lower, upper = mnlogit.fit(F1, mnlogit.datasets.load("travel"), ref="car").conf_int(0.1).iloc[0]
    assert "90% Wald confidence intervals" in out and f"[{num(lower)}, {num(upper)}]" in out
    assert main(args) == 0 and "95% Wald confidence intervals" in capsys.readouterr().out


def test_compare_alpha_without_intervals_or_out_of_range_is_refused(capsys):
    from mnlogit.__main__ import main

    args = ["compare", "--dataset", "travel", F1, F2, "--ref", "car"]
    assert main([*args, "--alpha", "0.1"]) == 2  # an option that would do nothing
    assert "--alpha sets the intervals of --se ci; got --se parentheses" in capsys.readouterr().err
    assert main([*args, "--se", "ci", "--alpha", "0.95"]) == 2
    assert "--alpha 0.05 gives 95% intervals" in capsys.readouterr().err


def test_a_reference_a_later_model_drops_is_named_as_the_option(tmp_path, capsys):
    # the later models are fitted with ref= the first one's: their refusal said
    # "ref='c' is not a level", Python a command-line user did not write
    rng = np.random.default_rng(4)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 240), "x": rng.normal(size=240)})
    df["z"] = np.where(df["y"] == "c", np.nan, rng.normal(size=240))
    df.to_csv(tmp_path / "d.csv", index=False)
    status = main(["compare", str(tmp_path / "d.csv"), "y ~ x", "y ~ x + z", "--ref", "c"])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert err.startswith(
        "mnlogit: error: model (2), formula 'y ~ x + z': --ref 'c' is not a level of outcome 'y'"
    )
    assert "ref=" not in err and "dropped for missing values in z" in err


def test_each_model_says_the_rows_it_dropped(tmp_path, capsys):
    # fit says how many rows it dropped and for which columns; compare said nothing, and
    # the table's N (96 beside 98) left the user to guess which rows each model lost
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 100), "x": rng.normal(size=100)})
    df["z"] = rng.normal(size=100)
    df["w"] = rng.normal(size=100)
    df.loc[:3, "z"] = np.nan
    df.loc[10:11, "w"] = np.nan
    df.to_csv(tmp_path / "d.csv", index=False)
    formulas = ["y ~ x", "y ~ x + z", "y ~ x + w"]
    status = main(["compare", str(tmp_path / "d.csv"), *formulas, "--names", "base,z,w"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert err.splitlines() == [
        "mnlogit: note: z: 4 of 100 rows dropped for missing values in z",
        "mnlogit: note: w: 2 of 100 rows dropped for missing values in w",
    ]


def test_names_for_other_models_are_refused_as_the_option_before_any_fit(capsys, monkeypatch):
    # refused by compare() after every model was fitted, and in Python's words:
    # "names: expected 2 distinct, non-blank names, ..." of an option the user wrote --names
    import mnlogit.__main__ as cli

    def no_fit(*args, **kwargs):
        raise AssertionError("a model was fitted")

    monkeypatch.setattr(cli, "_quiet", no_fit)
    cases = (("a", "got 1: 'a'"), ("a,b,c", "got 3: 'a', 'b', 'c'"), ("a, a", "'a', 'a'"))
    for given, got in cases:
        assert main(["compare", "--dataset", "travel", F1, F2, "--names", given]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"mnlogit: error: --names {given!r}: expected 2 distinct"), err
        assert got in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "given",
    [
        ["--names", '"x, y",z'],  # as the fields of a CSV line
        ["--names", "x, y", "--names", "z"],  # once per formula, each whole
        ["--names=x, y", "--names", "z"],
    ],
)
def test_a_name_holding_a_comma_is_given_quoted_or_once_per_formula(capsys, given):
    # --names split at every comma: no column could be named "x, y"
    status, out, err = _main(capsys, "compare", "--dataset", "travel", F1, F2, *given)
    assert status == 0, err
    assert out.splitlines()[1].split() == ["x,", "y", "z"]


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["a,b,c"], "got 3: 'a', 'b', 'c'; a name holding a comma is given in double quotes"),
        (["x,y", "z", "w"], "--names 'x,y' --names 'z' --names 'w': expected 2"),
        (["x,y", "z", "w"], "got 3: 'x,y', 'z', 'w'; given more than once, each --names is one"),
        (['"x, y'], "--names '\"x, y': a double quote must enclose a whole name"),
        (["a", " a"], "got 2: 'a', 'a'"),
    ],
)
def test_names_refused_quote_what_was_given(capsys, monkeypatch, given, said):
    import mnlogit.__main__ as cli

    def no_fit(*args, **kwargs):
        raise AssertionError("a model was fitted")

    monkeypatch.setattr(cli, "_quiet", no_fit)
    argv = ["compare", "--dataset", "travel", F1, F2]
    for name in given:
        argv += ["--names", name]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("mnlogit: error: --names ") and len(err.splitlines()) == 1, err
    assert said in err, err


def test_what_to_rerun_with_is_said_as_the_commands_options(capsys):
    # the table's notes say to refit with method="firth" or a larger max_iter, Python
    # that a user of the command line writes --method firth and --max-iter
    args = ["compare", "--dataset", "risk", "risk ~ age", "risk ~ age + income"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == (
        "((2) is separated: rerun with --method firth for finite bias-reduced estimates)"
    )
    # the legend of (!) said Python's method="firth" on the command line's own table
    assert 'method="firth"' not in out
    assert "Refit with\n--method firth." in out or "Refit with --method firth." in out
    assert main([*args, "--method", "firth"]) == 0
    assert "rerun" not in capsys.readouterr().out
    args = ["compare", "--dataset", "travel", "mode ~ income", F1, "--names", "a,b"]
    assert main([*args, "--max-iter", "1"]) == 0
    out = capsys.readouterr().out
    said = "(a, b stopped before converging: rerun with a larger --max-iter)"
    assert out.splitlines()[-1] == said
    assert main(args) == 0
    assert "rerun" not in capsys.readouterr().out


def test_the_rows_dropped_are_said_before_a_refusal_they_explain(tmp_path, capsys):
    # model 2 lost the level c with the rows missing z: compare refused the two as fits of
    # other outcomes, and the note on the rows dropped, which says why, never came
    rng = np.random.default_rng(4)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 240), "x": rng.normal(size=240)})
    df["z"] = np.where(df["y"] == "c", np.nan, rng.normal(size=240))
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["compare", str(tmp_path / "d.csv"), "y ~ x", "y ~ x + z"]) == 2
    err = capsys.readouterr().err.splitlines()
    missing = int(df["z"].isna().sum())
    note = f"mnlogit: note: (2): {missing} of 240 rows dropped for missing values in z"
    assert err[-2] == note
    assert err[-1].startswith("mnlogit: error: compare: model 2 has outcome 'y' with levels")


def test_each_warning_names_the_model_it_comes_from(tmp_path, capsys):
    # a warning of the second model (a level of g whose rows all miss z) read as one of
    # every model, or of the first: the notes of the rows dropped named their model
    rng = np.random.default_rng(6)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 200), "x": rng.normal(size=200)})
    df["g"] = rng.choice(["p", "q", "r"], 200)
    df["z"] = np.where(df["g"] == "r", np.nan, rng.normal(size=200))
    df.to_csv(tmp_path / "d.csv", index=False)
    argv = ["compare", str(tmp_path / "d.csv"), "y ~ x + g", "y ~ x + g + z"]
    assert main([*argv, "--names", "base,with z"]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warned) == 1 and warned[0].startswith("mnlogit: warning: with z: factor 'g'")
    # the first model's warnings too: y's levels 'a' and 'a ' are two outcomes in both
    df.loc[:29, "y"] = "a "
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(argv) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert [line[:30] for line in warned] == [
        "mnlogit: warning: (1): outcome",
        "mnlogit: warning: (2): factor ",
        "mnlogit: warning: (2): outcome",
    ]


def test_a_refusal_names_the_model_it_comes_from(tmp_path, capsys):
    # 'the design is rank deficient: column(s) 'k' ... drop them from the formula' did not
    # say which of the formulas, each of which may name k
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 150), "x": rng.normal(size=150)})
    df["k"] = 2 * df["x"]
    df.to_csv(tmp_path / "d.csv", index=False)
    argv = ["compare", str(tmp_path / "d.csv"), "y ~ k", "y ~ x + k", "--names", "k,both"]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("mnlogit: error: model both, formula 'y ~ x + k': the design is rank")
    # a refusal that quotes the formula is not told it twice
    assert main(["compare", str(tmp_path / "d.csv"), "y ~ x", "y ~ C(x) + k"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mnlogit: error: model (2): formula 'y ~ C(x) + k': more design")


def test_compare_refuses_clusters_in_fit_words(capsys):
    # compare had a check of its own, which did not say which --cov was given; both
    # commands now ask the covariance named, as the Python API does
    said = {}
    for command, formulas in (("fit", [F1]), ("compare", [F1, F2])):
        for extra in (["--groups", "household"], ["--cov", "cluster"]):
            assert main([command, "--dataset", "travel", *formulas, *extra]) == 2
            said[command, extra[0]] = capsys.readouterr().err
    assert said["compare", "--groups"] == said["fit", "--groups"]
    assert said["compare", "--cov"] == said["fit", "--cov"]
    users = [name for name, c in mnlogit.covariance.COVARIANCES.items() if c.needs_groups]
    assert all(f"--cov {name}" in said["compare", "--groups"] for name in users)
