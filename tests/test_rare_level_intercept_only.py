"""An intercept-only model does not warn of a level of one or two rows as usually separated.

``y ~ 1`` with a level of one row warned that its coefficients are "barely estimable and
usually separated (the maximum-likelihood estimates then do not exist)" and advised
method='firth'; an intercept separates nothing, and its estimate is the log ratio of the
counts with standard error sqrt(1/n_k + 1/n_ref), exactly. A model with a slope still warns.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import RareLevelWarning


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(42)
    y = rng.choice(["a", "b", "c"], 300).astype(object)
    y[0], y[1] = "d", "e"
    y[2] = "e"
    return pd.DataFrame({"y": y, "x": rng.normal(size=300)})


def test_intercept_only_fit_of_rare_levels_is_not_warned_and_exact(df):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y ~ 1", df, ref="a")
    counts = df["y"].value_counts()
    for level in ("b", "c", "d", "e"):
        ratio = np.log(counts[level] / counts["a"])
        se = np.sqrt(1 / counts[level] + 1 / counts["a"])
        assert res.params.loc["Intercept", level] == pytest.approx(ratio, rel=1e-10)
        assert res.bse.loc["Intercept", level] == pytest.approx(se, rel=1e-8)


def test_a_model_with_a_slope_still_warns(df):
    with pytest.warns(RareLevelWarning, match="'d' \\(1 observation\\), 'e' \\(2 obs"):
        mnlogit.fit("y ~ x", df, ref="a")


def test_a_cluster_sandwich_keeps_the_warning_of_its_standard_errors(df):
    groups = np.arange(len(df)) // 3
    with pytest.warns(RareLevelWarning, match="sandwich standard errors"):
        mnlogit.fit("y ~ 1", df.assign(g=groups), ref="a", cov_type="cluster", groups="g")
