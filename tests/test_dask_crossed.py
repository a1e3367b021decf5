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


def _weighted(labels: list) -> pd.DataFrame:
    df = _frame(n=len(labels), seed=5).assign(w=2.0)
    return df.set_axis(pd.Index(labels), axis=0)


@pytest.mark.parametrize(
    ("bad", "value"),
    [
        ([7], np.nan),  # one row
        ([2, 40, 41, 42, 70, 71, 88], np.nan),  # more than five, in three partitions
        ([75, 3], -2.0),  # negative: the first partition's row named first
        ([61], np.inf),
    ],
)
@pytest.mark.parametrize("text", [False, True], ids=["numbers", "text"])
def test_frequency_weights_refused_on_dask_name_their_rows_as_in_memory(bad, value, text):
    # the refusal named no row on dask ("got nan; a missing weight ...") where in memory it
    # says "got nan in rows 2, 40, 41, 42, 70, ... (7 in all)"
    labels = [f"r{i}" if text else i for i in range(90)]
    df = _weighted(labels)
    df.loc[[labels[i] for i in bad], "w"] = value
    ddf = dd.from_pandas(df, npartitions=3, sort=False)
    with pytest.raises(mnlogit.MNLogitError) as in_memory:
        mnlogit.fit("y ~ z", df, weights="w")
    with pytest.raises(type(in_memory.value)) as on_dask:
        mnlogit.fit("y ~ z", ddf, weights="w")
    assert str(on_dask.value) == str(in_memory.value)
    assert " in row" in str(on_dask.value)
