"""Margins, predictions and type II tests that a separation leaves alone, whatever the coding.

With a rare factor level fitted exactly (five rows, its own intercept and slope in every
equation: `y ~ np.log(income) + region * age` on tests/reference/workflow_messy.csv), the
coefficients that diverge depend on the coding: with the rare level as the baseline they
are the intercept, age's slope and every region dummy and interaction; with another
baseline only the rare level's own. Margins with region set to another level in every row,
and predictions at rows of another level, read only what stays finite: the same numbers
under either coding. Before, they had NaN standard errors (and predict warned) when the
rare level was the baseline, and finite ones otherwise. So are the type II LR tests of
region and age, which compare models without the interaction, where nothing diverges
(car's); they were NaN with the rare level as the baseline. The margins' limits are R's
fit without the rare level's rows (tests/reference/make_workflow_messy.R), which the fit,
stopped where the separation was found (its rare rows fitted to about 1e-4), approaches to
2e-3."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "workflow_messy.json").read_text())["separated"]
CODINGS = {"island": "region", "north": "C(region, Treatment('north'))"}
COVARIANCES = {"nonrobust": {}, "cluster": {"cov_type": "cluster", "groups": "clinic"}}
RTOL_CODING = 1e-6  # one model, two codings, both stopped where separation was found
RTOL_LIMIT = 5e-3  # the stopping point against the limit: its rare rows fitted to ~1e-4


@pytest.fixture(scope="module")
def fits():
    data = refdata.data("workflow_messy")
    out = {}
    for base, region in CODINGS.items():
        for cov, options in COVARIANCES.items():
            with pytest.warns(mnlogit.SeparationWarning):
                out[base, cov] = mnlogit.fit(
                    f"y ~ np.log(income) + {region} * age", data, weights="fw", **options
                )
    return data, out


def _table(res) -> pd.DataFrame:
    frame = res.margins(over="region").to_frame()
    return frame.set_index(["region", "outcome"]).sort_index()


@pytest.mark.parametrize("cov", list(COVARIANCES))
def test_margins_of_other_levels_do_not_depend_on_the_baseline(fits, cov):
    _, out = fits
    assert out["island", cov].diverging.loc["Intercept"].all()  # the premise
    assert not out["north", cov].diverging.loc["Intercept"].any()
    rare, other = _table(out["island", cov]), _table(out["north", cov])
    assert rare.loc["island", "std_error"].isna().all()
    assert other.loc["island", "std_error"].isna().all()
    kept = rare.drop(index="island")
    assert np.isfinite(kept["std_error"]).all()
    for column in ("estimate", "std_error", "lower", "upper"):
        np.testing.assert_allclose(
            kept[column], other.drop(index="island")[column], rtol=RTOL_CODING
        )
    for case in REF["over_region"]:
        got = kept.loc[case["region"]].loc[case["outcomes"]]
        np.testing.assert_allclose(got["estimate"], case["estimate"], rtol=RTOL_LIMIT)
        np.testing.assert_allclose(got["std_error"], case[f"se_{cov}"], rtol=RTOL_LIMIT)
    contrast = out["island", cov].margins(over="region").contrast("region", "pairwise")
    table = contrast.to_frame().set_index("region")
    assert np.isfinite(table.loc["north - south", "std_error"]).all()
    assert table.loc["island - north", "std_error"].isna().all()


def test_predictions_at_other_levels_are_not_said_to_be_where_the_fit_stopped(fits):
    _, out = fits
    new = pd.DataFrame({"income": [5e4, 5e4], "age": [40.0, 40.0], "region": ["north", "island"]})
    got = {}
    for base in CODINGS:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got[base] = out[base, "cluster"].prediction_intervals(new)
        said = [w for w in caught if issubclass(w.category, mnlogit.SeparationWarning)]
        assert len(said) == 1 and "1 row(s) (1)" in str(said[0].message)
    rare, other = got["island"], got["north"]
    assert np.isfinite(rare.loc[0, "std_error"]).all() and rare.loc[1, "std_error"].isna().all()
    np.testing.assert_allclose(rare.loc[0].to_numpy(), other.loc[0].to_numpy(), rtol=RTOL_CODING)


def test_type_ii_lr_tests_of_terms_the_separation_leaves_alone(fits):
    # region and age are tested in models without region:age, which are not separated: the
    # same tests (car's) whatever region's baseline. With the rare level as the baseline
    # they were NaN, said to involve diverging coefficients of the full fit
    _, out = fits
    tables = {base: out[base, "nonrobust"].anova(type="II") for base in CODINGS}
    for case in REF["anova_ii"]:
        assert case["df"] == [9, 3]
        for table in tables.values():
            got = table["chi2"].to_numpy()[[1, 2]]  # region (however written), age
            np.testing.assert_allclose(got, case["chi2"], rtol=1e-6)  # nnet's reltol
    # the interaction's test runs through the separated fit: NaN under either coding
    for table in tables.values():
        assert np.isnan(table["chi2"].iloc[3]) and np.isfinite(table["chi2"].iloc[:3]).all()
