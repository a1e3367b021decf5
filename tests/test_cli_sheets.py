"""The command line on tables exported from a spreadsheet as they come: a European Excel's CSV
(semicolons, decimal commas, a byte-order mark, CRLF) read without options, a row of group
names over the column names (merged header cells), and a row of units or labels under them."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_cli_files import _main, _one_line_error


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(50)
    n = 240
    x = np.round(rng.normal(size=n), 3)
    z = np.round(rng.normal(size=n), 3)
    eta = np.c_[np.zeros(n), 0.5 + x, -0.3 + 0.8 * z]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = (rng.random(n)[:, None] > p.cumsum(axis=1)).sum(axis=1)
    g = rng.integers(0, 4, n)
    return pd.DataFrame({"y": np.array(["a", "b", "c"])[y], "x": x, "z": z, "g": g})


def _plain(tmp_path: Path, capsys, formula: str) -> str:
    _frame().to_csv(tmp_path / "plain.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "plain.csv", formula)
    assert status == 0, err
    return out


@pytest.mark.parametrize(("sep", "option"), [(";", ";"), ("\t", "\\t"), ("|", "|")])
def test_decimal_commas_under_another_delimiter_name_both_options(tmp_path, capsys, sep, option):
    text = _frame().to_csv(index=False, sep=sep, decimal=",").replace("\n", "\r\n")
    (tmp_path / "d.csv").write_bytes(("\ufeff" + text).encode("utf-8"))  # as Excel saves it
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z")
    # was: "line 2 has 3 fields where the header has 1; quote the fields that hold the
    # delimiter ',', or give the delimiter with --sep", which sent the user to quote cells
    _one_line_error(status, out, err, f"pass --sep '{option}' --decimal ','")
    assert "quote the fields" not in err
    argv = ("fit", tmp_path / "d.csv", "y ~ x + z", "--sep", option, "--decimal", ",")
    status, out, err = _main(capsys, *argv)
    assert status == 0, err
    assert out == _plain(tmp_path, capsys, "y ~ x + z")


def test_a_row_of_group_names_over_the_header_is_skipped_by_the_advice(tmp_path, capsys):
    # merged header cells ('Person' over y and x, 'Trip' over z and g) are written so
    text = "Person,,Trip,\n" + _frame().to_csv(index=False)
    (tmp_path / "d.csv").write_text(text, encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z")
    # was: "column 'y' is not in the data (columns: Person, Unnamed: 1, Trip, Unnamed: 3)"
    _one_line_error(status, out, err, "line 2, 'y,x,z,g', names the outcome 'y'", "--skip 1")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z", "--skip", "1")
    assert status == 0, err
    assert out == _plain(tmp_path, capsys, "y ~ x + z")


def test_a_row_of_data_naming_the_outcome_is_not_taken_for_the_header(tmp_path, capsys):
    # 'b' is a level: a formula 'b ~ x' for a file whose outcome column is y is a wrong name,
    # and line 3 ('b,...', all text) is a row of data like those below it, not a header
    df = pd.DataFrame({"y": ["a", "b", "c", "b", "a", "c"], "w": ["u", "v", "u", "v", "u", "v"]})
    (tmp_path / "d.csv").write_text("A,B\n" + df.to_csv(index=False), encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "b ~ C(w)")
    _one_line_error(status, out, err)
    assert "--skip" not in err


@pytest.mark.parametrize("formula", ["y ~ C(g)", "y ~ x + z"])
def test_a_row_of_units_under_the_header_is_refused_not_fitted(tmp_path, capsys, formula):
    text = _frame().to_csv(index=False).split("\n", 1)
    (tmp_path / "d.csv").write_text(f"{text[0]}\nlabel,cm,kg,id\n{text[1]}", encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula)
    # was, for y ~ C(g): fitted, with 'label' an outcome of one row and 'id' a level of C(g),
    # and a warning of a rare level only; for y ~ x + z: "add --na-values cm"
    _one_line_error(status, out, err, "data row 1 (line 2)", "second header row", "sed '2d'")
    assert "x: 'cm'" in err and "g: 'id'" in err


def test_a_row_of_units_after_skipped_lines_is_named_by_its_line(tmp_path, capsys):
    text = _frame().to_csv(index=False, sep=";", decimal=",").split("\n", 1)
    lines = f"# exported\n{text[0]}\nlabel;cm;kg;id\n{text[1]}"
    (tmp_path / "d.csv").write_text(lines, encoding="utf-8")
    argv = ("fit", tmp_path / "d.csv", "y ~ x", "--skip", "1", "--sep", ";", "--decimal", ",")
    _one_line_error(*_main(capsys, *argv), "data row 1 (line 3)", "sed '3d'")


def test_a_first_row_of_labels_only_is_data(tmp_path, capsys):
    # no column holds numbers below it: nothing says the first row is not data
    df = pd.DataFrame(
        {"y": list("abcabcabca" * 6), "w": list("uvvuuvuvvu" * 6), "x": np.arange(60.0) % 7}
    )
    df.loc[0, "x"] = np.nan
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ C(w)")
    assert status == 0 and "Multinomial logit" in out, err
    # and a first row with a number is data, whatever text its other cells hold
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 0 and "1 of 60 rows dropped" in err, err


def test_one_text_among_codes_in_the_first_row_is_a_level_unless_its_outcome_is_alone(
    tmp_path, capsys
):
    df = _frame()[["y", "g"]].astype({"g": object})
    df.loc[0, "g"] = "other"  # a code of its own in a column of numbered codes
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ C(g)")
    assert status == 0 and "C(g)[T.other]" in out, err
    # under a header 'y,g', 'label,id' is its second header row: 'label' is no outcome level
    text = _frame()[["y", "g"]].to_csv(index=False).split("\n", 1)
    (tmp_path / "d.csv").write_text(f"{text[0]}\nlabel,id\n{text[1]}", encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ C(g)")
    _one_line_error(status, out, err, "g: 'id'", "second header row")


@pytest.mark.parametrize(
    ("formula", "column"),
    [
        ("y ~ my var", "my var"),
        ("y ~ 2020", "2020"),
        ("y ~ x(1)", "x(1)"),
        ("my y ~ `my var`", "my y"),
    ],
)
@pytest.mark.parametrize("command", ["fit", "compare"])
def test_a_header_name_written_bare_is_named_with_its_backticks(
    tmp_path, capsys, formula, column, command
):
    df = _frame().rename(columns={"x": "my var", "z": "2020", "g": "x(1)"})
    df["my y"] = df["y"]
    df.to_csv(tmp_path / "d.csv", index=False)
    first = "`my y` ~ 1" if column == "my y" else "y ~ 1"
    formulas = [formula] if command == "fit" else [first, formula]
    status, out, err = _main(capsys, command, tmp_path / "d.csv", *formulas)
    # was formulaic's "Missing operator between `my` and `var`." (a numeric literal for
    # 2020, a call of a function not listed for x(1)), where Python named the column
    _one_line_error(status, out, err, f"the data have a column '{column}'", f"`{column}`")
    fixed = [f.replace(column, f"`{column}`", 1) if f == formula else f for f in formulas]
    status, out, err = _main(capsys, command, tmp_path / "d.csv", *fixed)
    assert status == 0, err


@pytest.mark.parametrize("word", ["Total", "Grand Total", "SUM:"])
def test_a_row_of_totals_at_the_end_is_refused_not_fitted(tmp_path, capsys, word):
    df = _frame()
    sums = f"{word},{df['x'].sum():.3f},{df['z'].sum():.3f},{df['g'].sum()}\n"
    (tmp_path / "d.csv").write_text(df.to_csv(index=False) + sums, encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z")
    # was fitted, 'Total' an outcome level of one row at the columns' sums, with a warning
    # advising to merge the rare level
    _one_line_error(status, out, err, f"the last data row (row 241) starts with {word!r}")


def test_a_row_of_totals_without_an_outcome_is_dropped_as_missing(tmp_path, capsys):
    df = _frame().assign(id=lambda d: np.arange(len(d)))[["id", "y", "x", "z"]]
    sums = f"Total,,{df['x'].sum():.3f},{df['z'].sum():.3f}\n"
    (tmp_path / "d.csv").write_text(df.to_csv(index=False) + sums, encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z")
    assert status == 0 and "1 of 241 rows dropped for missing values in y\n" in err, err
    assert "240 rows were used" in out


@pytest.mark.parametrize(
    ("text", "what"),
    [
        # a web application's 'export to Excel'
        ('<table border="1">\n<tr><th>y</th><th>x</th></tr>\n</table>\n', "an HTML page"),
        ("\n<!DOCTYPE html>\n<html><body><table></table></body></html>\n", "an HTML page"),
        (
            '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"',
            "an XML file",
        ),
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_page_saved_with_an_excel_name_is_refused_as_not_csv(
    tmp_path, capsys, text, what, encoding
):
    (tmp_path / "export.xls").write_bytes(text.encode(encoding))
    status, out, err = _main(capsys, "fit", tmp_path / "export.xls", "y ~ x")
    # was "column 'y' is not in the data (columns: <table border="1">)"
    _one_line_error(status, out, err, f"is {what}", "not CSV", "save it as CSV UTF-8")


def test_an_outcome_of_many_measured_values_is_warned_of_before_the_fit(tmp_path, capsys):
    # 25 distinct values of 8 rows each: no level is rare, so the library said nothing
    rng = np.random.default_rng(9)
    values = np.repeat(np.round(np.linspace(0.1, 9.7, 25), 2), 8)
    df = pd.DataFrame({"r": values, "y": rng.choice(["a", "b", "c"], len(values))})
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "r ~ y", "--max-iter", "2")
    assert status == 0 and out.startswith("Multinomial logit regression"), err
    first = err.splitlines()[0]
    assert first.startswith("mnlogit: warning: outcome column 'r' holds 25 distinct numbers")
    assert "(24 equations on 200 rows)" in first and "cut it into bands in the file" in first
    # whole numbers are codes, and few values are categories: nothing said
    for column in (np.repeat(np.arange(25), 8), np.repeat([0.5, 1.5, 2.5], 67)[:200]):
        df.assign(r=column).to_csv(tmp_path / "d.csv", index=False)
        status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "r ~ y", "--max-iter", "2")
        assert status == 0 and "distinct numbers" not in err, err


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_a_header_name_of_two_backticks_written_bare_is_told_to_go_in_q(tmp_path, capsys, command):
    df = _frame().rename(columns={"x": "a``b"})
    df.to_csv(tmp_path / "d.csv", index=False)
    formulas = ["y ~ a``b"] if command == "fit" else ["y ~ 1", "y ~ a``b"]
    status, out, err = _main(capsys, command, tmp_path / "d.csv", *formulas)
    # was "`` (empty backticks) names no column; ... a column whose name is empty must be
    # renamed first", then that the data have the column
    _one_line_error(status, out, err, "the data have a column 'a``b': write it as Q('a``b')")
    assert "empty must be renamed" not in err
    fixed = [f.replace("a``b", "Q('a``b')") for f in formulas]
    status, out, err = _main(capsys, command, tmp_path / "d.csv", *fixed)
    assert status == 0, err
