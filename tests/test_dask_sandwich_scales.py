"""Sandwich variances of a dask fit that the in-memory fit keeps: the comparison with the
meat of rows as their own units, by which a design-based variance 1e-25 times the
model-based one (probability weights of 1e-25 on one outcome's rows) is told from
rounding of 0, read over the partitions too."""

import warnings

import numpy as np
import pandas as pd
import pytest
from test_near_certain_rows import _data

import mnlogit

pytestmark = pytest.mark.slow

dd = pytest.importorskip("dask.dataframe")

BASE = pd.DataFrame({"y": list("aabab"), "x": [0.0, 1, 2, 3, 4]})
COPIES = pd.concat([BASE.assign(site=k) for k in range(3)], ignore_index=True)


def _both(df, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        want = mnlogit.fit("y ~ x + z", df, **options)
        got = mnlogit.fit("y ~ x + z", dd.from_pandas(df, npartitions=4), **options)
        return got.bse, want.bse


@pytest.mark.parametrize("weight", [1e-25, 1e-30])
@pytest.mark.parametrize("design", [False, True])
def test_sampling_weights_far_below_the_others_keep_their_standard_errors(weight, design):
    # they were NaN on dask, the note blaming PSU (or row) totals that cancel
    df = _data().assign(psu=np.arange(200) % 20)
    df = df.assign(w=np.where(df["y"] == "c", weight, 1.0))
    options = (
        {"design": mnlogit.SurveyDesign(weights="w", psu="psu")}
        if design
        else {"weights": "w", "weight_type": "probability"}
    )
    got, want = _both(df, **options)
    assert np.isfinite(want.to_numpy()).all()
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), rtol=1e-9)


@pytest.mark.parametrize(
    "options",
    [
        {"cov_type": "cluster", "groups": "site"},
        {"design": mnlogit.SurveyDesign(weights="pw", psu="site")},
    ],
)
def test_totals_that_cancel_are_still_no_variance_on_dask(options):
    df = COPIES.assign(pw=2.0)
    fits = []
    for data in (df, dd.from_pandas(df, npartitions=3)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
            res = mnlogit.fit("y ~ x", data, **options)
        with pytest.warns(mnlogit.InferenceWarning, match="score total"):
            fits.append(res.bse)
    assert fits[0].isna().all().all() and fits[1].isna().all().all()


@pytest.mark.parametrize("weight", [1e-200, 1e-300])
@pytest.mark.parametrize(
    "options",
    [
        {"weight_type": "probability"},
        {"design": "psu"},
        {"design": "strata"},
    ],
    ids=["rows", "psus", "strata"],
)
def test_scores_of_rows_weighted_below_1e154_keep_their_squares(weight, options):
    # w g of 1e-200: its square underflowed to 0 in the partitions' meat, and the standard
    # errors of that outcome's equation were 0.091 where they are 0.176 (in memory)
    df = _data()
    rng = np.random.default_rng(0)
    df = df.assign(
        w=np.where(df["y"] == "c", weight, 1.0),
        site=rng.integers(0, 12, len(df)),
        st=rng.integers(0, 3, len(df)),
    )
    options = dict(options)
    design = options.pop("design", None)
    if design == "psu":
        options["design"] = mnlogit.SurveyDesign(weights="w", psu="site")
    elif design == "strata":
        options["design"] = mnlogit.SurveyDesign(weights="w", strata="st")
    else:
        options["weights"] = "w"
    got, want = _both(df, **options)
    np.testing.assert_allclose(got, want, rtol=1e-9)
