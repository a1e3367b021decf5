"""The command line on a header that repeats a name beside a column named as pandas (and R's
read.csv) would name the repeat: 'y,x,x.1,x'. Both read the repeated 'x' as 'x.2', so that a
formula's `x.1` is the column the header names so; it was refused for the repeated 'x'."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _write(path, header, crlf=False):
    rng = np.random.default_rng(4)
    n = 160
    y = rng.choice(["a", "b", "c"], n)
    columns = [np.round(rng.normal(size=n) + 0.5 * (y == "b") * k, 3) for k in range(3)]
    lines = [header] + [f"{y[i]}," + ",".join(str(c[i]) for c in columns) for i in range(n)]
    path.write_bytes(("\r\n" if crlf else "\n").join(lines).encode() + b"\n")
    # the column the header writes as 'x.1', and as pandas names it
    named = header.split(",").index("x.1") - 1
    return pd.DataFrame({"y": y, "x.1": columns[named]})


def _fit(capsys, *argv):
    status = main(["fit", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("header", ["y,x,x.1,x", "y,x,x,x.1"])
@pytest.mark.parametrize("crlf", [False, True])
def test_a_column_named_like_a_repeat_is_read_when_the_formula_uses_it(
    tmp_path, capsys, header, crlf
):
    df = _write(tmp_path / "d.csv", header, crlf)
    # was: "the header names column(s) 'x' more than once", though `x.1` is not 'x'
    status, out, err = _fit(capsys, tmp_path / "d.csv", "y ~ `x.1`")
    assert status == 0 and err == "", err
    assert out == str(mnlogit.fit("y ~ `x.1`", df).summary()) + "\n"


@pytest.mark.parametrize(
    ("formula", "said"),
    [
        ("y ~ x", "(columns 2 and 4, which pandas reads as 'x' and 'x.2')"),
        ("y ~ `x.2`", "(columns 2 and 4, which pandas reads as 'x' and 'x.2')"),
        ("y ~ `x.1` + x", "(columns 2 and 4, which pandas reads as 'x' and 'x.2')"),
    ],
)
def test_a_repeated_name_or_the_name_of_its_repeat_is_still_refused(
    tmp_path, capsys, formula, said
):
    _write(tmp_path / "d.csv", "y,x,x.1,x")
    status, out, err = _fit(capsys, tmp_path / "d.csv", formula)
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "the header names column(s) 'x' more than once " + said in err, err


def test_a_repeat_read_by_the_name_of_another_column_is_refused(tmp_path, capsys, monkeypatch):
    # a reading that names the repeated 'x' of 'y,x,x.1,x' 'x.1' too: the formula's `x.1`
    # would read one of two columns of that name
    _write(tmp_path / "d.csv", "y,x,x.1,x")
    read_csv = pd.read_csv

    def as_before(*args, **kwargs):
        df = read_csv(*args, **kwargs)
        if list(df.columns) == ["y", "x", "x.1", "x.2"]:
            df = df.set_axis(["y", "x", "x.1", "x.1"], axis=1)
        return df

    monkeypatch.setattr(pd, "read_csv", as_before)
    status, out, err = _fit(capsys, tmp_path / "d.csv", "y ~ `x.1`")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "which pandas reads as 'x' and 'x.1'" in err, err
    assert "'x.1' names both a repeat of 'x' and the header's column 3" in err, err
