"""Predictions of a model from arrays (``MNLogit(y, X)``): the fitted rows keep the labels of
y or X."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def labelled():
    rng = np.random.default_rng(7)
    n = 240
    index = pd.Index(np.arange(n) * 10 + 5, name="id")
    X = pd.DataFrame(
        {
            "const": 1.0,
            "a": rng.normal(size=n),
            "count": rng.integers(0, 4, n).astype(float),
            "dummy": (rng.random(n) > 0.5).astype(float),
        },
        index=index,
    )
    y = pd.Series(rng.choice(["p", "q", "r"], n), index=index, name="y")
    return y, X, mnlogit.MNLogit(y, X).fit()


@pytest.mark.parametrize("kind", ["prob", "class", "link"])
def test_fitted_rows_keep_the_labels_of_x(labelled, kind):
    # they were 0..n-1: assigned into the user's DataFrame, pandas matched them by label,
    # and row 5 got the prediction of the fifth row, row 15 of the fifteenth, the rest NaN
    _, X, res = labelled
    fitted = res.predict(kind=kind)
    assert fitted.index.equals(X.index)
    new = X.copy()
    new["fitted"] = fitted if kind == "class" else fitted.iloc[:, 0]
    expected = res.predict(X, kind=kind)
    expected = expected if kind == "class" else expected.iloc[:, 0]
    pd.testing.assert_series_equal(new["fitted"], expected, check_names=False)


def test_fitted_rows_keep_the_labels_of_y_with_an_array_design(labelled):
    y, X, _ = labelled
    res = mnlogit.MNLogit(y, X.to_numpy()).fit()
    assert res.predict().index.equals(y.index)
    intervals = res.prediction_intervals()
    assert intervals.index.get_level_values("row").unique().equals(y.index)


def test_a_subpopulation_keeps_the_labels_of_its_rows(labelled):
    y, X, _ = labelled
    inside = (X["a"] > -0.5).to_numpy()
    design = mnlogit.SurveyDesign(weights=np.ones(len(y)))
    res = mnlogit.MNLogit(y, X, design=design, subpop=inside).fit()
    assert res.predict().index.equals(X.index[inside])
