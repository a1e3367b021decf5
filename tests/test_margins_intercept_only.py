"""Margins of an intercept-only model: the margins are the outcome shares, and a variable
named in at=, over= or variables= is refused with a list of the model's variables that says
there are none (it ended "variables are " and "variables ()")."""

from __future__ import annotations

import numpy as np
import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError


@pytest.fixture(scope="module")
def res():
    return mnlogit.fit("mode ~ 1", mnlogit.datasets.load("travel"), ref="car")


def test_the_margins_are_the_outcome_shares(res):
    frame = res.margins().to_frame()
    shares = mnlogit.datasets.load("travel")["mode"].value_counts(normalize=True)
    np.testing.assert_allclose(frame["estimate"], shares[frame["outcome"]].to_numpy(), rtol=1e-10)


@pytest.mark.parametrize(
    "kwargs",
    [{"at": {"region": "rural"}}, {"over": "region"}, {"kind": "effect", "variables": "region"}],
)
def test_naming_a_variable_says_the_model_has_none(res, kwargs):
    with pytest.raises(ColumnNotFoundError, match="none: the formula has no variables"):
        res.margins(**kwargs)
