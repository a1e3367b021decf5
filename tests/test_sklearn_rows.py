"""The classifier's results_ keep the labels of X's rows without a formula too, as a formula
fit of X keeps them: compare() and lr_test() pair its rows with those of a formula fit of
the same rows by label, and results_.predict() is indexed as X is."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

import mnlogit
from mnlogit.sklearn import MNLogitClassifier

DATA = mnlogit.datasets.load("travel").dropna().iloc[:400]
DATA = DATA.set_axis(pd.Index([f"h{i}" for i in range(len(DATA))], name="id"))
COLUMNS = ["distance", "income"]


def test_compare_with_a_formula_fit_of_the_same_rows_sorted_finds_the_same_sample():
    clf = MNLogitClassifier().fit(DATA[COLUMNS], DATA["mode"])
    formula = mnlogit.fit("mode ~ distance + income", DATA.sort_values("income"))
    table = str(mnlogit.compare([clf.results_, formula]))
    # before: "(2) was fitted on other rows (or weights) than (1)", the rows paired by position
    assert "other rows" not in table
    assert clf.results_.llf == pytest.approx(formula.llf, rel=1e-12)


def test_results_predict_is_indexed_as_x_less_the_rows_of_weight_zero():
    weights = np.ones(len(DATA))
    weights[[0, 5]] = 0
    X = DATA[COLUMNS]
    clf = MNLogitClassifier().fit(X, DATA["mode"], sample_weight=weights)
    kept = X.index[weights > 0]
    assert clf.results_.predict().index.equals(kept)  # before: 0, 1, 2, ...
    formula = MNLogitClassifier(formula="distance + income").fit(X, DATA["mode"], weights)
    assert formula.results_.predict().index.equals(kept)


def test_an_array_x_takes_the_labels_of_a_series_y_as_mnlogit_does():
    y = DATA["mode"]
    clf = MNLogitClassifier().fit(DATA[COLUMNS].to_numpy(), y)
    assert clf.results_.predict().index.equals(y.index)
    plain = MNLogitClassifier().fit(DATA[COLUMNS].to_numpy(), y.to_numpy())
    assert plain.results_.predict().index.equals(pd.RangeIndex(len(DATA)))
