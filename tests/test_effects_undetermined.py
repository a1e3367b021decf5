"""Effects far beyond the data, made of probabilities the coefficients do not determine
(tests/test_margins_undetermined.py), lose their standard error where a point of the
region their delta interval describes has the effect further from its estimate than twice
that interval's half-width (mnlogit/margins/_undetermined.py): at hincome = 1e5 the effect of
hincome on P(parttime) was 1e-301 +- 3e-298, z = 0.2, where R finds, at coefficients 0.29
standard errors from the estimate along the direction that moves the margin's logit, an
effect of 3.3e-6 (tests/reference/make_effects_undetermined.R). Where emmeans' interval is
not contradicted so (hincome = 30 and 1000), the numbers are emmeans'."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "effects_undetermined.json").read_text())
Z = REF["z"]
STATS = ["std_error", "z", "pvalue", "lower", "upper"]


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(refdata.REF_DIR / "womenlf.csv")


@pytest.fixture(scope="module")
def table(data):
    fit = mnlogit.fit(REF["formula"], data, ref=REF["ref"])
    np.testing.assert_allclose(fit.llf, REF["loglik"], rtol=1e-10)
    at = {"hincome": [30.0, 1000.0, 5000.0, 1e5]}
    m = fit.margins(at=at, kind="effect", average="grid")
    return m, m.to_frame().set_index(["variable", "hincome", "outcome"])


def _witnessed(h: float) -> dict[str, bool]:
    """Which of emmeans' effects of hincome at ``h`` R's witness puts further than twice the
    interval's half-width from the estimate (the witness a point of the region: |t| <= z)."""
    trends = {r["outcome"]: r for r in REF["emtrends"] if r["hincome"] == h}
    out = {}
    for w in REF["witness"]:
        if w["hincome"] == h:
            assert abs(w["t"]) <= Z
            em = trends[w["outcome"]]
            out[w["outcome"]] = abs(w["effect"] - em["effect"]) > 2 * Z * em["se"]
    return out


def test_effects_emmeans_gives_are_kept(table):
    _, frame = table
    assert not any(_witnessed(1000.0).values())  # R's witness leaves emmeans' interval be
    for r in REF["emtrends"]:
        if r["hincome"] in (30, 1000):
            ours = frame.loc[("hincome", float(r["hincome"]), r["outcome"])]
            # emtrends' forward difference of step 1e-3 is off by 4e-5 (relative)
            np.testing.assert_allclose(ours["estimate"], r["effect"], rtol=1e-4, atol=1e-50)
            np.testing.assert_allclose(ours["std_error"], r["se"], rtol=1e-3)
    for r in REF["children"]:
        if r["hincome"] in (30, 1000):
            ours = frame.loc[("children[T.present]", float(r["hincome"]), r["outcome"])]
            np.testing.assert_allclose(ours["estimate"], r["effect"], rtol=1e-6, atol=1e-50)
            np.testing.assert_allclose(ours["std_error"], r["se"], rtol=1e-6)


def test_effects_whose_interval_a_point_of_its_region_contradicts_have_none(table):
    m, frame = table
    assert all(_witnessed(5000.0).values())  # emmeans' 3.5e-15 against R's witness 6.6e-5
    for variable in ("hincome", "children[T.present]"):
        for h in (5000.0, 1e5):
            for outcome in ("not.work", "parttime"):
                row = frame.loc[(variable, h, outcome)]
                assert row[STATS].isna().all(), (variable, h, outcome)
                assert np.isfinite(row["estimate"])  # the estimate is kept
    far = {w["outcome"]: w["effect"] for w in REF["witness"] if w["hincome"] == 1e5}
    assert abs(far["parttime"]) > 1e-6  # the effect reaches 3.3e-6 in the region
    # fulltime is 0 to every digit there, at the witness too: 0 with a standard error of 0
    assert far["fulltime"] == 0.0
    assert frame.loc[("hincome", 1e5, "fulltime"), "std_error"] == 0.0
    assert any("effect(s) have no standard error" in n for n in m.notes)
    # differences that involve them have none either
    diff = m.contrast("hincome", "reference", ref=30.0)
    assert any("they involve effects without one" in n for n in diff.notes)
    c = diff.to_frame()
    assert c[c["hincome"] == "5000 - 30"]["std_error"].isna().all()
    assert c[c["hincome"] == "1000 - 30"]["std_error"].notna().all()


def test_an_effect_zero_whatever_the_coefficients_keeps_its_standard_error_of_zero(data):
    """x entering as (x - 20)**2 has dX/dx = 0 at 20: its effect is 0 at any coefficients,
    also where hincome = 1e5 leaves the probabilities undetermined."""
    df = data.assign(x=data["hincome"])
    fit = mnlogit.fit("partic ~ hincome + I((x - 20)**2)", df, ref="not.work")
    at = {"hincome": [1e5], "x": [20.0]}
    probs = fit.margins(at=at, average="grid").to_frame()
    assert probs["std_error"].isna().any()
    m = fit.margins(at=at, kind="effect", average="grid").to_frame().set_index("variable")
    assert (m.loc["x", "estimate"] == 0.0).all()
    assert (m.loc["x", "std_error"] == 0.0).all()
    assert m.loc["hincome"].set_index("outcome").loc["parttime", STATS].isna().all()
