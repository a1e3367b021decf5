"""A predictor of times of day written as text ('08:30', '4:15 PM') read bare by a formula: a
factor with a level per time, fitted with nothing said, where dates written so are noted.
Now noted as they are, with C() to say so and the column of numbers that fits a trend."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


@pytest.mark.parametrize(
    "times", [["08:30", "12:00", "17:45", "21:15"], ["8:30 AM", "4:15 PM"], ["7:05:12", "9:00:00"]]
)
def test_times_of_day_as_text_are_noted(tmp_path, capsys, times):
    rng = np.random.default_rng(15)
    n = 160
    y = rng.choice(["a", "b", "c"], n)
    df = pd.DataFrame({"y": y, "x": np.round(rng.normal(size=n), 3), "t": rng.choice(times, n)})
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + t"]) == 0
    out, err = capsys.readouterr()
    assert out == str(mnlogit.fit("y ~ x + t", df).summary()) + "\n"
    assert f"column 't' holds times written as text (e.g. {df['t'].iloc[0]!r})" in err
    assert f"a level per time ({len(times)} levels): write C(t)" in err
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + C(t)"]) == 0
    assert "times written" not in capsys.readouterr().err


def test_ratios_and_scores_are_not_times(tmp_path, capsys):
    rng = np.random.default_rng(16)
    df = pd.DataFrame({"y": rng.choice(["a", "b"], 80), "t": rng.choice(["1:2", "3-1"], 80)})
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ t"]) == 0
    assert "times written" not in capsys.readouterr().err
