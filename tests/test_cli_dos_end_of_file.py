"""A file ending with Ctrl-Z (0x1a), as DOS programs ended text files: after the last line's
break it was read as a row whose outcome was '\\x1a' (a warning of a level with no rows, a
note of a row dropped, a warning of a short line), and after the last number, as the text
'3772.36\\x1a', which was advised to be read as missing with --na-values, dropping that row.
Now refused with the byte, its row, and how to remove it."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame(n: int = 150) -> pd.DataFrame:
    rng = np.random.default_rng(4)
    y = rng.choice(["a", "b", "c"], n)
    return pd.DataFrame({"y": y, "x": np.round(rng.normal(size=n) + 0.4 * (y == "b"), 3)})


@pytest.mark.parametrize(("ending", "column"), [("\n\x1a", "y"), ("\x1a", "x")])
def test_a_dos_end_of_file_mark_is_refused_with_its_row(tmp_path, capsys, ending, column):
    df = _frame()
    path = tmp_path / "d.csv"
    path.write_bytes((df.to_csv(index=False).rstrip("\n") + ending).encode())
    status = main(["fit", str(path), "y ~ x"])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    row = len(df) + (ending == "\n\x1a")
    assert f"column {column!r} holds the byte 0x1a (Ctrl-Z" in err
    assert f"in data row {row} " in err and "tr -d '\\032'" in err
    assert "--na-values" not in err
    # removed as said, the file fits as Python fits the data
    path.write_bytes(path.read_bytes().replace(b"\x1a", b""))
    assert main(["fit", str(path), "y ~ x"]) == 0
    assert capsys.readouterr().out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"
