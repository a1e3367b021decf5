"""wald_test given a list that is not all restriction text: refused as such, with the tuple
that takes a matrix R, never Python's own error of joining non-text."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import OptionError


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
