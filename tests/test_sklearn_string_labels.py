"""The classifier's labels given as numpy 2's variable-width text (``StringDType``).

``np.array(labels, dtype=np.dtypes.StringDType())`` is what numpy 2 makes of text without a
fixed width (and what ``pd.Series(...).to_numpy(dtype=StringDType())`` gives); scikit-learn's
check of y raised numpy's "dtype argument must be a NumPy dtype, but it is a <class
'numpy.dtypes.StringDType'>", which the classifier passed on as its refusal, while
``MNLogit`` took the same array. Its text is read as the same labels in Python's strings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mnlogit.exceptions import DataError
from mnlogit.sklearn import MNLogitClassifier

StringDType = getattr(getattr(np, "dtypes", None), "StringDType", None)
pytestmark = pytest.mark.skipif(StringDType is None, reason="numpy before 2.0")


def _data() -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(633)
    n = 150
    X = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    eta = np.c_[np.zeros(n), X["x"], -0.5 * X["z"]]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    labels = np.array(["bus", "car", "tråin ✓"], dtype=object)
    return X, labels[[rng.choice(3, p=row) for row in p]]


@settings(max_examples=10, deadline=None)
@given(formula=st.sampled_from([None, "x + z"]), weighted=st.booleans())
def test_numpy_variable_width_text_labels_fit_as_the_same_labels(formula, weighted):
    X, y = _data()
    weights = np.arange(len(y)) % 3 + 1.0 if weighted else None
    want = MNLogitClassifier(formula=formula).fit(X, y, sample_weight=weights)
    text = np.array(y.tolist(), dtype=StringDType())
    got = MNLogitClassifier(formula=formula).fit(X, text, sample_weight=weights)
    assert got.classes_.tolist() == want.classes_.tolist()
    np.testing.assert_allclose(got.coef_, want.coef_, rtol=1e-10)
    np.testing.assert_allclose(got.predict_proba(X), want.predict_proba(X), rtol=1e-12)
    assert got.score(X, text) == want.score(X, y)


def test_a_missing_label_of_numpy_text_is_refused_as_missing():
    X, y = _data()
    text = np.array([*y.tolist()[:-1], None], dtype=StringDType(na_object=None))
    with pytest.raises(DataError, match="missing label"):
        MNLogitClassifier().fit(X, text)
