"""The summary's note on strata of a single PSU when none of them holds a row of the fit
(standard errors checked against R's survey package: make_survey_lonely_outside.R)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

REF_DIR = Path(__file__).parent / "reference"
DATA = pd.read_csv(REF_DIR / "apistrat.csv")
# R's svyglm on the same subpopulation: make_survey_lonely_outside.R
REF = json.loads((REF_DIR / "survey_lonely_outside.json").read_text())
# 16 of the 40 counties have a single district (PSU)
LONELY = DATA.groupby("cname")["dnum"].transform("nunique") == 1


@pytest.mark.parametrize("option", ["adjust", "average", "certainty", "remove"])
def test_lonely_strata_outside_the_subpopulation_are_said_to_add_nothing(option):
    # the note said each was given the other strata's mean variance ('average') or had its
    # total centred at zero, where none took part: the standard errors are the same under
    # every option
    design = mnlogit.SurveyDesign(weights="pw", strata="cname", psu="dnum", lonely_psu=option)
    res = mnlogit.fit("awards ~ meals", DATA, design=design, subpop=~LONELY)
    text = " ".join(res.summary().as_text().split())
    assert (
        "Strata with a single PSU (16 of 40): none holds a row of the fit of positive weight, "
        f"so they add nothing (lonely_psu={option!r})" in text
    )
    np.testing.assert_allclose(res.bse.to_numpy().ravel(), REF["se"][option], rtol=1e-6)


def test_lonely_strata_with_rows_of_the_fit_keep_their_note():
    design = mnlogit.SurveyDesign(weights="pw", strata="cname", psu="dnum", lonely_psu="average")
    res = mnlogit.fit("awards ~ meals", DATA, design=design)
    text = " ".join(res.summary().as_text().split())
    assert "(16 of 40): each is given the mean variance of the other strata" in text
