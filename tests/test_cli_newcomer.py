"""Command-line mistakes refused before the fit, with advice the command line can follow: an
empty output name, and fractional weights (which only the Python API fits, as sampling
weights)."""

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main


def _data_file(tmp_path, weights):
    rng = np.random.default_rng(7)
    n = len(weights)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": rng.normal(size=n), "w": weights})
    path = tmp_path / "data.csv"
    df.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("flag", ["--csv", "--latex"])
@pytest.mark.parametrize("command", ["fit", "compare"])
def test_an_empty_output_name_is_refused_before_the_fit(tmp_path, capsys, flag, command):
    # was let through the checks before the fit, and refused after its summary was printed
    path = _data_file(tmp_path, np.ones(60))
    formulas = ["y ~ x"] if command == "fit" else ["y ~ x", "y ~ 1"]
    status = main([command, str(path), *formulas, flag, ""])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err == f"mnlogit: error: {flag}: expected a file name; got ''\n"


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_fractional_weights_get_advice_the_command_line_can_follow(tmp_path, capsys, command):
    # the library's refusal said "pass weight_type='probability'", for which the command
    # line has no flag
    weights = np.full(60, 1.0)
    weights[4] = 2.5
    path = _data_file(tmp_path, weights)
    formulas = ["y ~ x"] if command == "fit" else ["y ~ x", "y ~ 1"]
    status = main([command, str(path), *formulas, "--weights", "w"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err.startswith("mnlogit: error: --weights column 'w' holds 2.5 in data row 5 (1 rows")
    assert "weight_type='probability')" in err and "mnlogit.fit(formula, df, weights='w'" in err


def test_fractional_weights_of_a_bundled_data_set_too(capsys):
    status = main(["fit", "--dataset", "travel", "mode ~ age", "--weights", "distance"])
    _, err = capsys.readouterr()
    assert status == 2 and "--weights column 'distance' holds" in err


def test_whole_number_weights_read_as_floats_still_fit(tmp_path, capsys):
    weights = np.arange(60) % 3 * 1.0  # 0, 1, 2 written as 0.0, 1.0, 2.0
    path = _data_file(tmp_path, weights)
    status = main(["fit", str(path), "y ~ x", "--weights", "w"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Sum of weights" in out
