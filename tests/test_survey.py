"""Survey data: probability weights, strata, PSUs, fpc and subpopulations against R's survey
package (tests/reference/make_survey.R), and the inference that goes with them."""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pandas as pd
import pytest
import refdata
from scipy import stats

import mnlogit
from mnlogit.exceptions import (
    ColumnNotFoundError,
    DataError,
    InputTypeError,
    ModelComparisonError,
    OptionError,
)

RTOL = 1e-6
BINARY = "awards ~ meals + ell + mobility"
MULTI = "perf ~ meals + ell + mobility"
STRAT_CLUS = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum")


@cache
def survey_ref() -> dict:
    return json.loads((refdata.REF_DIR / "survey.json").read_text())


@cache
def _api(table: str) -> pd.DataFrame:
    return pd.read_csv(refdata.REF_DIR / f"{table}.csv")


def api(table: str) -> pd.DataFrame:
    return _api(table).copy()


CASES = list(survey_ref()["cases"])


def case_design(c: dict) -> mnlogit.SurveyDesign:
    return mnlogit.SurveyDesign(**c["python_design"], lonely_psu=c["lonely_psu"])


def fit_case(name: str, **options):
    c = survey_ref()["cases"][name]
    res = mnlogit.fit(
        c["formula"],
        api(c["table"]),
        ref=c["ref"],
        design=case_design(c),
        subpop=c["subpop"],
        **options,
    )
    return c, res


def flat(frame: pd.DataFrame) -> np.ndarray:
    return frame.to_numpy().T.ravel()  # equation-major, as the reference's order


def assert_cov(V, expected):
    expected = np.asarray(expected)
    np.testing.assert_allclose(V, expected, rtol=RTOL, atol=1e-12 * np.abs(expected).max())


# --- against R's survey package ---------------------------------------------------------------
@pytest.mark.parametrize("name", CASES)
def test_estimates_and_linearised_covariance_equal_the_survey_package(name):
    c, res = fit_case(name)
    assert [f"{o}:{t}" for o, t in res.cov_params().index] == c["order"]
    np.testing.assert_allclose(flat(res.params), c["params"], rtol=RTOL, atol=1e-10)
    assert_cov(res.cov_params().to_numpy(), c["cov"])
    np.testing.assert_allclose(flat(res.bse), c["bse"], rtol=RTOL)
    assert res.cov_type == "design" and res.weight_type == "probability"
    # Stata's design df: #PSU - #strata of the whole design, also for a subpopulation
    assert res.df_design == c["degf_full"]
    assert res.design.n_strata == c["n_strata"] and res.design.n_psu_total == c["n_psu"]
    np.testing.assert_allclose(res.design.population, c["population"], rtol=1e-12)
    assert res._data.n_rows == c["n_rows"]


@pytest.mark.parametrize("name", [n for n in CASES if n.endswith("/binary")])
def test_binary_fit_equals_svyglm_quasibinomial(name):
    c, res = fit_case(name)
    np.testing.assert_allclose(flat(res.params), c["svyglm"]["params"], rtol=RTOL, atol=1e-10)
    assert_cov(res.cov_params().to_numpy(), c["svyglm"]["cov"])


@pytest.mark.parametrize("name", [n for n in CASES if n.endswith("/binary")])
def test_wald_tests_are_stata_adjusted_f_of_the_survey_packages_chi2(name):
    c, res = fit_case(name)
    d = res.df_design
    for terms, key, k in (
        (["ell"], "wald_ell", 1),
        (["meals", "ell", "mobility"], "wald_slopes", 3),
    ):
        t = res.wald_test(terms)
        np.testing.assert_allclose(t.details["chi2"], c[key], rtol=RTOL)
        F = (d - k + 1) / (d * k) * c[key]
        np.testing.assert_allclose(t.statistic, F, rtol=RTOL)
        assert (t.df, t.df_denom) == (k, d - k + 1)
        np.testing.assert_allclose(t.pvalue, stats.f.sf(F, k, d - k + 1), rtol=1e-5)
        assert f"F({k}, {d - k + 1:g})" in str(t)


