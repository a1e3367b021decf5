"""Firth fits of a battery of 48 small hard data sets (tests/reference/make_firth_battery.py:
three and four outcomes, 8 to 300 rows, one to five columns and a factor, completely,
quasi-completely and not separated, some with frequency weights, some with a column near 1e4)
against brglm2::brmultinom(type = "AS_mean") (make_firth_battery.R -> firth_battery.json).

brglm2 runs to its 2000 iterations on every case (its test on the absolute adjusted score,
epsilon 1e-15, is below rounding), so its point is judged as mnlogit's is, by the penalised
log-likelihood and the scaled adjusted score U*' I^-1 U* there, both computed here."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import refdata

import mnlogit
from mnlogit import _firth, _linalg
from mnlogit.model import MNLogit

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


def penalised_and_score(case: int, B: np.ndarray) -> tuple[float, float]:
    """The penalised log-likelihood and the scaled adjusted score U*' I^-1 U* at ``B``."""
    formula, ref, weights, rows = case_data(case)
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
