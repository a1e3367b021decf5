"""Terms that compute with a column of True/False held otherwise than as numpy's bool: as
Python objects (``df.astype(object)``, records with None) or as Arrow booleans. Python code
computed with the objects as objects: ``I(flag * hincome)`` was a column of objects, which
formulaic fitted as a factor with a level per product (152 coefficients where R's fit has 6,
log-likelihood 165 above it on 300 rows), and ``I(~flag)`` read ~True as -2. New data whose
flag came as objects were refused ("does not encode into the columns it had in fitting"), or,
for a fit on objects, predicted by broadcasting the products into its dummy columns. pyarrow
would not multiply its booleans by numbers. Such columns are read as booleans, R's logicals
(tests/reference/predict_logical_terms.R: VGAM's fits and predictions)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

HERE = Path(__file__).parent / "reference"
REF = json.loads((HERE / "predict_logical_terms.json").read_text())
WOMENLF = pd.read_csv(HERE / "womenlf.csv")


def _flags(n: int, missing: list[int]) -> list:
    flags: list = [(i + 1) % 3 == 0 for i in range(n)]
    for row in missing:  # R's row numbers
        flags[row - 1] = None
    return flags


HELD = {
    "Python objects": lambda flags: pd.Series(flags, dtype=object),
    "Arrow booleans": lambda flags: pd.Series(flags, dtype="bool[pyarrow]"),
    "nullable booleans": lambda flags: pd.Series(flags, dtype="boolean"),
}


@pytest.mark.parametrize("held", HELD.values(), ids=HELD)
@pytest.mark.parametrize("name", sorted(REF["cases"]))
def test_terms_computing_with_booleans_fit_and_predict_as_rs_logicals(name, held):
    case = REF["cases"][name]
    data = WOMENLF.assign(flag=held(_flags(len(WOMENLF), REF["missing_rows"])))
    before = data.copy()
    res = mnlogit.fit(case["formula"], data, ref="fulltime")
    pd.testing.assert_frame_equal(data, before)  # nothing the user passed is modified
    assert res.nobs == case["nobs"]
    assert res.llf == pytest.approx(case["loglik"], rel=1e-10)
    expected = np.array(case["coef"]).T  # R: one inner list per equation
    np.testing.assert_allclose(res.params.to_numpy(), expected, rtol=1e-7, atol=1e-9)
    new = pd.DataFrame(REF["newdata"])
    want = np.array(case["probs"])
    for given in HELD.values():  # the new rows' flags held either way
        got = res.predict(new.assign(flag=given(new["flag"].tolist())))[case["levels"]]
        np.testing.assert_allclose(got.to_numpy(), want, rtol=0, atol=1e-9)


def test_new_booleans_as_objects_predict_as_numpys_and_a_missing_one_nan():
    case = REF["cases"]["negation"]
    data = WOMENLF.assign(flag=_flags(len(WOMENLF), []))  # numpy's bool
    res = mnlogit.fit(case["formula"], data, ref="fulltime")
    new = pd.DataFrame(REF["newdata"])
    want = res.predict(new)
    flags = pd.Series([True, None, *new["flag"].iloc[2:]], dtype=object)
    with pytest.warns(mnlogit.MNLogitWarning, match="missing or infinite value"):
        got = res.predict(new.assign(flag=flags))
    assert got.iloc[1].isna().all()
    np.testing.assert_allclose(got.drop(index=1).to_numpy(), want.drop(index=1).to_numpy())
    np.testing.assert_allclose(got.iloc[0].to_numpy(), want.iloc[0].to_numpy())