def test_binary_point_estimates_equal_statsmodels_glm_with_the_weights():
    sm = pytest.importorskip("statsmodels.api")
    d = api("apistrat")
    res = mnlogit.fit(BINARY, d, ref="No", weights="pw", weight_type="probability")
    X = sm.add_constant(d[["meals", "ell", "mobility"]])
    glm = sm.GLM(
        (d["awards"] == "Yes").astype(float), X, family=sm.families.Binomial(), freq_weights=d["pw"]
    ).fit(tol=1e-14)
    np.testing.assert_allclose(res.params["Yes"].to_numpy(), glm.params.to_numpy(), rtol=1e-8)


def test_binary_covariance_equals_a_hand_linearisation():
    """Influence functions of the logistic score, summed in PSUs, centred in strata."""
    d = api("apistrat")
    res = mnlogit.fit(BINARY, d, ref="No", design=STRAT_CLUS)
    X = np.column_stack([np.ones(len(d)), d[["meals", "ell", "mobility"]].to_numpy(float)])
    y = (d["awards"] == "Yes").to_numpy(float)
    w = d["pw"].to_numpy()
    b = res.params["Yes"].to_numpy()
    mu = 1 / (1 + np.exp(-X @ b))
    A = X.T @ (X * (w * mu * (1 - mu))[:, None])
    h = np.linalg.solve(A, (X * (w * (y - mu))[:, None]).T).T
    V = np.zeros((4, 4))
    for _, rows in d.groupby("stype").groups.items():
        totals = (
            pd.DataFrame(h[d.index.get_indexer(rows)]).groupby(d.loc[rows, "dnum"].to_numpy()).sum()
        )
        dev = totals.to_numpy() - totals.to_numpy().mean(axis=0)
        n_h = len(totals)
        V += n_h / (n_h - 1) * dev.T @ dev
    np.testing.assert_allclose(res.cov_params().to_numpy(), V, rtol=1e-9, atol=1e-14)


# --- probability weights without a design -------------------------------------------------------
def test_probability_weights_alone_are_a_design_of_one_stratum_with_rows_as_psus():
    c = survey_ref()["cases"]["weights_only/full/multi"]
    d = api("apistrat")
    res = mnlogit.fit(MULTI, d, ref="low", weights="pw", weight_type="probability")
    assert_cov(res.cov_params().to_numpy(), c["cov"])
    assert res.df_design == len(d) - 1 == c["degf_full"]
    assert res.nobs == len(d)  # probability weights do not count rows
    same = mnlogit.fit(MULTI, d, ref="low", weights=d["pw"].to_numpy(), weight_type="probability")
    assert_cov(same.cov_params().to_numpy(), c["cov"])


def test_frequency_weights_stay_the_default():
    d = api("apistrat")
    with pytest.raises(DataError, match="whole numbers"):
        mnlogit.fit(MULTI, d, ref="low", weights="pw")
    res = mnlogit.fit(MULTI, d.assign(w=np.round(d["pw"])), ref="low", weights="w")
    assert res.weight_type == "frequency" and res.cov_type == "nonrobust"
    assert res.df_design is None and np.isfinite(res.aic)


# --- subpopulations -----------------------------------------------------------------------------
@pytest.mark.parametrize("design", ["strat_fpc", "strat_clus"])
def test_subpopulation_keeps_the_design_and_differs_from_the_naive_subset_fit(design):
    c, res = fit_case(f"{design}/comp_imp/multi")
    assert_cov(res.cov_params().to_numpy(), c["cov"])
    d = api(c["table"])
    naive = mnlogit.fit(c["formula"], d[d["comp_imp"] == "Yes"], ref="low", design=case_design(c))
    np.testing.assert_allclose(naive.params.to_numpy(), res.params.to_numpy(), rtol=1e-9)
    # the naive fit loses the PSUs (and fpc population) outside the subpopulation
    rel = np.abs(naive.bse.to_numpy() / res.bse.to_numpy() - 1)
    assert rel.max() > 1e-3
    assert naive.df_design < res.df_design
    np.testing.assert_allclose(res.design.subpop_size, c["subpop_size"], rtol=1e-12)


