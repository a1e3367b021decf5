"""``res.margins("arm")``, as emmeans' specs (``emmeans(fit, ~ arm)``) or Stata's ``margins arm``
name a factor, was refused with only "at: expected a dict of variable -> value(s)", which
points to setting values, not to the margin at each level the call meant. The refusal now
gives the call that does that (``over='arm'``), and for a number the ``at=`` that sets it."""

from __future__ import annotations

import pytest

import mnlogit
from mnlogit.exceptions import DataError

# the travel data's mode by distance, region, purpose and age: factors and numbers
FORMULA = "mode ~ np.log(distance) + region + purpose + age"


@pytest.fixture(scope="module")
def res():
    return mnlogit.fit(FORMULA, mnlogit.datasets.load("travel"), ref="car")


@pytest.mark.parametrize(
    ("at", "said", "call"),
    [
        ("region", "over='region' gives the margins at each level of region", {"over": "region"}),
        (["region", "purpose"], "over=['region', 'purpose']", {"over": ["region", "purpose"]}),
        ("age", "at={'age': [...]} sets age at the values listed", {"at": {"age": [30, 60]}}),
    ],
)
def test_a_variable_named_alone_is_answered_with_the_call_that_works(res, at, said, call):
    with pytest.raises(DataError) as err:
        res.margins(at)
    assert said in str(err.value), str(err.value)
    # the advice works: the call it gives is a margin table
    assert len(res.margins(**call).to_frame()) > 0


def test_a_name_that_is_no_variable_gets_no_such_advice(res):
    with pytest.raises(DataError) as err:
        res.margins("mode")
    assert "over=" not in str(err.value)
