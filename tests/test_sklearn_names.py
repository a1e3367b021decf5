"""The names the classifier gives X's columns in ``results_`` and ``coef_names_``: a
DataFrame's integer column labels name their column wherever it stands."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR

pytest.importorskip("sklearn")
from mnlogit.sklearn import MNLogitClassifier

DATA = pd.read_csv(REF_DIR / "sklearn_l2.csv").iloc[:300]
Y = DATA["y3"].to_numpy()
FRAME = pd.DataFrame(DATA[["x1", "x2", "x3"]].to_numpy())  # columns 0, 1, 2


@pytest.mark.parametrize("order", [[2, 1, 0], [1, 2, 0], [0, 1, 2]])
def test_integer_labelled_columns_are_named_by_their_labels(order):
    # X[[2, 1, 0]] named its columns x0, x1, x2 by position: the summary printed the
    # coefficients of the column labelled 0 as x2's, and those of the column labelled 2 as x0's
    clf = MNLogitClassifier().fit(FRAME[order], Y)
    plain = MNLogitClassifier().fit(FRAME, Y)
    assert list(clf.coef_names_) == [f"x{j}" for j in order]
    params = clf.results_.params
    for j in range(3):
        np.testing.assert_allclose(
            params.loc[f"x{j}"], plain.results_.params.loc[f"x{j}"], rtol=1e-10
        )


def test_other_labels_are_named_by_position():
    X = FRAME.set_axis([("a", 1), ("b", 2), ("c", 3)], axis=1)
    assert list(MNLogitClassifier().fit(X, Y).coef_names_) == ["x0", "x1", "x2"]
    labelled = FRAME.set_axis([5, 3, 1], axis=1)
    assert list(MNLogitClassifier().fit(labelled, Y).coef_names_) == ["x5", "x3", "x1"]
    assert list(MNLogitClassifier().fit(FRAME.to_numpy(), Y).coef_names_) == ["x0", "x1", "x2"]
