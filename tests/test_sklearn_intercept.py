"""Which column is the classifier's intercept, and what its name reads in a formula: a column
of X named 'Intercept' or holding ones when fit_intercept=False (a feature, penalised as
LogisticRegression penalises it), and a y whose name the formula uses for something else."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR

import mnlogit

pytest.importorskip("sklearn")
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

from mnlogit.sklearn import MNLogitClassifier

DATA = pd.read_csv(REF_DIR / "sklearn_l2.csv").iloc[:400]
TIGHT = {"solver": "newton-cholesky", "tol": 1e-14, "max_iter": 1000}  # scikit-learn's optimum
TOL = 1e-6  # probabilities against LogisticRegression's, as in test_sklearn.py


@pytest.mark.parametrize("penalty", [None, "l2"])
def test_a_column_named_intercept_without_fit_intercept_is_a_feature(penalty):
    # its coefficients were reported as intercept_ and left out of coef_ (one column short of
    # n_features_in_), predict_proba failed with numpy's matmul error, and with the penalty
    # the column went unpenalised: probabilities 0.007 from LogisticRegression's
    X = pd.DataFrame({"Intercept": DATA["x1"] + 2.0, "b": DATA["x2"]})
    y = DATA["y3"].to_numpy()
    C = 0.05 if penalty else 1.0
    clf = MNLogitClassifier(fit_intercept=False, penalty=penalty, C=C).fit(X, y)
    assert clf.coef_.shape == (3, 2)
    np.testing.assert_array_equal(clf.coef_names_, ["Intercept", "b"])
    np.testing.assert_array_equal(clf.intercept_, np.zeros(3))
    renamed = MNLogitClassifier(fit_intercept=False, penalty=penalty, C=C)
    renamed.fit(X.set_axis(["a", "b"], axis=1), y)
    np.testing.assert_allclose(clf.coef_, renamed.coef_, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(
        clf.predict_proba(X), renamed.predict_proba(X.set_axis(["a", "b"], axis=1)), atol=1e-14
    )
    if penalty:
        sk = LogisticRegression(C=0.05, fit_intercept=False, **TIGHT).fit(X.to_numpy(), y)
        np.testing.assert_allclose(clf.predict_proba(X), sk.predict_proba(X.to_numpy()), atol=TOL)


@pytest.mark.parametrize("C", [0.01, 1.0])
def test_a_column_of_ones_without_fit_intercept_is_penalised_as_scikit_learn_does(C):
    # LogisticRegression(fit_intercept=False) penalises every column of X; the column of ones
    # went unpenalised as if it were the intercept: probabilities 0.08 apart at C = 0.01
    X = np.column_stack([np.ones(len(DATA)), DATA[["x1", "x2"]].to_numpy()])
    y = DATA["y3"].to_numpy()
    clf = MNLogitClassifier(fit_intercept=False, penalty="l2", C=C).fit(X, y)
    sk = LogisticRegression(C=C, fit_intercept=False, **TIGHT).fit(X, y)
    np.testing.assert_allclose(clf.predict_proba(X), sk.predict_proba(X), rtol=0, atol=TOL)
    np.testing.assert_allclose(clf.coef_, sk.coef_ - sk.coef_[0], rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_polynomial_features_with_their_bias_column_give_logistic_regressions_fit(fit_intercept):
    # PolynomialFeatures(include_bias=True) adds a column of ones: penalised by scikit-learn
    # beside its own intercept, and on its own without one
    x, y = DATA[["x1"]].to_numpy(), DATA["y3"].to_numpy()
    ours = make_pipeline(
        PolynomialFeatures(2), MNLogitClassifier(penalty="l2", C=0.1, fit_intercept=fit_intercept)
    ).fit(x, y)
    theirs = make_pipeline(
        PolynomialFeatures(2), LogisticRegression(C=0.1, fit_intercept=fit_intercept, **TIGHT)
    ).fit(x, y)
    np.testing.assert_allclose(ours.predict_proba(x), theirs.predict_proba(x), rtol=0, atol=TOL)


def test_mnlogit_arrays_take_only_a_column_of_ones_as_the_intercept():
    # a column named 'Intercept' that is no column of ones was taken for the intercept: the
    # null model was the intercept-only one (llnull -424.3 for -439.4) and df_model 2 for 4
    X = pd.DataFrame({"Intercept": DATA["x1"] + 2.0, "b": DATA["x2"]})
    y = DATA["y3"]
    named = mnlogit.MNLogit(y, X).fit()
    plain = mnlogit.MNLogit(y, X.set_axis(["a", "b"], axis=1)).fit()
    assert named.llnull == pytest.approx(plain.llnull, rel=1e-12)
    assert named.df_model == plain.df_model == 4
    assert named._data.intercept is None
    ones = mnlogit.MNLogit(y, X.assign(Intercept=1.0)).fit()
    assert ones._data.intercept == 0  # a column of ones keeps its name's role


@pytest.mark.parametrize(
    ("name", "formula"),
    [
        ("np", "np.log(d) + x1"),
        ("C", "C(g) + x1"),
        ("log", "log(d) + x1"),
        ("center", "center(x1) + d"),
        ("I", "I(x1**2) + d"),
    ],
)
def test_a_y_named_like_a_function_of_the_formula_does_not_hide_it(name, formula):
    # y became the formula's column of that name and hid the function: "Unable to evaluate
    # factor `np.log(d)`. [AttributeError: 'Series' object has no attribute 'log']"
    X = DATA[["x1"]].assign(d=np.exp(DATA["x2"]), g=DATA["y2"])
    y = DATA["y3"]
    clf = MNLogitClassifier(formula=formula).fit(X, y.rename(name))
    plain = MNLogitClassifier(formula=formula).fit(X, y.rename("label"))
    np.testing.assert_allclose(clf.predict_proba(X), plain.predict_proba(X), rtol=0, atol=1e-14)
    assert clf.results_.formula.startswith(f"{name}_ ~ ")


def test_a_formula_naming_a_column_x_lacks_is_told_so_not_that_y_is_among_the_predictors():
    # the outcome's column took the name, and the refusal said "the outcome 'label' also
    # appears among the predictors"
    X = DATA[["x1", "x2"]]
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match="column 'label' is not"):
        MNLogitClassifier(formula="x1 + label").fit(X, DATA["y3"].rename("label"))
