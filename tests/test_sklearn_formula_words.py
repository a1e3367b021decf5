"""The classifier's refusals of its formula quote the ``formula=`` the user gave and advise
what ``formula=`` takes, not the model formula (``mode ~ ...``) it builds from it."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from mnlogit.exceptions import (
    ColumnNotFoundError,
    DataError,
    FormulaError,
    InputTypeError,
    OptionError,
)
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(0)
X = pd.DataFrame(RNG.normal(size=(80, 2)), columns=["x0", "x1"]).assign(
    g=RNG.choice(["a", "b"], 80)
)
Y = pd.Series(np.where(X["x0"] + RNG.normal(size=80) > 0, "yes", "no"), name="mode")


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize(("formula", "advised"), [(".", "x0 + x1 + g"), (". - x1", "x0 + g")])
def test_the_advice_for_every_other_column_is_a_formula_the_classifier_takes(
    formula, advised, fit_intercept
):
    clf = MNLogitClassifier(formula=formula, fit_intercept=fit_intercept)
    with pytest.raises(FormulaError) as info:
        clf.fit(X, Y)
    text = str(info.value)
    # it said "formula 'mode ~ .'" and "e.g. mode ~ x0 + x1 + g", which formula= refuses
    assert text.startswith(f"formula={formula!r}: ")
    assert "mode ~" not in text and "weights or groups" not in text
    found = re.search(r"e\.g\. formula='([^']*)'", text)
    assert found is not None and found.group(1) == advised
    # the advice followed fits
    refit = MNLogitClassifier(formula=found.group(1), fit_intercept=fit_intercept).fit(X, Y)
    assert len(refit.coef_names_) == len(advised.split(" + ")) + (not fit_intercept)


def test_the_advice_for_a_random_effect_names_a_fit_that_takes_clusters():
    with pytest.raises(FormulaError) as info:
        MNLogitClassifier(formula="x0 + (1 | g)").fit(X, Y)
    text = str(info.value)
    assert text.startswith("formula='x0 + (1 | g)': ")
    # it said to fit with cov_type='cluster', which the classifier refuses
    assert "mnlogit.fit(formula, df, cov_type='cluster', groups='g')" in text
    with pytest.raises(OptionError, match="groups="):
        MNLogitClassifier(formula="x0", cov_type="cluster").fit(X, Y)


@pytest.mark.parametrize(
    ("formula", "error"),
    [("factor(g)", FormulaError), ("x0 + ", FormulaError), ("np.log(x0)", DataError)],
)
def test_other_refusals_of_the_formula_quote_the_formula_given(formula, error):
    with pytest.raises(error) as info:
        MNLogitClassifier(formula=formula).fit(X, Y)
    assert str(info.value).startswith(f"formula={formula!r}")
    assert "mode ~" not in str(info.value)


@pytest.mark.parametrize(
    ("column", "given", "advice"),
    [
        ("b", 1, "(X['b'] == 1 if 1 means True)"),
        ("x1", True, "(X['x1'].astype(float) if 1 and 0 are meant)"),
    ],
)
def test_the_advice_for_a_column_of_another_kind_at_prediction_names_x(column, given, advice):
    data = X.assign(b=X["x0"] > 0)
    clf = MNLogitClassifier(formula="x1 + b").fit(data, Y)
    new = data.head(4).assign(**{column: given})
    with pytest.raises(InputTypeError) as info:
        clf.predict_proba(new)
    # it said "(newdata['b'] == 1 ...)": the classifier has no argument of that name
    assert str(info.value).startswith(f"X: column {column!r} was ")
    assert "newdata" not in str(info.value)
    assert advice in str(info.value)
    # the advice followed predicts
    fixed = new.assign(b=new["b"] == 1) if column == "b" else new.assign(x1=new["x1"].astype(float))
    assert clf.predict_proba(fixed).shape == (4, 2)


@pytest.mark.parametrize(
    ("column", "advised"),
    [
        (X["x1"].astype(str), r"X\['x1'\] = pd\.to_numeric\(X\['x1'\], errors='coerce'\)"),
        (X["x1"].map(lambda v: f"{v:.3f}".replace("-", "\u2212")), r"X\['x1'\] = pd\.to_numeric"),
    ],
)
def test_the_advice_for_a_column_of_new_rows_converts_x_not_a_df(column, advised):
    # "convert it first, e.g. df['x1'] = pd.to_numeric(df['x1'], ...)": the rows are X
    clf = MNLogitClassifier(formula="x0 + x1").fit(X, Y)
    with pytest.raises(DataError, match=advised) as info:
        clf.predict(X.assign(x1=column))
    assert "df" not in str(info.value)


def test_a_formula_after_a_column_transformer_is_told_of_its_prefixed_names():
    # "column 'x0' is not in X (columns: num__x0, ...)", and nothing on where the name went
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    def pipe(**kw):
        scaled = [("num", StandardScaler(), ["x0", "x1"])]
        ct = ColumnTransformer(scaled, remainder="passthrough", **kw)
        clf = MNLogitClassifier(formula="x0 + x1 + C(g)")
        return make_pipeline(ct, clf).set_output(transform="pandas")

    with pytest.raises(
        ColumnNotFoundError,
        # not the advice for a Python variable: "add it as a column first (df.assign(g=g))"
        match=r"^column 'g' is not in X \(columns: num__x0, num__x1, remainder__g\); a "
        r"ColumnTransformer names .* \('remainder__g' for 'g'\): write those names in the "
        r"formula, or give ColumnTransformer\(\.\.\., verbose_feature_names_out=False\) to "
        r"keep the columns' own$",
    ):
        pipe().fit(X, Y)
    fitted = pipe(verbose_feature_names_out=False).fit(X, Y)  # the advice followed
    assert list(fitted[-1].coef_names_) == ["x0", "x1", "C(g)[T.b]"]


def test_a_python_variable_in_the_formula_is_told_to_be_added_to_x():
    # "add it as a column first (df.assign(k=k))": the classifier's data are X
    with pytest.raises(ColumnNotFoundError, match=r"\(X\.assign\(k=k\)\)"):
        MNLogitClassifier(formula="x0 + I(x1 * k)").fit(X, Y)


@pytest.mark.parametrize("formula", ["x1 ~ x0 ~ g", "mode ~", "mode ~   "])
def test_a_formula_whose_side_after_the_tilde_is_no_right_hand_side_gets_no_try(formula):
    # it was told to "try 'x0 ~ g'" or "try ''", which formula= refuses again
    with pytest.raises(OptionError, match="the right-hand side only") as info:
        MNLogitClassifier(formula=formula).fit(X, Y)
    assert "try" not in str(info.value)
    assert "give the predictors alone, such as 'x1 + C(g)'" in str(info.value)


@pytest.mark.parametrize(
    ("formula", "advised", "columns"),
    [
        (["x0", "g"], "x0 + g", ["x0", "g[T.b]"]),
        (("x0", "x1"), "x0 + x1", ["x0", "x1"]),
        ("formulaic", "1 + x0 + x1", ["x0", "x1"]),
    ],
)
def test_column_names_or_a_formulaic_formula_are_told_the_text_to_write(formula, advised, columns):
    if formula == "formulaic":
        formulaic = pytest.importorskip("formulaic")
        formula = formulaic.Formula("mode ~ x0 + x1")
    with pytest.raises(OptionError, match="expected the right-hand side") as info:
        MNLogitClassifier(formula=formula).fit(X, Y)
    found = re.search(r"(?:one formula|as text), '([^']*)'$", str(info.value))
    assert found is not None and found.group(1) == advised
    refit = MNLogitClassifier(formula=found.group(1)).fit(X, Y)  # the advice fits
    assert refit.coef_names_.tolist() == columns
