"""Thirty-six random designs, each combining hostile scales, against R
(tests/reference/make_scales_random.R draws and fits them): a column in units of 1e-8 to
1e8, one far from zero (1e6 + N(0, 1)), a nearly collinear pair (correlation 1 - 1e-8), an
outcome level of 3 to 5 rows among K = 3 to 8, frequency weights from 1 to 1e6, a factor with
a rare level, the far-from-zero column interacted with a factor, no intercept in some.

The reference is VGAM::vglm (epsilon 1e-14, maxit 200) where it reaches a maximum on the
model matrix itself; where it does not (it stops with NaN or short of the maximum on 10
designs), nnet::multinom on an orthonormal basis of the columns polished by Newton steps. R's
attainable precision is measured by its score criterion U'I^-1U at its estimate computed on
an orthonormal basis of the columns (`crit_basis`): to first order its coefficients are within
sqrt(crit) standard errors of the maximum, which for some of vglm's fits is 8e-4. So a
coefficient must agree to 1e-7 relative or to 2 sqrt(crit) + 2e-5 standard errors, whichever
is looser; 2e-5 is the float64 floor of these designs, the largest gap between two R fits of
the same design (vglm and multinom + Newton, or either and a numpy Newton fit on the QR
basis) at a criterion below 1e-20 on their own basis, mapped back to the columns through a
triangular factor whose condition reaches 1e8. A standard error must agree to 2e-7
relative plus 3 sqrt(crit). Both R fits (vglm's, and multinom's on the basis) are compared,
each with its own criterion. The log-likelihood must agree to 1e-9 (relative), the null
log-likelihood to 1e-12, and the likelihood-ratio statistic of the last term to 1e-8.

Two draws have an outcome with no rows at a level of f (quasi-complete separation: vglm
stops where those rows' probabilities underflow, with coefficients of 30 and more): the fit
must say so and what to do.

A third of the designs also check the invariances of a fit: a column in units 1e-4 to 1e4
times its own scales its coefficient by the inverse (to 2e-8 relative: three of 35 draws,
with x2 far from zero beside x2:g or without an intercept, are above 1e-9) and moves every
other coefficient by at most 1e-6 of its standard error and every standard error by 1e-8
(relative), so z, p-values and the log-likelihood stay; x1 shifted by 1e6 beside an intercept
moves only the intercept's coefficients (to R's floor above), or, where x1 varies by less than
1e-8 of 1e6, is refused as R's QR refuses it, with the advice to centre it."""

from __future__ import annotations

import json
import re
import warnings
from functools import cache

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import RankError, SeparationWarning

REF = json.loads((refdata.REF_DIR / "scales_random.json").read_text())
ROWS = pd.read_csv(refdata.REF_DIR / "scales_random.csv.gz")
CASES = {case["case"]: case for case in REF["cases"]}
FITTED = sorted(k for k, case in CASES.items() if case["fitted"])
SEPARATED = sorted(k for k, case in CASES.items() if case.get("separated"))
FLOOR = 2e-5
# Standard errors of draw 11 move by 2.8e-6 (relative) when x1 is rescaled, whatever tol:
# its equation for 'zeta' has standard errors 600 times the others' (weights 1 to 1e6), and
# three fits of it (this one, multinom with Newton steps on a QR basis, and Newton steps in
# numpy on a QR basis) differ by 7e-6 to 1.4e-5 in them. Elsewhere they move by at most 9e-9.
# Elsewhere a coefficient moves by at most 5.5e-7 of its standard error.
SHIFT_SE = 1e-5
FLOORS = {11: (5e-6, 5e-6)}  # draw: (coefficients in standard errors, standard errors relative)


def _data(case: dict) -> pd.DataFrame:
    data = ROWS[ROWS["case"] == case["case"]].drop(columns="case").reset_index(drop=True)
    return data.assign(y=pd.Categorical(data["y"], categories=case["levels"]))


