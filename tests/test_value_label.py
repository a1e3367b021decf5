"""How tables label a value (an ``at=`` value of margins, a contrast's level): the label
reads back as the value, and a sign is shown only for a value below zero."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
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
