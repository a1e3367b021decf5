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


def _far_from_zero(n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(9)
    x = rng.normal(size=n)
    y = np.where(
        x + rng.logistic(size=n) > 0.5, "a", np.where(x + rng.logistic(size=n) > -0.5, "b", "c")
    )
    return pd.DataFrame(
        {
            "x": 1e6 + x,
            "y": y,
            "g": rng.choice(list("pq"), n),
            "w": rng.integers(1, 4, n).astype(float),
            "cl": rng.integers(0, 15, n),
            "st": rng.integers(0, 3, n),
        }
    ).assign(psu=lambda d: d["st"] * 10 + rng.integers(0, 4, n))


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"weights": "w"},
        {"cov_type": "robust"},
        {"cov_type": "cluster", "groups": "cl"},
        {"design": mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")},
    ],
    ids=["plain", "weighted", "robust", "clustered", "survey"],
)
def test_a_column_far_from_zero_has_the_in_memory_standard_errors_on_dask(options):
    # x = 1e6 + N(0, 1) beside the intercept: the information in the columns' own units has
    # a condition number near 1e12, which the in-memory fit avoids on an orthogonal basis,
    # and its sandwich by projecting each row's scores on the bread; the dask fit inverted
    # the information as it was and summed the meat unprojected, its standard errors 4e-4
    # to 2e-3 (relative) from these
    # (the warning said so: "accurate to only about 3 significant digits")
    df = _far_from_zero()
    with pytest.warns(mnlogit.CollinearityWarning) as on_dask_said:
        on_dask = mnlogit.fit("y ~ x + g", dd.from_pandas(df, npartitions=3), **options)
    with pytest.warns(mnlogit.CollinearityWarning) as in_memory_said:
        in_memory = mnlogit.fit("y ~ x + g", df, **options)
    said = [[str(w.message) for w in ws] for ws in (on_dask_said, in_memory_said)]
    assert said[0] == said[1] and "orthogonal basis" in said[0][0]
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-9)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-9)
    np.testing.assert_allclose(on_dask.anova()["chi2"], in_memory.anova()["chi2"], rtol=1e-9)
