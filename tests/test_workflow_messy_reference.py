"""An applied workflow on a messy data set against R (tests/reference/make_workflow_messy.R):
frequency weights with an interaction, a log, a square and a factor with a rare level, rows
dropped for missing values, a raw income column up to 1e6, model-based, robust and
cluster-robust covariances, per-term LR and Wald tests of both types, Wald restrictions
written as text, a nested LR test, margins over the rows and on a grid with their contrasts
and interaction contrasts under the cluster covariance, effects at set values, another
reference, predictions on new rows, and a survey design of clusters with sampling weights.
R's estimates are nnet::multinom's polished by Newton steps; its covariances are the exact
information's inverse and sandwiches from the row scores (see the script)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "workflow_messy.json").read_text())
F = REF["formulas"]
OUTCOMES = ["a", "b", "c", "d"]

RTOL_COEF = 1e-8  # both sides at the maximum to ~1e-13
RTOL_SE = 1e-8  # exact information and sandwiches on both sides (~1e-11 seen)
RTOL_LLF = 1e-11
ATOL_LR = 1e-7  # differences of log-likelihoods near -1700
RTOL_WALD = 1e-8
RTOL_MARGIN = 1e-8  # analytic delta methods on both sides
RTOL_AME = 1e-6  # R differences the design and the coefficients numerically (~1e-9 seen)
RTOL_CAR = 1e-6  # car::Anova refits with nnet's BFGS, short of the maximum by ~1e-7


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return refdata.data("workflow_messy")


@pytest.fixture(scope="module")
def fits(data):
    cluster = {"cov_type": "cluster", "groups": "clinic"}
    return {
        "nonrobust": mnlogit.fit(F["f1"], data, weights="fw"),
        "robust": mnlogit.fit(F["f1"], data, weights="fw", cov_type="robust"),
        "cluster": mnlogit.fit(F["f1"], data, weights="fw", **cluster),
        "f0": mnlogit.fit(F["f0"], data, weights="fw"),
        "f2": mnlogit.fit(F["f2"], data, weights="fw"),
        "f2_cluster": mnlogit.fit(F["f2"], data, weights="fw", **cluster),
        "survey": mnlogit.fit(
            F["f1"], data, design=mnlogit.SurveyDesign(weights="sw", psu="clinic")
        ),
    }


def _by_equation(frame: pd.DataFrame) -> np.ndarray:
    """params-shaped (columns x outcomes) in R's order: equation by equation."""
    return frame.T.to_numpy().ravel()


def _rows(frame: pd.DataFrame, **where) -> pd.DataFrame:
    mask = np.ones(len(frame), bool)
    for column, value in where.items():
        mask &= (frame[column] == value).to_numpy()
    return frame[mask].set_index("outcome").loc[OUTCOMES]


@pytest.mark.parametrize("cov", ["nonrobust", "robust", "cluster"])
def test_weighted_interaction_fit_and_its_covariances(fits, cov):
    res = fits[cov]
    want = REF["f1"][cov]
    assert res.n_dropped == REF["rows_dropped"] and res.nobs == REF["weights_sum"]
    np.testing.assert_allclose(res.llf, REF["f1"]["ll"], rtol=RTOL_LLF)
    np.testing.assert_allclose(res.llnull, REF["f1"]["llnull"], rtol=RTOL_LLF)
    np.testing.assert_allclose(_by_equation(res.params), want["estimate"], rtol=RTOL_COEF)
    np.testing.assert_allclose(_by_equation(res.bse), want["se"], rtol=RTOL_SE)


def test_raw_income_in_the_hundreds_of_thousands(fits):
    np.testing.assert_allclose(fits["f2"].llf, REF["f2"]["ll"], rtol=RTOL_LLF)
    for name, key in [("f2", "nonrobust"), ("f2_cluster", "cluster")]:
        want = REF["f2"][key]
        np.testing.assert_allclose(_by_equation(fits[name].params), want["estimate"], rtol=1e-8)
        np.testing.assert_allclose(_by_equation(fits[name].bse), want["se"], rtol=RTOL_SE)


def test_nested_lr_test_and_lr_anova_of_both_types(fits):
    full, small = fits["nonrobust"], fits["f0"]
    for test in (mnlogit.lr_test(small, full), full.lr_test(small)):
        np.testing.assert_allclose(test.statistic, REF["lr_f0_f1"], atol=ATOL_LR)
        assert test.df == REF["lr_df"]
    lr = REF["anova_lr"]
    for kind in ("II", "III"):
        table = full.anova(type=kind)
        assert table.attrs["test"] == "LR"
        assert list(table["df"]) == lr["df"]
        np.testing.assert_allclose(table["chi2"], lr[f"chi2_{kind}_newton"], atol=ATOL_LR)
        np.testing.assert_allclose(table["chi2"], lr[f"chi2_{kind}"], rtol=RTOL_CAR)


