"""What a Stata user writes after ``mlogit``, and Stata's numbers: ``vce(robust)``,
``vce(cluster id)``, ``rrr`` and ``estat ic`` against Stata's documented formulas computed in R
(``tests/reference/make_stata_conventions.R``); Stata's words answered with what gives
Stata's numbers."""

import ast
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError, OptionError

REFERENCE = json.loads(
    (Path(__file__).resolve().parent / "reference" / "stata_conventions.json").read_text()
)
FORMULA = "mode ~ income + age + region"


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


def _by_equation(frame):
    """A terms x outcomes table as R's vcov orders it: equation by equation."""
    return frame.T.to_numpy().ravel()


def test_stata_robust_is_the_one_row_clusters_and_said_so(travel):
    # Stata's vce(robust) after mlogit is HC0 times N/(N-1); the answer to vce= sent a
    # Stata user to cov_type='robust' alone, whose standard errors are smaller, unsaid
    with pytest.raises(InputTypeError, match=r"without the n/\(n-1\) factor of Stata's vce"):
        mnlogit.fit(FORMULA, travel, ref="car", vce="robust")
    with pytest.raises(OptionError, match=r"n/\(n-1\)"):
        mnlogit.fit(FORMULA, travel, ref="car", cov_type="vce(robust)")
    with pytest.raises(InputTypeError, match=r"n/\(n-1\)"):
        mnlogit.MNLogit.from_formula(FORMULA, travel, vce="robust")
    # what the answer says to do gives Stata's numbers
    rows = mnlogit.fit(
        FORMULA, travel, ref="car", cov_type="cluster", groups=np.arange(len(travel))
    )
    np.testing.assert_allclose(_by_equation(rows.bse), REFERENCE["se_robust_stata"], rtol=1e-6)
    hc0 = mnlogit.fit(FORMULA, travel, ref="car", cov_type="robust")
    n = REFERENCE["nobs"]
    np.testing.assert_allclose(
        _by_equation(hc0.bse) * np.sqrt(n / (n - 1)), REFERENCE["se_robust_stata"], rtol=1e-6
    )


def test_stata_cluster_is_g_over_g_minus_one_alone(travel):
    # mlogit's vce(cluster) is G/(G-1), without regress's (N-1)/(N-K)
    res = mnlogit.fit(FORMULA, travel, ref="car", cov_type="cluster", groups="household")
    np.testing.assert_allclose(_by_equation(res.bse), REFERENCE["se_cluster_stata"], rtol=1e-6)
    assert str(REFERENCE["clusters"]) in res.summary().as_text()


def test_rrr_and_estat_ic_are_stata_s(travel):
    res = mnlogit.fit(FORMULA, travel, ref="car")
    np.testing.assert_allclose(_by_equation(res.params), REFERENCE["params"], rtol=1e-6)
    rrr = res.odds_ratios()
    np.testing.assert_allclose(rrr["odds_ratio"], REFERENCE["rrr"], rtol=1e-6)
    np.testing.assert_allclose(rrr["lower"], REFERENCE["rrr_lower"], rtol=1e-6)
    np.testing.assert_allclose(rrr["upper"], REFERENCE["rrr_upper"], rtol=1e-6)
    assert res.nobs == REFERENCE["nobs"]
    np.testing.assert_allclose(res.llf, REFERENCE["llf"], rtol=1e-10)
    np.testing.assert_allclose(res.aic, REFERENCE["aic"], rtol=1e-10)
    np.testing.assert_allclose(res.bic, REFERENCE["bic"], rtol=1e-10)


@pytest.mark.parametrize("argv", [("--vce", "robust"), ("--robust",), ("--cov", "vce(robust)")])
def test_the_command_line_says_statas_robust_factor(capsys, argv):
    from test_cli_files import _main, _one_line_error

    status, out, err = _main(capsys, "fit", "--dataset", "travel", "mode ~ income", *argv)
    _one_line_error(status, out, err, "without the n/(n-1) factor of Stata's vce(robust)")
    assert "--cov cluster with each row its own group" in err


# --- Stata's test syntax after mlogit ----------------------------------------------------------
@pytest.fixture(scope="module")
def model(travel):
    return mnlogit.fit(FORMULA, travel, ref="car")


