"""Command-line mistakes refused before the fit, with advice the command line can follow: an
empty output name, and fractional weights (which only the Python API fits, as sampling
weights)."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
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


@pytest.mark.parametrize("sep", ["||", " | ", "..", "::", "+-", "\\t;"])
def test_a_delimiter_of_several_characters_is_the_text_given(tmp_path, capsys, sep):
    # pandas read it as a regular expression: '||' split each row at every character and
    # ' | ' at every space (refused as a header naming '|' twice), '..' at any two characters
    rng = np.random.default_rng(8)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 60), "x": rng.integers(0, 9, 60)})
    path = tmp_path / "data.txt"
    lines = [sep.join(df.columns), *(sep.join(map(str, row)) for row in df.itertuples(False))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = main(["fit", str(path), "y ~ x", "--sep", sep])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"
