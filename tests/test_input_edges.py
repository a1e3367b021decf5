"""Inputs a careless or hostile user gives: factors of new data with values the fit never
saw, quoted column names, text columns that mix numbers with words or blanks, outcomes whose
values cannot be levels, and references that name a level only the dropped rows have."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit._value_kinds import MISSING_TEXT
from mnlogit.exceptions import (
    ColumnNotFoundError,
    DataError,
    FormulaError,
    InputTypeError,
    LevelError,
)


def simulated(n: int = 300, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "k": rng.integers(0, 3, n),
            "g": rng.choice(["u", "v", "w"], n),
        }
    )
    eta = np.column_stack([np.zeros(n), 0.8 * d["x"], 0.4 * d["k"] - 0.5])
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    d["y"] = np.array(["a", "b", "c"], dtype=object)[codes]
    return d


# --- new data: values of C(column) the fit never saw --------------------------------------------
@pytest.mark.parametrize(
    ("formula", "column", "value", "shown", "levels"),
    [
        ("y ~ x + C(k)", "k", 5, r"\{5\}", "0, 1, 2"),
        ("y ~ x + C(k)", "k", 1.5, r"\{1\.5\}", "0, 1, 2"),
        ("y ~ x + C(k, contr.sum)", "k", 7, r"\{7\}", "0, 1, 2"),
        ("y ~ C(`k k`):x", "k k", 9, r"\{9\}", "0, 1, 2"),
        ("y ~ x + C(g, levels=['w', 'v', 'u'])", "g", "zz", r"\{'zz'\}", "'w', 'v', 'u'"),
    ],
)
def test_an_unseen_value_of_a_c_factor_names_the_column_and_the_fitted_levels(
    formula, column, value, shown, levels
):
    d = simulated().assign(**{"k k": lambda f: f["k"]})
    res = mnlogit.fit(formula, d)
    new = d.head(2).astype({column: object})
    new.loc[new.index[1], column] = value
    before = new.copy()
    with pytest.raises(
        LevelError, match=rf"newdata: column '{column}' \(in C\(.*has value\(s\) {shown}.*{levels}"
    ):
        res.predict(new)
    pd.testing.assert_frame_equal(new, before)
    # the fitted levels themselves still predict
    assert res.predict(d.head(2)).notna().all().all()


def test_text_for_a_number_level_of_a_c_factor_says_which_kind_each_is():
    res = mnlogit.fit("y ~ x + C(k)", simulated())
    with pytest.raises(LevelError, match=r"column 'k' \(in C\(k\)\).*'1' is a str; the level 1"):
        res.predict(pd.DataFrame({"x": [0.0], "k": ["1"]}))


def test_an_unseen_value_of_a_computed_factor_names_the_factor_and_its_levels():
    d = simulated()
    res = mnlogit.fit("y ~ C(np.round(x / 10))", d.assign(x=d["k"] * 10.0))
    with pytest.raises(LevelError, match=r"\{9\.0\}.*C\(np\.round\(x / 10\)\): 0\.0, 1\.0, 2\.0"):
        res.predict(pd.DataFrame({"x": [0.0, 90.0]}))


# --- quoted column names --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "formula", ["y ~ Q('a.b')", 'y ~ Q("a.b") + x', "y ~ I(Q('a.b') * 2)", "y ~ Q('a.b'):x"]
)
@pytest.mark.parametrize("with_a", [False, True])
def test_q_reads_a_dotted_column_name_whole(formula, with_a):
    d = simulated()
    d["a.b"] = d["k"] + 0.5 * d["x"]
    if with_a:  # a column named like the name's first piece, with missing values
        d["a"] = np.where(d["x"] > 0, np.nan, 1.0)
    res = mnlogit.fit(formula, d)
    backticked = mnlogit.fit(formula.replace("Q('a.b')", "`a.b`").replace('Q("a.b")', "`a.b`"), d)
    assert res.nobs == len(d)
    np.testing.assert_allclose(res.params.to_numpy(), backticked.params.to_numpy())
    np.testing.assert_allclose(res.predict(d.head(5)), res.predict().head(5), atol=1e-12)


@pytest.mark.parametrize(
    "formula", ["y ~ `a.b` + x", "y ~ np.log(`a.b` + 3) + x", "y ~ Q('a.b'):x"]
)
def test_a_dotted_variable_has_its_effects_margins_and_figures(formula):
    # formulaic's required_variables reads `a.b` as a: its effects, margins at its values and
    # its figures were left out (marginal_effects() gave x's rows only) or failed with KeyError
    d = simulated()
    d["a.b"] = d["k"] + 0.5 * d["x"]
    res = mnlogit.fit(formula, d)
    same = mnlogit.fit(
        formula.replace("`a.b`", "ab").replace("Q('a.b')", "ab"), d.assign(ab=d["a.b"])
    )
    effects, expected = res.marginal_effects(), same.marginal_effects()
    assert effects.index.get_level_values("variable").unique().tolist() == ["a.b", "x"]
    np.testing.assert_allclose(effects.to_numpy(), expected.to_numpy(), rtol=1e-10, atol=1e-12)
    margins = res.margins(at={"a.b": [0.0, 1.0]}).to_frame()
    np.testing.assert_allclose(
        margins["estimate"], same.margins(at={"ab": [0.0, 1.0]}).to_frame()["estimate"], rtol=1e-12
    )
    pytest.importorskip("matplotlib")
    res.plot_probabilities("a.b")


def test_a_missing_dotted_value_is_not_called_outside_a_transforms_domain():
    # the row's NaN came from its missing `a.b`, and the warning said its values were finite
    # and the design column 'Intercept' was outside a transform's domain
    d = simulated()
    d["a.b"] = d["k"] + 1.0
    res = mnlogit.fit("y ~ np.log(`a.b`) + x", d)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        P = res.predict(d.head(2).assign(**{"a.b": [np.nan, 1.0]}))
    assert P.iloc[0].isna().all() and P.iloc[1].notna().all()
    assert len(caught) == 1 and "transform" not in str(caught[0].message)
    assert "1 row(s) (0) have a missing or infinite value in a column the model reads ('a.b')" in (
        str(caught[0].message)
    )
    with pytest.warns(mnlogit.MNLogitWarning, match=r"'np.log\(`a.b`\)' the value nan"):
        res.predict(d.head(2).assign(**{"a.b": [-1.0, 1.0]}))


# --- text columns: numbers with words, blanks -----------------------------------------------------
@pytest.mark.slow
@given(
    numbers=st.lists(st.integers(0, 3), min_size=3, max_size=3),
    word=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8).filter(
        lambda w: w.lower() not in MISSING_TEXT
    ),
    as_text=st.booleans(),
    row=st.integers(0, 299),
)
@settings(max_examples=25, deadline=None)
def test_numbers_with_a_word_are_refused_unless_the_formula_says_categories(
    numbers, word, as_text, row
):
    d = simulated()
    values = d["k"].map(dict(enumerate(numbers))).astype(object)
    if as_text:  # as read from a CSV file
        values = values.astype(str)
    values.iloc[row] = word
    d["k"] = values
    before = d.copy()
    with pytest.raises(DataError, match=rf"column 'k' mixes numbers .* words \(e.g. '{word}'\)"):
        mnlogit.fit("y ~ x + k", d)
    pd.testing.assert_frame_equal(d, before)
    # written as categories, its values are the levels
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)  # the word's row is separated
        res = mnlogit.fit("y ~ x + C(k)", d)
    assert sum(name.startswith("C(k)[T.") for name in res.params.index) == d["k"].nunique() - 1


@pytest.mark.parametrize("blank", ["", " ", "\t"])
@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ x + C(g)"])
def test_blank_text_beside_categories_is_refused(blank, formula):
    d = simulated()
    d.loc[3, "g"] = blank
    with pytest.raises(DataError, match=rf"column 'g' has blank text \({re.escape(repr(blank))}\)"):
        mnlogit.fit(formula, d)


@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_outcome_is_refused_not_fitted_as_a_level(blank):
    d = simulated()
    d.loc[[3, 7], "y"] = blank
    with pytest.raises(DataError, match=rf"outcome 'y' has blank values \({blank!r}\)"):
        mnlogit.fit("y ~ x", d)
    # as missing values they are dropped
    assert mnlogit.fit("y ~ x", d.replace({"y": {blank: np.nan}})).nobs == len(d) - 2


@pytest.mark.parametrize(
    ("values", "text"),
    [
        ([0.0, 1.0, np.inf], r"cannot be levels \(inf\)"),
        ([0j, 1 + 0j, 2 + 0j], r"cannot be levels \(.*j"),
        ([(1,), ("a",), (2,)], "cannot be put in order"),
    ],
)
def test_outcome_values_that_cannot_be_levels_are_refused(values, text):
    d = simulated()
    d["y"] = pd.Series([values[i % 3] for i in range(len(d))], dtype=object)
    with pytest.raises(DataError, match=rf"outcome 'y' has values that {text}"):
        mnlogit.fit("y ~ x", d)


# --- names and references -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("formula", "what", "hint"),
    [
        ("Y ~ x", "the data", "the column 'y' differs from it only by letter case"),
        ("y ~ x + g ", "the data", None),
    ],
)
def test_a_column_named_with_other_case_or_white_space_is_pointed_out(formula, what, hint):
    d = simulated().rename(columns={"g": "g "})
    if hint is None:
        hint = "the column 'g ' differs from it only by white space"
    with pytest.raises(ColumnNotFoundError, match=f"is not in {what}; {re.escape(hint)}"):
        mnlogit.fit(formula, d)


@pytest.mark.parametrize(
    ("space", "said"), [("\u00a0", "a no-break space (U+00A0)"), ("\t", "a tab (U+0009)")]
)
def test_a_column_named_with_a_space_no_formula_types_is_advised_a_rename(space, said):
    # was "name it as written, `g `": typed so, the space named no column either
    d = simulated().rename(columns={"g": f"g{space}"})
    with pytest.raises(ColumnNotFoundError) as refused:
        mnlogit.fit("y ~ x + g", d)
    assert f"differs from it only by white space, {said}, which a formula typed with" in str(
        refused.value
    )
    assert f"rename it first, e.g. df.rename(columns={{{'g' + space!r}: 'g'}})" in str(
        refused.value
    )
    renamed = d.rename(columns={f"g{space}": "g"})
    assert mnlogit.fit("y ~ x + g", renamed).converged


def test_a_column_missing_from_new_data_says_newdata():
    res = mnlogit.fit("y ~ x + g", simulated())
    with pytest.raises(ColumnNotFoundError, match=r"column 'g' is not in newdata; .* 'G'"):
        res.predict(pd.DataFrame({"x": [0.0], "G": ["u"]}))


def test_a_reference_only_rows_dropped_for_missing_values_have_says_so():
    d = simulated()
    d.loc[:4, "y"] = "q"
    d.loc[:4, "x"] = np.nan
    with pytest.raises(LevelError, match=r"ref='q' .* only of rows dropped for missing values"):
        mnlogit.fit("y ~ x", d, ref="q")
    # without the predictor that is missing, 'q' is a level
    assert mnlogit.fit("y ~ g", d, ref="q").ref == "q"


@pytest.mark.parametrize("ref", [["a"], ("a",), {"a"}, np.array(["a"]), pd.Series(["a"])])
def test_several_values_for_ref_are_refused_as_not_one_level(ref):
    with pytest.raises(LevelError, match=r"ref: expected one level of outcome 'y' \('a', 'b'"):
        mnlogit.fit("y ~ x", simulated(), ref=ref)


# --- new data beyond a spline's bounds, or categories for a number --------------------------------
@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        (
            "y ~ bs(x, df=4) + g",
            # the row as the index names it: a label of an Index of int64 printed as np.int64(3)
            r"column 'x' has 1 value\(s\) outside \[.*bs\(x, df=4\) \(e.g. 100 in row 3\)",
        ),
        ("y ~ bs(np.exp(x), df=4)", r"bs\(np\.exp\(x\), df=4\) is asked for values beyond"),
    ],
)
def test_new_data_beyond_a_splines_bounds_are_refused_naming_them(formula, shown):
    d = simulated()
    res = mnlogit.fit(formula, d)
    new = d.iloc[[5, 3, 7]].copy()  # as a cross-validation's test fold
    new.loc[new.index[1], "x"] = 100.0
    with pytest.raises(DataError, match=shown):
        res.predict(new)
    # inside the bounds, and missing values, predict as before
    new.loc[new.index[1], "x"] = np.nan
    assert res.predict(new).iloc[[0, 2]].notna().all().all()


@pytest.mark.parametrize(
    "formula", ["y ~ bs(x, df=4, extrapolation='clip')", "y ~ cr(x, df=4, constraints='center')"]
)
def test_a_spline_defined_beyond_its_bounds_predicts_there(formula):
    res = mnlogit.fit(formula, simulated())
    assert res.predict(pd.DataFrame({"x": [0.0, 100.0]})).notna().all().all()


@pytest.mark.parametrize(
    "values", [["a", "b"], pd.Categorical([1.0, 2.0]), pd.array(["a", "b"], dtype="string")]
)
def test_categories_in_new_data_for_a_number_are_refused_naming_the_column(values):
    res = mnlogit.fit("y ~ x * g", simulated())
    with pytest.raises(DataError, match=r"newdata: column 'x' was numbers in fitting; got"):
        res.predict(pd.DataFrame({"x": values, "g": ["u", "v"]}))


# --- weights stored as objects --------------------------------------------------------------------
def test_frequency_weights_of_numbers_stored_as_objects_fit_as_numbers():
    d = simulated().assign(w=lambda f: 1 + f["k"])
    res = mnlogit.fit("y ~ x", d.astype({"w": object}), weights="w")
    pd.testing.assert_frame_equal(res.params, mnlogit.fit("y ~ x", d, weights="w").params)


@pytest.mark.parametrize(("value", "shown"), [("2", r"'2' \(str\)"), ("two", r"'two' \(str\)")])
def test_frequency_weights_of_text_are_refused_quoting_a_value(value, shown):
    d = simulated().assign(w=1).astype({"w": object})
    d.loc[4, "w"] = value
    with pytest.raises(InputTypeError, match=rf"weights: expected numbers; got {shown} in row 4"):
        mnlogit.fit("y ~ x", d, weights="w")


@pytest.mark.parametrize("values", [["1.5", "2"], [1.0, "abc"]])
def test_text_in_new_data_for_a_number_does_not_advise_rewriting_the_fitted_formula(values):
    res = mnlogit.fit("y ~ x + g", simulated())
    with pytest.raises(DataError, match=r"newdata: column 'x' .*fitted on numbers") as caught:
        res.predict(pd.DataFrame({"x": values, "g": ["u", "v"]}))
    assert "C(x)" not in str(caught.value)


# --- formula operators an R user reads otherwise --------------------------------------------------
@pytest.mark.parametrize(
    ("formula", "readings"),
    [
        ("y ~ x %in% g", "R reads it as 'x:g', formulaic as 'g + g:x'"),
        ("y ~ x + z %in% g", "R reads it as 'x + z:g', formulaic as 'x + g + g:z'"),
    ],
)
def test_in_operator_which_formulaic_reads_unlike_r_is_refused(formula, readings):
    df = simulated().assign(z=lambda f: f["x"] ** 2)
    with pytest.raises(FormulaError, match=r"'%in%' means other terms.*'x:g', or 'g/x'") as err:
        mnlogit.fit(formula, df)
    assert readings in str(err.value)
    # inside backticks it is part of a column's name
    d = simulated().assign(**{"x %in% g": lambda f: f["x"]})
    assert "x %in% g" in mnlogit.fit("y ~ `x %in% g`", d).params.index


@pytest.mark.parametrize("formula", ["y ~ x + offset(x)", "y ~ offset (log(x + 10)) + g"])
def test_an_offset_is_refused_as_unsupported_not_as_an_unknown_name(formula):
    # it was "'offset' ... is neither a column of the data nor a function formulaic knows"
    with pytest.raises(FormulaError, match=r"offset\(\) .* is not supported"):
        mnlogit.fit(formula, simulated())
    d = simulated().assign(**{"offset(x)": lambda f: f["x"]})  # a column's name, backticked
    assert "offset(x)" in mnlogit.fit("y ~ `offset(x)`", d).params.index


@pytest.mark.parametrize(
    "formula", ["y ~ hashed(g, levels=10)", "y ~ x + hashed (g)", "y ~ x:hashed(g, levels=4)"]
)
def test_hashed_terms_are_refused_for_what_hashing_does(formula):
    # it was "term 'hashed(g, levels=10)' is a factor with no level in the rows used"
    with pytest.raises(FormulaError, match=r"hashed\(\) is not supported: its hash buckets"):
        mnlogit.fit(formula, simulated())
    d = simulated().assign(**{"hashed(g)": lambda f: f["x"]})  # a column's name, backticked
    assert "hashed(g)" in mnlogit.fit("y ~ `hashed(g)`", d).params.index


@pytest.mark.parametrize("formula", ["y ~ x + .", "y ~ . - x"])
def test_a_dot_for_every_other_column_is_refused_anywhere_in_the_formula(formula):
    with pytest.raises(FormulaError, match=r"'\.' \(every other column\) is not supported"):
        mnlogit.fit(formula, simulated())


def test_outcome_numbers_that_differ_only_by_rounding_are_warned_of():
    d = simulated()
    d["y"] = np.array([0.0, 0.1 * 3, 1.0])[d["k"]]  # 0.30000000000000004, a computed code
    d.loc[d.index[:60], "y"] = d["y"].iloc[:60].round(6)  # 0.3 beside it
    with pytest.warns(mnlogit.MNLogitWarning, match=r"0\.3 and 0\.30000000000000004 differ only"):
        res = mnlogit.fit("y ~ x", d)
    assert len(res.outcomes) == 4
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.MNLogitWarning)
        assert len(mnlogit.fit("y ~ x", d.assign(y=d["y"].round(6))).outcomes) == 3


@pytest.mark.parametrize("dtype", [np.int64, np.float64])
def test_outcome_codes_that_are_whole_numbers_are_not_taken_for_rounding(dtype):
    # ten-digit codes (1234567890 and 1234567891) are closer than 1e-9 relative, and were
    # warned of as numbers differing only by rounding: whole numbers cannot
    d = simulated()
    d["y"] = (np.array([1_234_567_890, 1_234_567_891, 1_234_567_892])[d["k"]]).astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.MNLogitWarning)
        assert len(mnlogit.fit("y ~ x", d).outcomes) == 3


def test_a_transform_of_a_backticked_column_is_named_whole_in_its_refusals():
    # the expression's own backticks cut the name short: ')' and 'bs(' were quoted instead
    d = simulated().rename(columns={"x": "my x"})
    with pytest.raises(DataError, match=re.escape("'np.log(`my x`)' gives missing values")):
        mnlogit.fit("y ~ np.log(`my x`)", d)
    res = mnlogit.fit("y ~ bs(np.exp(`my x`), df=4)", d)
    with pytest.raises(DataError, match=re.escape("bs(np.exp(`my x`), df=4) is asked for")):
        res.predict(pd.DataFrame({"my x": [100.0]}))


@pytest.mark.parametrize(
    "term", ["lag(x)", "lag(x, 2)", "x.shift(1)", "I(x.diff())", "I(x.pct_change() + 1)"]
)
def test_lag_says_it_has_no_first_rows_and_what_to_fit_instead(term):
    # formulaic's lag() (pandas' shift, diff) leaves its first rows empty in any data: it was
    # refused as a transform giving missing values, 'e.g. log or sqrt of a negative number'
    d = simulated()
    with pytest.raises(DataError, match=r"no value in its first row\(s\)") as caught:
        mnlogit.fit(f"y ~ {term}", d)
    assert "sqrt" not in str(caught.value)
    advice = re.search(r"df\.assign\(x_lag=df\['x'\]\.shift\(1\)\)", str(caught.value))
    assert advice is not None
    # and what it advises fits: the rows without a lagged value are dropped
    res = mnlogit.fit("y ~ x_lag", d.assign(x_lag=d["x"].shift(1)))
    assert res.nobs == len(d) - 1


@pytest.mark.parametrize(
    ("formula", "name"),
    [
        ("y ~ I(`True` * x)", "True"),  # was the column x, labelled as the product
        ("y ~ C(`class`)", "class"),  # was 'invalid syntax (<unknown>, line 1)'
        ("y ~ np.log(`None` + 1) + x", "None"),
    ],
)
def test_a_keyword_column_inside_a_function_call_is_refused_naming_it(formula, name):
    d = simulated().assign(**{"True": 3.0, "class": "u", "None": 1.0})
    with pytest.raises(FormulaError, match=f"the column '{name}' is named like the Python"):
        mnlogit.fit(formula, d)
    with pytest.raises(FormulaError, match=f"the column '{name}'"):
        mnlogit.formula.check_formula_safe(formula)
    # as a term on its own it is looked up as a column
    d[name] = np.random.default_rng(1).normal(size=len(d))
    assert f"{name}" in mnlogit.fit(f"y ~ `{name}`", d).params.index


def test_q_inside_c_is_the_column_as_categories_as_backticks_are():
    # C(Q('k.k')) was a computed factor: text codes '0', '00' were refused as numbers stored
    # as text, marginal_effects() of number codes failed on its derivative, and over= and
    # new levels were not read as the column's
    d = simulated().assign(**{"k.k": lambda d: np.array(["0", "00", "1"])[d["k"]]})
    quoted, ticked = mnlogit.fit("y ~ C(Q('k.k')) + x", d), mnlogit.fit("y ~ C(`k.k`) + x", d)
    np.testing.assert_array_equal(quoted.params.to_numpy(), ticked.params.to_numpy())
    assert "C(Q('k.k'))[T.00]" in quoted.params.index
    with pytest.raises(LevelError, match=r"column 'k.k' \(in C\(Q\('k.k'\)\)\) has value"):
        quoted.predict(d.head(2).assign(**{"k.k": "000"}))
    numbers = d.assign(**{"k.k": d["k"]})
    quoted, ticked = (mnlogit.fit(f, numbers) for f in ("y ~ C(Q('k.k'))", "y ~ C(`k.k`)"))
    pd.testing.assert_frame_equal(quoted.marginal_effects(), ticked.marginal_effects())
    pd.testing.assert_frame_equal(
        quoted.margins(over="k.k").to_frame(), ticked.margins(over="k.k").to_frame()
    )


@pytest.mark.parametrize(
    ("formula", "hint"),
    [
        ("y ~ x + factor(g)", r"factor\(\) is R's.*write C\(x\)"),
        ("y ~ as.factor(k)", r"as\.factor\(\) is R's.*write C\(x\)"),  # was 'invalid syntax'
        ("y ~ relevel(g, ref='v') + x", r"relevel\(\) is R's.*Treatment\('level'\)"),
        ("y ~ ns(x, df=3)", r"ns\(\) is R's.*cr\(x, df=\.\.\., constraints='center'\)"),
        ("y ~ as.numeric(k)", r"as\.numeric\(\) is R's.*pd\.to_numeric"),
        # survival's and mgcv's terms were "neither a column of the data nor a function"
        ("y ~ x + cluster(g)", r"cluster\(\) is R's.*cov_type='cluster', groups='column'"),
        ("y ~ x + strata(g)", r"strata\(\) is R's.*SurveyDesign\(strata='column'\)"),
        ("y ~ s(x) + g", r"s\(\) is R's.*bs\(x, df=\.\.\.\) or cr\(x"),
        ("y ~ cut(x, 3) + g", r"cut\(\) is R's.*pd\.cut"),
    ],
)
def test_r_functions_formulaic_lacks_are_refused_with_what_to_write(formula, hint):
    with pytest.raises(FormulaError, match=hint):
        mnlogit.fit(formula, simulated())
    with pytest.raises(FormulaError, match=hint):
        mnlogit.formula.check_formula_safe(formula)
    d = simulated().assign(**{"factor(g)": lambda f: f["x"]})  # a column's name, backticked
    assert "factor(g)" in mnlogit.fit("y ~ `factor(g)`", d).params.index


def test_a_spline_of_a_backticked_column_has_its_bounds_and_effects_as_a_plain_one():
    # its state is keyed 'bs(my_x, df=4)': the bounds were not found, so new data beyond
    # them got formulaic's message and marginal_effects() was refused there
    d = simulated()
    d["my x"] = d["x"]
    res = mnlogit.fit("y ~ bs(`my x`, df=4) + g", d)
    plain = mnlogit.fit("y ~ bs(x, df=4) + g", d)
    with pytest.raises(DataError, match=r"column 'my x' has 1 value\(s\) outside \["):
        res.predict(d.head(2).assign(**{"my x": [0.0, 100.0]}))
    effects, expected = res.marginal_effects(), plain.marginal_effects()
    np.testing.assert_allclose(effects.to_numpy(), expected.to_numpy(), rtol=1e-9, atol=1e-12)
