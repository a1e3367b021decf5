"""Frequency weights of 1e15 and 1e16 on ten rows beside weights of 1 to 3: the fit reaches
the maximum that 50-digit Newton iterations find (tests/reference/make_weight_spread.py).

The heavy rows' log-likelihood, -2.7e15, carries rounding of hundreds of units, while the
light rows' coefficients (those of c, which two heavy rows nearly separate) move it by less.
Steps that lost 344 and 98 units were taken as rounding and the fit stopped, converged, with
c's intercept at -132.1 (standard error 0.34) where the maximum has -84.4 (1.23), 9.5
log-likelihood units higher. A long step that loses within the rounding is now decided by
the slope at its end, which the rounding does not hide."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "weight_spread.json").read_text())
FITS = {round(float(np.log10(f["heavy_weight"]))): f for f in REF["fits"]}


def data(k: int) -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "weight_spread.csv")
    return d.assign(w=np.where(d["heavy"] == 1, 10.0**k, d["w"]))


@pytest.mark.parametrize("weight_type", ["frequency", "probability"])
@pytest.mark.parametrize("k", sorted(FITS))
def test_heavy_rows_beside_light_ones_are_fitted_to_the_maximum(k, weight_type):
    ref = FITS[k]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(
            REF["formula"], data(k), ref=REF["ref"], weights="w", weight_type=weight_type
        )
    assert res.converged
    assert list(res.params.index) == REF["terms"] and list(res.params.columns) == REF["outcomes"]
    np.testing.assert_allclose(res.params, ref["params"], rtol=1e-8)
    if weight_type == "frequency":
        # the information's light-row blocks keep about five digits at this spread
        np.testing.assert_allclose(res.bse, ref["bse"], rtol=1e-4)
        assert res.llf == pytest.approx(float(ref["loglik"]), rel=1e-15)
