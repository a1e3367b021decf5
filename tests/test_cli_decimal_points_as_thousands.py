"""A column whose numbers are written with a decimal point beside columns written with decimal
commas and thousands points (--thousands '.' --decimal ','): pandas drops the '.' wherever it
stands, and a cell such as '0.833' (or '-0.151') matched the check of thousands groups, so
the column was fitted as 833 and -151 with nothing said. A group of thousands never follows a
leading 0: such a cell is now refused, and so is '0,833' under --thousands ','."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame(n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(21)
    y = rng.choice(["a", "b", "c"], n)
    x = np.round(rng.uniform(-0.99, 0.99, n) + 0.3 * (y == "b"), 3).clip(-0.999, 0.999)
    amount = np.round(rng.uniform(1000, 90000, n), 2)
    return pd.DataFrame({"y": y, "x": x, "amount": amount})


def _european(v: float) -> str:
    return f"{v:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def test_decimal_points_beside_thousands_points_are_refused(tmp_path, capsys):
    df = _frame()
    path = tmp_path / "d.csv"
    # every x below 1 in size, written with three decimals: each cell reads as a grouping
    written = df.assign(x=df["x"].map(lambda v: f"{v:.3f}"), amount=df["amount"].map(_european))
    written.to_csv(path, index=False, sep=";")
    options = ["--sep", ";", "--decimal", ",", "--thousands", "."]
    status = main(["fit", str(path), "y ~ x + amount", *options])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    first = written["x"].iloc[0]
    assert f"column 'x' holds {first!r} in data row 1" in err
    assert f"read it as {int(first.replace('.', ''))})" in err
    assert "one reading takes one decimal mark" in err
    # the column written with decimal commas as the others, the fit is Python's
    written.assign(x=written["x"].str.replace(".", ",")).to_csv(path, index=False, sep=";")
    assert main(["fit", str(path), "y ~ x + amount", *options]) == 0
    assert capsys.readouterr().out == str(mnlogit.fit("y ~ x + amount", df).summary()) + "\n"


@pytest.mark.parametrize("cell", ["0,833", "-0,151"])
def test_a_decimal_comma_after_a_leading_zero_is_no_thousands_group(tmp_path, capsys, cell):
    df = _frame().astype({"x": object})
    df["x"] = df["x"].map(lambda v: f"{v:.3f}".replace(".", ","))
    df.loc[0, "x"] = cell
    df.to_csv(tmp_path / "d.csv", index=False)
    status = main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--thousands", ","])
    out, err = capsys.readouterr()
    assert status == 2 and out == "", err
    assert f"holds {cell!r} in data row 1" in err and "pass --decimal ',' instead" in err


@pytest.mark.parametrize(
    ("sep", "thousands", "cell"),
    [
        ("; ", None, "61.250"),  # the --sep advised for a space after each ';'
        ("||", None, "61.250"),
        (";", "\u202f", "61.250"),  # a thousands separator pandas cannot take
        ("; ", None, "2.5"),
    ],
)
def test_points_beside_a_decimal_comma_are_refused_whatever_reads_the_file(
    tmp_path, capsys, sep, thousands, cell
):
    # pandas' C parser leaves '61.250' beside --decimal ',' as text, refused with the
    # --thousands '.' that reads it; its python parser (a --sep of several characters), and
    # the reading of numbers with a no-break thousands space, took it as 61.25, and the
    # column was fitted so with nothing said
    df = _frame(60)
    written = df.assign(
        amount=df["amount"].round().astype(int).map(lambda v: f"{v:,}".replace(",", ".")),
        x=df["x"].map(lambda v: f"{v:.3f}".replace(".", ",")),
    )
    written.loc[0, "amount"] = cell
    path = tmp_path / "d.csv"
    path.write_text(written.to_csv(index=False, sep="\t").replace("\t", sep), encoding="utf-8")
    options = ["--sep", sep, "--decimal", ","]
    options += ["--thousands", thousands] if thousands else []
    status = main(["fit", str(path), "y ~ x + amount", *options])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "column 'amount' holds" in err and "'.'" in err, err


def test_decimal_commas_read_by_a_delimiter_of_several_characters_are_quoted_as_written(
    tmp_path, capsys
):
    # the python parser rewrote a text column's '1,5' as '1.5', which the refusal quoted as
    # a number written with a decimal point, a cell the file does not hold
    df = _frame(40).assign(amount=lambda d: d["amount"].map(_european))
    df.loc[0, "amount"] = "12,5"
    path = tmp_path / "d.csv"
    path.write_text(df.to_csv(index=False, sep="\t").replace("\t", "; "), encoding="utf-8")
    status = main(["fit", str(path), "y ~ x + amount", "--sep", "; ", "--decimal", ","])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and "--thousands '.'" in err, err
    assert "'12.5'" not in err


def test_decimal_commas_before_an_exponent_read_by_a_delimiter_of_several_characters(
    tmp_path, capsys
):
    # pandas' python parser reads no '4,52E+04': the column was text, fitted as a factor
    # with a level per value (or refused as more columns than rows)
    df = _frame(60).assign(amount=lambda d: d["amount"].map(lambda v: float(f"{v:.2E}")))
    written = df.assign(amount=df["amount"].map(lambda v: f"{v:.2E}".replace(".", ",")))
    path = tmp_path / "d.csv"
    path.write_text(written.to_csv(index=False, sep="\t").replace("\t", "; "), encoding="utf-8")
    options = ["--sep", "; ", "--decimal", ",", "--csv", str(tmp_path / "t.csv")]
    assert main(["fit", str(path), "y ~ amount", *options]) == 0, capsys.readouterr().err
    expected = mnlogit.fit("y ~ amount", df).to_frame()["estimate"]
    got = pd.read_csv(tmp_path / "t.csv")["estimate"]
    np.testing.assert_allclose(got, expected, rtol=1e-9)


@pytest.mark.parametrize(
    ("point", "options", "said"),
    [
        (".", ["--thousands", ".", "--decimal", ","], "no number with its digits grouped"),
        (",", ["--thousands", ","], "pass --decimal ',' instead"),
        (",", [], "pass --decimal ','"),
    ],
)
def test_numbers_with_an_exponent_are_not_read_as_groups_of_thousands(
    tmp_path, capsys, point, options, said
):
    # '4.523E-04' beside --thousands '.' was read as 4523E-04, and '4,523E-04' beside
    # --thousands ',' too, with nothing said; without options, decimal commas before
    # an exponent were text, fitted as a factor with a level per value
    df = _frame(60)
    written = df.assign(x=df["amount"].map(lambda v: f"{v / 1e8:.3E}".replace(".", point)))
    written.drop(columns="amount").to_csv(tmp_path / "d.csv", index=False, sep=";")
    status = main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--sep", ";", *options])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert f"{written['x'].iloc[0]!r}" in err and said in err, err