def test_subpop_as_column_expression_or_mask_agree():
    d = api("apistrat").assign(sub=lambda f: f["comp_imp"] == "Yes")
    by_expr = mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, subpop="comp_imp == 'Yes'")
    by_col = mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, subpop="sub")
    by_mask = mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, subpop=d["sub"].to_numpy())
    for other in (by_col, by_mask):
        np.testing.assert_allclose(other.cov_params(), by_expr.cov_params(), rtol=1e-12)
    assert "Subpop" in str(by_col.summary())


def test_rows_with_missing_values_leave_the_estimates_but_not_the_design():
    """As R's svyglm: a dropped row's PSU still counts (domain estimation, not a smaller design)."""
    c = survey_ref()["cases"]["strat_clus/comp_imp/multi"]
    d = api("apistrat")
    d.loc[d["comp_imp"] != "Yes", "meals"] = np.nan
    res = mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS)
    assert res.n_dropped == (d["comp_imp"] != "Yes").sum()
    assert_cov(res.cov_params().to_numpy(), c["cov"])


@pytest.mark.parametrize("backend", ["pandas", pytest.param("dask", marks=pytest.mark.slow)])
def test_a_subpopulations_size_is_that_of_the_rows_it_is_estimated_on(backend):
    """A row dropped for a missing value is outside the domain (as svyglm treats it), so the
    domain's size is the weight of the rows used: the summary paired "Subpop. rows used 94"
    with the size of all 116 rows of the condition (4061.09 against 3242.09), and equals the
    fit of the same domain with those rows left out of the condition."""
    d = api("apistrat")
    d["meals"] = d["meals"].astype(float).where(d["snum"] % 5 != 0)
    complete = d["meals"].notna()
    sub = d["comp_imp"] == "Yes"
    data = d
    if backend == "dask":
        dd = pytest.importorskip("dask.dataframe")
        data = dd.from_pandas(d, npartitions=3)
    res = mnlogit.fit(MULTI, data, ref="low", design=STRAT_CLUS, subpop="comp_imp == 'Yes'")
    used = sub & complete
    assert res._data.n_rows == used.sum() == 94 and res.n_dropped == (sub & ~complete).sum()
    np.testing.assert_allclose(res.design.subpop_size, d.loc[used, "pw"].sum(), rtol=1e-12)
    same = mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, subpop=used.to_numpy())
    np.testing.assert_allclose(res.design.subpop_size, same.design.subpop_size, rtol=1e-12)
    np.testing.assert_allclose(res.cov_params(), same.cov_params(), rtol=1e-9)
    lines = str(res.summary()).splitlines()
    assert any("Subpop. size" in line and " 3242.0900 " in line for line in lines)


# --- the design's rules ---------------------------------------------------------------------------
def test_psu_ids_are_nested_in_strata():
    """The same district number in two strata is two PSUs (as nest=TRUE, Stata's svyset)."""
    d = api("apistrat")
    base = mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS)
    assert base.design.n_psu_total == survey_ref()["cases"]["strat_clus/full/multi"]["n_psu"]
    assert base.design.n_psu_total > d["dnum"].nunique()
    renumbered = d.assign(
        psu=d.groupby("stype")["dnum"].transform(lambda s: pd.factorize(s)[0] + 1)
    )
    assert renumbered["psu"].nunique() < d["dnum"].nunique()
    other = mnlogit.fit(
        MULTI,
        renumbered,
        ref="low",
        design=mnlogit.SurveyDesign(weights="pw", strata="stype", psu="psu"),
    )
    # the PSUs' scores are summed in another order: rounding, relative to the largest entry
    scale = np.abs(base.cov_params().to_numpy()).max()
    np.testing.assert_allclose(
        other.cov_params(), base.cov_params(), rtol=1e-12, atol=1e-15 * scale
    )


def test_lonely_psu_fails_by_default_naming_the_stratum():
    d = api("apiclus2")
    lonely = d.drop_duplicates("dnum")["cname"].value_counts()
    with pytest.raises(DataError, match="each have only one PSU") as err:
        mnlogit.fit(
            MULTI,
            d,
            ref="low",
            design=mnlogit.SurveyDesign(weights="pw", strata="cname", psu="dnum"),
        )
    assert "lonely_psu='adjust'" in str(err.value)
    assert repr(sorted(lonely[lonely == 1].index)[0]) in str(err.value)


