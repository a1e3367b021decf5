"""Mistakes a newcomer makes in the first minutes, each refused with what to write instead:
the data passed before the formula, a formula with nothing after '~', one row of a
DataFrame (a Series) or a dict given to predict."""

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


@pytest.mark.parametrize(
    "call",
    [
        lambda df: mnlogit.fit(df, "mode ~ age"),
        lambda df: mnlogit.check_separation(df, "mode ~ age"),
        lambda df: mnlogit.MNLogit.from_formula(df, "mode ~ age"),
    ],
    ids=["fit", "check_separation", "from_formula"],
)
def test_data_before_the_formula_says_to_swap_them(travel, call):
    # was: "data: expected a pandas DataFrame ...; got str", which named the formula as data
    with pytest.raises(mnlogit.exceptions.InputTypeError, match="formula comes first") as err:
        call(travel)
    assert "('mode ~ age', df)" in str(err.value)


@pytest.mark.parametrize("formula", ["mode ~ ", "mode ~", "mode ~\n"])
def test_nothing_after_the_tilde_is_refused(travel, formula):
    # formulaic reads 'y ~ ' as 'y ~ 1': a list of predictors joined into the formula that
    # came out empty fitted the intercept-only model with nothing said
    with pytest.raises(mnlogit.exceptions.FormulaError, match="nothing after '~'") as err:
        mnlogit.fit(formula, travel)
    assert "'mode ~ 1'" in str(err.value)
    assert mnlogit.fit("mode ~ 1", travel).params.shape == (1, 3)  # as it says to write


@pytest.mark.parametrize(
    ("newdata", "hint"),
    [
        (lambda df: df.iloc[0], r"df\.iloc\[\[i\]\]"),
        # a column is a Series too: the advice named only a row's df.iloc[[i]]
        (lambda df: df["age"], r"df\[\['x'\]\] keeps it a DataFrame"),
        (lambda df: {"age": 30.0}, r"pd\.DataFrame\("),
        # an array or a list of rows said only "got numpy.ndarray" (builtins.list)
        (lambda df: df[["age"]].to_numpy(), r"by name: pd\.DataFrame\(array, columns="),
        (lambda df: [[30.0]], r"by name: pd\.DataFrame\(rows, columns="),
    ],
    ids=["series", "column", "dict", "array", "list"],
)
def test_predict_on_a_row_or_a_dict_says_how_to_make_a_frame(travel, newdata, hint):
    res = mnlogit.fit("mode ~ age", travel, ref="car")
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=hint):
        res.predict(newdata(travel))