def _fit(case: dict, data: pd.DataFrame, formula: str | None = None):
    with warnings.catch_warnings():
        # nearly collinear columns and rare levels are the point here, not their warnings
        warnings.simplefilter("ignore")
        return mnlogit.fit(formula or case["formula"], data, ref=case["ref"], weights="w")


@cache
def _base(k: int):
    case = CASES[k]
    return _fit(case, _data(case))


def _r_name(name: str) -> str:
    """R's model.matrix name of a formulaic column name (`f[T.q]` is `fq`, `x2:g[T.b]` is
    `x2:gb`, `f[p]` of a full coding is `fp`)."""
    if name == "Intercept":
        return "(Intercept)"
    return re.sub(r"(\w+)\[(?:T\.)?(\w+)\]", r"\1\2", name)


def _r_values(case: dict, res, key: str, source: dict | None = None) -> np.ndarray:
    rows = [case["colnames"].index(_r_name(str(name))) for name in res.params.index]
    return np.array((source or case)[key])[rows]


def _mine(res, case: dict, frame: pd.DataFrame) -> np.ndarray:
    cols = [next(c for c in frame.columns if str(c) == eq) for eq in case["eqs"]]
    return frame[cols].to_numpy()


@pytest.mark.parametrize("k", FITTED)
@pytest.mark.parametrize("source", ["vglm", "nnet"])
def test_estimates_against_r(k, source):
    case, res = CASES[k], _base(k)
    assert res.converged and res.separation is None
    ref = case if source == "vglm" else case["nnet"]
    crit = max(ref["crit_basis"], 0.0)
    coef, se = _r_values(case, res, "coef", ref), _r_values(case, res, "se", ref)
    mine_coef, mine_se = _mine(res, case, res.params), _mine(res, case, res.bse)
    tol = np.maximum(1e-7 * np.abs(coef), (2 * np.sqrt(crit) + FLOOR) * se)
    np.testing.assert_array_less(np.abs(mine_coef - coef), tol, err_msg=f"coef, {source}")
    np.testing.assert_allclose(mine_se, se, rtol=2e-7 + 3 * np.sqrt(crit), err_msg="se")


@pytest.mark.parametrize("k", FITTED)
def test_likelihoods_and_lr_test_against_r(k):
    case, res = CASES[k], _base(k)
    assert res.nobs == case["nobs"]
    # R's log-likelihood sums w_i log p_i with w_i up to 1e6 and linear predictors whose terms
    # reach 1e7 (an intercept of -1e6 slopes): each term is rounded at about 1e-16 of that,
    # so the sum of order 1e7 keeps about nine digits
    assert res.llf == pytest.approx(case["llf"], rel=1e-9)
    if case["llnull"] is None:
        assert "0" in case["formula"].split("~")[1].split("+")[0]
    else:
        assert res.llnull == pytest.approx(case["llnull"], rel=1e-12)
    terms = [t.strip() for t in case["formula"].split("~")[1].split("+")]
    last = case["last"]
    kept = [t for t in terms if t != last] if last != "x2:g" else [*terms[:-1], "x2 + g"]
    restricted = _fit(case, _data(case), "y ~ " + " + ".join(kept))
    test = mnlogit.lr_test(restricted, res)
    assert test.df == case["lr_df"]
    assert test.statistic == pytest.approx(case["lr"], rel=1e-8, abs=1e-6)


@pytest.mark.parametrize("k", SEPARATED)
def test_separation_said_with_what_to_do(k):
    case = CASES[k]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit(case["formula"], _data(case), ref=case["ref"], weights="w")
    assert res.separation is not None and not res.converged
    said = [str(w.message) for w in caught if issubclass(w.category, SeparationWarning)]
    assert said, "no SeparationWarning"
    # R's table of f by y has an empty cell: the warning names that outcome and f's columns
    # among the diverging ones, and says what to do
    cells = case["empty_cells"]
    outcome = (cells[0] if isinstance(cells, list) else cells).split(" ")[1]
    assert f"'{outcome}'" in said[0] and "f[" in said[0]
    assert "method='firth'" in said[0] and "merge the levels" in said[0]