def _advice(res, written):
    """What the refusal of Stata's ``written`` says to write, run as it says."""
    with pytest.raises(mnlogit.MNLogitError, match="as Stata's test writes it") as caught:
        res.wald_test(written)
    message = str(caught.value)
    assert "which is refused" not in message, message
    if "give the list " in message:
        return ast.literal_eval(message.split("give the list ", 1)[1].split("]", 1)[0] + "]")
    return message.split("write '", 1)[1].split("' (", 1)[0]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # was: "cannot read '[bus]income'; expected a term (...) or '<outcome>:<column>' ..."
        ("[bus]income = [train]income", "bus:income = train:income"),
        ("[bus]_b[income] = [train]_b[income]", "bus:income = train:income"),
        ("_b[bus:income] - _b[train:income] = 0", "bus:income - train:income = 0"),
        ("2*[bus]income = [train]income", "2*bus:income = train:income"),
        ("[bus]income = [train]income = [walk]income", "bus:income = train:income = walk:income"),
        ("[bus]_cons = [train]_cons", "bus:Intercept = train:Intercept"),
        ("[bus]income [train]income", "bus:income = 0, train:income = 0"),
        ("[bus]: income age", "bus:income = 0, bus:age = 0"),
        ("[bus=train]: income", "bus:income = train:income"),
        ("income age", ["income", "age"]),
        ("i.region", "region"),
        ("urban.region", "region[T.urban]"),
        # the command copied with its arguments was read as a restriction it could not read
        ("test [bus]income", "bus:income"),
        ("test income", "income"),
        ("testparm income age", ["income", "age"]),
    ],
)
def test_statas_test_syntax_is_answered_with_the_restriction(model, written, meant):
    advice = _advice(model, written)
    assert advice == meant
    model.wald_test(advice)  # what it says runs


def test_statas_equation_tests_leave_out_the_constant_as_stata_does(model):
    # test [bus=train] and test [bus] test every coefficient but the constant
    for written, key in [("[bus=train]", "wald_bus_equals_train"), ("[bus]", "wald_bus")]:
        test = model.wald_test(_advice(model, written))
        assert test.df == REFERENCE["wald_df"]
        np.testing.assert_allclose(test.statistic, REFERENCE[key], rtol=1e-6)


def test_statas_level_in_one_equation_is_that_coefficient():
    # [bus]2.g was rewritten to '[bus]C(g)[T.2]', refused in turn as Stata's syntax
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"x": rng.normal(size=300), "g": rng.integers(1, 4, size=300)})
    df["y"] = rng.choice(["car", "light rail", "v.2"], size=300)
    res = mnlogit.fit("y ~ x + C(g)", df, ref="car")
    assert _advice(res, "[v.2]2.g") == "v.2:C(g)[T.2]"
    assert _advice(res, "[light rail]2.g = [v.2]2.g") == "light rail:C(g)[T.2] = v.2:C(g)[T.2]"
    assert res.wald_test("v.2:C(g)[T.2]").df == 1


def test_an_outcome_named_like_statas_words_is_that_outcome():
    # '[_cons]income' was rewritten to 'Intercept:income', refused in turn: an outcome
    # named _cons is that outcome; a predictor named test is a term, not Stata's command
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"test": rng.normal(size=300), "income": rng.normal(size=300)})
    df["y"] = rng.choice(["a", "_cons", "if"], size=300)
    res = mnlogit.fit("y ~ test + income", df, ref="a")
    assert _advice(res, "[_cons]income = [if]income") == "_cons:income = if:income"
    assert _advice(res, "_b[_cons:income]") == "_cons:income"
    assert _advice(res, "[_cons]_cons") == "_cons:Intercept"
    assert _advice(res, "[_cons]") == "_cons:test = 0, _cons:income = 0"
    assert _advice(res, "test income") == ["test", "income"]
    assert res.wald_test("_cons:income = if:income").df == 1


@pytest.mark.parametrize("written", ["_b[income] = 0", "_b[income] = _b[age]"])
def test_statas_b_without_an_equation_is_not_read_as_every_equation(model, written):
    # '_b[income] = 0' was answered 'write income = 0', a test of income in every
    # equation; Stata's _b[income] is one equation's coefficient
    with pytest.raises(mnlogit.MNLogitError) as refused:
        model.wald_test(written)
    said = str(refused.value)
    assert "_b[income] without an equation is one equation's coefficient" in said
    assert "write it with its outcome, 'bus:income'" in said


def test_statas_syntax_naming_what_the_model_has_not_says_why(model):
    # the reference outcome is Stata's base equation, which has no coefficients
    with pytest.raises(mnlogit.MNLogitError, match="'car' is the reference outcome"):
        model.wald_test("[car]income = [bus]income")
    with pytest.raises(mnlogit.MNLogitError, match="'bus:incme' names no design column"):
        model.wald_test("[bus]incme")


