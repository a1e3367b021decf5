"""A variable named as a column of the margins table (``z``, ``outcome``, ...) cannot be set:
its values and the statistic would share a column. Every way of setting it (at=, over= as a
name, a list or an Index, on the rows or a grid, probabilities or effects) gives the same
refusal, which names the variable as text (a name from numpy, np.str_("z"), was shown as
``np.str_('z')``) and the rename that lets it be set."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

RESERVED = ("variable", "outcome", "estimate", "std_error", "z", "pvalue", "lower", "upper")


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


@pytest.mark.parametrize("name", RESERVED)
def test_every_way_of_setting_a_reserved_name_is_refused_alike(travel, name):
    data = travel.rename(columns={"region": name})
    res = mnlogit.fit(f"mode ~ distance + Q('{name}')", data, ref="car")
    ways = [
        {"over": name},
        {"over": [name]},
        {"over": pd.Index([name])},
        {"at": {np.str_(name): "rural"}},
        {"at": {name: ["rural", "urban"]}, "average": "grid"},
        {"over": name, "kind": "effect", "variables": "distance"},
    ]
    for kwargs in ways:
        with pytest.raises(DataError) as caught:
            res.margins(**kwargs)
        message = str(caught.value)
        assert f"the variable name(s) '{name}' clash" in message, kwargs
        assert f"data.rename(columns={{'{name}': '{name}_'}})" in message
    # renamed as the message says, it is set
    fixed = mnlogit.fit(f"mode ~ distance + Q('{name}_')", data.rename(columns={name: f"{name}_"}))
    frame = fixed.margins(over=f"{name}_").to_frame()
    assert list(frame.columns[:2]) == [f"{name}_", "outcome"]


def test_a_reserved_name_not_set_leaves_the_table_alone(travel):
    """Only a variable set takes a column: effects of z, and margins of others, are given."""
    data = travel.rename(columns={"distance": "z"})
    res = mnlogit.fit("mode ~ z + region", data, ref="car")
    effects = res.margins(kind="effect", over="region").to_frame()
    assert effects["variable"].iloc[0] == "z"
    assert list(effects.columns).count("z") == 1
