"""Firth fits with frequency weights of 1e8 beside weights of 1 on quasi-separated data,
against brglm2::brmultinom (tests/reference/make_firth_huge_weights.R).

The information of the near-certain heavy rows is a difference of terms 1e8 times larger, so
the penalised log-likelihood carries rounding of about 1e-5, more than the last steps gain:
the fits reached brglm2's estimates but never declared convergence, ran to max_iter at 40
step halvings an iteration, and told the user to increase max_iter, which changed nothing.
"""

from __future__ import annotations

import json
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "firth_huge_weights.json").read_text())
DATA = pd.read_csv(refdata.REF_DIR / "firth_huge_weights.csv")
# The estimates are found to the precision that rounding leaves the adjusted score, about
# 1e-6 of a standard error here; relative to the coefficients, within 1e-6 (measured: 2e-7).
RTOL_HUGE_WEIGHTS = 1e-6


def _fit(case: int, **options) -> mnlogit.MNLogitResults:
    d = DATA[DATA["case"] == case].drop(columns="case")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # neither a ConvergenceWarning nor numpy's
        return mnlogit.fit("y ~ x1 + x2", d, ref="a", weights="w", method="firth", **options)


@pytest.mark.parametrize("case", REF["fits"], ids=lambda c: f"case {c['case']}")
def test_converges_to_brglm2_estimates(case):
    res = _fit(case["case"])
    assert case["converged"] and res.converged
    assert res.n_iter < 100
    assert list(res.params.index) == REF["terms"]
    assert list(res.params.columns) == REF["outcomes"]
    np.testing.assert_allclose(res.params.to_numpy().T, case["params"], rtol=RTOL_HUGE_WEIGHTS)


def test_advice_to_raise_max_iter_is_not_needed():
    """The fit that told the user to raise max_iter converges within the default, and a
    larger max_iter gives the same estimates."""
    res, more = _fit(0), _fit(0, max_iter=1000)
    assert res.converged and more.converged
    np.testing.assert_allclose(more.params, res.params, rtol=RTOL_HUGE_WEIGHTS)


def test_a_fit_stopped_by_rounding_does_not_advise_max_iter():
    """Complete separation by x2 with weights of 1e8: the Firth fit stops where no step
    gains beyond rounding. It said to increase max_iter, which gave the same stop."""
    d = pd.DataFrame(
        {
            "y": list("accaaabbbac"),
            "x1": [0.0, 0.0, 2.8, 0.7, -6.1, -9.2, -13.8, -5.2, -1.7, -5.1, 10.9],
            "x2": [1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0],
            "w": [1, 1, 1e8, 1, 1, 1, 1e8, 1e8, 1, 1, 1e8],
        }
    )
    fits = []
    for max_iter in (100, 1000):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fits.append(
                mnlogit.fit("y ~ x1 + x2", d, weights="w", method="firth", max_iter=max_iter)
            )
        assert all(issubclass(w.category, mnlogit.exceptions.MNLogitWarning) for w in caught)
        if not fits[-1].converged:
            text = " ".join(str(w.message) for w in caught) + str(fits[-1].summary())
            assert "increase max_iter" not in text.lower()
            assert "does not change" in text
    assert fits[0].converged or fits[0].n_iter == fits[1].n_iter


def test_one_row_weighing_1e10_against_ones_is_fitted():
    """At the intercept-only start every fitted probability is within 1e-9 of the heavy
    row's outcome, the information singular in rounding: the fit was refused ("singular at
    the start") where its other starts reach the maximum."""
    rng = np.random.default_rng(5)
    d = pd.DataFrame({"x1": rng.normal(size=30), "x2": rng.normal(size=30)})
    d["y"] = np.array(list("abc"))[rng.integers(0, 3, 30)]
    d["w"] = 1.0
    d.loc[0, ["y", "w"]] = ["c", 1e10]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y ~ x1 + x2", d, weights="w", method="firth")
    assert res.converged and np.isfinite(res.params.to_numpy()).all()
    assert np.isfinite(res.bse.to_numpy()).all()


