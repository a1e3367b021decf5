"""A design whose every column is 0 on every row (no intercept): the rank check had nothing
to factor and failed with numpy's "zero-size array to reduction operation minimum which has
no identity"; a DataFrame without columns given to the classifier."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, RankError

Y = np.array(["a", "b", "a", "b", "a", "a"])


@pytest.mark.parametrize("columns", [1, 2])
def test_a_design_of_zero_columns_only_is_refused_naming_them(columns):
    names = ", ".join(repr(f"x{j}") for j in range(columns))
    with pytest.raises(RankError, match=rf"column\(s\) {names} are 0 on every row"):
        mnlogit.MNLogit(Y, np.zeros((6, columns)))
    frame = pd.DataFrame({"y": Y, "z": np.zeros(6)})
    with pytest.raises(RankError, match=r"column\(s\) 'z' are 0 on every row"):
        mnlogit.fit("y ~ 0 + z", frame)


def test_a_dask_design_of_zero_columns_only_is_refused_naming_them():
    dd = pytest.importorskip("dask.dataframe")
    frame = dd.from_pandas(pd.DataFrame({"y": np.tile(Y, 5), "z": np.zeros(30)}), npartitions=2)
    with pytest.raises(RankError, match=r"column\(s\) 'z' are 0 on every row"):
        mnlogit.fit("y ~ 0 + z", frame)


def test_a_penalised_fit_of_zero_columns_gives_the_uniform_probabilities():
    frame = pd.DataFrame({"y": Y, "z": np.zeros(6)})
    res = mnlogit.fit("y ~ 0 + z", frame, penalty="l2")
    np.testing.assert_array_equal(res.params.to_numpy(), [[0.0]])
    pytest.importorskip("sklearn")
    from sklearn.linear_model import LogisticRegression

    from mnlogit.sklearn import MNLogitClassifier

    X = np.zeros((6, 2))
    clf = MNLogitClassifier(penalty="l2", fit_intercept=False).fit(X, Y)
    sk = LogisticRegression(fit_intercept=False).fit(X, Y)
    np.testing.assert_allclose(clf.predict_proba([[1.0, 2.0]]), [[0.5, 0.5]], atol=1e-15)
    np.testing.assert_allclose(clf.predict_proba(X), sk.predict_proba(X), atol=1e-15)


@pytest.mark.filterwarnings("ignore::mnlogit.RareLevelWarning")  # 2 rows of b
def test_a_dataframe_without_columns_is_refused_as_an_array_without_features():
    # numpy's "at least one array or dtype is required", which named neither X nor its shape
    pytest.importorskip("sklearn")
    from mnlogit.sklearn import MNLogitClassifier

    empty = pd.DataFrame(index=range(6))
    with pytest.raises(DataError, match=r"Found array with 0 feature\(s\) \(shape=\(6, 0\)\)"):
        MNLogitClassifier().fit(empty, Y)
    fitted = MNLogitClassifier().fit(np.arange(6.0)[:, None], Y)
    with pytest.raises(DataError, match=r"0 feature\(s\) \(shape=\(6, 0\)\).*without columns"):
        fitted.predict(empty)
