"""How the classifier without a formula reads a DataFrame's columns: the names it gives them
in ``results_`` and ``coef_names_`` (integer column labels name their column wherever it
stands), and a Categorical, which it cannot read as numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR

from mnlogit.exceptions import InputTypeError

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


@pytest.mark.parametrize(
    ("labels", "names"),
    [
        ([2.0, 0.0, 1.0], ["x2", "x0", "x1"]),  # as a pivot on a float column labels them
        ([2.5, 0.5, 1.5], ["x2.5", "x0.5", "x1.5"]),
        ([10**30, 1, 2], [f"x{10**30}", "x1", "x2"]),
        ([np.nan, 1.0, 2.0], ["x0", "x1", "x2"]),  # no number: by position
    ],
)
def test_number_labels_name_their_columns(labels, names):
    assert list(MNLogitClassifier().fit(FRAME.set_axis(labels, axis=1), Y).coef_names_) == names
    assert list(MNLogitClassifier().fit(FRAME.to_numpy(), Y).coef_names_) == ["x0", "x1", "x2"]


ZIPS = np.array(["02134", "10001", "94103"])[np.arange(len(Y)) % 3]


@pytest.mark.parametrize("kind", ["category", "dictionary"])
def test_a_categorical_of_text_of_numbers_without_a_formula_is_refused(kind):
    # numpy read the categories '02134', '10001', '94103' as numbers: the zip codes were
    # fitted as one slope (0.000005 per unit of zip code), where a Categorical is a factor
    column = pd.Series(pd.Categorical(ZIPS))
    if kind == "dictionary":
        pa = pytest.importorskip("pyarrow")
        column = column.astype(pd.ArrowDtype(pa.dictionary(pa.int8(), pa.string())))
    X = FRAME.set_axis(["u", "v", "w"], axis=1).assign(zip=column)
    with pytest.raises(
        InputTypeError,
        match=r"column 'zip' is a Categorical \(categories '02134', '10001', '94103'\).*C\(zip\)",
    ):
        MNLogitClassifier().fit(X, Y)
    fitted = MNLogitClassifier().fit(X.assign(zip=X["zip"].astype(float)), Y)
    with pytest.raises(InputTypeError, match="column 'zip' is a Categorical"):
        fitted.predict(X)
    by_formula = MNLogitClassifier(formula="u + v + w + C(zip)").fit(X, Y)
    assert "C(zip)[T.10001]" in by_formula.coef_names_


def test_a_categorical_of_words_is_still_refused_as_text():
    X = FRAME.set_axis(["u", "v", "w"], axis=1).assign(
        g=pd.Categorical(np.where(ZIPS > "1", "a", "b"))
    )
    with pytest.raises(InputTypeError, match="column 'g' holds text"):
        MNLogitClassifier().fit(X, Y)


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("given", ["frame", "array", "objects", "past 64 bits"])
def test_integers_that_float64_rounds_past_their_spread_are_refused_at_fit(fit_intercept, given):
    # identifiers near 2**62 spanning 1e9 were read as float64, rounded to a step of 1024,
    # and fitted without a word when there was no intercept (mnlogit.MNLogit refuses them)
    k = np.arange(len(Y)) % 1000
    big = (2**62 + k * 10**6).astype(np.int64)
    X = pd.DataFrame({"id": big, "u": FRAME[0]})
    if given == "array":
        X = np.column_stack([big, k])
    elif given == "objects":  # Python ints, as a column that once held None keeps them
        X = X.assign(id=pd.Series([int(v) for v in big], dtype=object))
    elif given == "past 64 bits":
        X = X.assign(id=pd.Series([2**70 + int(v) for v in k * 10**6], dtype=object))
    name = "x0" if given == "array" else "id"
    with pytest.raises(InputTypeError, match=rf"column '{name}' holds integers as large as"):
        MNLogitClassifier(fit_intercept=fit_intercept).fit(X, Y)
    shifted = pd.DataFrame({"id": big - big.min(), "u": FRAME[0]})  # the advice: exact
    assert MNLogitClassifier(fit_intercept=fit_intercept).fit(shifted, Y).results_.converged
    fitted = MNLogitClassifier().fit(shifted, Y)  # new rows: predicted from their float64
    assert np.isfinite(fitted.predict_proba(pd.DataFrame({"id": big[:3], "u": FRAME[0][:3]}))).all()
