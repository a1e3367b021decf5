"""C(k) of a column of numbers, fitted in one kind of number and given new data in another.

The levels of C(k) fitted on an Int64 column are numpy integers, and on a decimal128 column
Decimals; Python's ``Decimal('3.00') == np.int64(3)`` raises "argument must be an integer".
New data in the other kind was refused as that bare message (``predict``, ``margins``), and
``margins(at={'k': np.int64(3)})`` for levels of decimals said np.int64(3) was no level,
where the same numbers as floats or Python ints were read as the fitted levels.
"""

from __future__ import annotations

import decimal

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit


def _decimals(k: pd.Series) -> pd.Series:
    values = pa.array([decimal.Decimal(int(v)) for v in k], pa.decimal128(6, 2))
    return pd.Series(values, dtype=pd.ArrowDtype(pa.decimal128(6, 2)), index=k.index)


_KINDS = {
    "int64": lambda k: k,
    "Int64": lambda k: k.astype("Int64"),
    "UInt8": lambda k: k.astype("UInt8"),
    "uint8": lambda k: k.astype("uint8"),
    "int32[pyarrow]": lambda k: k.astype(pd.ArrowDtype(pa.int32())),
    "float64": lambda k: k.astype(float),
    "Float64": lambda k: k.astype("Float64"),
    "decimal128[pyarrow]": _decimals,
    "Decimal objects": lambda k: pd.Series([decimal.Decimal(int(v)) for v in k], dtype=object),
    "Categorical of int": lambda k: k.astype("category"),
}


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(630)
    n = 240
    k = rng.integers(0, 4, n)
    x = rng.normal(size=n)
    eta = np.c_[np.zeros(n), 0.4 * k + x, -0.3 * k + 0.5 * x]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in p]]
    return pd.DataFrame({"y": y, "x": x, "k": k.astype("int64")})


_DF = _data()
_PLAIN = mnlogit.fit("y ~ x + C(k)", _DF)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fitted=st.sampled_from(sorted(_KINDS)), given_as=st.sampled_from(sorted(_KINDS)))
def test_new_data_of_another_kind_of_number_predict_as_the_same_levels(fitted, given_as):
    res = mnlogit.fit("y ~ x + C(k)", _DF.assign(k=_KINDS[fitted](_DF["k"])))
    np.testing.assert_allclose(res.params.to_numpy(), _PLAIN.params.to_numpy(), rtol=1e-9)
    new = _DF.iloc[:15]
    given_new = new.assign(k=_KINDS[given_as](new["k"]))
    before = given_new.copy()
    np.testing.assert_allclose(
        res.predict(given_new).to_numpy(), _PLAIN.predict(new).to_numpy(), rtol=1e-12
    )
    pd.testing.assert_frame_equal(given_new, before)  # the caller's frame as it was
    at = _KINDS[given_as](pd.Series([1, 3]))
    got = res.margins(at={"k": list(at)}).to_frame()
    want = _PLAIN.margins(at={"k": [1, 3]}).to_frame()
    np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=1e-12)
    np.testing.assert_allclose(got["std_error"], want["std_error"], rtol=1e-9)


def test_numpy_integers_name_the_levels_of_decimals_in_margins_at():
    res = mnlogit.fit("y ~ x + C(k)", _DF.assign(k=_decimals(_DF["k"])))
    for value in (np.int64(2), np.uint8(2), np.int32(2), 2, 2.0):
        got = res.margins(at={"k": value}).to_frame()
        want = _PLAIN.margins(at={"k": 2}).to_frame()
        np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=1e-12)
