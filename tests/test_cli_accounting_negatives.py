"""The command line on a column of numbers holding accounting-style negatives, '(9,806.0)',
'(12)' or '12-': refused, naming them as such and the number to write instead; with digits
grouped in thousands they were taken for text marking missing values (advised to be dropped
with --na-values)."""

import gzip

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main


def _frame(cell, decimal="."):
    rng = np.random.default_rng(6)
    n = 120
    x = [f"{v:.3f}".replace(".", decimal) for v in rng.normal(size=n)]
    x[5] = cell
    return pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": x})


@pytest.mark.parametrize(
    ("cell", "options", "number"),
    [
        ("(9,806.0)", [], "-9806.0"),  # was: advised --na-values '(9,806.0)'
        ("9,806.0-", [], "-9806.0"),  # as SAP writes it
        ("(9,806.0)", ["--thousands", ","], "-9806.0"),
        ("(12)", [], "-12"),  # was: 'a negative number written as accounts write it'
        ("( 1.5 )", [], "-1.5"),
        ("(9.806,5)", ["--decimal", ",", "--sep", ";"], "-9806,5"),
    ],
)
@pytest.mark.parametrize("form", ["plain", "gzip bom crlf"])
def test_accounting_negatives_are_named_with_the_number_to_write(
    tmp_path, capsys, cell, options, number, form
):
    decimal = "," if "--decimal" in options else "."
    text = _frame(cell, decimal).to_csv(index=False, sep=";" if decimal == "," else ",")
    path = tmp_path / "d.csv"
    if form == "plain":
        path.write_text(text, encoding="utf-8")
    else:
        path = tmp_path / "accounts (2024).csv.gz"
        path.write_bytes(gzip.compress(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()))
    assert main(["fit", str(path), "y ~ x", *options]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert f"column 'x' holds {cell!r} in data row 6: an accounting-style negative number" in err
    assert f"with a leading minus sign in the file, as {number}," in err, err
    assert "--na-values" not in err


def test_the_other_accounting_negatives_are_counted(tmp_path, capsys):
    df = _frame("(9,806.0)")
    df.loc[[9, 20], "x"] = ["(12)", "(3.5)"]
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x"]) == 2
    err = capsys.readouterr().err
    assert "holds '(9,806.0)' in data row 6, and 2 other such texts:" in err, err
