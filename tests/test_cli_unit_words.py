"""Numbers written with a unit in letters after them ('2.5 h', '70kg', '37.2 °C'), as forms
and spreadsheets hold them: text to a formula, the column was fitted as a factor with a
level per value, with nothing said (but the separation its levels caused). Now refused with
the unit and the two ways on: remove it, or write C(column)."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame(n: int = 160) -> pd.DataFrame:
    rng = np.random.default_rng(14)
    y = rng.choice(["a", "b", "c"], n)
    return pd.DataFrame({"y": y, "dose": np.round(rng.uniform(1, 9, n) + (y == "b"), 1)})


@pytest.mark.parametrize(("unit", "space"), [("h", " "), ("kg", ""), ("°C", " "), ("mg", " ")])
def test_numbers_with_a_unit_word_are_refused(tmp_path, capsys, unit, space):
    df = _frame()
    written = df.assign(dose=[f"{v}{space}{unit}" for v in df["dose"]])
    written.loc[3, "dose"] = ""  # a missing cell does not hide the unit
    written.to_csv(tmp_path / "d.csv", index=False)
    status = main(["fit", str(tmp_path / "d.csv"), "y ~ dose"])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert f"column 'dose' holds numbers written with the unit {unit!r}" in err
    assert "159 rows" in err and "write C(dose) in the formula" in err
    # without the unit, as said, the fit is Python's on the numbers
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ dose"]) == 0
    assert capsys.readouterr().out == str(mnlogit.fit("y ~ dose", df).summary()) + "\n"


@pytest.mark.parametrize(
    "levels",
    [
        ["low", "mid", "high"],
        ["1st", "2nd", "3rd", "4th", "5th"],
        ["Grade 1", "Grade 2"],
        ["box 3 kg", "bag 5 kg"],  # a number and unit inside a label: the whole cell counts
    ],
)
def test_labels_are_still_levels(tmp_path, capsys, levels):
    df = _frame().assign(g=lambda d: np.resize(levels, len(d)))
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ dose + g"]) == 0
    assert capsys.readouterr().out == str(mnlogit.fit("y ~ dose + g", df).summary()) + "\n"
