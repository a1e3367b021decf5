"""Margins averaged over the observed rows against a hand delta method in R
(tests/reference/margins_rows_effects.R): over= and at= together on a frequency-weighted fit,
slopes of a variable that interacts with a factor (the slope of inc differs per region), slopes
through np.log() and poly(), discrete changes of factors, contrasts of margins and of
contrasts, values outside the data, under the model-based, robust, cluster-robust and
survey-design covariances (the survey's intervals on t with its design df)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_rows_effects.json").read_text())
# R's fit is Newton to a step below 1e-13 on the exact information, so estimates agree to
# rounding; its slopes difference the design with steps 1e-6 (errors near 1e-10)
ATOL_ESTIMATE = 1e-9
RTOL_SE = 1e-7
ATOL_BOUND = 1e-8


@pytest.fixture(scope="module")
def fits():
    df = mnlogit.datasets.load("travel")
    df = df[df["income"].notna()].reset_index(drop=True)
    rows = np.arange(1, len(df) + 1)
    df = df.assign(inc=df["income"] / 100, ag=df["age"] / 100, w=1 + rows % 3)
    df["blk"] = df["household"] // 40
    f, ref = REF["formula"], REF["ref"]
    design = mnlogit.SurveyDesign(weights="w", psu="blk")
    return {
        "nonrobust": mnlogit.fit(f, df, ref=ref, weights="w"),
        "robust": mnlogit.fit(f, df, ref=ref, weights="w", cov_type="robust"),
        "cluster": mnlogit.fit(f, df, ref=ref, weights="w", cov_type="cluster", groups="household"),
        "survey": mnlogit.fit(f, df, ref=ref, design=design),
    }


def _check(got: pd.DataFrame, want: list[dict], keys: list[str]) -> None:
    want_frame = pd.DataFrame(want)
    got = got.copy()
    for key in keys:  # numbers set (JSON writes 3.0 as 3) as floats, labels as text
        kind = float if pd.api.types.is_numeric_dtype(want_frame[key]) else str
        got[key] = got[key].astype(kind)
        want_frame[key] = want_frame[key].astype(kind)
    merged = got.merge(want_frame, on=[*keys, "outcome"], suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want_frame) == len(got)
    np.testing.assert_allclose(merged["estimate"], merged["estimate_r"], rtol=0, atol=ATOL_ESTIMATE)
    np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=RTOL_SE)
    np.testing.assert_allclose(merged["lower"], merged["lower_r"], rtol=0, atol=ATOL_BOUND)
    np.testing.assert_allclose(merged["upper"], merged["upper_r"], rtol=0, atol=ATOL_BOUND)


def _labelled(rows: list[dict], **labels) -> list[dict]:
    """R's rows with the labels mnlogit's contrasts give their values."""
    return [{**r, **{k: label(r) for k, label in labels.items()}} for r in rows]


CASES = list(REF["cases"])


def test_the_fit_matches(fits):
    np.testing.assert_allclose(fits["nonrobust"].llf, REF["loglik"], rtol=1e-12)
    assert fits["survey"].df_design == REF["design_df"]


@pytest.mark.parametrize("case", CASES)
def test_at_and_over_together_and_their_contrasts(fits, case):
    want = REF["cases"][case]
    m = fits[case].margins(at={"inc": [0.1, 0.9]}, over="purpose")
    _check(m.to_frame(), want["at_over"], ["inc", "purpose"])
    by_purpose = m.contrast("purpose", "reference")
    rows = _labelled(want["contrast_purpose"], purpose=lambda r: f"{r['purpose']} - leisure")
    _check(by_purpose.to_frame(), rows, ["inc", "purpose"])
    # pairwise over inc is 0.1 - 0.9; R's difference is 0.9 - 0.1
    flipped = [
        {**r, "estimate": -r["estimate"], "lower": -r["upper"], "upper": -r["lower"]}
        for r in want["contrast_of_contrast"]
    ]
    rows = _labelled(
        flipped, purpose=lambda r: f"{r['purpose']} - leisure", inc=lambda r: "0.1 - 0.9"
    )
    _check(by_purpose.contrast("inc").to_frame(), rows, ["inc", "purpose"])


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_slopes_per_level_of_an_interacting_factor(fits, case):
    want = REF["cases"][case]
    res = fits[case]
    effects = res.margins(kind="effect", over="region", variables=["inc", "distance", "ag"])
    _check(effects.to_frame(), want["effect_over"], ["variable", "region"])
    at = res.margins(kind="effect", at={"inc": [0.1, 0.9]}, over="region", variables="inc")
    _check(at.to_frame(), want["effect_at_over"], ["inc", "region"])
    rows = _labelled(want["effect_contrast_region"], region=lambda r: f"{r['region']} - rural")
    _check(at.contrast("region", "reference").to_frame(), rows, ["inc", "region"])


@pytest.mark.parametrize("case", CASES)
def test_average_effects_and_discrete_changes(fits, case):
    got = fits[case].marginal_effects().reset_index().rename(columns={"dydx": "estimate"})
    _check(got, REF["cases"][case]["ame"], ["variable"])


@pytest.mark.parametrize("case", CASES)
def test_values_outside_the_data(fits, case):
    want = REF["cases"][case]
    res = fits[case]
    m = res.margins(at={"inc": 3.0, "distance": 300.0})
    assert any(note.startswith("Extrapolated:") for note in m.notes)
    _check(m.to_frame(), want["outside"], ["inc", "distance"])
    e = res.margins(kind="effect", at={"inc": 3.0, "distance": 300.0}, variables="distance")
    _check(e.to_frame(), want["outside_effect"], ["variable", "inc", "distance"])


def test_survey_intervals_are_on_the_design_df(fits):
    frame = fits["survey"].margins(over="region").to_frame()
    assert frame.attrs["statistic"] == "t"
    assert frame.attrs["df"] == REF["design_df"]
