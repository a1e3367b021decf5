"""Survey designs crossed with other features: what a survey fit's outputs say when
something else (separation, ...) is also going on."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def separated() -> pd.DataFrame:
    # outcome "c" never occurs where g == "z": g's dummy diverges in the equation of c
    rng = np.random.default_rng(50)
    n = 160
    d = pd.DataFrame(
        {"x": rng.normal(size=n), "g": rng.choice(["u", "z"], n), "st": rng.choice(["A", "B"], n)}
    )
    d["psu"] = rng.integers(0, 6, n)
    d["w"] = rng.uniform(1, 5, n)
    d["y"] = rng.choice(["a", "b", "c"], n)
    d.loc[d["g"] == "z", "y"] = rng.choice(["a", "b"], int((d["g"] == "z").sum()))
    return d


def _fit(d: pd.DataFrame, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mnlogit.fit("y ~ x + g", d, ref="a", **kw)


def test_a_separated_survey_fit_marks_no_likelihood_statistics_it_does_not_show(separated):
    res = _fit(separated, design=mnlogit.SurveyDesign(weights="w", strata="st", psu="psu"))
    assert res.separation is not None
    text = res.summary().as_text()
    (warning,) = res.summary().warnings
    # the summary of a survey fit shows no log-likelihood, pseudo-R2, AIC or BIC, so none
    # carries the (!) that the warning said they carried
    assert "AIC" not in warning and "pseudo-R2" not in warning
    assert "Log-likelihood" not in text and "BIC" not in text.split("Notes:")[0]
    assert "weighted log-likelihood keeps rising" in warning
    plain = _fit(separated)
    (said,) = plain.summary().warnings
    assert "The log-likelihood, pseudo-R2, AIC and BIC (marked (!))" in said
    assert "Log-likelihood" in plain.summary().as_text()


@pytest.fixture(scope="module")
def nested() -> pd.DataFrame:
    rng = np.random.default_rng(51)
    n = 200
    d = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    d["st"] = rng.choice(["A", "B", "C"], n)
    d["psu"] = rng.integers(0, 5, n)
    d["w"] = rng.uniform(1, 5, n)
    d["y"] = rng.choice(["a", "b", "c"], n)
    return d


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"design": mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")}, "adjusted Wald F"),
        ({"cov_type": "robust"}, "large.wald_test"),
        ({}, "mnlogit.lr_test(small, large)"),
    ],
)
def test_a_second_fit_given_to_anova_says_what_compares_two_fits(nested, options, said):
    """R's anova(small, large) written small.anova(large) put the fit in type= and was
    refused as a bad type name ("expected one of ('II', 'III'); got <MNLogitResults ...>"),
    without a word of what compares two fits: for a survey fit, whose likelihood-ratio tests
    are refused, a design-based Wald test of the added terms."""
    small = mnlogit.fit("y ~ x", nested, ref="a", **options)
    large = mnlogit.fit("y ~ x + z", nested, ref="a", **options)
    for call in (lambda: small.anova(large), lambda: small.anova(type=large)):
        with pytest.raises(mnlogit.exceptions.InputTypeError, match="R's anova") as caught:
            call()
        assert said in str(caught.value)
    # the per-term tests of one fit are unchanged
    assert list(large.anova().index) == ["x", "z"]


@pytest.mark.parametrize(
    "option", [["--strata", "region"], ["--psu=household"], ["--subpop", "x"], ["--FPC", "N"]]
)
def test_a_survey_option_on_the_command_line_says_where_survey_designs_are_fitted(capsys, option):
    """The command line fits no survey designs, and `--strata region` was answered "did
    you mean --stars?", an option of compare that has nothing to do with strata."""
    from mnlogit.__main__ import main

    assert main(["fit", "--dataset", "travel", "mode ~ income", *option]) == 2
    err = capsys.readouterr().err
    assert "did you mean" not in err and err.count("\n") == 1, err
    assert "fits no survey designs" in err and "mnlogit.SurveyDesign(" in err


