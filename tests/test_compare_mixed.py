"""Fits of different kinds side by side and in their summaries: a penalised survey fit, Firth
beside maximum likelihood, a survey fit beside an unweighted one. Each table says which fit is
which and shows no statistic a fit cannot support."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

FORMULA = "y ~ x + z"


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 300
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "st": rng.choice(["A", "B", "C"], n),
            "pw": rng.uniform(5, 60, n),
        }
    )
    eta = np.column_stack([np.zeros(n), 0.8 * d["x"], -0.5 * d["z"]])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


DESIGN = mnlogit.SurveyDesign(weights="pw", strata="st")


def test_a_penalised_survey_fit_has_a_summary_without_inference(data):
    res = mnlogit.fit(FORMULA, data, design=DESIGN, penalty="l2", C=0.5)
    summary = res.summary()
    text = str(summary)  # was a refusal of the F test the header tried to show
    assert "Standard errors" in text and "none (see the notes)" in text
    assert "F(" not in text and "Prob > F" not in text
    # the survey note no longer promises design-based standard errors it does not show
    assert "design-based (Taylor" not in text
    assert "L2-penalised estimates" in text
    for rendering in (summary.as_latex(), summary.as_markdown(), summary.as_csv()):
        assert "Prob > F" not in rendering
    assert "Prob &gt; F" not in summary._repr_html_()
    assert res.to_frame()["std_error"].isna().all()


def test_a_penalised_survey_fit_keeps_its_wald_refusal(data):
    res = mnlogit.fit(FORMULA, data, design=DESIGN, penalty="l2")
    with pytest.raises(mnlogit.MNLogitError, match="penalty=None"):
        res.wald_test(["x"])


def test_compare_names_the_method_when_fits_differ_in_it(data):
    ml = mnlogit.fit(FORMULA, data)
    firth = mnlogit.fit(FORMULA, data, method="firth")
    l2 = mnlogit.fit(FORMULA, data, penalty="l2", C=0.1)
    table = mnlogit.compare([ml, firth, l2], names=["ML", "Firth", "L2"])
    stats = table.statistics
    assert list(stats.loc["Method"]) == [ml.solver.label, firth.solver.label, l2.solver.label]
    # a fit without standard errors has no covariance to name
    assert list(stats.loc["Covariance"]) == ["model-based", "model-based", "none"]
    text = str(table)
    assert "bias-reduced (Firth)" in text and "maximum likelihood" in text
    for rendering in (table.as_latex(), table.as_markdown(), table.as_csv(), table._repr_html_()):
        assert "Firth" in rendering
    # fits of one method need no such row
    same = mnlogit.compare([ml, mnlogit.fit("y ~ x", data)]).statistics
    assert "Method" not in same.index


def test_compare_leaves_out_a_survey_fits_pseudo_log_likelihood(data):
    plain = mnlogit.fit(FORMULA, data)
    survey = mnlogit.fit(FORMULA, data, design=DESIGN)
    assert np.isfinite(survey.llf)  # the weighted pseudo-log-likelihood, weights as given
    stats = mnlogit.compare([plain, survey], names=["plain", "survey"]).statistics
    assert stats.loc["Log-likelihood", "plain"] == plain.llf
    assert np.isnan(stats.loc["Log-likelihood", "survey"])
    # its summary does not show it either
    assert "Log-likelihood" not in str(survey.summary())
    assert stats.loc["Covariance", "survey"] == survey.covariance.describe(survey._data)


def test_predicting_a_dask_frame_names_its_type_and_the_way_to_do_it():
    dd = pytest.importorskip("dask.dataframe")
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=90),
            "g": rng.choice(["a", "b"], 90),
            "y": rng.choice(["u", "v", "w"], 90),
        }
    )
    ddf = dd.from_pandas(df, npartitions=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + g", ddf)
    with pytest.raises(InputTypeError, match=r"got dask\..*map_partitions") as info:
        res.predict(ddf)
    # the advice as given: without meta=, dask tries predict on made-up rows, whose text
    # ("foo") is no level of g, and fails
    assert "meta=res.predict(ddf.head())" in str(info.value)
    by_partition = ddf.map_partitions(res.predict, meta=res.predict(ddf.head())).compute()
    pd.testing.assert_frame_equal(by_partition, res.predict(df))


def test_margins_tables_say_when_their_z_column_is_a_t_statistic(data):
    from scipy import stats

    survey = mnlogit.fit(FORMULA, data, design=DESIGN)
    plain = mnlogit.fit(FORMULA, data)
    df = survey.df_design
    for table in (
        survey.marginal_effects(),
        survey.margins(at={"x": [0.0, 1.0]}).to_frame(),
        survey.margins(at={"x": [0.0, 1.0]}).contrast("x").to_frame(),
    ):
        assert table.attrs["statistic"] == "t" and table.attrs["df"] == df
        np.testing.assert_allclose(table["pvalue"], 2 * stats.t.sf(np.abs(table["z"]), df))
    for table in (plain.marginal_effects(), plain.margins(at={"x": 0.0}).to_frame()):
        assert table.attrs["statistic"] == "z" and table.attrs["df"] is None
        np.testing.assert_allclose(table["pvalue"], 2 * stats.norm.sf(np.abs(table["z"])))


def test_compare_says_which_fits_have_t_stars_and_intervals(data):
    """A survey fit's stars and intervals beside a model-based fit's are t on the design df,
    not normal as the other column's: the table said only "Wald confidence intervals"."""
    from scipy import stats

    survey = mnlogit.fit(FORMULA, data, design=DESIGN)
    plain = mnlogit.fit(FORMULA, data)
    d = survey.df_design
    table = mnlogit.compare([plain, survey], names=["plain", "svy"], se="ci", stars=True)
    assert (
        f"svy: stars and intervals use the t distribution on {d:g} design degrees of "
        "freedom." in table.notes
    )
    assert not any(n.startswith("plain:") for n in table.notes)
    alone = mnlogit.compare([survey], names=["svy"], stars=True).notes
    assert f"svy: stars use the t distribution on {d:g} design degrees of freedom." in alone
    assert not any("design degrees" in n for n in mnlogit.compare([survey]).notes)
    lower = survey.conf_int(alpha=0.1)["lower"].iloc[0]
    b, se = survey.params.iloc[0, 0], survey.bse.iloc[0, 0]
    np.testing.assert_allclose(lower, b - stats.t.ppf(0.95, d) * se, rtol=1e-12)


