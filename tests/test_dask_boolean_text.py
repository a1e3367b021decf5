"""dask's from_pandas stores a column of Python booleans as the text 'True' and 'False'
(unless dataframe.convert-string is off): ``y ~ I(f * x)``, which fits in memory, was refused
on dask ("can't multiply sequence by non-int of type 'float'"), as it was in memory on
``ddf.compute()``. Text of nothing but 'True' and 'False' that the formula's code computes
with as an operand is now read as booleans; text it compares is left as text."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit

dd = pytest.importorskip("dask.dataframe")


def _data(missing: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 240
    df = pd.DataFrame({"x": rng.normal(size=n), "y": rng.choice(list("abc"), n)})
    df["f"] = pd.Series(rng.random(n) < 0.5, dtype=object)
    if missing:
        df.loc[[4, 150], "f"] = None
    return df


@pytest.mark.parametrize("formula", ["y ~ I(f * x)", "y ~ x + I(x * (1 - f))", "y ~ I(~f) + x"])
@pytest.mark.parametrize("missing", [False, True])
def test_python_booleans_stored_as_text_fit_as_in_memory(formula, missing):
    df = _data(missing)
    ddf = dd.from_pandas(df, npartitions=3)
    stored = ddf.compute()
    assert not pd.api.types.is_bool_dtype(stored.f) and set(stored.f.dropna()) == {"True", "False"}
    got = mnlogit.fit(formula, ddf)
    for data in (stored, df):
        want = mnlogit.fit(formula, data)
        assert got.nobs == want.nobs
        pd.testing.assert_frame_equal(got.params, want.params, rtol=1e-10, atol=0)
        pd.testing.assert_frame_equal(got.bse, want.bse, rtol=1e-8, atol=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)  # rows of a missing f: NaN
        np.testing.assert_allclose(got.predict(df), want.predict(df), rtol=1e-10, atol=1e-14)


def test_text_compared_with_text_stays_text():
    # I(f == 'True') on the text is True on some rows: not the booleans' constant False
    ddf = dd.from_pandas(_data(), npartitions=3)
    got = mnlogit.fit("y ~ I(f == 'True') + x", ddf)
    want = mnlogit.fit("y ~ I(f == 'True') + x", ddf.compute())
    pd.testing.assert_frame_equal(got.params, want.params, rtol=1e-10, atol=0)


def test_text_joined_as_text_stays_text():
    # 'True' + 'False' is 'TrueFalse', a level of its own: read as booleans, f + g would
    # have been their count of True, another model with nothing said
    df = _data().assign(f=lambda d: d.f.astype(str))
    df["g"] = np.where(np.arange(len(df)) % 3 == 0, "True", "False")
    got = mnlogit.fit("y ~ I(f + g) + x", df)
    want = mnlogit.fit("y ~ h + x", df.assign(h=df.f + df.g))
    assert got.params.shape == want.params.shape == (5, 2)
    np.testing.assert_allclose(got.llf, want.llf, rtol=1e-12)