def _invariance_column(case: dict) -> str | None:
    rhs = case["formula"].split("~")[1]
    return next((c for c in ("x1", "x3") if re.search(rf"\b{c}\b", rhs)), None)


@pytest.mark.parametrize("k", FITTED[::3])
def test_units_and_shift_invariance(k):
    case, res = CASES[k], _base(k)
    column = _invariance_column(case)
    if column is None:
        column = "x2"  # beside x2:g its shift would move g's coefficients: only units here
    data = _data(case)
    power = (-4, -2, 2, 4)[k % 4]
    scaled = _fit(case, data.assign(**{column: data[column] * 10.0**power}))
    factor = pd.Series(1.0, index=res.params.index)
    factor[[name for name in res.params.index if re.search(rf"\b{column}\b", str(name))]] = (
        10.0**-power
    )
    want, want_se = res.params.mul(factor, axis=0), res.bse.mul(factor, axis=0)
    # the rescaled column's own coefficient scales exactly; every coefficient moves by at
    # most the float64 floor of these designs (rounding x * 10**k moves each value by 1e-16)
    target = factor != 1.0
    np.testing.assert_allclose(scaled.params[target], want[target], rtol=2e-8)
    coef_tol, se_tol = FLOORS.get(k, (1e-6, 1e-8))
    np.testing.assert_array_less(
        np.abs(scaled.params - want), 1e-9 * np.abs(want) + coef_tol * want_se
    )
    np.testing.assert_allclose(scaled.bse, want_se, rtol=se_tol)
    dz = np.abs(scaled.zvalues - res.zvalues).to_numpy()
    z = np.abs(res.zvalues.to_numpy())
    assert np.all(dz <= coef_tol + z * se_tol)
    # a p-value of z far in the tail moves by about |z| times z's change (below 1e-308 both
    # are 0)
    p, p0 = scaled.pvalues.to_numpy(), res.pvalues.to_numpy()
    np.testing.assert_array_equal(p == 0, p0 == 0)
    gap = np.abs(np.log(np.where(p0 > 0, p, 1) / np.where(p0 > 0, p0, 1)))
    assert np.all(gap <= 1e-12 + 1.1 * (z + 1) * dz)
    assert scaled.llf == pytest.approx(res.llf, rel=1e-10)
    # x3 is one of the nearly collinear pair, whose coefficients reach 1e4: shifted by 1e6 its
    # terms of the linear predictor would be 1e10, rounded at 1e-6
    if column != "x1" or "Intercept" not in res.params.index:
        return
    if data[column].std() < 1e-2:
        # x + 1e6 varying by less than 1 in 1e6 of its size: refused as R's QR refuses it,
        # saying to centre it
        with pytest.raises(RankError, match=r"subtract a number near their values"):
            _fit(case, data.assign(**{column: data[column] + 1e6}))
        return
    if data[column].std() < 0.5:
        return  # about R's QR tolerance once shifted: either answer is right
    shifted = _fit(case, data.assign(**{column: data[column] + 1e6}))
    moved = res.params.copy()
    moved.loc["Intercept"] -= 1e6 * res.params.loc[column]
    # the intercept's coefficients move by -1e6 times the column's, the others stay: to R's
    # floor in standard errors, the shifted column being one more nearly aliased with the
    # intercept (residual 1e-6 of its length)
    gap = np.abs(shifted.params - moved).to_numpy()
    assert np.all(gap <= 1e-9 * np.abs(moved.to_numpy()) + FLOOR * shifted.bse.to_numpy())
    rest = [name for name in res.params.index if name != "Intercept"]
    np.testing.assert_allclose(shifted.bse.loc[rest], res.bse.loc[rest], rtol=SHIFT_SE)
    assert shifted.llf == pytest.approx(res.llf, rel=1e-10)
