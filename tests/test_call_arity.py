"""Calls with too many positional arguments, a required one missing or one given twice are
refused as the package's InputTypeError, naming the call as the user wrote it and how it is
called. Python's own TypeError named an internal class (``AnalysesMixin.iia_test() takes from
2 to 3 positional arguments but 4 were given``)."""

import re

import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


@pytest.fixture(scope="module")
def res(travel):
    return mnlogit.fit("mode ~ age + parking", travel, ref="car")


CALLS = {
    "res.iia_test": (
        lambda res, df: res.iia_test("walk", "suest", False),
        "too many positional arguments",
        "res.iia_test(omit, method=..., *, include_intercepts=...",
    ),
    "res.iia_test missing": (
        lambda res, df: res.iia_test(),
        "missing a required argument: 'omit'",
        "res.iia_test(omit, ",
    ),
    "res.iia_test twice": (
        lambda res, df: res.iia_test("walk", omit="bus"),
        "multiple values for argument 'omit'",
        "res.iia_test(omit, ",
    ),
    "res.summary": (
        lambda res, df: res.summary(True, 0.05, "extra"),
        "too many positional arguments",
        "res.summary(",
    ),
    "res.predict": (
        lambda res, df: res.predict(df, "prob", 1, 2, 3),
        "too many positional arguments",
        "res.predict(",
    ),
    "fit": (
        lambda res, df: mnlogit.fit("mode ~ age"),
        "missing a required argument: 'data'",
        "fit(formula, data, ref=..., *, weights=...",
    ),
    "fit too many": (
        lambda res, df: mnlogit.fit("mode ~ age", df, "car", "robust"),
        "too many positional arguments",
        "fit(formula, data, ref=..., *,",
    ),
    # these were Python's TypeError: "load() takes 1 positional argument but 2 were given",
    # "AnalysesMixin.plot_probabilities() missing 1 required positional argument: 'x'",
    # "SurveyDesign.__init__() takes from 1 to 6 positional arguments but 7 were given"
    "datasets.load": (
        lambda res, df: mnlogit.datasets.load("travel", "risk"),
        "too many positional arguments",
        "load(name)",
    ),
    "datasets.load misspelt": (
        lambda res, df: mnlogit.datasets.load(nam="travel"),
        "unexpected keyword argument 'nam'",
        "did you mean name=?",
    ),
    "datasets.describe": (
        lambda res, df: mnlogit.datasets.describe(),
        "missing a required argument: 'name'",
        "describe(name)",
    ),
    "res.plot_probabilities": (
        lambda res, df: res.plot_probabilities(),
        "missing a required argument: 'x'",
        "res.plot_probabilities(x, at=..., **kwargs)",
    ),
    "res.plot_odds_ratios": (
        lambda res, df: res.plot_odds_ratios(0.1),
        "too many positional arguments",
        "res.plot_odds_ratios(**kwargs)",
    ),
    "res.plot_decision_regions": (
        lambda res, df: res.plot_decision_regions("age"),
        "missing a required argument: 'y'",
        "res.plot_decision_regions(x, y, **kwargs)",
    ),
    "SurveyDesign": (
        lambda res, df: mnlogit.SurveyDesign("w", None, None, None, "fail", "extra"),
        "too many positional arguments",
        "SurveyDesign(weights=..., strata=..., psu=..., fpc=..., lonely_psu=...)",
    ),
    "SurveyDesign twice": (
        lambda res, df: mnlogit.SurveyDesign("w", weights="w"),
        "multiple values for argument 'weights'",
        "SurveyDesign(weights=...",
    ),
    "summary as_csv with a file": (
        lambda res, df: res.summary().as_csv("coef.csv"),
        "too many positional arguments",
        "Path(path).write_text(table.as_csv())",
    ),
    "summary as_latex with path=": (
        lambda res, df: res.summary().as_latex(path="coef.tex"),
        "unexpected keyword argument 'path'",
        "Path(path).write_text(table.as_latex())",
    ),
    "compare as_markdown with a file": (
        lambda res, df: mnlogit.compare([res]).as_markdown("table.md"),
        "too many positional arguments",
        "ComparisonTable.as_markdown(); it returns the text",
    ),
    "compare to_frame": (
        lambda res, df: mnlogit.compare([res]).to_frame(0.05),
        "too many positional arguments",
        "ComparisonTable.to_frame()",
    ),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_a_call_of_the_wrong_arity_is_refused_in_the_package_words(res, travel, name):
    call, said, form = CALLS[name]
    with pytest.raises(InputTypeError) as err:
        call(res, travel)
    text = str(err.value)
    assert said in text
    assert form in text
    assert "Mixin" not in text  # the class the method is defined on is not the user's


def test_a_refusal_of_arity_is_still_a_type_error(res):
    # code catching Python's TypeError for a wrong call keeps working
    with pytest.raises(TypeError):
        res.iia_test()


def test_methods_that_pass_keywords_on_still_take_them(res):
    # the check of the call leaves **kwargs to the plotting functions, which take them
    assert res.plot_probabilities("age", at={"parking": 5.0}, n_points=5).axes
    assert res.plot_odds_ratios(alpha=0.1).axes
    with pytest.raises(InputTypeError, match="unexpected keyword argument 'colour'"):
        res.plot_odds_ratios(colour="red")


def test_three_fits_to_lr_test_keep_their_own_advice(travel):
    fits = [mnlogit.fit(f, travel, ref="car") for f in ("mode ~ age", "mode ~ age + parking")]
    three = [*fits, mnlogit.fit("mode ~ age + parking + region", travel, ref="car")]
    with pytest.raises(InputTypeError, match=re.escape("lr_test(a, b), lr_test(b, c)")):
        mnlogit.lr_test(*three)
    with pytest.raises(InputTypeError, match="unexpected keyword argument 'test'"):
        mnlogit.lr_test(*fits, test="wald")
