"""Long identifiers (accounts, patients) that a spreadsheet's General format showed, and saved
as CSV, in scientific notation to six digits ('1.23457E+15'): those that differ past the sixth
digit became one label, and 40 clusters were fitted as 12 (or levels of a factor merged) with
nothing said. Now warned of before the fit, with how to save the column whole."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame(n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(8)
    y = rng.choice(["a", "b", "c"], n)
    ids = 1234567890123400 + (np.arange(n) % 40) * 3_000_000_000
    x = np.round(rng.normal(size=n) + 0.5 * (y == "b"), 3)
    return pd.DataFrame({"y": y, "x": x, "account": ids})


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["y ~ x", "--cov", "cluster", "--groups", "account"], "--groups column 'account'"),
        (["y ~ x + C(account)"], "column 'account'"),
    ],
)
def test_identifiers_saved_in_scientific_notation_are_warned_of(tmp_path, capsys, argv, said):
    df = _frame()
    shown = df.assign(account=[f"{v:.5E}" for v in df["account"].astype(float)])
    assert shown["account"].nunique() == 12 < df["account"].nunique() == 40
    shown.to_csv(tmp_path / "d.csv", index=False)
    status = main(["fit", str(tmp_path / "d.csv"), *argv])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert f"{said} holds long numbers as a spreadsheet shows them, to six digits" in err
    assert "'1.23457E+15', 200 rows; 12 distinct" in err and "format the column as text" in err
    if "--groups" in argv:  # the fit is Python's on the labels as saved: warned, not changed
        roles = {"cov_type": "cluster", "groups": "account"}
        expected = mnlogit.fit(argv[0], shown, **roles)
        assert "(12 clusters)" in out and out == str(expected.summary()) + "\n"


def test_whole_identifiers_and_measured_numbers_are_not_warned_of(tmp_path, capsys):
    df = _frame().assign(size=lambda d: [f"{v:.5E}" for v in d["x"] * 1e20])
    df.to_csv(tmp_path / "d.csv", index=False)
    argv = ["fit", str(tmp_path / "d.csv"), "y ~ size", "--cov", "cluster", "--groups", "account"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "spreadsheet" not in err and "(40 clusters)" in out
