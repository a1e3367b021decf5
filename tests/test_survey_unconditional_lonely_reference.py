"""Unconditional margins (``margins(vce="unconditional")``) of a survey design with a stratum
of one PSU, under each lonely-PSU rule, against R's survey package
(tests/reference/make_survey_unconditional_lonely.R): a subpopulation's margins over a factor
and the average effect of a numeric variable, their influence functions summed by
``vcov(svytotal(~z, subset(design, rows)))`` with ``options(survey.lonely.psu = rule)``."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "survey_unconditional_lonely.json").read_text())
EST_RTOL = 1e-9
SE_RTOL = 1e-7


@pytest.fixture(scope="module")
def data():
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    return d.assign(stratum=d["stype"].where(d["dnum"] != REF["solo"], "solo"))


def reference(prefix: str, rule: str) -> pd.DataFrame:
    ref = pd.DataFrame(
        {
            "margin": REF["margin"],
            "outcome": REF["outcome"],
            "estimate_R": REF["estimate"],
            "std_error_R": REF["std_error"][rule],
        }
    )
    ref = ref[ref["margin"].str.startswith(prefix)]
    return ref.assign(value=ref["margin"].str.removeprefix(prefix))


@pytest.mark.parametrize("rule", ["adjust", "average", "certainty", "remove"])
def test_lonely_psu_rules_match_svytotal_of_the_influences(data, rule):
    design = mnlogit.SurveyDesign(**REF["design"], lonely_psu=rule)
    fit = mnlogit.fit(REF["formula"], data, ref=REF["ref"], design=design, subpop=REF["subpop"])
    over = fit.margins(over="stype", vce="unconditional").to_frame()
    ref = reference("stype=", rule)
    merged = over.merge(ref.rename(columns={"value": "stype"}), on=["stype", "outcome"])
    assert len(merged) == len(ref) == len(over)
    np.testing.assert_allclose(merged["estimate"], merged["estimate_R"], rtol=EST_RTOL)
    np.testing.assert_allclose(merged["std_error"], merged["std_error_R"], rtol=SE_RTOL)
    effect = fit.margins(kind="effect", variables="meals", vce="unconditional").to_frame()
    ref = reference("dydx meals", rule).set_index("outcome").loc[effect["outcome"]]
    np.testing.assert_allclose(effect["estimate"], ref["estimate_R"], rtol=EST_RTOL)
    np.testing.assert_allclose(effect["std_error"], ref["std_error_R"], rtol=SE_RTOL)
