"""A survey design's estimates do not depend on how its strata and PSUs are labelled: PSU
identifiers numbered 1, 2, ... in every stratum (nested, as svyset and svydesign(nest=TRUE)
read them) or unique overall, as numbers, strings or categories, in any order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError

FORMULA = "y ~ x"


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 240
    d = pd.DataFrame({"x": rng.normal(size=n), "st": rng.choice(["A", "B", "C"], n)})
    d["unique_psu"] = d["st"] + rng.integers(0, 6, n).astype(str)  # 6 PSUs in each stratum
    d["pw"] = rng.uniform(1, 30, n)
    eta = np.column_stack([np.zeros(n), 0.7 * d["x"], -0.3 * d["x"] + 0.2])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


DATA = _data()
REFERENCE = mnlogit.fit(
    FORMULA, DATA, design=mnlogit.SurveyDesign(weights="pw", strata="st", psu="unique_psu")
)


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    kind=st.sampled_from(["int", "str", "category", "float"]),
    nested=st.booleans(),
)
def test_psu_labels_do_not_change_the_fit(seed, kind, nested):
    rng = np.random.default_rng(seed)
    d = DATA.copy()
    # relabel every PSU at random: 1, 2, ... again in each stratum, or one label overall
    codes = pd.factorize(d["unique_psu"])[0]
    new = rng.permutation(codes.max() + 1)[codes]
    if nested:
        new = d.groupby("st")["unique_psu"].transform(lambda s: pd.factorize(s)[0] + 1).to_numpy()
        new = rng.permutation(new.max() + 1)[new]
    labels = {"int": new, "str": new.astype(str), "float": new.astype(float) / 7}[
        kind if kind != "category" else "int"
    ]
    psu = pd.Categorical(labels) if kind == "category" else labels
    strata = rng.permutation(["A", "B", "C"])  # stratum labels permuted too
    d["st2"] = d["st"].map(dict(zip(["A", "B", "C"], strata, strict=True)))
    res = mnlogit.fit(FORMULA, d, design=mnlogit.SurveyDesign(weights="pw", strata="st2", psu=psu))
    assert res.df_design == REFERENCE.df_design == 15  # 18 PSUs - 3 strata
    np.testing.assert_allclose(res.params, REFERENCE.params, rtol=1e-10)
    np.testing.assert_allclose(res.bse, REFERENCE.bse, rtol=1e-9)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (5, "int 5"),
        (2.5, "float 2.5"),
        (np.float64(3), "float64"),
        ({"a": 1}, "dict"),
        ({1, 2}, "set"),
        ([[1, 2]], "list that is not one-dimensional"),
        (["a", [1, 2]], "list that is not one-dimensional"),
    ],
)
@pytest.mark.parametrize("role", ["weights", "strata", "psu", "fpc"])
def test_a_role_that_is_neither_a_column_nor_values_per_row_is_refused_at_once(role, value, shown):
    # was a SurveyDesign whose repr() raised TypeError, refused only at fit as "shape ()"
    with pytest.raises(InputTypeError, match=rf"{role} of a survey .*got {shown}"):
        mnlogit.SurveyDesign(**{role: value})


def test_a_table_given_for_a_role_says_which_column_to_give():
    """df[['pw']] (a DataFrame of one column) or an array of shape (n, 1) was refused as
    "not one-dimensional" with nothing on what to give instead."""
    d = pd.DataFrame({"pw": [1.0, 2.0], "st": ["a", "b"], "cl": [1, 2]})
    said = {
        "weights": (
            d[["pw"]],
            "(a table of one column): pass the column, weights=df['pw'], or its name, weights='pw'",
        ),
        "strata": (d[["st", "cl"]], "combine them first, e.g. df['st'].astype(str) + '/'"),
        "psu": (d[["st", "cl"]], "a table of 2 columns): give one column"),
        "fpc": (d[["pw"]].to_numpy(), "shape (2, 1)): flatten it to one value per row"),
    }
    for role, (value, words) in said.items():
        with pytest.raises(InputTypeError, match="not one-dimensional") as err:
            mnlogit.SurveyDesign(**{role: value})
        assert words in str(err.value)
    # subpop= too: it said "got values of shape (240, 1)", or "got 1" for a list of a name
    data = DATA.assign(young=DATA["x"] < 0)
    design = mnlogit.SurveyDesign(weights=np.ones(len(data)))
    for value, words in (
        (
            data[["young"]],
            "(a table of one column): pass the column, subpop=df['young'], or its name, "
            "subpop='young'",
        ),
        (data[["young"]].to_numpy(), "flatten it to one value per row"),
        (["young"], "(a list of a name): give the name itself, subpop='young'"),
    ):
        with pytest.raises(DataError, match="expected one value per row") as err:
            mnlogit.fit(FORMULA, data, design=design, subpop=value)
        assert words in str(err.value)


def test_probability_weights_given_to_fit_are_refused_in_the_same_words():
    with pytest.raises(InputTypeError, match=r"^weights of a survey design must be .*got int 2"):
        mnlogit.fit(FORMULA, DATA, weights=2, weight_type="probability")


def test_values_per_row_of_any_array_kind_are_taken():
    for value in ([1, 2], (1, 2), np.arange(2), pd.Series([1, 2]), pd.array([1, 2], "Int64")):
        assert repr(mnlogit.SurveyDesign(strata=value)) == "SurveyDesign(strata=<2 values>)"


def test_a_subpopulation_given_as_its_rows_says_to_give_a_mask():
    """subpop=df.index[cond], np.flatnonzero(cond) or cond[cond] (a Series of the rows in it)
    were refused as "got 277" or as an index that does not match, with nothing on the mask
    that was meant; what they say to pass fits the subpopulation."""
    data = DATA.set_index("r" + DATA.index.astype(str))
    design = mnlogit.SurveyDesign(weights=np.ones(len(data)))
    cond = data["x"] < 0
    expected = mnlogit.fit(FORMULA, data, design=design, subpop=cond)
    for value, words in (
        (data.index[cond], "(the data's row labels): give one True/False per row"),
        (np.flatnonzero(cond), "(integers, as row positions would be): give one True/False"),
        (cond[cond], f"has {cond.sum()} of the {len(data)} rows"),
    ):
        with pytest.raises(DataError) as err:
            mnlogit.fit(FORMULA, data, design=design, subpop=value)
        assert words in str(err.value)
    for mask in (
        data.index.isin(data.index[cond]),
        np.isin(np.arange(len(data)), np.flatnonzero(cond)),
        cond[cond].reindex(data.index, fill_value=False),
    ):
        res = mnlogit.fit(FORMULA, data, design=design, subpop=mask)
        np.testing.assert_array_equal(res.params, expected.params)
