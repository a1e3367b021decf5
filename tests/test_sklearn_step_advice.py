"""The classifier's advice for X a Pipeline step made unusable names that step's option:
sparse output of KBinsDiscretizer was answered with OneHotEncoder(sparse_output=False), and
a spline basis beside the intercept with OneHotEncoder(drop='first'), neither of which is in
such a Pipeline; a column constant on a training fold with OneHotEncoder(drop='first'),
which leaves it in."""

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_selection import VarianceThreshold
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import KBinsDiscretizer, PolynomialFeatures, SplineTransformer

from mnlogit.exceptions import InputTypeError, RankError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(0)
X = RNG.normal(size=(200, 2))
Y = RNG.choice(["a", "b", "c"], 200)


@pytest.mark.parametrize(
    "step",
    [KBinsDiscretizer(n_bins=3), SplineTransformer(sparse_output=True)],
    ids=["kbins", "spline"],
)
def test_sparse_output_advice_names_every_common_steps_dense_option(step):
    with pytest.raises(InputTypeError) as refused:
        make_pipeline(step, MNLogitClassifier()).fit(X, Y)
    said = str(refused.value)
    assert "KBinsDiscretizer(encode='onehot-dense')" in said
    assert "SplineTransformer(sparse_output=False)" in said
    assert "OneHotEncoder(sparse_output=False)" in said
    sparse_frame = pd.DataFrame(X).astype(pd.SparseDtype(float, 0.0))
    with pytest.raises(InputTypeError, match=r"to_dense\(\).*encode='onehot-dense'"):
        MNLogitClassifier().fit(sparse_frame, Y)


@pytest.mark.parametrize(
    ("step", "advice", "not_said"),
    [
        (SplineTransformer(), "SplineTransformer(include_bias=False)", "OneHotEncoder"),
        (
            KBinsDiscretizer(n_bins=3, encode="onehot-dense"),
            "KBinsDiscretizer(encode='ordinal') then OneHotEncoder(drop='first')",
            "SplineTransformer",
        ),
        (PolynomialFeatures(), "PolynomialFeatures(include_bias=False)", "OneHotEncoder"),
    ],
    ids=["spline", "kbins", "poly"],
)
def test_rank_advice_names_the_option_of_the_step_that_made_the_columns(step, advice, not_said):
    with pytest.raises(RankError) as refused:
        make_pipeline(step, MNLogitClassifier()).fit(X, Y)
    said = str(refused.value)
    assert advice in said
    assert not_said not in said
    step.set_params(**({"encode": "onehot"} if "KBins" in advice else {"include_bias": False}))
    if "KBins" not in advice:  # followed, the advice fits
        assert make_pipeline(step, MNLogitClassifier()).fit(X, Y).score(X, Y) > 0


@pytest.mark.parametrize("value", [0.0, 2.5, -3.0])
def test_rank_advice_for_a_constant_column_is_a_step_that_drops_it(value):
    # a rare level's indicator 0 on every row of a training fold was answered with
    # OneHotEncoder(drop='first'), which leaves such a column in: followed, the refusal stays
    constant = np.c_[X, np.full(len(X), value)]
    with pytest.raises(RankError) as refused:
        MNLogitClassifier().fit(constant, Y)
    said = str(refused.value)
    assert "VarianceThreshold()" in said
    assert "drop='first'" not in said
    assert "SplineTransformer" not in said


def test_constant_column_advice_followed_fits_each_fold():
    rare = np.zeros(len(X))
    # one row of each class, all in the first fold: 0 on every row of its training part
    rare[[int(np.flatnonzero(Y == c)[0]) for c in "abc"]] = 1.0
    Xr = np.c_[X, rare]
    with pytest.raises(RankError, match=r"VarianceThreshold\(\)"):
        cross_val_score(MNLogitClassifier(), Xr, Y, cv=KFold(3), error_score="raise")
    scores = cross_val_score(
        make_pipeline(VarianceThreshold(), MNLogitClassifier()),
        Xr,
        Y,
        cv=KFold(3),
        error_score="raise",
    )
    assert np.isfinite(scores).all()


def test_rank_advice_for_a_constant_column_beside_a_full_one_hot_names_both():
    levels = RNG.choice(["p", "q"], len(X))
    full = np.c_[X, levels == "p", levels == "q", np.zeros(len(X))].astype(float)
    with pytest.raises(RankError) as refused:
        MNLogitClassifier().fit(full, Y)
    said = str(refused.value)
    assert "VarianceThreshold()" in said
    assert "OneHotEncoder(drop='first')" in said


@pytest.mark.parametrize("repeated", ["rows", "weights"])
def test_rank_advice_for_fewer_distinct_rows_than_columns_says_so(repeated):
    # 9 rows of uniform numbers in [0, 1] repeated (or given frequency weights) for 13 design
    # columns were called a spline basis, with SplineTransformer(include_bias=False) to use
    rng = np.random.default_rng(42)
    few, y = rng.random((9, 12)), np.tile(["a", "b", "c"], 3)
    with pytest.raises(RankError) as refused:
        if repeated == "rows":
            MNLogitClassifier().fit(np.repeat(few, 3, axis=0), np.repeat(y, 3))
        else:
            MNLogitClassifier().fit(few, y, sample_weight=np.full(9, 3))
    said = str(refused.value)
    assert (
        "X holds 9 distinct rows, fewer than the 13 design columns with the intercept: rows "
        "repeated, or given frequency weights, tell no more columns apart than one row does, "
        "so at most 9 columns are identified), or fit them with penalty='l2'" in said
    )
    assert "Spline" not in said


@pytest.mark.parametrize(
    ("formula", "said"),
    [
        ("x0 + d", r"'d' are 0 on every row: drop them from the formula \(0 on the rows fitted"),
        ("x0 + I(2 * x0)", r"'I\(2 \* x0\)' are linear combinations .* from the formula, or"),
    ],
)
def test_a_formulas_rank_refusal_offers_the_penalty_xs_offers(formula, said):
    # X's refusal offered penalty='l2'; the formula's said only to drop the column, which a
    # cross-validation cannot do for the one training fold where a rare indicator is all 0
    rare = np.zeros(len(X))
    rare[[int(np.flatnonzero(Y == c)[0]) for c in "abc"]] = 1.0
    frame = pd.DataFrame({"x0": X[:, 0], "d": rare})
    with pytest.raises(RankError, match=said) as refused:
        cross_val_score(
            MNLogitClassifier(formula=formula), frame, Y, cv=KFold(3), error_score="raise"
        )
    assert str(refused.value).endswith("or fit them with penalty='l2', as LogisticRegression does")
    scores = cross_val_score(
        MNLogitClassifier(formula=formula, penalty="l2"), frame, Y, cv=KFold(3), error_score="raise"
    )
    assert np.isfinite(scores).all()
