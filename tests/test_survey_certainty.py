"""Certainty PSUs beside lonely ones, against R's survey package
(tests/reference/make_survey_certainty.R): a census stratum of several districts (fpc equal to
the districts sampled), a single district sampled with certainty (fpc 1), a stratum without
correction (Inf among counts, 0 among fractions) and a stratum of a single row, under each
lonely-PSU option, with the fpc given as population counts and as sampling fractions, with
and without a subpopulation. The design's columns arrive as data hold them: district ids as
floats, counties as a Categorical with an unused category, and the weights at 1e-8 or 1e8
times their size (the covariance of a survey fit does not depend on the weights' units)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "survey_certainty.json").read_text())


def apistrat(scale: float) -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    d.loc[d["snum"] == REF["solo_snum"], "cname"] = "Solo"
    sampled = d.groupby("cname")["dnum"].transform("nunique").astype(float)
    npop = (3 * sampled).mask(d["cname"] == "Los Angeles", sampled)
    npop = npop.mask(d["cname"] == "Butte", 1.0).mask(d["cname"] == "San Diego", np.inf)
    return d.assign(
        npop=npop,
        frac=np.where(np.isinf(npop), 0.0, sampled / npop),
        county=pd.Categorical(d["cname"], categories=[*sorted(d["cname"].unique()), "Alpine"]),
        district=d["dnum"].astype(float),
        pw=d["pw"] * scale,
    )


@pytest.mark.parametrize("scale", [1.0, 1e-8, 1e8])
@pytest.mark.parametrize("key", sorted(REF["cases"]))
def test_certainty_psus_match_r(key: str, scale: float) -> None:
    case = REF["cases"][key]
    design = mnlogit.SurveyDesign(
        weights="pw",
        strata="county",
        psu="district",
        fpc=case["fpc"],
        lonely_psu=case["lonely_psu"],
    )
    res = mnlogit.fit(
        REF["formula"],
        apistrat(scale),
        ref=REF["ref"],
        design=design,
        subpop="comp_imp == 'Yes'" if case["subpop"] else None,
    )
    expected = np.array(case["cov"])
    np.testing.assert_allclose(
        res.params.to_numpy().ravel(order="F"), case["params"], rtol=1e-9, atol=1e-10
    )
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), expected, rtol=1e-7, atol=1e-10 * np.abs(expected).max()
    )
    # the whole design's #PSU - #strata, R's degf() of the design before its subset
    assert res.df_design == case["degf_R"]


def test_the_note_on_strata_sampled_in_full_counts_those_it_does_not_name():
    """It named the first five of nine census strata (eight and Los Angeles) as if they were
    all of them."""
    d = apistrat(1.0)
    sampled = d.groupby("cname")["dnum"].transform("nunique")
    eight = d["cname"].isin(sorted(d["cname"].unique())[:8])
    d["npop"] = np.where(eight, sampled, d["npop"])
    design = mnlogit.SurveyDesign(
        weights="pw", strata="county", psu="district", fpc="npop", lonely_psu="adjust"
    )
    res = mnlogit.fit(REF["formula"], d, ref=REF["ref"], design=design)
    (note,) = [n for n in res.summary().notes if n.startswith("Sampled in full")]
    assert "): 9 strata ('Alameda', 'Amador', 'Butte', 'Colusa', 'Contra Costa' and 4 more)" in (
        note
    )


def test_a_single_restriction_is_said_in_the_singular():
    """A test of one coefficient said 'below the 1 restrictions tested' (a census) and
    'fewer than the 1 restrictions tested' (a design of 0 df)."""
    d = apistrat(1.0)
    census = mnlogit.SurveyDesign(
        weights="pw", strata="county", psu="district", fpc="npop", lonely_psu="adjust"
    )
    res = mnlogit.fit("awards ~ meals", d, ref="No", design=census, subpop="cname == 'Los Angeles'")
    assert "below the 1 restriction tested," in str(res.wald_test("meals"))
    alone = mnlogit.SurveyDesign(weights="pw", strata="dnum", psu="one", lonely_psu="adjust")
    res = mnlogit.fit("awards ~ meals", d.assign(one=1), ref="No", design=alone)
    assert res.df_design == 0
    assert "fewer than the 1 restriction tested:" in str(res.wald_test("meals"))
