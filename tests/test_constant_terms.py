"""A formula term of one number (``I(1)``, ``I(2)``) reads new data and partitions.

formulaic evaluates such a term to a scalar, which its numpy output stacked with the other
columns: a fit of ``y ~ 0 + I(1) + x`` (the model ``y ~ x``) was made, but its
``predict(newdata=...)`` and ``margins(at=...)`` failed with "newdata: all input arrays must
have the same shape", and a dask fit of it was refused as partitions holding a column in
different types. ``y ~ x + I(2)`` on dask got that refusal too, in place of the rank one.
"""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import RankError


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(10)
    n = 300
    return pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": rng.normal(size=n)})


def test_a_constant_term_predicts_for_new_data_as_the_intercept_does(df):
    ones, plain = mnlogit.fit("y ~ 0 + I(1) + x", df), mnlogit.fit("y ~ x", df)
    new = df.head(7).drop(columns="y")
    expected = plain.predict(newdata=new)
    np.testing.assert_allclose(ones.predict(newdata=new), expected, rtol=1e-10, atol=0)
    np.testing.assert_allclose(ones.predict(newdata=new.head(1)), expected.head(1), rtol=1e-10)
    at = {"x": [0.0, 1.0]}
    np.testing.assert_allclose(
        ones.margins(at=at).to_frame()["estimate"],
        plain.margins(at=at).to_frame()["estimate"],
        rtol=1e-10,
    )


def test_a_constant_term_fits_on_dask_as_in_memory(df):
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(df, npartitions=3)
    on_parts, in_memory = mnlogit.fit("y ~ 0 + I(1) + x", ddf), mnlogit.fit("y ~ 0 + I(1) + x", df)
    np.testing.assert_allclose(on_parts.params, in_memory.params, rtol=1e-9)
    np.testing.assert_allclose(on_parts.bse, in_memory.bse, rtol=1e-9)
    with pytest.raises(RankError, match=r"'I\(2\)'"):
        mnlogit.fit("y ~ x + I(2)", ddf)
