"""pyarrow types pandas holds in a column but has no compute kernels for.

``decimal32`` and ``decimal64`` (what a parquet file of small decimals reads as with
``dtype_backend='pyarrow'``) and the canonical extension types (``bool8``, ``uuid``,
``json``) in a pandas DataFrame's ``pd.ArrowDtype`` column: every use of such a column (a
number, a factor, the outcome, clusters, weights) ended in pyarrow's bare
"ArrowNotImplementedError: Function 'unique' has no kernel matching input types", and a
pyarrow Table's decimal32 column too. They are read as the values they hold, as a Table's
extension columns were: decimals as decimal128, bool8 as booleans, a UUID as its bytes.
"""

from __future__ import annotations

import decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit

pytestmark = pytest.mark.skipif(
    not hasattr(pa, "decimal32") or not hasattr(pa, "bool8"), reason="pyarrow before 18"
)


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(632)
    n = 240
    k, c = rng.integers(0, 4, n), rng.integers(0, 12, n)
    x = rng.normal(size=n) + 0.3 * k
    y = np.where(x + rng.logistic(size=n) > 0.8, "c", np.where(rng.random(n) < 0.5, "a", "b"))
    return pd.DataFrame({"y": y, "x": x, "k": k, "c": c})


def _arrow(values: np.ndarray, kind: str) -> pa.Array:
    ints = [int(v) for v in values]
    if kind == "decimal32":
        return pa.array([decimal.Decimal(v) for v in ints], pa.decimal32(6, 2))
    if kind == "decimal64":
        return pa.array([decimal.Decimal(v) for v in ints], pa.decimal64(12, 2))
    if kind == "bool8":
        return pa.ExtensionArray.from_storage(
            pa.bool8(), pa.array(np.asarray(values) % 2, pa.int8())
        )
    return pa.ExtensionArray.from_storage(  # uuid
        pa.uuid(), pa.array([bytes([v]) * 16 for v in ints], pa.binary(16))
    )


def _plain(values: np.ndarray, kind: str) -> pd.Series:
    """The same values as pandas holds them without pyarrow."""
    if kind.startswith("decimal"):
        return pd.Series(values.astype(float))
    if kind == "bool8":
        return pd.Series(values % 2 == 1)
    return pd.Series([bytes([int(v)]) * 16 for v in values], dtype=object)


_DF = _data()
# (role, formula, keyword arguments); the column "k" holds the values in each
_ROLES = {
    "predictor": ("y ~ x + k", {}),
    "factor": ("y ~ x + C(k)", {}),
    "outcome": ("k ~ x", {}),
    "clusters": ("y ~ x", {"cov_type": "cluster", "groups": "k"}),
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["decimal32", "decimal64", "bool8", "uuid"]),
    role=st.sampled_from(sorted(_ROLES)),
    table=st.booleans(),
)
def test_a_column_of_a_type_pandas_cannot_compute_with_fits_as_its_values(kind, role, table):
    formula, kwargs = _ROLES[role]
    column = "c" if role == "clusters" else "k"
    if kind == "uuid" and role == "predictor":
        formula = "y ~ x + C(k)"  # bytes are labels
    values = _DF[column].to_numpy()
    plain = _DF.assign(k=_plain(values, kind))
    want = mnlogit.fit(formula, plain, **kwargs)
    arrow = _arrow(values, kind)
    if table:
        data = pa.Table.from_pandas(_DF[["y", "x"]], preserve_index=False).append_column("k", arrow)
    else:
        data = _DF[["y", "x"]].assign(k=pd.Series(arrow, dtype=pd.ArrowDtype(arrow.type)))
    before = None if table else data.copy()
    got = mnlogit.fit(formula, data, **kwargs)
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-7)
    if before is not None:
        pd.testing.assert_frame_equal(data, before)
    if role in ("predictor", "factor") and not table:
        new = data.iloc[:20]
        np.testing.assert_allclose(
            got.predict(new).to_numpy(), want.predict(plain.iloc[:20]).to_numpy(), rtol=1e-12
        )


@pytest.mark.parametrize("kind", ["decimal32", "decimal64", "bool8", "uuid"])
@pytest.mark.parametrize("role", ["factor", "outcome", "clusters"])
def test_a_dask_fit_reads_each_partition_as_the_values_it_holds(kind, role):
    # only the metadata was read so: a factor, an outcome or clusters of decimal32's was
    # refused as a partition dask "could not read" (dictionary_encode has no kernel), with
    # the advice to make the DataFrame again from files that had not changed
    dd = pytest.importorskip("dask.dataframe")
    formula, kwargs = _ROLES[role]
    column = "c" if role == "clusters" else "k"
    values = _DF[column].to_numpy()
    arrow = _arrow(values, kind)
    data = _DF[["y", "x"]].assign(k=pd.Series(arrow, dtype=pd.ArrowDtype(arrow.type)))
    want = mnlogit.fit(formula, data, **kwargs)
    got = mnlogit.fit(formula, dd.from_pandas(data, npartitions=3), **kwargs)
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-6)