# --- Stata's commands after mlogit given to the command line as options ------------------------
@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was: "did you mean --latex?", "--names?", "--iia?", "--stars?", "--dataset?", nothing
        (("--lrtest",), "mnlogit.lr_test(smaller, larger) (Stata's lrtest)"),
        (("--atmeans",), "res.marginal_effects(at='mean')"),
        (("--margins",), "res.margins(at={...})"),
        (("--dydx", "income"), "res.marginal_effects(at='mean')"),
        (("--ic",), "AIC and BIC are in the summary's header"),
        (("--estat", "ic"), "AIC and BIC are in the summary's header"),
        (("--test", "income"), "res.wald_test("),
        (("--suest",), "method='suest'"),
        (("--mlogtest",), "--iia prints Hausman-McFadden tests"),
        (("--predict",), "res.predict(newdata)"),
        (("--esttab",), "mnlogit compare prints fits side by side"),
        (("--noconstant",), "'y ~ 0 + x'"),
    ],
)
def test_statas_commands_as_options_say_where_they_are(capsys, argv, said):
    from test_cli_files import _main, _one_line_error

    status, out, err = _main(capsys, "fit", "--dataset", "travel", "mode ~ income", *argv)
    _one_line_error(status, out, err, said)
    assert "did you mean" not in err


def test_the_summary_holds_statas_estat_ic(capsys):
    from test_cli_files import _main

    status, out, err = _main(capsys, "fit", "--dataset", "travel", FORMULA, "--ref", "car")
    assert status == 0, err
    assert f"{REFERENCE['aic']:.4f}" in out and f"{REFERENCE['bic']:.4f}" in out


# --- margins, predict(outcome(#)) and atmeans -----------------------------------------------------
@pytest.mark.parametrize("keyword", ["predict", "outcome"])
def test_one_outcomes_margins_say_where_they_are(model, keyword):
    # was: "it takes at, over, kind, average, alpha, variables", nothing of the outcomes
    with pytest.raises(InputTypeError, match=r"every outcome's probability.*m\.to_frame\(\)"):
        model.margins(**{keyword: "outcome(bus)"})
    with pytest.raises(InputTypeError, match="the index's level 'outcome'"):
        model.marginal_effects(**{keyword: "bus"})
    with pytest.raises(InputTypeError, match=r"res\.predict\(newdata\)\[level\]"):
        model.predict(**{keyword: "bus"})
    margins = model.margins().to_frame()
    assert set(margins["outcome"]) == set(model.outcomes)
    effects = model.marginal_effects()
    assert len(effects.xs("bus", level="outcome")) == 4


def test_margins_at_mean_says_where_statas_atmeans_is(model):
    # was: "at: expected a dict of variable -> value(s), ...; got str", nothing of atmeans
    with pytest.raises(mnlogit.exceptions.DataError, match=r"marginal_effects\(at='mean'\)"):
        model.margins(at="mean")
    with pytest.raises(
        mnlogit.exceptions.DataError, match=r"got list \['income'\]: at=\{'income': \[\.\.\.\]\}"
    ):
        model.margins(at=["income"])


# --- esttab / estimates table and lrtest's options ------------------------------------------------
@pytest.mark.parametrize(
    ("keyword", "said"),
    [
        # was: "did you mean stars=?" for stats=, the keyword list for the others
        ("stats", r"compare\(\.\.\.\)\.statistics"),
        ("keep", r"compare\(\.\.\.\)\.to_frame\(\) holds them"),
        ("drop", r"compare\(\.\.\.\)\.to_frame\(\) holds them"),
        ("mtitles", "the column headers are names="),
        ("b", "unrounded"),
    ],
)
def test_esttabs_options_say_where_compare_has_them(model, keyword, said):
    with pytest.raises(InputTypeError, match=said) as caught:
        mnlogit.compare([model, model], **{keyword: True})
    assert "did you mean" not in str(caught.value)
    statistics = mnlogit.compare([model, model]).statistics
    np.testing.assert_allclose(statistics.loc["BIC"].astype(float), REFERENCE["bic"], rtol=1e-10)


