"""Average marginal effects of survey fits against R's survey package
(tests/reference/make_survey_effects.R): a slope that an interaction with a factor
modifies, and the factor's discrete changes from its baseline, averaged over a
subpopulation's rows with the sampling weights, their delta-method standard errors from the
design-based covariance and t intervals on the whole design's df."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "survey_effects.json").read_text())


def apistrat() -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    return d.assign(
        hi=np.where(d["api00"] > 650, "y", "n"),
        band=pd.cut(d["api00"], [-np.inf, 580, 660, np.inf], labels=["lo", "md", "up"]).astype(str),
    )


def fit(case: dict):
    return mnlogit.fit(
        case["formula"],
        apistrat(),
        ref=case["ref"],
        design=mnlogit.SurveyDesign(**REF["design"]),
        subpop=REF["subpop"],
    )


@pytest.mark.parametrize("model", ["binary", "multi"])
def test_average_marginal_effects_equal_the_delta_method_on_the_survey_packages_covariance(
    model,
):
    case = REF[model]
    res = fit(case)
    assert res.df_design == REF["df_design"]
    np.testing.assert_allclose(res.params.to_numpy().T.ravel(), case["params"], rtol=1e-6)
    np.testing.assert_allclose(res.bse.to_numpy().T.ravel(), case["bse"], rtol=1e-6)
    table = res.marginal_effects()
    assert table.attrs["statistic"] == "t" and table.attrs["df"] == REF["df_design"]
    rows = {"meals": "meals", "H": "stype[T.H]", "M": "stype[T.M]"}
    for k, name in enumerate(case["names"]):
        variable, outcome = name.split(".")
        row = table.loc[(rows[variable], outcome)]
        for column in ("dydx", "std_error", "lower", "upper"):
            np.testing.assert_allclose(
                row[column], case[column][k], rtol=1e-6, atol=1e-9, err_msg=f"{name} {column}"
            )


def test_an_intercept_only_fits_margins_are_the_survey_packages_domain_shares():
    """svymean(~factor(perf), subset(design, meals > 10)): the subpopulation's estimated
    shares of the outcome levels and their linearised standard errors."""
    case = REF["proportions"]
    table = fit(case).margins().to_frame()
    assert list(table["outcome"]) == case["levels"]
    np.testing.assert_allclose(table["estimate"], case["estimate"], rtol=1e-9)
    np.testing.assert_allclose(table["std_error"], case["std_error"], rtol=1e-7)