def test_a_diverging_coefficient_has_no_ratio_in_the_table_not_a_nan():
    rng = np.random.default_rng(1)
    n = 120
    d = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(["a", "b", "c"], n)})
    d["y"] = rng.choice(["u", "v", "w"], n)
    in_c = d["g"] == "c"
    d.loc[in_c, "y"] = np.where(rng.random(in_c.sum()) < 0.5, "u", "v")  # no 'w' in c
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ml = mnlogit.fit("y ~ x + g", d)
        firth = mnlogit.fit("y ~ x + g", d, method="firth")
    assert ml.to_frame().loc[("w", "g[T.c]"), "diverged"]
    for se in ("parentheses", "ci", "none"):
        table = mnlogit.compare([ml, firth], odds_ratios=True, se=se)
        for rendering in (str(table), table.as_markdown(), table.as_csv(), table.as_latex()):
            assert "nan" not in rendering.lower()
        assert "-- (!)" in str(table)
    # coefficients keep showing the diverging estimate, flagged
    assert "(!)" in str(mnlogit.compare([ml, firth]))


def test_compare_says_why_a_design_without_df_has_no_stars_or_intervals(data):
    """A survey fit whose design has no degrees of freedom (every stratum one PSU) has no
    p-values or t intervals: compare() left its stars out and its intervals '--' with a note
    that they 'use the t distribution on 0 design degrees of freedom'."""
    one_psu = mnlogit.SurveyDesign(weights="pw", strata="st", psu="st", lonely_psu="adjust")
    survey = mnlogit.fit(FORMULA, data, design=one_psu)
    assert survey.df_design == 0
    table = mnlogit.compare([survey], names=["svy"], se="ci", stars=True)
    assert not any("use the t distribution on 0" in n for n in table.notes)
    # (beside the note on its blank log-likelihood, AIC and BIC, which every survey fit has)
    (note,) = [n for n in table.notes if n.startswith("svy:") and "log-likelihood" not in n]
    assert "no stars or intervals" in note and "not defined" in note, note
    # the standard errors are shown: nothing to say without stars or intervals
    notes = mnlogit.compare([survey], names=["svy"]).notes
    assert not any(n.startswith("svy: no stars") for n in notes)


def test_blank_fit_statistics_say_why(data):
    plain = mnlogit.fit(FORMULA, data)
    survey = mnlogit.fit(FORMULA, data, design=DESIGN)
    penalised = mnlogit.fit(FORMULA, data, penalty="l2")
    table = mnlogit.compare([plain, survey, penalised], names=["plain", "survey", "l2"])
    notes = table.notes
    assert (
        "survey: no log-likelihood, AIC, BIC or McFadden R2 (a survey fit's weighted "
        "log-likelihood is not a likelihood of the sample; its summary leaves them out too)."
    ) in notes
    assert (
        "l2: no AIC or BIC (the penalty constrains the parameters they count as free; its "
        "summary leaves them out too)."
    ) in notes
    assert not any(n.startswith("plain: no") for n in notes)
    flat = " ".join(str(table).split())
    assert "survey: no log-likelihood, AIC, BIC or McFadden R2" in flat


def test_a_comparison_s_frame_says_which_fits_hold_t_statistics(data):
    # pandas drops attrs that differ: the column z held a survey fit's t beside another
    # fit's z with nothing to tell them apart
    plain = mnlogit.fit(FORMULA, data)
    survey = mnlogit.fit(FORMULA, data, design=DESIGN)
    frame = mnlogit.compare([plain, survey], names=["plain", "survey"]).to_frame()
    assert frame.attrs["statistic"] == {"plain": "z", "survey": "t"}
    assert frame.attrs["df"] == {"plain": None, "survey": survey.df_design}
    same = mnlogit.compare([plain, plain]).to_frame()
    assert same.attrs["statistic"] == "z" and same.attrs["df"] is None