def test_lrtests_force_and_stats_say_what_gives_them(travel, model):
    # was: "it takes restricted, full" / "it takes other"
    small = mnlogit.fit("mode ~ income + age", travel, ref="car")
    for call in (mnlogit.lr_test, model.lr_test):
        with pytest.raises(InputTypeError, match="cov_type='nonrobust' have the same"):
            call(small, force=True)
        with pytest.raises(InputTypeError, match=r"res\.aic and res\.bic"):
            call(small, stats=True)


# --- mlogit's own options -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("keyword", "said"),
    [
        # was: "did you mean weights=?" for aweight= and iweight=, "formula=?" for eform=,
        # the keyword list for the others
        ("aweight", "aweights and iweights are not fitted"),
        ("iweight", "aweights and iweights are not fitted"),
        ("fweight", "frequency weights are"),
        ("eform", r"res\.odds_ratios\(\)"),
        ("iterate", "max_iter="),
        ("tolerance", "tol="),
        ("noconstant", r"'y ~ 0 \+ x'"),
        ("constraints", "constrained fits are not offered"),
        ("nolog", "verbose=True"),
        ("svy", "design="),
        # was: the keyword list, while svy= was answered
        ("survey", r"design=mnlogit\.SurveyDesign\("),
        ("svydesign", r"design=mnlogit\.SurveyDesign\("),
    ],
)
def test_mlogits_options_are_answered(travel, keyword, said):
    for call in (
        lambda: mnlogit.fit("mode ~ income", travel, **{keyword: 1}),
        lambda: mnlogit.MNLogit.from_formula("mode ~ income", travel).fit(**{keyword: 1}),
    ):
        with pytest.raises(InputTypeError, match=said) as caught:
            call()
        assert "did you mean" not in str(caught.value)


@pytest.mark.parametrize("keyword", ["svy", "survey", "svydesign"])
def test_a_survey_keyword_to_the_model_is_answered_with_design(travel, keyword):
    # was: the keyword list of MNLogit.from_formula and MNLogit
    y, x = travel["mode"], travel[["income"]]
    for call in (
        lambda: mnlogit.MNLogit.from_formula("mode ~ income", travel, **{keyword: 1}),
        lambda: mnlogit.MNLogit(y, x, **{keyword: 1}),
    ):
        with pytest.raises(InputTypeError, match=r"design=mnlogit\.SurveyDesign\(") as caught:
            call()
        assert "it takes" not in str(caught.value)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was: "did you mean --odds-ratios?" for --constraints, Python's tol= and verbose=
        (("--constraints", "1"), "constrained fits are not offered"),
        (("--tolerance", "1e-8"), "the command line fits to the default tolerance"),
        (("--nolog",), "prints no iteration log"),
        (("--aweight", "w"), "--weights COL are frequency weights"),
        (("--fweight", "w"), "frequency weights are --weights COL"),
        (("--iterate", "5"), "the iteration limit is --max-iter"),
    ],
)
def test_mlogits_options_on_the_command_line(capsys, argv, said):
    from test_cli_files import _main, _one_line_error

    status, out, err = _main(capsys, "fit", "--dataset", "travel", "mode ~ income", *argv)
    _one_line_error(status, out, err, said)
    assert "did you mean" not in err and "verbose=" not in err


@pytest.mark.parametrize(
    ("given", "said"),
    [
        # was: "expected finite numbers, got '10(10)30'", nothing of what to give
        ("10(10)30", "{'income': [10, 20, 30]}"),
        ("(10 20 30)", "{'income': [10, 20, 30]}"),
        ("0.5(0.25)1", "{'income': [0.5, 0.75, 1]}"),
        # a stop off the grid was passed by up to half a step: 0(4)11 gave 12, 0(0.7)0.65 gave 0.7
        ("0(4)11", "{'income': [0, 4, 8]}"),
        ("0(0.7)0.65", "{'income': [0]}"),
        ("0(0.1)0.55", "{'income': [0, 0.1, 0.2, 0.3, 0.4, 0.5]}"),
        ("0(0.1)1", "{'income': [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]}"),
        # a falling range and a/b were answered with "expected finite numbers" alone
        ("30(-10)10", "{'income': [30, 20, 10]}"),
        ("1/3", "{'income': [1, 2, 3]}"),
        ("mean", "Stata's (mean) income: give the number"),
        # Stata's margins takes the statistic with the fit's weights: the advice said only
        # "that statistic on the rows fitted", whose plain mean is another value when weighted
        ("(mean)", "with the fit's weights, as Stata's margins takes it"),
        ("median", "with the fit's weights"),
        # a percentile was answered with "expected finite numbers" alone
        ("p25", "Stata's (p25) income: give the number"),
    ],
)
def test_statas_numlists_in_at_are_answered_with_the_numbers(model, given, said):
    with pytest.raises(mnlogit.exceptions.DataError) as caught:
        model.margins(at={"income": given})
    assert said in str(caught.value)
    if "[" in said:
        listed = ast.literal_eval(said)
        assert len(model.margins(at=listed).to_frame()) == 4 * len(listed["income"])


