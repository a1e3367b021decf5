"""A Wald restriction naming a level of numbers found only outside a survey fit's
subpopulation was refused saying "outcome np.int64(3) has no equation in it": numpy's
repr of the level, where every other message shows 3."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import MNLogitError

DESIGN = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    n = 240
    return pd.DataFrame(
        {
            "st": np.repeat(["A", "B"], n // 2),
            "psu": np.repeat(np.arange(24), n // 24),
            "w": rng.uniform(1.0, 3.0, n),
            "x": rng.normal(size=n),
            "k": np.tile([1, 2, 5], n // 3),
            "y": rng.choice([1, 2, 3], n),
        }
    )


@pytest.mark.parametrize(
    ("formula", "subpop", "restriction", "said"),
    [
        ("y ~ x", "y != 3", "3:x = 0", "outcome 3 has no equation in it"),
        ("y ~ x + C(k)", "k != 5", "2:C(k)[T.5] = 0", "'k' has no coefficient for 5"),
    ],
)
def test_a_level_of_numbers_outside_the_subpopulation_is_shown_as_a_number(
    formula, subpop, restriction, said
):
    res = mnlogit.fit(formula, _data(), ref=1, design=DESIGN, subpop=subpop)
    with pytest.raises(MNLogitError) as err:
        res.wald_test(restriction)
    assert "occur only outside it" in str(err.value)
    assert said in str(err.value) and "np." not in str(err.value)
