"""X that holds y's own column among the columns the classifier fits is refused:
``clf.fit(df, df['k'])`` fitted the outcome's column beside the others, every row classified
right (score 1.0) with a separation warning that did not say why, and with a formula reading
the column the outcome was renamed ``k_`` and ``k_ ~ a + k`` fitted, which ``mnlogit.fit``
refuses. A column of y's values under another name, which may be y or a column that alone
separates the classes (a penalised fit can fit it), is warned of."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

import mnlogit
from mnlogit.exceptions import DataError, FormulaError, SeparationWarning
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(3)
N = 120
DF = pd.DataFrame({"a": RNG.normal(size=N), "b": RNG.normal(size=N)})
DF["k"] = RNG.integers(0, 3, N)
DF["s"] = np.array(["x", "y", "z"])[DF["k"]]


def test_a_frame_holding_ys_column_is_refused_with_the_fit_without_it():
    X = DF[["a", "b", "k"]]
    with pytest.raises(DataError, match=r"column 'k' is y itself") as refused:
        MNLogitClassifier().fit(X, DF["k"])
    assert "clf.fit(X.drop(columns='k'), y)" in str(refused.value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # followed: no separation, an ordinary fit
        MNLogitClassifier().fit(X.drop(columns="k"), DF["k"])


def test_ys_column_given_as_a_one_column_frame_is_refused_too():
    with pytest.raises(DataError, match=r"column 'k' is y itself"):
        MNLogitClassifier().fit(DF[["a", "k"]], DF[["k"]])


def test_a_column_of_ys_values_under_another_name_is_warned_of_and_fitted():
    X = DF[["a", "b", "k"]]
    with pytest.warns(SeparationWarning, match=r"column 'k' holds the same values as y"):
        MNLogitClassifier(penalty="l2").fit(X, DF["k"].rename("target"))
    with pytest.warns(SeparationWarning, match=r"clf.fit\(X.drop\(columns='k'\), y\)"):
        MNLogitClassifier(penalty="l2").fit(X, DF["k"].to_numpy())


@pytest.mark.parametrize("formula", ["a + k", "a + C(s)", "a + I(k * 2)", "b + np.log1p(k)"])
def test_a_formula_reading_ys_column_is_refused_as_mnlogit_fit_refuses_it(formula):
    y = DF["s"] if "s)" in formula else DF["k"]
    with pytest.raises(DataError, match=r"is y itself.*take '[ks]' out of formula="):
        MNLogitClassifier(formula=formula).fit(DF, y)
    with pytest.raises(FormulaError, match="also appears among the predictors"):
        mnlogit.fit(f"{y.name} ~ {formula}", DF)


def test_ys_column_in_x_that_the_formula_does_not_read_is_fitted():
    clf = MNLogitClassifier(formula="a + b").fit(DF, DF["k"])
    assert clf.score(DF, DF["k"]) < 1.0
    assert str(clf.results_.formula) == "k_ ~ a + b"


def test_an_array_with_a_column_of_the_labels_is_warned_of():
    X = DF[["a", "k", "b"]].to_numpy()
    with pytest.warns(SeparationWarning, match=r"column 1 holds the same values as y") as said:
        MNLogitClassifier(penalty="l2").fit(X, DF["k"].to_numpy())
    assert "np.delete(X, 1, axis=1)" in str(said[0].message)
    with pytest.warns(SeparationWarning, match=r"column 0 holds the same values as y"):
        MNLogitClassifier(penalty="l2").fit(np.c_[DF["k"] > 0, DF["a"]], (DF["k"] > 0).to_numpy())
    # labels that differ from the column somewhere, or are fractions, are not it
    near = DF["k"].to_numpy().copy()
    near[0] = (near[0] + 1) % 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(MNLogitClassifier().fit(X[:, [0, 2]], near).classes_) == 3
    with pytest.raises(DataError, match="Unknown label type"):
        MNLogitClassifier().fit(X, X[:, 0])
