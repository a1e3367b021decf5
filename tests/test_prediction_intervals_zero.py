"""prediction_intervals() says why a standard error is 0 and its interval has width 0, as
margins() and marginal_effects() say it: a census (a covariance of rank 0), or a
probability of 0 or 1 to machine precision. Both gave intervals of width 0 and no note."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import InferenceWarning


@pytest.fixture(scope="module")
def census():
    rng = np.random.default_rng(1)
    n = 200
    df = pd.DataFrame({"x": rng.normal(size=n), "psu": np.arange(n) // 2, "w": 1.0})
    df["y"] = rng.choice(["a", "b", "c"], n)
    df["N"] = n // 2  # every PSU of the population sampled
    design = mnlogit.SurveyDesign(weights="w", psu="psu", fpc="N")
    return mnlogit.fit("y ~ x", df, design=design), df


@pytest.fixture(scope="module")
def steep():
    rng = np.random.default_rng(1)
    n = 200
    df = pd.DataFrame({"x": rng.normal(size=n)})
    df["y"] = np.where(df.x + rng.normal(size=n) > 0, "a", np.where(rng.random(n) > 0.5, "b", "c"))
    return mnlogit.fit("y ~ x", df)


def test_census_intervals_say_why_they_have_width_zero(census):
    res, df = census
    table = res.prediction_intervals(df.head(2))
    assert (table["std_error"] == 0).all()
    assert (table["lower"] == table["prob"]).all() and (table["upper"] == table["prob"]).all()
    note = table.attrs["note"]
    assert note.startswith("6 standard error(s) are 0, and their intervals the probability")
    # the reason margins() gives, in the same words
    with pytest.warns(InferenceWarning) as caught:
        res.margins()
    reason = note.split(": ", 1)[1].rstrip(".")
    assert any(reason in str(w.message) for w in caught)
    assert "rank at most 0" in reason and "sampled in full" in reason


def test_probabilities_at_machine_precision_say_why_their_intervals_are_points(steep):
    res = steep
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = res.prediction_intervals(pd.DataFrame({"x": [1e306, 0.0]}))
    zero = int((table["std_error"] == 0).sum())
    assert zero == 3  # the row at 1e306 only
    assert table.attrs["note"] == (
        "3 standard error(s) are 0, and their intervals the probability itself: their "
        "probabilities are 0 or 1 to machine precision (values far from the data)."
    )
    assert "note" not in res.prediction_intervals(pd.DataFrame({"x": [0.0, 1.0]})).attrs


def test_every_interval_holds_its_probability(census):
    # a census's intervals of width 0 lay an ulp beside the probability in 273 of 600 cells
    res, _ = census
    table = res.prediction_intervals()
    assert ((table["lower"] <= table["prob"]) & (table["prob"] <= table["upper"])).all()
    plain = mnlogit.fit("y ~ x", census[1]).prediction_intervals()
    assert ((plain["lower"] <= plain["prob"]) & (plain["prob"] <= plain["upper"])).all()


def test_margins_of_a_census_name_it_in_their_notes(census):
    # marginal_effects named the census in its note; a margins table listed it among the
    # possible causes of zero standard errors only, and the warning is gone once it is kept
    res, _ = census
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)
        m = res.margins()
        effects = res.marginal_effects()
    named = [n for n in m.notes if "rank at most 0" in n]
    assert len(named) == 1 and "sampled in full" in named[0]
    assert named[0] in effects.attrs["note"]


def test_census_contrasts_say_nothing_of_adjusting_p_values_they_do_not_have():
    # a census's differences have no p-values; their note still spoke of multiplying each
    # by 3 (Bonferroni) beside a column of NaN
    rng = np.random.default_rng(1)
    n = 200
    df = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(list("pqr"), n)})
    df["psu"], df["w"], df["N"] = np.arange(n) // 2, 1.0, n // 2
    df["y"] = rng.choice(["a", "b", "c"], n)
    design = mnlogit.SurveyDesign(weights="w", psu="psu", fpc="N")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)
        census = mnlogit.fit("y ~ x + g", df, design=design).margins(over="g").contrast("g")
        sample = mnlogit.fit("y ~ x + g", df).margins(over="g").contrast("g")
    assert census.to_frame()["pvalue"].isna().all()
    assert not any("adjust" in note for note in census.notes)
    assert any("not adjusted for multiple comparisons" in note for note in sample.notes)


def test_zero_standard_errors_beside_intervals_of_zero_to_one_are_not_called_points(steep):
    # far from the data logit(P) has a large standard error: an interval on the logit scale
    # can span [0, 1] while P (1 - P) se rounds to 0; the note called all of them points
    res = steep
    table = res.prediction_intervals(pd.DataFrame({"x": [1e306, -1e306]}))
    assert (table["std_error"] == 0).all()
    wide = table["upper"] > table["lower"]
    assert wide.sum() == 2  # outcomes b and c at -1e306: b against c is not estimated well
    assert (table.loc[wide, "lower"] == 0).all() and (table.loc[wide, "upper"] == 1).all()
    note = table.attrs["note"]
    assert "and their intervals the probability itself" not in note
    assert note.startswith("6 standard error(s) are 0: their probabilities are 0 or 1")
    assert "The intervals of 2 of them are wider than the probability itself" in note


def test_a_design_without_degrees_of_freedom_gives_no_intervals_as_margins_give_none():
    # every stratum a single PSU, left out of the variance (lonely_psu='certainty'): the
    # standard errors are 0 and the design has 0 degrees of freedom, so no t critical value.
    # conf_int() and margins() gave NaN intervals; prediction_intervals() gave [P, P] beside
    # a note saying "p-values and intervals are NaN"
    rng = np.random.default_rng(1)
    n = 120
    df = pd.DataFrame({"x": rng.normal(size=n), "psu": np.arange(n) // 6, "w": 1.0})
    df["y"] = rng.choice(["a", "b", "c"], n)
    design = mnlogit.SurveyDesign(weights="w", psu="psu", strata="psu", lonely_psu="certainty")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)
        res = mnlogit.fit("y ~ x", df, design=design)
        table = res.prediction_intervals(df.head(2))
        margins = res.margins().to_frame()
    assert res.df_design == 0
    assert (table["std_error"] == 0).all() and (margins["std_error"] == 0).all()
    assert margins[["lower", "upper"]].isna().all().all()
    assert res.conf_int().isna().all().all()
    assert table[["lower", "upper"]].isna().all().all()
    note = table.attrs["note"]
    assert note.startswith("6 standard error(s) are 0: ") and "rank at most 0" in note
    assert "the probability itself" not in note and "intervals are NaN" in note
