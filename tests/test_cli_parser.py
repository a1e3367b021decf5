"""The command line's options, run in process: an option given twice with different values
is one line naming both; argparse kept the last with nothing said."""

import argparse
import inspect

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import _parser, main
from mnlogit._methods import METHODS
from mnlogit.covariance import COVARIANCES
from mnlogit.report._compare_checks import SE_STYLES


def _data(path):
    rng = np.random.default_rng(5)
    n = 60
    pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": np.round(rng.normal(size=n), 3),
            "w": rng.integers(1, 4, n),
            "n": rng.integers(1, 9, n),
        }
    ).to_csv(path, index=False)
    return str(path)


@pytest.mark.parametrize(
    ("command", "twice", "said"),
    [
        # printed b as the reference
        (["fit"], ["--ref", "a", "--ref", "b"], "--ref given twice, 'a' and then 'b'"),
        # fitted with the weights n, a default in a script then overridden
        (["fit"], ["--weights", "w", "--weights", "n"], "--weights given twice, 'w' and then 'n'"),
        (["fit"], ["--cov", "robust", "--cov", "nonrobust"], "--cov given twice"),
        (["fit"], ["--alpha", "0.05", "--alpha", "0.1"], "--alpha given twice, 0.05 and then 0.1"),
        (["fit"], ["--max-iter", "5", "--max-iter", "50"], "--max-iter given twice, 5 and then 50"),
        (["compare"], ["--se", "ci", "--se", "none"], "--se given twice"),
    ],
)
def test_an_option_given_twice_with_different_values_is_refused(
    tmp_path, capsys, command, twice, said
):
    formulas = ["y ~ x"] if command == ["fit"] else ["y ~ x", "y ~ x + n"]
    assert main([*command, _data(tmp_path / "d.csv"), *formulas, *twice]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("mnlogit: error: ") and err.count("\n") == 1
    assert said in err and "give it once" in err


@pytest.mark.parametrize(
    ("twice", "said"),
    [
        # was "--dataset given twice": the user wrote --dataset once, beside R's --data
        (["--data", "a.csv", "--dataset", "travel"], "--data 'a.csv' and --dataset 'travel'"),
        (["--dataset", "travel", "--data", "a.csv"], "--dataset 'travel' and --data 'a.csv'"),
    ],
)
def test_two_spellings_of_one_option_are_both_named(capsys, twice, said):
    assert main(["fit", "y ~ x", *twice]) == 2
    err = capsys.readouterr().err
    assert said in err and "set the same thing" in err and "give it once" in err
    assert err.count("\n") == 1


def test_an_option_given_twice_with_the_same_value_is_taken(tmp_path, capsys):
    data = _data(tmp_path / "d.csv")
    assert main(["fit", data, "y ~ x", "--ref", "b", "--ref", "b"]) == 0
    assert "Reference  b" in capsys.readouterr().out
    # --na-values gathers its texts, as documented
    assert main(["fit", data, "y ~ x", "--na-values", "NA", "--na-values", "."]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["fit", "{data}", "--ref", "b", "y ~ x"],
        ["fit", "--ref", "b", "{data}", "y ~ x"],
        ["compare", "{data}", "y ~ x", "--ref", "b", "y ~ x + n"],
    ],
)
def test_options_may_stand_among_the_data_file_and_formulas(tmp_path, capsys, argv):
    # the file was taken for the formula, and the formula refused as "unrecognized arguments"
    data = _data(tmp_path / "d.csv")
    filled = [data if a == "{data}" else a for a in argv]
    assert main(filled) == 0
    got = capsys.readouterr().out
    formulas = [a for a in filled if "~" in a]
    assert main([filled[0], data, *formulas, "--ref", "b"]) == 0
    assert got == capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "alpha", "said"),
    [
        # argparse said only "invalid float value: '0,05'"
        (["fit", "--dataset", "travel", "mode ~ parking"], "0,05", "got '0,05'; write 0.05"),
        (["fit", "--dataset", "travel", "mode ~ parking"], "5%", "got '5%'; write 0.05"),
        (["fit", "--dataset", "travel", "mode ~ parking"], "abc", "got 'abc' (see"),
        (
            ["compare", "--dataset", "travel", "mode ~ parking", "mode ~ 1", "--se", "ci"],
            "10%",
            "got '10%'; write 0.1",
        ),
    ],
)
def test_an_alpha_with_a_decimal_comma_or_a_percent_sign_is_told_the_number(
    command, alpha, said, capsys
):
    assert main([*command, "--ref", "car", "--alpha", alpha]) == 2
    err = capsys.readouterr().err
    assert "--alpha: expected a number written with a point" in err and said in err
    assert err.count("\n") == 1


