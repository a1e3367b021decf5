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
