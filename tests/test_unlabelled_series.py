"""Series of per-row values beside y and X given as arrays: with no row labels to match them
by, they are taken by position, so Series in different row orders are refused rather than
paired with each other's rows."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

API = Path(__file__).resolve().parent / "reference" / "apistrat.csv"


@pytest.fixture(scope="module")
def apistrat():
    return pd.read_csv(API)


def arrays(d):
    return d["perf"].to_numpy(), np.column_stack([np.ones(len(d)), d["meals"], d["ell"]])


def shuffled(s):
    return s.sample(frac=1.0, random_state=0)


def test_design_series_in_another_row_order_are_refused(apistrat):
    # was: the weights paired with other rows' strata, standard errors 5% off, silently
    y, X = arrays(apistrat)
    design = mnlogit.SurveyDesign(
        weights=shuffled(apistrat["pw"]), strata=apistrat["stype"], psu=apistrat["dnum"]
    )
    with pytest.raises(DataError, match=r"design\.weights and design\.strata are Series of"):
        mnlogit.MNLogit(y, X, ref="low", design=design)


def test_a_subpopulation_series_in_another_row_order_is_refused(apistrat):
    y, X = arrays(apistrat)
    design = mnlogit.SurveyDesign(
        weights=apistrat["pw"], strata=apistrat["stype"], psu=apistrat["dnum"]
    )
    with pytest.raises(DataError, match=r"subpop and design\.weights are Series of the same"):
        mnlogit.MNLogit(
            y, X, ref="low", design=design, subpop=shuffled(apistrat["comp_imp"] == "Yes")
        )


def test_frequency_weights_and_groups_in_different_row_orders_are_refused(apistrat):
    y, X = arrays(apistrat)
    w = pd.Series(np.arange(len(apistrat)) % 3 + 1)
    with pytest.raises(DataError, match="weights and groups are Series of the same row labels"):
        mnlogit.MNLogit(y, X, ref="low", weights=shuffled(w), groups=apistrat["dnum"])


def test_series_of_one_row_order_are_taken_by_position_as_arrays_are(apistrat):
    d = apistrat[apistrat["meals"] > 5]  # an index that is not 0..n-1
    y, X = arrays(d)
    as_series = mnlogit.MNLogit(
        y,
        X,
        ref="low",
        design=mnlogit.SurveyDesign(weights=d["pw"], strata=d["stype"], psu=d["dnum"]),
        subpop=d["comp_imp"] == "Yes",
    ).fit()
    as_arrays = mnlogit.MNLogit(
        y,
        X,
        ref="low",
        design=mnlogit.SurveyDesign(
            weights=d["pw"].to_numpy(), strata=d["stype"].to_numpy(), psu=d["dnum"].to_numpy()
        ),
        subpop=(d["comp_imp"] == "Yes").to_numpy(),
    ).fit()
    np.testing.assert_array_equal(as_series.bse.to_numpy(), as_arrays.bse.to_numpy())
    np.testing.assert_array_equal(as_series.params.to_numpy(), as_arrays.params.to_numpy())


def test_series_beside_a_labelled_outcome_are_still_matched_by_label(apistrat):
    X = np.column_stack([np.ones(len(apistrat)), apistrat["meals"], apistrat["ell"]])
    design = mnlogit.SurveyDesign(
        weights=shuffled(apistrat["pw"]), strata=apistrat["stype"], psu=apistrat["dnum"]
    )
    got = mnlogit.MNLogit(apistrat["perf"], X, ref="low", design=design).fit()
    want = mnlogit.MNLogit(
        apistrat["perf"],
        X,
        ref="low",
        design=mnlogit.SurveyDesign(
            weights=apistrat["pw"], strata=apistrat["stype"], psu=apistrat["dnum"]
        ),
    ).fit()
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-12)


def test_series_of_labels_that_share_no_row_are_taken_by_position(apistrat):
    # a mask built as pd.Series(array) beside columns of a filtered frame: nothing to match
    d = apistrat[apistrat["meals"] > 5]
    y, X = arrays(d)
    design = mnlogit.SurveyDesign(weights=d["pw"], strata=d["stype"], psu=d["dnum"])
    mask = (d["comp_imp"] == "Yes").to_numpy()
    got = mnlogit.MNLogit(y, X, ref="low", design=design, subpop=pd.Series(mask)).fit()
    want = mnlogit.MNLogit(y, X, ref="low", design=design, subpop=mask).fit()
    np.testing.assert_array_equal(got.bse.to_numpy(), want.bse.to_numpy())
