"""Corners of what a user hands over that fitted or predicted something the fit does not
support, or was refused in words that did not say why: terms computed from the other rows,
labels that pandas takes for one value or that print alike, arrays numpy converts to numbers
though they are not, infinite values inside transforms, and formulas written in R's terms or
pasted from a document."""

from __future__ import annotations

import re
import unicodedata
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_input_edges import simulated as simulated_edges

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, DataError, FormulaError, InputTypeError


def simulated() -> pd.DataFrame:
    """y in a, b, c; x around 2 (positive); k in 0, 1, 2; g in u, v, w."""
    return simulated_edges().assign(x=lambda d: d["x"] + 2.0)


# --- terms computed from the other rows ------------------------------------------------------


@pytest.mark.parametrize(
    "term",
    [
        "I(x - x.mean())",
        "I(x / x.max())",
        "I(x.rank())",
        "I((x - np.mean(x)) / np.std(x))",
        "I(x.shift(1).fillna(0))",
        "np.log(x - x.min() + 1)",
        # the first or last row, or a row by its label: the rows checked were the first,
        # middle and last in their own order, so these read the same row there and passed,
        # and predict(newdata) subtracted the new data's first (or last) value
        "I(x - x.iloc[0])",
        "I(x - x.values[-1])",
        "I(x - x.unique()[0])",
        "I(x - x.get(0, 0))",
        "I(x - x.loc[0])",
    ],
)
def test_a_term_computed_from_the_other_rows_is_refused_naming_it(term):
    # predict(newdata) computed x.mean() afresh on the new rows: the same row predicted
    # other probabilities alone than among the fitted rows, with nothing said
    with pytest.raises(FormulaError, match="from the other rows") as err:
        mnlogit.fit(f"y ~ {term} + g", simulated())
    assert f"term {term!r}" in str(err.value)
    assert "center(x)" in str(err.value)