def test_an_alpha_written_plainly_is_taken(capsys):
    assert (
        main(["fit", "--dataset", "travel", "mode ~ parking", "--ref", "car", "--alpha", "0.1"])
        == 0
    )
    assert "[0.05    0.95]" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_a_formula_without_quotes_is_told_to_be_quoted(tmp_path, capsys, command, monkeypatch):
    # the shell splits it and makes its ~ the home folder: fit said "unrecognized arguments:
    # /home/ana x + z", compare "formula 'y' has no outcome", neither a word of the quotes
    monkeypatch.setenv("HOME", str(tmp_path))
    rng = np.random.default_rng(1)
    data = tmp_path / "d.csv"
    pd.DataFrame({"y": rng.choice(list("abc"), 60), "x": rng.normal(size=60)}).to_csv(data)
    extra = ["y ~ 1"] if command == "compare" else []
    status = main([command, str(data), "y", str(tmp_path), "x", "+", "x", "--ref", "a", *extra])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "a formula goes in quotes" in err and f"home folder ({tmp_path})" in err
    assert err.rstrip().endswith('write it as one argument: "y ~ x + x"')
    # a ~ the shell left as written ('~x', no such user)
    main(["fit", str(data), "y", "~x"])
    assert 'write it as one argument: "y ~x"' in capsys.readouterr().err


@pytest.mark.parametrize("alpha", ["1e-400", "1E-999", "0.5e-330"])
def test_an_alpha_that_underflows_is_quoted_as_written(alpha, capsys):
    # the range refusal said "got 0", which the user had not written
    assert main(["fit", "--dataset", "travel", "mode ~ parking", "--alpha", alpha]) == 2
    err = capsys.readouterr().err
    assert f"got {alpha!r}, which is 0 in double precision" in err and "got 0." not in err
    assert err.count("\n") == 1


def test_a_value_starting_with_a_dash_is_taken_as_the_options(tmp_path, capsys):
    # '--names -a,b' was refused as "argument --names: expected one argument", '-a,b' read
    # as an option, and '--ref -a' so too: only '--names=-a,b' was taken
    data = _data(tmp_path / "d.csv")
    frame = pd.read_csv(data)
    frame["y"] = frame["y"].map({"a": "-a", "b": "b", "c": "c"})
    frame.to_csv(data, index=False)
    argv = ["compare", data, "y ~ x", "y ~ x + n", "--names", "-a,b", "--ref", "-a"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    header = next(line for line in out.splitlines() if line.strip().startswith("-a"))
    assert header.split() == ["-a", "b"] and "b vs -a" in out, err
    # and so is each of --names given once per formula
    assert main([*argv[:4], "--names", "-a, b", "--names", "-c", "--ref", "-a"]) == 0
    out, err = capsys.readouterr()
    assert next(line for line in out.splitlines() if "-c" in line).split() == ["-a,", "b", "-c"]
    assert main(["fit", data, "y ~ x", "--ref", "-a"]) == 0
    assert "Reference  -a" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["--na-values", "-x"], "--na-values=-x"),
        (["--ref", "--a"], "--ref=--a"),
    ],
)
def test_a_dashed_value_argparse_keeps_as_an_option_is_told_the_equals_sign(
    tmp_path, capsys, words, said
):
    assert main(["fit", _data(tmp_path / "d.csv"), "y ~ x", *words]) == 2
    err = capsys.readouterr().err
    assert f"a value that starts with '-' is joined to its option by '=': {said} (" in err
    assert err.count("\n") == 1


def test_an_option_left_without_its_value_is_not_told_to_join_the_next_one(tmp_path, capsys):
    assert main(["fit", _data(tmp_path / "d.csv"), "y ~ x", "--ref", "--weights", "w"]) == 2
    err = capsys.readouterr().err
    assert "argument --ref: expected one argument (see" in err and "=" not in err