@pytest.mark.parametrize(
    ("keyword", "said"),
    [
        # was: "it takes constraints" ("did you mean constraints=?" for constant=)
        ("accumulate", "restrictions tested jointly are one call"),
        ("mtest", "a call of its own"),
        ("constant", "'bus:Intercept' in a restriction names it"),
        ("equal", "'bus:x = train:x = walk:x'"),
    ],
)
def test_statas_test_options_are_answered(model, keyword, said):
    with pytest.raises(InputTypeError, match=said) as caught:
        model.wald_test("income", **{keyword: True})
    assert "did you mean" not in str(caught.value)


# --- svy, subpop(if ...) ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "said", "meant"),
    [
        # was: "neither a column nor an expression that can be read" / "is not allowed",
        # with the list of what a condition may use and nothing of Stata's words
        ('if purpose == "work"', "Stata's if qualifier is left out", 'purpose == "work"'),
        ("inrange(age, 30, 50)", "x.between(a, b)", "age.between(30, 50)"),
        # x.between(a, b) alone, as it was answered, is refused where x is missing
        (
            "inrange(hours, 30, 50)",
            "x.notna() & x.between(a, b)",
            "hours.notna() & hours.between(30, 50)",
        ),
        (
            'inlist(purpose, "work", "shopping")',
            "x.isin([a, b])",
            'purpose.isin(["work", "shopping"])',
        ),
        ("!missing(income)", "x.notna()", "income.notna()"),
    ],
)
def test_statas_subpop_conditions_are_answered(travel, written, said, meant):
    design = mnlogit.SurveyDesign(weights="parking", strata="region", psu="household")
    hours = travel["age"].where(travel.index % 7 != 0)  # missing in a seventh of the rows
    data = travel.assign(parking=travel["parking"] + 1, hours=hours)
    with pytest.raises(mnlogit.exceptions.DataError, match=re.escape(said)):
        mnlogit.fit("mode ~ age", data, ref="car", design=design, subpop=written)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        res = mnlogit.fit("mode ~ age", data, ref="car", design=design, subpop=meant)
    assert res.converged


@pytest.mark.parametrize("column", ["purpose", "`the purpose`"])
@pytest.mark.parametrize("dtype", [object, "string", "category"])
def test_statas_missing_of_text_is_answered_with_the_empty_string_too(travel, column, dtype):
    # was: "Stata's missing(x) is x.isna()", whose subpopulation left out the rows that
    # Stata's missing() takes in for text: those holding "" (Stata's missing string)
    design = mnlogit.SurveyDesign(weights="parking", strata="region", psu="household")
    purpose = travel["purpose"].astype(object).where(travel.index % 5 != 0, "")
    purpose = purpose.where(travel.index % 11 != 0, None).astype(dtype)
    data = travel.assign(parking=travel["parking"] + 1, purpose=purpose)
    data["the purpose"] = data["purpose"]
    for written, meant in [
        (f"missing({column})", f"{column}.isna() | ({column} == '')"),
        (f"!missing({column})", f"{column}.notna() & ({column} != '')"),
    ]:
        with pytest.raises(mnlogit.exceptions.DataError) as caught:
            mnlogit.fit("mode ~ age", data, ref="car", design=design, subpop=written)
        said = str(caught.value)
        assert "of a text column is true of an empty string too" in said
        assert meant in said
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
            res = mnlogit.fit("mode ~ age", data, ref="car", design=design, subpop=meant)
        stata = purpose.isna() | (purpose.astype(object) == "")  # Stata's missing(purpose)
        assert res.nobs == (stata.sum() if written[0] == "m" else (~stata).sum())


@pytest.mark.parametrize(
    ("name", "said"),
    [
        # was: "'MNLogitResults' object has no attribute 'll'", nothing more
        ("ll", "res.llf"),
        ("N", "res.nobs"),
        ("estat_ic", "res.aic and res.bic"),
        ("test", "res.wald_test("),
        ("lrtest", "res.lr_test(smaller)"),
        ("mlogtest", "res.iia_table()"),
    ],
)
def test_statas_names_for_results_are_answered(model, name, said):
    with pytest.raises(AttributeError, match=re.escape(said)):
        getattr(model, name)