@pytest.mark.parametrize("dask", [False, True])
def test_the_subpopulation_note_counts_its_rows_dropped_for_missing_values_too(nested, dask):
    """It said "Subpopulation x > 0: 83 of the 200 rows", the rows used alone, where the
    condition selects those and the rows it drops for a missing value of z."""
    d = nested.copy()
    d.loc[d.index[::7], "z"] = np.nan
    inside = d["x"] > 0
    dropped = int((inside & d["z"].isna()).sum())
    assert dropped > 0
    data = d
    if dask:
        data = pytest.importorskip("dask.dataframe").from_pandas(d, npartitions=3)
    res = mnlogit.fit(
        "y ~ x + z",
        data,
        ref="a",
        design=mnlogit.SurveyDesign(weights="w", strata="st", psu="psu"),
        subpop="x > 0",
    )
    assert res.n_dropped == dropped
    (note,) = [n for n in res.summary().notes if n.startswith("Subpopulation")]
    held, used = int(inside.sum()), int(inside.sum()) - dropped
    assert note.startswith(f"Subpopulation x > 0: {held} of the 200 rows ({used} used)")
    whole = mnlogit.fit(
        "y ~ x",
        d,
        ref="a",
        design=mnlogit.SurveyDesign(weights="w", strata="st", psu="psu"),
        subpop="x > 0",
    )
    (note,) = [n for n in whole.summary().notes if n.startswith("Subpopulation")]
    assert note.startswith(f"Subpopulation x > 0: {int(inside.sum())} of the 200 rows; ")


def test_a_census_stratum_given_by_a_sampling_fraction_is_not_said_to_have_an_fpc_of_its_psus(
    nested,
):
    """The note said "Sampled in full (fpc equal to the PSUs sampled)" also of an fpc of
    sampling fractions, where the census stratum's fpc is 1, not its 5 PSUs."""
    d = nested.assign(
        f=np.where(nested["st"] == "A", 1.0, 0.1), N=np.where(nested["st"] == "A", 5, 50)
    )
    for fpc in ("f", "N"):
        design = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu", fpc=fpc)
        res = mnlogit.fit("y ~ x", d, ref="a", design=design)
        (note,) = [n for n in res.summary().notes if n.startswith("Sampled in full")]
        assert "fpc equal to the PSUs" not in note
        assert "every PSU of the population was sampled): 'A'; a census" in note
    # a fit inside the census stratum: the reason its tests are NaN says it the same way
    inside = mnlogit.fit(
        "y ~ x",
        d,
        ref="a",
        design=mnlogit.SurveyDesign(weights="w", strata="st", psu="psu", fpc="f"),
        subpop="st == 'A'",
    )
    with pytest.warns(mnlogit.InferenceWarning) as caught:
        inside.pvalues  # noqa: B018
    said = " ".join(str(w.message) for w in caught)
    assert "its fpc says every PSU of its population was sampled" in said
    assert "fpc equals its PSUs" not in said


def test_the_fit_an_iia_refusal_names_is_one_the_design_allows(nested):
    """The refusal of an IIA test said to refit "clustered by the PSUs (cov_type='cluster',
    groups=<the PSU column>)" of every survey fit: of one without PSUs (each row its own),
    of PSUs numbered within strata, which that column would merge across strata, and of a
    subpopulation, whose rows were not mentioned."""
    from mnlogit.exceptions import OptionError

    def said(**kw) -> str:
        res = mnlogit.fit("y ~ x + z", nested, ref="a", **kw)
        with pytest.raises(OptionError) as err:
            res.iia_test("b", method="suest")
        return str(err.value)

    rows = said(design=mnlogit.SurveyDesign(weights="w"))
    assert "cov_type='robust'" in rows and "<the PSU column>" not in rows
    numbered = said(design=mnlogit.SurveyDesign(weights="w", strata="st", psu="psu"))
    assert "groups= the pair of 'st' and 'psu'" in numbered
    plain = nested.assign(unit=nested["st"] + nested["psu"].astype(str))
    res = mnlogit.fit(
        "y ~ x + z", plain, ref="a", design=mnlogit.SurveyDesign(weights="w", psu="unit")
    )
    with pytest.raises(OptionError, match=r"groups='unit'\)"):
        res.iia_test("b", method="suest")
    sub = said(design=mnlogit.SurveyDesign(weights="w", strata="st", psu="psu"), subpop="x > 0")
    assert "on the subpopulation's rows (x > 0)" in sub
    # the fits it names run their tests
    pairs = nested["st"] + "/" + nested["psu"].astype(str)
    for kw in ({"cov_type": "robust"}, {"cov_type": "cluster", "groups": pairs}):
        fitted = mnlogit.fit("y ~ x + z", nested, ref="a", **kw)
        assert np.isfinite(fitted.iia_test("b", method="suest").pvalue)


