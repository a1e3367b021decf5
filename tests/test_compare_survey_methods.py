"""compare() of survey fits of the same rows and weights by different methods: a Firth fit
runs on the sampling weights divided by their mean, an L2 fit shows no tests."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit

FORMULA = "mode ~ np.log(distance)"
DESIGN = mnlogit.SurveyDesign(weights="pw", strata="region", psu="psu")
METHODS = ({}, {"method": "firth"}, {"penalty": "l2", "C": 10.0})


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    df = mnlogit.datasets.load("travel").dropna(subset=["income"]).reset_index(drop=True)
    return df.assign(pw=np.where(df["region"] == "urban", 40.0, 12.5), psu=np.arange(len(df)) % 40)


def _quietly(fit, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        return fit(*args, **kwargs)


@pytest.mark.parametrize("build", ["formula", "arrays"])
def test_a_firth_survey_fit_is_of_the_same_rows_and_weights_as_the_others(sample, build):
    """A Firth fit with sampling weights runs on them divided by their mean (its penalty is
    of the sample's size); beside the pseudo-maximum-likelihood and L2 fits of the same rows
    and the same weights it was said to be 'fitted on other rows (or weights)'."""
    if build == "formula":
        fits = [
            _quietly(mnlogit.fit, FORMULA, sample, ref="car", design=DESIGN, **kw) for kw in METHODS
        ]
    else:
        values = mnlogit.SurveyDesign(
            weights=sample["pw"], strata=sample["region"], psu=sample["psu"]
        )
        X = np.column_stack([np.ones(len(sample)), np.log(sample["distance"])])
        model = mnlogit.MNLogit(sample["mode"], X, "car", design=values)
        fits = [_quietly(model.fit, **kw) for kw in METHODS]
    notes = mnlogit.compare(fits, names=["ml", "firth", "l2"], stars=True).notes
    assert not any("other rows" in n or "cannot be checked" in n for n in notes)
    # the L2 fit shows no stars, and its note says why: none "use the t distribution"
    assert [n for n in notes if "use the t distribution" in n] == [
        f"{name}: stars use the t distribution on {fits[0].df_design:.0f} design degrees of "
        "freedom."
        for name in ("ml", "firth")
    ]


def test_other_sampling_weights_are_still_other_weights(sample):
    ml = _quietly(mnlogit.fit, FORMULA, sample, ref="car", design=DESIGN)
    doubled = sample.assign(pw=sample["pw"] * np.where(sample.index % 2 == 0, 2.0, 1.0))
    other = _quietly(mnlogit.fit, FORMULA, doubled, ref="car", design=DESIGN, method="firth")
    notes = mnlogit.compare([ml, other], names=["ml", "other"]).notes
    assert any(n.startswith("other was fitted on other rows (or weights)") for n in notes)
