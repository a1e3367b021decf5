"""Outcomes of several kinds against nnet::multinom (tests/reference/make_outcome_kinds.R):
levels named like design columns in an order of their own, as an ordered Categorical; the
same with an unused category, which multinom drops with a warning; a logical outcome as a
bool column; and 200 levels of two rows each as an integer column. Estimates, standard
errors, log-likelihoods and the predicted classes, labelled as the data label them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

REF = Path(__file__).parent / "reference"
R = json.loads((REF / "outcome_kinds.json").read_text())
DATA = pd.read_csv(REF / "outcome_kinds.csv", keep_default_na=False, na_values=[""])
ORDER = ["y[T.a]", "Intercept", "x", "a:b"]
# nnet (reltol 1e-16) and mnlogit agree to 1e-8 in the coefficients (1e-10 in the others)
COEF, SE, LOGLIK = 1e-7, 1e-8, 1e-9


def _compare(res: mnlogit.MNLogitResults, ref: dict) -> None:
    r_levels = [{"TRUE": "True", "FALSE": "False"}.get(v, v) for v in ref["levels"]]
    assert [str(level) for level in res.outcomes] == r_levels
    coef = np.atleast_2d(np.asarray(ref["coef"]))
    se = np.asarray(ref["se"]).reshape(coef.shape)
    np.testing.assert_allclose(res.params.to_numpy().T, coef, atol=COEF)
    np.testing.assert_allclose(res.bse.to_numpy().T, se, atol=SE)
    assert res.llf == pytest.approx(ref["loglik"], abs=LOGLIK)


def test_levels_named_like_columns_in_an_order_of_their_own():
    data = DATA.assign(ys=pd.Categorical(DATA["ys"], ORDER, ordered=True))
    res = mnlogit.fit("ys ~ x + z", data)
    assert res.ref == "y[T.a]"
    _compare(res, R["ordered"])
    assert list(res.params.columns) == ORDER[1:]
    assert list(res.predict().columns) == ORDER
    assert list(res.params.index) == ["Intercept", "x", "z"]


def test_an_unused_category_is_left_out_with_a_warning_as_multinom_does():
    assert R["empty"]["warning"] == "group \u2018aaa\u2019 is empty"
    data = DATA.assign(ys=pd.Categorical(DATA["ys"], ["aaa", *ORDER]))
    with pytest.warns(mnlogit.RareLevelWarning, match="'aaa'"):
        res = mnlogit.fit("ys ~ x + z", data)
    _compare(res, R["empty"])


def test_a_logical_outcome_and_its_predicted_classes():
    assert DATA["yb"].dtype == bool
    res = mnlogit.fit("yb ~ x + z", DATA)
    _compare(res, R["logical"])
    classes = res.predict(kind="class")
    assert classes.dtype == bool
    assert classes.tolist() == [v == "TRUE" for v in R["logical"]["classes"]]


def test_two_hundred_levels_of_two_rows_each():
    data = DATA.dropna(subset=["y200"]).astype({"y200": int})
    with pytest.warns(mnlogit.RareLevelWarning, match="and 190 more are very rare"):
        res = mnlogit.fit("y200 ~ x200", data)
    assert R["many"]["converged"] and res.converged
    assert res.outcomes == tuple(int(v) for v in R["many"]["levels"])
    assert res.llf == pytest.approx(R["many"]["loglik"], abs=1e-8)
    np.testing.assert_allclose(res.params.to_numpy().T, np.asarray(R["many"]["coef"]), atol=1e-5)
    classes = res.predict(kind="class")
    assert classes.dtype == np.int64
    # rows whose two most probable levels nnet and mnlogit order alike (not near a tie)
    P = np.sort(res.predict().to_numpy(), axis=1)
    clear = P[:, -1] - P[:, -2] > 1e-6
    r_classes = np.array([int(v) for v in R["many"]["classes"]])
    np.testing.assert_array_equal(classes.to_numpy()[clear], r_classes[clear])
