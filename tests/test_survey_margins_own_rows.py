"""``over=`` naming a column the model does not read (Stata's ``margins, over(region)``, a
survey's stratum) is refused with the average of each group's own rows written out, weighted
as margins are: the plain groupby mean the documentation used to give is not the margin of a
weighted fit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError


@pytest.fixture(scope="module")
def data():
    d = mnlogit.datasets.load("travel")
    return d.assign(w=1 + d["age"] / 20)  # sampling weights unequal enough to move a mean


@pytest.fixture(scope="module")
def res(data):
    design = mnlogit.SurveyDesign(weights="w", strata="region", psu="household")
    return mnlogit.fit(
        "mode ~ np.log(distance) + purpose", data, design=design, subpop=data["income"] > 20
    )


def test_over_a_column_outside_the_model_says_how_to_average_its_rows(res):
    with pytest.raises(ColumnNotFoundError) as info:
        res.margins(over="region")
    message = str(info.value)
    assert "'region' is not a variable of the model" in message
    assert "over()" in message
    assert "g = df.loc[p.index, 'region']" in message
    assert "p.mul(w, axis=0).groupby(g).sum().div(w.groupby(g).sum(), axis=0)" in message


def test_the_recipe_is_the_margin_of_the_rows(res, data):
    # Grouped by one constant, the recipe's average is the margin over every row used; the
    # unweighted mean of the predictions is not.
    p = res.predict()
    w = data.loc[p.index, "w"]
    g = pd.Series("all", index=p.index)
    recipe = p.mul(w, axis=0).groupby(g).sum().div(w.groupby(g).sum(), axis=0).loc["all"]
    margin = res.margins().to_frame().set_index("outcome")["estimate"]
    np.testing.assert_allclose(recipe[margin.index].to_numpy(), margin.to_numpy(), rtol=1e-12)
    plain = p.mean()
    assert np.abs(plain[margin.index].to_numpy() - margin.to_numpy()).max() > 1e-4


def test_a_near_name_keeps_its_own_hint(res):
    with pytest.raises(ColumnNotFoundError, match="did you mean 'purpose'") as info:
        res.margins(over="Purpose")
    assert "over() option" not in str(info.value)


def test_at_naming_a_column_outside_the_model_is_not_given_the_over_recipe(res):
    with pytest.raises(ColumnNotFoundError) as info:
        res.margins(at={"region": ["urban"]})
    assert "groupby" not in str(info.value)
