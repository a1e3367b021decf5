"""The results' tables, exports and with_ref refuse an option they do not take as the other
methods do: with the options they take, or what the option is called here. They raised
Python's bare TypeError naming an internal class ("EstimatesMixin.odds_ratios() got an
unexpected keyword argument 'level'"), where res.conf_int(level=0.95) and
res.summary(level=0.95) say that intervals take alpha=; res.with_ref(ref='b'), as fit()
spells the reference, did not say that the level is its one argument."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

ALPHA = "intervals take alpha=, the error rate (alpha=0.05 for 95%)"
WITH_REF = "with_ref takes the new reference outcome as its one argument: res.with_ref(level)"


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({"y": rng.choice(list("abc"), 150), "x": rng.normal(size=150)})


@pytest.fixture(scope="module")
def res(data):
    return mnlogit.fit("y ~ x", data)


CALLS = {
    "odds_ratios": (lambda r: r.odds_ratios(level=0.95), "level", ALPHA),
    "to_frame": (lambda r: r.to_frame(level=0.95), "level", ALPHA),
    "to_latex": (lambda r: r.to_latex(level=0.9), "level", ALPHA),
    "to_csv": (lambda r: r.to_csv(io.StringIO(), level=0.9), "level", ALPHA),
    "cov_params": (lambda r: r.cov_params(robust=True), "robust", "it takes terms"),
    "with_ref": (lambda r: r.with_ref(ref="b"), "ref", WITH_REF),
    # VGAM's multinomial(refLevel = ) and Stata's baseoutcome()
    "with_ref ": (lambda r: r.with_ref(refLevel="b"), "refLevel", WITH_REF),
    "with_ref  ": (lambda r: r.with_ref(baseoutcome="b"), "baseoutcome", WITH_REF),
    "wald_test_slopes": (lambda r: r.wald_test_slopes(alpha=0.1), "alpha", "it takes no options"),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_an_option_not_taken_is_refused_with_what_to_pass(res, name):
    call, option, hint = CALLS[name]
    with pytest.raises(InputTypeError) as info:
        call(res)
    assert str(info.value) == (
        f"res.{name.strip()}() got an unexpected keyword argument {option!r}; {hint}"
    )


def test_fit_answers_refLevel_as_it_answers_baseoutcome(data):
    with pytest.raises(InputTypeError, match=r"'refLevel'; the reference outcome is ref="):
        mnlogit.fit("y ~ x", data, refLevel="b")


@pytest.mark.parametrize(
    "fit", [mnlogit.fit, lambda f, d, **k: mnlogit.MNLogit.from_formula(f, d).fit(**k)]
)
def test_refLevel_is_told_that_ref_takes_the_level_not_vgams_position(data, fit):
    """VGAM's refLevel = 1 is the first level by position: with outcome codes 0, 1, 2 a user
    told only 'the reference outcome is ref=' wrote ref=1 and got the equations against the
    level 1, another reference than VGAM's, without a word."""
    with pytest.raises(InputTypeError) as info:
        fit("y ~ x", data, refLevel=1)
    said = str(info.value)
    assert "ref= takes the level itself, not VGAM's position" in said
    assert "VGAM's default the last" in said


def test_the_checked_methods_still_warn_at_the_users_line(data):
    """The check of the options is no caller: a penalised fit's NaN columns are explained
    when the user reads them, and not when the package reads them for itself."""
    ridge = mnlogit.fit("y ~ x", data, penalty="l2")
    for read in (ridge.odds_ratios, ridge.to_frame, lambda: ridge.to_csv(io.StringIO())):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            read()
        assert [w.category for w in caught] == [mnlogit.InferenceWarning]
        assert caught[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ridge.to_latex(), str(ridge.summary()), ridge.with_ref("c").params


def test_a_method_without_options_says_so(res):
    # was "it takes " followed by nothing
    with pytest.raises(InputTypeError, match=r"'foo'; it takes no options$"):
        res.margins().to_frame(foo=1)
