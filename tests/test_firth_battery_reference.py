"""Firth fits of a battery of 48 small hard data sets (tests/reference/make_firth_battery.py:
three and four outcomes, 8 to 300 rows, one to five columns and a factor, completely,
quasi-completely and not separated, some with frequency weights, some with a column near 1e4)
against brglm2::brmultinom(type = "AS_mean") (make_firth_battery.R -> firth_battery.json).

brglm2 runs to its 2000 iterations on every case (its test on the absolute adjusted score,
epsilon 1e-15, is below rounding), so its point is judged as mnlogit's is, by the penalised
log-likelihood and the scaled adjusted score U*' I^-1 U* there, both computed here. Where x1
is near 1e4 they are computed with x1 - 1e4 (the intercept moved to match: the same model,
the penalty unchanged, as the shift has determinant one), since in the column's own units
the information's condition number is near 1e16 and its log determinant is off by up to
4e-3; brglm2's own penalised value there (from its vcov) is off by up to 2e-4."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit import _firth, _linalg
from mnlogit.model import MNLogit

REF = json.loads((refdata.REF_DIR / "firth_battery.json").read_text())
CASES = sorted(int(k) for k in REF if not k.startswith("_"))
DATA = pd.read_csv(refdata.REF_DIR / "firth_battery.csv", keep_default_na=False, na_values=[""])


def case_data(case: int) -> tuple[str, str, str | None, pd.DataFrame]:
    """The case's formula (the columns it fills), reference, weights column and rows."""
    rows = DATA[DATA["case"] == case].drop(columns="case").reset_index(drop=True)
    terms = [f"x{j}" for j in range(1, 6) if rows[f"x{j}"].notna().any()]
    if rows["f"].notna().any():
        terms.append("f")
    weights = "w" if rows["w"].notna().any() else None
    return "y ~ " + " + ".join(terms), str(rows["ref"].iloc[0]), weights, rows


def fit(case: int) -> mnlogit.MNLogitResults:
    formula, ref, weights, rows = case_data(case)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Firth fit neither diverges nor warns here
        return mnlogit.fit(formula, rows, ref=ref, weights=weights, method="firth")


FAR = 1e4  # x1 of the cases far from zero is FAR + z


def penalised_and_score(case: int, B: np.ndarray) -> tuple[float, float]:
    """The penalised log-likelihood and the scaled adjusted score U*' I^-1 U* at ``B``."""
    formula, ref, weights, rows = case_data(case)
    if rows["x1"].mean() > FAR / 2:
        rows = rows.assign(x1=rows["x1"] - FAR)
        B = B.copy()
        B[0] += FAR * B[1]  # the same linear predictors (rows: Intercept, x1, ...)
    data = MNLogit.from_formula(formula, rows, ref=ref, weights=weights)._data
    s = data.evaluator(threads=1)(B, 2)
    c = _linalg.cholesky(s.info)
    V = _linalg.inverse_from_cholesky(c)
    U = _linalg.flat(s.score + _firth.score_adjustment(data, B, V))
    return s.loglik + float(np.log(np.diag(c)).sum()), float(U @ V @ U)


def test_a_fit_stopped_by_max_iter_near_a_flat_maximum_is_finished():
    """Case 47 (40 rows, four outcomes, level w of f all but empty of outcome c): the
    maximum is flat along one direction, where every start's scoring steps shrank 0.85-fold
    an iteration, turning back and forth; all ran to max_iter at a scaled adjusted score of
    1e-10 (the test asks 4e-19) and the fit was reported not converged, 3e-9 below the
    maximum. Newton steps on the adjusted score now finish it."""
    res = fit(47)
    assert res.converged
    pen, score = penalised_and_score(47, res.params.to_numpy())
    assert res.penalized_llf == pen
    assert score < 1e-15
    assert pen > -17.7801147500  # the maximum, -17.78011474980; stopped at -17.78011475282


# tolerances: measured worst cases over the battery in brackets
SCORE = 1e-14  # scaled adjusted score at either point [mnlogit 4e-16, brglm2 1.3e-16]
SAME_VALUE = 1e-10  # penalised values' difference, relative [3e-13]
IN_SE = 1e-6  # coefficients' difference over mnlogit's standard errors [2.6e-8]
RTOL_SE = 1e-6  # standard errors, relative [2.1e-8]
RTOL_LLF = 1e-8  # log-likelihood, relative [1.2e-9]


def brglm2_table(ref: dict, key: str) -> np.ndarray:
    return np.asarray(ref[key]).T  # terms x outcomes, as mnlogit's params


@pytest.mark.parametrize("case", CASES)
def test_battery_case_agrees_with_brglm2(case):
    ref = REF[str(case)]
    res = fit(case)
    assert res.converged
    assert [str(c) for c in res.params.columns] == ref["rownames"]
    r_terms = [c.replace("(Intercept)", "Intercept") for c in ref["colnames"]]
    assert [t.replace("[T.", "").rstrip("]") for t in res.params.index] == r_terms
    B, B_r = res.params.to_numpy(), brglm2_table(ref, "coef_matrix")
    pen, score = penalised_and_score(case, B)
    pen_r, score_r = penalised_and_score(case, B_r)
    scale = max(1.0, abs(pen))
    # mnlogit's point is a root of the adjusted score, and what it reports is the value there
    assert score <= SCORE
    assert abs(res.penalized_llf - pen) <= SAME_VALUE * scale
    # never below brglm2's value; brglm2 reached the same root, so the estimates agree
    assert pen >= pen_r - SAME_VALUE * scale
    assert score_r <= SCORE and abs(pen - pen_r) <= SAME_VALUE * scale
    assert (np.abs(B - B_r) / res.bse.to_numpy()).max() <= IN_SE
    se_r = np.sqrt(np.diag(np.asarray(ref["vcov"]))).reshape(B.shape[1], B.shape[0]).T
    np.testing.assert_allclose(res.bse.to_numpy(), se_r, rtol=RTOL_SE)
    np.testing.assert_allclose(res.llf, ref["loglik"], rtol=RTOL_LLF)
