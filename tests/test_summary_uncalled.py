"""``res.summary`` written without its parentheses, a first session's commonest slip, shows
the summary: ``print(res.summary)`` printed ``<bound method RenderingMixin.summary of ...>``
and a notebook cell ending in ``res.summary`` displayed the same, saying nothing of the fit."""

import inspect
import pydoc

import pytest

import mnlogit


@pytest.fixture(scope="module")
def res():
    return mnlogit.fit("mode ~ parking + region", mnlogit.datasets.load("travel"), ref="car")


def test_printed_or_shown_uncalled_it_is_the_summary(res):
    table = str(res.summary())
    assert str(res.summary) == table and repr(res.summary) == table
    assert "bound method" not in str(res.summary)
    assert res.summary._repr_html_() == res.summary()._repr_html_()  # a notebook cell


def test_called_it_is_the_method(res):
    s = res.summary(odds_ratios=True, alpha=0.1)
    assert "RRR" in str(s) and "[0.05" in str(s)
    assert str(res.summary(True, 0.1)) == str(s)
    with pytest.raises(mnlogit.MNLogitError, match=r"alpha: expected a number in \(0, 0.5\]"):
        res.summary(alpha=0.95)


def test_a_misspelt_option_is_answered_with_the_one_to_write(res):
    with pytest.raises(mnlogit.MNLogitError, match="did you mean odds_ratios="):
        res.summary(odds_ratio=True)


def test_help_and_signature_describe_the_method(res):
    assert list(inspect.signature(res.summary).parameters) == ["odds_ratios", "alpha"]
    assert inspect.isfunction(mnlogit.MNLogitResults.summary)
    shown = pydoc.render_doc(res.summary, renderer=pydoc.plaintext)
    assert "summary(odds_ratios" in shown and "Error rate of the intervals" in shown
    assert res.summary.__doc__ == mnlogit.MNLogitResults.summary.__doc__


def test_the_readme_says_so():
    from pathlib import Path

    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text().split())
    assert "`res.summary` written without its parentheses prints and displays" in readme


@pytest.mark.parametrize(
    "call, said",
    [
        (
            lambda r: r.summary(level=0.95),
            "res.summary() got an unexpected keyword argument 'level'; intervals take alpha=",
        ),
        (lambda r: r.summary(rrr=True), "relative-risk ratios are odds_ratios=True"),
        (lambda r: r.summary(eform=True), "relative-risk ratios are odds_ratios=True"),
        (
            lambda r: r.conf_int(level=0.95),
            "res.conf_int() got an unexpected keyword argument 'level'; intervals take alpha=",
        ),
    ],
)
def test_r_and_stata_names_of_the_options_are_answered(res, call, said):
    # R's confint(level=) and Stata's level(), rrr and eform got Python's bare TypeError,
    # which named the method "RenderingMixin.summary()"
    with pytest.raises(mnlogit.MNLogitError) as refused:
        call(res)
    assert said in str(refused.value) and "Mixin" not in str(refused.value)


def test_conf_int_still_warns_when_its_values_are_nan():
    df = mnlogit.datasets.load("travel")
    ridge = mnlogit.fit("mode ~ parking", df, ref="car", penalty="l2")
    with pytest.warns(mnlogit.InferenceWarning):
        ridge.conf_int()
