"""Dask fits crossed with the formula's and the results' other features, each against the
fit of the same rows in memory (``ddf.compute()``)."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import FormulaError

pytestmark = pytest.mark.slow

dd = pytest.importorskip("dask.dataframe")


def _frame(n: int = 90, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "my x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "é g": rng.choice(list("pqr"), n),
            "y": rng.choice(list("abc"), n),
        }
    )


@pytest.mark.parametrize(
    "formula",
    ["y ~ Q('my x') + z", "y ~ np.log(Q('my x') ** 2) + C(Q('é g'))"],
)
def test_names_quoted_with_q_fit_on_dask_as_in_memory(formula):
    # Q('my x') learns nothing (formulaic keeps it an empty state) but was refused as a
    # stateful transform: "'Q('my x')' learns its state (centre, scale, knots)"
    df = _frame()
    on_dask = mnlogit.fit(formula, dd.from_pandas(df, npartitions=3))
    in_memory = mnlogit.fit(formula, df)
    assert list(on_dask.params.index) == list(in_memory.params.index)
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-9)
    new = df.iloc[[0, 40, 80]]
    np.testing.assert_allclose(on_dask.predict(new), in_memory.predict(new), rtol=1e-9)


def test_a_stateful_transform_beside_q_is_refused_naming_only_it():
    ddf = dd.from_pandas(_frame(), npartitions=3)
    with pytest.raises(FormulaError) as err:
        mnlogit.fit("y ~ Q('my x') + center(z)", ddf)
    assert "'center(z)' learns its state" in str(err.value)
    assert "Q(" not in str(err.value).split(":", 1)[1].split("learns")[0]
