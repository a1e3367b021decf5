"""A second stage's fpc is refused (a design here has one stage), and the refusal says what
each way out gives, against R's survey package (tests/reference/make_survey_two_stage.R):
the first stage's fpc alone leaves out the later stage's variance that R's
svydesign(ids = ~dnum + snum, fpc = ~fpc1 + fpc2) adds, so its standard errors are below
R's two-stage ones; no fpc= gives the ultimate-cluster variance of R's design without fpc=,
on either side of the two-stage one. The refusal advised the first stage's fpc as if it gave
R's two-stage numbers."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "survey_two_stage.json").read_text())


def fit(**design: str) -> mnlogit.MNLogitResults:
    d = pd.read_csv(refdata.REF_DIR / "apiclus2.csv")
    return mnlogit.fit(
        REF["formula"], d, ref=REF["ref"], design=mnlogit.SurveyDesign(weights="pw", **design)
    )


def test_the_refusal_says_neither_way_out_is_rs_two_stage_variance():
    with pytest.raises(mnlogit.exceptions.OptionError) as caught:
        fit(psu="dnum", fpc=["fpc", "fpc"])
    text = str(caught.value)
    assert "fpc='fpc' gives the first stage's variance alone" in text
    assert "(smaller than R's)" in text
    assert "neither is R's two-stage variance" in text


@pytest.mark.parametrize(("case", "design"), [("first_fpc", {"fpc": "fpc"}), ("no_fpc", {})])
def test_each_way_out_gives_rs_numbers_of_that_design(case: str, design: dict) -> None:
    res = fit(psu="dnum", **design)
    np.testing.assert_allclose(
        res.params.to_numpy().ravel(), REF["cases"][case]["params"], rtol=1e-9
    )
    np.testing.assert_allclose(res.bse.to_numpy().ravel(), REF["cases"][case]["se"], rtol=1e-7)


def test_the_first_stages_fpc_alone_is_below_rs_two_stage_variance():
    first = np.array(REF["cases"]["first_fpc"]["se"])
    two, none = np.array(REF["cases"]["two_stage"]["se"]), np.array(REF["cases"]["no_fpc"]["se"])
    assert (first < two).all()
    # the ultimate cluster's lies on either side of it, so the refusal claims no order
    assert (none > two).any() and (none < two).any()