def test_a_penalised_survey_fits_notes_say_what_its_estimates_are_and_no_lr_tests(nested):
    """A Firth survey fit's summary said its estimates were pseudo-maximum-likelihood (its
    Method row: bias-reduced) and, in the Firth note, that its likelihood-ratio tests (the
    null's, lr_test, anova) compare penalised log-likelihoods, beside the note that a survey
    fit has none; an L2 fit's said pseudo-maximum-likelihood too. Firth fits with a robust or
    cluster covariance, whose LR tests are refused too, said the same of them."""
    design = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")
    firth = mnlogit.fit("y ~ x + z", nested, ref="a", design=design, method="firth")
    notes = firth.summary().notes
    assert notes[0].startswith(
        "Probability weights: the estimates are bias-reduced (Firth), from the weighted "
        "log-likelihood (a pseudo-likelihood) and the standard errors design-based"
    )
    assert not any("pseudo-maximum-likelihood" in n for n in notes)
    assert "Bias-reduced (Firth) estimates maximise the penalised log-likelihood " in " ".join(
        notes
    )
    assert not any("compare penalised log-likelihoods" in n for n in notes)
    l2 = mnlogit.fit("y ~ x + z", nested, ref="a", design=design, penalty="l2", C=0.5)
    (first, *_) = l2.summary().notes
    assert first.startswith("Probability weights: the estimates are L2-penalised maximum")
    for kw in ({"cov_type": "robust"}, {"cov_type": "cluster", "groups": "psu"}):
        robust = mnlogit.fit("y ~ x + z", nested, ref="a", method="firth", **kw)
        with pytest.raises(mnlogit.exceptions.ModelComparisonError):
            robust.lr_test()
        assert not any("compare penalised" in n for n in robust.summary().notes)
    # where LR tests are run, the note still says what they compare
    plain = mnlogit.fit("y ~ x + z", nested, ref="a", method="firth")
    assert any("compare penalised log-likelihoods" in n for n in plain.summary().notes)


def test_an_l2_survey_fit_calls_its_missing_statistics_t_everywhere(nested):
    """Its table heads the column t and the accessor's warning says "the t statistics are
    NaN", but the summary's note, the warning's reason and a refused test said "standard
    errors, z statistics, p-values and intervals ... would not have their nominal meaning"."""
    design = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")
    ridge = mnlogit.fit("y ~ x + z", nested, ref="a", design=design, penalty="l2", C=0.5)
    text = " ".join(ridge.summary().notes)
    assert "standard errors, t statistics, p-values" in text and "z statistics" not in text
    with pytest.warns(mnlogit.InferenceWarning) as caught:
        ridge.bse  # noqa: B018
    said = " ".join(str(w.message) for w in caught)
    assert "t statistics" in said and "z statistics" not in said
    with pytest.raises(mnlogit.exceptions.ModelComparisonError) as refused:
        ridge.wald_test("x")
    assert "z statistics" not in str(refused.value)
    plain = mnlogit.fit("y ~ x + z", nested, ref="a", penalty="l2", C=0.5)
    assert "standard errors, z statistics" in " ".join(plain.summary().notes)
