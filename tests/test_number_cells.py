"""Numbers in every table (summary, compare, margins, the command line) are shown with the
digits they need: within 5% of the value at any magnitude, and never 0 for a nonzero one."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.report._format import num

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)
# every decade from 1e-12 to 1e12 about equally often (plain floats are mostly huge or tiny)
decades = st.tuples(st.sampled_from([-1.0, 1.0]), st.floats(min_value=-12, max_value=12)).map(
    lambda t: t[0] * 10.0 ** t[1]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.one_of(finite, decades))
def test_a_number_is_shown_within_five_percent_of_itself(x):
    shown = float(num(x))
    assert math.isclose(shown, x, rel_tol=0.05, abs_tol=0.0) or (x == 0 and shown == 0)


def test_small_coefficients_keep_two_digits_in_the_summary():
    rng = np.random.default_rng(4)
    n = 3000
    d = pd.DataFrame({"x": rng.normal(size=n) * 3000})
    eta = np.column_stack([np.zeros(n), 0.000149 * d["x"], -0.00012 * d["x"]])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    res = mnlogit.fit("y ~ x", d)
    b = res.params.loc["x", "b"]
    assert 1e-4 < abs(b) < 1e-3
    line = next(line for line in str(res.summary()).splitlines() if line.split()[:1] == ["x"])
    assert math.isclose(float(line.split()[1]), b, rel_tol=5e-4)


def test_counts_and_log_likelihoods_of_large_weighted_data_keep_every_digit():
    """Frequency weights summing to 1,197,710: N read 1.19771e+06 and two models'
    log-likelihoods both -1.342e+06, hiding the difference the table is there to show."""
    df = mnlogit.datasets.load("travel").dropna()
    df["w"] = 400 + np.arange(len(df)) % 7
    small = mnlogit.fit("mode ~ np.log(distance)", df, ref="car", weights="w")
    large = mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car", weights="w")
    assert small.nobs == 1197710 and -1e7 < small.llf < large.llf < -1e6
    table = str(mnlogit.compare([small, large]))
    assert "1197710" in table and "e+06" not in table
    for res in (small, large):
        assert f"{res.llf:.4f}" in table and f"{res.aic:.4f}" in table
    summary = str(large.summary())
    assert "e+06" not in summary and "1197710" in summary
    assert f"{large.llf:.4f}" in summary and f"{large.llnull:.4f}" in summary
    assert "nobs=1197710," in repr(large)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.one_of(finite, decades))
def test_statistics_and_counts_are_shown_to_four_decimals_or_in_full(x):
    from mnlogit.report._format import count, stat

    if 1e6 <= abs(x) < 1e15:  # every digit before the point
        assert abs(float(stat(x)) - x) <= 5e-5 + 1e-15 * abs(x)
    else:
        assert stat(x) == num(x)
    if x == round(x) and abs(x) < 1e15:
        assert float(count(x)) == x
    # within 5% as any number, and 0 only for 0 (a population of 1e-298 was shown as 0)
    assert abs(float(count(x)) - x) <= 0.05 * abs(x)
    # a sum of sampling weights that rounding left short of a whole population size
    assert count(0.1 * 3 * 80000) == "24000" and count(24000.5) == "24000.5000"


def test_a_population_of_tiny_sampling_weights_is_not_shown_as_zero():
    """Sampling weights of 1e-300 give the estimates of the unscaled ones; the summary's
    population size, their sum, read 0."""
    df = mnlogit.datasets.load("travel").dropna().head(400)
    df["pw"] = 1e-300 * (1.0 + (df.index % 3))
    res = mnlogit.fit("mode ~ income", df, ref="car", weights="pw", weight_type="probability")
    line = next(ln for ln in str(res.summary()).splitlines() if "Population size" in ln)
    shown = line.split("Population size")[1].split()[0]
    total = df["pw"].sum()
    assert shown != "0" and abs(float(shown) - total) <= 1e-3 * total, line


def test_the_repr_of_a_fit_with_huge_frequency_weights_is_one_short_line():
    """With frequency weights of 1e299 the repr printed the log-likelihood in full, a number
    of 300 digits; it is now written as the summary writes it."""
    df = mnlogit.datasets.load("travel").dropna().head(300).assign(w=1e299)
    res = mnlogit.fit("mode ~ income", df, ref="car", weights="w")
    text = repr(res)
    assert len(text) < 120 and "llf=-3.841e+301" in text and "nobs=3.000e+301" in text, text


def test_design_degrees_of_freedom_are_written_in_full():
    # a survey of a million rows, each its own PSU, has 1000009 design df: ':g' wrote
    # 1.00001e+06 in the summary's header and notes, the F test's F(2, 1.00001e+06) and the
    # table alone's note, hiding 1000008 and 1000009 alike
    rng = np.random.default_rng(0)
    n = 1_000_010
    df = pd.DataFrame(
        {"x": rng.normal(size=n), "y": rng.choice(["a", "b", "c"], n), "w": rng.uniform(1, 2, n)}
    )
    res = mnlogit.fit("y ~ x", df, weights="w", weight_type="probability")
    assert res.df_design == 1_000_009
    texts = [
        str(res.summary()),
        res.to_latex(),
        str(res.wald_test(["x"])),
        str(mnlogit.compare([res], stars=True)),
    ]
    for text in texts:
        assert "e+06" not in text and "1000009" in " ".join(text.split()), text
    assert dict(res.summary().header)["Design df"] == "1000009"
    assert "F(2, 1000008)" in texts[0] and "F(2, 1000008)" in texts[2]
