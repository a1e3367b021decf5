"""The command line, run as users run it: ``python -m mnlogit ...`` in a subprocess (marked
``slow``: each starts an interpreter), and in process through ``main(argv)``."""

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import threading
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
import mnlogit.__main__ as cli
from mnlogit.__main__ import main, match_level
from mnlogit.covariance import COVARIANCES
from mnlogit.exceptions import LevelError
from mnlogit.report._format import count, shown_or_not
from mnlogit.report._format import num as _num
from mnlogit.report._format import pval as _pval

ROOT = Path(__file__).resolve().parent.parent
ANES = refdata.REF_DIR / "anes96.csv"
ANES_FORMULA = refdata.model("anes96", "main")["formula"]
TRAVEL_SMALL = "mode ~ np.log(distance) + income + region"


def run(*args, cwd=None, timeout=300, environ=None, **options):
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(environ or {})}
    return subprocess.run(
        [sys.executable, "-m", "mnlogit", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **options,
    )


def assert_one_line_error(proc, *fragments):
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("mnlogit: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert proc.stdout == ""


def _main(capsys, *args) -> tuple[int, str, str]:
    """The command in this process: its tables and messages do not depend on the interpreter
    it runs in (the tests of the process itself run it in a subprocess)."""
    status = main(list(map(str, args)))
    out, err = capsys.readouterr()
    return status, out, err


def test_fit_csv_prints_the_summary_with_ref_converted_to_the_level_type(tmp_path, capsys):
    status, out, err = _main(
        capsys,
        "fit",
        ANES,
        ANES_FORMULA,
        "--ref",
        "0",
        "--odds-ratios",
        "--alpha",
        "0.1",
        "--csv",
        tmp_path / "coef.csv",
        "--latex",
        tmp_path / "coef.tex",
    )
    assert status == 0, err
    res = mnlogit.fit(ANES_FORMULA, pd.read_csv(ANES), ref=0)
    summary = str(res.summary(odds_ratios=True, alpha=0.1))
    assert out.startswith(summary + "\n")
    assert "Reference  0" in out and "RRR" in out and "[0.05" in out
    back = pd.read_csv(tmp_path / "coef.csv", index_col=[0, 1])
    pd.testing.assert_frame_equal(
        back, res.to_frame(alpha=0.1), check_exact=True, check_index_type=False
    )
    assert (tmp_path / "coef.tex").read_text() == res.to_latex(alpha=0.1, odds_ratios=True)


def test_fit_bundled_data_with_weights_and_cluster_covariance(tmp_path, capsys, monkeypatch):
    travel = mnlogit.datasets.load("travel")
    travel["w"] = 1 + travel["household"] % 3
    travel.to_csv(tmp_path / "trips.csv", index=False)
    monkeypatch.chdir(tmp_path)  # the file named relative to the working folder
    status, out, err = _main(
        capsys,
        "fit",
        "trips.csv",
        TRAVEL_SMALL,
        "--ref",
        "car",
        "--weights",
        "w",
        "--cov",
        "cluster",
        "--groups",
        "household",
    )
    assert status == 0, err
    res = mnlogit.fit(
        TRAVEL_SMALL, travel, ref="car", weights="w", cov_type="cluster", groups="household"
    )
    assert out == str(res.summary()) + "\n"
    assert "Sum of weights" in out and "cluster-robust" in out


def test_separation_prints_the_message_and_the_firth_fit(capsys):
    status, out, err = _main(
        capsys, "fit", "--dataset", "risk", "risk ~ age + income", "--ref", "low"
    )
    assert status == 0, err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ml = mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"), ref="low")
    firth = mnlogit.fit(
        "risk ~ age + income", mnlogit.datasets.load("risk"), ref="low", method="firth"
    )
    # the summaries as Python prints them, their advice in the command line's option (as
    # long as the argument, so every wrapped line keeps its width)
    said = str(ml.summary())
    assert 'method="firth"' in said
    option = said.replace('method="firth"', "--method firth").replace(
        "method='firth'", "--method firth"
    )
    assert out.startswith(option)
    assert [len(line) for line in option.splitlines()] == [len(line) for line in said.splitlines()]
    assert "method=" not in out and "--method firth for finite bias-reduced estimates" in out
    assert "WARNING: Separation: " + str(ml.separation).split()[0] in out
    assert "Refitting with --method firth" in out
    # the Firth summary as Python prints it, up to its notes, which are said for the command
    # line (no option runs anova() or mnlogit.lr_test: tests/test_cli_choices_said.py)
    table = str(firth.summary()).rsplit("\nNotes:\n", 1)[0]
    assert table + "\nNotes:\n" in out and out.rstrip("\n").endswith(
        "mnlogit.lr_test(smaller, res)."
    )
    assert "Traceback" not in err


def test_separation_with_a_sandwich_refits_firth_model_based(capsys):
    """A Firth fit's robust covariance is refused on separated data, so the refit the command
    line adds is model-based, and says so, rather than failing after the first summary."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["fit", "--dataset", "risk", "risk ~ age + income", "--ref", "low",
                     "--cov", "robust"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    firth = mnlogit.fit(
        "risk ~ age + income", mnlogit.datasets.load("risk"), ref="low", method="firth"
    )
    assert "robust (HC0)" in out
    assert "Refitting with --method firth (bias-reduced estimates, finite under separation; " in (
        " ".join(out.split())
    )
    # up to its notes, said for the command line
    assert str(firth.summary()).rsplit("\nNotes:\n", 1)[0] + "\nNotes:\n" in out


CELLS = (_num, count, _pval)


def test_iia_table_is_printed(capsys):
    status, out, err = _main(
        capsys, "fit", "--dataset", "travel", TRAVEL_SMALL, "--ref", "car", "--iia"
    )
    assert status == 0, err
    res = mnlogit.fit(TRAVEL_SMALL, mnlogit.datasets.load("travel"), ref="car")
    table = res.iia_table()
    tail = out.split("Hausman-McFadden tests", 1)[1]
    for omitted, row in table.iterrows():
        line = next(ln for ln in tail.splitlines() if ln.split()[:1] == [str(omitted)])
        # a p-value not computed (a negative statistic) is '--', as in the summary
        cells = zip(CELLS, ("statistic", "df", "pvalue"), strict=True)
        shown = [shown_or_not(f, row[c]) for f, c in cells]
        assert line.split()[1:4] == shown


@pytest.mark.slow
def test_datasets_lists_and_describes(capsys):
    proc = run("datasets")
    assert proc.returncode == 0
    for name in mnlogit.datasets.list_datasets():
        assert name in proc.stdout
        assert mnlogit.datasets.info(name)["title"] in proc.stdout
    status, out, _ = _main(capsys, "datasets", "travel")
    assert status == 0 and out.startswith("travel (3052 rows): Travel-mode")


@pytest.mark.parametrize("name", mnlogit.datasets.list_datasets())
def test_a_data_set_is_described_with_the_commands_options(name, capsys):
    # was the library's description: Python to find the true coefficients
    # (mnlogit.datasets.info('travel')['true_coefficients']), cov_type='cluster' with
    # groups='household', and an example mnlogit.fit(...) above the command
    assert main(["datasets", name]) == 0
    out = capsys.readouterr().out
    assert "mnlogit." not in out and "cov_type" not in out and "ref=" not in out, out
    d = mnlogit.datasets.info(name)
    formula, ref = d["example"]["formula"], d["example"]["ref"]
    example = f'mnlogit fit --dataset {name} "{formula}" --ref {ref}'
    assert out.rstrip().endswith(f"Example:\n  {example}")
    for column in d["columns"]:
        assert f"\n  {column} " in out
    if name == "travel":
        assert "--cov cluster --groups household is available" in out
        assert "known coefficients against car (listed below)" in out
        rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:2] == "  "}
        true = d["true_coefficients"]
        assert rows["term"] == list(true)
        for term in true["bus"]:
            assert [float(v) for v in rows[term]] == [true[o][term] for o in true]


@pytest.mark.slow
def test_errors_are_one_line_with_exit_status_2(tmp_path):
    # the process's status and stderr, as a shell sees them; the other refusals in process
    assert_one_line_error(
        run("fit", tmp_path / "nope.csv", "y ~ x", "--ref", "a"), "no such file", "nope.csv"
    )


@pytest.mark.parametrize(
    "argv, fragments",
    [
        (["--dataset", "risk", "risk ~ age + incme"], ["'incme'", "income"]),
        (["--dataset", "risk", "risk ~ ~ age"], ["formula"]),
        (["--dataset", "risk", "risk ~ age", "--ref", "lo"], ["'lo'", "high, low, medium"]),
    ],
)
def test_errors_are_one_line_with_status_2_in_process(argv, fragments, capsys):
    status, out, err = _main(capsys, "fit", *argv)
    lines = err.strip().splitlines()
    assert status == 2 and out == "" and "Traceback" not in err
    assert len(lines) == 1 and lines[0].startswith("mnlogit: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize(
    "argv, fragments",
    [
        (["fit", "--dataset", "nosuch", "y ~ x"], ["'nosuch'", "risk", "travel"]),
        (["fit", str(ANES), "y ~ x", "--dataset", "risk"], ["not both"]),
        # compare took the file for its first formula: "formula '...' has no outcome"
        (["compare", str(ANES), "y ~ x", "y ~ z", "--dataset", "risk"], ["not both"]),
        (["fit", "risk ~ age"], ["--dataset"]),
        (["fit", "--dataset", "travel", TRAVEL_SMALL, "--cov", "cluster"], ["--groups"]),
        (["fit", "--dataset", "travel", TRAVEL_SMALL, "--groups", "household"], ["--cov cluster"]),
        (["fit", "--dataset", "travel", TRAVEL_SMALL, "--cov", "sandwich"], ["--cov", "sandwich"]),
        (["fit", "--dataset", "travel", TRAVEL_SMALL, "--alpha", "2"], ["--alpha", "2"]),
        (["fit", "--dataset", "travel", TRAVEL_SMALL, "--weights", "wt"], ["'wt'"]),
        (["fit", "--dataset", "travel", "mode ~ np.lgo(income)"], ["np.lgo"]),
        (["fit", str(refdata.REF_DIR), "y ~ x"], ["not a file"]),
        (["frobnicate"], ["frobnicate"]),
        ([], ["choose a command"]),
    ],
)
def test_more_errors_in_process(argv, fragments, capsys):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


def test_cov_choices_come_from_the_covariance_table(monkeypatch, capsys):
    monkeypatch.setitem(COVARIANCES, "hc0", COVARIANCES["robust"])
    assert main(["fit", "--dataset", "travel", TRAVEL_SMALL, "--cov", "hc0"]) == 0
    assert "robust (HC0)" in capsys.readouterr().out
    # the groups rule is the covariance's own, in the command line's words
    assert main(["fit", "--dataset", "travel", TRAVEL_SMALL, "--cov", "hc0", "--groups", "g"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "mnlogit: error: --groups is only used with --cov cluster; got --cov robust"
    )
    # without --cov the refusal quoted "--cov nonrobust", which the user never wrote
    assert main(["fit", "--dataset", "travel", TRAVEL_SMALL, "--groups", "g"]) == 2
    err = capsys.readouterr().err
    assert "--cov was not given: add --cov cluster" in err and "nonrobust" not in err


def test_unreadable_csv_is_one_line(tmp_path, capsys):
    (tmp_path / "bad.csv").write_bytes(b"a,b\n1,2,3,4\n\xff\xfe,\x00\n")
    assert main(["fit", str(tmp_path / "bad.csv"), "a ~ b"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1


def test_ref_text_matches_the_levels_type():
    assert match_level("0", (0, 1, 2)) == 0 and type(match_level("0", (0, 1, 2))) is int
    assert match_level("2", (1.0, 2.0)) == 2.0
    assert match_level("car", ("bus", "car")) == "car"
    assert match_level("true", (False, True)) is True
    with pytest.raises(LevelError, match="'3' is not a level of outcome 'PID'"):
        match_level("3", (0, 1, 2), "PID")


def test_ref_text_against_levels_that_are_not_real_numbers():
    # float() of a complex level raised TypeError instead of naming the levels
    with pytest.raises(LevelError, match="is not a level"):
        match_level("1", (1j, 2j))


def _offline_build_backend() -> bool:
    """Whether setuptools here can build a wheel without downloading anything."""
    try:
        import setuptools
    except ImportError:
        return False
    major_minor = tuple(int(x) for x in setuptools.__version__.split(".")[:2])
    return major_minor >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.mark.slow
def test_non_editable_install_runs_on_bundled_data(tmp_path):
    # a copy of the sources, so the build leaves nothing in the working tree
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "mnlogit", src / "mnlogit", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        check=True,
        timeout=300,
    )
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if sys.prefix != sys.base_prefix:
        # run from a virtualenv (as in CI): its packages are this test's "system" packages
        purelib = subprocess.run(
            [bindir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        parent = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
        Path(purelib, "_parent_env.pth").write_text("\n".join(sorted(parent)) + "\n")
    offline = ["--no-build-isolation", "--no-index"] if _offline_build_backend() else []
    install = subprocess.run(
        [bindir / "python", "-m", "pip", "install", "-q", "--no-deps", *offline, str(src)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [bindir / "python", "-c", "import mnlogit; print(mnlogit.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    proc = subprocess.run(
        [bindir / "mnlogit", "fit", "--dataset", "travel", TRAVEL_SMALL, "--ref", "car"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    res = mnlogit.fit(TRAVEL_SMALL, mnlogit.datasets.load("travel"), ref="car")
    assert proc.stdout == str(res.summary()) + "\n"


# --- reading a data file as written -------------------------------------------------------------
def _levels_csv(path: Path, levels: list[str], sep: str = ",", **columns) -> pd.DataFrame:
    """A CSV file whose outcome y takes ``levels`` (as text) and predictor x depends on it."""
    rng = np.random.default_rng(len(levels))
    n = 120 * len(levels)
    y = np.array(levels, dtype=object)[rng.integers(len(levels), size=n)]
    code = np.array([levels.index(v) for v in y])
    df = pd.DataFrame({"y": y, "x": np.round(code * 0.5 + rng.normal(size=n), 4)})
    for name, values in columns.items():
        df[name] = np.array(values, dtype=object)[rng.integers(len(values), size=n)]
    path.write_text(df.to_csv(index=False, sep=sep), encoding="utf-8")
    return df


def _fit_main(capsys, *argv):
    status = main(["fit", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    "levels",
    [
        ["0", "00", "1"],
        ["1", "1.0", "True", "true"],
        ["NA", "None", "n/a", "null"],
        ["-0", "0", "1"],  # was: -0 read as the integer 0, two levels made one
    ],
)
def test_outcome_levels_are_read_exactly_as_written(tmp_path, capsys, levels):
    df = _levels_csv(tmp_path / "d.csv", levels)
    status, out, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x", "--ref", levels[1])
    assert status == 0, err
    res = mnlogit.fit("y ~ x", df, ref=levels[1])
    assert res.outcomes == tuple(sorted(levels)) and res.n_dropped == 0
    assert out == str(res.summary()) + "\n"
    assert f"{len(levels)} levels: {', '.join(sorted(levels))}" in out
    # text that data files write for a missing value is fitted as written, and said
    said = [line for line in err.splitlines() if "write for a missing value" in line]
    if levels[0] == "NA":
        assert len(said) == len(err.splitlines()) == 1
    else:  # and so is one number written in two ways: kept apart, with a warning
        # one warning for the numbers, and one for True and true (one boolean to pandas)
        lines = 2 if "True" in levels else 1
        assert (
            err.startswith("mnlogit: warning: outcome column 'y': levels ")
            and err.count("\n") == lines
        )
        assert "write one number in different ways and are fitted as different outcomes" in err
        assert ("levels 'True', 'true' write one truth value" in err) == (lines == 2)


def test_ref_names_a_level_by_exactly_its_text(tmp_path, capsys):
    _levels_csv(tmp_path / "d.csv", ["1", "1.0", "True", "true"])
    for text in ("1", "1.0", "True", "true"):
        status, out, _ = _fit_main(capsys, tmp_path / "d.csv", "y ~ x", "--ref", text)
        assert status == 0 and f"Reference  {text}\n" in out
    status, _, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x", "--ref", "TRUE")
    assert status == 2 and "'TRUE' is not a level" in err and "1.0, True, true" in err


def test_whole_numbers_as_written_are_levels_in_number_order(tmp_path, capsys):
    _levels_csv(tmp_path / "d.csv", ["2", "10", "-1"])
    status, out, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x")
    assert status == 0, err
    assert "3 levels: -1, 2, 10" in out and "Reference  -1" in out
    status, _, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x", "--ref", "2.0")
    assert status == 2 and "'2.0' is not a level" in err  # the text is "2"
    assert _fit_main(capsys, tmp_path / "d.csv", "y ~ x", "--ref", "10")[0] == 0


def test_only_empty_cells_are_missing_and_the_dropped_rows_are_counted(tmp_path, capsys):
    # "NA" is North America here: a category, not a missing value
    df = _levels_csv(tmp_path / "d.csv", ["a", "b", "c"], region=["NA", "EU", "None"])
    text = (tmp_path / "d.csv").read_text().splitlines()
    for k in (1, 2, 3):  # empty cells: x in rows 1 and 2, y in row 3
        cells = text[k].split(",")
        cells[1 if k < 3 else 0] = ""
        text[k] = ",".join(cells)
    (tmp_path / "d.csv").write_text("\n".join(text) + "\n")
    status, out, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x + region")
    assert status == 0, err
    assert "region[T.NA]" in out and "region[T.None]" in out
    # fitted as written, and said: in R's or Stata's files such text is a missing value
    said, dropped = err.splitlines()
    assert "column 'region' holds" in said and "add --na-values" in said
    assert "'NA' (" in said and "'None' (" in said
    assert (
        dropped
        == f"mnlogit: note: 3 of {len(df)} rows dropped for missing values in y (1) and x (2)"
    )
    written = pd.read_csv(tmp_path / "d.csv", dtype=str, keep_default_na=False, na_values=[""])
    res = mnlogit.fit("y ~ x + region", written.assign(x=pd.to_numeric(written["x"])))
    assert res.n_dropped == 3 and out == str(res.summary()) + "\n"


def test_na_values_marks_more_text_as_missing(tmp_path, capsys):
    df = _levels_csv(tmp_path / "d.csv", ["a", "b"], z=["1.5", "2.5", "3", "4", "NA", "."])
    status, out, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x + z")
    assert status == 2 and out == "" and len(err.splitlines()) == 1
    assert "column 'z'" in err and "'NA'" in err and "'.'" in err
    assert "--na-values NA ." in err or "--na-values . NA" in err
    status, out, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x + z", "--na-values", "NA", ".")
    assert status == 0, err
    missing = int(df["z"].isin(["NA", "."]).sum())
    note = f"{missing} of {len(df)} rows dropped for missing values in z"
    assert err == f"mnlogit: note: {note}\n"
    z = pd.to_numeric(df["z"].where(~df["z"].isin(["NA", "."])))
    res = mnlogit.fit("y ~ x + z", df.assign(z=z))
    assert out == str(res.summary()) + "\n" and "z " in out  # z is a number, not a factor
    # the categories on purpose are left alone
    assert _fit_main(capsys, tmp_path / "d.csv", "y ~ x + C(z)")[0] == 0


def test_text_among_the_numbers_of_weights_or_of_compared_formulas_is_named(tmp_path, capsys):
    """A weights column with an 'NA' cell is text as read: the library quoted the weight '1'
    as the bad value and advised pd.to_numeric; compare gave the library's Python advice
    where fit gives the command-line option."""
    _levels_csv(tmp_path / "d.csv", ["a", "b"], w=["1", "2", "3", "NA"], z=["1.5", "2", "NA"])
    status, out, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x", "--weights", "w")
    assert status == 2 and out == "" and len(err.splitlines()) == 1
    assert "--weights column 'w' holds numbers and the text 'NA'" in err
    assert "write 0 to leave a row out" in err and "'1'" not in err
    argv = ["compare", str(tmp_path / "d.csv"), "y ~ x", "y ~ x + z"]
    for extra, fragment in (
        ([], "column 'z' holds numbers and the text 'NA'"),
        (["--weights", "w"], "--weights column 'w'"),
    ):
        status = main([*argv, *extra])
        out, err = capsys.readouterr()
        assert status == 2 and out == "" and fragment in err, err
        assert "--na-values NA" in err or extra


@pytest.mark.parametrize("sep, flag", [(";", ";"), ("\t", "\\t"), ("|", "|")])
def test_sep_reads_other_delimiters(tmp_path, capsys, sep, flag):
    df = _levels_csv(tmp_path / "d.txt", ["a", "b", "c"], sep=sep)
    status, out, err = _fit_main(capsys, tmp_path / "d.txt", "y ~ x", "--sep", flag)
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


def test_data_options_are_refused_with_a_bundled_data_set(capsys):
    status, _, err = _fit_main(capsys, "--dataset", "risk", "risk ~ age", "--sep", ";")
    assert status == 2 and "--sep applies to a data file" in err


# --- outputs ------------------------------------------------------------------------------------
@pytest.mark.parametrize("flag", ["--csv", "--latex"])
def test_the_data_file_is_never_overwritten(tmp_path, capsys, flag, monkeypatch):
    _levels_csv(tmp_path / "d.csv", ["a", "b"])
    before = (tmp_path / "d.csv").read_bytes()
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.csv").symlink_to(tmp_path / "d.csv")
    monkeypatch.chdir(tmp_path / "sub")
    for data, out in [
        (tmp_path / "d.csv", tmp_path / "d.csv"),
        ("../d.csv", tmp_path / "sub" / ".." / "d.csv"),
        (tmp_path / "d.csv", tmp_path / "link.csv"),  # the same file under another name
    ]:
        status, out_text, err = _fit_main(capsys, data, "y ~ x", flag, out)
        assert status == 2 and out_text == "" and len(err.splitlines()) == 1
        assert "is the data file being read" in err
        assert (tmp_path / "d.csv").read_bytes() == before


def test_csv_and_latex_to_the_same_file_are_refused(tmp_path, capsys):
    _levels_csv(tmp_path / "d.csv", ["a", "b"])
    status, _, err = _fit_main(
        capsys, tmp_path / "d.csv", "y ~ x", "--csv", tmp_path / "t", "--latex", tmp_path / "t"
    )
    assert status == 2 and "different files" in err and not (tmp_path / "t").exists()


def test_csv_output_cells_run_no_formulas(tmp_path, capsys):
    _levels_csv(tmp_path / "d.csv", ["=HYPERLINK(1)", "@x", "-1", "+y"])
    status, _, err = _fit_main(
        capsys, tmp_path / "d.csv", "y ~ x", "--ref", "-1", "--csv", tmp_path / "coef.csv"
    )
    assert status == 0, err
    back = pd.read_csv(tmp_path / "coef.csv", index_col=[0, 1], dtype={"outcome": str})
    assert set(back.index.get_level_values(0)) == {"'=HYPERLINK(1)", "'@x", "'+y"}
    assert (back["estimate"] < 0).any()  # negative numbers are written as numbers


def test_the_readme_shows_the_dropped_rows_note_as_printed(capsys):
    status, _, err = _fit_main(capsys, "--dataset", "travel", "mode ~ income")
    assert status == 0 and err.startswith("mnlogit: note: ")
    assert err.strip() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_iia_table_leaves_positive_definiteness_blank_for_tests_not_computed():
    """--iia printed 'V pos. def. yes' beside tests it did not compute (a separated fit):
    pandas' iterrows turned the table's None into NaN, which reads as true."""
    from mnlogit.report.cli import iia_text

    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.normal(size=120), "g": rng.choice(list("abc"), 120)})
    df["y"] = rng.choice(list("ABC"), 120)
    df.loc[df.g == "c", "y"] = "A"  # level c only of A: B and C separated
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + g", df, ref="A")
        text = iia_text(res)
    assert res.separation is not None
    rows = [ln.split() for ln in text.splitlines() if ln.split()[:1] in (["A"], ["B"], ["C"])]
    # not computed: '--', as the summary's cells, not 'nan'
    assert [r[:4] for r in rows] == [[level, "--", "--", "--"] for level in "ABC"]
    assert all(r[4].startswith("[") for r in rows), rows  # the note, no yes/no before it


# --- interrupted, standard output closed, a named pipe for an output ---------------------------
def _small_file(path: Path) -> Path:
    rng = np.random.default_rng(5)
    n = 400
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": np.round(rng.normal(size=n), 3)})
    df.to_csv(path, index=False)
    return path


def test_ctrl_c_is_one_line_and_the_shells_status(tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_model", interrupted)
    status = cli.main(["fit", str(_small_file(tmp_path / "d.csv")), "y ~ x"])
    out, err = capsys.readouterr()
    assert status == 130 and out == ""
    assert err == "mnlogit: interrupted\n"  # was a KeyboardInterrupt traceback


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="closing a descriptor of the child: POSIX")
def test_closed_standard_output_is_an_error_not_a_silent_success(tmp_path):
    # `mnlogit fit ... >&-`: Python's sys.stdout is None and print() drops every table, so
    # the run printed nothing and exited 0
    proc = run("fit", _small_file(tmp_path / "d.csv"), "y ~ x", preexec_fn=lambda: os.close(1))
    assert proc.returncode == 2
    assert proc.stderr.startswith("mnlogit: error: standard output is closed")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("flag", ["--csv", "--latex"])
def test_a_table_written_into_a_named_pipe_reaches_its_reader(tmp_path, flag):
    # the check that the output can be written opened and closed the pipe: its reader saw
    # the end of its input and left, and the table then waited forever for another reader
    pipe = tmp_path / "table"
    os.mkfifo(pipe)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_text(encoding="utf-8")))
    reader.daemon = True  # when the run waits forever, the test fails on its timeout
    reader.start()
    try:
        proc = run("fit", _small_file(tmp_path / "d.csv"), "y ~ x", flag, pipe, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{flag} into a named pipe waited for a reader that had left")
    reader.join(60)
    assert proc.returncode == 0, proc.stderr
    assert got and ("x" in got[0]) and len(got[0].splitlines()) > 3, got


@pytest.mark.slow
def test_a_level_standard_output_cannot_encode_is_escaped_not_a_traceback(tmp_path):
    # a Windows console or file in cp1252 cannot encode every level name: the summary
    # ended in a UnicodeEncodeError traceback after the fit
    data = tmp_path / "d.csv"
    pd.DataFrame({"y": ["ça", "b", "b", "ça", "c", "c"] * 20, "x": np.arange(120) % 7}).to_csv(
        data, index=False
    )
    ascii_out = {"PYTHONIOENCODING": "ascii"}
    proc = run("fit", data, "y ~ x", "--csv", tmp_path / "coef.csv", environ=ascii_out)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "\\xe7a" in proc.stdout
    assert "ça" in (tmp_path / "coef.csv").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("command", ["fit", "compare"])
def test_the_tables_asked_for_are_written_when_the_reader_of_the_output_leaves(tmp_path, command):
    # `mnlogit fit ... --csv coef.csv | head -1`: the broken pipe ended the run at the
    # summary, before the files it was asked to write, and no file was written
    data = _small_file(tmp_path / "d.csv")
    formulas = ["y ~ x"] if command == "fit" else ["y ~ x", "y ~ 1"]
    csv, latex = tmp_path / "coef.csv", tmp_path / "coef.tex"
    argv = [command, data, *formulas, "--csv", csv, "--latex", latex]
    proc = subprocess.Popen(
        [sys.executable, "-m", "mnlogit", *map(str, argv)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc.stdout.close()  # the reader leaves before the first line
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 1  # as a run cut short by `head`
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert len(csv.read_text(encoding="utf-8").splitlines()) > 3
    assert "\\end{tabular}" in latex.read_text(encoding="utf-8")


@pytest.mark.parametrize("levels", [["2.0", "3.0", "10.0"], ["-1.5", "0.25", "12", "2.5"]])
def test_decimal_numbers_as_written_are_levels_in_number_order(tmp_path, capsys, levels):
    # read as text, "10.0" sorted before "2.0": the default reference and the order of the
    # equations were not those of the same file read by pandas and fitted in Python
    df = _levels_csv(tmp_path / "d.csv", levels)
    status, out, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x")
    assert status == 0, err
    in_order = sorted(levels, key=float)
    assert f"{len(levels)} levels: {', '.join(in_order)}\n" in out
    assert f"Reference  {in_order[0]}\n" in out
    if all(str(float(v)) == v for v in levels):  # as pandas writes the numbers
        as_numbers = df.assign(y=df["y"].astype(float))
        assert out == str(mnlogit.fit("y ~ x", as_numbers).summary()) + "\n"
    assert _fit_main(capsys, tmp_path / "d.csv", "y ~ x", "--ref", levels[-1])[0] == 0


def test_a_decimal_level_only_dropped_rows_hold_is_left_out_as_in_python(tmp_path, capsys):
    # read as categories, its level drew a warning about an unused category of a Categorical
    df = _levels_csv(tmp_path / "d.csv", ["2.0", "3.0", "10.0"])
    df.loc[df["y"] == "10.0", "x"] = np.nan
    (tmp_path / "d.csv").write_text(df.to_csv(index=False), encoding="utf-8")
    status, out, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x")
    assert status == 0, err
    assert "Categorical" not in err and "2 levels: 2.0, 3.0\n" in out
    assert out == str(mnlogit.fit("y ~ x", df.assign(y=df["y"].astype(float))).summary()) + "\n"


def test_decimal_comma_labels_are_levels_in_number_order(tmp_path, capsys):
    # with --decimal ',' the labels "2,5" and "10,5" sorted as text, "10,5" first
    df = _levels_csv(tmp_path / "d.csv", ["10,5", "2,5", "3"], sep=";")
    (tmp_path / "d.csv").write_text(df.to_csv(index=False, sep=";", decimal=","))
    options = ("--sep", ";", "--decimal", ",")
    status, out, err = _fit_main(capsys, tmp_path / "d.csv", "y ~ x", *options)
    assert status == 0, err
    assert "3 levels: '2,5', 3, '10,5'\n" in out and "Reference  2,5\n" in out
    numbers = df.assign(y=df["y"].str.replace(",", ".").astype(float))
    assert out.count("\n") == str(mnlogit.fit("y ~ x", numbers).summary()).count("\n") + 1