def test_fpc_as_sampling_fractions_equals_population_counts():
    d = api("apistrat")
    n_h = d.groupby("stype")["stype"].transform("size")
    counts = mnlogit.fit(
        MULTI, d, ref="low", design=mnlogit.SurveyDesign(weights="pw", strata="stype", fpc="fpc")
    )
    fractions = mnlogit.fit(
        MULTI,
        d.assign(f=n_h / d["fpc"]),
        ref="low",
        design=mnlogit.SurveyDesign(weights="pw", strata="stype", fpc="f"),
    )
    np.testing.assert_allclose(fractions.cov_params(), counts.cov_params(), rtol=1e-12)


def test_design_without_weights_gives_every_row_weight_one():
    d = api("apistrat")
    res = mnlogit.fit(MULTI, d, ref="low", design=mnlogit.SurveyDesign(strata="stype"))
    plain = mnlogit.fit(MULTI, d, ref="low")
    np.testing.assert_allclose(res.params, plain.params, rtol=1e-9)
    assert res.design.population == len(d)


def test_array_interface_takes_designs_of_values():
    d = api("apistrat")
    res = mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, subpop="comp_imp == 'Yes'")
    X = np.column_stack([np.ones(len(d)), d[["meals", "ell", "mobility"]].to_numpy(float)])
    arrays = mnlogit.MNLogit(
        d["perf"].to_numpy(),
        X,
        ref="low",
        design=mnlogit.SurveyDesign(
            weights=d["pw"].to_numpy(), strata=d["stype"].to_numpy(), psu=d["dnum"].to_numpy()
        ),
        subpop=(d["comp_imp"] == "Yes").to_numpy(),
    ).fit()
    np.testing.assert_allclose(
        arrays.cov_params().to_numpy(), res.cov_params().to_numpy(), rtol=1e-10
    )


def test_the_data_are_not_modified():
    d = api("apistrat")
    before = d.copy()
    mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, subpop="comp_imp == 'Yes'")
    pd.testing.assert_frame_equal(d, before)


# --- inference on the design degrees of freedom ---------------------------------------------------
def test_intervals_and_pvalues_use_t_on_the_design_df():
    _, res = fit_case("clus1/full/multi")
    d = res.df_design
    assert d == 14
    # not the 183 rows less 8 coefficients, which a t quantile taken from it would use
    assert res.df_resid == d
    t = stats.t.isf(0.025, d)
    ci = res.conf_int()
    est, se = flat(res.params), flat(res.bse)
    np.testing.assert_allclose(ci["lower"], est - t * se, rtol=1e-12)
    np.testing.assert_allclose(flat(res.pvalues), 2 * stats.t.sf(np.abs(est / se), d), rtol=1e-12)
    frame = res.to_frame()
    np.testing.assert_allclose(frame["upper"], est + t * se, rtol=1e-12)
    # z holds t statistics
    assert {k: frame.attrs[k] for k in ("statistic", "df", "alpha")} == {
        "statistic": "t",
        "df": d,
        "alpha": 0.05,
    }
    assert frame.attrs["covariance"].startswith("linearised")
    # the LaTeX table alone says what its standard errors and t statistics are
    tex = res.to_latex()
    assert f"Standard errors: {frame.attrs['covariance']}; t statistics on 14 design" in tex
    assert "P>|t|" in str(res.summary())
    # the margins' text heads its columns as the summary does, not z with a note below
    margins = str(res.margins())
    assert "P>|t|" in margins and "P>|z|" not in margins and f"on {d:g} design" in margins
    plain_fit = mnlogit.fit(MULTI, api("apiclus1"), ref="low")
    assert plain_fit.to_frame().attrs == {
        "statistic": "z",
        "df": None,
        "alpha": 0.05,
        "covariance": "model-based",
    }
    assert "P>|z|" in str(plain_fit.margins()) and "P>|t|" not in str(plain_fit.margins())


