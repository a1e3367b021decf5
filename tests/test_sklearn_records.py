"""An X the classifier without a formula cannot read because it is a dict of columns, one
row as a dict, or records (a list of dicts), as JSON gives them, is refused saying which
DataFrame to make: numpy's words, "float() argument must be a string or a real number, not
'dict'", said neither."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from mnlogit.exceptions import InputTypeError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(11)
FRAME = pd.DataFrame(RNG.standard_normal((90, 2)), columns=["distance", "income"])
Y = np.array(["bus", "car", "walk"])[(FRAME["distance"] > 0).astype(int) + (FRAME["income"] > 0.4)]
CLF = MNLogitClassifier().fit(FRAME, Y)

SHAPES = {
    "columns": (FRAME.to_dict("list"), "a dict of columns", "pd.DataFrame(X)"),
    "one row": (FRAME.iloc[0].to_dict(), "one row as a dict", "pd.DataFrame([X])"),
    "records": (FRAME.head(3).to_dict("records"), "a list of 3 dicts", "one row per dict"),
}


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
def test_mappings_given_for_new_rows_say_which_dataframe_to_make(shape, method):
    X, what, made = SHAPES[shape]
    with pytest.raises(InputTypeError, match="keys 'distance', 'income'") as info:
        getattr(CLF, method)(X)
    assert what in str(info.value) and made in str(info.value)
    assert "float() argument" not in str(info.value)


def test_the_dataframe_advised_gives_the_predictions_of_those_rows():
    X, _, _ = SHAPES["records"]
    np.testing.assert_array_equal(
        CLF.predict_proba(pd.DataFrame(X)), CLF.predict_proba(FRAME.head(3))
    )


def test_a_dict_of_columns_given_to_fit_is_refused_the_same_way():
    with pytest.raises(InputTypeError, match=r"a dict of columns .* pass pd\.DataFrame\(X\)"):
        MNLogitClassifier().fit(FRAME.to_dict("list"), Y)
    with pytest.raises(InputTypeError, match="one row per dict"):
        MNLogitClassifier().fit(FRAME.to_dict("records"), Y)
