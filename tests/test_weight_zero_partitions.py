"""Comparisons with a fit on partitions (Dask). Rows of frequency weight 0 are no
observations there too, though such a fit keeps them: its tally counts the rows of positive
weight, and those are what a fit in memory, with or without such rows, is compared with. And
what it cannot check (nesting in the column space, which needs the rows) is not said to fail."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mnlogit
from mnlogit.exceptions import ModelComparisonError

dd = pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def weighted():
    df = mnlogit.datasets.load("travel").dropna()
    # a quarter of the rows of weight 0
    return df.assign(w=np.random.default_rng(0).integers(0, 4, len(df)).astype(float))


def _fit(formula, data, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        return mnlogit.fit(formula, data, ref="car", weights="w", **kw)


def test_compare_beside_a_dask_fit_does_not_count_rows_of_weight_zero(weighted):
    """The same rows and weights in memory and on partitions were said to be fitted on
    other rows (their log-likelihoods, AIC and BIC, equal to 1e-12, not comparable): the
    dask fit's count kept the rows of weight 0 that the in-memory one leaves out."""
    f = "mode ~ income + region"
    parts = _fit(f, dd.from_pandas(weighted, npartitions=3))
    for data in (weighted, weighted[weighted["w"] > 0]):
        here = _fit(f, data)
        np.testing.assert_allclose(here.aic, parts.aic, rtol=1e-12)
        for fits in ([here, parts], [parts, here]):
            notes = " ".join(mnlogit.compare(fits, names=["a", "b"]).notes)
            assert "other rows" not in notes
            assert "b and a have as many rows" in notes and "was not checked" in notes
    # other weights on partitions are still other rows
    other = _fit(f, dd.from_pandas(weighted.assign(w=weighted["w"] + 1), npartitions=3))
    notes = mnlogit.compare([_fit(f, weighted), other], names=["a", "b"]).notes
    assert any(n.startswith("b was fitted on other rows") for n in notes)


def test_lr_test_beside_a_dask_fit_does_not_count_rows_of_weight_zero(weighted):
    """A fit in memory without the rows of weight 0 against a dask fit with them was
    refused as 'fitted on different rows (2264 rows ... vs 2972 rows)'; the same two in
    memory, or with those rows in both, gave chi2 = 150.504."""
    small, large = "mode ~ income", "mode ~ income + age"
    positive = weighted[weighted["w"] > 0]
    want = mnlogit.lr_test(_fit(small, weighted), _fit(large, positive))
    assert want.statistic == pytest.approx(150.504, abs=1e-3)
    parts = dd.from_pandas(weighted, npartitions=3)
    pairs = [
        (_fit(small, positive), _fit(large, parts)),
        (_fit(small, parts), _fit(large, positive)),
        (_fit(small, parts), _fit(large, weighted)),
    ]
    for restricted, full in pairs:
        got = mnlogit.lr_test(restricted, full)
        np.testing.assert_allclose(got.statistic, want.statistic, rtol=1e-9)
        assert got.df == want.df
    # a dask fit of other rows is still refused, counting the rows of positive weight
    fewer = dd.from_pandas(positive.iloc[10:], npartitions=3)
    with pytest.raises(ModelComparisonError, match=r"different rows \(2254 rows.* 2264 rows"):
        mnlogit.lr_test(_fit(small, fewer), _fit(large, parts))


def test_a_dask_fit_of_other_weights_on_as_many_rows_is_refused_for_its_weights(weighted):
    # counting only the rows of positive weight on partitions, an unweighted fit beside a
    # weighted dask fit of the same rows was refused as 'fitted on different rows (2972 rows
    # ... vs 2264 rows)', told to choose between weights and repeated rows; the rows are the
    # same, and the outcomes' weighted counts say what differs
    parts = dd.from_pandas(weighted, npartitions=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        plain = mnlogit.fit("mode ~ income", weighted, ref="car")
    with pytest.raises(ModelComparisonError, match=r"outcomes differ.*with the same weights"):
        mnlogit.lr_test(plain, _fit("mode ~ income + age", parts))


def test_models_nested_only_in_the_column_space_on_partitions_are_not_said_not_to_be(
    weighted,
):
    # y ~ x + g is y ~ x * C(g, Sum) with the interaction at zero; on partitions, where the
    # column space is not looked at, the refusal said its columns were not combinations of
    # the larger model's, which they are
    small, large = "mode ~ income + region", "mode ~ income * C(region, Sum)"
    want = mnlogit.lr_test(_fit(small, weighted), _fit(large, weighted))
    assert want.df == 6.0  # in memory: computed
    parts = dd.from_pandas(weighted, npartitions=3)
    with pytest.raises(ModelComparisonError) as refused:
        mnlogit.lr_test(_fit(small, parts), _fit(large, parts))
    message = str(refused.value)
    assert "nor combinations" not in message
    assert "not nested by their columns' names" in message and "ddf.compute()" in message
