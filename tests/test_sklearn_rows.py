"""The classifier's results_ keep the labels of X's rows without a formula too, as a formula
fit of X keeps them: compare() and lr_test() pair its rows with those of a formula fit of
the same rows by label, and results_.predict() is indexed as X is."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("sklearn")

import mnlogit
from mnlogit.exceptions import DataError, ModelComparisonError
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


# data in long form: several rows per household, the index its id
LONG = DATA.set_index("household")


@pytest.mark.parametrize("formula", [None, "distance + income"])
def test_y_in_another_order_than_x_of_repeated_row_labels_is_refused(formula):
    assert not LONG.index.is_unique
    X = LONG[COLUMNS].sort_values("distance")  # sorted without y
    clf = MNLogitClassifier(formula=formula)
    # before: fitted, each row with another row's class
    with pytest.raises(DataError, match=r"y: its index holds the row labels of X in another ord"):
        clf.fit(X, LONG["mode"])
    with pytest.raises(DataError, match="take X and sample_weight from one table in one row"):
        clf.fit(LONG[COLUMNS], LONG["mode"], sample_weight=LONG["income"].sort_values())
    sorted_long = LONG.sort_values("distance")
    fitted = clf.fit(sorted_long[COLUMNS], sorted_long["mode"])  # one table, one order
    with pytest.raises(DataError, match="take X and y from one table"):
        fitted.score(X, LONG["mode"])
    assert fitted.score(X, sorted_long["mode"]) == fitted.score(X, sorted_long["mode"].to_numpy())


def test_repeated_row_labels_of_other_rows_are_still_paired_by_position():
    X = LONG[COLUMNS]
    y = LONG["mode"].set_axis(LONG.index[::-1] + 10**6)  # labels of no row of X
    MNLogitClassifier().fit(X, y)


@pytest.mark.parametrize("form", ["unnamed y", "y named as a column of X"])
def test_compare_takes_the_classifiers_name_for_y_beside_a_formula_fit_of_the_same_rows(form):
    # the classifier names an unnamed y 'y', and y named as a column of X 'mode_': compare
    # refused it beside mnlogit.fit's 'mode' as "Only fits of the same outcome can share a table"
    if form == "unnamed y":
        clf = MNLogitClassifier().fit(DATA[COLUMNS], DATA["mode"].to_numpy())
    else:
        clf = MNLogitClassifier(formula="distance + income").fit(DATA, DATA["mode"])
    formula = mnlogit.fit("mode ~ distance + income", DATA)
    assert clf.results_._data.outcome_name != "mode"
    table = mnlogit.compare([clf.results_, formula])
    assert "other rows" not in str(table)
    frame = table.to_frame()
    np.testing.assert_allclose(
        frame.loc["(1)", "estimate"], frame.loc["(2)", "estimate"], rtol=1e-9
    )
    # other values under another name are still another outcome
    shuffled = DATA["mode"].sample(frac=1.0, random_state=0).to_numpy()
    other = MNLogitClassifier().fit(DATA[COLUMNS], shuffled)
    with pytest.raises(ModelComparisonError, match="Only fits of the same outcome"):
        mnlogit.compare([other.results_, formula])


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), weighted=st.booleans())
def test_the_classifiers_rows_in_any_order_are_the_formula_fits_sample(seed, weighted):
    order = np.random.default_rng(seed).permutation(len(DATA))
    data = DATA.assign(w=np.arange(len(DATA)) % 3 if weighted else 1)  # rows of weight 0
    shuffled = data.iloc[order]
    clf = MNLogitClassifier().fit(
        shuffled[COLUMNS], shuffled["mode"], sample_weight=shuffled["w"].to_numpy()
    )
    formula = mnlogit.fit("mode ~ distance + income", data, weights="w")
    assert "other rows" not in str(mnlogit.compare([clf.results_, formula]))
    assert clf.results_.predict().index.equals(shuffled.index[shuffled["w"] > 0])
