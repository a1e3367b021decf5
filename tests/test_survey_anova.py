"""anova() of survey fits: per-term Wald tests with the design-based covariance and Stata's
adjusted Wald F, against car::Anova of svyglm (two outcomes) and Wald tests computed in R from
survey's linearised covariance (three outcomes): tests/reference/make_survey_anova.R."""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pandas as pd
import pytest
import refdata
from scipy import stats

import mnlogit

RTOL_CHI2 = 1e-6  # as the survey covariances' (tests/reference/README.md)
RTOL_P = 1e-5
DESIGN = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum")
CLUSTERS = mnlogit.SurveyDesign(weights="pw", psu="dnum")


@cache
def reference() -> dict:
    return json.loads((refdata.REF_DIR / "survey_anova.json").read_text())


@cache
def _apistrat() -> pd.DataFrame:
    return pd.read_csv(refdata.REF_DIR / "apistrat.csv")


def fit(model: str, data: pd.DataFrame | None = None) -> mnlogit.MNLogitResults:
    ref = reference()
    case = ref[model]
    return mnlogit.fit(
        f"{case['outcome']} ~ {ref['formula_rhs']}",
        _apistrat().copy() if data is None else data,
        ref=case["ref"],
        design=DESIGN,
    )


@pytest.mark.parametrize("model", ["binary", "multi"])
@pytest.mark.parametrize("kind", ["II", "III"])
def test_survey_anova_matches_r(model, kind):
    res = fit(model)
    table = res.anova(type=kind)
    expected = reference()[model]["tests"]["type2" if kind == "II" else "type3"]
    assert list(table.columns) == ["chi2", "df", "F", "df_denom", "pvalue"]
    assert list(table.index) == list(expected)
    assert table.attrs["test"] == "Wald" and "adjusted" in table.attrs["note"]
    assert res.df_design == reference()["design"]["degf"]
    for term, e in expected.items():
        row = table.loc[term]
        assert row["df"] == e["df"] and row["df_denom"] == e["df_denom"], term
        np.testing.assert_allclose(row["chi2"], e["chi2"], rtol=RTOL_CHI2, err_msg=term)
        np.testing.assert_allclose(row["F"], e["F"], rtol=RTOL_CHI2, err_msg=term)
        np.testing.assert_allclose(row["pvalue"], e["pvalue"], rtol=RTOL_P, err_msg=term)


def test_type_iii_rows_are_the_terms_wald_tests():
    res = fit("multi")
    table = res.anova(type="III")
    for term in table.index:
        test = res.wald_test(term)
        assert test.df_denom == table.loc[term, "df_denom"]
        np.testing.assert_allclose(table.loc[term, "F"], test.statistic, rtol=1e-12)
        np.testing.assert_allclose(table.loc[term, "chi2"], test.details["chi2"], rtol=1e-12)
        np.testing.assert_allclose(table.loc[term, "pvalue"], test.pvalue, rtol=1e-12)
        # the F p-value, not the chi2 one
        assert table.loc[term, "pvalue"] != pytest.approx(
            stats.chi2.sf(table.loc[term, "chi2"], table.loc[term, "df"]), rel=1e-6
        )


def test_too_few_design_df_for_a_term_leaves_its_f_nan_with_the_reason():
    data = _apistrat()
    # two districts: 1 design df, fewer than the 2 restrictions of a slope in two equations
    few = data[data["dnum"].isin([401, 689])]
    res = mnlogit.fit("perf ~ meals", few, ref="low", design=CLUSTERS)
    assert res.df_design == 1
    table = res.anova()
    assert np.isnan(table.loc["meals", "F"]) and np.isnan(table.loc["meals", "pvalue"])
    assert "'meals': Not computed" in table.attrs["note"]
    test = res.wald_test("meals")
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)


def test_fits_without_a_design_keep_their_columns():
    data = _apistrat()
    res = mnlogit.fit("perf ~ meals + ell", data, ref="low", cov_type="cluster", groups="dnum")
    table = res.anova()
    assert list(table.columns) == ["chi2", "df", "pvalue"]
    np.testing.assert_allclose(
        table["pvalue"], stats.chi2.sf(table["chi2"], table["df"]), rtol=1e-12
    )
    assert "adjusted" not in table.attrs["note"]


def test_a_term_of_more_restrictions_than_the_design_df_has_no_f_and_says_why():
    # lonely PSUs under "adjust" give the covariance rank 3 on 1 design df: the chi2 of the
    # 2 restrictions is defined, the adjusted F (on d - 2 + 1 = 0 df) is not
    data = _apistrat()
    big = data["dnum"].value_counts().index[:4]
    few = data[data["dnum"].isin(big)].copy()
    few["st"] = few["dnum"].map(dict(zip(big, ["A", "B", "C", "C"], strict=True)))
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="dnum", lonely_psu="adjust")
    res = mnlogit.fit("perf ~ meals", few, ref="low", design=design)
    assert res.df_design == 1
    table = res.anova()
    assert np.isfinite(table.loc["meals", "chi2"])
    assert np.isnan(table.loc["meals", "F"]) and np.isnan(table.loc["meals", "pvalue"])
    assert "'meals': The design has 1 degrees of freedom" in table.attrs["note"]
    test = res.wald_test("meals")
    assert np.isnan(test.statistic) and test.details["chi2"] == table.loc["meals", "chi2"]
