"""An applied analysis of real poll data against R (tests/reference/make_chile.R): carData's
Chile, as R's write.csv writes it (row names, NA for missing, quoted labels), with 269 of
2700 rows dropped for missing values in four columns, three factors, a log, an interaction,
another reference, per-term LR tests of both types (car::Anova), Wald tests, a nested LR
test, robust and cluster-robust covariances (10 localities, one holding every row of a
region), margins over the rows and on emmeans' grid, average effects through the log and
the interaction, predictions at new rows, Hausman-McFadden tests, and the command line
reading the file. R's estimates are VGAM's Fisher scoring to 1e-14, its covariances the
exact information's inverse and sandwiches from the row scores."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.__main__ import main
from mnlogit.exceptions import InferenceWarning

REF = json.loads((refdata.REF_DIR / "chile.json").read_text())
FORMULA = "vote ~ region + np.log(income) + sex * age + education + statusquo"
SMALL = "vote ~ region + np.log(income) + sex + age + education + statusquo"
OUTCOMES = ["A", "N", "U", "Y"]
NEW = pd.DataFrame(
    {
        "region": ["C", "SA"],
        "income": [7500, 75000],
        "sex": ["F", "M"],
        "age": [30, 60],
        "education": ["P", "S"],
        "statusquo": [0.0, -1.0],
    }
)

RTOL = 1e-8  # estimates, covariances and tests: both sides at the maximum (~1e-12 seen)
RTOL_AME = 1e-6  # R differences the design and the coefficients numerically (~6e-7 seen)
RTOL_EMMEANS = 1e-6  # emmeans on nnet's fit to reltol 1e-16 and its numerical Hessian
RTOL_CAR = 1e-6  # car's refits by nnet's BFGS


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(refdata.REF_DIR / "chile.csv", index_col=0)


@pytest.fixture(scope="module")
def fits(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)  # the cluster fit's NaN, below
        return {
            "nonrobust": mnlogit.fit(FORMULA, data, ref="N"),
            "robust": mnlogit.fit(FORMULA, data, ref="N", cov_type="robust"),
            "cluster": mnlogit.fit(FORMULA, data, ref="N", cov_type="cluster", groups="population"),
            "small": mnlogit.fit(SMALL, data, ref="N"),
        }


def _by_equation(frame: pd.DataFrame) -> np.ndarray:
    return frame.T.to_numpy().ravel()


def test_the_fit_on_the_complete_rows(fits):
    res = fits["nonrobust"]
    assert res.n_dropped == REF["rows_dropped"] and res.nobs == REF["rows_used"]
    assert list(res.params.columns) == REF["equations"]
    r_names = [c.replace("(Intercept)", "Intercept") for c in REF["columns"]]
    ours = [
        c.replace("[T.", "").replace("]", "").replace("np.log", "log") for c in res.params.index
    ]
    assert ours == r_names
    np.testing.assert_allclose(res.llf, REF["ll"], rtol=1e-11)
    np.testing.assert_allclose(res.llnull, REF["llnull"], rtol=1e-11)
    np.testing.assert_allclose(_by_equation(res.params), REF["coef"], rtol=RTOL)
    np.testing.assert_allclose(_by_equation(res.bse), REF["se"], rtol=RTOL)
    np.testing.assert_allclose(_by_equation(fits["robust"].bse), REF["se_robust"], rtol=RTOL)


def test_cluster_robust_errors_with_a_region_in_one_locality(fits, data):
    # every row of region SA lies in the locality of 250000 people, whose score total the
    # dummy sets to zero: its cluster-robust errors hold nothing of its sampling variance
    # (NaN, where R's sandwich prints 0.10-0.15); the others are R's
    assert data.loc[data["region"] == "SA", "population"].nunique() == 1
    with pytest.warns(InferenceWarning, match="region\\[T.SA\\].*single cluster"):
        se = _by_equation(fits["cluster"].bse)
    want = np.asarray(REF["se_cluster"])
    region_sa = np.array([c == "regionSA" for c in REF["columns"]] * len(REF["equations"]))
    assert np.isnan(se[region_sa]).all() and np.isfinite(want[region_sa]).all()
    np.testing.assert_allclose(se[~region_sa], want[~region_sa], rtol=RTOL)


def test_the_summary_says_once_why_the_header_test_is_missing(fits):
    # the header's Wald chi2 involves region[T.SA]: its note repeated the long note on the
    # dummy's missing standard errors word for word
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)
        text = " ".join(str(fits["cluster"].summary()).split())
    assert text.count("whose score total it sets to zero") == 1
    assert "Wald chi2: not computed, as said above (No standard errors, tests" in text


@pytest.mark.parametrize(("kind", "key"), [("II", "anova2"), ("III", "anova3")])
def test_per_term_likelihood_ratio_tests_are_car_anova(fits, kind, key):
    table = fits["nonrobust"].anova(type=kind)
    want = REF[key]
    ours = [t.replace("np.log", "log") for t in table.index]
    assert ours == want["term"]
    np.testing.assert_allclose(table["chi2"], want["chi2"], rtol=RTOL_CAR)
    np.testing.assert_array_equal(table["df"], want["df"])
    np.testing.assert_allclose(table["pvalue"], want["pvalue"], rtol=1e-5)


def test_wald_and_nested_likelihood_ratio_tests(fits):
    res = fits["nonrobust"]
    got = res.wald_test("Y:statusquo = U:statusquo")
    np.testing.assert_allclose(got.statistic, REF["wald_statusquo_y_u"], rtol=RTOL)
    education = res.wald_test("education").statistic
    np.testing.assert_allclose(education, REF["wald_education"], rtol=RTOL)
    robust = fits["robust"].wald_test("education").statistic
    np.testing.assert_allclose(robust, REF["wald_education_robust"], rtol=RTOL)
    lr = mnlogit.lr_test(fits["small"], res)
    assert lr.df == 3
    np.testing.assert_allclose(lr.statistic, REF["lr_sex_age"], rtol=1e-7)


@pytest.mark.parametrize("cov", ["nonrobust", "robust"])
def test_margins_over_education_averaged_over_the_rows(fits, cov):
    table = fits[cov].margins(over="education").to_frame()
    for level, want in REF["margins_education"].items():
        rows = table[table["education"] == level].set_index("outcome").loc[OUTCOMES]
        np.testing.assert_allclose(rows["estimate"], want["estimate"], rtol=RTOL)
        se = want["se"] if cov == "nonrobust" else want["se_robust"]
        np.testing.assert_allclose(rows["std_error"], se, rtol=1e-7)


def test_average_effects_through_the_log_and_the_interaction(fits):
    effects = fits["nonrobust"].marginal_effects()
    for variable, want in REF["ame"].items():
        rows = effects.loc[variable].loc[OUTCOMES]
        np.testing.assert_allclose(rows["dydx"], want["estimate"], rtol=RTOL_AME)
        np.testing.assert_allclose(rows["std_error"], want["se"], rtol=RTOL_AME)


def test_grid_margins_are_emmeans(fits):
    table = fits["nonrobust"].margins(over="education", average="grid").to_frame()
    table = table.set_index(["education", "outcome"])
    want = REF["emmeans_education"]
    keys = list(zip(want["education"], want["vote"], strict=True))
    np.testing.assert_allclose(table.loc[keys, "estimate"], want["estimate"], rtol=RTOL_EMMEANS)
    np.testing.assert_allclose(table.loc[keys, "std_error"], want["se"], rtol=RTOL_EMMEANS)


def test_predictions_at_new_rows_and_another_reference(fits):
    res = fits["nonrobust"]
    intervals = res.prediction_intervals(NEW)
    probabilities = res.predict(NEW)[OUTCOMES].to_numpy().ravel()
    np.testing.assert_allclose(probabilities, REF["new_prob"], rtol=RTOL)
    np.testing.assert_allclose(intervals["std_error"], REF["new_se"], rtol=1e-7)
    against_y = res.with_ref("Y")
    want = REF["against_y"]  # R's equations in its order of levels, N first after relevel()
    order = [want["equations"].index(level) for level in against_y.params.columns]
    p = len(REF["columns"])
    for key, frame in (("coef", against_y.params), ("se", against_y.bse)):
        r = np.asarray(want[key]).reshape(len(order), p)[order]
        np.testing.assert_allclose(frame.T.to_numpy(), r, rtol=RTOL)


@pytest.mark.parametrize("omit", ["A", "U"])
def test_hausman_mcfadden_tests(fits, omit):
    got = fits["nonrobust"].iia_test(omit)
    want = REF["iia"][omit]
    np.testing.assert_allclose(got.statistic, want["chi2"], rtol=1e-6)
    assert got.df == want["df"]


def test_the_command_line_reads_the_file_r_wrote(tmp_path, capsys):
    path = refdata.REF_DIR / "chile.csv"
    argv = ["fit", str(path), FORMULA, "--ref", "N", "--csv", str(tmp_path / "t.csv")]
    assert main(argv) == 2  # 'NA' in columns of numbers: refused with the option to read it
    assert "add --na-values NA" in capsys.readouterr().err
    assert main([*argv, "--na-values", "NA"]) == 0
    err = capsys.readouterr().err
    assert f"{REF['rows_dropped']} of 2700 rows dropped" in err
    table = pd.read_csv(tmp_path / "t.csv")
    np.testing.assert_allclose(table["estimate"], REF["coef"], rtol=1e-6)
