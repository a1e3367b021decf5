"""New data giving a column the formula's Python code reads in another kind than the fit
had it: text for an ordered Categorical (``I(region > 'Ontario')`` compared the text
alphabetically where the fit compared the categories' order), a Categorical for text (the
reverse), an unordered Categorical for an ordered one (pandas' bare "Unordered Categoricals
can only compare equality or not"), text for ``I(region.cat.codes)`` (pandas' bare "Can
only use .cat accessor"). Each is read as the fit read it, and agrees with R's predictions
(tests/reference/predict_python_read_categories.R); text outside the fitted categories is
refused, naming it, and so are numbers for fitted text (``I(region == 'BC')`` compared them
as never equal) and a Categorical of text for fitted numbers."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError, LevelError

REFERENCE = Path(__file__).parent / "reference"
EXPECTED = json.loads((REFERENCE / "predict_python_read_categories.json").read_text())
EAST_WEST = pd.CategoricalDtype(EXPECTED["east_west"], ordered=True)
CASES = EXPECTED["cases"]


def _fitted(name):
    case = CASES[name]
    df = pd.read_csv(REFERENCE / "womenlf.csv")
    if case["region"] == "ordered":
        df["region"] = df["region"].astype(EAST_WEST)
    return mnlogit.fit(case["formula"], df, ref="fulltime")


def _new(region):
    return pd.DataFrame({"hincome": EXPECTED["newdata"]["hincome"], "region": region})


def _regions(case):
    text = EXPECTED["newdata"]["region"]
    alphabetical = pd.CategoricalDtype(sorted(EXPECTED["east_west"]), ordered=True)
    kinds = {
        "text": pd.Series(text, dtype=object),
        "string": pd.Series(text, dtype="string"),
        "unordered": pd.Series(pd.Categorical(text)),
        "alphabetical": pd.Series(text, dtype=alphabetical),
        "east_west": pd.Series(text, dtype=EAST_WEST),
    }
    fitted = "east_west" if case["region"] == "ordered" else "text"
    return [k for k in kinds if k != fitted], kinds


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_fit_agrees_with_r(name):
    res = _fitted(name)
    case = CASES[name]
    assert res.llf == pytest.approx(case["loglik"], abs=1e-8)
    coef = np.array(case["coef"]).T  # one row per design column
    np.testing.assert_allclose(res.params.to_numpy(), coef, atol=1e-6)


@pytest.mark.parametrize("name", sorted(CASES))
def test_new_data_of_another_kind_predict_as_r(name):
    res = _fitted(name)
    case = CASES[name]
    others, kinds = _regions(case)
    expected = np.array(case["probs"])
    for kind in others:
        got = res.predict(_new(kinds[kind]))
        assert list(got.columns) == case["levels"]
        np.testing.assert_allclose(got.to_numpy(), expected, atol=1e-6, err_msg=kind)


def test_text_outside_the_fitted_categories_is_refused():
    res = _fitted("ordered_comparison")
    new = _new(["Ontario", "Yukon", "Quebec", "Atlantic", "Prairie"])
    with pytest.raises(LevelError, match=r"'Yukon'.*'Atlantic', 'Quebec', 'Ontario'"):
        res.predict(new)


def test_a_category_outside_the_fitted_ones_is_refused():
    # appended after BC, 'Yukon' was past Ontario: a prediction for a region no row had
    res = _fitted("ordered_comparison")
    more = pd.CategoricalDtype([*EXPECTED["east_west"], "Yukon"], ordered=True)
    region = pd.Series(["Ontario", "Yukon", "Quebec", "Atlantic", "Prairie"], dtype=more)
    with pytest.raises(LevelError, match=r"\{'Yukon'\} that are not among"):
        res.predict(_new(region))


def test_missing_text_predicts_nan_in_its_row():
    res = _fitted("ordered_codes")
    region = pd.Series(["Ontario", None, "Quebec", "Atlantic", "Prairie"], dtype=object)
    with pytest.warns(mnlogit.MNLogitWarning, match="missing"):
        got = res.predict(_new(region).set_axis([10, 11, 12, 13, 14]))
    expected = np.array(CASES["ordered_codes"]["probs"])
    assert list(got.index) == [10, 11, 12, 13, 14]
    assert got.iloc[1].isna().all()
    keep = [0, 2, 3, 4]
    np.testing.assert_allclose(got.to_numpy()[keep], expected[keep], atol=1e-6)


def test_new_data_are_not_modified():
    res = _fitted("ordered_comparison")
    new = _new(pd.Series(EXPECTED["newdata"]["region"], dtype=object))
    before = new.copy()
    res.predict(new)
    pd.testing.assert_frame_equal(new, before)


def test_a_computed_factor_of_new_text_predicts_as_r():
    # C(region > 'Ontario') is R's I(region_ew > "Ontario"): a logical is a factor there
    df = pd.read_csv(REFERENCE / "womenlf.csv").assign(
        region=lambda d: d["region"].astype(EAST_WEST)
    )
    res = mnlogit.fit("partic ~ hincome + C(region > 'Ontario')", df, ref="fulltime")
    got = res.predict(_new(pd.Series(EXPECTED["newdata"]["region"], dtype=object)))
    expected = np.array(CASES["ordered_comparison"]["probs"])
    np.testing.assert_allclose(got.to_numpy(), expected, atol=1e-6)


@pytest.mark.parametrize("values", [[1, 2, 3, 4, 5], [True, False, True, True, False]])
def test_numbers_for_text_the_code_compares_are_refused(values):
    df = pd.read_csv(REFERENCE / "womenlf.csv")
    res = mnlogit.fit("partic ~ hincome + I(region == 'BC')", df, ref="fulltime")
    with pytest.raises(InputTypeError, match=r"column 'region' was text in fitting; got"):
        res.predict(_new(values))


def test_a_categorical_of_text_for_numbers_the_code_compares_is_refused():
    df = pd.read_csv(REFERENCE / "womenlf.csv")
    res = mnlogit.fit("partic ~ I(hincome > 10) + region", df, ref="fulltime")
    new = _new(EXPECTED["newdata"]["region"]).assign(
        hincome=pd.Categorical(["3", "12.5", "20", "30", "45"])
    )
    with pytest.raises(InputTypeError, match=r"column 'hincome' was numbers in fitting; got a Cat"):
        res.predict(new)


def test_the_classifier_reads_new_text_as_the_fitted_categorical():
    from mnlogit.sklearn import MNLogitClassifier

    df = pd.read_csv(REFERENCE / "womenlf.csv")
    X = df.drop(columns="partic").assign(region=df["region"].astype(EAST_WEST))
    clf = MNLogitClassifier(formula="hincome + I(region > 'Ontario')").fit(X, df["partic"])
    new = _new(pd.Series(EXPECTED["newdata"]["region"], dtype=object))
    expected = np.array(CASES["ordered_comparison"]["probs"])
    np.testing.assert_allclose(clf.predict_proba(new), expected, atol=1e-6)


@pytest.mark.parametrize(
    "term", ["I(hincome > 20)", "np.log(hincome)", "I(hincome & 1)", "I(hincome.astype('str'))"]
)
def test_a_categorical_of_numbers_for_numbers_the_code_reads_predicts_as_they_do(term):
    # I(hincome > 20) failed in pandas ("Unordered Categoricals can only compare equality or
    # not"), np.log(hincome) and I(hincome & 1) likewise
    df = pd.read_csv(REFERENCE / "womenlf.csv")
    res = mnlogit.fit(f"partic ~ {term} + region", df, ref="fulltime")
    numbers = [3, 12, None, 30, 45]
    new = _new(EXPECTED["newdata"]["region"]).set_axis(list("abcde"))
    with pytest.warns(mnlogit.MNLogitWarning, match=r"\('c'\)"):
        expected = res.predict(new.assign(hincome=pd.array(numbers, dtype="Int64")))
    with pytest.warns(mnlogit.MNLogitWarning, match=r"\('c'\)"):
        got = res.predict(new.assign(hincome=pd.Categorical(numbers)))
    pd.testing.assert_frame_equal(got, expected, rtol=0, atol=1e-15)
    assert got.loc["c"].isna().all() and got.drop(index="c").notna().all().all()
