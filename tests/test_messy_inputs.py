"""Inputs that broke the package when it was tried as a new user would: predictions for rows
with missing or infinite values, likelihood-ratio tests of fits that only look nested, and
restrictions on outcomes whose labels are not plain names."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import (
    DataError,
    FormulaError,
    InputTypeError,
    LevelError,
    ModelComparisonError,
)


def simulated(n: int = 300, seed: int = 0, levels: tuple = ("a", "b", "c")) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    eta = np.column_stack([np.zeros(n), 0.8 * d["x"], -0.6 * d["x"] + 0.3 * d["z"]])
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    d["y"] = np.asarray(levels, dtype=object)[codes]
    return d


# --- predictions for rows that have none ----------------------------------------------------------
def test_a_row_with_a_missing_value_has_no_predicted_class():
    res = mnlogit.fit("y ~ x", simulated(), ref="b")
    new = pd.DataFrame({"x": [np.nan, 1.0, None]})
    classes = res.predict(new, kind="class")
    # argmax of a NaN row is 0: the first level, 'a', was predicted for rows without data
    assert classes.isna().tolist() == [True, False, True]
    assert classes.iloc[1] == res.predict(new.iloc[[1]], kind="class").iloc[0]


@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_an_infinite_predictor_predicts_nan_like_a_missing_one(value):
    d = simulated().assign(b=lambda f: f["z"] > 0)
    res = mnlogit.fit("y ~ x + b", d, ref="a")
    new = pd.DataFrame({"x": [value, 0.5], "b": [True, False]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("error", RuntimeWarning)  # was 'invalid value encountered in matmul'
        warnings.simplefilter("always", mnlogit.MNLogitWarning)
        probs = res.predict(new)
        link = res.predict(new, kind="link")
        classes = res.predict(new, kind="class")
        intervals = res.prediction_intervals(new)
    # the row is named, once per call (it had been silent)
    assert [str(w.message)[:70] for w in caught] == 4 * [
        "newdata: 1 row(s) (0) have a missing or infinite value in a column the"
    ]
    assert probs.iloc[0].isna().all() and link.iloc[0].isna().all() and pd.isna(classes.iloc[0])
    assert intervals.loc[0].isna().all().all()
    np.testing.assert_allclose(probs.iloc[1], res.predict(new.iloc[[1]]).iloc[0], rtol=1e-14)
    assert np.isclose(probs.iloc[1].sum(), 1.0)


def test_array_models_predict_nan_for_non_finite_rows():
    d = simulated()
    X = np.column_stack([np.ones(len(d)), d["x"]])
    res = mnlogit.MNLogit(d["y"], X, ref="a").fit()
    with pytest.warns(mnlogit.MNLogitWarning, match=r"1 row\(s\) \(0\) have .* \('x1'\)"):
        probs = res.predict(np.array([[1.0, np.inf], [1.0, 0.0]]))
    assert probs.iloc[0].isna().all() and np.isclose(probs.iloc[1].sum(), 1.0)
    # how many rows, the first five named
    many = np.column_stack([np.ones(7), [np.nan] * 6 + [0.0]])
    with pytest.warns(mnlogit.MNLogitWarning, match=r"6 row\(s\) \(0, 1, 2, 3, 4, \.\.\.\)"):
        assert res.predict(many).iloc[:6].isna().all().all()


# --- likelihood-ratio tests of fits that only look nested ----------------------------------------
def test_lr_test_refuses_columns_that_share_a_name_but_not_their_values():
    d = simulated()
    other = d.assign(x=np.random.default_rng(9).normal(size=len(d)))  # same rows and outcome
    small = mnlogit.fit("y ~ x", d, ref="a")
    with pytest.raises(ModelComparisonError, match="same name in both models but different"):
        mnlogit.lr_test(small, mnlogit.fit("y ~ x + z", other, ref="a"))
    # the same data: nested, and the statistic is twice the difference of the log-likelihoods
    full = mnlogit.fit("y ~ x + z", d, ref="a")
    test = mnlogit.lr_test(small, full)
    assert np.isclose(test.statistic, 2 * (full.llf - small.llf)) and test.df == 2


# --- restrictions on outcomes whose labels are not plain names ------------------------------------
def test_restrictions_read_backticked_outcomes_and_columns():
    d = simulated(levels=("ref", "-x", "a b"))
    res = mnlogit.fit("y ~ x + z", d, ref="ref")
    R = np.zeros((1, res.n_params))
    p = len(res.params.index)
    R[0, res.equations.index("-x") * p + 1] = 1.0
    R[0, res.equations.index("a b") * p + 1] = -1.0
    by_matrix = res.wald_test((R, 0.0))
    for text in ("`-x`:x = `a b`:x", "`-x`:`x` - `a b`:x = 0", "`-x:x` = a b:x"):
        test = res.wald_test(text)
        assert np.isclose(test.statistic, by_matrix.statistic, rtol=1e-12), text
    assert np.isclose(res.wald_test("`x`").statistic, res.wald_test("x").statistic)
    with pytest.raises(LevelError, match="backticks"):
        res.wald_test("-x:x = 0")


def test_a_term_inside_an_equation_says_how_to_write_one_coefficient():
    res = mnlogit.fit("y ~ x + z", simulated(), ref="a")
    with pytest.raises(DataError, match="'x' alone tests that all its coefficients are zero"):
        res.wald_test("x = 1")


# --- pyarrow-backed data frames -----------------------------------------------------------------
@pytest.mark.parametrize("backend", ["numpy_nullable", "pyarrow"])
def test_csv_read_with_nullable_or_pyarrow_dtypes_fits_as_the_numpy_read(backend, tmp_path):
    pytest.importorskip("pyarrow")
    rng = np.random.default_rng(5)
    d = simulated().assign(
        g=rng.choice(["north", "south", "east"], 300),
        k=rng.integers(0, 5, 300),
        b=rng.random(300) < 0.5,
    )
    d.loc[3, "x"] = np.nan
    d.loc[4, "g"] = None
    path = tmp_path / "data.csv"
    d.to_csv(path, index=False)
    formula = "y ~ x + g + k + b"
    plain = pd.read_csv(path)
    typed = pd.read_csv(path, dtype_backend=backend)
    # text columns came back as ArrowDtype strings: 'could not convert string to float'
    res, ref = mnlogit.fit(formula, typed, ref="a"), mnlogit.fit(formula, plain, ref="a")
    assert list(res.params.index) == list(ref.params.index) and res.n_dropped == 2
    np.testing.assert_allclose(res.params, ref.params, rtol=1e-12)
    np.testing.assert_allclose(res.predict(typed.head()), ref.predict(plain.head()), rtol=1e-12)


def test_parquet_dictionary_columns_read_with_pyarrow_are_factors(tmp_path):
    pytest.importorskip("pyarrow")
    rng = np.random.default_rng(6)
    d = simulated().assign(g=lambda f: pd.Categorical(rng.choice(["u", "v", "w"], len(f))))
    d.to_parquet(tmp_path / "data.parquet")
    arrow = pd.read_parquet(tmp_path / "data.parquet", dtype_backend="pyarrow")
    res, ref = mnlogit.fit("y ~ x + g", arrow, ref="a"), mnlogit.fit("y ~ x + g", d, ref="a")
    np.testing.assert_allclose(res.params, ref.params, rtol=1e-12)


# --- numbers written with a comma ---------------------------------------------------------------
@pytest.mark.parametrize(
    "values", [["1,200", "800", "12,345.5", "."], ["12,5", "3,25", "7,0", "NA"]]
)
def test_numbers_with_a_thousands_separator_or_decimal_comma_are_refused_with_the_read_option(
    values,
):
    d = simulated(n=200).assign(income=lambda f: np.resize(np.array(values, dtype=object), 200))
    # was a factor with a level per value, refused for its number of parameters
    with pytest.raises(DataError, match=r"column 'income' holds numbers stored as text.*thousands"):
        mnlogit.fit("y ~ x + income", d, ref="a")
    res = mnlogit.fit("y ~ x + C(income)", d, ref="a")  # the values as categories, when meant
    assert sum(name.startswith("C(income)") for name in res.params.index) == 3


# --- columns named like the functions a formula calls ---------------------------------------------
SHADOWING = ["C", "np", "log", "I", "center", "exp"]


def test_unused_columns_named_like_transforms_do_not_hide_them():
    rng = np.random.default_rng(7)
    d = simulated().assign(g=lambda f: rng.choice(["p", "q", "r"], len(f)), w=lambda f: f["x"] + 4)
    crowded = d.assign(**{name: rng.normal(size=len(d)) for name in SHADOWING})
    formula = "y ~ C(g) + np.log(w) + log(w + 1) + I(x**2) + center(z) + exp(z / 4)"
    # a column 'C' made C(g) fail with "'Series' object is not callable"
    res, ref = mnlogit.fit(formula, crowded, ref="a"), mnlogit.fit(formula, d, ref="a")
    np.testing.assert_array_equal(res.params.to_numpy(), ref.params.to_numpy())
    np.testing.assert_array_equal(res.predict(crowded.head()), ref.predict(d.head()))


@pytest.mark.parametrize("role", ["outcome", "weights", "groups"])
def test_an_outcome_weights_or_groups_column_named_like_a_transform_does_not_hide_it(role):
    # formulaic looked the names up in the whole frame, the outcome, weights and groups too:
    # an outcome 'C' made C(g) fail with "'Series' object is not callable"
    rng = np.random.default_rng(9)
    d = simulated().assign(g=lambda f: rng.choice(["p", "q", "r"], len(f)), w=lambda f: f["x"] + 4)
    d["k"] = rng.integers(1, 4, len(d))
    formula = "y ~ C(g) + np.log(w) + log(w + 1) + I(x**2) + center(z) + exp(z / 4)"
    options = {"weights": "k"} if role == "weights" else {}
    options |= {"cov_type": "cluster", "groups": "k"} if role == "groups" else {}
    ref = mnlogit.fit(formula, d, ref="a", **options)
    for name in SHADOWING:
        renamed = {"y": name} if role == "outcome" else {"k": name}
        given = {key: name if value == "k" else value for key, value in options.items()}
        outcome = name if role == "outcome" else "y"
        res = mnlogit.fit(
            formula.replace("y ~", f"{outcome} ~"),
            d.rename(columns=renamed),
            ref="a",
            **given,
        )
        np.testing.assert_array_equal(res.params.to_numpy(), ref.params.to_numpy())
        np.testing.assert_array_equal(res.bse.to_numpy(), ref.bse.to_numpy())


@pytest.mark.parametrize(
    ("formula", "name"),
    [
        ("y ~ C + C(g)", "C"),
        ("y ~ np + np.log(w)", "np"),
        ("y ~ `I` + I(x**2)", "I"),
        # inside the call of its name: formulaic's "loop of ufunc does not support argument 0"
        ("y ~ log(log)", "log"),
        ("y ~ scale(scale)", "scale"),  # formulaic's "axis 0 is out of bounds"
        ("y ~ exp(x + exp)", "exp"),
    ],
)
def test_a_column_used_beside_the_function_of_its_name_is_refused_with_a_rename(formula, name):
    rng = np.random.default_rng(8)
    d = simulated().assign(g=lambda f: rng.choice(["p", "q"], len(f)), w=lambda f: f["x"] + 4)
    d[name] = rng.normal(size=len(d))
    with pytest.raises(FormulaError, match=rf"column '{name}' has the name of .*rename"):
        mnlogit.fit(formula, d, ref="a")


@pytest.mark.parametrize("safe", [False, True])
@pytest.mark.parametrize("inner", ["-" * 100_000 + "x", "x" + " + x" * 20_000])
def test_a_formula_too_deep_for_the_parser_is_a_formula_error(inner, safe):
    # were a bare MemoryError or RecursionError from Python's parser
    with pytest.raises(FormulaError, match="nested too deeply"):
        mnlogit.fit(f"y ~ I({inner})", simulated(n=30), safe_formula=safe)


# --- labels with line breaks --------------------------------------------------------------------
def test_labels_with_line_breaks_stay_on_one_row_of_text_and_markdown_tables():
    rng = np.random.default_rng(10)
    d = simulated(levels=("a", "b\nc", "d\te")).assign(
        g=lambda f: rng.choice(["a south", "north\neast"], len(f))
    )
    res = mnlogit.fit("y ~ x + g", d, ref="a")
    summary = res.summary()
    text, markdown = summary.as_text(), summary.as_markdown()
    compared = mnlogit.compare([res]).as_text()
    # a break in a label split its row in two: the term's numbers, then a line with 'east]'
    for rendering in (text, markdown, compared):
        assert not any(line.strip().startswith("east]") for line in rendering.splitlines())
    assert "'g[T.north\\neast]'" in text and "'b\\nc' vs a" in text and "'d\\te' vs a" in text
    assert "north\\\\neast" in markdown  # Markdown escapes the backslash itself
    assert "\\n" in compared


@pytest.mark.parametrize("value", [[1, 2], {"a": 1}, {1, 2}, np.arange(2)], ids=repr)
@pytest.mark.parametrize("formula", ["y ~ x + L", "L ~ x"])
def test_columns_of_lists_or_dicts_are_refused_by_name(value, formula):
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"y": rng.integers(0, 3, 200), "x": rng.standard_normal(200)})
    df["L"] = pd.Series([value] * 200, dtype=object)
    with pytest.raises(InputTypeError, match="column 'L' holds values such as"):
        mnlogit.fit(formula, df)


@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    st.sampled_from(["low", "Low", "b", "x1"]),
    st.sampled_from([" {}", "{} ", "\t{}", "{}\u00a0"]),
    st.booleans(),
)
def test_a_level_that_differs_only_by_white_space_or_case_is_pointed_out(level, pad, upper):
    # a CSV's "low " looked like "low" in the message that refused ref="low", and a
    # prediction's "u " was refused without naming its column or the fitted levels
    d = simulated(levels=(pad.format(level), "mid", "zz"))
    d["g"] = np.where(d["x"] > 0, "u", "v")
    asked = level.upper() if upper and level.upper() != level else level
    how = "letter case" if asked != level else "white space"
    with pytest.raises(LevelError, match=f"differ only by .*{how}"):
        mnlogit.fit("y ~ x", d, ref=asked)
    res = mnlogit.fit("y ~ x + g", d)
    with pytest.raises(LevelError, match=f"differ only by .*{how}"):
        res.with_ref(asked)
    new = d.head(3).assign(g=["u", pad.format("u"), "v"])
    with pytest.raises(LevelError, match=r"column 'g' .* seen in fitting: 'u', 'v' .*white space"):
        res.predict(new)


def test_text_for_numeric_levels_in_new_data_names_both_kinds():
    d = simulated()
    d["k"] = np.where(d["x"] > 0, 1, 2)
    res = mnlogit.fit("y ~ z + k", d.assign(k=d["k"].astype("category")))
    with pytest.raises(LevelError, match=r"'k' has value\(s\) \{'1'\}.*'1' is a str; the level 1"):
        res.predict(d.head(2).assign(k=["1", "1"]))
    # the same numbers as floats are the fitted levels
    assert res.predict(d.head(2).assign(k=[1.0, 2.0])).notna().all().all()


def test_iia_and_margins_point_out_a_level_given_as_text_or_with_white_space():
    d = simulated(levels=(0, 1, 2))
    d["g"] = np.where(d["x"] > 0, "u", "v")
    res = mnlogit.fit("y ~ x + g", d)
    with pytest.raises(LevelError, match=r"'1' is a str; the level 1 is a number"):
        res.iia_test("1")
    with pytest.raises(LevelError, match=r"'u ' and the level 'u' differ only by white space"):
        res.margins(at={"g": "u "})


def test_outcome_levels_that_differ_only_by_white_space_are_warned_of():
    d = simulated(levels=("low", "low ", "Mid"))
    d.loc[d.index[:40], "y"] = "mid"
    with pytest.warns(mnlogit.MNLogitWarning, match=r"'low', 'low '.*fitted as different") as w:
        res = mnlogit.fit("y ~ x", d)
    assert len(res.outcomes) == 4  # fitted as given: the warning says, it does not merge
    assert "Mid" not in str(w[0].message)  # letter case may be meant: levels as written
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.MNLogitWarning)
        mnlogit.fit("y ~ x", d.assign(y=pd.Categorical(d["y"])))  # categories: the user's


@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ x + C(g)", "y ~ x:g"])
def test_factor_levels_that_differ_only_by_white_space_are_warned_of(formula):
    # the baseline " u" shows in no table: g[T.u] read as a contrast against another level
    d = simulated().assign(g=lambda d: np.array(["u", "v", "w"])[d.index % 3])
    d.loc[d.index[::7], "g"] = " u"
    with pytest.warns(mnlogit.MNLogitWarning, match=r"factor 'g': levels ' u', 'u' differ"):
        res = mnlogit.fit(formula, d)
    assert res.params.index.str.contains(r"\[T?\.?u\]").any()  # fitted as given: not merged
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.MNLogitWarning)
        mnlogit.fit(formula, d.assign(g=pd.Categorical(d["g"])))  # categories: the user's
        mnlogit.fit(formula, d.assign(g=d["g"].str.strip()))


def test_factor_numbers_that_differ_only_by_rounding_are_warned_of():
    d = simulated().assign(k=lambda d: np.where(d.index % 5 == 0, 0.1 + 0.2, 0.3))
    d.loc[d.index[::3], "k"] = 2.0
    with pytest.warns(mnlogit.MNLogitWarning, match=r"factor 'k': levels 0.3 and 0.30000000"):
        mnlogit.fit("y ~ C(k)", d)


@pytest.mark.parametrize(
    ("values", "shown"),
    [
        ([0, "0", 1, "1"], "0 and '0'"),  # formulaic kept one 'C(g)[T.1]': 1 fitted as 0
        (["a", "b", 1, "1"], "1 and '1'"),
        (["a", True, "True"], "True and 'True'"),
    ],
)
def test_factor_values_that_print_alike_are_refused(values, shown):
    d = simulated().assign(
        g=lambda d: pd.Series(
            np.array(values, dtype=object)[d.index % 4 % len(values)], index=d.index, dtype=object
        )
    )
    with pytest.raises(DataError, match=rf"column 'g' holds {re.escape(shown)}, different"):
        mnlogit.fit("y ~ x + C(g)", d)
    as_categories = d.assign(g=pd.Categorical(d["g"], categories=values))
    with pytest.raises(DataError, match=rf"column 'g' holds {re.escape(shown)}, different"):
        mnlogit.fit("y ~ x + g", as_categories)
    # one type: every level has its own label and column
    res = mnlogit.fit("y ~ x + C(g)", d.assign(g=d["g"].astype(str)))
    assert res.params.shape[0] == 2 + len(set(map(str, values))) - 1


@pytest.mark.parametrize(
    ("formula", "categorical", "shown"),
    [
        ("y ~ x + g", False, "level 'w'"),
        ("y ~ x + g", True, "level 'w'"),
        ("y ~ x + C(k)", False, "level 2"),
        ("y ~ x + z:g", False, "level 'w'"),
    ],
)
def test_a_factor_level_left_without_rows_by_missing_values_is_warned_of(
    formula, categorical, shown
):
    # every row of level 'w' (and of k == 2) misses x: the level vanished from the model,
    # with only the count of dropped rows to tell
    d = simulated(400)
    d["g"] = np.array(["u", "v", "w", "u"], dtype=object)[np.arange(400) % 4]
    d["k"] = np.arange(400) % 4 % 3
    if categorical:
        d["g"] = pd.Categorical(d["g"])
    d.loc[(d["g"] == "w") | (d["k"] == 2), "x"] = np.nan
    with pytest.warns(mnlogit.exceptions.RareLevelWarning, match=shown) as caught:
        res = mnlogit.fit(formula, d)
    assert "(100 rows) has no rows left after dropping the 100 rows" in str(caught[0].message)
    assert "'x'" in str(caught[0].message)
    assert not any("w]" in name or "[T.2]" in name for name in res.params.index)


def test_no_level_warning_when_the_dropped_rows_leave_every_level():
    d = simulated(400)
    d["g"] = np.array(["u", "v", "w"], dtype=object)[np.arange(400) % 3]
    d.loc[:20, "x"] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.exceptions.RareLevelWarning)
        res = mnlogit.fit("y ~ x + g", d)
    assert res.nobs == 379


@pytest.mark.parametrize(
    ("formula", "shown"), [("y ~ x", "'x' is inf"), ("y ~ np.exp(z)", "is inf")]
)
def test_an_infinite_design_value_is_refused_with_its_row(formula, shown):
    # the refusal named the column only: a cell of 1e400 is not found by searching for inf
    d = simulated(60)
    d.index = [f"id{i}" for i in range(60)]
    d.loc["id7", "x"] = 1e400
    d.loc["id9", "z"] = 1e3
    with pytest.raises(
        DataError, match=re.escape(shown) + r" in the row with index 'id(7|9)', 1 row in all"
    ):
        mnlogit.fit(formula, d)


def test_an_outcome_left_with_one_level_by_missing_values_says_why():
    # was "outcome 'y' has 1 level ('a')", of a column with three
    d = simulated(200)
    d.loc[d["y"] != "a", "x"] = np.nan
    with pytest.raises(DataError, match=r"outcome 'y' has 3 levels, but only 'a' is left after"):
        mnlogit.fit("y ~ x + z", d)
    with pytest.raises(DataError, match=r"missing values in 'x'; a multinomial model needs"):
        mnlogit.fit("y ~ x + z", d)
    with pytest.raises(DataError, match=r"outcome 'y' has 1 level \('a'\)"):
        mnlogit.fit("y ~ z", d[d["y"] == "a"])  # one level in the column itself: as before


@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    g=st.lists(st.sampled_from("uvwz"), min_size=60, max_size=60),
    missing=st.lists(st.booleans(), min_size=60, max_size=60),
    emptied=st.sets(st.sampled_from("uvwz"), max_size=2),
)
def test_levels_lost_to_missing_values_are_warned_of_exactly(g, missing, emptied):
    d = simulated(60, seed=3).assign(g=np.array(g, dtype=object))
    missing = np.array(missing) & (np.arange(60) % 3 == 0) | d["g"].isin(emptied).to_numpy()
    d.loc[missing, "x"] = np.nan
    kept = set(d.loc[~missing, "g"])
    lost = sorted(set(g) - kept)
    if len(kept) < 2 or d.loc[~missing, "y"].nunique() < 2:
        return  # refused for its own reasons
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = mnlogit.fit("y ~ x + g", d)
        except mnlogit.MNLogitError:
            return  # too few rows for the columns, collinear: refused, nothing dropped
    said = [str(w.message) for w in caught if "no rows left after dropping" in str(w.message)]
    assert bool(said) == bool(lost)
    for level in lost:
        assert repr(level) in said[0]
    assert {n[len("g[T.") : -1] for n in res.params.index if n.startswith("g[")} == kept - {
        min(kept)
    }


@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    y=st.lists(st.sampled_from("abcd"), min_size=60, max_size=60),
    missing=st.lists(st.booleans(), min_size=60, max_size=60),
    emptied=st.sets(st.sampled_from("abcd"), max_size=2),
    dtype=st.sampled_from([object, "category", "string"]),
)
def test_outcome_levels_lost_to_missing_values_are_warned_of_exactly(y, missing, emptied, dtype):
    # a factor's level that only rows dropped for missing values had was warned of, the
    # outcome's was not (a Categorical's was called an unused category): the model lost an
    # equation with nothing said but the count of rows
    d = simulated(60, seed=4).assign(y=pd.Series(y, dtype=dtype))
    missing = np.array(missing) & (np.arange(60) % 4 == 0) | d["y"].isin(emptied).to_numpy()
    d.loc[missing, "x"] = np.nan
    kept = set(d.loc[~missing, "y"])
    lost = sorted(set(y) - kept)
    if len(kept) < 2:
        return  # refused for its own reasons
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("y ~ x", d)
    said = [str(w.message) for w in caught if "no rows left after dropping" in str(w.message)]
    assert len(said) == bool(lost)
    for level in lost:
        assert repr(level) in said[0] and "outcome 'y'" in said[0]
    assert not [w for w in caught if "Categorical has no rows" in str(w.message)]
    assert set(res.outcomes) == kept


@pytest.mark.parametrize("missing", ["drop", "raise"])
@pytest.mark.parametrize(
    ("term", "aware"),
    [
        ("I(x.fillna(0))", "fillna"),
        ("np.nan_to_num(x)", "nan_to_num"),
        ("I(np.where(np.isnan(x), 0, x))", "isnan"),
        ("I(x.isna())", "isna"),
        ("C(`x`.notna())", "notna"),
    ],
)
def test_a_term_that_handles_missing_values_is_refused_as_it_never_sees_them(term, aware, missing):
    # the rows missing x are dropped before the formula is evaluated: I(x.fillna(0)) fitted
    # without them (R keeps them), I(x.isna()) was refused as a column of zeros
    d = simulated()
    d.loc[:29, "x"] = np.nan
    with pytest.raises(FormulaError, match=rf"handles missing values \({aware}\).*dropped before"):
        mnlogit.fit(f"y ~ {term} + z", d, missing=missing)
    if aware in ("isna", "notna"):
        return  # of a complete column, a constant
    # such a term of a complete column stays, beside rows dropped for another column
    d = simulated().assign(z=lambda f: f["z"].where(f.index >= 10))
    assert mnlogit.fit(f"y ~ {term} + z", d).nobs == 290


@pytest.mark.parametrize(
    ("term", "computed"),
    [
        ("I(name.str.len())", lambda d: d["name"].str.len()),
        ("I(day.dt.year - 2020)", lambda d: d["day"].dt.year - 2020),
        ("I(name.str.len() > 4)", lambda d: d["name"].str.len() > 4),
    ],
)
def test_integer_terms_of_a_text_or_date_column_of_many_values_are_fitted(term, computed):
    # a column of many distinct values made the design sparse, and formulaic's sparse matrix
    # of integer terms failed to fill the float design: "out array must be same dtype and
    # shape as sparse array"
    rng = np.random.default_rng(12)
    d = simulated().assign(
        name=lambda f: [f"{'w' * int(k)}{i}" for i, k in enumerate(rng.integers(1, 9, len(f)))],
        day=lambda f: (
            pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 900, len(f)), "D")
        ),
    )
    res = mnlogit.fit(f"y ~ {term}", d)
    ref = mnlogit.fit("y ~ v", d.assign(v=computed(d).astype(float)))
    np.testing.assert_allclose(res.params.to_numpy(), ref.params.to_numpy(), rtol=1e-12)
    head = d.head()
    np.testing.assert_allclose(
        res.predict(head), ref.predict(head.assign(v=computed(head).astype(float))), rtol=1e-12
    )


@pytest.mark.parametrize("term", ["np.emath.sqrt(x)", "I(x + 0j)", "I(name.str.len() + 1j)"])
def test_a_term_of_complex_numbers_is_refused_not_cast_to_its_real_part(term):
    # numpy kept the real parts with a ComplexWarning: np.emath.sqrt(x) of a negative x was
    # fitted as 0 (I(name...) builds the design of a column of many values, sparse)
    rng = np.random.default_rng(13)
    d = simulated().assign(
        name=lambda f: [f"{'w' * int(k)}{i}" for i, k in enumerate(rng.integers(1, 9, len(f)))]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataError, match=r"complex numbers .* take np\.real"):
            mnlogit.fit(f"y ~ {term}", d)
        # a term real on the fitted rows and complex on new ones
        res = mnlogit.fit("y ~ np.emath.sqrt(z + 10)", d)
        with pytest.raises(DataError, match=r"complex numbers"):
            res.predict(pd.DataFrame({"z": [-20.0, 1.0]}))


@pytest.mark.parametrize("spans", [5, 100])  # few values: a dense design; many: a sparse one
@pytest.mark.parametrize("term", ["I(td)", "np.abs(td)", "I(td) + x", "I(day)"])
def test_a_term_of_dates_or_time_spans_is_refused_not_read_as_microseconds(term, spans):
    # I(td) was fitted on its count of microseconds (a coefficient of 3.7e-11), where a
    # column of time spans is refused; with many values it failed with scipy's dtype error
    rng = np.random.default_rng(14)
    d = simulated().assign(
        td=lambda f: pd.to_timedelta(rng.integers(0, spans, len(f)), "h"),
        day=lambda f: (
            pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, spans, len(f)), "D")
        ),
    )
    with pytest.raises(DataError, match=r"(dates|time spans).*td\.dt\.total_seconds\(\)"):
        mnlogit.fit(f"y ~ {term}", d)
    assert mnlogit.fit("y ~ I(td.dt.total_seconds() / 3600)", d).converged


def test_the_summary_quotes_a_level_that_holds_a_comma():
    # '2 levels: a,b, c' read as three levels a, b and c
    d = simulated(levels=("a,b", "c", "d, e"))
    text = str(mnlogit.fit("y ~ x", d).summary())
    assert "y, 3 levels: 'a,b', c, 'd, e'" in text
    assert "y, 3 levels: a, b, c" in str(mnlogit.fit("y ~ x", simulated()).summary())
