"""Rows of sampling weight 0: a fit treats them as rows outside a subpopulation, and the
refusals they cause say so and give the subpopulation that fits the rows of positive weight
(dropping the rows would take their PSUs out of the design)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, RankError


def _data(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 240
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": np.array(["a", "b", "c"])[rng.integers(0, 3, n)],
            "y": np.array(["u", "v", "w"])[rng.integers(0, 3, n)],
            "pw": rng.uniform(1, 4, n),
            "st": np.repeat(["s1", "s2"], n // 2),
            "psu": np.tile(np.arange(12), n // 12),
        }
    )


DESIGN = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")


def test_a_baseline_level_only_zero_weights_hold_is_blamed_on_the_weights():
    # the refusal called g[T.c] a combination of the others and said to drop it from the
    # formula; the frequency weights' refusal named the rows of weight 0
    df = _data()
    df.loc[df["g"] == "a", "pw"] = 0.0
    for kwargs in (dict(design=DESIGN), dict(weights="pw", weight_type="probability")):
        with pytest.raises(RankError, match=r'sampling weight 0 .*subpop="pw > 0"') as err:
            mnlogit.fit("y ~ x + g", df, **kwargs)
        assert err.value.weights_only
        assert "drop them from the formula" not in str(err.value)
    # the advice given fits, with the estimates and standard errors of those rows' domain
    domain = mnlogit.fit("y ~ x + g", df, design=DESIGN, subpop="pw > 0")
    assert list(domain.params.index) == ["Intercept", "x", "g[T.c]"]
    assert np.isfinite(domain.bse.to_numpy()).all()


def test_weights_given_as_values_or_an_odd_column_name_are_named_so():
    df = _data(1).rename(columns={"pw": "samp wt"})
    df.loc[df["g"] == "a", "samp wt"] = 0.0
    design = mnlogit.SurveyDesign(weights="samp wt", strata="st", psu="psu")
    with pytest.raises(RankError, match=r'subpop="`samp wt` > 0"'):
        mnlogit.fit("y ~ x + g", df, design=design)
    mnlogit.fit("y ~ x + g", df, design=design, subpop="`samp wt` > 0")
    values = mnlogit.SurveyDesign(weights=df["samp wt"].to_numpy(), strata="st", psu="psu")
    with pytest.raises(RankError, match=r"subpop=<the weights> > 0"):
        mnlogit.fit("y ~ x + g", df, design=values)


@pytest.mark.parametrize(
    "formula, column, level, error, levels",
    [
        # the refusal said "rows of frequency weight 0 are no observations ... drop those rows"
        ("y ~ x", "y", "v", DataError, ["u", "w"]),
        # the refusal said to drop those rows, which would drop their PSUs from the design
        ("y ~ x + g", "g", "c", RankError, ["Intercept", "x", "g[T.b]"]),
    ],
)
def test_a_level_only_zero_weights_hold_is_left_out_by_the_subpopulation(
    formula, column, level, error, levels
):
    df = _data(2)
    df.loc[df[column] == level, "pw"] = 0.0
    with pytest.raises(error, match=r"sampling weight 0, .*subpop=\"pw > 0\"") as err:
        mnlogit.fit(formula, df, design=DESIGN)
    assert "frequency" not in str(err.value) and "drop those rows" not in str(err.value)
    domain = mnlogit.fit(formula, df, design=DESIGN, subpop="pw > 0")
    fitted = domain.outcomes if column == "y" else domain.params.index
    assert list(fitted) == levels
    # frequency weights keep their advice
    df["fw"] = np.where(df[column] == level, 0, 1)
    with pytest.raises(error, match="drop those rows"):
        mnlogit.fit(formula, df, weights="fw")


@pytest.mark.slow
def test_a_dask_fit_says_the_same():
    dd = pytest.importorskip("dask.dataframe")
    df = _data(3)
    df.loc[df["g"] == "a", "pw"] = 0.0
    with pytest.raises(RankError, match=r'sampling weight 0 .*subpop="pw > 0"'):
        mnlogit.fit("y ~ x + g", dd.from_pandas(df, npartitions=3), design=DESIGN)
    domain = mnlogit.fit(
        "y ~ x + g", dd.from_pandas(df, npartitions=3), design=DESIGN, subpop="pw > 0"
    )
    memory = mnlogit.fit("y ~ x + g", df, design=DESIGN, subpop="pw > 0")
    np.testing.assert_allclose(domain.bse, memory.bse, rtol=1e-8)
    df = _data(4)
    df.loc[df["y"] == "v", "pw"] = 0.0
    with pytest.raises(DataError, match=r"sampling weight 0, .*subpop=\"pw > 0\""):
        mnlogit.fit("y ~ x", dd.from_pandas(df, npartitions=3), design=DESIGN)
    df = _data(9)
    df.loc[df["g"] == "c", "pw"] = 0.0
    with pytest.raises(RankError, match=r'sampling weight 0, say\): .*subpop="pw > 0"'):
        mnlogit.fit("y ~ x + g", dd.from_pandas(df, npartitions=3), design=DESIGN)


@pytest.mark.parametrize("equal", [False, True])
def test_a_firth_fit_with_zero_weights_is_that_of_the_subpopulation(equal):
    # the weights were divided by their mean over every row, zeros included, so the penalty
    # weighed less than in the same domain's subpopulation fit (coefficients 0.01 apart), and
    # weights of 1 on the domain did not give the domain's unweighted Firth estimates
    df = _data(5)
    if equal:
        df["pw"] = 1.0
    domain = df["x"] > -0.5
    sub = mnlogit.fit("y ~ x + g", df, design=DESIGN, subpop=domain, method="firth")
    zero = df.assign(pw=df["pw"] * domain)
    zeros = mnlogit.fit("y ~ x + g", zero, design=DESIGN, method="firth")
    np.testing.assert_allclose(zeros.params, sub.params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(zeros.bse, sub.bse, rtol=1e-9)
    alone = mnlogit.fit("y ~ x + g", zero, weights="pw", weight_type="probability", method="firth")
    np.testing.assert_allclose(alone.params, sub.params, rtol=1e-9, atol=1e-12)
    if equal:
        plain = mnlogit.fit("y ~ x + g", df[domain], method="firth")
        np.testing.assert_allclose(zeros.params, plain.params, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize(
    "kind, hint",
    [
        ("bool", r"\.astype\(float\) if True and False stand for 1 and 0; .*subpop="),
        ("complex", r"the real part, \.real"),
        ("timedelta", r"pd\.Timedelta"),
    ],
)
def test_weights_of_another_dtype_are_told_the_conversion_for_that_dtype(kind, hint):
    # every dtype was told of complex numbers' real parts and time spans, booleans too (a
    # subpopulation's indicator passed as the weights)
    df = _data(6)
    df["b"] = {
        "bool": df["x"] > 0,
        "complex": df["pw"] + 0j,
        "timedelta": pd.to_timedelta(df["pw"], unit="D"),
    }[kind]
    with pytest.raises(mnlogit.MNLogitError, match=hint) as err:
        mnlogit.fit("y ~ x", df, design=mnlogit.SurveyDesign(weights="b", psu="psu"))
    assert "weights column 'b'" in str(err.value)


def test_beside_a_subpopulation_the_advice_joins_the_rows_of_positive_weight_to_it():
    # a dummy 0 on every row of positive weight of a subpopulation said only to give
    # subpop="pw > 0", which, written as it says, fits another domain: every row of positive
    # weight, the rows outside the subpopulation given too
    df = _data(6)
    df.loc[df["g"] == "c", "pw"] = 0.0
    inside = "x > -0.5"
    with pytest.raises(RankError, match=r"sampling weight 0, say\)") as err:
        mnlogit.fit("y ~ x + g", df, design=DESIGN, subpop=inside)
    assert "joined with 'and' to a subpopulation already given" in str(err.value)
    joined = mnlogit.fit("y ~ x + g", df, design=DESIGN, subpop=f"{inside} and pw > 0")
    alone = mnlogit.fit("y ~ x + g", df, design=DESIGN, subpop="pw > 0")
    assert joined.nobs == ((df["x"] > -0.5) & (df["pw"] > 0)).sum() < alone.nobs
