"""Booleans told apart from numbers in a column of labels, without a loop over its rows."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit._levels import distinct_labels

_CELLS = st.one_of(
    st.booleans(),
    st.integers(-2, 3),
    st.sampled_from([0.0, 1.0, 2.5, np.True_, np.False_, np.int64(1), "a", "1", "True", None]),
)


def _by_definition(column: pd.Series) -> list:
    """The booleans' distinct values, then the other values', as the rule says."""
    cells = column.dropna().tolist()
    booleans = [v for v in cells if isinstance(v, (bool, np.bool_))]
    others = [v for v in cells if not isinstance(v, (bool, np.bool_))]
    if not booleans or not others:
        return list(pd.unique(column.dropna().to_numpy()))
    apart = [pd.unique(np.array(part, dtype=object)) for part in (booleans, others)]
    return [*apart[0], *apart[1]]


@settings(max_examples=200, deadline=None)
@given(st.lists(_CELLS, min_size=1, max_size=30))
def test_booleans_are_kept_apart_from_the_numbers_they_hash_as(cells):
    column = pd.Series(cells, dtype=object)
    got = distinct_labels(column, list(column.dropna().unique()))
    want = _by_definition(column)
    assert [(type(v), v) for v in got] == [(type(v), v) for v in want]


class _Code:
    """A label that counts how often its class is asked for: isinstance() asks an object
    whose type is not the class tested for its __class__, so the count is how many cells went
    through isinstance one by one."""

    asked = 0

    def __init__(self, text: str) -> None:
        self.text = text

    def __hash__(self) -> int:
        return hash(self.text)

    def __eq__(self, other: object) -> bool:
        return type(other) is _Code and other.text == self.text

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        _Code.asked += 1
        return _Code


def test_a_column_of_codes_and_numbers_is_not_read_row_by_row():
    # codes beside numbers ('K3', 104), as a spreadsheet exports identifiers: every row went
    # through isinstance in Python, a third of a fit's build time on a million rows. Only
    # the cells that hash as 0 or 1, which a boolean could be merged with, are looked at
    rng = np.random.default_rng(0)
    labels = np.array([_Code(f"K{i}") for i in range(20)] + list(range(100, 130)), dtype=object)
    column = pd.Series(labels[rng.integers(0, len(labels), 5_000)], dtype=object)
    uniques = list(column.dropna().unique())
    _Code.asked = 0
    assert distinct_labels(column, uniques) == uniques
    assert _Code.asked == 0
    with_ones = pd.Series([*column, 1, True], dtype=object)
    got = distinct_labels(with_ones, list(with_ones.unique()))
    assert [type(v) for v in got[:1]] == [bool] and 1 in got[1:]


@pytest.mark.parametrize(
    ("labels", "kinds"),
    [
        (["a", 1, 2], "(number, str)"),
        ([True, 2, 0], "(boolean, number)"),
        ((True, 1, 0), "(boolean, number)"),
        ([np.int64(1), "x", "y"], "(number, str)"),
    ],
)
def test_a_list_of_labels_of_several_kinds_is_refused_as_a_column_of_them_is(labels, kinds):
    # numpy made the list all text ('1' a level beside 'a') or all numbers (True the level
    # 1, fitted with the 1s), where the same labels in a Series or an object array are
    # refused as mixing value types
    rng = np.random.default_rng(0)
    y = list(labels) * 40
    X = rng.normal(size=(len(y), 1))
    for given_as in (y, pd.Series(y, dtype=object)):
        with pytest.raises(mnlogit.MNLogitError, match=re.escape(f"mixes value types {kinds}")):
            mnlogit.MNLogit(given_as, X)


@pytest.mark.parametrize(
    ("labels", "levels"),
    [([1, 2.5, 3], (1.0, 2.5, 3.0)), ([True, False], (False, True)), (["b", "a"], ("a", "b"))],
)
def test_a_list_of_labels_of_one_kind_is_read_as_numpy_reads_it(labels, levels):
    rng = np.random.default_rng(0)
    y = list(labels) * 40
    res = mnlogit.MNLogit(y, rng.normal(size=(len(y), 1))).fit()
    assert res.outcomes == levels


@pytest.mark.parametrize(
    ("groups", "said"),
    [([1, "1", 2], "holds 1 (int) and '1' (str)"), ([True, 1, 2], "holds True and 1")],
)
def test_a_list_of_clusters_of_several_kinds_is_refused_as_a_column_of_them_is(groups, said):
    # numpy made 1 and '1' (or True and 1) one cluster, where an object array refuses them
    rng = np.random.default_rng(0)
    g = list(groups) * 50
    X = rng.normal(size=(len(g), 1))
    y = rng.choice(["a", "b", "c"], len(g))
    for given_as in (g, np.array(g, dtype=object)):
        with pytest.raises(mnlogit.MNLogitError, match=re.escape(said)):
            mnlogit.MNLogit(y, X, groups=given_as).fit(cov_type="cluster")
