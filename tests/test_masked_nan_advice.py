"""NaN in a pandas DataFrame's masked (``Float64``) or pyarrow-backed float column.

There NaN is a number apart from the missing value (<NA>, null): ``read_parquet`` with
``dtype_backend='pyarrow'`` keeps a file's NaN so, and pandas' masked floats do under the
option ``future.distinguish_nan_and_na`` or when built from their values and mask. The
refusal of such NaN has to say how to make them missing in pandas, where the data are; the
fit after that step drops their rows as a fit of float64 columns does.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.core.arrays import FloatingArray

import mnlogit
from mnlogit.exceptions import DataError


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(63)
    n = 120
    x = rng.normal(size=n)
    y = np.where(x + rng.normal(size=n) > 0.3, "b", np.where(rng.random(n) < 0.5, "a", "c"))
    return pd.DataFrame({"y": y, "x": x, "k": rng.integers(0, 3, n).astype(float)})


def _holding_nan(values: np.ndarray, kind: str) -> pd.Series:
    if kind == "Float64":  # NaN as a value, not masked: pandas' <NA> is the mask
        return pd.Series(FloatingArray(values, np.zeros(len(values), dtype=bool)))
    return pd.Series(pa.array(values, from_pandas=False), dtype=pd.ArrowDtype(pa.float64()))


_ADVICE = re.compile(r"in pandas, (df\[(.+?)\] = df\[\2\]\.astype\('float64'\))")


def _follow(message: str, df: pd.DataFrame) -> pd.DataFrame:
    """The DataFrame after the step the refusal says, run as the user would run it."""
    found = _ADVICE.search(message)
    assert found, message
    df = df.copy()
    exec(found.group(1), {"df": df})  # the advice is one pandas statement on df
    return df


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.sets(st.integers(0, 119), min_size=1, max_size=6),
    kind=st.sampled_from(["Float64", "double[pyarrow]"]),
    column=st.sampled_from(["x", "k"]),
)
def test_nan_refusal_says_the_pandas_step_that_drops_those_rows(rows, kind, column):
    # the refusal said only "(a polars or pyarrow column) ... in polars,
    # pl.col('x').fill_nan(None)", which a pandas user cannot follow; a Float64 column
    # is no polars or pyarrow column at all
    df = _data()
    values = df[column].to_numpy(copy=True)
    values[sorted(rows)] = np.nan
    formula = "y ~ x + C(k)"
    data = df.assign(**{column: _holding_nan(values, kind)})
    with pytest.raises(DataError, match=rf"column '{column}' holds NaN") as refused:
        mnlogit.fit(formula, data)
    message = str(refused.value)
    if kind == "Float64":
        assert "polars" not in message and "masked" in message
    res = mnlogit.fit(formula, _follow(message, data))
    want = mnlogit.fit(formula, df.assign(**{column: values}))
    assert res.n_dropped == want.n_dropped == len(rows)
    np.testing.assert_allclose(res.params.to_numpy(), want.params.to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(res.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-9)


@pytest.mark.parametrize("kind", ["Float64", "double[pyarrow]"])
def test_nan_refusal_of_an_outcome_and_a_condition_says_the_pandas_step(kind):
    df = _data()
    ys = np.where(df["y"] == "a", 1.0, np.where(df["y"] == "b", 2.0, 3.0))
    ys[[4, 9]] = np.nan
    data = df.assign(y=_holding_nan(ys, kind))
    with pytest.raises(DataError, match="as an outcome level") as refused:
        mnlogit.fit("y ~ x", data)
    res = mnlogit.fit("y ~ x", _follow(str(refused.value), data))
    assert res.n_dropped == 2

    xs = df["x"].to_numpy(copy=True)
    xs[[3, 7]] = np.nan
    data = df.assign(x=_holding_nan(xs, kind), w=1.0)
    design = mnlogit.SurveyDesign(weights="w")
    with pytest.raises(DataError, match="in a condition") as refused:
        mnlogit.fit("y ~ k", data, design=design, subpop="x > 0")
    followed = _follow(str(refused.value), data)
    subpop = "x.notna() & (x > 0)"
    res = mnlogit.fit("y ~ k", followed, design=design, subpop=subpop)
    want = mnlogit.fit("y ~ k", df.assign(x=xs, w=1.0), design=design, subpop=subpop)
    np.testing.assert_allclose(res.params.to_numpy(), want.params.to_numpy(), rtol=1e-9)
