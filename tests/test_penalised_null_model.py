"""The null model of an L2-penalised fit is one its penalty leaves free.

Every column of ``y ~ 0 + g`` (dummies for every level, no intercept) is penalised, as is
every column of the classifier's one-hot X with ``fit_intercept=False``, as scikit-learn's
``LogisticRegression(fit_intercept=False)`` penalises them. The intercept-only model was
still taken as the null, though the penalty charges it for its constant: on the data below
(C = 0.01, outcome 85/7.5/7.5 %) the penalised fit's log-likelihood was -227.1 against a
null of -148.0, a McFadden R2 of -0.53, a Cox-Snell R2 of -0.69 and a Nagelkerke R2 of
-1.11, outside the ranges the summary prints them in. The null is now every coefficient
zero (glmnet's null with ``intercept=FALSE``), which the penalty leaves free, so the
log-likelihood is never below it; a penalised fit with an intercept keeps the
intercept-only null, its intercept being unpenalised.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit


def data(seed: int = 0, n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = np.where(rng.random(n) < 0.85, "a", np.where(rng.random(n) < 0.5, "b", "c"))
    return pd.DataFrame({"y": y, "g": rng.choice(list("pq"), n), "x": rng.normal(size=n)})


def assert_nested(res) -> None:
    assert res.llf >= res.llnull
    r2 = res.pseudo_r2
    assert ((r2 >= 0) & (r2 <= 1)).all(), r2


def test_every_column_penalised_compares_with_the_zero_null():
    df = data()
    res = mnlogit.fit("y ~ 0 + g", df, penalty="l2", C=0.01)
    assert res.null_model == "zero"
    np.testing.assert_allclose(res.llnull, len(df) * np.log(1 / 3), rtol=1e-14)
    assert res.df_model == res.n_params == 4
    assert_nested(res)  # before: McFadden -0.53, Cox-Snell -0.69, Nagelkerke -1.11
    text = str(res.summary())
    assert "Null model: every coefficient zero" in text
    assert "L2 penalty is on every column" in " ".join(text.split())
    assert res.with_ref("c").llnull == res.llnull


def test_the_classifier_without_its_intercept_compares_with_the_zero_null():
    pytest.importorskip("sklearn")
    from mnlogit.sklearn import MNLogitClassifier

    df = data()
    onehot = pd.get_dummies(df["g"], dtype=float)  # columns p and q: they sum to one
    clf = MNLogitClassifier(penalty="l2", C=0.01, fit_intercept=False).fit(onehot, df["y"])
    assert clf.results_.null_model == "zero"
    assert_nested(clf.results_)


def test_an_unpenalised_intercept_keeps_the_intercept_only_null():
    df = data()
    for formula in ["y ~ g", "y ~ x"]:
        res = mnlogit.fit(formula, df, penalty="l2", C=0.01)
        assert res.null_model == "intercept-only"
        assert res.df_model == 2
        assert_nested(res)
    # without a penalty, dummies for every level span the constant, as before
    assert mnlogit.fit("y ~ 0 + g", df).null_model == "intercept-only"


def test_a_comparison_says_why_its_null_is_zero():
    df = data()
    ridge = mnlogit.fit("y ~ 0 + g", df, penalty="l2", C=0.01)
    ml = mnlogit.fit("y ~ g", df)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        text = " ".join(str(mnlogit.compare([ml, ridge], names=["ml", "ridge"])).split())
    assert "ridge: McFadden R2 against the null model of every coefficient zero" in text
    assert "L2 penalty is on every column" in text
    assert "the others' against the intercept-only model" in text


@settings(derandomize=True, max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    C=st.floats(1e-3, 10.0),
    formula=st.sampled_from(["y ~ 0 + g", "y ~ 0 + g + x", "y ~ 0 + g:x + g", "y ~ g + x"]),
)
def test_a_penalised_fit_is_never_worse_than_its_null(seed, C, formula):
    res = mnlogit.fit(formula, data(seed, n=120), penalty="l2", C=C)
    assert res.converged
    assert res.llf >= res.llnull - 1e-10 * abs(res.llnull)
    assert (res.pseudo_r2 >= -1e-10).all()
