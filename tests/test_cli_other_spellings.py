"""Other packages' names for the command's options and values (statsmodels' HC0, Stata's
vce(robust) and baseoutcome(), R's na.action and data=) answered as the Python API answers
them, with the command's options: they got argparse's list of choices, "did you mean --se?",
or nothing at all."""

import re
import shlex

import pytest
from test_cli_files import _main, _one_line_error

import mnlogit

_FIT = ("fit", "--dataset", "travel", "mode ~ income")
# Python's spellings that are no step on the command line
_PYTHON = re.compile(r"\b(cov_type|groups|max_iter|ref|alpha)=|\bres\.|summary\(")


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("HC0", "statsmodels' HC0 is --cov robust here"),
        ("hc1", "--cov robust is the HC0 sandwich"),
        ("HC3", "--cov robust is the HC0 sandwich"),
        ("clustered", "write --cov cluster"),
        ("vce(cluster)", "write --cov cluster"),
        ("vce(robust)", "--cov robust is the HC0 sandwich, without the n/(n-1)"),
        ("sandwich", "write --cov robust"),
        ("oim", "write --cov nonrobust"),
        ("vce(cluster household)", "write --cov cluster --groups household"),
    ],
)
@pytest.mark.parametrize("command", ["fit", "compare"])
def test_another_packages_covariance_is_answered_with_the_option(capsys, value, said, command):
    formulas = ("mode ~ income",) if command == "fit" else ("mode ~ income", "mode ~ age")
    argv = (command, "--dataset", "travel", *formulas, "--cov", value)
    status, out, err = _main(capsys, *argv)
    # was: argument --cov: invalid choice: 'HC0' (choose from 'nonrobust', 'robust', ...)
    _one_line_error(status, out, err, said)
    assert not _PYTHON.search(err), err


def test_the_advice_for_statas_vce_cluster_runs(capsys):
    status, out, err = _main(capsys, *_FIT, "--cov", "vce(cluster household)")
    advice = re.search(r"write (--cov .*?) \(see", err)
    assert advice, err
    status, out, err = _main(capsys, *_FIT, *shlex.split(advice[1]))
    assert status == 0 and "cluster" in out, err


def test_python_answers_statas_vce_cluster_with_its_column():
    df = mnlogit.datasets.load("travel")
    with pytest.raises(mnlogit.exceptions.OptionError, match="groups='household'"):
        mnlogit.fit("mode ~ income", df, cov_type="vce(cluster household)")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("--vce", "robust"), "the covariance is --cov robust, or --cov cluster with --groups"),
        (("--vce=robust",), "the covariance is --cov robust"),
        (("--robust",), "robust standard errors are --cov robust"),
        (("--cluster", "household"), "clusters are --cov cluster --groups COL"),
        (("--family", "multinomial"), "the multinomial logit takes no family"),
        (("--maxit", "5"), "the iteration limit is --max-iter"),
        (("--level", "95"), "intervals take --alpha (the error rate: --alpha 0.05 for 95%)"),
        (("--baseoutcome", "car"), "the reference outcome is --ref"),
        (("--base", "car"), "the reference outcome is --ref"),
        (("--refLevel", "car"), "the reference outcome is --ref"),
        (("--na-action", "na.omit"), "dropped, as R's na.omit"),
        (("--na_action", "na.omit"), "dropped, as R's na.omit"),
        (("--rrr",), "relative-risk ratios are --odds-ratios"),
        (("--control", "x"), "--max-iter"),
    ],
)
def test_another_packages_option_is_answered_with_the_commands(capsys, argv, said):
    status, out, err = _main(capsys, *_FIT, *argv)
    # was: "did you mean --se?" for --vce and --base, nothing for --family or --baseoutcome
    _one_line_error(status, out, err, said)
    assert "did you mean" not in err and not _PYTHON.search(err), err


def test_a_python_step_is_not_given_as_the_commands(capsys):
    # R's subset= is answered in Python with rows of a DataFrame, no step on a data file
    status, out, err = _main(capsys, *_FIT, "--subset", "x")
    _one_line_error(status, out, err)
    assert "df[" not in err and "mnlogit.fit" not in err


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_a_data_file_given_as_rs_data_option_is_pointed_to_its_place(tmp_path, capsys, command):
    df = mnlogit.datasets.load("travel")[["mode", "income", "age"]]
    path = tmp_path / "d.csv"
    df.to_csv(path, index=False)
    formulas = ("mode ~ income",) if command == "fit" else ("mode ~ income", "mode ~ age")
    status, out, err = _main(capsys, command, "--data", path, *formulas)
    # was: dataset '.../d.csv' is not bundled with mnlogit; available: risk, travel
    _one_line_error(status, out, err, f"mnlogit {command} {path} FORMULA")
    status, out, err = _main(capsys, command, path, *formulas)
    assert status == 0, err


def test_a_bundled_name_that_is_no_file_is_still_refused_as_not_bundled(capsys):
    status, out, err = _main(capsys, "fit", "--dataset", "travels", "mode ~ income")
    _one_line_error(status, out, err, "not bundled")


