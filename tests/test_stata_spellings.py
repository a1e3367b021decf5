"""Stata's way of writing a model is answered with formulaic's: a varlist without '~' was told
only to write 'outcome ~ predictors', i.region and c.age were columns not in the data, '#'
and '##' an "Unknown operator", and options after a comma ", baseoutcome(1)" another."""

import warnings

import numpy as np
import pytest

import mnlogit
from mnlogit.exceptions import FormulaError


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


@pytest.mark.parametrize(
    "formula, said, meant",
    [
        ("mode income distance", "mlogit mode income distance", "mode ~ income + distance"),
        ("mode ~ income + i.region", "'i.region' is Stata's", "mode ~ income + C(region)"),
        ("mode ~ c.age + region", "'c.age' is Stata's", "mode ~ age + region"),
        ("mode ~ income##region", "full factorial", "mode ~ income*region"),
        ("mode ~ income#region", "interaction", "mode ~ income:region"),
        ("mode ~ income, baseoutcome(2)", "options after a comma", "mode ~ income"),
        ("mode ~ income, vce(cluster household)", "cov_type= and groups=", "mode ~ income"),
    ],
)
def test_stata_is_answered_with_what_to_write(travel, formula, said, meant):
    with pytest.raises(FormulaError) as refused:
        mnlogit.fit(formula, travel, ref="car")
    message = str(refused.value)
    assert said in message, message
    if "~" in formula and "," not in formula:
        written = meant.split("~")[1].strip().split(" + ")[-1].split("(")[-1].rstrip(")")
        assert written in message
    assert mnlogit.fit(meant, travel, ref="car").converged  # what it says to write fits


@pytest.mark.parametrize(
    "formula",
    [
        "mode ~ cr(distance, df=3, constraints='center')",
        "mode ~ np.log(distance) + C(region, Treatment('urban'))",
        "mode ~ bs(distance, df=4, degree=3)",
        "mode ~ C(purpose, levels=['work', 'leisure', 'shopping'])",
    ],
)
def test_python_calls_with_arguments_are_not_taken_for_stata(travel, formula):
    assert mnlogit.fit(formula, travel, ref="car").converged


def test_a_columns_methods_are_not_taken_for_stata(travel):
    # a column named c or i read by Python: 'c.astype' was refused as Stata's c.astype
    data = travel.assign(c=travel["region"], i=travel["distance"])
    res = mnlogit.fit("mode ~ C(c.astype('str')) + np.log(i.clip(1))", data, ref="car")
    assert res.params.equals(
        mnlogit.fit(
            "mode ~ C(region) + np.log(distance.clip(1))", travel, ref="car"
        ).params.set_axis(res.params.index)
    )


@pytest.mark.parametrize("base", ["ib2", "ib(last)", "ib(#2)", "ibn", "b1"])
def test_a_stata_base_level_is_answered_with_treatment(travel, base):
    # was "column 'ib2.region' is not in the data"
    with pytest.raises(FormulaError, match=r"Stata's .* base level: write C\(region, Treatment"):
        mnlogit.fit(f"mode ~ income + {base}.region", travel, ref="car")
    assert mnlogit.fit("mode ~ income + C(region, Treatment('rural'))", travel, ref="car").converged


def test_columns_named_like_stata_notation_are_the_columns(travel):
    # R's dotted names: a column 'c.age' written unquoted was refused as Stata's c.age
    named = travel.rename(columns={"age": "c.age", "income": "b1.income"})
    res = mnlogit.fit("mode ~ c.age + b1.income", named, ref="car")
    assert list(res.params.index) == ["Intercept", "c.age", "b1.income"]
    ref = mnlogit.fit("mode ~ age + income", travel, ref="car")
    assert res.llf == pytest.approx(ref.llf, rel=1e-12)


def test_columns_named_like_stata_notation_predict_and_test(travel):
    # on complete rows the design is copied from the columns and formulaic's ModelSpec is
    # built on first use (new data, term tests), which read the names as Stata's again and
    # refused predictions and anova of the fit just made
    named = travel.dropna().rename(columns={"age": "c.age", "income": "b1.income"})
    res = mnlogit.fit("mode ~ c.age + b1.income", named, ref="car")
    ref = mnlogit.fit("mode ~ age + income", travel.dropna(), ref="car")
    new = named.head(5)
    np.testing.assert_allclose(res.predict(new), ref.predict(travel.dropna().head(5)), rtol=1e-12)
    assert list(res.anova().index) == ["c.age", "b1.income"]
    np.testing.assert_allclose(res.anova()["chi2"], ref.anova()["chi2"], rtol=1e-10)


def test_the_command_line_names_its_options(capsys):
    from mnlogit.__main__ import main

    assert main(["fit", "--dataset", "travel", "mode ~ income, baseoutcome(2)"]) == 2
    err = capsys.readouterr().err
    assert "--ref for baseoutcome()" in err and "mnlogit.fit" not in err, err


def test_the_readme_lists_what_is_answered():
    import re
    from pathlib import Path

    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text().split())
    item = re.search(r"- Stata's spellings are refused with formulaic's: (.*?) - ", readme)
    assert item, "the README no longer lists Stata's spellings"
    for stata, written in re.findall(r"`(\w\.\w|a##?b)` \(`([^`]+)`\)", item.group(1)):
        df = mnlogit.datasets.load("travel").assign(g=lambda d: d["region"], a=1.0, b=2.0)
        df = df.assign(x=df["age"], a=df["income"].fillna(0), b=df["distance"])
        with pytest.raises(FormulaError, match=re.escape(written.split("(")[0])):
            mnlogit.fit(f"mode ~ {stata}", df, ref="car")


