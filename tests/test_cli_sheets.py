"""The command line on tables exported from a spreadsheet as they come: a European Excel's CSV
(semicolons, decimal commas, a byte-order mark, CRLF) read without options, a row of group
names over the column names (merged header cells), and a row of units or labels under them."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_cli_files import _main, _one_line_error


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(50)
    n = 240
    x = np.round(rng.normal(size=n), 3)
    z = np.round(rng.normal(size=n), 3)
    eta = np.c_[np.zeros(n), 0.5 + x, -0.3 + 0.8 * z]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = (rng.random(n)[:, None] > p.cumsum(axis=1)).sum(axis=1)
    g = rng.integers(0, 4, n)
    return pd.DataFrame({"y": np.array(["a", "b", "c"])[y], "x": x, "z": z, "g": g})


def _plain(tmp_path: Path, capsys, formula: str) -> str:
    _frame().to_csv(tmp_path / "plain.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "plain.csv", formula)
    assert status == 0, err
    return out


@pytest.mark.parametrize(("sep", "option"), [(";", ";"), ("\t", "\\t"), ("|", "|")])
def test_decimal_commas_under_another_delimiter_name_both_options(tmp_path, capsys, sep, option):
    text = _frame().to_csv(index=False, sep=sep, decimal=",").replace("\n", "\r\n")
    (tmp_path / "d.csv").write_bytes(("\ufeff" + text).encode("utf-8"))  # as Excel saves it
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z")
    # was: "line 2 has 3 fields where the header has 1; quote the fields that hold the
    # delimiter ',', or give the delimiter with --sep", which sent the user to quote cells
    _one_line_error(status, out, err, f"pass --sep '{option}' --decimal ','")
    assert "quote the fields" not in err
    argv = ("fit", tmp_path / "d.csv", "y ~ x + z", "--sep", option, "--decimal", ",")
    status, out, err = _main(capsys, *argv)
    assert status == 0, err
    assert out == _plain(tmp_path, capsys, "y ~ x + z")
