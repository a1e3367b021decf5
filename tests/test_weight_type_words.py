"""weight_type= in Stata's words (its [fweight=], [pweight=]) or another common word is
answered with the option to write, and Stata's aweights and iweights with why they are not
fitted, where the refusal listed the two names alone."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import OptionError
from mnlogit.sklearn import MNLogitClassifier

DATA = pd.DataFrame(
    {"x": np.linspace(-1, 1, 30), "y": list("abc") * 10, "w": np.arange(30) % 3 + 1}
)


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("fweight", "that is weight_type='frequency'"),
        ("Frequency", "that is weight_type='frequency'"),
        ("pweight", "that is weight_type='probability'"),
        ("sampling", "that is weight_type='probability'"),
        ("aweight", "Stata's mlogit refuses them too"),
        ("analytic", "Stata's mlogit refuses them too"),
        ("iweight", "use weight_type='probability'"),
    ],
)
@pytest.mark.parametrize("through", ["fit", "MNLogit", "classifier"])
def test_other_words_for_weights_are_answered(given, said, through):
    with pytest.raises(OptionError, match=f"got {given!r}: .*{said}"):
        if through == "fit":
            mnlogit.fit("y ~ x", DATA, weights="w", weight_type=given)
        elif through == "MNLogit":
            mnlogit.MNLogit(DATA["y"], DATA[["x"]], weights=DATA["w"], weight_type=given)
        else:
            MNLogitClassifier(weight_type=given).fit(DATA[["x"]], DATA["y"], DATA["w"])


def test_other_values_keep_the_plain_refusal():
    plain = r"expected one of \('frequency', 'probability'\); got 'x'$"
    with pytest.raises(OptionError, match=plain):
        mnlogit.fit("y ~ x", DATA, weights="w", weight_type="x")
