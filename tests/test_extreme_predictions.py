"""Predictions at finite values whose linear predictors pass the largest float (x = 1e308):
probabilities are the exact limit (finite, summing to one), never inf - inf = NaN, and the
predicted class is the most probable one."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.sklearn import MNLogitClassifier


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    n = 300
    X = rng.standard_normal((n, 2))
    eta = np.column_stack([np.zeros(n), 2.0 * X[:, 0] - X[:, 1], -X[:, 0] + 0.5 * X[:, 1]])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return X, y


@pytest.fixture(scope="module")
def fits(data):
    X, y = data
    frame = pd.DataFrame(X, columns=["u", "v"]).assign(y=y)
    return (
        MNLogitClassifier().fit(X, y),
        MNLogitClassifier(formula="u + v").fit(frame[["u", "v"]], y),
        mnlogit.fit("y ~ u + v", frame),
    )


finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(u=finite, v=finite)
def test_any_finite_row_has_probabilities_that_sum_to_one(fits, u, v):
    array_clf, formula_clf, res = fits
    row = np.array([[u, v]])
    frame = pd.DataFrame(row, columns=["u", "v"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy overflow or invalid-value warnings
        for clf, X in ((array_clf, row), (formula_clf, frame)):
            P = clf.predict_proba(X)
            assert np.isfinite(P).all() and abs(P.sum() - 1.0) < 1e-12
            logp = clf.predict_log_proba(X)
            assert not np.isnan(logp).any() and logp.max() == pytest.approx(np.log(P.max()))
            assert clf.predict(X)[0] == clf.classes_[np.argmax(P)]
        P = res.predict(frame).to_numpy()
        assert np.isfinite(P).all() and abs(P.sum() - 1.0) < 1e-12
        assert res.predict(frame, kind="class").iloc[0] == res.outcomes[np.argmax(P)]


@pytest.mark.parametrize("x", [[1e308, 0.0], [0.0, -1e308], [1e308, 1e308], [-1e308, 5e307]])
def test_beyond_the_float_range_the_limit_is_the_direction_s_most_probable_class(fits, x):
    array_clf, formula_clf, res = fits
    direction = np.asarray(x) / 1e300  # the same direction, predictors well inside the range
    winner = array_clf.classes_[np.argmax(array_clf.decision_function([direction])[0])]
    limit = (array_clf.classes_ == winner).astype(float)
    np.testing.assert_array_equal(array_clf.predict_proba([x])[0], limit)
    np.testing.assert_array_equal(
        formula_clf.predict_proba(pd.DataFrame([x], columns=["u", "v"]))[0], limit
    )
    np.testing.assert_array_equal(res.predict(pd.DataFrame([x], columns=["u", "v"])).iloc[0], limit)
    assert array_clf.predict([x])[0] == winner


def _exact(x: list[float], B: np.ndarray) -> np.ndarray:
    """x'B (x with a leading 1) in exact rational arithmetic, rounded to floats (inf past the
    largest)."""

    def rounded(v: Fraction) -> float:
        try:
            return float(v)
        except OverflowError:
            return np.inf if v > 0 else -np.inf

    row = [Fraction(1), *map(Fraction, x)]
    sums = [sum(a * Fraction(b) for a, b in zip(row, col, strict=True)) for col in B.T]
    return np.array([rounded(v) for v in sums])


@pytest.mark.parametrize(
    "x", [[1e308, -1e308], [1e308, -0.5e308], [-1e308, 1e308], [1e308, 1e308], [3e300, -7e300]]
)
def test_linear_predictors_past_the_float_range_are_exact_or_inf_of_their_sign(fits, data, x):
    # X @ B sums the products in turn: a row whose products pass the largest float on the way
    # gave NaN (inf - inf), or inf where the sum is finite, even of the wrong sign (3.27e308 -
    # 3.47e308 was +inf), with NumPy's overflow warnings: decision_function, predict(kind="link")
    array_clf, formula_clf, res = fits
    X, y = data
    frame = pd.DataFrame([x], columns=["u", "v"])
    B = res.params.to_numpy()
    exact = _exact(x, B)
    # decision_function's: the coefficients of the three classes less their mean
    full = np.column_stack([np.zeros(len(B)), B])
    centred = _exact(x, full - (full / 3).sum(axis=1, keepdims=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # scikit-learn's own finite check
        for clf, row in ((array_clf, [x]), (formula_clf, frame)):
            np.testing.assert_allclose(clf.decision_function(row)[0], centred, rtol=1e-13)
    np.testing.assert_allclose(res.predict(frame, kind="link").iloc[0], exact, rtol=1e-13)
    binary = MNLogitClassifier().fit(X, y == "b")  # scikit-learn's single column
    b = binary.results_.params.to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        np.testing.assert_allclose(binary.decision_function([x]), _exact(x, b), rtol=1e-13)


@pytest.mark.parametrize(
    "x",
    [
        [-7.661821169491683e307, -1.7856517837109282e308],
        [-7.600035792220463e307, -1.7273713467717616e308],
        [-7.458680767510902e307, -1.7644568919026327e308],
    ],
)
def test_predictors_past_the_float_range_of_the_wrong_sign_do_not_pick_another_class(fits, x):
    # X @ B with a fused multiply-add made b's predictor -inf where it is +8.4e306, the
    # largest: predict() and margins() gave a probability 1 (and the class) to 'a', while
    # kind="link", prediction_intervals() and the classifier gave it to 'b'
    array_clf, _, res = fits
    exact = _exact(x, res.params.to_numpy())
    assert np.isfinite(exact).all() and exact.max() > 0  # b's log-odds, the largest
    limit = (np.arange(3) == 1 + np.argmax(exact)).astype(float)
    frame = pd.DataFrame([x], columns=["u", "v"])
    np.testing.assert_array_equal(res.predict(frame).iloc[0], limit)
    assert res.predict(frame, kind="class").iloc[0] == "b"
    np.testing.assert_array_equal(res.prediction_intervals(frame)["prob"], limit)
    np.testing.assert_array_equal(array_clf.predict_proba([x])[0], limit)
    for average in ("grid", "rows"):
        margins = res.margins(at={"u": [x[0]], "v": [x[1]]}, average=average).to_frame()
        np.testing.assert_array_equal(margins["estimate"], limit)


def test_prediction_intervals_of_a_column_in_tiny_units_far_from_the_data_are_the_limit(data):
    # the fit runs on u in units of about 2**-497: u / 2**-497 of u = -3e185 passed the
    # largest float, and prediction_intervals() gave NaN for every number of the row (with
    # numpy's "overflow encountered in divide"), where predict() gave the limit
    Z, y = data
    res = mnlogit.fit("y ~ u + v", pd.DataFrame({"u": Z[:, 0] * 1e-150, "v": Z[:, 1], "y": y}))
    far = pd.DataFrame({"u": [-3.16e185, 1e160, 2.0e-150], "v": [-1.87e152, 0.5, 1.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = res.prediction_intervals(far)
        expected = res.predict(far)
    assert not table.isna().any().any()
    np.testing.assert_allclose(table["prob"], expected.to_numpy().ravel(), rtol=1e-15)
    first = table.loc[0]  # every probability 0 or 1: the limit, without spread
    assert (first["std_error"] == 0).all() and (first["lower"] == first["prob"]).all()
    # the row near the data as the fit in plain units gives it
    plain = mnlogit.fit("y ~ u + v", pd.DataFrame({"u": Z[:, 0], "v": Z[:, 1], "y": y}))
    near = plain.prediction_intervals(pd.DataFrame({"u": [2.0], "v": [1.0]}))
    np.testing.assert_allclose(table.loc[2].to_numpy(), near.loc[0].to_numpy(), rtol=1e-7)


@pytest.mark.parametrize("formula", [None, "x + g"])
def test_the_predicted_class_is_the_most_probable_one_where_two_classes_tie(formula):
    # a design symmetric in b and c (every row also there with the two swapped): their
    # coefficients are equal up to rounding, and predict() took the largest linear
    # predictor, summed another way than the probabilities, so that it named c where
    # predict_proba gave b the largest probability (the first of equal ones), in 230 of
    # 2000 new rows, against scikit-learn's check that predict is predict_proba's argmax;
    # results_.predict(kind="class"), from probabilities computed otherwise, in 207
    rng = np.random.default_rng(0)
    n = 200
    d = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(["u", "v"], n)})
    y = rng.choice(["a", "b", "c"], n)
    d = pd.concat([d, d], ignore_index=True)
    y = np.concatenate([y, pd.Series(y).map({"a": "a", "b": "c", "c": "b"}).to_numpy()])
    new = pd.DataFrame({"x": 3 * rng.normal(size=2000), "g": rng.choice(["u", "v"], 2000)})
    if formula is None:
        d, new = (pd.get_dummies(f, drop_first=True, dtype=float) for f in (d, new))
    clf = MNLogitClassifier(formula=formula).fit(d, y)
    P = clf.predict_proba(new)
    assert (P[:, 1] == P[:, 2]).sum() > 500  # the ties this is about
    np.testing.assert_array_equal(clf.predict(new), clf.classes_[np.argmax(P, axis=1)])
    # and what results_ predicts, to the last digit: the classes differed in 207 rows
    np.testing.assert_array_equal(P, clf.results_.predict(new).to_numpy())
    np.testing.assert_array_equal(clf.predict(new), clf.results_.predict(new, kind="class"))