def test_the_robust_summary_says_statas_factor(travel, capsys):
    # the summary said "robust (HC0)" alone: a Stata user compared its standard errors
    # with vce(robust)'s, sqrt(n/(n-1)) larger, and found them different unexplained
    res = mnlogit.fit(FORMULA, travel, ref="car", cov_type="robust")
    notes = " ".join(res.summary().notes)
    assert "Stata's vce(robust) has a factor n/(n-1) more" in notes
    assert "Stata" not in " ".join(mnlogit.fit(FORMULA, travel, ref="car").summary().notes)
    from test_cli_files import _main

    argv = ("fit", "--dataset", "travel", FORMULA, "--ref", "car", "--cov", "robust")
    status, out, _ = _main(capsys, *argv)
    said = " ".join(out.split())
    assert status == 0 and "--cov cluster with --groups a column numbering the rows" in said


def test_statas_margins_atmeans_is_said_where_it_is_and_is_not(travel, model):
    # margins, atmeans (probabilities at the means): average='grid' gives it for numeric
    # variables alone; with a factor, Stata sets its dummies at their means, which the
    # grid does not (it averages over the levels), and the answers said only "grid"
    for call in (lambda: model.margins(atmeans=True), lambda: model.margins(at="mean")):
        with pytest.raises(mnlogit.MNLogitError, match="not offered for a model with factors"):
            call()
    numeric = mnlogit.fit("mode ~ income + age", travel, ref="car")
    grid = numeric.margins(average="grid").to_frame().set_index("outcome")["estimate"]
    used = travel.dropna(subset=["income"])
    x = np.array([1.0, used["income"].mean(), used["age"].mean()])
    eta = np.concatenate([[0.0], x @ numeric.params.to_numpy()])
    probabilities = np.exp(eta) / np.exp(eta).sum()
    stata = dict(zip(["car", *numeric.params.columns], probabilities, strict=True))
    np.testing.assert_allclose(grid[list(stata)], list(stata.values()), rtol=1e-10)


@pytest.mark.parametrize("written", ["cluster household", "cl household"])
def test_statas_cluster_option_without_vce_names_its_column(travel, capsys, written):
    # was: "expected one of ('nonrobust', 'robust', 'cluster')" alone (vce(cluster household)
    # was answered; the same words without vce() were not)
    with pytest.raises(OptionError, match="write cov_type='cluster', groups='household'"):
        mnlogit.fit("mode ~ income", travel, ref="car", cov_type=written)
    from test_cli_files import _main, _one_line_error

    argv = ("fit", "--dataset", "travel", "mode ~ income", "--cov", written)
    status, out, err = _main(capsys, *argv)
    _one_line_error(status, out, err, "write --cov cluster --groups household")


@pytest.mark.parametrize(
    ("keyword", "said"),
    [
        # was: "it takes weights, strata, psu, fpc, lonely_psu"
        ("pw", "the sampling weights are weights="),
        ("vce", "Stata's vce(linearized)"),
    ],
)
def test_svysets_words_are_answered_by_the_survey_design(keyword, said):
    with pytest.raises(InputTypeError, match=re.escape(said)):
        mnlogit.SurveyDesign(psu="household", **{keyword: "w"})


def test_statas_factor_notation_in_a_test_finds_a_c_term(travel):
    res = mnlogit.fit("mode ~ income + C(region)", travel, ref="car")
    assert _advice(res, "i.region") == "C(region)"
    assert _advice(res, "urban.region") == "C(region)[T.urban]"
    assert _advice(res, "[bus]urban.region") == "bus:C(region)[T.urban]"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was: "did you mean --stars?", "--sep?", "--groups?", "--max-iter?", nothing
        (("--stats", "N"), "AIC, BIC and McFadden R2 are under mnlogit compare's table"),
        (("--keep", "income"), "--csv writes the table's cells"),
        (("--drop", "age"), "--csv writes the table's cells"),
        (("--mtitles", "a,b"), "the column headers are --names"),
        (("--b", "3"), "rounded for show"),
    ],
)
def test_esttabs_options_on_the_command_line(capsys, argv, said):
    from test_cli_files import _main, _one_line_error

    formulas = ("mode ~ parking", "mode ~ age")
    status, out, err = _main(capsys, "compare", "--dataset", "travel", *formulas, *argv)
    _one_line_error(status, out, err, said)
    assert "did you mean" not in err
