"""compare's notes of a census (a survey design whose fpc says every PSU was sampled: standard
errors 0, no t statistics or p-values) do not say that its stars use the t distribution: it
has no stars, and the note stood beside the one saying it has no p-values."""

import warnings

import numpy as np

import mnlogit


def _census() -> mnlogit.MNLogitResults:
    df = mnlogit.datasets.load("travel").iloc[:600].copy()
    df["st"] = np.arange(len(df)) % 3
    df["N"] = 200.0
    design = mnlogit.SurveyDesign(strata="st", fpc="N")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mnlogit.fit("mode ~ np.log(distance)", df, ref="car", design=design)


def test_a_census_has_no_note_on_the_distribution_of_its_stars():
    res = _census()
    assert res.to_frame().attrs["statistic"] == "t"
    notes = mnlogit.compare([res], stars=True).notes
    assert not any("use the t distribution" in n for n in notes)
    assert any("No t statistics or p-values" in n for n in notes)
    # its intervals (of width 0) are t intervals all the same
    notes = mnlogit.compare([res], stars=True, se="ci").notes
    assert "(1): intervals use the t distribution on 597 design degrees of freedom." in notes
