"""Numbers written as spreadsheet formulas giving their text (="0.833"), as web applications
export them for Excel: text to a formula, the column was fitted as a factor with a level per
value, with nothing said but the separation its levels caused. Now refused with the cell, its
row and how to save the values."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame(n: int = 150) -> pd.DataFrame:
    rng = np.random.default_rng(12)
    y = rng.choice(["a", "b", "c"], n)
    return pd.DataFrame({"y": y, "x": np.round(rng.normal(size=n) + 0.5 * (y == "b"), 3)})


@pytest.mark.parametrize("quoted", [True, False])
@pytest.mark.parametrize("every", [1, 50])
def test_numbers_written_as_formulas_are_refused(tmp_path, capsys, quoted, every):
    df = _frame()
    cells = [f'="{v}"' if k % every == 0 else str(v) for k, v in enumerate(df["x"])]
    path = tmp_path / "d.csv"
    if quoted:  # as a CSV writer escapes the quotes: "=""0.833"""
        df.assign(x=cells).to_csv(path, index=False)
    else:  # as many exports write them, bare
        rows = zip(df["y"], cells, strict=True)
        path.write_text("y,x\n" + "".join(f"{y},{c}\n" for y, c in rows))
    status = main(["fit", str(path), "y ~ x"])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    shown = repr(cells[0])
    assert f"column 'x' holds numbers written as spreadsheet formulas ({shown} in data row 1" in err
    assert "save it as CSV again" in err and "--na-values" not in err
    path.write_text(path.read_text().replace('"=""', "").replace('"""', "").replace('="', ""))
    path.write_text(path.read_text().replace('"', ""))
    assert main(["fit", str(path), "y ~ x"]) == 0
    assert capsys.readouterr().out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


@pytest.mark.parametrize("which", ["negative", "every"])
def test_numbers_after_an_apostrophe_are_refused_not_called_missing(tmp_path, capsys, which):
    # exports guarding cells against spreadsheet formulas write '-0.5 for -0.5: beside the
    # other numbers each was advised to be read as missing (--na-values "'-0.5" ...), which
    # dropped every negative number's row; alone they were a factor with a level per value
    df = _frame()
    cells = [f"'{v}" if which == "every" or v < 0 else str(v) for v in df["x"]]
    path = tmp_path / "d.csv"
    path.write_text("y,x\n" + "".join(f"{y},{c}\n" for y, c in zip(df["y"], cells, strict=True)))
    status = main(["fit", str(path), "y ~ x"])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    first = next(k for k, c in enumerate(cells) if c.startswith("'"))
    assert "column 'x' holds numbers written after an apostrophe" in err
    assert f"({cells[first]!r} in data row {first + 1}," in err and "--na-values" not in err
