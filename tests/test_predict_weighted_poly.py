"""Predictions on new data of frequency-weighted fits with a factor, a factor x numeric
interaction and poly(hincome, 2), orthogonal and raw, and of a bs() fit whose rows of weight 0
still place its knot and bounds, against nnet::multinom's predict(type = "probs") and the
delta-method standard errors of the probabilities with vcov(fit)
(tests/reference/predict_weighted_poly.R). nnet stops within ~1e-7 of the optimum, so
probabilities are compared to 1e-6 and standard errors to 1e-4 relative, and the
log-likelihoods agree to 1e-10. The bs() fit leaves its spline's coefficients barely
determined above hincome 20, where every weight is 0: nnet stops 1.6e-6 short there.
nnet's vcov of the raw polynomial, whose squares reach 2025, is far off (its coefficients'
standard errors up to 80% from VGAM's, stored; as margins_trends.R records of columns in the
thousands), so its probabilities' standard errors are compared with those of the orthogonal
polynomial's fit, the same model, whose vcov is VGAM's to 1e-6."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

HERE = Path(__file__).parent / "reference"
REF = json.loads((HERE / "predict_weighted_poly.json").read_text())
WOMENLF = pd.read_csv(HERE / "womenlf.csv")
_ROW = np.arange(1, len(WOMENLF) + 1)
DATA = WOMENLF.assign(w=1 + _ROW % 3)
DATA = DATA.assign(w0=DATA["w"].where(DATA["hincome"] <= 20, 0))
NEW = pd.DataFrame(REF["newdata"])


# per case: probabilities (absolute), standard errors (relative)
TOLERANCE = {
    "poly_orthogonal": (1e-6, 1e-4),
    "poly_raw": (1e-6, 1e-4),
    "bs_weight_zero": (5e-6, 1e-3),
}


def _rows(name):
    # bs() is not defined past its upper bound (45): R extrapolates, mnlogit refuses
    return slice(0, 5) if name.startswith("bs") else slice(None)


@pytest.fixture(scope="module", params=sorted(REF["cases"]))
def case(request):
    name = request.param
    spec = REF["cases"][name]
    return name, spec, mnlogit.fit(spec["formula"], DATA, weights=spec["weights"])


def test_weighted_probabilities_on_new_rows_agree_with_r(case):
    name, spec, res = case
    assert res.llf == pytest.approx(spec["loglik"], rel=1e-10)
    new = NEW.iloc[_rows(name)]
    got = res.predict(new)[spec["levels"]].to_numpy()
    expected = np.array(spec["probs"])[_rows(name)]
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE[name][0])


def test_standard_errors_of_predicted_probabilities_agree_with_r(case):
    name, spec, res = case
    if name == "poly_orthogonal":
        assert spec["vgam_se_gap"] < 1e-5
    new = NEW.iloc[_rows(name)]
    table = res.prediction_intervals(new)["std_error"].unstack("outcome")[spec["levels"]]
    source = "poly_orthogonal" if name == "poly_raw" else name
    expected = np.array(REF["cases"][source]["se"])[_rows(name)]
    np.testing.assert_allclose(table.to_numpy(), expected, rtol=TOLERANCE[name][1], atol=1e-12)


def test_new_rows_one_at_a_time_in_any_category_order_predict_as_the_frame(case):
    name, _spec, res = case
    new = NEW.iloc[_rows(name)]
    whole = res.predict(new)
    one = pd.concat([res.predict(new.iloc[[i]]) for i in range(len(new))])
    np.testing.assert_allclose(one.to_numpy(), whole.to_numpy(), rtol=0, atol=1e-15)
    shuffled = new.astype({"region": "category", "children": "category"})
    shuffled["region"] = shuffled["region"].cat.set_categories(
        ["Quebec", "Prairie", "Ontario", "BC", "Atlantic", "Yukon"]
    )
    pd.testing.assert_frame_equal(res.predict(shuffled), whole)
    # the training rows predict their fitted values
    fitted = res.predict()
    np.testing.assert_allclose(
        res.predict(DATA).loc[fitted.index].to_numpy(), fitted.to_numpy(), rtol=0, atol=1e-15
    )
