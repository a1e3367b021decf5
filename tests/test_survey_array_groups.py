"""Clusters given as ``groups=`` beside a survey design, through the array interface.

A survey fit has only the design-based covariance, whose clusters are the design's PSUs, so
``mnlogit.fit(..., design=..., groups=...)`` is refused saying to give them as
``SurveyDesign(psu=...)``. ``MNLogit(y, X, design=..., groups=...)`` kept the groups and
never used them: its standard errors treated every row as its own PSU, with nothing said,
and with a subpopulation it refused the groups as "expected one value per row used (116);
got 200" although one was given per row."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import OptionError


@pytest.fixture(scope="module")
def api() -> pd.DataFrame:
    return pd.read_csv(refdata.REF_DIR / "apistrat.csv")


@pytest.mark.parametrize(
    "options",
    [
        {"design": "weights"},
        {"weight_type": "probability"},
        {"design": "weights", "subpop": True},
        {"weight_type": "probability", "subpop": True},
        {"design": "weights and strata"},
    ],
    ids=["design", "probability-weights", "design-subpop", "weights-subpop", "strata"],
)
def test_groups_beside_a_survey_design_are_refused_as_the_formula_refuses_them(api, options):
    kw: dict = {}
    if options.get("design") == "weights":
        kw["design"] = mnlogit.SurveyDesign(weights=api["pw"])
    elif options.get("design"):
        kw["design"] = mnlogit.SurveyDesign(weights=api["pw"], strata=api["stype"])
    else:
        kw.update(weights=api["pw"], weight_type="probability")
    if options.get("subpop"):
        kw["subpop"] = api["comp_imp"] == "Yes"
    with pytest.raises(OptionError, match=r"groups= does not apply to survey data.*psu="):
        mnlogit.MNLogit(api["perf"], api[["ell"]], groups=api["dnum"], **kw)


def test_the_clusters_given_as_psus_are_used(api):
    """What the refusal says to write: the PSUs change the standard errors."""
    y, X = api["perf"], api[["ell"]]
    rows = mnlogit.MNLogit(y, X, design=mnlogit.SurveyDesign(weights=api["pw"])).fit()
    psus = mnlogit.MNLogit(
        y, X, design=mnlogit.SurveyDesign(weights=api["pw"], psu=api["dnum"])
    ).fit()
    assert psus.df_design == api["dnum"].nunique() - 1
    assert not np.allclose(psus.bse.to_numpy(), rows.bse.to_numpy(), rtol=1e-3)


def test_groups_without_a_design_still_serve_a_cluster_robust_fit(api):
    res = mnlogit.MNLogit(api["perf"], api[["ell"]], groups=api["dnum"]).fit(cov_type="cluster")
    assert res.cov_type == "cluster"
