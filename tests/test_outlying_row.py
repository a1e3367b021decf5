"""One row far out along a column (x of 1e5 to 1e12 beside values in [0, 1]), of the outcome
its x favours: at the maximum its probability is 1 to rounding and it adds nothing to the
likelihood, so the fits of all rows are those of the others (R's, without that row:
tests/reference/make_outlying_row.R).

Such a row is fitted first, a unit of its linear predictor per Newton step, with steps that
do not shrink, as separation's do not: the fit stopped and the exact check, on columns
scaled to their largest entry (the other rows' x at 1e-12, within the solver's tolerance),
reported quasi-complete separation by x; from x = 1e10 the fit stopped short, the
information of that row being rounding its own size. A Firth fit stopped at a local maximum
the penalty holds while that row is not yet fitted, with slopes of 0.0 where the maximum has
6.21, and said it had converged."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import ConvergenceWarning, SeparationWarning

REF = json.loads((refdata.REF_DIR / "outlying_row.json").read_text())
DATA = pd.read_csv(refdata.REF_DIR / "outlying_row.csv")


def _with_outlier(size: float) -> pd.DataFrame:
    d = DATA.copy()
    d.loc[0, "x"] = size
    return d


def _fit(size: float, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("y ~ x", _with_outlier(size), ref="a", **options)
    kinds = {type(w.message) for w in caught}
    return res, kinds


def test_the_reference_is_the_data_without_the_row():
    assert REF["rows"] == len(DATA) - 1 and DATA.loc[0, "y"] == "b"


@pytest.mark.parametrize("size", [1e3, 1e5, 1e6, 1e8, 1e10, 1e12])
def test_no_separation_is_found(size):
    assert mnlogit.check_separation("y ~ x", _with_outlier(size), ref="a") is None


@pytest.mark.parametrize("size", [1e3, 1e5, 1e6, 1e8, 1e10, 1e12])
def test_maximum_likelihood_agrees_with_r(size):
    res, kinds = _fit(size)
    assert res.converged and SeparationWarning not in kinds
    assert res.llf == pytest.approx(REF["ml"]["loglik"], rel=1e-10)
    np.testing.assert_allclose(res.params.to_numpy().T, REF["ml"]["params"], rtol=1e-6)


@pytest.mark.parametrize("size", [1e3, 1e5, 1e6, 1e8])
def test_firth_agrees_with_brglm2(size):
    res, kinds = _fit(size, method="firth")
    assert res.converged and ConvergenceWarning not in kinds
    np.testing.assert_allclose(res.params.to_numpy().T, REF["firth"]["params"], rtol=1e-6)
    np.testing.assert_allclose(res.bse.to_numpy().T, REF["firth"]["se"], rtol=1e-5)


@pytest.mark.parametrize("size", [1e10, 1e12])
def test_firth_further_out_is_the_higher_of_two_maxima_and_says_so(size):
    # the penalty, log det I / 2, grows with the row's x while its probability is not near
    # 1: from x = 1e10 the maximum near a slope of 0 is the higher one, which the fit
    # reports, with the other maximum, the one brglm2 finds without the row, listed
    res, kinds = _fit(size, method="firth")
    assert res.converged and ConvergenceWarning not in kinds
    assert len(res.penalized_maxima) == 2
    assert res.penalized_maxima[0] == max(res.penalized_maxima)
    assert abs(res.params.loc["x"]).max() < 1e-8
    assert "2 distinct local maxima" in str(res.summary())