@pytest.mark.parametrize("cov", ["robust", "cluster"])
@pytest.mark.parametrize("kind", ["II", "III"])
def test_wald_anova_with_sandwich_covariances(fits, cov, kind):
    table = fits[cov].anova(type=kind)
    assert table.attrs["test"] == "Wald"
    want = REF["anova_wald"][cov]
    expected = [want[term][f"chi2_{kind}"] for term in REF["anova_lr"]["terms"]]
    np.testing.assert_allclose(table["chi2"], expected, rtol=RTOL_WALD)
    # the tests by term do not depend on the reference outcome
    other = fits[cov].with_ref("c").anova(type=kind)
    np.testing.assert_allclose(other["chi2"], table["chi2"], rtol=1e-9)


@pytest.mark.parametrize("cov", ["nonrobust", "robust", "cluster"])
def test_wald_restrictions_written_as_text(fits, cov):
    for case in REF["wald_restrictions"]:
        test = fits[cov].wald_test(case["text"])
        np.testing.assert_allclose(test.statistic, case[cov], rtol=RTOL_WALD)
        assert test.df == case["df"]


def test_another_reference_keeps_the_cluster_covariance(fits):
    for cov in ("nonrobust", "cluster"):
        other = fits[cov].with_ref("c")
        want = REF["ref_c"][cov]
        np.testing.assert_allclose(_by_equation(other.params), want["estimate"], atol=1e-10)
        np.testing.assert_allclose(_by_equation(other.bse), want["se"], rtol=RTOL_SE)
        np.testing.assert_allclose(other.llf, REF["ref_c"]["ll"], rtol=RTOL_LLF)


def test_margins_over_a_factor_and_their_contrasts_with_clusters(fits):
    m = fits["cluster"].margins(over="edu")
    frame = m.to_frame()
    want = REF["margins_rows"]
    for i, level in enumerate(want["levels"]):
        got = _rows(frame, edu=level)
        np.testing.assert_allclose(got["estimate"], want["estimate"][i], rtol=RTOL_MARGIN)
        np.testing.assert_allclose(got["std_error"], want["se"][i], rtol=RTOL_MARGIN)
    for kind in ("reference", "pairwise"):
        table = m.contrast("edu", kind).to_frame()
        assert len(table) == 4 * len(REF["contrast_rows"][kind])
        for case in REF["contrast_rows"][kind]:
            got = _rows(table, edu=case["contrast"])
            np.testing.assert_allclose(got["estimate"], case["estimate"], rtol=RTOL_MARGIN)
            np.testing.assert_allclose(got["std_error"], case["se"], rtol=RTOL_MARGIN)
    # the discrete changes of marginal_effects() are these contrasts
    effects = fits["cluster"].marginal_effects()
    tertiary = effects.loc["edu[T.tertiary]"].loc[OUTCOMES]
    case = REF["contrast_rows"]["reference"][1]
    np.testing.assert_allclose(tertiary["dydx"], case["estimate"], rtol=RTOL_MARGIN)
    np.testing.assert_allclose(tertiary["std_error"], case["se"], rtol=RTOL_MARGIN)


def test_changes_from_a_rare_baseline_level(fits):
    table = fits["cluster"].margins(over="region").contrast("region", "reference").to_frame()
    for case in REF["region_changes"]:
        got = _rows(table, region=case["contrast"])
        np.testing.assert_allclose(got["estimate"], case["estimate"], rtol=RTOL_MARGIN)
        np.testing.assert_allclose(got["std_error"], case["se"], rtol=RTOL_MARGIN)


def test_average_effects_through_log_square_and_interaction(fits):
    for cov, key in [("cluster", "ame_cluster"), ("nonrobust", "ame_model")]:
        frame = fits[cov].margins(kind="effect").to_frame()
        for var, want in REF[key].items():
            got = _rows(frame, variable=var)
            np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=RTOL_AME)
            np.testing.assert_allclose(got["std_error"], want["se"], rtol=RTOL_AME)
    frame = fits["cluster"].margins(kind="effect", at={"age": [30, 60]}).to_frame()
    for case in REF["ame_at_age"]:
        for var in ("age", "income"):
            got = _rows(frame, variable=var, age=case["age"])
            want = case[f"{var}_effect"]
            np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=RTOL_AME)
            np.testing.assert_allclose(got["std_error"], want["se"], rtol=RTOL_AME)


def test_grid_margins_contrasts_and_interaction_contrasts(fits):
    assert REF["emmeans_gap_grid"] < 1e-7 and REF["emmeans_gap_contrast"] < 1e-7
    grid = fits["cluster"].margins(
        at={"age": [30, 60], "income": 80000}, over="edu", average="grid"
    )
    frame = grid.to_frame()
    for cell in REF["grid"]:
        got = _rows(frame, age=cell["age"], edu=cell["edu"])
        np.testing.assert_allclose(got["estimate"], cell["estimate"], rtol=RTOL_MARGIN)
        np.testing.assert_allclose(got["std_error"], cell["se"], rtol=RTOL_MARGIN)
    table = grid.contrast("edu", "reference").to_frame()
    for case in REF["grid_contrast"]:
        got = _rows(table, age=case["age"], edu=case["contrast"]).loc[case["outcome"]]
        np.testing.assert_allclose(got["estimate"], case["estimate"], rtol=RTOL_MARGIN)
        np.testing.assert_allclose(got["std_error"], case["se"], rtol=RTOL_MARGIN)
    inter = grid.contrast("edu", "reference").contrast("age", "pairwise").to_frame()
    for case in REF["grid_interaction"]:
        got = _rows(inter, edu=case["contrast"], age="30 - 60")
        np.testing.assert_allclose(got["estimate"], case["estimate"], rtol=RTOL_MARGIN)
        np.testing.assert_allclose(got["std_error"], case["se"], rtol=RTOL_MARGIN)


