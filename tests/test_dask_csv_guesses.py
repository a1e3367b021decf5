"""Dask CSV files whose later partitions hold values other than dd.read_csv guessed from
the files' start: refused with the dtypes to give, as the same file in memory reads."""

import numpy as np
import pandas as pd
import pytest
from test_parallel import _data

import mnlogit
from mnlogit.exceptions import DataError

pytestmark = pytest.mark.slow  # starts Dask schedulers

dd = pytest.importorskip("dask.dataframe")


@pytest.mark.parametrize(
    ("change", "formula", "given", "said"),
    [
        ("missing", "y ~ x + k", "dtype={'k': 'float64'}", "'k' read as float64 where int64"),
        ("word", "y ~ x + g", "dtype={'x': 'str'}", "'x' read as str where float64"),
    ],
)
def test_a_dtype_read_csv_guessed_wrong_is_refused_with_the_dtypes_to_give(
    tmp_path, change, formula, given, said
):
    # the refusal said the files had changed since the DataFrame was made ('make the
    # DataFrame again from the files as they are'), which gives the same refusal again
    df = _data(n=3000).assign(k=np.arange(3000) % 4)
    if change == "missing":
        df["k"] = df["k"].astype("Int64")
        df.loc[2900:, "k"] = pd.NA
    else:
        df["x"] = df["x"].astype(object)
        df.loc[2950, "x"] = "unknown"
    df.to_csv(tmp_path / "data.csv", index=False)
    ddf = dd.read_csv(tmp_path / "data.csv", blocksize=20_000)
    assert ddf.npartitions > 2
    with pytest.raises(DataError) as err:
        mnlogit.fit(formula, ddf)
    text = str(err.value)
    assert f"dd.read_csv(..., {given})" in text and said in text
    assert "from the files as they are" not in text
    if change == "missing":  # with the dtype given, the fit is the in-memory fit's
        typed = dd.read_csv(tmp_path / "data.csv", blocksize=20_000, dtype={"k": "float64"})
        got = mnlogit.fit(formula, typed)
        want = mnlogit.fit(formula, pd.read_csv(tmp_path / "data.csv"))
        np.testing.assert_allclose(got.params, want.params, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(got.bse, want.bse, rtol=1e-10, atol=1e-12)
