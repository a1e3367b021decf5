"""Strata of a single PSU: the summary's note when none of them holds a row of the fit
(standard errors checked against R's survey package: make_survey_lonely_outside.R), and the
refusal when every stratum of the design has a single PSU."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

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


@pytest.mark.parametrize(
    ("strata", "psu", "same"),
    [("dnum", "dnum", True), ("snum", "dnum", False), ("snum", None, False)],
)
def test_strata_each_of_a_single_psu_say_to_check_the_roles(strata, psu, same):
    # the refusal listed five strata "and 195 more" and said to merge each with a similar one
    design = mnlogit.SurveyDesign(weights="pw", strata=strata, psu=psu)
    expected = f"every one of the .* strata of strata column '{strata}'"
    with pytest.raises(DataError, match=expected) as err:
        mnlogit.fit("awards ~ meals", DATA, design=design)
    message = str(err.value)
    assert "check that strata= names the strata and psu= the PSUs" in message
    assert ("name the same column ('dnum')" in message) is same
    assert "merge it with a similar stratum" not in message


@pytest.mark.parametrize("kind", ["array", "series", "list", "ones"])
def test_strata_named_beside_psus_given_as_values_are_refused_the_same_way(kind):
    # strata= a column name and psu= values (the strata's own values, or one PSU for all)
    # raised numpy's or pandas' "The truth value of an array ... is ambiguous" from the
    # check whether the two roles name the same column
    values = DATA["dnum"] if kind != "ones" else pd.Series(1, index=DATA.index)
    psu = {"array": values.to_numpy(), "list": list(values)}.get(kind, values)
    design = mnlogit.SurveyDesign(
        weights="pw", strata="dnum" if kind != "ones" else "stype", psu=psu
    )
    with pytest.raises(DataError, match=r"every one of the .* strata of strata column") as err:
        mnlogit.fit("awards ~ meals", DATA, design=design)
    assert "check that strata= names the strata and psu= the PSUs" in str(err.value)
    assert "name the same column" not in str(err.value)


def test_a_few_lonely_strata_keep_their_refusal():
    design = mnlogit.SurveyDesign(weights="pw", strata="cname", psu="dnum")
    with pytest.raises(
        DataError, match="and 11 more of strata column 'cname' each have only one PSU"
    ):
        mnlogit.fit("awards ~ meals", DATA, design=design)


def test_dask_says_the_same():
    dd = pytest.importorskip("dask.dataframe")
    design = mnlogit.SurveyDesign(weights="pw", strata="dnum", psu="dnum")
    with pytest.raises(DataError, match="every one of the 135 strata"):
        mnlogit.fit("awards ~ meals", dd.from_pandas(DATA, npartitions=3), design=design)


def test_a_stratum_of_one_row_without_psus_says_one_row():
    # "has only one PSU" where no PSUs were given: each row is its own
    data = DATA.assign(st=DATA["stype"].where(DATA.index != 0, "X"))
    design = mnlogit.SurveyDesign(weights="pw", strata="st")
    with pytest.raises(DataError, match=r"stratum 'X' .* has only one row \(each row its own PSU"):
        mnlogit.fit("awards ~ meals", data, design=design)


def test_several_lonely_strata_are_said_in_the_plural_and_one_in_the_singular():
    """'stratum 'A', 'B' and 11 more ... has only one PSU, so its variance' read as one
    stratum of many names."""
    d = DATA
    design = mnlogit.SurveyDesign(weights="pw", strata="cname", psu="dnum")
    with pytest.raises(DataError) as many:
        mnlogit.fit("awards ~ meals", d, ref="No", design=design)
    assert "each have only one PSU, so their variance cannot be estimated; merge each" in str(
        many.value
    )
    assert "leave them out of the variance" in str(many.value)
    one = d.assign(st=np.where(d["snum"] == d["snum"].iloc[0], "alone", d["stype"]))
    with pytest.raises(DataError) as single:
        mnlogit.fit(
            "awards ~ meals", one, ref="No", design=mnlogit.SurveyDesign(weights="pw", strata="st")
        )
    assert "stratum 'alone' of strata column 'st' has only one row" in str(single.value)
    assert "merge it with a similar stratum" in str(single.value)
