"""A fit whose lightest rows are below float64's rounding beside its heaviest says so.

Frequency weights of 2**62 on three rows beside weights of 1 on 297: the sums hold the
three heavy rows alone, which the predictors separate, and the fit ran off although the
exact check over every row finds no separation. Its warning said to check for nearly
collinear columns, its standard errors' and LR test's notes to refit with method="firth" or
to drop columns, none of which changes that (on dask, that separation may explain it). Now
they say that the lightest rows weigh 2e-17 of the mean weight and to bring the weights
closer. Weights 2**40 apart fit, with no such words.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ConvergenceWarning


def _data(heavy):
    rng = np.random.default_rng(26)
    n = 300
    w = np.ones(n, dtype=np.int64)
    w[:3] = heavy
    return pd.DataFrame(
        {"y": rng.choice(["a", "b", "c"], n), "x1": rng.normal(size=n), "x2": rng.normal(size=n)}
    ).assign(w=w)


def test_weights_beyond_rounding_are_named_as_the_cause():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("y ~ x1 + x2", _data(2**62), weights="w")
        said = [str(w.message) for w in caught if issubclass(w.category, ConvergenceWarning)]
        summary = str(res.summary())
        res.bse  # noqa: B018 (warns why its values are not final)
        notes = [str(w.message) for w in caught]
    assert not res.converged
    assert len(said) == 1 and "the lightest rows weigh 2e-17" in said[0]
    assert "cap the largest" in said[0] and "collinear" not in said[0]
    assert "the lightest rows weigh 2e-17" in " ".join(summary.split())
    assert any("bse" in note and "cap the largest" in note for note in notes)
    assert not any("firth" in note for note in notes)
    lr = res.lr_test()
    assert np.isnan(lr.statistic) and "cap the largest" in lr.note


def test_sampling_weights_beyond_rounding_keep_their_own_words():
    # their fit stops at the rounding of its sums, which its warning already says
    with pytest.warns(ConvergenceWarning, match="weights that span less than about 1e16"):
        mnlogit.fit("y ~ x1 + x2", _data(2**62), weights="w", weight_type="probability")


def test_weights_within_rounding_fit_without_those_words():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y ~ x1 + x2", _data(2**40), weights="w")
    assert res.converged
    assert "weights span" not in str(res.summary())


def test_a_dask_fit_names_the_weights_too():
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(_data(2**62), npartitions=2)
    with pytest.warns(ConvergenceWarning, match="lightest rows weigh 2e-17") as caught:
        res = mnlogit.fit("y ~ x1 + x2", ddf, weights="w")
    assert not any("separation" in str(w.message) for w in caught)
    summary = " ".join(str(res.summary()).split())
    assert "lightest rows weigh 2e-17" in summary and "marked (!)" in summary
