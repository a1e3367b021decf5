"""An L2-penalised fit with weights says how the penalty weighs against them: scikit-learn's
convention (the penalty on sum_i w_i log p_i, scaled by neither the rows nor the weights'
sum), under which sampling weights' units change the estimates, as they do not without it."""

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(2)
    n = 120
    d = pd.DataFrame({"x": rng.normal(size=n), "w": rng.integers(1, 4, n)})
    d["y"] = np.where(d["x"] + rng.logistic(size=n) > 0, "b", np.where(d["x"] > 1, "c", "a"))
    d["pw"] = d["w"] * 250.0
    return d


def test_sampling_weights_units_move_penalised_estimates_and_the_summary_says_so(data):
    fits = [
        mnlogit.fit(
            "y ~ x",
            data.assign(pw=data["pw"] * k),
            ref="a",
            weights="pw",
            weight_type="probability",
            penalty="l2",
            C=0.01,
        )
        for k in (1.0, 1e-3)
    ]
    # the units matter here (they do not without the penalty), and nothing said so
    assert np.abs(fits[0].params - fits[1].params).to_numpy().max() > 0.05
    text = " ".join(str(fits[1].summary()).split())
    assert "not scaled by the number of rows or by the sum of the weights" in text
    assert "w * n / w.sum()" in text


def test_frequency_weights_say_the_convention_without_the_survey_advice(data):
    res = mnlogit.fit("y ~ x", data, ref="a", weights="w", penalty="l2", C=0.5)
    text = " ".join(str(res.summary()).split())
    assert f"sum of the weights ({int(data['w'].sum())} here)" in text
    assert "w.sum()" not in text
    unweighted = mnlogit.fit("y ~ x", data, ref="a", penalty="l2", C=0.5)
    assert "sample_weight" not in str(unweighted.summary())


@pytest.mark.parametrize("k", [1e-6, 1e6, 1e40])
def test_the_note_quotes_the_sum_of_the_sampling_weights_as_given(data, k):
    # sampling weights far from 1 are divided by a power of two for the fit: the note quoted
    # that sum (202.9650 for weights summing to 0.006194), not the weights' own
    pw = data["pw"] * k
    res = mnlogit.fit(
        "y ~ x",
        data.assign(pw=pw),
        ref="a",
        weights="pw",
        weight_type="probability",
        penalty="l2",
        C=0.01,
    )
    text = " ".join(str(res.summary()).split())
    start = text.index("sum of the weights (") + len("sum of the weights (")
    quoted = float(text[start : text.index(" here)", start)])
    np.testing.assert_allclose(quoted, pw.sum(), rtol=1e-2)  # as count() rounds it
