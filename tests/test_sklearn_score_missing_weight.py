"""A missing weight of a nullable column given to the classifier's ``score``, quoted as
pandas shows it.

``fit`` quoted the <NA> of an ``Int64``, ``Float64`` or pyarrow-backed sample_weight as
<NA>; ``score`` quoted the NaN it read it as ("got nan in row 3"), the value a weight of
NaN shows, for the same column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mnlogit.exceptions import DataError, InputTypeError
from mnlogit.sklearn import MNLogitClassifier

_DTYPES = ["Int64", "Float64", "UInt8", pd.ArrowDtype(pa.float64()), pd.ArrowDtype(pa.int32())]


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(635)
    X = pd.DataFrame({"x": rng.normal(size=80)})
    y = np.where(X["x"] + rng.normal(size=80) > 0, "a", "b")
    return MNLogitClassifier().fit(X, y), X, y


@settings(max_examples=15, deadline=None)
@given(dtype=st.sampled_from(_DTYPES), row=st.integers(0, 79))
def test_score_quotes_a_missing_weight_as_missing(fitted, dtype, row):
    clf, X, y = fitted
    weights = pd.Series(np.ones(80), dtype=dtype)
    weights.iloc[row] = pd.NA
    with pytest.raises(DataError, match=rf"got <NA> in row {row}$"):
        clf.score(X, y, sample_weight=weights)


# scikit-learn's score refuses a single weight (accuracy_score: "The 'sample_weight'
# parameter of accuracy_score must be an array-like or None"); the classifier's score took
# it as that weight on every row and gave an accuracy
@pytest.mark.parametrize(
    "weight, shown",
    [(3.0, "3.0"), (3, "3"), (np.float64(2.5), "2.5"), (np.array(3.0), "3.0"), (0, "0")],
    ids=["float", "int", "numpy float", "0-d array", "zero"],
)
def test_a_single_weight_at_score_is_refused_as_scikit_learn_refuses_it(fitted, weight, shown):
    from sklearn.linear_model import LogisticRegression

    clf, X, y = fitted
    with pytest.raises(InputTypeError) as err:
        clf.score(X, y, sample_weight=weight)
    assert str(err.value) == (
        "sample_weight: expected an array-like of one weight per row of X (80), as "
        f"scikit-learn's score takes them; got the single value {shown} (one positive weight "
        "on every row leaves the accuracy as it is: leave sample_weight out)"
    )
    with pytest.raises((TypeError, ValueError)):
        LogisticRegression().fit(X, y).score(X, y, sample_weight=weight)
    # fit takes a single weight, as scikit-learn's fit does: every row weighs it
    assert MNLogitClassifier().fit(X, y, sample_weight=2).results_.nobs == 160
