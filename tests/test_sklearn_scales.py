"""The classifier on numbers in extreme units: a penalised fit whose column is so small that
its penalty weight on the equilibrated scale passes the largest float, and sample weights
of which one is 1e10 times the others. The optimum is checked by its first-order conditions
(LogisticRegression's L-BFGS stops where such a column's gradient, about 1e-140, is below
its tolerance, so it is no reference there)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import CollinearityWarning, RankError

pytest.importorskip("sklearn")
from sklearn.linear_model import LogisticRegression

from mnlogit.sklearn import MNLogitClassifier

DATA = pd.read_csv(REF_DIR / "sklearn_l2.csv").iloc[:300]
X = DATA[["x1", "x2"]].to_numpy()
Y = DATA["y3"].to_numpy()
TIGHT = {"solver": "newton-cholesky", "tol": 1e-14, "max_iter": 1000}
TOL = 1e-6  # probabilities and coefficients against LogisticRegression's, as elsewhere


def _stationarity(clf: MNLogitClassifier, Z: np.ndarray, y: np.ndarray, C: float) -> np.ndarray:
    """W / (C Z'(Y - P)), column by column: 1 where scikit-learn's objective
    C sum(-log P) + ||W||^2 / 2 is stationary (W its centred coefficients)."""
    P = clf.predict_proba(Z)
    onehot = (y[:, None] == clf.classes_).astype(float)
    W = clf.coef_ - clf.coef_.mean(axis=0)
    return W.T / (C * Z.T @ (onehot - P))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    exponent=st.integers(min_value=-300, max_value=-140),
    logC=st.floats(min_value=-8, max_value=8),
)
def test_a_penalised_column_in_tiny_units_keeps_the_fit(exponent, logC):
    # a column in units of 1e-160 weighed 1e320 = inf in the penalty: 0 * inf = NaN in its
    # sums, every coefficient of the fit, x1's too, came out 0 with a "diverged" warning
    s, C = 10.0**exponent, 10.0**logC
    Z = np.column_stack([X[:, 0], X[:, 1] * s])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clf = MNLogitClassifier(penalty="l2", C=C).fit(Z, Y)
    assert clf.results_.converged
    # the tiny column moves no probability: x1's coefficients are those of x1 alone
    alone = MNLogitClassifier(penalty="l2", C=C).fit(X[:, :1], Y)
    np.testing.assert_allclose(clf.coef_[:, 0], alone.coef_[:, 0], rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(clf.predict_proba(Z), alone.predict_proba(X[:, :1]), atol=1e-12)
    # and the tiny column's are where scikit-learn's objective is stationary
    np.testing.assert_allclose(_stationarity(clf, Z, Y, C)[1], 1.0, rtol=1e-8)


@pytest.mark.parametrize("s", [1e-160, 1e-300])
def test_a_tiny_column_gives_logistic_regressions_probabilities(s):
    Z = np.column_stack([X[:, 0], X[:, 1] * s])
    clf = MNLogitClassifier(penalty="l2", C=0.5).fit(Z, Y)
    lr = LogisticRegression(C=0.5, **TIGHT).fit(Z, Y)
    np.testing.assert_allclose(clf.predict_proba(Z), lr.predict_proba(Z), atol=TOL)
    W = clf.coef_ - clf.coef_.mean(axis=0)
    np.testing.assert_allclose(W[:, 0], lr.coef_[:, 0], atol=TOL)


def test_a_tiny_column_in_a_penalised_formula_fit():
    # the same path as mnlogit.fit(..., penalty="l2")
    df = DATA.assign(tiny=DATA["x2"] * 1e-200)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y3 ~ x1 + tiny", df, penalty="l2", C=0.5)
    alone = mnlogit.fit("y3 ~ x1", df, penalty="l2", C=0.5)
    np.testing.assert_allclose(res.params.loc["x1"], alone.params.loc["x1"], rtol=1e-8)
    assert np.all(res.params.loc["tiny"].abs() > 0)


@pytest.mark.parametrize("weight_type", ["frequency", "probability"])
@pytest.mark.parametrize(
    ("row", "weight"),
    [(1, 1e10), (2, 1e10), (7, 1e10), (10, 1e10), (280, 1e10), (10, 1e11), (20, 1e11), (0, 1e12)],
)
def test_one_row_weighted_far_above_the_others_is_fitted(row, weight, weight_type):
    # with one weight 1e10 times the others', every probability at the intercept-only start
    # was within 1e-8 of 1, the information singular to rounding, and the fit stopped there
    # ("not converged", every slope 0) where the maximum is finite and well determined (a
    # third of the rows of these data); where it went on (280, or 1e11), the weighted sums'
    # rounding kept the scaled gradient above the test while no step could gain, and the
    # fit ran to max_iter at the maximum, saying to increase max_iter
    w = np.ones(len(Y))
    w[row] = weight
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clf = MNLogitClassifier(weight_type=weight_type).fit(X, Y, sample_weight=w)
    assert clf.results_.converged
    # the weighted score X'W(Y - P) is 0 at the maximum (the log-likelihood is concave)
    P = clf.predict_proba(X)
    onehot = (Y[:, None] == clf.classes_).astype(float)
    design = np.column_stack([np.ones(len(Y)), X])
    score = design.T @ (w[:, None] * (onehot - P))
    assert np.abs(score).max() <= 1e-9 * w.sum()
    assert np.isfinite(clf.results_.bse.to_numpy()).all()


def test_columns_collinear_only_under_the_weights_are_not_blamed():
    # with one weight 1e20 times the others', the weighted sums are those of one row: the
    # fit was refused as "column(s) 'x0', 'x1' are linear combinations of the others ...:
    # drop them from X", columns that are not collinear in the data
    w = np.ones(len(Y))
    w[3] = 1e20
    with pytest.raises(
        RankError, match=r"not so in the data: the largest weight is 1\.0e\+20"
    ) as err:
        MNLogitClassifier().fit(X, Y, sample_weight=w)
    assert err.value.weights_only  # and the classifier's one-hot advice is not added to it
    assert "OneHotEncoder" not in str(err.value)
    w[3] = 1e16  # estimable, but nearly collinear in the weighted sums: the warning says why
    with pytest.warns(CollinearityWarning, match=r"They are not so in the data") as record:
        MNLogitClassifier().fit(X, Y, sample_weight=w)
    assert not any("Centre or drop" in str(r.message) for r in record)


def test_columns_collinear_in_the_data_are_still_blamed_whatever_the_weights():
    w = np.ones(len(Y))
    w[3] = 1e20
    Z = np.column_stack([X, X[:, 0] - 2.0 * X[:, 1]])
    with pytest.raises(RankError, match=r"'x2' are linear combinations") as info:
        MNLogitClassifier().fit(Z, Y, sample_weight=w)
    assert "largest weight" not in str(info.value) and not info.value.weights_only


@pytest.mark.parametrize("offset", [1e8, -3e9])
def test_columns_around_a_large_offset_are_told_to_be_centred(offset):
    # x + 1e8 varies by less than the rank check's tolerance of its size: refused beside the
    # intercept, as R aliases it, with advice to drop the columns, which carry the data
    with pytest.raises(RankError, match=r"'x0' \(values .*'x1' \(values .*centred.*StandardScaler"):
        MNLogitClassifier().fit(X + offset, Y)
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    centred = make_pipeline(StandardScaler(), MNLogitClassifier()).fit(X + offset, Y)
    np.testing.assert_allclose(
        centred.predict_proba(X + offset),
        MNLogitClassifier().fit(X, Y).predict_proba(X),
        atol=1e-6,
    )
    with pytest.raises(RankError) as refused:  # a constant column gets no such advice
        MNLogitClassifier().fit(np.column_stack([X, np.full(len(X), 3.0)]), Y)
    assert "StandardScaler" not in str(refused.value)


def test_huge_columns_are_not_taken_for_offsets():
    # their mean square overflowed to inf, and every spread was "less than 1e-07" of it
    huge = X * 1e200
    with pytest.raises(RankError) as refused:
        MNLogitClassifier().fit(np.column_stack([huge, huge[:, 0]]), Y)
    assert "centred" not in str(refused.value)


def test_a_feature_of_large_offset_is_refused_asking_to_centre_it_not_to_one_hot_encode():
    # the refusal of x + 1e9 beside the intercept went on about one-hot encodings
    Z = X + np.array([0.0, 1e9])
    with pytest.raises(RankError, match=r"'x1' \(values .*estimable once centred") as err:
        MNLogitClassifier().fit(pd.DataFrame(Z, columns=["x0", "x1"]), Y)
    assert "OneHotEncoder" not in str(err.value)


@pytest.mark.parametrize("shift", [3e5, 1e6])
def test_a_penalised_fit_of_nearly_collinear_columns_claims_no_standard_errors(shift):
    # an L2 fit has none, yet a column far from zero beside its spread was warned of as
    # giving "standard errors and tests accurate to only about 5 significant digits"
    # (exactly collinear columns, which the penalty identifies too, were fitted silently)
    Z = np.column_stack([X[:, 0], shift + X[:, 1]])
    with warnings.catch_warnings():
        warnings.simplefilter("error", CollinearityWarning)
        clf = MNLogitClassifier(penalty="l2", C=0.5).fit(Z, Y)
        frame = pd.DataFrame(Z, columns=["a", "b"]).assign(y=Y)
        res = mnlogit.fit("y ~ a + b", frame, penalty="l2")
    assert res.converged
    # the fit is scikit-learn's (whose own solvers stop short at these scales): stationary,
    # with Z'(Y - P) taken on centred columns, as the intercept's sum(Y - P) = 0 allows
    onehot = (Y[:, None] == clf.classes_).astype(float)
    W = clf.coef_ - clf.coef_.mean(axis=0)
    gradient = (Z - Z.mean(axis=0)).T @ (onehot - clf.predict_proba(Z))
    np.testing.assert_allclose(W.T / (0.5 * gradient), 1.0, rtol=1e-6)
    with pytest.warns(CollinearityWarning, match="standard errors keep"):  # unpenalised: has them
        MNLogitClassifier().fit(Z, Y)
