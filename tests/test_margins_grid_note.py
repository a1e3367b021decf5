"""The note of margins on a reference grid counts the whole grid and says what each margin
averages.

It said "reference grid of 2 point(s)" for ``over="region"`` beside a two-level factor ``g``:
the points one margin averages, while the grid (as emmeans' ``ref_grid`` counts it) has the
three regions crossed with them, 6 points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(0)
    n = 300
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "region": rng.choice(["island", "north", "south"], n),
            "g": rng.choice(["p", "q"], n),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )
    return mnlogit.fit("y ~ x + region + g", df)


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (
            {"over": "region"},
            "reference grid of 6 point(s) (3 combination(s) of the values set x the 2 levels "
            "of g); each margin is the equally weighted average of the 2 point(s) at its values",
        ),
        (
            {"at": {"x": [0, 1]}},
            "reference grid of 12 point(s) (2 combination(s) of the values set x the 6 "
            "combinations of the levels of region, g); each margin is the equally weighted "
            "average of the 6 point(s) at its values",
        ),
        (
            {},
            "reference grid of 6 point(s) (the 6 combinations of the levels of region, g); "
            "the margin is their equally weighted average",
        ),
        ({"over": ["region", "g"]}, "reference grid of 6 point(s), one per margin"),
    ],
)
def test_the_note_counts_the_grid_and_the_points_each_margin_averages(res, options, said):
    m = res.margins(average="grid", **options)
    assert said in m.notes[0]
    assert said in m.contrast("outcome").notes[0]  # a contrast keeps where it was evaluated


def test_the_margin_is_the_average_of_the_points_it_names(res):
    by_g = res.margins(average="grid", over=["region", "g"]).to_frame()
    by_region = res.margins(average="grid", over="region").to_frame()
    averaged = by_g.groupby(["region", "outcome"], observed=True)["estimate"].mean()
    got = by_region.set_index(["region", "outcome"])["estimate"]
    np.testing.assert_allclose(got.loc[averaged.index], averaged, rtol=1e-12)