@pytest.mark.parametrize(
    "cells",
    [["\u22121.5", "\u22122.0"], ["\u22120.5", "1.5", "2.0", "\u22121.0"]],
    ids=["all-negative", "mixed"],
)
def test_numbers_with_the_minus_sign_u2212_are_named_as_such(cells):
    # all negative, they were words: a factor with a level per value, fitted with nothing
    # said; beside plain numbers the advice was to make the words missing, which would
    # have dropped every negative number
    n = 60
    df = pd.DataFrame({"y": ["a", "b", "c"] * (n // 3), "x": (cells * n)[:n]})
    with pytest.raises(mnlogit.exceptions.DataError, match="minus sign") as err:
        mnlogit.fit("y ~ x", df)
    fix = "df['x'] = pd.to_numeric(df['x'].str.replace('\u2212', '-'))"
    assert fix in str(err.value)
    fixed = df.assign(x=pd.to_numeric(df["x"].str.replace("\u2212", "-")))
    assert mnlogit.fit("y ~ x", fixed).params.index.tolist() == ["Intercept", "x"]
    # as categories, the values are the levels as written
    assert mnlogit.fit("y ~ C(x)", df).params.shape[0] == len(set(cells))


@pytest.mark.parametrize(
    "cells",
    [["(1.5)", "(2.0)"], ["(0.5)", "1.5", "2.0", "(1.0)"], ["0.5-", "1.5", "2.0", "1.0-"]],
    ids=["all-in-parentheses", "parentheses", "minus-after"],
)
def test_negative_numbers_written_as_accounts_write_them_are_named_as_such(cells):
    # in parentheses ('(1.5)') or with the minus after ('1.5-', as SAP exports): beside plain
    # numbers the advice was to make the words missing, dropping every negative number; all
    # in parentheses they were words, a factor with a level per value, fitted with nothing said
    n = 60
    df = pd.DataFrame({"y": ["a", "b", "c"] * (n // 3), "x": (cells * n)[:n]})
    with pytest.raises(mnlogit.exceptions.DataError, match="written as accounts") as err:
        mnlogit.fit("y ~ x", df)
    fix = r"pd.to_numeric(df['x'].str.replace(r'^\((.*)\)$|^(.*)-$', r'-\1\2', regex=True))"
    assert fix in str(err.value)
    fixed = df.assign(
        x=pd.to_numeric(df["x"].str.replace(r"^\((.*)\)$|^(.*)-$", r"-\1\2", regex=True))
    )
    assert (fixed["x"] < 0).sum() == sum(not c[0].isdigit() or c.endswith("-") for c in df["x"])
    assert mnlogit.fit("y ~ x", fixed).params.index.tolist() == ["Intercept", "x"]
    assert mnlogit.fit("y ~ C(x)", df).params.shape[0] == len(set(cells))


@pytest.mark.parametrize("mark", [" ", "\u00a0", "\u202f", "'"])
@pytest.mark.parametrize("small", [False, True], ids=["grouped", "beside-small"])
def test_numbers_grouped_by_a_space_or_apostrophe_are_refused_as_numbers_as_text(mark, small):
    # '15 000' and "15'000" were words: a factor with a level per value, fitted with nothing
    # said; beside '900' the advice was to make them missing, dropping every number >= 1000
    values = [f"{v:,}".replace(",", mark) for v in [15000, 20000, 25000, 1234567]]
    if small:
        values[0] = "900"
    df = pd.DataFrame({"y": ["a", "b", "c"] * 20, "x": (values * 15)[:60]})
    with pytest.raises(mnlogit.exceptions.DataError, match="stored as text") as err:
        mnlogit.fit("y ~ x", df)
    assert f"pd.read_csv(..., thousands={mark!r})" in str(err.value)
    assert mnlogit.fit("y ~ C(x)", df).params.shape[0] == 4  # as categories, as written


@pytest.mark.parametrize(
    ("option", "hint"),
    [
        # R's subset= on survey data must keep the design: subpop=, not a subset of the rows
        ("subset", r"subpop= estimates for a subpopulation with the whole design in the variance"),
        ("vce", r"cov_type= \('robust', or 'cluster' with groups=\)"),
        ("baseoutcome", "the reference outcome is ref="),
        ("maxit", "max_iter="),
        ("weigths", "did you mean weights=?"),
        ("REF", r"did you mean ref=\?"),
        ("robust", "robust standard errors are cov_type='robust'"),
        ("strata", r"strata= is a survey design's: design=mnlogit.SurveyDesign\("),
        # the fit's answer listed its arguments, which do not hold it
        (
            "lonely_psu",
            r"lonely_psu= is a survey design's: .*SurveyDesign\(weights=\.\.\., lonely_psu=",
        ),
        ("control", "max_iter=, tol="),
        ("nonsense", "it takes formula, data, ref, weights, cov_type"),
        # statsmodels' cov_kwds, pyfixest's vcov=, the standard errors asked as se=: the
        # list of fit's arguments said nothing of the covariance
        ("cov_kwds", r"clusters are groups='column' beside cov_type='cluster'"),
        ("vcov", r"the standard errors' covariance is cov_type= \('nonrobust'"),
        ("se", r"the standard errors' covariance is cov_type= \('nonrobust'"),
    ],
)
def test_r_and_stata_option_names_say_what_fit_calls_them(travel, option, hint):
    # was Python's bare "fit() got an unexpected keyword argument 'subset'"
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=hint) as err:
        mnlogit.fit("mode ~ age", travel, ref="car", **{option: "x"})
    assert isinstance(err.value, TypeError)
    assert f"fit() got an unexpected keyword argument {option!r}" in str(err.value)


@pytest.mark.parametrize(
    ("option", "hint"),
    [
        ("maxit", "the iteration limit is max_iter="),
        # the same R and Stata names, answered with what this entry point takes: the
        # groups, weights, reference and subpopulation are the model's, not fit()'s
        ("vce", r"cov_type= \('robust', or 'cluster' with the model's groups=: MNLogit\(y, X"),
        ("cluster", r"cov_type='cluster' with the model's groups=: MNLogit\(y, X, groups="),
        ("subset", r"the model's subpop= .*MNLogit\(y, X, design=\.\.\., subpop=\.\.\.\)"),
        ("subset", r"MNLogit.from_formula\(formula, df\[df.x == 1\]"),
        ("weight", r"the model's: MNLogit\(y, X, weights=\.\.\.\)"),
        ("pweight", r"MNLogit\(y, X, weights=\.\.\., weight_type='probability'\)"),
        ("baseoutcome", r"the reference outcome is the model's: MNLogit\(y, X, ref="),
        ("na_action", r"MNLogit.from_formula\(formula, df, missing='drop'\) is R's na.omit"),
        # options mnlogit.fit() takes and MNLogit.fit() leaves to the model
        ("weights", r"weights= is the model's: MNLogit\(y, X, weights=\.\.\.\)"),
        ("groups", r"MNLogit.from_formula\(formula, df, groups=\.\.\.\)"),
        ("ref", r"ref= is the model's"),
        ("design", r"design= is the model's"),
        (
            "lonely_psu",
            r"a survey design is the model's: .*design=mnlogit.SurveyDesign\(lonely_psu=",
        ),
        ("subpop", r"subpop= is the model's"),
        ("weight_type", r"MNLogit\(y, X, weight_type='probability'\)"),
        ("missing", r"missing= is the model's: MNLogit.from_formula"),
        ("safe_formula", r"check_formula_safe\(formula\)"),
        ("weigths", r"did you mean weights=\? weights= is the model's"),
        ("nonsense", "it takes cov_type, method, max_iter, tol, threads, verbose, penalty, C$"),
    ],
)
@pytest.mark.parametrize("build", ["arrays", "formula"])
def test_mnlogit_fit_says_what_it_calls_other_options(travel, build, option, hint):
    # was Python's bare "MNLogit.fit() got an unexpected keyword argument 'maxit'"
    if build == "formula":
        model = mnlogit.MNLogit.from_formula("mode ~ age", travel, ref="car")
    else:
        model = mnlogit.MNLogit(travel["mode"], travel[["age"]].assign(one=1.0), ref="car")
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=hint) as err:
        model.fit(**{option: "x"})
    assert isinstance(err.value, TypeError)
    assert f"MNLogit.fit() got an unexpected keyword argument {option!r}" in str(err.value)


@pytest.mark.parametrize(
    ("option", "hint"),
    [
        # the estimation's options, which the model's fit() takes
        ("cov_type", r"cov_type= is the fit's: {model}\.fit\(cov_type=\.\.\.\)"),
        ("max_iter", r"max_iter= is the fit's"),
        ("maxit", r"the iteration limit is the fit's max_iter=: {model}\.fit\(max_iter="),
        ("vce", r"{model}\.fit\(cov_type='robust'\), or cov_type='cluster' with groups= here"),
        ("cluster", r"clusters are groups= here, with {model}\.fit\(cov_type='cluster'\)"),
        ("weight", "the weights are weights="),
        ("pweight", "weight_type='probability', or a design="),
        ("baseoutcome", "the reference outcome is ref="),
        ("family", "takes no family"),
        ("subset", "subpop= estimates for a subpopulation"),
        ("cov_typ", r"did you mean cov_type=\? cov_type= is the fit's"),
        ("robust", r"robust standard errors are the fit's: {model}\.fit\(cov_type='robust'\)"),
        ("psu", r"psu= is a survey design's: design=mnlogit.SurveyDesign\(psu=\.\.\.\)"),
        ("lonely_psu", r"lonely_psu= is a survey design's: .*SurveyDesign\(lonely_psu=\.\.\.\)"),
        ("control", r"{model}\.fit\(max_iter=\.\.\., tol=\.\.\.\)"),
        ("weigths", r"did you mean weights=\?"),
    ],
)
@pytest.mark.parametrize("build", ["arrays", "formula"])
def test_the_model_constructors_say_what_they_call_other_options(travel, build, option, hint):
    # was Python's bare "MNLogit.__init__() got an unexpected keyword argument 'cov_type'"
    if build == "formula":
        model, build_model = "MNLogit.from_formula(formula, df)", mnlogit.MNLogit.from_formula
        args = ("mode ~ age", travel)
    else:
        model, build_model = "MNLogit(y, X)", mnlogit.MNLogit
        args = (travel["mode"], travel[["age"]].assign(one=1.0))
    with pytest.raises(
        mnlogit.exceptions.InputTypeError, match=hint.format(model=re.escape(model))
    ) as err:
        build_model(*args, ref="car", **{option: "x"})
    assert isinstance(err.value, TypeError)
    name = "MNLogit.from_formula" if build == "formula" else "MNLogit"
    assert f"{name}() got an unexpected keyword argument {option!r}" in str(err.value)


@pytest.mark.parametrize(
    ("option", "build", "hint"),
    [
        ("na_action", "arrays", r"MNLogit\(y, X\) refuses missing values: .* missing='drop'"),
        ("missing", "arrays", r"MNLogit\(y, X\) refuses missing values"),
        ("na_action", "formula", "missing='drop' is R's na.omit"),
        ("data", "arrays", r"build the model with MNLogit.from_formula\(formula, df\)"),
        ("formula", "arrays", r"MNLogit.from_formula\(formula, df\)"),
        ("safe_formula", "formula", r"check_formula_safe\(formula\)"),
        ("nonsense", "arrays", "it takes y, X, ref, weights, groups, weight_type, design, subpop$"),
    ],
)
def test_each_constructor_answers_for_itself(travel, option, build, hint):
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=hint):
        if build == "formula":
            mnlogit.MNLogit.from_formula("mode ~ age", travel, **{option: "x"})
        else:
            mnlogit.MNLogit(travel["mode"], travel[["age"]], **{option: "x"})


def test_the_constructors_keep_their_signatures():
    import inspect

    assert list(inspect.signature(mnlogit.MNLogit).parameters)[:3] == ["y", "X", "ref"]
    assert list(inspect.signature(mnlogit.MNLogit.from_formula).parameters)[:2] == [
        "formula",
        "data",
    ]


def test_each_option_hint_names_options_its_entry_point_or_model_takes():
    import inspect
    import re

    from mnlogit import iia
    from mnlogit._other_options import (
        ANOVA,
        CHECK,
        CLASSIFIER,
        CLASSIFIER_FIT,
        COMPARE,
        CONF_INT,
        CONTRAST,
        FIGURES,
        FIT,
        FROM_FORMULA,
        IIA_TABLE,
        IIA_TABLE_FUNCTION,
        LR_TEST,
        MARGINAL_EFFECTS,
        MARGINS,
        MARGINS_FRAME,
        MODEL,
        MODEL_FIT,
        ODDS_RATIOS,
        OTHER_OPTIONS,
        PLOT,
        PREDICT,
        PREDICTION_INTERVALS,
        RES_LR_TEST,
        SUMMARY,
        TO_CSV,
        TO_FRAME,
        TO_LATEX,
        WALD_TEST,
        WITH_REF,
    )
    from mnlogit.margins import Margins
    from mnlogit.report import plotting

    pytest.importorskip("sklearn")
    from mnlogit.sklearn import MNLogitClassifier

    def names(*funcs):
        return {n for f in funcs for n in inspect.signature(f).parameters}

    results = names(mnlogit.MNLogitResults.summary, mnlogit.MNLogitResults.conf_int)
    model = names(mnlogit.MNLogit.__init__, mnlogit.MNLogit.from_formula)
    every_model = names(mnlogit.MNLogit.fit, mnlogit.SurveyDesign) | results | model
    allowed = {
        FIT: names(mnlogit.fit, mnlogit.SurveyDesign) | results,
        MODEL_FIT: every_model,
        MODEL: every_model,
        FROM_FORMULA: every_model,
    }
    classifier = names(MNLogitClassifier.__init__, MNLogitClassifier.fit)
    # the classifier's hints send to its own options, or to MNLogit's for what it has not
    allowed[CLASSIFIER] = allowed[CLASSIFIER_FIT] = classifier | every_model
    # the results' methods with intervals send to their own options
    for entry, method in ((SUMMARY, "summary"), (CONF_INT, "conf_int")):
        allowed[entry] = names(getattr(mnlogit.MNLogitResults, method)) - {"self"}
    # predictions and margins send to their own options or to each other's
    results_class = mnlogit.MNLogitResults
    methods = {
        # the tables, their exports and with_ref send to their own options
        ODDS_RATIOS: results_class.odds_ratios,
        TO_FRAME: results_class.to_frame,
        TO_CSV: results_class.to_csv,
        TO_LATEX: results_class.to_latex,
        WITH_REF: results_class.with_ref,
        PREDICT: results_class.predict,
        PREDICTION_INTERVALS: results_class.prediction_intervals,
        MARGINS: results_class.margins,
        MARGINAL_EFFECTS: results_class.marginal_effects,
        CONTRAST: Margins.contrast,
        PLOT: Margins.plot,
        MARGINS_FRAME: Margins.to_frame,
    }
    predictions = names(results_class.predict, results_class.prediction_intervals)
    margins = names(results_class.margins, results_class.marginal_effects)
    for entry in (ODDS_RATIOS, TO_FRAME, TO_CSV, TO_LATEX, WITH_REF):
        allowed[entry] = names(methods[entry]) - {"self"}
    for entry, near in (
        (PREDICT, predictions),
        (PREDICTION_INTERVALS, predictions),
        (MARGINS, margins),
        (MARGINAL_EFFECTS, margins),
        (CONTRAST, margins | names(Margins.contrast)),
        (PLOT, margins | names(Margins.plot)),
        (MARGINS_FRAME, margins),
    ):
        allowed[entry] = near - {"self"}
    for entry in FIGURES:
        methods[entry] = getattr(results_class, entry)
        allowed[entry] = names(getattr(plotting, entry)) - {"res"}
    # the tests send to their own options, to the fit's (a covariance to refit with) and
    # iia_table to iia_test
    methods.update({ANOVA: results_class.anova, IIA_TABLE: results_class.iia_table})
    methods[LR_TEST] = mnlogit.lr_test
    methods[RES_LR_TEST] = results_class.lr_test
    methods[WALD_TEST] = results_class.wald_test
    allowed[WALD_TEST] = names(results_class.wald_test) - {"self"}
    for entry in (ANOVA, LR_TEST, RES_LR_TEST):
        allowed[entry] = (names(methods[entry]) | names(mnlogit.fit)) - {"self"}
    allowed[IIA_TABLE] = names(results_class.iia_table, results_class.iia_test) - {"self"}
    methods[IIA_TABLE_FUNCTION] = iia.iia_table
    allowed[IIA_TABLE_FUNCTION] = names(iia.iia_table, iia.iia_test)
    # the comparison table sends to its own options
    methods[COMPARE] = mnlogit.compare
    allowed[COMPARE] = names(mnlogit.compare)
    # the classifier's predictions and score send to each other's options and fit's
    for method in ("predict", "predict_proba", "predict_log_proba", "decision_function", "score"):
        methods[f"MNLogitClassifier.{method}"] = getattr(MNLogitClassifier, method)
        allowed[f"MNLogitClassifier.{method}"] = classifier | names(MNLogitClassifier.score)
    own = {
        **{entry: names(method) - {"self"} for entry, method in methods.items()},
        SUMMARY: allowed[SUMMARY],
        CONF_INT: allowed[CONF_INT],
        FIT: names(mnlogit.fit),
        MODEL_FIT: names(mnlogit.MNLogit.fit),
        MODEL: names(mnlogit.MNLogit.__init__),
        FROM_FORMULA: names(mnlogit.MNLogit.from_formula),
        CLASSIFIER: names(MNLogitClassifier.__init__),
        CLASSIFIER_FIT: names(MNLogitClassifier.fit),
    }
    # check_separation sends to its own options
    own[CHECK] = allowed[CHECK] = names(mnlogit.check_separation)
    for option, hints in OTHER_OPTIONS.items():
        assert set(hints) <= set(allowed), option
        for entry, hint in hints.items():
            assert option not in own[entry], (option, entry)  # never reached otherwise
            named = set(re.findall(r"(?<![\w.])(\w+)=", hint))
            # mnlogit.fit()'s own options where the hint sends the user there
            sent = own[FIT] if "mnlogit.fit(" in hint else set()
            assert named <= allowed[entry] | sent, (option, entry, named - allowed[entry])
            # an option of the model is named as the model's, not as one of this fit()'s
            for name in named & (model - own[entry] - classifier):
                assert "model's" in hint or "MNLogit" in hint, (option, entry, name)
    # every R/Stata name fit() answers is answered by MNLogit.fit too
    assert {o for o, h in OTHER_OPTIONS.items() if FIT in h} <= {
        o for o, h in OTHER_OPTIONS.items() if MODEL_FIT in h
    }


def test_mnlogit_fit_still_shows_its_own_signature_and_docstring():
    import inspect

    assert list(inspect.signature(mnlogit.MNLogit.fit).parameters) == [
        "self",
        "cov_type",
        "method",
        "max_iter",
        "tol",
        "threads",
        "verbose",
        "penalty",
        "C",
    ]
    assert (mnlogit.MNLogit.fit.__doc__ or "").startswith("Estimate the coefficients.")


def test_fit_still_shows_its_own_signature_and_docstring():
    import inspect

    assert list(inspect.signature(mnlogit.fit).parameters)[:4] == [
        "formula",
        "data",
        "ref",
        "weights",
    ]
    assert (mnlogit.fit.__doc__ or "").startswith("Fit a multinomial logit from an R-style formula")


@pytest.mark.parametrize(
    "formula",
    ['relevel(mode, ref="car") ~ age', "factor(mode) ~ age", "as.factor(mode) ~ age"],
)
def test_r_functions_on_the_outcome_say_to_name_it_and_give_ref(travel, formula):
    # relevel() on the outcome was answered with C(x, Treatment('level')), the advice for a
    # predictor, which the outcome then refused as "not a column name"
    with pytest.raises(mnlogit.exceptions.FormulaError) as err:
        mnlogit.fit(formula, travel)
    message = str(err.value)
    assert "write mode on the left" in message
    assert "Treatment" not in message
    assert mnlogit.fit("mode ~ age", travel, ref="car").ref == "car"  # as it says to write


def test_the_command_line_says_ref_as_its_option(capsys):
    from mnlogit.__main__ import main

    assert main(["fit", "--dataset", "travel", 'relevel(mode, ref="car") ~ age']) == 2
    err = capsys.readouterr().err
    assert 'with --ref "car"' in err and "mnlogit.fit(" not in err, err


def test_lr_test_of_one_fit_points_to_its_test_against_the_null(travel):
    # Python's "lr_test() missing 1 required positional argument: 'full'" said nothing of
    # res.lr_test()
    res = mnlogit.fit("mode ~ age", travel, ref="car")
    with pytest.raises(mnlogit.MNLogitError, match=r"given one; res\.lr_test\(\) tests"):
        mnlogit.lr_test(res)
    assert res.lr_test().df == 3


def test_lr_test_of_fits_in_a_list_says_how_to_pass_them(travel):
    # R's anova(m1, m2) habit: the list of two fits was told it was one fit
    fits = [mnlogit.fit(f, travel, ref="car") for f in ("mode ~ age", "mode ~ age + parking")]
    for given in (fits, tuple(fits)):
        with pytest.raises(mnlogit.MNLogitError, match=r"of 2: pass them as .*lr_test\(\*fits\)"):
            mnlogit.lr_test(given)
    assert mnlogit.lr_test(*fits).df == 3
    three = [*fits, mnlogit.fit("mode ~ age + parking + region", travel, ref="car")]
    with pytest.raises(mnlogit.MNLogitError, match=r"of 3: .*two nested fits at a time"):
        mnlogit.lr_test(three)
    # as R's anova(m1, m2, m3): Python's TypeError said only how many arguments it takes
    with pytest.raises(mnlogit.MNLogitError, match=r"two nested fits at a time; got 3 fits"):
        mnlogit.lr_test(*three)


@pytest.mark.parametrize("term", ["d.dt.year", "x.values"])
def test_a_bare_attribute_of_a_column_is_told_to_go_inside_a_call(term):
    """formulaic looks a bare d.dt.year up as one column's name: 'column d.dt.year is not in
    the data', though d is; inside I() it is Python, and what the user meant."""
    rng = np.random.default_rng(1)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=60),
            "d": pd.date_range("2000-01-01", periods=60, freq="30D"),
            "y": rng.choice(["a", "b"], 60),
        }
    )
    with pytest.raises(mnlogit.MNLogitError, match=rf"is a column.*write I\({term}\)"):
        mnlogit.fit(f"y ~ {term} + x", df)
    assert f"I({term})" in mnlogit.fit(f"y ~ I({term})", df).params.index