def test_wald_f_is_nan_with_a_note_when_the_design_has_too_few_df():
    d = api("apiclus1")
    res = mnlogit.fit(MULTI, d, ref="low", design=mnlogit.SurveyDesign(weights="pw", psu="dnum"))
    R = np.eye(res.n_params)  # 8 restrictions; 14 design df is enough
    assert np.isfinite(res.wald_test((R, 0)).statistic)
    few = d[d["dnum"].isin(d["dnum"].unique()[:6])]
    res = mnlogit.fit(MULTI, few, ref="low", design=mnlogit.SurveyDesign(weights="pw", psu="dnum"))
    t = res.wald_test((np.eye(res.n_params), 0))
    assert res.df_design == 5 and np.isnan(t.statistic) and np.isnan(t.pvalue)
    assert "not defined" in t.note


def test_likelihood_ratio_tests_are_working_ones_and_information_criteria_refused():
    _, res = fit_case("strat_clus/full/multi")
    # Rao and Scott's working LR tests (test_survey_lr.py), not chi2
    assert res.lr_test().statistic_name == "working 2logLR"
    assert res.anova().attrs["test"] == "Wald"  # per-term Wald F (test_survey_anova.py)
    small = mnlogit.fit("perf ~ meals", api("apistrat"), ref="low", design=STRAT_CLUS)
    assert mnlogit.lr_test(small, res).statistic_name == "working 2logLR"
    assert np.isnan(res.aic) and np.isnan(res.bic) and res.pseudo_r2.isna().all()
    summary = res.summary()
    shown = " ".join(label for label, _ in summary.header)
    for absent in ("AIC", "BIC", "McFadden", "LR chi2", "Log-likelihood"):
        assert absent not in shown
    assert "Design df" in shown and "Prob > F" in shown
    assert "AIC, BIC and pseudo-R2 are not shown" in str(summary)
    with pytest.raises(OptionError, match="survey data"):
        res.iia_test("mid", method="suest")


def test_a_likelihood_ratio_test_beside_an_unweighted_fit_points_to_the_design():
    # the refusal said to fit both with the same weights=: weights alone make a survey fit
    # whose PSUs are its rows, not the design of the other
    _, res = fit_case("strat_clus/full/multi")
    plain = mnlogit.fit("perf ~ meals", api("apistrat"), ref="low")
    for pair in ((plain, res), (res, plain)):
        with pytest.raises(ModelComparisonError, match="fit both with the same design=") as err:
            mnlogit.lr_test(*pair)
        assert "same weights=" not in str(err.value)


# --- what works with a design covariance ----------------------------------------------------------
def test_with_ref_transforms_the_design_covariance():
    _, res = fit_case("strat_clus/full/multi")
    other = mnlogit.fit(MULTI, api("apistrat"), ref="high", design=STRAT_CLUS)
    moved = res.with_ref("high")
    assert moved.cov_type == "design"
    np.testing.assert_allclose(moved.params, other.params, rtol=1e-7)
    np.testing.assert_allclose(moved.cov_params(), other.cov_params(), rtol=1e-6, atol=1e-14)


def test_predict_exports_and_margins_work_with_a_design():
    _, res = fit_case("strat_fpc/comp_imp/multi")
    d = api("apistrat")
    assert res.predict(d.head(3)).shape == (3, 3)
    assert len(res.predict()) == res._data.n_rows
    summary = res.summary()
    for text in (
        summary.as_latex(),
        summary.as_markdown(),
        summary._repr_html_(),
        summary.as_csv(),
    ):
        assert "meals" in text
    assert "Population size" in summary.as_latex()
    me = res.marginal_effects()
    assert np.isfinite(me.to_numpy(dtype=float)).all()


# --- errors ---------------------------------------------------------------------------------------
def _design(**kw):
    return mnlogit.SurveyDesign(**{"weights": "pw", "strata": "stype", **kw})


