"""Sandwich covariances of rows weighing next to nothing beside the others.

The bread of an outcome whose rows weigh 1e-310 beside ones is near 1.5e308: the scores
projected on it before they were weighted overflowed, and that equation's standard errors
were NaN, with only numpy's overflow warnings to say so. Weighted first, they are the
standard errors of the same data weighted 1e-300 (a sandwich does not depend on the scale
of one outcome's weights once its share is that small). Where even the bread passes the
float range the covariance is refused, naming the weights.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from test_near_certain_rows import _data

import mnlogit
from mnlogit.exceptions import DataError
from mnlogit.survey import SurveyDesign


def _bse(weight: float, survey: bool) -> np.ndarray:
    df = _data().assign(psu=np.arange(200) % 10)
    df["w"] = np.where(df["y"] == "c", weight, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no numpy overflow on the way
        if survey:
            res = mnlogit.fit("y ~ x + z", df, design=SurveyDesign(weights="w", psu="psu"))
        else:
            res = mnlogit.fit("y ~ x + z", df, weights="w", weight_type="probability")
        return res.bse.to_numpy()


@pytest.mark.parametrize("survey", [False, True], ids=["probability weights", "survey design"])
def test_an_outcome_weighing_1e_310_has_the_standard_errors_of_one_weighing_1e_300(
    survey: bool,
) -> None:
    light = _bse(1e-310, survey)
    assert np.isfinite(light).all()
    np.testing.assert_allclose(light, _bse(1e-300, survey), rtol=1e-6)


@pytest.mark.parametrize("survey", [False, True], ids=["probability weights", "survey design"])
def test_a_bread_past_the_float_range_is_refused_naming_the_weights(survey: bool) -> None:
    with pytest.raises(DataError, match=r"weights run from 1e-320 to 1\b.*weight 0"):
        _bse(1e-320, survey)
