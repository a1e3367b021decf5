"""How much a design-based covariance can test: its rank is bounded by the PSUs that hold rows
of the fit, not by the design's degrees of freedom. A subpopulation in two PSUs of thirty has
a covariance of rank one whatever the design df; a Wald test of two restrictions on it divided
by a zero that rounding left nonzero (F of 1e15, p < 1e-150). PSUs whose rows all have weight
zero, or were dropped for missing values, hold no rows of the fit."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError

FORMULA = "y ~ x + z"
DESIGN = mnlogit.SurveyDesign(weights="w", psu="g")


def data(seed: int, n: int = 300, psus: int = 30) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "y": rng.choice(list("abc"), n),
            "x": rng.standard_normal(n),
            "z": rng.standard_normal(n),
            "g": rng.integers(0, psus, n),
            "w": rng.uniform(1, 50, n),
        }
    )


def in_two_psus(d: pd.DataFrame) -> np.ndarray:
    return d["g"].isin([0, 1]).to_numpy()


# seeds where the statistic came out finite (1e11 to 4e17) before the bound
@pytest.mark.parametrize("seed", [3, 4, 7, 13])
def test_more_restrictions_than_a_subpopulations_psus_support_are_nan_with_the_reason(seed):
    d = data(seed)
    res = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=in_two_psus(d))
    test = res.wald_test("x")  # two restrictions: x in both equations
    assert np.isnan(test.statistic) and np.isnan(test.pvalue) and np.isnan(test.details["chi2"])
    assert res.design.rank_bound() == 1 and res.df_design == 29
    assert "rank at most 1" in test.note and "2 PSUs holding rows of the fit" in test.note
    assert "rank at most 1" in test.details["reason"]
    one = res.wald_test("b:x = 0")  # one restriction is within the rank
    assert np.isfinite(one.statistic) and 0 < one.pvalue <= 1
    text = " ".join(str(res.summary()).split())
    assert "F test of all slopes is not defined. The linearised" in text


@pytest.mark.slow
def test_dask_fits_have_the_same_bound():
    dd = pytest.importorskip("dask.dataframe")
    d = data(3).assign(sub=lambda f: f["g"].isin([0, 1]))
    res = mnlogit.fit(FORMULA, dd.from_pandas(d, npartitions=3), design=DESIGN, subpop="sub")
    assert res.design.rank_bound() == 1
    assert np.isnan(res.wald_test("x").statistic)


def _numeric_rank(V: np.ndarray) -> int:
    # V itself, not its correlations: the data's columns are of one scale, and dividing by
    # the standard errors blew a coefficient's of 7e-6 up into an eigenvalue of 6e-8 from
    # the rounding of a rank-one V (seed=10000, strata=2, psus=4, census and lonely)
    eig = np.linalg.eigvalsh(V)
    return int((eig > 1e-10 * max(eig.max(), 1e-300)).sum())


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    strata=st.integers(1, 3),
    psus=st.integers(2, 6),
    domain=st.floats(0.05, 1.0),
    census=st.booleans(),
    lonely=st.booleans(),
)
@example(seed=10000, strata=2, psus=4, domain=0.5, census=True, lonely=True)
def test_the_bound_is_the_rank_of_the_covariance(seed, strata, psus, domain, census, lonely):
    """Never below the covariance's rank (a valid test is never refused for want of it), and
    equal to it on data in general position (it refuses no test the data could support)."""
    rng = np.random.default_rng(seed)
    n = 60 * strata * psus
    d = data(seed, n, psus).assign(
        st=rng.integers(0, strata, n),
        fpc=lambda f: np.where((f["st"] == 0) & census, psus, 10 * psus),
    )
    if lonely and strata > 1:  # the last stratum has one PSU, its total centred at zero
        d.loc[d["st"] == strata - 1, "g"] = 0
    keep = rng.random(psus) < domain
    keep[rng.integers(psus)] = True
    sub = keep[d["g"]] & (d["st"] < 2)
    design = mnlogit.SurveyDesign(weights="w", strata="st", psu="g", fpc="fpc", lonely_psu="adjust")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = mnlogit.fit(FORMULA, d, ref="a", design=design, subpop=sub)
    except DataError as e:  # rows of the fit in one PSU
        assert "single PSU" in str(e)
        return
    bound = res.design.rank_bound()
    assert bound <= res.df_design + int((res.design.n_psu == 1).sum())
    assert _numeric_rank(res.cov_params().to_numpy()) == min(bound, res.params.size)


# --- PSUs without rows of the fit ----------------------------------------------------------------
def _zero_weight_in_psu_1(d: pd.DataFrame) -> pd.DataFrame:
    return d.assign(w=d["w"].where(d["g"] != 1, 0.0))


def test_a_psu_of_zero_weights_holds_no_rows_of_the_fit():
    """Rows in two PSUs, but one PSU's weights all zero: its total is zero and the other's
    is the score at the estimates, so the standard errors came out as 1e-16."""
    d = _zero_weight_in_psu_1(data(0, 600, 10))
    with pytest.raises(DataError, match=r"of positive weight .* lie in a single PSU"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=in_two_psus(d))


@pytest.mark.slow
@pytest.mark.parametrize(
    "change",
    [_zero_weight_in_psu_1, lambda d: d.assign(x=d["x"].where(d["g"] != 1))],
    ids=["zero weights", "missing values"],
)
def test_dask_counts_the_psus_of_the_rows_it_fits(change):
    """On Dask the PSUs were counted before rows with missing values were dropped: a
    subpopulation left in one PSU got standard errors of 1e-16 and p-values of 1e-133."""
    dd = pytest.importorskip("dask.dataframe")
    d = change(data(0, 600, 10)).assign(sub=lambda f: f["g"].isin([0, 1]))
    with pytest.raises(DataError, match=r"of positive weight .* lie in a single PSU"):
        mnlogit.fit(FORMULA, dd.from_pandas(d, npartitions=3), design=DESIGN, subpop="sub")
    with pytest.raises(DataError, match="lie in a single PSU"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop="sub")


# --- the summary's reason is the test's own ------------------------------------------------------
def test_the_summary_gives_the_reason_the_slopes_f_test_is_nan():
    """Under separation the F test of all slopes is NaN because the slopes diverge; the note
    said the design had fewer degrees of freedom than the coefficients tested (14 df, 4 of
    them)."""
    rng = np.random.default_rng(1)
    n = 300
    x = rng.standard_normal(n)
    d = pd.DataFrame(
        {
            "y": np.where(x < -0.5, "a", np.where(x < 0.5, "b", "c")),
            "x": x,
            "g": rng.integers(0, 15, n),
            "w": rng.uniform(1, 5, n),
        }
    )
    with pytest.warns(mnlogit.exceptions.SeparationWarning):
        res = mnlogit.fit("y ~ x", d, ref="a", design=DESIGN)
    assert res.df_design == 14
    text = " ".join(str(res.summary()).split())
    assert "F test of all slopes is not defined. The coefficient(s)" in text
    assert "diverge under separation" in text
    assert "fewer than" not in text
