"""summary(0.1), the level written first as statsmodels' and R's summaries take it, is told
to write alpha=: odds_ratios comes first here."""

import numpy as np
import pytest

import mnlogit
from mnlogit.exceptions import OptionError


@pytest.fixture(scope="module")
def res():
    return mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")


@pytest.mark.parametrize("level", [0.1, np.float64(0.05)])
def test_a_level_in_odds_ratios_place_is_told_to_write_alpha(res, level):
    with pytest.raises(OptionError, match=rf"write summary\(alpha={float(level):g}\)"):
        res.summary(level)


def test_other_values_keep_the_plain_refusal(res):
    with pytest.raises(OptionError) as info:
        res.summary(2.0)
    assert "alpha=" not in str(info.value)
    assert str(res.summary(alpha=0.1)) != str(res.summary())
