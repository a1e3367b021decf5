"""A likelihood-ratio test of a frequency-weighted fit against a fit of its rows repeated is
refused (the rows differ) with advice that applies: it said to drop the rows with missing
values first, where no row had any."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ModelComparisonError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(4)
    n = 80
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "y": rng.choice(["a", "b", "c"], n),
            "w": rng.integers(1, 4, n),
        }
    )


def test_weighted_rows_against_the_rows_repeated(data):
    repeated = data.loc[data.index.repeat(data["w"])].reset_index(drop=True)
    restricted = mnlogit.fit("y ~ x", data, ref="a", weights="w")
    full = mnlogit.fit("y ~ x + z", repeated, ref="a")
    with pytest.raises(ModelComparisonError) as info:
        mnlogit.lr_test(restricted, full)
    message = str(info.value)
    assert "missing values in any variable" not in message
    assert "both with its frequency weights or both to its rows repeated" in message


def test_other_rows_without_weights_say_to_use_one_data_frame(data):
    said = r"0 dropped\); fit both to the same data frame$"
    with pytest.raises(ModelComparisonError, match=said):
        mnlogit.lr_test(
            mnlogit.fit("y ~ x", data.iloc[:60], ref="a"), mnlogit.fit("y ~ x + z", data, ref="a")
        )


def test_rows_dropped_for_missing_values_keep_their_advice(data):
    holed = data.assign(z=np.where(np.arange(len(data)) < 5, np.nan, data["z"]))
    with pytest.raises(ModelComparisonError, match="drop the rows with missing values"):
        mnlogit.lr_test(
            mnlogit.fit("y ~ x", holed, ref="a"), mnlogit.fit("y ~ x + z", holed, ref="a")
        )


def test_a_level_lost_with_rows_missing_values_is_said_so(data):
    # every row of c misses z: the larger model has no c, and the refusals said to fit both
    # to the same outcome (lr_test) or that only fits of one outcome share a table (compare)
    holed = data.assign(z=data["z"].where(data["y"] != "c"))
    with pytest.warns(mnlogit.RareLevelWarning):
        small, large = (mnlogit.fit(f, holed, ref="a") for f in ("y ~ x", "y ~ x + z"))
    lost = (
        r"has no row of 'c' left after dropping \d+ rows with missing values; drop the rows "
        "with missing values in any variable of either model before fitting both$"
    )
    for pair in ((small, large), (large, small)):
        with pytest.raises(ModelComparisonError, match="the full model " + lost) as info:
            mnlogit.lr_test(*pair)
        assert "fit both to the same outcome" not in str(info.value)
        first = 2 if pair[0] is small else 1
        with pytest.raises(ModelComparisonError, match=f"model {first} " + lost):
            mnlogit.compare(list(pair))
    # other outcomes, or a subset of rows with no row dropped, keep their refusals
    with pytest.raises(ModelComparisonError, match=r"fit both to the same outcome$"):
        mnlogit.lr_test(
            mnlogit.fit("y ~ x", data[data["y"] != "c"], ref="a"),
            mnlogit.fit("y ~ x + z", data, ref="a"),
        )
    with pytest.raises(ModelComparisonError, match="Only fits of the same outcome"):
        mnlogit.compare([small, mnlogit.fit("y ~ x", data[data["y"] != "c"], ref="a")])
