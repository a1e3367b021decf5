"""A non-finite predictor on rows of frequency weight 0 only (np.log(w) of the weights
themselves, say): those rows count no observation, and the refusal now says so and how to
drop them, where it named the column alone and the rows' weights were the user's to find."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(8)
    n = 90
    return pd.DataFrame(
        {"x": rng.normal(size=n), "y": rng.choice(["a", "b", "c"], n), "w": rng.integers(0, 4, n)}
    )


@pytest.mark.parametrize(
    ("formula", "change"),
    [
        ("y ~ x + np.log(w)", {}),
        ("y ~ x", {"x": lambda d: np.where(d["w"] == 0, np.inf, d["x"])}),
    ],
)
def test_rows_of_weight_zero_are_named_as_such(data, formula, change):
    frame = data.assign(**{k: f(data) for k, f in change.items()})
    with pytest.raises(DataError, match=r"Every one of those rows has 'w' 0") as info:
        mnlogit.fit(formula, frame, ref="a", weights="w")
    assert "data[data['w'] > 0]" in str(info.value)
    # the advice works: the fit of the rows of positive weight
    kept = frame[frame["w"] > 0]
    assert mnlogit.fit(formula, kept, ref="a", weights="w").nobs == data["w"].sum()


def test_a_row_of_positive_weight_keeps_the_plain_refusal(data):
    frame = data.assign(x=np.where(np.arange(len(data)) < 3, np.inf, data["x"]))
    frame.loc[:2, "w"] = 1
    with pytest.raises(DataError, match=r"every predictor must be finite$"):
        mnlogit.fit("y ~ x", frame, ref="a", weights="w")
