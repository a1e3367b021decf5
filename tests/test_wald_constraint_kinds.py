"""wald_test given a list that is not all restriction text: refused as such, with the tuple
that takes a matrix R, never Python's own error of joining non-text."""

import json
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import (
    ColumnNotFoundError,
    DataError,
    LevelError,
    MNLogitError,
    OptionError,
)


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(3)
    y = rng.choice(["a", "b", "c"], size=300)
    x = rng.normal(size=300)
    return mnlogit.MNLogit(y, np.column_stack([np.ones(300), x]), ref="a").fit()


def test_rows_of_r_in_a_list_are_answered_with_the_tuple(res):
    # was TypeError: sequence item 0: expected str instance, list found
    with pytest.raises(OptionError, match=r"item 0 is a list of values.*\(R, q\)"):
        res.wald_test([[0.0, 1.0, 0.0, 0.0]])
    R = np.array([[0.0, 1.0, 0.0, 0.0]])
    with pytest.raises(OptionError, match=r"a list \[R, q\]: pass the pair as a tuple"):
        res.wald_test([R, [0.0]])
    # the tuple the refusal names is taken, and is the test of the text restriction
    by_matrix = res.wald_test((R, np.zeros(len(R))))
    assert by_matrix.statistic == pytest.approx(res.wald_test("b:x1 = 0").statistic, rel=1e-12)


def test_a_term_beside_a_number_names_the_item(res):
    with pytest.raises(OptionError, match=r"item 1 is int 3, not a term"):
        res.wald_test(["x1", 3])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["x1", "b:x1 = 0", "c:x1 = b:x1"]),
            st.integers(),
            st.floats(allow_nan=True),
            st.none(),
            st.lists(st.floats(-2, 2), min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=4,
    ).filter(lambda items: not all(isinstance(i, str) for i in items))
)
def test_any_list_holding_something_other_than_text_is_refused_by_the_package(res, items):
    with pytest.raises(OptionError, match=r"^constraints: expected a term name"):
        res.wald_test(items)


@pytest.fixture(scope="module")
def by_factor():
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"x": rng.normal(size=400), "g": rng.choice(["p", "q", "r"], 400)})
    df["y"] = rng.choice(["a", "b", "c"], size=400)
    return mnlogit.fit("y ~ x*g", df)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("b:g = c:g", "b:g[T.q] = c:g[T.q], b:g[T.r] = c:g[T.r]"),
        ("2*b:g = c:g + 1", "2*b:g[T.q] = c:g[T.q] + 1, 2*b:g[T.r] = c:g[T.r] + 1"),
        ("b:x:g = c:x:g", "b:x:g[T.q] = c:x:g[T.q], b:x:g[T.r] = c:x:g[T.r]"),
    ],
)
def test_a_term_in_a_restriction_across_equations_is_restated_by_column(by_factor, text, meant):
    # 'b:g = c:g' was answered with 'b:g[T.q] = 0, b:g[T.r] = 0', a test of another hypothesis
    with pytest.raises(ColumnNotFoundError) as caught:
        by_factor.wald_test(text)
    said = str(caught.value)
    assert f"for each column, {text!r} is {meant!r}" in said
    assert "= 0, " not in said
    # what it says to write is taken
    assert by_factor.wald_test(meant).df == 2


def test_a_term_alone_in_one_equation_is_still_answered_with_its_zeros(by_factor):
    with pytest.raises(ColumnNotFoundError, match=r"tested by 'b:g\[T.q\] = 0, b:g\[T.r\] = 0'"):
        by_factor.wald_test("b:g = 0")
    with pytest.raises(ColumnNotFoundError, match=r"one at a time \(b:g\[T.q\], b:g\[T.r\]\)"):
        by_factor.wald_test("b:g = c:x")


@pytest.fixture(scope="module")
def odd_names():
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"my var": rng.normal(size=400), "c+d": rng.normal(size=400)})
    df["p.q"] = rng.normal(size=400)
    df["g 1"] = rng.choice(["u", "v"], 400)
    df["y"] = rng.choice(["a", "b", "c"], size=400)
    return mnlogit.fit("y ~ `my var` + `c+d` + `p.q` + `g 1` + `c+d`:`g 1`", df)


@pytest.mark.parametrize(
    ("looked_up", "quoted"),
    [
        ("b:Q('c+d') = 0", "b:`c+d` = 0"),
        ("b:Q(\"my var\") = c:Q('my var')", "b:`my var` = c:`my var`"),
        ("b:Q('p.q') = 0", "b:p.q = 0"),
        ("b:Q('g 1')[T.v] = 0", "b:`g 1`[T.v] = 0"),
        ("b:Q('c+d'):Q('g 1')[T.v] = 0", "b:`c+d`:`g 1`[T.v] = 0"),
    ],
)
def test_a_column_named_in_backticks_is_also_read_through_q(odd_names, looked_up, quoted):
    # the term Q('c+d') was read, but the coefficient b:Q('c+d') named no design column
    a, b = odd_names.wald_test(looked_up), odd_names.wald_test(quoted)
    assert a.statistic == pytest.approx(b.statistic, rel=1e-12)
    assert a.df == b.df == 1


@pytest.mark.parametrize("model_form", ["NFC", "NFD"])
def test_a_label_typed_in_the_other_unicode_form_is_read(model_form):
    # 'é' as one character or as 'e' and a combining accent prints alike; the restriction
    # was refused with a list of labels holding the one it could not be told from
    rng = np.random.default_rng(11)
    e, outcome = (unicodedata.normalize(model_form, s) for s in ("é", "café"))
    df = pd.DataFrame({e: rng.normal(size=300), "x": rng.normal(size=300)})
    df["y"] = rng.choice(["a", outcome, "c"], size=300)
    res = mnlogit.fit(f"y ~ `{e}` + x", df, ref="a")
    other = "NFD" if model_form == "NFC" else "NFC"
    typed = unicodedata.normalize(other, f"{outcome}:{e} = c:{e}")
    assert typed != f"{outcome}:{e} = c:{e}"
    assert res.wald_test(typed).statistic == pytest.approx(
        res.wald_test(f"{outcome}:{e} = c:{e}").statistic, rel=1e-12
    )
    assert res.wald_test(unicodedata.normalize(other, e)).df == 2


