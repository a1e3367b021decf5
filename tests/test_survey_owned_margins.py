"""Predictions and margins beside a coefficient that one PSU determines alone.

Such a coefficient has no design-based variance (NaN, see test_survey_owned.py), but what
does not run through it keeps its standard error: a prediction at a row whose value of that
column is 0, a margin with the column set to 0 in every row, or with a factor set to a level
whose dummy it is not. The covariance's NaN times their gradient's 0 made every one of them
NaN. Checked against R's survey package: make_survey_owned_margins.R."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

REF_DIR = Path(__file__).parent / "reference"
REF = json.loads((REF_DIR / "survey_owned_margins.json").read_text())
DESIGN = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")


@pytest.fixture(scope="module")
def fit():
    d = pd.read_csv(REF_DIR / "psu_dummies.csv")
    d["own"] = ((d["st"] == "A") & (d["psu"] == 3)).astype(float)
    return mnlogit.fit("y ~ x + own", d, design=DESIGN, ref=0)


def test_the_fit_is_r_s_and_its_dummy_has_no_standard_error(fit):
    np.testing.assert_allclose(fit.params[1].to_numpy(), REF["params"], rtol=1e-7, atol=1e-9)
    with pytest.warns(mnlogit.InferenceWarning):
        se = fit.bse[1]
    np.testing.assert_allclose(se[["Intercept", "x"]], REF["se"][:2], rtol=1e-6)
    assert np.isnan(se["own"])


def test_predictions_at_rows_outside_its_psu_keep_their_standard_errors(fit):
    rows = REF["rows"]
    new = pd.DataFrame({"x": rows["x"], "own": 0.0})
    with pytest.warns(mnlogit.InferenceWarning):
        out = fit.prediction_intervals(new).xs(1, level="outcome")
    np.testing.assert_allclose(out["prob"], rows["prob"], rtol=1e-7)
    np.testing.assert_allclose(out["std_error"], rows["se"], rtol=1e-6)
    assert (out["lower"] < out["prob"]).all() and (out["prob"] < out["upper"]).all()
    # a row of that PSU reads the coefficient: no standard error, the note says why
    with pytest.warns(mnlogit.InferenceWarning):
        own = fit.prediction_intervals(pd.DataFrame({"x": [0.5], "own": [1.0]}))
    assert own["std_error"].isna().all() and own["prob"].notna().all()
    assert "single PSU" in own.attrs["note"]


def test_a_margin_with_the_column_set_to_zero_keeps_its_standard_error(fit):
    with pytest.warns(mnlogit.InferenceWarning):
        table = fit.margins(at={"own": [0.0, 1.0]}).to_frame()
    table = table[table["outcome"] == 1].set_index("own")
    assert table.loc[0.0, "estimate"] == pytest.approx(REF["margin"]["prob"], rel=1e-7)
    assert table.loc[0.0, "std_error"] == pytest.approx(REF["margin"]["se"], rel=1e-6)
    assert np.isnan(table.loc[1.0, "std_error"]) and np.isnan(table.loc[1.0, "pvalue"])


def _factor_data() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 300
    d = pd.DataFrame({"st": np.repeat([0, 1, 2], 100), "psu": np.tile(np.repeat(range(10), 10), 3)})
    d["x"] = rng.normal(size=n)
    d["w"] = rng.uniform(1, 3, n)
    d["y"] = np.array(list("abc"))[rng.integers(0, 3, n)]
    # level "c" of the factor is held by one PSU's rows only
    d["g"] = np.where((d["st"] == 0) & (d["psu"] == 3), "c", np.where(d["x"] > 0, "a", "b"))
    return d


def test_margins_over_a_factor_lose_only_the_level_one_psu_holds():
    d = _factor_data()
    res = mnlogit.fit("y ~ x + g", d, design=mnlogit.SurveyDesign("w", "st", "psu"), ref="a")
    with pytest.warns(mnlogit.InferenceWarning, match="single PSU"):
        margins = res.margins(over="g")
        table = margins.to_frame()
        diffs = margins.contrast("g").to_frame()
    by_level = table.groupby("g")["std_error"]
    assert by_level.apply(lambda s: s.notna().all()).to_dict() == {"a": True, "b": True, "c": False}
    by_pair = diffs.groupby("g")["std_error"]
    assert by_pair.apply(lambda s: s.notna().all()).to_dict() == {
        "a - b": True,
        "a - c": False,
        "b - c": False,
    }
    # the levels' standard errors are those of a fit whose dummy of "c" is left out: the
    # other coefficients' covariance is the one they keep (their own standard errors)
    with pytest.warns(mnlogit.InferenceWarning):
        bse = res.bse
    assert bse.drop(index="g[T.c]").notna().all().all() and bse.loc["g[T.c]"].isna().all()


def test_a_baseline_level_one_psu_holds_says_to_give_the_factor_another_baseline():
    # the note said only to leave PSU identifiers out of the formula, which it has none of
    d = _factor_data().replace({"g": {"c": "0c"}})  # the level sorts first: the baseline
    design = mnlogit.SurveyDesign("w", "st", "psu")
    res = mnlogit.fit("y ~ x + g", d, design=design, ref="a")
    with pytest.warns(mnlogit.InferenceWarning, match=r"another baseline \(C\(x, Treatment"):
        bse = res.bse
    assert bse.drop(index="x").isna().all().all()
    other = mnlogit.fit("y ~ x + C(g, Treatment('a'))", d, design=design, ref="a")
    with pytest.warns(mnlogit.InferenceWarning, match="single PSU"):
        bse = other.bse
    assert bse.index[bse.isna().any(axis=1)].tolist() == ["C(g, Treatment('a'))[T.0c]"]
