"""The classifier's advice for X a Pipeline step made unusable names that step's option:
sparse output of KBinsDiscretizer was answered with OneHotEncoder(sparse_output=False), and
a spline basis beside the intercept with OneHotEncoder(drop='first'), neither of which is in
such a Pipeline."""

import numpy as np
import pandas as pd
import pytest
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
