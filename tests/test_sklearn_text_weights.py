"""sample_weight holding text that is no number ('two', the '' of an empty cell) is refused
by the classifier, at fit and in ``score``, naming sample_weight, the value and its position:
numpy's "could not convert string to float" said neither (and ``score`` of a Series raised it
as a bare ValueError). Text of numbers is read as scikit-learn reads it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from mnlogit.exceptions import InputTypeError
from mnlogit.sklearn import MNLogitClassifier


def _data() -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    rng = np.random.default_rng(3)
    n = 90
    X = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(list("abc"), n)})
    y = pd.Series(rng.choice(list("ABC"), n))
    return X, y, pd.Series(rng.integers(1, 4, n))


BAD = {
    "word in a Series": lambda w: w.astype(str).where(w.index != 3, "two"),
    "empty cell in a string column": lambda w: w.astype("string").where(w.index != 3, ""),
    "word in an array": lambda w: np.where(w.index != 3, w.astype(str), "x"),
    "bytes in a list": lambda w: [str(v).encode() if i != 3 else b"x" for i, v in enumerate(w)],
}


@pytest.mark.parametrize("kind", list(BAD))
def test_text_that_is_no_number_is_refused_with_its_position(kind):
    X, y, w = _data()
    bad = BAD[kind](w)
    with pytest.raises(InputTypeError, match=r"sample_weight: expected numbers; .* position 3"):
        MNLogitClassifier(formula="x + g").fit(X, y, sample_weight=bad)
    clf = MNLogitClassifier(formula="x + g").fit(X, y)
    with pytest.raises(InputTypeError, match=r"sample_weight: expected numbers; .* position 3"):
        clf.score(X, y, sample_weight=bad)


def test_text_of_numbers_is_read_as_the_numbers():
    X, y, w = _data()
    as_text = MNLogitClassifier(formula="x + g").fit(X, y, sample_weight=w.astype(str))
    as_numbers = MNLogitClassifier(formula="x + g").fit(X, y, sample_weight=w)
    np.testing.assert_allclose(
        as_text.results_.params.to_numpy(), as_numbers.results_.params.to_numpy(), rtol=1e-12
    )
    assert as_text.score(X, y, sample_weight=w.astype(str)) == as_numbers.score(
        X, y, sample_weight=w
    )
