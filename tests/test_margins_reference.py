"""Margins with frequency weights and with robust and cluster-robust covariances, and the
average effect of a variable that enters through several terms, against R
(tests/reference/margins_weights_cluster.R: nnet::multinom, a hand sandwich and delta
method, and emmeans given that covariance)."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_weights_cluster.json").read_text())
RTOL = 1e-6  # R's BFGS fit is converged to ~1e-9 in the coefficients
ATOL = 1e-9
RTOL_AME = 1e-5  # R differences the design and the Jacobian numerically (steps 1e-6, 1e-5)


@pytest.fixture(scope="module")
def data():
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    rows = np.arange(1, len(df) + 1)
    return df.assign(w=1 + rows % 3, cl=(rows - 1) // 5)


@pytest.fixture(scope="module")
def fits(data):
    out = {}
    for name, case in REF["cases"].items():
        options = {"weights": "w"} if case["weighted"] else {}
        if case["cov_type"] == "cluster":
            options.update(cov_type="cluster", groups="cl")
        elif case["cov_type"] == "robust":
            options["cov_type"] = "robust"
        out[name] = mnlogit.fit(case["formula"], data, ref=case["ref"], **options)
    return out


def _check(got: pd.DataFrame, want: list[dict], keys: list[str], rtol: float = RTOL) -> None:
    want_frame = pd.DataFrame(want)
    merged = got.merge(want_frame, on=[*keys, "outcome"], suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want_frame) == len(got)
    np.testing.assert_allclose(merged["estimate"], merged["estimate_r"], rtol=rtol, atol=ATOL)
    np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=rtol)


CASES = list(REF["cases"])


@pytest.mark.parametrize("case", CASES)
def test_the_fit_and_its_covariance_match(fits, case):
    res, want = fits[case], REF["cases"][case]
    np.testing.assert_allclose(res.llf, want["loglik"], rtol=1e-10)
    # R's column names differ from formulaic's; the same standard errors in some order
    np.testing.assert_allclose(
        np.sort(res.bse.to_numpy().T.ravel()), np.sort(list(want["bse"].values())), rtol=RTOL
    )


@pytest.mark.parametrize("case", CASES)
def test_row_averaged_margins_and_contrasts(fits, case):
    res, rows = fits[case], REF["cases"][case]["rows"]
    at = res.margins(at={"hincome": [10, 25]}).to_frame()
    _check(at.assign(hincome=at["hincome"].astype(float)), rows["at_hincome"], ["hincome"])
    over = res.margins(over="region")
    _check(over.to_frame(), rows["over_region"], ["region"])
    contrast = over.contrast("region", "reference", ref="Atlantic").to_frame()
    want = [{**r, "region": r.pop("contrast")} for r in map(dict, rows["reference_region"])]
    _check(contrast, want, ["region"])


@pytest.mark.parametrize("case", CASES)
def test_average_effect_through_every_term(fits, case):
    """hincome enters main_* once and terms_* through hincome, I(hincome**2) and
    hincome:region."""
    res = fits[case]
    got = res.margins(kind="effect", variables="hincome").to_frame()
    _check(got, REF["cases"][case]["rows"]["ame_hincome"], [], rtol=RTOL_AME)
    me = res.marginal_effects(variables="hincome")
    np.testing.assert_allclose(me["dydx"], got["estimate"], rtol=1e-12)
    np.testing.assert_allclose(me["std_error"], got["std_error"], rtol=1e-12)


@pytest.mark.parametrize("case", [c for c in CASES if "grid" in REF["cases"][c]])
def test_grid_margins_match_emmeans_given_the_covariance(fits, case):
    res, grid = fits[case], REF["cases"][case]["grid"]
    m = res.margins(over="region", average="grid")
    _check(m.to_frame(), grid["over_region"], ["region"])
    c = m.contrast("region", "reference", ref="Atlantic").to_frame()
    want = [
        {**r, "region": re.sub(r"\s+", " ", r.pop("contrast"))}
        for r in map(dict, grid["reference_region"])
    ]
    _check(c, want, ["region"])
