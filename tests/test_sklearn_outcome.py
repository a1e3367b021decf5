"""X that holds y among the columns the classifier fits is refused: ``clf.fit(df, df['k'])``
fitted the outcome's own column beside the others, every row classified right (score 1.0)
with a separation warning that did not say why, and with a formula reading the column the
outcome was renamed ``k_`` and ``k_ ~ a + k`` fitted, which ``mnlogit.fit`` refuses."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

import mnlogit
from mnlogit.exceptions import DataError, FormulaError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(3)
N = 120
DF = pd.DataFrame({"a": RNG.normal(size=N), "b": RNG.normal(size=N)})
DF["k"] = RNG.integers(0, 3, N)
DF["s"] = np.array(["x", "y", "z"])[DF["k"]]


@pytest.mark.parametrize("column", ["k", "s"])
@pytest.mark.parametrize("rename", [False, True], ids=["named", "renamed"])
def test_a_frame_holding_y_is_refused_with_the_fit_without_it(column, rename):
    y = DF[column].rename("target") if rename else DF[column]
    X = DF[["a", "b", column]]
    with pytest.raises(DataError, match=rf"column '{column}' holds y itself") as refused:
        MNLogitClassifier().fit(X, y)
    assert f"clf.fit(X.drop(columns='{column}'), y)" in str(refused.value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # followed: no separation, an ordinary fit
        MNLogitClassifier().fit(X.drop(columns=column), y)


@pytest.mark.parametrize("formula", ["a + k", "a + C(s)", "a + I(k * 2)", "b + np.log1p(k)"])
def test_a_formula_reading_ys_column_is_refused_as_mnlogit_fit_refuses_it(formula):
    y = DF["s"] if "s)" in formula else DF["k"]
    with pytest.raises(DataError, match=r"holds y itself.*take '[ks]' out of formula="):
        MNLogitClassifier(formula=formula).fit(DF, y)
    with pytest.raises(FormulaError, match="also appears among the predictors"):
        mnlogit.fit(f"{y.name} ~ {formula}", DF)


def test_ys_column_in_x_that_the_formula_does_not_read_is_fitted():
    clf = MNLogitClassifier(formula="a + b").fit(DF, DF["k"])
    assert clf.score(DF, DF["k"]) < 1.0
    assert str(clf.results_.formula) == "k_ ~ a + b"


def test_an_array_with_a_column_of_the_labels_is_refused():
    X = DF[["a", "k", "b"]].to_numpy()
    with pytest.raises(DataError, match=r"column 1 holds the same values as y") as refused:
        MNLogitClassifier().fit(X, DF["k"].to_numpy())
    assert "np.delete(X, 1, axis=1)" in str(refused.value)
    with pytest.raises(DataError, match=r"column 0 holds the same values as y"):
        MNLogitClassifier().fit(np.c_[DF["k"] > 0, DF["a"]], (DF["k"] > 0).to_numpy())
    # labels that differ from the column somewhere, or are fractions, are not it
    near = DF["k"].to_numpy().copy()
    near[0] = (near[0] + 1) % 3
    assert len(MNLogitClassifier().fit(X[:, [0, 2]], near).classes_) == 3
    with pytest.raises(DataError, match="Unknown label type"):
        MNLogitClassifier().fit(X, X[:, 0])
