"""predict(kind="class") holds the outcome's labels in the dtype the columns of the
probabilities give them, not as an object Series of Python scalars: such a Series is no
class vector to scikit-learn's metrics ("a mix of multiclass and unknown targets"), and
``~`` of a Python bool is -1 or -2, not False."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix

import mnlogit

RNG = np.random.default_rng(53)
N = 150
X = RNG.normal(size=N)
CODES = (X + RNG.normal(size=N) > np.array([[-0.5], [0.5]])).sum(axis=0)  # 0, 1, 2


def _fit(y):
    return mnlogit.fit("y ~ x", pd.DataFrame({"y": y, "x": X}))


@pytest.mark.parametrize(
    ("y", "dtype"),
    [
        (CODES, "int64"),
        (CODES.astype(np.int8), "int64"),
        (pd.array(CODES, dtype="Int64"), "int64"),
        (CODES + 1.0, "float64"),
        (CODES > 0, "bool"),
        (pd.array(CODES > 0, dtype="boolean"), "bool"),
    ],
)
def test_classes_of_numbers_and_booleans_have_the_labels_dtype(y, dtype):
    res = _fit(y)
    classes = res.predict(kind="class")
    assert classes.dtype == dtype
    assert classes.dtype == res.predict().columns.dtype
    truth = pd.Series(y).astype(dtype)
    # scikit-learn's metrics read them as classes (they refused an object Series of ints)
    assert accuracy_score(truth, classes) == pytest.approx((classes == truth).mean())
    assert confusion_matrix(truth, classes).sum() == N


def test_negating_predicted_booleans_gives_booleans():
    res = _fit(CODES > 0)
    classes = res.predict(kind="class")
    assert (~classes).tolist() == [not c for c in classes]
    assert (~classes).sum() == (classes == False).sum()  # noqa: E712 (elementwise)


@pytest.mark.parametrize(
    ("y", "dtype", "missing"),
    [
        (CODES, "Int64", pd.NA),
        (CODES > 0, "boolean", pd.NA),
        (CODES * 1.5, "float64", None),
        (np.array(["a", "b", "c"])[CODES], None, None),
    ],
)
def test_a_row_without_a_class_is_missing_and_the_others_keep_their_labels(y, dtype, missing):
    res = _fit(y)
    new = pd.DataFrame({"x": [0.0, np.nan, 2.0]})
    with pytest.warns(mnlogit.MNLogitWarning):
        classes = res.predict(new, kind="class")
    if dtype is not None:
        assert classes.dtype == dtype
    assert pd.isna(classes.iloc[1])
    if missing is not None:
        assert classes.iloc[1] is missing
    full = res.predict(new.iloc[[0, 2]], kind="class")
    assert classes.iloc[[0, 2]].tolist() == full.tolist()
    assert set(full) <= set(res.outcomes)


def test_labels_of_other_kinds_come_back_as_the_labels():
    dates = pd.to_datetime(["2020-01-01", "2021-06-01", "2022-01-01"])
    res = _fit(dates[CODES])
    classes = res.predict(kind="class")
    assert classes.dtype == res.predict().columns.dtype
    assert set(classes) <= set(dates)
    order = ["lo", "mid", "hi"]
    ordered = pd.Categorical(np.array(order)[CODES], order, ordered=True)
    classes = _fit(ordered).predict(kind="class")
    assert set(classes) <= {"lo", "mid", "hi"}
    assert (classes == pd.Series(ordered).astype(str)).mean() > 0.5