@pytest.mark.parametrize(
    ("call", "hint"),
    [
        (lambda r: r.predict("class"), r"got 'class', a kind of .*res.predict\(kind='class'\)"),
        (lambda r: r.predict("link"), r"res.predict\(newdata, kind='link'\) for new ones"),
        (
            lambda r: r.prediction_intervals(0.1),
            r"got 0.1, an error rate; .*res.prediction_intervals\(alpha=0.1\)",
        ),
    ],
    ids=["class", "link", "alpha"],
)
def test_a_kind_or_an_error_rate_in_newdatas_place_says_its_keyword(travel, call, hint):
    # was: "newdata: expected a pandas DataFrame; got builtins.str" (or float), which quoted
    # neither the value nor the way
    res = mnlogit.fit("mode ~ parking", travel, ref="car")
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=hint):
        call(res)
    assert res.predict(kind="class").size == len(travel)


@pytest.mark.parametrize(
    ("cov_type", "hint"),
    [
        ("hetero", r"pyfixest's 'hetero' \(HC1\) is closest to cov_type='robust'"),
        ("iid", "write cov_type='nonrobust'"),
        ("CRV1", r"closest to cov_type='cluster' with groups= here \(scaled by G/\(G-1\) only"),
        ("opg", "outer-product, bootstrap and jackknife covariances are not offered"),
        ("bootstrap", "outer-product, bootstrap and jackknife covariances are not offered"),
    ],
)
def test_other_packages_covariance_names_are_answered(travel, cov_type, hint):
    # pyfixest's vcov names and Stata's vce(opg) got only the list of covariances
    with pytest.raises(mnlogit.exceptions.OptionError, match=hint):
        mnlogit.fit("mode ~ age", travel, cov_type=cov_type)


@pytest.mark.parametrize(
    "call",
    [
        lambda df: mnlogit.fit("mode ~ age + income", df.set_index("age")),
        lambda df: mnlogit.fit("mode ~ age", df).predict(df.set_index(["age", "income"])),
        lambda df: (
            mnlogit.sklearn.MNLogitClassifier(formula="age")
            .fit(df[["age"]], df["mode"])
            .predict(df[["age"]].set_index("age").assign(z=1))
        ),
    ],
    ids=["fit", "predict", "classifier"],
)
def test_a_column_made_the_index_says_to_reset_it(travel, call):
    # df.set_index("age") before a fit or predict: "column 'age' is not in newdata" alone
    # left the user looking at a frame that shows age as its first column
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError) as err:
        call(travel.dropna())
    assert "'age' is the index, the rows' labels: make it a column again (.reset_index())" in (
        str(err.value)
    )
