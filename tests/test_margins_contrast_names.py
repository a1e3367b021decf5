"""emmeans' and Stata's names of contrasts given to ``Margins.contrast``: refused with the
two methods allowed and nothing of what they correspond to; the refusal now says which
method (and ref=) gives each, and that p-values are not adjusted where the name adjusts."""

from __future__ import annotations

import pytest

import mnlogit
from mnlogit.exceptions import OptionError


@pytest.fixture(scope="module")
def margins():
    res = mnlogit.fit("mode ~ distance + region", mnlogit.datasets.load("travel"), ref="car")
    return res.margins(over="region")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("trt.vs.ctrl", 'take method="reference" (differences from the level'),
        ("trt.vs.ctrlk", 'method="reference" with ref= the last value'),
        ("r.", "Stata's r. operator"),
        ("Dunnett", "not adjusted for multiple comparisons"),
        ("revpairwise", "negate the estimates and swap lower and upper"),
        ("tukey", 'method="pairwise", whose p-values are not adjusted'),
        # emmeans' consec and Stata's ar. (later minus earlier level) and a. (the reverse)
        ("consec", "include each level minus the next: negate the estimates"),
        ("ar.", "include each level minus the next: negate the estimates"),
        ("a.", 'method="pairwise", whose differences include each level minus the next'),
    ],
)
def test_another_names_contrast_says_what_gives_it(margins, name, says):
    with pytest.raises(OptionError, match="expected one of") as caught:
        margins.contrast("region", name)
    assert repr(name) in str(caught.value) and says in str(caught.value)


def test_other_methods_are_refused_as_before(margins):
    for method in ("eff", 5, None):
        with pytest.raises(OptionError, match=r"expected one of \('pairwise', 'reference'\)"):
            margins.contrast("region", method)
