"""The command line on a column of whole numbers that are dates written yyyymmdd
(20240131): fitted as numbers, on which the 31st of January and the 1st of February are 70
apart, with nothing said. Warned of, not refused: such numbers may be numbers."""

import gzip

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame(days=None, n=150):
    rng = np.random.default_rng(9)
    days = rng.integers(0, 700, n) if days is None else np.resize(np.asarray(days), n)
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(days, unit="D")
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": np.round(rng.normal(size=n), 3),
            "d": dates.strftime("%Y%m%d").astype(int),
        }
    )


def _run(capsys, *argv):
    status = main(["fit", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("form", ["plain", "gzip crlf, a cell empty"])
def test_a_column_of_yyyymmdd_dates_fitted_as_numbers_is_warned_of(tmp_path, capsys, form):
    df = _frame()
    path = tmp_path / "d.csv"
    if form == "plain":
        df.to_csv(path, index=False)
    else:
        df["d"] = df["d"].astype(float)
        df.loc[0, "d"] = np.nan
        path = tmp_path / "sales (2024).csv.gz"
        path.write_bytes(gzip.compress(df.to_csv(index=False, lineterminator="\r\n").encode()))
    status, out, err = _run(capsys, path, "y ~ x + d")
    assert status == 0
    # the fit is the one of those numbers, as before
    assert out == str(mnlogit.fit("y ~ x + d", df).summary()) + "\n"
    first = int(df["d"].dropna().iloc[0])
    (line,) = [line for line in err.splitlines() if "yyyymmdd" in line]
    assert line.startswith(
        f"mnlogit: warning: column 'd' holds whole numbers that all read as dates written "
        f"yyyymmdd (e.g. {first}; "
    )
    assert "format='%Y%m%d'" in line and "or write C(d) in the formula" in line


def test_compare_warns_of_it_once(tmp_path, capsys):
    _frame().to_csv(tmp_path / "d.csv", index=False)
    assert main(["compare", str(tmp_path / "d.csv"), "y ~ d", "y ~ x + d"]) == 0
    assert capsys.readouterr().err.count("yyyymmdd") == 1


@pytest.mark.parametrize(
    ("values", "formula"),
    [
        (None, "y ~ x + C(d)"),  # a level per date, asked for
        ([0, 31, 59, 90], "y ~ x + d"),  # four distinct values: codes as likely
        ([20240131, 20240231, 20240301, 20240401, 20240501, 20240601], "y ~ x + d"),  # no 31 Feb
        ([18991231, 19000105, 19000110, 19000115, 19000120, 19000125], "y ~ x + d"),  # < 1900
        ([20230101.5, 20240615, 20220301, 20211231, 20200229, 20190704], "y ~ x + d"),
    ],
)
def test_numbers_that_are_not_all_yyyymmdd_dates_are_not_warned_of(
    tmp_path, capsys, values, formula
):
    df = _frame()
    if values is not None and values[0] < 1000:
        df = _frame(days=values)
    elif values is not None:
        df["d"] = np.resize(np.asarray(values), len(df))
    df.to_csv(tmp_path / "d.csv", index=False)
    status, _, err = _run(capsys, tmp_path / "d.csv", formula)
    assert status == 0 and "yyyymmdd" not in err, err
