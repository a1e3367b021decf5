"""An option string that differs from an allowed one only in letter case or spaces, or the
text 'None' where None is allowed, is told what to write: 'L2', 'Robust' and 'Firth' were
refused with the list of options alone, whose difference from the value is easy to miss."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mnlogit
from mnlogit._checks import check_option
from mnlogit.exceptions import OptionError
from mnlogit.sklearn import MNLogitClassifier

OPTIONS = ("nonrobust", "robust", "cluster")


@given(st.sampled_from(OPTIONS), st.lists(st.booleans(), min_size=9, max_size=9), st.booleans())
def test_a_letter_case_or_spacing_variant_is_told_the_option(option, upper, padded):
    value = "".join(c.upper() if u else c for c, u in zip(option, upper, strict=False))
    value = f" {value} " if padded else value
    if value == option:
        assert check_option("cov_type", value, OPTIONS) == option
        return
    with pytest.raises(OptionError) as caught:
        check_option("cov_type", value, OPTIONS)
    assert str(caught.value).endswith(
        f"; write {option!r} (as listed: letter case and spaces count)"
    )


def test_other_values_get_the_list_alone():
    with pytest.raises(OptionError) as caught:
        check_option("cov_type", "hc0", OPTIONS)
    assert str(caught.value) == (
        "cov_type: expected one of ('nonrobust', 'robust', 'cluster'); got 'hc0'"
    )


def test_the_text_none_is_told_to_be_none():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((60, 2)), rng.choice(list("abc"), 60)
    with pytest.raises(OptionError, match=r"got 'None', a text: give None itself$"):
        MNLogitClassifier(penalty="None").fit(X, y)
    with pytest.raises(OptionError, match=r"; write 'l2' \(as listed"):
        MNLogitClassifier(penalty="L2").fit(X, y)
    df = mnlogit.datasets.load("travel")
    with pytest.raises(OptionError, match=r"; write 'firth' \(as listed"):
        mnlogit.fit("mode ~ income", df, ref="car", method="Firth")


@pytest.mark.parametrize("text", ["none", " NONE", "None "])
def test_the_text_none_in_any_case_is_told_to_be_none(text):
    # scikit-learn's former penalty='none' got the list of options alone
    with pytest.raises(OptionError, match=r"a text: give None itself$"):
        check_option("penalty", text, (None, "l2"))