@pytest.mark.parametrize("text", ["-2:x1 = 0", "`-2`:x1 = 0", "c:x1 - -2:x1 = 0", "2*`-2`:x1 = 1"])
def test_a_reference_outcome_written_with_its_sign_or_in_backticks_is_named(text):
    # '-2:x1' with -2 the reference was "cannot read '2:x1'", naming neither what was
    # written nor why; in backticks it was "cannot read" too
    rng = np.random.default_rng(13)
    y = rng.choice(["-2", "b", "c"], size=300)
    X = np.column_stack([np.ones(300), rng.normal(size=300)])
    res = mnlogit.MNLogit(y, X, ref="-2").fit()
    with pytest.raises(LevelError, match=r"'-2' is the reference outcome and has no coefficients"):
        res.wald_test(text)


def test_r_of_the_tested_coefficients_only_is_answered_with_the_columns_to_add(res):
    # R labelled by the coefficients it restricts, the others left out: the refusal said
    # only "got 2 columns"; it names those without a column and how to give them zeros
    R = pd.DataFrame([[1.0, -1.0]], columns=pd.MultiIndex.from_tuples([("b", "x1"), ("c", "x1")]))
    with pytest.raises(DataError, match=r"2 coefficient\(s\) have no column .*fill_value=0\)"):
        res.wald_test((R, [0.0]))
    full = R.reindex(columns=res.cov_params().columns, fill_value=0)
    assert res.wald_test((full, [0.0])).statistic == pytest.approx(
        res.wald_test("b:x1 = c:x1").statistic, rel=1e-12
    )


def test_a_list_refused_for_what_it_holds_is_not_blamed_on_a_subpopulation():
    # of a subpopulation fit, the refusal of a list holding a number was TypeError; once
    # refused, it must not gain the note on levels outside the subpopulation
    rng = np.random.default_rng(17)
    df = pd.DataFrame({"x1": rng.normal(size=400), "g": rng.choice(["a", "b", "c"], 400)})
    df["y"] = rng.choice(["p", "q", "r"], size=400)
    df["psu"], df["pw"] = np.arange(400) % 20, 1.0 + np.arange(400) % 3
    design = mnlogit.SurveyDesign(weights="pw", psu="psu")
    res = mnlogit.fit("y ~ x1 + g", df, design=design, subpop="g != 'c'")
    with pytest.raises(OptionError) as caught:
        res.wald_test(["q:g[T.c] = 0", 3])
    assert str(caught.value).endswith("(item 1 is int 3, not a term or a restriction string)")
    # the text alone keeps its note
    with pytest.raises(MNLogitError, match="occur only outside it"):
        res.wald_test(["q:g[T.c] = 0"])


def test_an_outcome_written_with_its_sign_is_answered_with_its_backticks():
    # with outcomes -2 and 3 (no outcome 2), R's coef() names '-2:hincome'; the refusal was
    # "cannot read '2:hincome'", which quoted neither what was written nor what to write
    ref = json.loads((REF_DIR / "wald_signed_outcome.json").read_text())["tests"]
    d = pd.read_csv(REF_DIR / "womenlf.csv")
    d["y"] = d["partic"].map({"not.work": "0", "fulltime": "-2", "parttime": "3"})
    res = mnlogit.fit("y ~ hincome + children + region", d, ref="0")
    for text, expected in ref.items():
        with pytest.raises(LevelError, match=r"'-2' is not a plain name.*backticks: '`-2`:"):
            res.wald_test(text.replace("childrenpresent", "children[T.present]"))
        quoted = text.replace("-2:", "`-2`:").replace("childrenpresent", "children[T.present]")
        test = res.wald_test(quoted)
        # nnet's vcov inverts its own finite-difference Hessian: 1e-6 from the exact one
        assert test.statistic == pytest.approx(expected["chi2"], rel=2e-5), text
        assert test.df == expected["df"]


@pytest.mark.parametrize("which", ["R", "q"])
def test_rows_of_different_lengths_are_refused_as_such(res, which):
    # numpy's "setting an array element with a sequence ... inhomogeneous shape" escaped
    k = res.cov_params().shape[1]
    R, q = [[1.0] + [0.0] * (k - 1), [0.0, 1.0]], [0.0, 0.0]
    if which == "q":
        R, q = [[1.0] + [0.0] * (k - 1), [0.0, 1.0] + [0.0] * (k - 2)], [0.0, [1.0, 2.0]]
    with pytest.raises(DataError, match=rf"{which} must be a rectangular array.*lengths \["):
        res.wald_test((R, q))


def test_q_as_a_column_of_one_value_per_row_is_taken(res):
    # statsmodels' q_matrix and patsy's LinearConstraint.constants are (r, 1) columns: the
    # pair was refused for q's shape alone
    R = np.array([[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]])
    q = np.array([0.1, -0.2])
    by_vector = res.wald_test((R, q))
    by_column = res.wald_test((R, q[:, None]))
    assert (by_column.statistic, by_column.df) == (by_vector.statistic, by_vector.df)
    # a DataFrame's rows would be paired by position, whatever their labels: still refused
    with pytest.raises(DataError, match=r"q one value per row of R"):
        res.wald_test((R, pd.DataFrame({"q": q}, index=["b", "a"])))