@pytest.mark.parametrize("option", ["--tol", "--threads", "--penalty"])
def test_an_option_only_python_takes_is_said_to_be_pythons(capsys, option):
    status, out, err = _main(capsys, *_FIT, option, "2")
    # was: "did you mean --method?" for --tol, nothing for --threads
    name = option.removeprefix("--")
    _one_line_error(status, out, err, f"mnlogit.fit(formula, df, {name}=...)")
    assert "did you mean" not in err


@pytest.mark.parametrize("value", ["omit", "na.omit"])
def test_rs_missing_values_option_is_answered_with_how_the_file_is_read(capsys, value):
    status, out, err = _main(capsys, *_FIT, "--missing", value)
    _one_line_error(status, out, err, "dropped, as R's na.omit", "--na-values")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("--eform",), "relative-risk ratios are --odds-ratios"),
        (("--base-outcome", "car"), "the reference outcome is --ref"),
        (("--ref_level", "car"), "the reference outcome is --ref"),
        (("--reflevel", "car"), "the reference outcome is --ref"),
        (("--na.action", "na.omit"), "dropped, as R's na.omit"),
    ],
)
def test_an_option_spelt_with_other_separators_or_case_is_answered(capsys, argv, said):
    status, out, err = _main(capsys, *_FIT, *argv)
    # was: nothing for --eform and --base-outcome, "did you mean --ref?" for --ref_level
    _one_line_error(status, out, err, said)
    assert "odds_ratios=" not in err and not _PYTHON.search(err), err


@pytest.mark.parametrize(("alpha", "rate"), [("95%", "0.05"), ("0,95", "0.05"), ("99%", "0.01")])
@pytest.mark.parametrize("command", ["fit", "compare"])
def test_alpha_given_as_the_level_is_advised_its_error_rate(capsys, alpha, rate, command):
    compared = ("mode ~ income", "mode ~ age", "--se", "ci")
    formulas = ("mode ~ income",) if command == "fit" else compared
    argv = (command, "--dataset", "travel", *formulas)
    status, out, err = _main(capsys, *argv, "--alpha", alpha)
    # was: "write 0.95", which --alpha then refused as out of (0, 0.5]
    _one_line_error(status, out, err, f"write {rate} (")
    status, out, err = _main(capsys, *argv, "--alpha", rate)
    assert status == 0, err


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("family=multinomial", "the multinomial logit takes no family"),
        ("cov_type=robust", "give it as an option, --cov robust"),
        ("ref='car'", "give it as an option, --ref car"),
        ("maxit=5", "the iteration limit is --max-iter"),
        ("na.action=na.omit", "dropped, as R's na.omit"),
    ],
)
@pytest.mark.parametrize("with_file", [False, True])
def test_an_argument_written_as_r_writes_it_is_answered_with_the_option(
    tmp_path, capsys, word, said, with_file
):
    path = tmp_path / "d.csv"
    mnlogit.datasets.load("travel")[["mode", "income"]].to_csv(path, index=False)
    data = (path,) if with_file else ("--dataset", "travel")
    status, out, err = _main(capsys, "fit", *data, "mode ~ income", word)
    # was: "formula 'family=multinomial' has no outcome" (after --dataset, the formula taken
    # for the data file), or "unrecognized arguments: family=multinomial"
    _one_line_error(status, out, err, said)
    assert "has no outcome" not in err and "unrecognized" not in err, err


def test_rs_data_argument_is_pointed_to_the_data_files_place(tmp_path, capsys):
    path = tmp_path / "d.csv"
    mnlogit.datasets.load("travel")[["mode", "income"]].to_csv(path, index=False)
    status, out, err = _main(capsys, "fit", "mode ~ income", f"data={path}")
    _one_line_error(status, out, err, f"mnlogit fit {path} FORMULA")


def test_a_data_file_whose_name_holds_an_equals_sign_is_read(tmp_path, capsys):
    path = tmp_path / "run=1.csv"
    mnlogit.datasets.load("travel")[["mode", "income"]].to_csv(path, index=False)
    status, _out, err = _main(capsys, "fit", path, "mode ~ income")
    assert status == 0, err
    # and a refusal of it is its own, not one of R's name=value
    status, out, err = _main(capsys, "fit", path, "mode ~ incomes")
    _one_line_error(status, out, err, "incomes")
    assert "argument of R" not in err


@pytest.mark.parametrize("argv", [("--weight-type", "fweight"), ("--weight_type=frequency",)])
def test_frequency_weights_named_as_python_or_stata_are_said_to_be_weights_alone(capsys, argv):
    status, out, err = _main(capsys, *_FIT, "--weights", "age", *argv)
    # was: "the command line fits no survey designs (--weight-type)"
    _one_line_error(status, out, err, "what --weights COL fits", "give --weights alone")
    assert "survey" not in err
    status, out, err = _main(capsys, *_FIT, "--weights", "age")
    assert status == 0, err