def test_adjustment_past_the_largest_float_gives_no_numpy_warning():
    """An information singular but for rounding has an inverse past 1e300: the adjustment's
    products overflowed with numpy's overflow and invalid-value warnings."""
    from mnlogit import _firth

    X = np.array([[1.0, 1e2], [1.0, -1e2], [1.0, 3.0]])
    data = SimpleNamespace(X=X, w=np.ones(3))
    V = np.full((4, 4), 1e306) + np.eye(4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A = _firth.score_adjustment(data, np.zeros((2, 2)), V)  # type: ignore[arg-type]
        assert not np.isfinite(A).all()
        assert _firth._value_rounding(data, np.zeros((2, 2)), V) == 0.0  # type: ignore[arg-type]


def test_penalised_lr_tests_agree_or_are_not_computed():
    """The refit without x2 under the full model's penalty stopped short of its maximum:
    anova's chi2 for x2 read 254.4 and lr_test's against the fit without x2 256.97, each
    with only a warning that it was unreliable. A test whose refit stops short is NaN, with
    a note; those computed agree."""
    d = DATA[DATA["case"] == 0].drop(columns="case")
    full = _fit(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.ConvergenceWarning)
        small = mnlogit.fit("y ~ x1", d, ref="a", weights="w", method="firth")
        table = full.anova()
        nested = mnlogit.lr_test(small, full)
    chi2 = table.loc["x2", "chi2"]
    if np.isnan(chi2):
        assert np.isnan(table.loc["x2", "pvalue"]) and "not computed" in table.attrs["note"]
    if np.isnan(nested.statistic):
        assert np.isnan(nested.pvalue) and "Not computed" in nested.note
    if not (np.isnan(chi2) or np.isnan(nested.statistic)):
        np.testing.assert_allclose(chi2, nested.statistic, rtol=1e-6)


def test_a_tol_below_rounding_is_named_when_the_fit_stops_at_rounding():
    rng = np.random.default_rng(1)
    d = pd.DataFrame({"x1": rng.normal(size=200), "x2": rng.normal(size=200)})
    d["g"] = rng.choice(list("uvw"), 200)
    d["y"] = rng.choice(list("abc"), 200)
    with pytest.warns(mnlogit.ConvergenceWarning) as caught:
        res = mnlogit.fit("y ~ x1 + x2 + g", d, method="firth", tol=1e-300)
    assert not res.converged
    text = " ".join(str(w.message) for w in caught)
    assert "raise tol (currently 1e-300" in text


def _quasi_separated(seed: int) -> pd.DataFrame:
    """30 rows: c exactly where x1 > 0 but for one row of a and one of c at x1 = 0 (kind 0)
    or where x1 > 1 among random outcomes (kind 1); about a third of the weights 1e8."""
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=30), rng.normal(size=30)
    if seed % 2 == 0:
        y = np.where(x1 > 0, "c", np.where(x2 > 0, "a", "b")).astype(object)
        x1[:2], y[:2] = 0.0, ["a", "c"]
    else:
        y = np.array(list("abc"), dtype=object)[rng.integers(0, 3, 30)]
        y[x1 > 1] = "c"
        x1[:2], y[:2] = 1.0, ["a", "c"]
    w = np.where(rng.random(30) < 0.3, 1e8, 1.0)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "w": w})


@pytest.mark.parametrize("seed", [s for s in range(10) if s != 8])
def test_quasi_separated_fits_with_weights_of_1e8_converge_without_warnings(seed):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y ~ x1 + x2", _quasi_separated(seed), weights="w", method="firth")
    assert res.converged and res.n_iter < 100
    assert np.isfinite(res.bse.to_numpy()).all()


def test_a_quasi_separated_fit_with_weights_of_1e8_that_stops_short_says_so():
    # Which of these fits stop short depends on rounding (seeds 8 and 120 of 0-199 with the
    # near-certain rows' sums exact; 38, 104, 120 and 160 before): one that does warns and is
    # not called converged.
    with pytest.warns(mnlogit.ConvergenceWarning, match="not final"):
        res = mnlogit.fit("y ~ x1 + x2", _quasi_separated(8), weights="w", method="firth")
    assert not res.converged
