"""Command-line mistakes refused before the fit, with advice the command line can follow: an
empty output name, and fractional weights (which only the Python API fits, as sampling
weights)."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _data_file(tmp_path, weights):
    rng = np.random.default_rng(7)
    n = len(weights)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": rng.normal(size=n), "w": weights})
    path = tmp_path / "data.csv"
    df.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("flag", ["--csv", "--latex"])
@pytest.mark.parametrize("command", ["fit", "compare"])
def test_an_empty_output_name_is_refused_before_the_fit(tmp_path, capsys, flag, command):
    # was let through the checks before the fit, and refused after its summary was printed
    path = _data_file(tmp_path, np.ones(60))
    formulas = ["y ~ x"] if command == "fit" else ["y ~ x", "y ~ 1"]
    status = main([command, str(path), *formulas, flag, ""])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err == f"mnlogit: error: {flag}: expected a file name; got ''\n"


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_fractional_weights_get_advice_the_command_line_can_follow(tmp_path, capsys, command):
    # the library's refusal said "pass weight_type='probability'", for which the command
    # line has no flag
    weights = np.full(60, 1.0)
    weights[4] = 2.5
    path = _data_file(tmp_path, weights)
    formulas = ["y ~ x"] if command == "fit" else ["y ~ x", "y ~ 1"]
    status = main([command, str(path), *formulas, "--weights", "w"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    said = "--weights column 'w' holds 2.5 in data row 5 (1 row in all"
    assert err.startswith(f"mnlogit: error: {said}")
    assert "weight_type='probability')" in err and "mnlogit.fit(formula, df, weights='w'" in err


def test_fractional_weights_of_a_bundled_data_set_too(capsys):
    status = main(["fit", "--dataset", "travel", "mode ~ age", "--weights", "distance"])
    _, err = capsys.readouterr()
    assert status == 2 and "--weights column 'distance' holds" in err


def test_whole_number_weights_read_as_floats_still_fit(tmp_path, capsys):
    weights = np.arange(60) % 3 * 1.0  # 0, 1, 2 written as 0.0, 1.0, 2.0
    path = _data_file(tmp_path, weights)
    status = main(["fit", str(path), "y ~ x", "--weights", "w"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Sum of weights" in out


@pytest.mark.parametrize("sep", ["||", " | ", "..", "::", "+-", "\\t;"])
def test_a_delimiter_of_several_characters_is_the_text_given(tmp_path, capsys, sep):
    # pandas read it as a regular expression: '||' split each row at every character and
    # ' | ' at every space (refused as a header naming '|' twice), '..' at any two characters
    rng = np.random.default_rng(8)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 60), "x": rng.integers(0, 9, 60)})
    path = tmp_path / "data.txt"
    lines = [sep.join(df.columns), *(sep.join(map(str, row)) for row in df.itertuples(False))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = main(["fit", str(path), "y ~ x", "--sep", sep])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


def _numbers_file(tmp_path, cells, sep=","):
    y = ["a", "b", "c"] * 4
    path = tmp_path / "data.csv"
    rows = [f'{y[i]}{sep}"{cells[i % len(cells)]}"' for i in range(len(y))]
    path.write_text("\n".join([f"y{sep}x", *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("options", "cells", "shown"),
    [
        (["--thousands", ","], ["1,5", "2,25", "1,200", "4,75"], "'1,5' in data row 1"),
        (["--thousands", ","], ["1,200", "12,50", "3,000"], "'12,50' in data row 2"),
        (["--thousands", " "], ["15 000", "1 5", "2 000"], "'1 5' in data row 2"),
        (["--thousands", ".", "--decimal", ","], ["15.000,5", "2.5", "3.000"], "'2.5'"),
        (["--thousands", "\u00a0"], ["15\u00a0000", "1\u00a05", "2\u00a0000"], "data row 2"),
    ],
)
def test_a_thousands_separator_that_groups_no_thousands_is_refused(
    tmp_path, capsys, options, cells, shown
):
    # pandas drops the separator wherever it stands: '1,5' and '4,75' were fitted as 15
    # and 475 with nothing said
    path = _numbers_file(tmp_path, cells, sep=";" if "," in options else ",")
    sep = ["--sep", ";"] if "," in options else []
    status = main(["fit", str(path), "y ~ x", *options, *sep])
    out, err = capsys.readouterr()
    assert status == 2 and out == "", err
    assert err.startswith("mnlogit: error: column 'x' holds ") and shown in err
    assert "no number with its digits grouped in thousands" in err


@pytest.mark.parametrize(  # four cells against three classes: not separated
    ("options", "cells", "numbers"),
    [
        (
            ["--thousands", ","],
            ["1,200", "-12,500.5", "3", "1,234,567"],
            [1200, -12500.5, 3, 1234567],
        ),
        (
            ["--thousands", ".", "--decimal", ","],
            ["15.000,5", "2,5", "3.000", "7"],
            [15000.5, 2.5, 3000, 7],
        ),
        (
            ["--thousands", " ", "--decimal", ","],
            ["15 000", "2", "1 000 000,5", "7"],
            [15000, 2, 1e6 + 0.5, 7],
        ),
    ],
)
def test_numbers_grouped_in_thousands_still_read(tmp_path, capsys, options, cells, numbers):
    sep = ["--sep", ";"] if "," in options else []
    path = _numbers_file(tmp_path, cells, sep=";" if sep else ",")
    status = main(["fit", str(path), "y ~ x", *options, *sep])
    out, err = capsys.readouterr()
    assert status == 0, err
    y = ["a", "b", "c"] * 4
    df = pd.DataFrame({"y": y, "x": [float(numbers[i % len(numbers)]) for i in range(len(y))]})
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


def test_numbers_with_a_typographic_minus_are_not_called_missing_values(tmp_path, capsys):
    # '\u22121' was reported as text with the advice --na-values '\u22121', which would have
    # dropped the negative numbers as missing
    path = _numbers_file(tmp_path, ["1.5", "2", "\u22121", "4", "0.5"])
    status = main(["fit", str(path), "y ~ x"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert "holds '\u22121', a number written with the minus sign" in err
    assert "--na-values" not in err


def test_a_number_the_given_decimal_mark_does_not_read_gets_new_advice(tmp_path, capsys):
    # '1.234' beside --decimal ',' kept the column text, and the refusal advised the
    # --decimal ',' already given, from the '2,5' that option reads
    path = _numbers_file(tmp_path, ["2,5", "1.234", "3", "1.000", "4,75"], sep=";")
    argv = ["fit", str(path), "y ~ x", "--sep", ";", "--decimal", ","]
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert "(e.g. '1.234'): pass --thousands '.'" in err
    status = main([*argv, "--thousands", "."])  # as it says
    out, err = capsys.readouterr()
    assert status == 0, err


@pytest.mark.parametrize("text", ["y,x\n", "y,x\n\n\n", "y,x,a,b,c,d,e\r\n"])
def test_a_file_with_a_header_and_no_rows_says_so(tmp_path, capsys, text):
    # was the library's "data: the DataFrame has no rows", of a DataFrame the user never made
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    status = main(["fit", str(path), "y ~ x"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err.startswith(f"mnlogit: error: '{path}' has a header (y, x") and "no rows" in err


def test_the_iia_notes_point_to_suest_where_it_runs(tmp_path, capsys):
    # a negative Hausman statistic's note said "see method='suest'", an option the command
    # line does not have
    rng = np.random.default_rng(6)
    n = 120
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": rng.normal(size=n).round(3)})
    path = tmp_path / "data.csv"
    df.to_csv(path, index=False)
    res = mnlogit.fit("y ~ x", df)
    assert (res.iia_table()["statistic"] < 0).any()  # these data give a negative statistic
    status = main(["fit", str(path), "y ~ x", "--iia"])
    out, err = capsys.readouterr()
    assert status == 0, err
    text = " ".join(out.split())  # the notes are wrapped
    assert "method='suest' for" not in text
    assert "runs in Python: mnlogit.fit(...).iia_test(omit, method='suest')." in text


def test_an_output_inside_a_file_says_the_file_is_no_folder(tmp_path, capsys):
    # '--csv data.csv/coef.csv' said the folder 'data.csv' does not exist, beside the file
    path = _data_file(tmp_path, np.ones(30))
    status = main(["fit", str(path), "y ~ x", "--csv", f"{path}/coef.csv"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert f"coef.csv': '{path}' is a file, not a folder" in err


@pytest.mark.parametrize(
    ("cells", "shown", "written"),
    [
        (["1.5", "(2.25)", "4", "0.5"], "'(2.25)'", "-2.25,"),
        (["1.5", "2.25-", "4", "0.5"], "'2.25-'", "-2.25,"),
        (["(1.5)", "(2.25)"], "'(", "-"),  # all negative: a factor, fitted with nothing said
    ],
)
def test_negative_numbers_written_as_accounts_write_them(tmp_path, capsys, cells, shown, written):
    # the library's refusal advised making them missing with pd.to_numeric in Python, which
    # drops every negative number
    path = _numbers_file(tmp_path, cells)
    status = main(["fit", str(path), "y ~ x"])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and err.count("\n") == 1
    assert f"column 'x' holds {shown}" in err and "an accounting-style negative number" in err
    assert f"with a leading minus sign in the file, as {written}" in err
    assert "--na-values" not in err and "pd." not in err


@pytest.mark.parametrize(
    "args, meant",
    [
        (["fit", "--dataset", "travel", "mode ~ income", "--reff", "car"], "--ref"),
        (["fit", "--dataset", "travel", "mode ~ income", "--weigths", "w"], "--weights"),
        (["compare", "--dataset", "travel", "mode ~ income", "mode ~ age", "--start"], "--stars"),
        (["fit", "--dataset", "travel", "mode ~ income", "--max_iter=5"], "--max-iter"),
    ],
)
def test_a_misspelt_option_is_answered_with_the_one_meant(capsys, args, meant):
    # argparse said "unrecognized arguments: --reff car" and nothing more
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"did you mean {meant}?" in err and err.count("\n") == 1, err


def test_a_word_like_no_option_gets_no_guess(capsys):
    assert main(["fit", "--dataset", "travel", "mode ~ income", "--zzz", "2"]) == 2
    assert "did you mean" not in capsys.readouterr().err
