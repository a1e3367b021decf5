"""How tables label a value (an ``at=`` value of margins, a contrast's level): the label
reads back as the value, and a sign is shown only for a value below zero."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.report._format import value_label


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False) | st.sampled_from([-0.0, 0.0, np.float32(-0.0)]))
def test_a_label_reads_back_as_its_value_with_a_sign_only_below_zero(value):
    label = value_label(value)
    assert float(label) == value
    # -0.0 was labelled "-0", a value below zero to the reader of a table
    assert label.startswith("-") == (value < 0)


def test_margins_at_minus_zero_are_labelled_zero():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 200), "x": rng.normal(size=200)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        margins = mnlogit.fit("y ~ x", df).margins(at={"x": [-0.0, 1.0]})
    firsts = [line.split()[0] for line in str(margins).splitlines()]
    assert "-0" not in firsts and firsts.count("0") == 3, str(margins)


@pytest.mark.parametrize("categorical", [False, True])
def test_a_factor_level_of_minus_zero_is_named_zero_whichever_row_comes_first(categorical):
    # pandas keeps the sign of the first zero it meets, so C(g) of a column whose first
    # zero was -0.0 (np.round of a small negative number) named its column C(g)[T.-0.0]
    # and its margins -0.0, where the same values with that row's zero positive said 0.0
    rng = np.random.default_rng(2)
    n = 200
    g = rng.choice([-1.0, 0.0, 1.0], n)
    first = int(np.flatnonzero(g == 0)[0])
    signed = g.copy()
    signed[first] = -0.0
    frame = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": rng.normal(size=n)})
    column = pd.Categorical(signed) if categorical else signed
    data = frame.assign(g=column)
    kept = data.copy()
    res = mnlogit.fit("y ~ x + C(g)", data)
    same = mnlogit.fit("y ~ x + C(g)", frame.assign(g=pd.Categorical(g) if categorical else g))
    assert list(res.params.index) == ["Intercept", "x", "C(g)[T.0.0]", "C(g)[T.1.0]"]
    assert list(res.params.index) == list(same.params.index)
    np.testing.assert_allclose(res.params.to_numpy(), same.params.to_numpy(), rtol=1e-12)
    over = res.margins(over="g").to_frame()["g"].unique().tolist()
    assert over == [-1.0, 0.0, 1.0] and not np.signbit(over[1])
    pd.testing.assert_frame_equal(data, kept)  # the user's column keeps its -0.0
    assert np.signbit(np.asarray(data["g"], dtype=float)[first])