def test_margins_at_raw_incomes_with_clusters(fits):
    frame = fits["f2_cluster"].margins(at={"income": [2e4, 5e5]}).to_frame()
    for case in REF["at_income_raw"]:
        got = _rows(frame, income=case["income"])
        np.testing.assert_allclose(got["estimate"], case["estimate"], rtol=RTOL_MARGIN)
        np.testing.assert_allclose(got["std_error"], case["se"], rtol=RTOL_MARGIN)


def test_predictions_and_their_intervals_on_new_rows_and_a_level_not_in_the_fit(fits):
    rows = REF["newrows"]
    new = pd.DataFrame({k: rows[k] for k in ("income", "age", "edu", "region")})
    prob = fits["cluster"].predict(new)
    assert list(prob.columns) == OUTCOMES
    np.testing.assert_allclose(prob.to_numpy(), rows["prob"], rtol=1e-10)
    intervals = fits["cluster"].prediction_intervals(new, alpha=0.1)
    for column, key in [("std_error", "se_cluster"), ("lower", "lower90"), ("upper", "upper90")]:
        got = intervals[column].to_numpy().reshape(4, 4)
        np.testing.assert_allclose(got, rows[key], rtol=RTOL_MARGIN)
    unseen = new.assign(region=["island", "east", "north", "south"])
    with pytest.raises(mnlogit.MNLogitError, match="east"):
        fits["cluster"].predict(unseen)


def test_survey_design_of_clusters(fits):
    res = fits["survey"]
    want = REF["survey"]
    assert res.df_design == want["df_design"]
    np.testing.assert_allclose(_by_equation(res.params), want["coef"]["estimate"], rtol=1e-8)
    np.testing.assert_allclose(_by_equation(res.bse), want["coef"]["se"], rtol=RTOL_SE)
    for kind in ("II", "III"):
        table = res.anova(type=kind)
        for term, (_, row) in zip(REF["anova_lr"]["terms"], table.iterrows(), strict=True):
            case = want["anova"][term]
            np.testing.assert_allclose(row["chi2"], case[f"chi2_{kind}"], rtol=RTOL_WALD)
            np.testing.assert_allclose(row["F"], case[f"F_{kind}"], rtol=RTOL_WALD)
            np.testing.assert_allclose(row["pvalue"], case[f"p_{kind}"], rtol=1e-6)
    for case in want["restrictions"]:
        test = res.wald_test(case["text"])
        np.testing.assert_allclose(test.statistic, case["F"], rtol=RTOL_WALD)
        np.testing.assert_allclose(test.pvalue, case["p"], rtol=1e-6)
    frame = res.margins(over="edu").to_frame()
    for case in want["over_edu"]:
        got = _rows(frame, edu=case["edu"])
        np.testing.assert_allclose(got["estimate"], case["estimate"], rtol=RTOL_MARGIN)
        np.testing.assert_allclose(got["std_error"], case["se"], rtol=RTOL_MARGIN)


def test_one_number_in_every_output(fits):
    """The summary, the tidy table, its CSV, compare's table and margins show one number."""
    res = fits["cluster"]
    tidy = res.to_frame()
    np.testing.assert_allclose(
        tidy.loc[("d", "edu[T.tertiary]:age"), "estimate"],
        res.params.loc["edu[T.tertiary]:age", "d"],
        rtol=0,
    )
    row = tidy.loc[("d", "edu[T.tertiary]:age")]
    text = str(res.summary())
    line = next(
        s
        for s in text.splitlines()[text.splitlines().index("d vs a") :]
        if s.strip().startswith("edu[T.tertiary]:age")
    )
    assert line.split()[1:3] == [f"{row['estimate']:.4f}", f"{row['std_error']:.4f}"]
    csv = pd.read_csv(pd.io.common.StringIO(res.summary().as_csv()))
    got = csv[(csv["outcome"] == "d") & (csv["term"] == "edu[T.tertiary]:age")].iloc[0]
    np.testing.assert_allclose(
        got[["estimate", "std_error", "pvalue"]].astype(float),
        row[["estimate", "std_error", "pvalue"]].astype(float),
        rtol=1e-14,
    )
    table = mnlogit.compare([fits["f0"], res], names=["main", "interaction"]).to_frame()
    mine = table.loc[("interaction", "d", "edu[T.tertiary]:age")]
    np.testing.assert_allclose(
        mine[["estimate", "std_error"]].astype(float),
        row[["estimate", "std_error"]].astype(float),
        rtol=0,
    )
