"""A data file in the home folder given quoted ('~/data.csv', as in a script or a Makefile),
which the shell leaves as written: refused as "two formulas, '~/data.csv' and 'y ~ x'"
(the '~' read as a formula's), though pandas and R read such a path as the shell would."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    rng = np.random.default_rng(13)
    y = rng.choice(["a", "b", "c"], 90)
    df = pd.DataFrame({"y": y, "x": np.round(rng.normal(size=90) + 0.5 * (y == "b"), 3)})
    (tmp_path / "data").mkdir()
    df.to_csv(tmp_path / "data" / "d.csv", index=False)
    return df


def test_a_quoted_home_path_is_read_as_the_shell_would(home, capsys):
    assert main(["fit", "~/data/d.csv", "y ~ x"]) == 0
    assert capsys.readouterr().out == str(mnlogit.fit("y ~ x", home).summary()) + "\n"
    assert main(["compare", "~/data/d.csv", "y ~ 1", "y ~ x"]) == 0
    assert "(2)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["fit", "~/data/none.csv", "y ~ x"], "no such file: '~/data/none.csv' ("),
        (["fit", "y ~ x", "~/data/d.csv"], "the data file comes before the formula"),
        (["compare", "y ~ x", "~/data/d.csv", "y ~ 1"], "the data file comes before the formula"),
    ],
)
def test_a_home_path_is_no_formula(home, capsys, argv, said):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "two formulas" not in err, err
