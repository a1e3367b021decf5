"""The command line on data files as other programs write them by default: R's
``write.table`` (fields separated by a space, text and row names quoted)."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 240
    x = np.round(rng.normal(size=n), 4)
    y = np.where(rng.random(n) < 1 / (1 + np.exp(-x)), "yes", rng.choice(["no", "maybe"], n))
    return pd.DataFrame({"y": y, "x": x})


def _write_table(df: pd.DataFrame, row_names: bool = True) -> str:
    """The text R's write.table(df) writes: a space between fields, text quoted, and row
    names (quoted) that the header does not name."""
    lines = [" ".join(f'"{c}"' for c in df.columns)]
    for k, row in enumerate(df.itertuples(index=False), 1):
        cells = [f'"{v}"' if isinstance(v, str) else repr(float(v)) for v in row]
        lines.append(" ".join(([f'"{k}"'] if row_names else []) + cells))
    return "\n".join(lines) + "\n"


def _main(capsys, *argv):
    status = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("row_names", [True, False])
def test_a_space_delimited_file_as_r_writes_it_names_the_delimiter(tmp_path, capsys, row_names):
    df = _frame()
    (tmp_path / "d.txt").write_text(_write_table(df, row_names), encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.txt", "y ~ x")
    # was: column 'y' is not in the data (columns: y "x")
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "pass --sep ' '" in err and "not in the data" not in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.txt", "y ~ x", "--sep", " ")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


@pytest.mark.parametrize("header", ["a b", "y  x", "y x "])
def test_a_space_is_not_named_where_it_would_not_split_out_the_outcome(tmp_path, capsys, header):
    # a name with a space in it ('a b'), or columns aligned by runs of spaces, which --sep ' '
    # would read as empty fields
    (tmp_path / "d.txt").write_text(header + "\n1\n2\n", encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.txt", "y ~ x")
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "--sep" not in err
