"""The command line on data files as other programs write them by default: R's
``write.table`` (fields separated by a space, text and row names quoted), Excel's CSV of
amounts in a currency format, which writes the cells as shown ('1.299,00 €'), a report's
title above the table, and exports joined together, each with its header."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 240
    x = np.round(rng.normal(size=n), 4)
    y = np.where(rng.random(n) < 1 / (1 + np.exp(-x)), "yes", rng.choice(["no", "maybe"], n))
    return pd.DataFrame({"y": y, "x": x})


def _write_table(df: pd.DataFrame, row_names: bool = True) -> str:
    """The text R's write.table(df) writes: a space between fields, text quoted, and row
    names (quoted) that the header does not name."""
    lines = [" ".join(f'"{c}"' for c in df.columns)]
    for k, row in enumerate(df.itertuples(index=False), 1):
        cells = [f'"{v}"' if isinstance(v, str) else repr(float(v)) for v in row]
        lines.append(" ".join(([f'"{k}"'] if row_names else []) + cells))
    return "\n".join(lines) + "\n"


def _main(capsys, *argv):
    status = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("row_names", [True, False])
def test_a_space_delimited_file_as_r_writes_it_names_the_delimiter(tmp_path, capsys, row_names):
    df = _frame()
    (tmp_path / "d.txt").write_text(_write_table(df, row_names), encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.txt", "y ~ x")
    # was: column 'y' is not in the data (columns: y "x")
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "pass --sep ' '" in err and "not in the data" not in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.txt", "y ~ x", "--sep", " ")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


@pytest.mark.parametrize("header", ["a b", "y  x", "y x "])
def test_a_space_is_not_named_where_it_would_not_split_out_the_outcome(tmp_path, capsys, header):
    # a name with a space in it ('a b'), or columns aligned by runs of spaces, which --sep ' '
    # would read as empty fields
    (tmp_path / "d.txt").write_text(header + "\n1\n2\n", encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.txt", "y ~ x")
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "pass --sep" not in err
    assert ("runs of spaces" in err) == (header == "y  x")  # said with the step that reads it


@pytest.mark.parametrize(
    ("cell", "options"),
    [
        (lambda v: f"{v:,.2f} €".replace(",", "_").replace(".", ",").replace("_", "."), 1),
        (lambda v: f"{v:.2f}\u00a0€".replace(".", ","), 0),
        (lambda v: f"{v:.2f} £", 0),
        (lambda v: f"{v:.0f} ₹", 0),
    ],
    ids=["euro-grouped", "euro-no-break-space", "pound", "rupee"],
)
def test_amounts_with_the_currency_after_them_are_not_read_as_a_factor(
    tmp_path, capsys, cell, options
):
    rng = np.random.default_rng(8)
    df = _frame().assign(price=rng.choice([9.99, 14.99, 19.99, 1299.0], 240))
    written = df.assign(price=df["price"].map(cell))
    written.to_csv(tmp_path / "d.csv", sep=";", decimal=",", index=False)
    marks = ["--decimal", ","] + (["--thousands", "."] if options else [])
    argv = ("fit", tmp_path / "d.csv", "y ~ x + price", "--sep", ";", *marks)
    status, out, err = _main(capsys, *argv)
    # was: a factor with a level per price ('price[T.14,99 €]'), fitted with nothing said
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "column 'price' holds numbers written with" in err and "C(price)" in err


@pytest.mark.parametrize("formula", ["y ~ x", "y ~ C(k)"])
@pytest.mark.parametrize("row_names", [True, False])
def test_files_joined_with_their_headers_are_refused_at_the_second_header(
    tmp_path, capsys, formula, row_names
):
    # the second file's header was a row of data: its 'y' an outcome of its own (with a
    # factor, fitted with exit status 0), or its 'x' advised as --na-values x
    df = _frame().assign(k=lambda d: np.where(d["x"] > 0, "up", "down"))
    part = df.to_csv(index=row_names)
    (tmp_path / "d.csv").write_text(part + part, encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula)
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert f"data row {len(df) + 1} repeats the header (1 in all)" in err
    assert "--na-values" not in err


@pytest.mark.parametrize(
    ("above", "skip"),
    [("Survey results 2020\n", 1), ("Survey results 2020,,\n", 1), ("Report\n\n", 2)],
)
def test_a_title_above_the_header_gets_the_skip_that_reads_the_table(tmp_path, capsys, above, skip):
    # was: column 'y' is not in the data (columns: Survey results 2020), pandas having
    # taken the rows' other fields for row names
    df = _frame().assign(z=lambda d: d["x"].round(1))
    (tmp_path / "d.csv").write_text(above + df.to_csv(index=False), encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert f"line {skip + 1}, 'y,x,z', names the outcome 'y': pass --skip {skip}" in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--skip", skip)
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"
    # a misspelt outcome in a file without a title is refused as before
    df.to_csv(tmp_path / "plain.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "plain.csv", "yy ~ x")
    assert status == 2 and "--skip" not in err and "did you mean 'y'" in err


@pytest.mark.parametrize(
    ("around", "marks", "shown"),
    [
        (lambda t: t + "\u00a0", [], "U+00A0 NO-BREAK SPACE"),
        (lambda t: "\u200b" + t, [], "U+200B ZERO WIDTH SPACE"),
        (lambda t: t.replace(".", ",") + "\u00a0", ["--decimal", ","], "U+00A0"),
    ],
    ids=["no-break-space", "zero-width-space", "decimal-comma"],
)
def test_numbers_with_invisible_characters_around_them_say_so(
    tmp_path, capsys, around, marks, shown
):
    # as text they were a factor with a level per value ("more parameters than rows"), the
    # library's advice in Python (pd.to_numeric), or --decimal ',' beside --decimal ','
    df = _frame()
    df.assign(x=df["x"].map(lambda v: around(f"{v:.3f}"))).to_csv(
        tmp_path / "d.csv", sep=";", index=False
    )
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--sep", ";", *marks)
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "column 'x' holds numbers with invisible characters or other spaces" in err
    assert shown in err and "remove them from the file's cells" in err
    assert "pd." not in err and "--decimal" not in err