@pytest.mark.parametrize(
    ("formula", "meant", "columns"),
    [
        # was: "'c.income' ...: write income", then for income##income "write income*income",
        # which formulaic reads as income alone: Stata's model has income's square too
        ("mode ~ c.income##c.income", "mode ~ income + I(income**2)", 3),
        ("mode ~ income##income", "mode ~ income + I(income**2)", 3),
        ("mode ~ c.income#c.income", "mode ~ I(income**2)", 2),
        ("mode ~ c.age##i.region", "mode ~ age*C(region)", 6),
        ("mode ~ i.region#c.age", "mode ~ C(region):age", 4),
        # a chain was answered for its first pair: i.region##c.income##c.income led to
        # C(region)*income + I(income**2), a model without Stata's region#income#income
        ("mode ~ c.income##c.income##c.income", "mode ~ income + I(income**2) + I(income**3)", 4),
        (
            "mode ~ i.region##c.income##c.income",
            "mode ~ C(region) + income + C(region):income + I(income**2) + C(region):I(income**2)",
            9,
        ),
        ("mode ~ c.income##c.age##i.region", "mode ~ income*age*C(region)", 12),
        ("mode ~ c.income#c.age#i.region", "mode ~ income:age:C(region)", 4),
        # operands written as calls were cut at the '(': income##C(region) was 'income*C'
        ("mode ~ income##C(region)", "mode ~ income*C(region)", 6),
        (
            "mode ~ C(region)##income##income",
            "mode ~ C(region) + income + C(region):income + I(income**2) + C(region):I(income**2)",
            9,
        ),
        ('mode ~ C(region, Treatment("urban"))#age', 'mode ~ C(region, Treatment("urban")):age', 4),
    ],
)
def test_statas_interactions_with_prefixes_are_written_whole(travel, formula, meant, columns):
    with pytest.raises(FormulaError) as refused:
        mnlogit.fit(formula, travel, ref="car")
    said = str(refused.value)
    assert f"write {meant.split(' ~ ')[1]} (" in said, said
    assert len(mnlogit.fit(meant, travel, ref="car").params) == columns


@pytest.mark.parametrize(
    ("weights", "said"),
    [
        # was: "cannot be parsed: Unknown operator '='"
        ("[fw=household]", "mnlogit.fit('mode ~ income', df, weights='household')"),
        ("[fweight = household]", "mnlogit.fit('mode ~ income', df, weights='household')"),
        ("[pw=household]", "weights='household', weight_type='probability'"),
        ("[aw=household]", "aweights and iweights are not fitted"),
    ],
)
def test_statas_weights_in_the_formula_are_answered_with_the_argument(travel, weights, said):
    with pytest.raises(FormulaError, match="is Stata's weights") as refused:
        mnlogit.fit(f"mode ~ income {weights}", travel, ref="car")
    assert said in str(refused.value)


@pytest.mark.parametrize(
    ("written", "call"),
    [
        # was: "give them as mnlogit.fit('mode ~ income , baseoutcome(car)', df, ...)", a
        # formula refused in turn for its options
        (
            "[fw=household], baseoutcome(car)",
            "mnlogit.fit('mode ~ income', df, weights='household', ref='car')",
        ),
        (
            "[fw=household] , baseoutcome(car) vce(cluster region)",
            "mnlogit.fit('mode ~ income', df, weights='household', ref='car', "
            "cov_type='cluster', groups='region')",
        ),
        (
            "[pw=household], baseoutcome(car) vce(robust)",
            "mnlogit.fit('mode ~ income', df, weights='household', "
            "weight_type='probability', ref='car')",
        ),
        (
            "[pw=household], baseoutcome(car) vce(cluster region)",
            "mnlogit.fit('mode ~ income', df, "
            "design=mnlogit.SurveyDesign(weights='household', psu='region'), ref='car')",
        ),
    ],
)
def test_statas_weights_and_options_are_answered_with_the_fits_arguments(travel, written, call):
    with pytest.raises(FormulaError, match="is Stata's weights") as refused:
        mnlogit.fit(f"mode ~ income {written}", travel)
    said = str(refused.value)
    assert f"give them as {call} (" in said
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a design of few PSUs warns; the call runs
        res = eval(call, {"mnlogit": mnlogit, "df": travel})  # the advice can be followed
    assert res.ref == "car"


def test_statas_weights_and_options_on_the_command_line(capsys):
    from test_cli_files import _main, _one_line_error

    formula = "mode ~ income [fw=household], baseoutcome(car) vce(cluster region)"
    status, out, err = _main(capsys, "fit", "--dataset", "travel", formula)
    _one_line_error(
        status,
        out,
        err,
        "give them as --weights household --ref car --cov cluster --groups region, with the "
        "formula 'mode ~ income'",
    )


def test_statas_weights_on_the_command_line(capsys):
    from test_cli_files import _main, _one_line_error

    argv = ("fit", "--dataset", "travel", "mode ~ income [fw=household]")
    status, out, err = _main(capsys, *argv)
    _one_line_error(status, out, err, "give them as --weights household, with the formula")
    assert "df" not in err.split("Stata's weights")[1]
