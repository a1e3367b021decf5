"""A fit is refused for its size only when the design has more columns than observations.

The coefficients of K - 1 equations on p columns have the information sum_i W_i (x) x_i x_i',
each W_i positive definite while every probability is, so they are identified exactly when
the design has full column rank: p <= n, not p (K - 1) <= n. The fit refused "more parameters
(2 columns x 3 equations = 6) than rows (5)" for y = A, B, C, D, A on x = 0..4, whose
maximum-likelihood estimates exist (nnet::multinom and VGAM fit them; the same rows doubled
were fitted). Reference numbers: tests/reference/make_fewer_rows_than_coefficients.R.
"""

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError, RankError

REF = json.loads(
    (Path(__file__).parent / "reference" / "fewer_rows_than_coefficients.json").read_text()
)
FIVE = pd.DataFrame({"y": REF["data"]["y"], "x": np.asarray(REF["data"]["x"], dtype=float)})
OUTCOMES = ["B", "C", "D"]


def _fit(data, formula="y ~ x", **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        return mnlogit.fit(formula, data, ref="A", **options)


def _by_outcome(table):
    """R's coefficient matrix (rows B, C, D; columns intercept, x) as mnlogit's (term x outcome)."""
    return np.asarray(table, dtype=float).T


@pytest.fixture(scope="module")
def five():
    return _fit(FIVE)


def test_five_rows_four_outcomes_are_fitted_as_nnet_and_vgam_fit_them(five):
    assert five.converged and five.separation is None
    assert five.n_params == 6 and five.nobs == 5
    assert list(five.params.columns) == OUTCOMES
    vgam, nnet = REF["unweighted"]["vgam"], REF["unweighted"]["nnet"]
    # VGAM's Fisher scoring to 1e-14; nnet's BFGS stops within 1.1e-7 of it (reltol 1e-16)
    np.testing.assert_allclose(five.params, _by_outcome(vgam["coef"]), rtol=1e-8, atol=1e-9)
    np.testing.assert_allclose(five.params, _by_outcome(nnet["coef"]), rtol=0, atol=3e-7)
    np.testing.assert_allclose(five.bse, _by_outcome(vgam["se"]), rtol=1e-8)
    np.testing.assert_allclose(five.bse, _by_outcome(nnet["se"]), rtol=1e-7)
    assert five.llf == pytest.approx(vgam["loglik"], rel=1e-12)
    assert five.llf == pytest.approx(nnet["loglik"], rel=1e-12)


def test_the_rows_doubled_and_weights_of_two_give_the_same_estimates(five):
    doubled = _fit(pd.concat([FIVE, FIVE], ignore_index=True))
    weighted = _fit(FIVE.assign(w=2.0), weights="w")
    for res in (doubled, weighted):
        assert res.converged and res.separation is None and res.nobs == 10
        np.testing.assert_allclose(res.params, five.params, rtol=0, atol=1e-8)
        # the information doubles
        np.testing.assert_allclose(res.bse * np.sqrt(2), five.bse, rtol=1e-8)
        assert res.llf == pytest.approx(2 * five.llf, rel=1e-12)
    vgam = REF["weights_two"]["vgam"]
    np.testing.assert_allclose(weighted.params, _by_outcome(vgam["coef"]), rtol=1e-8, atol=1e-9)
    np.testing.assert_allclose(weighted.bse, _by_outcome(vgam["se"]), rtol=1e-8)


def test_firth_follows_the_same_rule_and_is_brglm2():
    res = _fit(FIVE, method="firth")
    ref = REF["firth"]
    np.testing.assert_allclose(res.params, _by_outcome(ref["coef"]), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(res.bse, _by_outcome(ref["se"]), rtol=1e-7)


def test_every_interface_fits_the_five_rows(five):
    dd = pytest.importorskip("dask.dataframe")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        assert mnlogit.check_separation("y ~ x", FIVE, ref="A") is None
        X = np.column_stack([np.ones(5), FIVE["x"]])
        arrays = mnlogit.MNLogit(FIVE["y"].to_numpy(), X, ref="A").fit()
    in_dask = _fit(dd.from_pandas(FIVE, npartitions=2))
    sampled = _fit(FIVE.assign(pw=3.0), weights="pw", weight_type="probability")
    design = mnlogit.SurveyDesign(weights="pw", strata="s")
    surveyed = _fit(FIVE.assign(pw=3.0, s=[1, 1, 2, 2, 2]), design=design)
    for res in (arrays, in_dask, sampled, surveyed):
        np.testing.assert_allclose(res.params.to_numpy(), five.params.to_numpy(), atol=1e-8)


def test_the_classifier_fits_the_five_rows(five):
    from mnlogit.sklearn import MNLogitClassifier

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        clf = MNLogitClassifier().fit(FIVE[["x"]].to_numpy(), FIVE["y"].to_numpy())
    # scikit-learn's layout: a row per class, the reference's 0
    np.testing.assert_allclose(clf.coef_[1:, 0], five.params.loc["x"], atol=1e-8)
    np.testing.assert_allclose(clf.intercept_[1:], five.params.loc["Intercept"], atol=1e-8)


@pytest.mark.parametrize(
    ("data", "options", "said"),
    [
        (FIVE.iloc[:2].assign(z=[0.0, 5.0]), {}, r"design columns \(at least 3\) than rows \(2\)"),
        (
            pd.DataFrame({"y": list("ABC"), "x": [1.0, 2, 3], "z": [4.0, 1, 0]}),
            {"formula": "y ~ x * z"},
            r"more design columns \(at least 4\) than rows \(3\)",
        ),
        (
            FIVE.iloc[:2].assign(z=[0.0, 5.0], w=1.0),
            {"weights": "w"},
            r"columns \(at least 3\) than observations \(2: the frequency weights' sum",
        ),
    ],
)
def test_more_columns_than_observations_is_refused_saying_what_to_do(data, options, said):
    options = {"formula": "y ~ x + z", **options}
    with pytest.raises(DataError, match=said) as info:
        _fit(data, **options)
    assert "simplify the formula or merge levels" in str(info.value)
    assert "equations" not in str(info.value)


def test_the_array_interface_refuses_more_columns_than_rows_naming_x():
    X = np.column_stack([np.ones(2), [0.0, 1.0], [3.0, 5.0]])
    with pytest.raises(DataError, match=r"more design columns \(3\) than rows with positive") as e:
        mnlogit.MNLogit(np.array(["A", "B"]), X)
    assert "drop columns of X, or fit with penalty='l2'" in str(e.value)


# (p, K) with p <= n < p (K - 1) possible for some n >= K (every outcome seen)
SHAPES = [(p, k) for p in (2, 3) for k in (3, 4, 5) if max(p, k) < p * (k - 1)]


def _random_rows(rng, p, k, n):
    """Outcomes and small integer predictors at random: nearly always separated, now and then
    a column collinear with the intercept."""
    labels = np.array(list("ABCDE"))[:k]
    frame = pd.DataFrame({"y": labels[np.r_[0:k, rng.integers(0, k, n - k)]]})
    for j in range(1, p):
        frame[f"x{j}"] = rng.integers(0, 3, n).astype(float)
    return frame


def _rows_inside(rng, p, k, extra):
    """The reference at the p corners of a simplex, every other outcome strictly inside it:
    a direction that favours an outcome inside and none at the corners would be a linear
    function <= 0 at the corners and >= 0 inside, so 0, and the estimates exist."""
    corners = np.vstack([np.zeros(p - 1), np.eye(p - 1)])
    others = np.r_[1:k, rng.integers(1, k, extra)]
    inside = rng.dirichlet(np.ones(p), len(others)) @ corners
    labels = np.array(list("ABCDE"))
    columns = np.vstack([corners, inside])
    frame = pd.DataFrame({"y": labels[np.r_[np.zeros(p, dtype=int), others]]})
    for j in range(1, p):
        frame[f"x{j}"] = columns[:, j - 1]
    return frame


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.sampled_from(SHAPES),
    seed=st.integers(0, 2**32 - 1),
    inside=st.booleans(),
    data=st.data(),
)
def test_fewer_rows_than_coefficients_fit_or_are_refused_for_rank_never_for_their_number(
    shape, seed, inside, data
):
    p, k = shape
    rng = np.random.default_rng(seed)
    if inside:
        # p corners and k - 1 outcomes inside: n = p + k - 1 + extra < p (k - 1)
        extra = data.draw(st.integers(0, max(p * (k - 1) - p - k, 0)), label="extra")
        frame = _rows_inside(rng, p, k, extra)
    else:
        n = data.draw(st.integers(max(p, k), p * (k - 1) - 1), label="n")
        frame = _random_rows(rng, p, k, n)
    n = len(frame)
    formula = "y ~ " + " + ".join(f"x{j}" for j in range(1, p))

    def outcome(rows, **options):
        try:
            return _fit(rows, formula, **options)
        except RankError as exc:
            return exc
        except DataError as exc:
            pytest.fail(f"refused for its size, {p} columns on {n} rows: {exc}")

    res = outcome(frame)
    weighted = outcome(frame.assign(w=2.0), weights="w")
    doubled = outcome(pd.concat([frame, frame], ignore_index=True))
    if isinstance(res, RankError):
        assert not inside
        assert isinstance(weighted, RankError) and isinstance(doubled, RankError)
        return
    assert res.n_params > res.nobs or n == p * (k - 1)
    if inside:
        assert res.separation is None and res.converged
    for other in (weighted, doubled):
        assert not isinstance(other, Exception), other
        assert (other.separation is None) == (res.separation is None)
        if res.separation is None:
            np.testing.assert_allclose(other.params, res.params, rtol=1e-6, atol=1e-6)
            np.testing.assert_allclose(other.bse * np.sqrt(2), res.bse, rtol=1e-6)
        else:
            assert other.separation.kind == res.separation.kind
            assert other.diverging.equals(res.diverging)


def test_a_robust_covariance_of_fewer_rows_than_coefficients_says_its_rank():
    # the HC0 meat sums 5 rows' scores, which add up to zero at the maximum: rank 4 at most,
    # below the 6 coefficients; a test of all of them was "not positive definite (a zero
    # variance, as in a census of every PSU, or collinear restrictions)"
    res = _fit(FIVE, cov_type="robust")
    every = res.wald_test(["Intercept", "x"])
    assert np.isnan(every.statistic) and np.isnan(every.pvalue)
    assert "robust (HC0) covariance has rank at most 4 (the rows less one)" in every.note
    assert "below the 6 restrictions tested" in every.note
    slopes = res.wald_test("x")
    assert np.isfinite(slopes.statistic) and slopes.df == 3