@pytest.mark.parametrize(
    "term",
    ["I(k / k.max())", "I(k - k.min())", "I(k - k.mode()[0])", "I(x * (g == g.max()))"],
)
def test_a_statistic_of_a_column_of_few_values_is_refused_whatever_rows_are_checked(term):
    # the first, middle and last rows, checked on their own, hold k's maximum 2, minimum 0
    # and mode 2, and g's maximum 'w': a statistic of them was that of all the rows, the
    # term passed, and predict(newdata) divided by the new rows' maximum
    df = simulated()
    n = len(df)
    rows = [0, n // 2, n - 1]
    df.loc[rows, "k"] = [2, 0, 2]
    df.loc[rows, "g"] = ["w", "u", "w"]
    df.loc[df.index[3 : n // 2 - 1], "k"] = 2  # the mode
    with pytest.raises(FormulaError, match="from the other rows") as err:
        mnlogit.fit(f"y ~ x + {term}", df)
    assert f"term {term!r}" in str(err.value)


@pytest.mark.parametrize(
    "rhs", ["0 + I(x.max()) + g", "0 + I(np.mean(x)) + k", "I(x.max()) + k", "k + I(x.sum() * 1.0)"]
)
def test_a_statistic_of_a_whole_column_as_a_term_is_refused_naming_it(rhs):
    # one number that formulaic broadcast over every row, but not over a few: the rows
    # checked on their own could not be encoded, so the term passed, and without an
    # intercept the fit was kept; predict(newdata) then failed with numpy's "all input
    # arrays must have the same shape" (or would take the new rows' maximum)
    term = next(t for t in rhs.split(" + ") if "(" in t)
    with pytest.raises(FormulaError, match="from the other rows") as err:
        mnlogit.fit(f"y ~ {rhs}", simulated())
    assert f"term {term!r}" in str(err.value)


def test_a_statistic_of_a_whole_column_compared_is_refused_in_words():
    # formulaic's internals spoke: "Error encountered while checking for nulls in
    # `I(x.max() > 2)`: No implementation of `find_nulls()` for type <class ...FactorValues>"
    with pytest.raises(FormulaError, match=r"'I\(x.max\(\) > 2\)' gives one value for all") as err:
        mnlogit.fit("y ~ k + I(x.max() > 2)", simulated())
    assert "find_nulls" not in str(err.value) and "compute the column before" in str(err.value)


@pytest.mark.parametrize("term", ["np.diff(x)", "I(x.values[:-1])", "I(np.unique(k))"])
def test_a_term_of_another_length_than_the_rows_is_refused_in_words(term):
    # pandas' "Length of values (119) does not match length of index (120)" was the message
    with pytest.raises(FormulaError, match=r"a term gives \d+ values for the \d+ rows") as err:
        mnlogit.fit(f"y ~ g + {term}", simulated())
    assert "one value per row" in str(err.value)


@pytest.mark.parametrize(
    ("rhs", "free"),
    [
        ("x + g", True),
        ("x + C(g)", True),
        ("C(g, Treatment('v')) + x:C(g, Sum)", True),
        ("C(g, levels=['w', 'v', 'u'])", True),
        ("C(g, Treatment(g.max()))", False),
        ("C(g, levels=g.unique())", False),
        ("C(k > k.mean())", False),
        ("I(x / x.max()) + C(g)", False),
        ("np.tanh(x)", False),
    ],
)
def test_only_terms_of_values_each_row_has_alone_skip_the_row_check(rhs, free, monkeypatch):
    # columns and C() of a column are encoded once, not three times more to check them
    from mnlogit import _rowwise, formula

    assert _rowwise.row_free(formula.parse_formula(f"y ~ {rhs}")[1].rhs) is free
    calls = []
    monkeypatch.setattr(formula, "refuse_row_dependent", lambda *a: calls.append(a))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            mnlogit.fit(f"y ~ {rhs}", simulated())
        except mnlogit.MNLogitError:
            pass  # refused for another reason (a statistic of a factor's levels): not timed
    assert bool(calls) is not free


@settings(max_examples=15, deadline=None)
@given(
    st.sampled_from(
        [
            "y ~ center(x) + g",
            "y ~ scale(x) + g",
            "y ~ poly(x, 2) + g",
            "y ~ bs(x, df=4) + g",
            "y ~ C(g, Sum) * np.log(x - -5)",
            "y ~ standardize(x):g",
        ]
    ),
    st.lists(st.integers(0, 299), min_size=1, max_size=12, unique=True),
)
def test_stateful_transforms_predict_any_rows_as_among_the_fitted_ones(formula, rows):
    df = simulated()
    res = mnlogit.fit(formula, df)
    alone = res.predict(df.iloc[rows])
    among = res.predict().iloc[rows]
    np.testing.assert_allclose(alone.to_numpy(), among.to_numpy(), rtol=1e-12, atol=1e-15)
    assert alone.index.equals(df.index[rows])


# --- labels pandas takes for one value, or that print alike ----------------------------------


def _cycled(values: list, n: int) -> pd.Series:
    return pd.Series([values[i % len(values)] for i in range(n)], dtype=object)


@pytest.mark.parametrize(
    "values",
    [[1, True, 2], [0, False, 2], [1.0, True, 2.0], [True, 1, 2], [np.True_, 1, 2]],
)
def test_an_outcome_of_booleans_and_numbers_is_refused_not_merged(values):
    # pandas hashes True as 1: y of 1, True, 2 was fitted with two levels, 1 and 2, and the
    # rows of True counted as outcome 1
    df = simulated().assign(y=lambda d: _cycled(values, len(d)))
    with pytest.raises(mnlogit.MNLogitError, match=r"mixes value types \(boolean, number\)"):
        mnlogit.fit("y ~ x", df)


@pytest.mark.parametrize(
    "values", [[1, True, 2], [0, False, 2], [1.0, True, 2.0], [np.True_, 1, 2], [2, 1, True]]
)
def test_a_factor_of_booleans_and_numbers_is_refused_not_merged(values):
    # C(k) of 1, True, 2 had the levels 1 and 2: True's rows were fitted as level 1
    df = simulated().assign(k=lambda d: _cycled(values, len(d)))
    with pytest.raises(mnlogit.MNLogitError, match="pandas takes for one") as err:
        mnlogit.fit("y ~ x + C(k)", df)
    assert "astype(str)" in str(err.value)


@pytest.mark.parametrize("values", [[True, False, 2], [1, True, 2], [2, 0, False]])
def test_a_plain_column_of_booleans_and_numbers_is_refused_whichever_comes_first(values):
    # refused when a boolean came first, but read as numbers when 1 came before True
    df = simulated().assign(k=lambda d: _cycled(values, len(d)))
    with pytest.raises(mnlogit.MNLogitError, match="mixes numbers") as err:
        mnlogit.fit("y ~ x + k", df)
    assert "True" in str(err.value) or "False" in str(err.value)


NFC, NFD = "\u00e9t\u00e9", "e\u0301te\u0301"  # "été" as three characters and as five


@pytest.mark.parametrize("categorical", [False, True])
def test_outcome_levels_in_two_unicode_forms_are_refused(categorical):
    # fitted as two outcomes, both labelled 'été' in params, predictions and tables
    df = simulated()
    y = df["y"].map({"a": NFC, "b": NFD, "c": "hiver"})
    df = df.assign(y=pd.Categorical(y) if categorical else y)
    with pytest.raises(mnlogit.MNLogitError, match="two Unicode forms") as err:
        mnlogit.fit("y ~ x", df)
    assert "normalize('NFC')" in str(err.value) and r"e\u0301" in str(err.value)


def test_a_categorical_outcome_of_categories_that_print_alike_is_refused():
    # categories 1 and "1" were two outcomes, both shown as 1 in every table
    df = simulated().assign(y=lambda d: pd.Categorical(_cycled([1, "1", 2], len(d))))
    with pytest.raises(mnlogit.MNLogitError, match=r"1 \(number\) and '1' \(str\)"):
        mnlogit.fit("y ~ x", df)


@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ x + C(g)"])
def test_factor_levels_in_two_unicode_forms_are_refused(formula):
    df = simulated().assign(g=lambda d: d["g"].map({"u": NFC, "v": NFD, "w": "hiver"}))
    with pytest.raises(mnlogit.MNLogitError, match="print alike") as err:
        mnlogit.fit(formula, df)
    assert "normalize('NFC')" in str(err.value)
    # once written alike they are one level
    res = mnlogit.fit(formula, df.assign(g=df["g"].str.normalize("NFC")))
    assert len(res.params.index) == 3


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u3000"])
@pytest.mark.parametrize("where", ["y", "g"])
def test_levels_that_differ_only_in_the_kind_of_space_are_refused(space, where):
    # "low income" and "low\xa0income" (a no-break space, as pasted from a web page) were two
    # outcomes summarised as "low income vs low income", or two levels of one label
    df = simulated()
    df[where] = df[where].map(
        dict(zip(sorted(df[where].unique()), ["low income", f"low{space}income", "z"], strict=True))
    )
    with pytest.raises(mnlogit.MNLogitError, match="print alike") as err:
        mnlogit.fit("y ~ x + g", df)
    fix = re.search(r"e\.g\. (df\[.*)$", str(err.value)).group(1)
    exec(fix, {"df": df})  # the fix the message gives writes them alike
    res = mnlogit.fit("y ~ x + g", df)
    assert len(res.outcomes if where == "y" else res.params.index) == (2 if where == "y" else 3)


# --- the array interface: what numpy converts to numbers though it is not --------------------


def _arrays(n: int = 200, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(n), rng.normal(size=n)])
    return rng.integers(0, 3, n), X


@pytest.mark.parametrize(
    "dates",
    [
        pd.date_range("2020-01-01", periods=200).to_numpy(),
        pd.to_timedelta(np.arange(200), unit="D").to_numpy(),
        np.arange(200).astype("m8[D]"),
    ],
)
def test_dates_given_as_x_are_refused_not_read_as_counts(dates):
    # fitted on nanoseconds (or days) since 1970, where a DataFrame of them is refused
    y, _ = _arrays()
    with pytest.raises(InputTypeError, match="dates or time spans"):
        mnlogit.MNLogit(y, dates[:, None])


@pytest.mark.parametrize("as_frame", [True, False])
def test_dates_in_new_data_of_an_array_model_are_refused(as_frame):
    # predicted from nanoseconds since 1970: every row got the probabilities of x = 1.6e18
    y, X = _arrays()
    res = mnlogit.MNLogit(y, pd.DataFrame({"const": 1.0, "x": X[:, 1]})).fit()
    days = pd.date_range("2020-01-01", periods=2)
    new = (
        pd.DataFrame({"const": 1.0, "x": days})
        if as_frame
        else np.array([[0, 1], [0, 2]], dtype="m8[D]")
    )
    with pytest.raises(InputTypeError, match="dates or time spans"):
        res.predict(new)


def test_masked_cells_are_missing_not_the_values_under_the_mask():
    # np.asarray drops the mask: a masked outcome, predictor or weight was fitted as the value
    # under it, and new data predicted from it
    y, X = _arrays()
    first = np.zeros(len(y), dtype=bool)
    first[0] = True
    with pytest.raises(DataError, match="y: 1 missing value"):
        mnlogit.MNLogit(np.ma.masked_array(y, mask=first), X)
    with pytest.raises(DataError, match=r"missing or infinite values in column.*'x1'.*drop"):
        mnlogit.MNLogit(y, np.ma.masked_array(X, mask=np.column_stack([first, first])))
    with pytest.raises(DataError, match="every weight must be finite"):
        mnlogit.MNLogit(y, X, weights=np.ma.masked_array(np.ones(len(y)), mask=first))
    res = mnlogit.MNLogit(y, X).fit()
    new = np.ma.masked_array(X[:3], mask=[[False, True], [False, False], [False, False]])
    pred = res.predict(new)
    assert pred.iloc[0].isna().all()
    np.testing.assert_allclose(pred.iloc[1:], res.predict(X[1:3]), rtol=1e-14)
    # nothing masked: the array as it is
    unmasked = np.ma.masked_array(X, mask=np.zeros_like(X, dtype=bool))
    np.testing.assert_allclose(mnlogit.MNLogit(y, unmasked).fit().params, res.params)


def test_an_x_without_columns_says_so_without_a_formula():
    y, X = _arrays()
    with pytest.raises(DataError, match="X has no columns") as err:
        mnlogit.MNLogit(y, X[:, :0])
    assert "None" not in str(err.value)


# --- formulas -------------------------------------------------------------------------------


@pytest.mark.parametrize("formula", ["y ~ `` + g", "y ~ x + `` + g", "`` ~ x"])
def test_empty_backticks_are_refused_not_left_out(formula):
    # formulaic's tokenizer drops the empty name: y ~ `` + g was fitted as y ~ g
    df = simulated()
    for data in (df, df.assign(**{"": df["x"]})):
        with pytest.raises(FormulaError, match="empty backticks"):
            mnlogit.fit(formula, data)


# --- infinite values read inside a transform -------------------------------------------------


@pytest.mark.parametrize("term", ["I(x > 2)", "np.tanh(x)", "C(x > 2)", "np.exp(-x)"])
@pytest.mark.parametrize("dtype", ["float64", "Float64"])
def test_an_infinite_value_inside_a_transform_is_refused_as_in_a_plain_column(term, dtype):
    # y ~ x refused x = inf, but I(x > 2) and np.tanh(x) made it a finite design value and
    # the row was fitted
    df = simulated()
    df["x"] = df["x"].astype(dtype)
    df.loc[df.index[4], "x"] = np.inf
    with pytest.raises(
        DataError, match=r"column 'x' has 1 infinite value\(s\) \(e.g. inf in row 4"
    ):
        mnlogit.fit(f"y ~ {term} + g", df)
    dropped = mnlogit.fit(f"y ~ {term} + g", df.replace([np.inf, -np.inf], np.nan))
    assert dropped.nobs == len(df) - 1


@pytest.mark.parametrize("term", ["I(x > 2)", "np.tanh(x)", "C(x > 2)", "x"])
def test_an_infinite_value_in_new_data_predicts_nan_whatever_the_transform(term):
    # I(x > 2) of x = inf predicted the probabilities of x > 2; a plain x predicted NaN
    df = simulated()
    res = mnlogit.fit(f"y ~ {term} + g", df)
    new = df.head(4).assign(x=[np.inf, -np.inf, np.nan, 2.5])
    pred = res.predict(new)
    assert pred.iloc[:3].isna().all().all()
    np.testing.assert_allclose(pred.iloc[3], res.predict(new.iloc[[3]]).iloc[0], rtol=1e-14)
    assert pred.iloc[3].notna().all()


@pytest.mark.parametrize(
    ("term", "column"),
    [
        ("I((x - 1).abs())", lambda d: (d["x"] - 1).abs()),
        ("I((x + k).clip(0))", lambda d: (d["x"] + d["k"]).clip(0)),
        ("I((`x v` * 2).round(1))", lambda d: (d["x v"] * 2).round(1)),
    ],
)
def test_a_method_of_a_parenthesised_expression_reads_its_columns(term, column):
    # formulaic declares "(x - 1)" a variable: the fit refused it as a column not in the data
    df = simulated().assign(**{"x v": lambda d: d["x"]})
    res = mnlogit.fit(f"y ~ {term} + g", df)
    computed = df.assign(t=column(df))
    same = mnlogit.fit("y ~ t + g", computed)
    np.testing.assert_allclose(res.params.to_numpy(), same.params.to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(res.predict(df.head(5)), same.predict(computed.head(5)), rtol=1e-9)


def test_a_missing_column_inside_a_parenthesised_expression_is_named():
    with pytest.raises(ColumnNotFoundError, match="column 'w' is not in the data"):
        mnlogit.fit("y ~ I((x + w).clip(0)) + g", simulated())


@pytest.mark.parametrize(
    ("term", "match"),
    [
        ("scale(w)", r"column 'w' is not in the data .*df.assign\(w=w\)"),
        ("poly(X, 2)", "column 'X' is not in the data; the column 'x' differs from it only"),
        ("bs(x + ww, df=3)", "column 'ww' is not in the data"),
    ],
)
def test_a_missing_column_inside_a_stateful_transform_is_named(term, match):
    # formulaic declares no variables inside scale(), poly() or bs(): the fit passed on its
    # "Unable to evaluate factor `scale(w)`. [NameError: name 'w' is not defined]"
    with pytest.raises(ColumnNotFoundError, match=match):
        mnlogit.fit(f"y ~ {term} + g", simulated())


def test_a_python_variable_or_module_in_a_formula_is_said_to_be_out_of_reach():
    # "column 'k' is not in the data" left a user who meant the variable k of their session
    # wondering why the formula did not see it
    df = simulated()
    w = 2.0  # noqa: F841 - the variable a user means
    with pytest.raises(ColumnNotFoundError, match=r"not Python variables.*df.assign\(w=w\)"):
        mnlogit.fit("y ~ I(x * w) + g", df)
    with pytest.raises(ColumnNotFoundError, match=r"numpy as np \(np.log\), not other Python"):
        mnlogit.fit("y ~ math.log(x) + g", df)
    with pytest.raises(ColumnNotFoundError, match="TRUE is R's: write True"):
        mnlogit.fit("y ~ x + I(x * TRUE)", df)
    with pytest.raises(ColumnNotFoundError) as err:  # a plain term: a column, nothing more
        mnlogit.fit("y ~ q + g", df)
    assert "Python" not in str(err.value)


@pytest.mark.parametrize("kind", ["float", "str"])
def test_a_python_type_named_in_a_call_is_told_to_be_written_as_text(kind):
    # I(x.astype(float)) was told to add 'float' as a column, df.assign(float=float), which
    # cannot be done; pandas reads the type's name as text
    df = simulated()
    term = f"I(x.astype({kind}))" if kind == "float" else f"C(g.astype({kind}))"
    with pytest.raises(ColumnNotFoundError, match=rf"write it as text, e.g. .astype\('{kind}'\)"):
        mnlogit.fit(f"y ~ {term}", df)
    written = mnlogit.fit(f"y ~ {term.replace(kind, repr(kind))}", df)
    assert np.isfinite(written.params.to_numpy()).all()


@pytest.mark.parametrize(
    ("term", "column"),
    [("scale(c)", [1.5]), ("standardize(c)", [2.0]), ("poly(c, 2)", [1.0]), ("poly(c, 3)", [0, 1])],
)
def test_a_stateful_transform_of_too_few_values_says_so(term, column):
    # the refusal blamed "log or sqrt of a negative number" for scale() of a constant
    df = simulated().assign(c=lambda d: _cycled(column, len(d)).astype(float))
    with pytest.raises(DataError, match="too few distinct values") as err:
        mnlogit.fit(f"y ~ x + {term}", df)
    assert "negative" not in str(err.value)


def test_new_data_of_an_array_model_with_a_fitted_column_twice_is_refused_by_name():
    # refused as "column(s)  of the fitted design are not among its columns", naming none;
    # a repeated column the model does not use stopped the prediction too
    y, X = _arrays()
    res = mnlogit.MNLogit(y, pd.DataFrame({"const": 1.0, "x": X[:, 1]})).fit()
    want = res.predict(pd.DataFrame({"const": 1.0, "x": X[:3, 1]}))
    twice = pd.DataFrame(np.column_stack([np.ones(3), X[:3, 1], X[:3, 1] + 1]))
    with pytest.raises(DataError, match="'x' occur more than once"):
        res.predict(twice.set_axis(["const", "x", "x"], axis=1))
    other = twice.assign(extra=0.0).set_axis(["const", "x", "z", "z"], axis=1)
    pd.testing.assert_frame_equal(res.predict(other), want)


@pytest.mark.parametrize(
    ("formula", "hint"),
    [
        ("y ~ I(k %% 2) + x", r"'%%' is R's.*write % \(x % 2\)"),
        ("y ~ I(k %/% 2) + x", r"'%/%' is R's.*write // \(x // 2\)"),
        ("y ~ I(!(x > 2)) + g", r"'!' is R's.*write ~ \(~\(x > 0\)\)"),
        ("y ~ I(k == 1 | 2) + x", r"Python applies & and \| before comparisons"),
        ("y ~ I(x > 2 & k < 2)", r"put each comparison in parentheses"),
        ("y ~ I(k | 1 > 0) + x", r"put each comparison in parentheses"),
        ("y ~ log(x, 2) + g", r"log\(x, base\) is R's.*np.log\(x\) / np.log\(base\)"),
        ("y ~ log(x, base=10) + g", r"log\(x, base\) is R's"),
    ],
)
def test_r_operators_that_python_reads_otherwise_are_refused(formula, hint):
    # I(k == 1 | 2) was fitted as k == 3 (R: (k == 1) | 2); %% and ! failed as Python syntax,
    # and x > 2 & k < 2 and log(x, 2) in numpy's words
    with pytest.raises(FormulaError, match=hint):
        mnlogit.fit(formula, simulated())


@pytest.mark.parametrize(
    "formula", ["y ~ I((x > 2) & (k < 2))", "y ~ I((k | 1) > 1) + x", "y ~ I(k != 2) + g"]
)
def test_comparisons_in_parentheses_beside_and_or_are_read_as_written(formula):
    mnlogit.fit(formula, simulated().assign(k=lambda d: d["k"].astype(object)))


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u3000"])
def test_two_columns_whose_names_differ_only_in_the_kind_of_space_are_refused(space):
    # `a b` and `a\xa0b` in one formula labelled two rows of params "a b"
    df = simulated().assign(**{"a b": lambda d: d["x"], f"a{space}b": lambda d: d["k"]})
    with pytest.raises(DataError, match="another space"):
        mnlogit.fit(f"y ~ `a b` + `a{space}b`", df)
    mnlogit.fit("y ~ `a b`", df)  # one of them alone is one label


def test_column_names_in_two_unicode_forms_are_told_apart_from_what_python_reads():
    # Python reads a name in an expression in its NFKC form: with columns 'été' written both
    # ways, I(été * 1) typed with combining accents was fitted on the other column
    df = simulated()
    both = df.assign(**{NFC: df["x"], NFD: df["k"]})
    with pytest.raises(DataError, match="another Unicode form"):
        mnlogit.fit(f"y ~ I({NFD} * 1)", both)
    # a header with combining accents, named in a formula by the same text
    with pytest.raises(ColumnNotFoundError, match="only in its Unicode form") as err:
        mnlogit.fit(f"y ~ I({NFD} * 2)", df.rename(columns={"x": NFD}))
    assert "str.normalize('NFKC')" in str(err.value)
    fixed = df.rename(columns={"x": NFD})
    fixed.columns = fixed.columns.str.normalize("NFKC")
    mnlogit.fit(f"y ~ I({NFD} * 2)", fixed)


def test_a_formula_naming_a_column_in_decomposed_unicode_says_how_to_write_it():
    # the formula names the column exactly as the data do, and formulaic refused it as an
    # "Unknown operator" (the combining accent), with nothing to say why
    df = simulated().rename(columns={"x": NFD})
    with pytest.raises(FormulaError, match=r"Unknown operator '\u0301' \(.*U\+0301.*backticks"):
        mnlogit.fit(f"y ~ {NFD} + k", df)
    quoted = mnlogit.fit(f"y ~ `{NFD}` + k", df)
    df.columns = df.columns.str.normalize("NFKC")
    together = mnlogit.fit(unicodedata.normalize("NFKC", f"y ~ {NFD} + k"), df)
    np.testing.assert_allclose(quoted.params.to_numpy(), together.params.to_numpy())


# --- the same values in any pandas dtype -----------------------------------------------------

_AS = {
    "x": [
        lambda s: s.astype("Float64"),
        lambda s: s.astype(object),
        lambda s: s.astype("double[pyarrow]"),
    ],
    "g": [
        lambda s: s.astype("category"),
        lambda s: s.astype("string"),
        lambda s: s.astype("string[pyarrow]"),
        lambda s: s.astype(object),
        lambda s: pd.Categorical(s, categories=["w", "v", "u"], ordered=True),
    ],
    "k": [lambda s: s.astype("Int64"), lambda s: s.astype("int8"), lambda s: s.astype("uint16")],
    "y": [lambda s: s.astype("category"), lambda s: s.astype("string[pyarrow]")],
}


@settings(max_examples=12, deadline=None)
@given(st.fixed_dictionaries({c: st.sampled_from(range(len(fs))) for c, fs in _AS.items()}))
def test_the_same_values_in_other_dtypes_fit_and_predict_alike(picks):
    pytest.importorskip("pyarrow")
    df = simulated()
    df.loc[[3, 50], "x"] = np.nan
    df.loc[[7], "g"] = None
    formula = "y ~ x + g + C(k):x"
    res = mnlogit.fit(formula, df)
    other = df.copy()
    for column, pick in picks.items():
        other[column] = _AS[column][pick](other[column])
    got = mnlogit.fit(formula, other)
    assert got.nobs == res.nobs == len(df) - 3
    np.testing.assert_allclose(got.llf, res.llf, rtol=1e-12)
    rows = other.iloc[:12]
    np.testing.assert_allclose(got.predict(rows), res.predict(df.iloc[:12]), rtol=1e-9)
    np.testing.assert_allclose(res.predict(rows), res.predict(df.iloc[:12]), rtol=1e-12)


@pytest.mark.parametrize(
    ("formula", "column", "fill"),
    [
        ("y ~ I(x * 1) + g", "x", 0.0),  # was numpy's AttributeError ('itemsize')
        ("y ~ x + g", "g", "u"),  # was refused: "could not convert string to float"
        ("y ~ x + g", "y", "a"),
        ("y ~ x + C(k)", "k", 0),
    ],
)
def test_sparse_columns_are_read_as_their_values(formula, column, fill):
    df = simulated()
    sparse = df.assign(**{column: df[column].astype(pd.SparseDtype(df[column].dtype, fill))})
    res = mnlogit.fit(formula, sparse)
    np.testing.assert_allclose(res.llf, mnlogit.fit(formula, df).llf, rtol=1e-12)
    np.testing.assert_allclose(res.predict(sparse.head(5)), res.predict(df.head(5)), rtol=1e-12)


@pytest.mark.parametrize(
    ("formula", "column"),
    [("y ~ I(x*2) + `I(x * 2)`", "I(x * 2)"), ("y ~ `np.log(x)` + np.log(x) + g", "np.log(x)")],
)
def test_a_column_named_like_an_expression_beside_it_is_refused_not_left_out(formula, column):
    # formulaic took the two for one term: y ~ I(x*2) + `I(x * 2)` was fitted as y ~ I(x*2)
    df = simulated()
    df[column] = df["k"]
    with pytest.raises(FormulaError, match=r"named like the expression .*rename the column"):
        mnlogit.fit(formula, df)
    alone = mnlogit.fit(f"y ~ `{column}` + g", df)  # the column on its own is read
    np.testing.assert_allclose(alone.llf, mnlogit.fit("y ~ k + g", df).llf, rtol=1e-12)


@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ np.tanh(x) + g"])
def test_a_dask_fit_names_a_column_with_an_infinite_value_in_any_partition(formula):
    # past the sample the fit starts from, np.tanh(x) of x = inf was fitted as 1, and a plain
    # x = inf was refused as non-finite values in every design column, 'Intercept' first
    dd = pytest.importorskip("dask.dataframe")
    df = simulated()
    df.loc[df.index[-5], "x"] = np.inf
    with pytest.raises(DataError, match=r"column 'x' has 1 infinite value\(s\)") as err:
        mnlogit.fit(formula, dd.from_pandas(df, npartitions=4))
    assert "Intercept" not in str(err.value)


@pytest.mark.parametrize(
    "values", [[1, True, 2, 3, 4], [False, 1, True, 5, 6], [0, 5, 2, 3, False]]
)
def test_cluster_identifiers_true_and_one_are_refused_not_merged(values):
    # pandas counts True and 1 as one cluster: the sandwich summed two groups as one
    df = simulated().assign(cl=lambda d: _cycled(values, len(d)))
    with pytest.raises(DataError, match="which pandas takes for one of the clusters"):
        mnlogit.fit("y ~ x + g", df, cov_type="cluster", groups="cl")
    ok = df.assign(cl=df["cl"].astype(str))
    assert mnlogit.fit("y ~ x + g", ok, cov_type="cluster", groups="cl").nobs == len(df)


@pytest.mark.parametrize("role", ["strata", "psu"])
def test_survey_identifiers_true_and_one_are_refused_not_merged(role):
    # pandas counts True and 1 as one stratum or PSU: the design-based variance centred two
    # strata's PSU totals as one, or summed two PSUs as one, with nothing said
    df = simulated().assign(
        w=1.5,
        st=lambda d: _cycled([1, True, 2], len(d)),
        cl=lambda d: np.arange(len(d)) // 4,
    )
    design = {"strata": "st", "psu": "cl"}
    if role == "psu":
        design = {"psu": "st"}
    fit = lambda d: mnlogit.fit(  # noqa: E731
        "y ~ x + g", d, design=mnlogit.SurveyDesign(weights="w", **design)
    )
    with pytest.raises(DataError, match=r"which pandas takes for one of the (strata|PSUs)"):
        fit(df)
    assert fit(df.assign(st=df["st"].astype(str))).nobs == len(df)


def test_a_level_given_in_another_unicode_form_says_so():
    # "ref='été' is not a level ...; levels are 'v', 'w', 'été'" showed no difference
    df = simulated()
    df["y"] = df["y"].replace({"a": NFC})
    df["g"] = df["g"].replace({"u": NFC})
    with pytest.raises(mnlogit.MNLogitError, match=r"two Unicode forms.*normalize\('NFC'"):
        mnlogit.fit("y ~ x", df, ref=NFD)
    res = mnlogit.fit("y ~ x + g", df)
    with pytest.raises(mnlogit.MNLogitError, match="two Unicode forms"):
        res.predict(df.head(3).assign(g=[NFD, "v", "w"]))
    with pytest.raises(mnlogit.MNLogitError, match="two Unicode forms"):
        res.with_ref(NFD)


def test_x_columns_named_alike_in_two_unicode_forms_are_refused():
    # two rows of params labelled 'été', one for each column
    y, X = _arrays()
    frame = pd.DataFrame({"const": 1.0, NFC: X[:, 1], NFD: X[:, 1] ** 2})
    with pytest.raises(DataError, match=r"occur more than once \(in two Unicode forms\)"):
        mnlogit.MNLogit(y, frame)


def test_frequency_weights_off_a_whole_number_by_rounding_say_so():
    # 0.3 / 0.1 is 2.9999999999999996: refused as "must be whole numbers" with no way out
    df = simulated()
    with pytest.raises(
        DataError, match=r"2\.9999999999999996 \(in rows 0, .*\), 3 but for rounding.*np\.round"
    ):
        mnlogit.fit("y ~ x", df, weights=np.full(len(df), 0.3 / 0.1))
    with pytest.raises(DataError, match=r"got 1\.5 in rows 0, 1, .*weight_type='probability'"):
        mnlogit.fit("y ~ x", df, weights=np.full(len(df), 1.5))
    rounded = np.round(np.full(len(df), 0.3 / 0.1))
    assert mnlogit.fit("y ~ x", df, weights=rounded).nobs == 3 * len(df)


@pytest.mark.parametrize(
    ("formula", "char", "meant"),
    [
        ("y \u223c x", "U+223C", "~"),
        ("y ~ x \u2212 1", "U+2212", "-"),
        ("y ~ x \uff0b g", "U+FF0B", "+"),
    ],
)
def test_characters_that_look_like_operators_are_named(formula, char, meant):
    # refused as "has no outcome" or "Unknown operator '\u2212'", which looks like a minus
    with pytest.raises(FormulaError, match=re.escape(f"({char}) looks like {meant!r}")):
        mnlogit.fit(formula, simulated())
    mnlogit.fit("y ~ `a\u2212b` + g", simulated().assign(**{"a\u2212b": lambda d: d["x"]}))


def test_booleans_stored_as_objects_in_new_data_predict_as_the_booleans_they_are():
    # df.astype(object) or df.T.T gives object columns: True/False for a boolean predictor
    # were refused as "was numbers in fitting; got object values (True, False)"
    df = simulated().assign(b=lambda d: d["x"] > 2)
    res = mnlogit.fit("y ~ b + g", df)
    new = df.head(6)
    np.testing.assert_allclose(res.predict(new.astype(object)), res.predict(new), rtol=1e-14)
    missing = new.assign(b=pd.Series([True, None, False, True, True, False], dtype=object))
    assert res.predict(missing).iloc[1].isna().all()
    # b was True/False in fitting, which the refusal says (it said "was numbers")
    with pytest.raises(DataError, match="was True/False in fitting"):
        res.predict(new.assign(b=pd.Series([True, "x"] * 3, dtype=object)))


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u00ad", "\u200e"])
def test_labels_that_differ_by_an_invisible_character_are_refused(invisible):
    # 'u' and 'u' with a zero-width space were two outcomes (or levels) shown alike
    df = simulated()
    with pytest.raises(mnlogit.MNLogitError, match="print alike") as err:
        mnlogit.fit("y ~ x", df.assign(y=df["y"].replace({"b": "a" + invisible})))
    assert "regex=True" in str(err.value)
    with pytest.raises(mnlogit.MNLogitError, match="print alike"):
        mnlogit.fit("y ~ x + g", df.assign(g=df["g"].replace({"v": invisible + "u"})))
    # a level named with one: "ref='a\u200b' is not a level; levels are 'a', ..." hid it
    with pytest.raises(mnlogit.MNLogitError, match="differ only by invisible characters"):
        mnlogit.fit("y ~ x", df, ref="a" + invisible)