@pytest.mark.parametrize(
    ("change", "design", "error", "match"),
    [
        (
            lambda d: d.assign(pw=d["pw"].where(d.index != 7, -1.0)),
            _design(),
            DataError,
            r"weights column 'pw'.*-1.0 in row 7",
        ),
        (
            lambda d: d.assign(pw=d["pw"].where(d.index != 3, np.nan)),
            _design(),
            DataError,
            r"'pw'.*nan in row 3",
        ),
        (
            lambda d: d.assign(pw=d["pw"].where(d.index != 4, np.inf)),
            _design(),
            DataError,
            r"'pw'.*inf in row 4",
        ),
        (lambda d: d.assign(pw="a"), _design(), InputTypeError, "expected numbers"),
        (
            lambda d: d.assign(stype=d["stype"].where(d.index != 5)),
            _design(),
            DataError,
            r"strata column 'stype' has missing values in row 5",
        ),
        (
            lambda d: d.assign(dnum=d["dnum"].where(d.index > 1)),
            _design(psu="dnum"),
            DataError,
            r"psu column 'dnum' has missing values in rows 0, 1",
        ),
        (
            lambda d: d.assign(fpc=10),
            _design(fpc="fpc"),
            DataError,
            r"fpc column 'fpc'.*smaller than the \d+ PSUs",
        ),
        (
            lambda d: d.assign(fpc=d["fpc"] + d.index),
            _design(fpc="fpc"),
            DataError,
            "constant within a stratum",
        ),
        (
            lambda d: d.assign(fpc=d["fpc"].where(d.index != 9, 0)),
            _design(fpc="fpc"),
            DataError,
            r"positive.*in row 9",
        ),
        (lambda d: d, _design(psu="nope"), ColumnNotFoundError, "psu: column 'nope' is not in"),
    ],
)
def test_bad_designs_are_refused_naming_the_column_and_rows(change, design, error, match):
    with pytest.raises(error, match=match):
        mnlogit.fit(MULTI, change(api("apistrat")), ref="low", design=design)


def test_bad_options_are_refused():
    d = api("apistrat")
    with pytest.raises(OptionError, match="only the design-based"):
        mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, cov_type="robust")
    with pytest.raises(OptionError, match="only the design-based"):
        mnlogit.fit(
            MULTI, d, ref="low", weights="pw", weight_type="probability", cov_type="nonrobust"
        )
    with pytest.raises(OptionError, match="needs a survey design"):
        mnlogit.fit(MULTI, d, ref="low", cov_type="design")
    with pytest.raises(OptionError, match="subpop= estimates for a subpopulation"):
        mnlogit.fit(MULTI, d, ref="low", subpop="comp_imp == 'Yes'")
    with pytest.raises(OptionError, match="weight_type='frequency' cannot be combined"):
        mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, weight_type="frequency")
    with pytest.raises(OptionError, match="weight_type: expected one of"):
        mnlogit.fit(MULTI, d, ref="low", weights="pw", weight_type="sampling")
    with pytest.raises(OptionError, match="given twice"):
        mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, weights="pw")
    with pytest.raises(OptionError, match="groups= does not apply"):
        mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, groups="dnum")
    with pytest.raises(InputTypeError, match="SurveyDesign"):
        mnlogit.fit(MULTI, d, ref="low", design={"strata": "stype"})
    with pytest.raises(OptionError, match="lonely_psu"):
        mnlogit.SurveyDesign(lonely_psu="mean")


@pytest.mark.parametrize("name", ["linearized", "Linearised", "taylor", "svy", "Design", " design"])
def test_other_names_of_the_design_based_covariance_say_to_write_design(name):
    """Stata's vce(linearized) spelled as cov_type= got "expected one of ('nonrobust',
    'robust', 'cluster')": three options a survey fit refuses, and not the one it takes."""
    d = api("apistrat")
    with pytest.raises(OptionError, match="is cov_type='design', the default of a survey fit"):
        mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, cov_type=name)
    with pytest.raises(OptionError, match="is cov_type='design', which needs a survey design"):
        mnlogit.fit(MULTI, d, ref="low", cov_type=name)


def test_a_survey_fit_names_the_covariance_it_takes_for_any_other_word():
    d = api("apistrat")
    for name in ("foo", "HC1", "Robust"):
        with pytest.raises(OptionError, match=r"takes only the design-based .*cov_type='design'"):
            mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, cov_type=name)
    # without a design the list of the others stands, with its hints
    with pytest.raises(OptionError, match=r"expected one of .*HC0 is cov_type='robust'"):
        mnlogit.fit(MULTI, d, ref="low", cov_type="HC0")


