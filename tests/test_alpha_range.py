"""Error rates so small that their critical values leave floating point are refused, not
turned into unbounded or reversed intervals."""

import numpy as np
import pandas as pd
import pytest
from test_wald_edges import three_outcomes

import mnlogit
from mnlogit._checks import critical_value
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def fits():
    n = 240
    y, x = three_outcomes(3, n)
    plain = mnlogit.MNLogit(y, np.column_stack([np.ones(n), x]), ref="a").fit()
    psu = np.repeat(np.arange(6), n // 6)  # 6 PSUs: 5 design df, t intervals
    pw = np.linspace(1, 3, n)
    survey = mnlogit.fit(
        "y ~ x",
        pd.DataFrame({"y": y, "x": x, "pw": pw, "psu": psu}),
        ref="a",
        design=mnlogit.SurveyDesign(weights="pw", psu="psu"),
    )
    return plain, survey


def test_normal_intervals_at_the_smallest_alpha_are_refused(fits):
    plain = fits[0]
    # 5e-324 / 2 underflows to 0: z was inf, the interval (-inf, inf) and the odds ratio's NaN
    with pytest.raises(DataError, match=r"5e-324 is too small for the normal critical value"):
        plain.conf_int(5e-324)
    with pytest.raises(DataError, match=r"5e-324"):
        plain.odds_ratios(5e-324)
    lo, hi = plain.conf_int(1e-300).iloc[1]
    assert np.isfinite([lo, hi]).all() and lo < hi


@pytest.mark.parametrize("alpha", [1e-280, 1e-200])
def test_t_intervals_below_the_t_quantiles_precision_are_refused(fits, alpha):
    survey = fits[1]
    assert survey.df_design == 5
    # at 1e-280 scipy's t quantile on 5 df is -inf: the interval came out as (inf, -inf)
    with pytest.raises(DataError, match=r"too small for the t\(5\) critical value.*1e-100"):
        survey.conf_int(alpha)


def test_t_intervals_at_small_alpha_are_the_t_quantiles(fits):
    survey = fits[1]
    lo, hi = survey.conf_int(1e-100).iloc[1]
    est, se = survey.params.iloc[1, 0], survey.bse.iloc[1, 0]
    # the t(5) quantile in closed form from the regularized incomplete beta function
    from scipy import special

    x = special.betaincinv(2.5, 0.5, 1e-100)
    t = np.sqrt(5 * (1 - x) / x)
    np.testing.assert_allclose([lo, hi], [est - t * se, est + t * se], rtol=1e-12)
    assert critical_value(1e-100, 5.0) == pytest.approx(t, rel=1e-13)