def test_the_method_is_named_as_the_summary_names_it(data):
    # compare called a survey fit's method "maximum likelihood" where its summary says
    # "pseudo-maximum likelihood"; a Firth fit's to_latex(), the table pasted into a paper
    # without the summary's title, did not say its estimates were bias-reduced
    fits = [
        mnlogit.fit(FORMULA, data),
        mnlogit.fit(FORMULA, data, design=DESIGN),
        mnlogit.fit(FORMULA, data, method="firth"),
        mnlogit.fit(FORMULA, data, design=DESIGN, method="firth"),
    ]
    methods = mnlogit.compare(fits).statistics.loc["Method"].tolist()
    said = [dict(res.summary().header)["Method"] for res in fits]
    assert methods == said
    assert said[1] == "pseudo-maximum likelihood"
    notes = [[line for line in res.to_latex().splitlines() if "Estimates:" in line] for res in fits]
    assert notes[:2] == [[], []]
    assert "Estimates: bias-reduced (Firth)." in notes[2][0]
    assert "Estimates: pseudo-bias-reduced (Firth)." in notes[3][0]
    # the summary's own LaTeX has the method in its header, and no such note
    assert "Estimates:" not in fits[2].summary().as_latex()


def test_the_covariance_row_says_what_each_summary_says(data):
    # two fits clustered on other groups both read "cluster-robust", where their summaries
    # (and compare's own to_frame().attrs) count 3 and 300 clusters
    d = data.assign(one=np.arange(len(data)))
    fits = [
        mnlogit.fit(FORMULA, d, cov_type="cluster", groups="st"),
        mnlogit.fit(FORMULA, d, cov_type="cluster", groups="one"),
        mnlogit.fit(FORMULA, d, design=DESIGN),
        mnlogit.fit(FORMULA, d),
    ]
    table = mnlogit.compare(fits, names=["st", "one", "survey", "plain"])
    shown = table.statistics.loc["Covariance"].tolist()
    assert shown == [dict(res.summary().header)["Covariance"] for res in fits]
    assert shown[:2] == ["cluster-robust (3 clusters)", "cluster-robust (300 clusters)"]
    assert shown == list(table.to_frame().attrs["covariance"].values())
    assert "cluster-robust (3 clusters)" in str(table)


def test_a_survey_fits_repr_names_its_pseudo_log_likelihood(data):
    # the summary and compare leave a survey fit's weighted pseudo-log-likelihood out; its
    # repr showed it as llf=, a log-likelihood of the sample
    survey = mnlogit.fit(FORMULA, data, design=DESIGN)
    plain = mnlogit.fit(FORMULA, data)
    assert ", pseudo_llf=" in repr(survey) and " llf=" not in repr(survey)
    assert ", llf=" in repr(plain)


def test_a_census_says_why_it_has_no_tests_in_every_table(data):
    # every row in strata sampled in full: standard errors 0, t and p NaN; to_latex() showed
    # 0.0000 and nan, and compare (0.0000) and no stars, with nothing said of why (the
    # summary and to_frame() say it)
    d = data.assign(id=np.arange(len(data)))
    d["fpc"] = d.groupby("st")["id"].transform("size")
    design = mnlogit.SurveyDesign(strata="st", psu="id", fpc="fpc")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        census = mnlogit.fit("y ~ x", d, design=design)
        said = census.to_frame().attrs["note"]
    assert (census.bse.to_numpy() == 0).all() and said.startswith("No t statistics")
    tex = " ".join(census.to_latex().split())
    assert "No t statistics or p-values" in tex and "sampled in full" in tex
    notes = mnlogit.compare([census], names=["census"], stars=True).notes
    assert f"census: {said}" in notes
    # a fit with standard errors has no such note
    plain = mnlogit.fit("y ~ x", d)
    assert not any("No z statistics" in n for n in mnlogit.compare([plain]).notes)
    assert "No z statistics" not in plain.to_latex()


def test_coefficients_without_a_sampling_variance_are_explained_in_compare():
    # clustered on region with region's dummies: those coefficients (and the intercept)
    # are one cluster's alone, NaN standard errors that compare showed as '--' unexplained
    travel = mnlogit.datasets.load("travel")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        res = mnlogit.fit(
            "mode ~ parking + region", travel, ref="car", cov_type="cluster", groups="region"
        )
        said = res.to_frame().attrs["note"]
    assert said.startswith("No standard errors, tests or intervals for 'Intercept'")
    # the table's note goes on with the caveat on 3 clusters, which compare says beside
    # stars or intervals only
    said, few, _ = said.partition(" With 3 clusters:")
    assert few
    notes = mnlogit.compare([res], names=["by region"]).notes
    assert f"by region: {said}" in notes
    assert "determined by the rows of a single cluster" in " ".join(str(res.summary()).split())
