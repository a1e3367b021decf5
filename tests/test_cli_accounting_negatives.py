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


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        # was "column 'w' holds ...: write the negative numbers with a leading minus sign in
        # the file, as -9806.0", which --weights then refused as a negative weight
        (["(9,806.0)"], "--weights column 'w' holds '(9,806.0)' in data row 6: an accounting"),
        (["(1)", "(2)", "(3)"], "--weights column 'w' holds '(1)' in data row 1, and 2 other"),
        (["12-"], "--weights column 'w' holds '12-' in data row 6: an accounting-style"),
        (["−2"], "--weights column 'w' holds '−2', a number written with the minus sign"),
    ],
)
def test_accounting_negatives_of_weights_are_told_as_negative_weights(
    tmp_path, capsys, cells, said
):
    df = _frame("1.5").assign(w="2")
    if len(cells) == 1:
        df.loc[5, "w"] = cells[0]
    else:
        df["w"] = np.resize(cells, len(df))
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--weights", "w"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(f"mnlogit: error: {said}"), err
    assert "so they are 0 or more, and this one would be negative" in err
    assert "minus sign in the file" not in err and "replace it by '-'" not in err


def test_labels_written_in_brackets_are_refused_with_both_readings(tmp_path, capsys):
    df = _frame("1.5")
    df["g"] = np.resize(["(1)", "(2)", "(3)"], len(df))
    df["y"] = np.resize(["(1)", "(2)", "(3)"], len(df))
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + g"]) == 2
    err = capsys.readouterr().err
    assert "column 'g' holds '(1)' in data row 1, and 2 other such texts: an accounting" in err
    # was only 'write the negative numbers with a leading minus sign': labels have no sign
    assert err.rstrip().endswith(
        "if they are labels, not negative numbers, write C(g) in the formula"
    )
    # the outcome's values are labels: its levels are read as written
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + C(g)"]) == 0
    out = capsys.readouterr().out
    assert "Outcome    y, 3 levels: (1), (2), (3)" in out and "C(g)[T.(2)]" in out
