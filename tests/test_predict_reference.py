"""Predictions on new data against R's predict(type = "probs") of nnet::multinom fits with
stateful transforms (scale(), poly(), bs()) and log() (tests/reference/predict_newdata.R):
the transforms learned from the fitted rows are re-applied to the new rows, at the ends of the
fitted range too. nnet stops within ~1e-7 of the optimum (its log-likelihoods agree with
mnlogit's to 1e-14), so probabilities are compared to 1e-6."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

HERE = Path(__file__).parent / "reference"
REF = json.loads((HERE / "predict_newdata.json").read_text())
WOMENLF = pd.read_csv(HERE / "womenlf.csv")


@pytest.mark.parametrize("name", sorted(REF["cases"]))
def test_probabilities_on_new_rows_agree_with_r(name):
    case = REF["cases"][name]
    res = mnlogit.fit(case["formula"], WOMENLF)
    new = pd.DataFrame(REF["newdata"])
    expected = np.array(case["probs"])
    got = res.predict(new)[case["levels"]].to_numpy()
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)
    # the factors as categories in another order, one row at a time, give the same
    as_categories = new.astype({"region": "category", "children": "category"})
    as_categories["children"] = as_categories["children"].cat.reorder_categories(
        ["present", "absent"]
    )
    pd.testing.assert_frame_equal(res.predict(as_categories), res.predict(new))
    one = pd.concat([res.predict(new.iloc[[i]]) for i in range(len(new))])
    np.testing.assert_allclose(one.to_numpy(), res.predict(new).to_numpy(), rtol=0, atol=1e-15)


CODINGS = json.loads((HERE / "predict_codings.json").read_text())


@pytest.mark.parametrize("name", sorted(CODINGS["cases"]))
def test_codings_and_transforms_agree_with_r_in_coefficients_and_new_rows(name):
    """C(g, Sum), C(g, Helmert), Treatment('present'), center(), I(x^2) and a raw poly()
    against nnet::multinom with contr.sum, contr.helmert, contr.treatment(base = 2),
    scale(scale = FALSE), I(x^2) and poly(raw = TRUE) (tests/reference/predict_codings.R):
    the same design columns in the same order, so the same coefficients (to 1e-6, nnet's
    accuracy), and the same probabilities at new rows whose factors are text."""
    case = CODINGS["cases"][name]
    res = mnlogit.fit(case["formula"], WOMENLF, ref="fulltime")
    assert res.llf == pytest.approx(case["loglik"], rel=1e-12)
    expected = np.array(case["coef"]).T  # R: one row per equation
    np.testing.assert_allclose(
        res.params[case["equations"]].to_numpy(), expected, rtol=0, atol=1e-6
    )
    new = pd.DataFrame(CODINGS["newdata"])
    got = res.predict(new)[case["levels"]].to_numpy()
    np.testing.assert_allclose(got, np.array(case["probs"]), rtol=0, atol=1e-6)
    # the factors as Categoricals with their categories in another order predict the same
    shuffled = new.astype({"region": "category", "children": "category"})
    shuffled["region"] = shuffled["region"].cat.reorder_categories(
        sorted(shuffled["region"].cat.categories, reverse=True)
    )
    pd.testing.assert_frame_equal(res.predict(shuffled), res.predict(new))


MISSING = json.loads((HERE / "predict_missing_rows.json").read_text())


def test_spline_knots_are_of_the_rows_used_and_rs_given_explicitly_give_rs_fit():
    """R's model.frame computes bs()'s knots and bounds on every row before it drops the rows
    missing another column (tests/reference/predict_missing_rows.R); mnlogit's are of the rows
    used, as the README says. Given R's knots and bounds, the fit and its predictions are R's."""
    data = WOMENLF.assign(region=WOMENLF["region"].where(WOMENLF["hincome"] <= 25))
    new = pd.DataFrame(MISSING["newdata"])
    knots = ", ".join(repr(float(k)) for k in np.atleast_1d(MISSING["knots"]))
    lower, upper = (float(b) for b in MISSING["boundary"])
    given = mnlogit.fit(
        f"partic ~ bs(hincome, knots=[{knots}], lower_bound={lower!r}, "
        f"upper_bound={upper!r}) + region",
        data,
    )
    assert given.nobs == MISSING["rows_used"]
    assert given.llf == pytest.approx(MISSING["loglik"], rel=1e-9)
    expected = np.array(MISSING["probs"])
    got = given.predict(new)[MISSING["levels"]].to_numpy()
    # nnet stops 2.5e-10 below the maximum, which leaves a parttime probability of the
    # sparse Prairie rows 1.8e-6 away
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5)
    default = mnlogit.fit("partic ~ bs(hincome, df=4) + region", data)
    assert np.abs(default.predict(new)[MISSING["levels"]].to_numpy() - expected).max() > 1e-3
    with pytest.raises(mnlogit.MNLogitError, match="outside"):  # R's bounds reach 45
        default.predict(new.assign(hincome=30.0))


def test_spline_knots_count_each_row_once_whatever_its_weight():
    """As R's: bs()'s knots at quantiles are of the rows, not of the rows repeated by their
    frequency weights, so that weighted fit differs from the fit of the repeated rows; with
    the repeated rows' knots given (as the README says) the two are one fit."""
    data = WOMENLF.assign(w=1 + np.arange(len(WOMENLF)) % 3)
    repeated = data.loc[data.index.repeat(data["w"])]
    quantiles = ", ".join(
        repr(float(q)) for q in np.quantile(repeated["hincome"], [0.25, 0.5, 0.75])
    )
    for formula, apart in (
        ("partic ~ bs(hincome, df=6) + region", True),
        (f"partic ~ bs(hincome, knots=[{quantiles}]) + region", False),
    ):
        weighted = mnlogit.fit(formula, data, weights="w")
        expanded = mnlogit.fit(formula, repeated)
        gap = abs(weighted.llf - expanded.llf)
        assert gap > 1e-3 if apart else gap < 1e-9 * abs(expanded.llf)
        if not apart:
            np.testing.assert_allclose(
                weighted.predict(WOMENLF).to_numpy(),
                expanded.predict(WOMENLF).to_numpy(),
                rtol=0,
                atol=1e-9,
            )


INTERVALS = json.loads((HERE / "predict_intervals.json").read_text())


@pytest.mark.parametrize("name", sorted(INTERVALS["cases"]))
def test_prediction_intervals_agree_with_rs_delta_method(name):
    # tests/reference/predict_intervals.R: the standard errors sqrt(J V J') with nnet's
    # vcov (emmeans gives the same), and the 90% intervals on the logit scale
    case = INTERVALS["cases"][name]
    data = WOMENLF.assign(w=1 + np.arange(1, len(WOMENLF) + 1) % 3)
    res = mnlogit.fit(case["formula"], data, weights=case["weights"] or None)
    table = res.prediction_intervals(pd.DataFrame(INTERVALS["newdata"]), alpha=INTERVALS["alpha"])
    for column, key, tolerance in (
        ("prob", "prob", 1e-7),
        ("std_error", "se", 1e-6),
        ("lower", "lower", 1e-6),
        ("upper", "upper", 1e-6),
    ):
        got = table[column].unstack()[case["levels"]].to_numpy()
        np.testing.assert_allclose(got, np.array(case[key]), rtol=tolerance, err_msg=column)
    np.testing.assert_allclose(np.array(case["se"]), np.array(case["emmeans_se"]), rtol=1e-12)
