"""Values given by ``at=`` for an integer column keep their integer dtype in the tables.

Margins set ``at=`` values as floats, so ``at={"k": [1, 3]}`` for an int64 column ``k``
printed 1 and 3 in the summary but its frame held 1.0 and 3.0 (Stata's and emmeans'
tables show the values as given). The frames of margins, their contrasts and effects now
hold them as int64 when every value is a whole number; the estimates are unchanged.
"""

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(7)
    n = 300
    data = pd.DataFrame(
        {
            "k": rng.integers(0, 5, n).astype(np.int64),
            "x": rng.normal(size=n),
            "g": rng.choice(["a", "b"], n),
        }
    )
    eta = np.column_stack([np.zeros(n), 0.3 * data["k"] - 0.5 * data["x"], 0.2 * data["x"]])
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    data["y"] = np.array(["u", "v", "w"])[(rng.random(n)[:, None] > p.cumsum(axis=1)).sum(1)]
    return mnlogit.fit("y ~ k + x + g", data, ref="u")


def _same_but_k(ours: pd.DataFrame, floats: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(ours.drop(columns="k"), floats.drop(columns="k"))
    assert ours["k"].dtype == np.int64
    assert ours["k"].tolist() == floats["k"].tolist()
    assert all(type(v) is int for v in ours["k"].tolist())


def test_margins_frame_keeps_integer_values(res):
    ours = res.margins(at={"k": [1, 3]}, over="g")
    floats = res.margins(at={"k": [1.5, 3.5]}, over="g").to_frame()
    assert floats["k"].dtype == np.float64  # values that are not whole stay floats
    frame = ours.to_frame()
    assert frame["k"].tolist() == [1] * 6 + [3] * 6
    assert frame["k"].dtype == np.int64
    # the same estimates as the values given as floats
    as_floats = res.margins(at={"k": [1.0, 3.0]}, over="g").to_frame()
    _same_but_k(frame, as_floats.assign(k=as_floats["k"].astype(np.int64)))
    assert "\n1    a    u" in str(ours)


def test_contrasts_and_effects_keep_integer_values(res):
    ours = res.margins(at={"k": [1, 3]}, over="g")
    by_g = ours.contrast("g").to_frame()
    assert by_g["k"].dtype == np.int64
    assert by_g["k"].tolist() == [1, 1, 1, 3, 3, 3]
    effects = res.margins(at={"k": np.array([2, 4])}, kind="effect", variables="x").to_frame()
    assert effects["k"].dtype == np.int64
    assert effects["k"].tolist() == [2, 2, 2, 4, 4, 4]
    by_k = ours.contrast("k").to_frame()  # the values contrasted are labels
    assert by_k["k"].tolist()[0] == "1 - 3"