@pytest.mark.parametrize(
    ("subpop", "error", "match"),
    [
        ("nope > 1", DataError, "neither a column nor an expression"),
        ("meals", InputTypeError, "must be True/False"),
        ("meals > 1000", DataError, "selects no rows"),
        (np.ones(3, bool), DataError, "one value per row"),
    ],
)
def test_bad_subpopulations_are_refused(subpop, error, match):
    with pytest.raises(error, match=match):
        mnlogit.fit(MULTI, api("apistrat"), ref="low", design=STRAT_CLUS, subpop=subpop)


def test_missing_subpop_values_are_refused_naming_rows():
    d = api("apistrat").assign(
        sub=lambda f: (f["comp_imp"] == "Yes").astype(object).where(f.index != 2)
    )
    with pytest.raises(DataError, match="missing values in row 2"):
        mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, subpop="sub")


# --- dask: the design's sums map-reduced over partitions -----------------------------------------
DASK_CASES = [
    "strat_fpc/full/multi",
    "weights_only/full/binary",
    "clus1/full/multi",
    "strat_clus/comp_imp/multi",
    "lonely_adjust/full/multi",
]


@pytest.mark.parametrize("name", DASK_CASES)
def test_dask_survey_fit_equals_the_reference(name):
    dd = pytest.importorskip("dask.dataframe")
    c = survey_ref()["cases"][name]
    ddf = dd.from_pandas(api(c["table"]), npartitions=3)
    res = mnlogit.fit(c["formula"], ddf, ref=c["ref"], design=case_design(c), subpop=c["subpop"])
    assert not res._data.in_memory
    np.testing.assert_allclose(flat(res.params), c["params"], rtol=RTOL, atol=1e-10)
    assert_cov(res.cov_params().to_numpy(), c["cov"])
    assert res.df_design == c["degf_full"] and res.design.n_psu_total == c["n_psu"]
    np.testing.assert_allclose(res.design.population, c["population"], rtol=1e-12)
    assert "Number of PSUs" in str(res.summary())


def test_dask_survey_subpop_column_and_with_ref():
    dd = pytest.importorskip("dask.dataframe")
    d = api("apistrat").assign(sub=lambda f: f["comp_imp"] == "Yes")
    memory = mnlogit.fit(MULTI, d, ref="low", design=STRAT_CLUS, subpop="sub")
    res = mnlogit.fit(
        MULTI, dd.from_pandas(d, npartitions=4), ref="low", design=STRAT_CLUS, subpop="sub"
    )
    np.testing.assert_allclose(res.cov_params(), memory.cov_params(), rtol=1e-9)
    assert res.n_dropped == 0 and res._data.n_rows == d["sub"].sum()
    moved, moved_memory = res.with_ref("high"), memory.with_ref("high")
    np.testing.assert_allclose(moved.cov_params(), moved_memory.cov_params(), rtol=1e-8, atol=1e-14)


def test_dask_survey_errors_name_columns_and_rows():
    dd = pytest.importorskip("dask.dataframe")
    d = api("apistrat")
    bad = dd.from_pandas(d.assign(pw=d["pw"].where(d.index != 150, -2.0)), npartitions=3)
    with pytest.raises(DataError, match=r"weights column 'pw'.*-2.0 in row 150"):
        mnlogit.fit(MULTI, bad, ref="low", design=STRAT_CLUS)
    lonely = dd.from_pandas(api("apiclus2"), npartitions=2)
    with pytest.raises(DataError, match="each have only one PSU"):
        mnlogit.fit(
            MULTI,
            lonely,
            ref="low",
            design=mnlogit.SurveyDesign(weights="pw", strata="cname", psu="dnum"),
        )
    ddf = dd.from_pandas(d, npartitions=2)
    with pytest.raises(InputTypeError, match="give the name of a column"):
        mnlogit.fit(MULTI, ddf, ref="low", design=mnlogit.SurveyDesign(weights=d["pw"].to_numpy()))
    with pytest.raises(OptionError, match="only the design-based"):
        mnlogit.fit(MULTI, ddf, ref="low", design=STRAT_CLUS, cov_type="robust")
    with pytest.raises(DataError, match="selects no rows"):
        mnlogit.fit(MULTI, ddf, ref="low", design=STRAT_CLUS, subpop="meals > 1000")
    with pytest.raises(DataError, match="smaller than"):
        mnlogit.fit(MULTI, ddf.assign(fpc=10), ref="low", design=_design(fpc="fpc"))
