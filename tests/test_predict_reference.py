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
