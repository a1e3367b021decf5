"""A DataFrame changed by another thread of the program while a fit reads it: the fit reads
it as it was when the fit began, never some columns before the change and others after."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _model_survey, model

FORMULA = "mode ~ parking + np.log(distance)"


@pytest.fixture
def travel() -> pd.DataFrame:
    df = mnlogit.datasets.load("travel")
    rng = np.random.default_rng(0)
    return df.assign(w=rng.uniform(0.5, 3.0, len(df)))


def _meanwhile(monkeypatch, name: str, change, after: bool = False, where=model) -> None:
    """Have ``change()`` run, as another thread could, just before (or after) the model
    calls ``name`` (a name of the module ``where``)."""
    called = getattr(where, name)

    def racing(*args, **kwargs):
        if not after:
            change()
        out = called(*args, **kwargs)
        if after:
            change()
        return out

    monkeypatch.setattr(where, name, racing)


def test_a_survey_fit_reads_its_design_columns_from_the_frame_its_formula_read(travel, monkeypatch):
    # the design's weights (and strata, PSUs) were read from the caller's DataFrame after
    # the formula's columns: a column replaced in between gave a fit of the predictors as
    # they were with the weights as they became, a frame that never existed (coefficients
    # 0.13 from those of the frame before, 0.52 from those of the frame after)
    survey = mnlogit.SurveyDesign(psu="household", weights="w")
    want = mnlogit.fit(FORMULA, travel, ref="car", design=survey)
    rng = np.random.default_rng(1)
    w, parking = rng.uniform(0.5, 3.0, len(travel)), rng.permutation(travel["parking"])

    def change():
        travel["w"] = w
        travel["parking"] = parking

    _meanwhile(monkeypatch, "resolve_design", change, where=_model_survey)
    got = mnlogit.fit(FORMULA, travel, ref="car", design=survey)
    pd.testing.assert_frame_equal(got.params, want.params, check_exact=True)
    pd.testing.assert_frame_equal(got.bse, want.bse, check_exact=True)
    assert np.array_equal(travel["w"], w)  # the caller's frame did change


def test_weights_matched_by_index_are_matched_to_the_rows_the_formula_read(travel, monkeypatch):
    # weights given as a Series are matched by the DataFrame's index, read again after the
    # design was built: relabelled in between (df.index = ...), the weights went to other
    # rows, silently
    counts = np.random.default_rng(2).integers(1, 4, len(travel))
    weights = pd.Series(counts, index=travel.index)
    want = mnlogit.fit(FORMULA, travel, ref="car", weights=weights)

    def change():
        travel.index = travel.index[::-1]

    _meanwhile(monkeypatch, "build_design", change, after=True)
    got = mnlogit.fit(FORMULA, travel, ref="car", weights=weights)
    pd.testing.assert_frame_equal(got.params, want.params, check_exact=True)
    assert travel.index[0] == len(travel) - 1  # the caller's frame was relabelled