@pytest.mark.parametrize("formula", ["~ x", "~x"])
def test_a_quoted_formula_without_an_outcome_is_not_told_to_be_quoted(tmp_path, capsys, formula):
    # was "the formula is several arguments ('d.csv', '~ x', ...): a formula goes in quotes
    # ...; write it as one argument: "d.csv ~ x"", the data file taken for the outcome
    data = _data(tmp_path / "d.csv")
    for argv in (["fit", data, formula], ["compare", data, "y ~ x", formula]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert f"formula {formula!r}: the left-hand side must be one outcome column" in err, err
        assert "quotes" not in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was "the following arguments are required: FORMULA", the formula given
        (["fit", "--na-values", "NA", "{d}", "y ~ x"], "--na-values took '{d}', 'y ~ x' as"),
        (["compare", "--na-values", "NA", "{d}", "y ~ x", "y ~ 1"], "took '{d}', 'y ~ x', "),
        # was "'d.csv' is the data file, and no formula follows it", the formula given
        (["fit", "{d}", "--na-values", "NA", "y ~ x"], "--na-values took 'y ~ x' as cell texts"),
        # was "compare needs at least two formulas", two given
        (["compare", "{d}", "y ~ 1", "--na-values", "NA", "y ~ x"], "took 'y ~ x' as cell texts"),
    ],
)
def test_a_data_file_or_formula_after_na_values_is_said_taken_by_it(tmp_path, capsys, argv, said):
    d = _data(tmp_path / "d.csv")
    assert main([word.format(d=d) for word in argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and said.format(d=d) in err, err
    assert "end its values with --" in err
    # as the refusal says: the values ended by --, or the option after the formulas
    if argv[1] == "--na-values":
        fixed = [*argv[:3], "--", *argv[3:]]
    else:
        fixed = [*argv[:2], argv[-1], *argv[2:-1]]
    assert main([word.format(d=d) for word in fixed]) == 0, capsys.readouterr().err


def test_a_tilde_alone_is_a_missing_value_text(tmp_path, capsys):
    d = _data(tmp_path / "d.csv")
    assert main(["fit", d, "y ~ x", "--na-values", "~", "NA"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # each was asked "did you mean" the option itself: "--stars; did you mean --stars?"
        (["fit", "D", "y ~ x", "--stars"], "--stars is an option of compare, not of fit"),
        (["fit", "D", "y ~ x", "--names", "a"], "--names is an option of compare, not of fit"),
        (["compare", "D", "y ~ x", "y ~ x + n", "--iia"], "--iia is an option of fit, not of"),
        (["datasets", "--ref", "a"], "--ref is an option of fit and compare, not of datasets"),
        # the '--' that ends --na-values' texts (as its refusal advises) ends every option
        (
            ["fit", "D", "--na-values", "NA", "--", "y ~ x", "--ref", "a"],
            "--ref follows '--', which ends the options",
        ),
    ],
)
def test_an_option_the_command_does_not_take_there_is_not_offered_as_itself(
    tmp_path, capsys, argv, said
):
    data = _data(tmp_path / "d.csv")
    assert main([data if a == "D" else a for a in argv]) == 2
    err = capsys.readouterr().err
    assert said in err and "did you mean" not in err, err
    assert err.count("\n") == 1


def test_a_misspelt_option_is_still_offered_the_option(tmp_path, capsys):
    assert main(["fit", _data(tmp_path / "d.csv"), "y ~ x", "--reff", "a"]) == 2
    assert "did you mean --ref?" in capsys.readouterr().err


@pytest.mark.parametrize(
    "before",
    [
        ["--ref", "a"],  # was "invalid choice: 'a' (choose from 'fit', 'compare', 'datasets')"
        ["--ref=a"],  # was "unrecognized arguments: --ref=a; did you mean --se?"
    ],
)
def test_a_commands_option_before_the_command_is_told_to_follow_it(tmp_path, capsys, before):
    assert main([*before, "fit", _data(tmp_path / "d.csv"), "y ~ x"]) == 2
    err = capsys.readouterr().err
    assert "--ref is an option of fit and compare: give it after the command" in err, err
    assert "did you mean" not in err


@pytest.mark.parametrize(
    ("words", "said"),
    [
        # --se was read as --sep and 'robust' refused as a delimiter
        (["--se", "robust"], "--se robust; the standard errors' covariance is --cov robust"),
        (["--se=HC1"], "the standard errors' covariance is --cov: HC1's small-sample"),
        (["--re", "a"], "--re a; did you mean --ref?"),
        (["--w", "x"], "unrecognized arguments: --w x"),
    ],
)
def test_an_option_is_not_taken_from_a_prefix_of_its_name(tmp_path, capsys, words, said):
    assert main(["fit", _data(tmp_path / "d.csv"), "y ~ x", *words]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1, err


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("z", "the table shows no z (or t) statistics or p-values under the estimates; --se "),
        ("pvalue", "--stars marks p < 0.05"),
        ("robust", "not the covariance: each fit's standard errors are those of its own "),
        ("HC0", "(statsmodels' HC0 is --cov robust here)"),
    ],
)
def test_compares_se_of_another_kind_is_answered_with_the_options(tmp_path, capsys, value, said):
    # argparse listed the four styles and nothing of z, p-values or the covariance
    data = _data(tmp_path / "d.csv")
    assert main(["compare", data, "y ~ x", "y ~ 1", "--se", value]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and err.count("\n") == 1, err


@pytest.mark.parametrize("value", ["bogus", "stderr"])
def test_compares_se_of_no_other_kind_lists_the_styles_once(tmp_path, capsys, value):
    data = _data(tmp_path / "d.csv")
    assert main(["compare", data, "y ~ x", "y ~ 1", "--se", value]) == 2
    # was "... (choose from 'parentheses', ...): expected one of ('parentheses', ...); got ..."
    assert capsys.readouterr().err == (
        f"mnlogit: error: argument --se: invalid choice: {value!r} (choose from 'parentheses', "
        "'brackets', 'ci', 'none') (see 'mnlogit compare --help')\n"
    )


@pytest.mark.parametrize(
    ("words", "said"),
    [
        # "did you mean --data?", the hidden alias --help does not show
        (["--datas", "travel"], "did you mean --dataset? (options are given in full)"),
        # argparse took these prefixes: now refused, they got no option to give instead
        (["--od"], "--od; did you mean --odds-ratios? (options are given in full)"),
        (["--thou", ","], "did you mean --thousands? (options are given in full)"),
    ],
)
def test_a_prefix_once_taken_is_told_the_option_in_full(tmp_path, capsys, words, said):
    assert main(["fit", _data(tmp_path / "d.csv"), "y ~ x", *words]) == 2
    err = capsys.readouterr().err
    assert said in err and "--data?" not in err and err.count("\n") == 1, err


@pytest.mark.parametrize(
    "words",
    [
        ["fit", "--dataset", "risk", "risk ~ age", "--odds"],
        ["fit", "--dataset", "risk", "risk ~ age", "--stars"],  # an option of compare
        ["compare", "--dataset", "risk", "risk ~ age", "risk ~ income", "--bogus"],
        ["datasets", "risk", "travel"],
    ],
)
def test_an_unrecognized_argument_points_to_the_help_that_lists_the_commands_options(words, capsys):
    # the command's unknown words are refused by the top parser, which sent the reader to
    # 'mnlogit --help': a list of the commands, with none of the options to choose from
    assert main(words) == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments" in err
    pointed = err.split("(see '")[-1].split(" --help')")[0].split()
    assert pointed[0] == "mnlogit"
    with pytest.raises(SystemExit):
        main([*pointed[1:], "--help"])
    shown = capsys.readouterr().out
    assert shown.startswith(f"usage: mnlogit {words[0]} "), shown[:80]


def test_compare_takes_the_choices_and_defaults_of_the_librarys_tables():
    # compare spelled its --cov, --method and --se choices and defaults out again, where fit
    # read them from the library: a covariance or table style added there would be refused
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    fit_defaults = inspect.signature(mnlogit.fit).parameters
    for command in ("fit", "compare"):
        options = {a.dest: a for a in sub.choices[command]._actions}
        assert tuple(options["cov"].choices) == tuple(COVARIANCES)
        assert options["cov"].default == fit_defaults["cov_type"].default
        assert tuple(options["method"].choices) == tuple(METHODS)
        assert options["method"].default == fit_defaults["method"].default
    options = {a.dest: a for a in sub.choices["compare"]._actions}
    assert tuple(options["se"].choices) == SE_STYLES
    assert options["se"].default == inspect.signature(mnlogit.compare).parameters["se"].default
