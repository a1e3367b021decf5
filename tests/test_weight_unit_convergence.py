"""The convergence tests' floor in units of the lightest row's weight: an outcome whose rows
weigh 1e14 beside ones (sampling weights divided by a power of two near their mean, so the
deviance the fit sees is 2.5e-10) is fitted to the maximum, whatever constant multiplies the
weights, in memory and on dask alike; and a dask fit of such an outcome at 1e16 starts from
an information without cancellation."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_near_certain_rows import _data

import mnlogit
from mnlogit._null import equal_rows_curvature


def _heavy(weight: float, times: float = 1.0) -> pd.DataFrame:
    df = _data()
    return df.assign(w=np.where(df["y"] == "c", weight, 1.0) * times)


def _fit(df, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return mnlogit.fit(
            "y ~ x + z", df, weights="w", weight_type=options.pop("kind", "probability"), **options
        )


@pytest.fixture(scope="module")
def tight():
    return _fit(_heavy(1e14), tol=1e-14)


@pytest.mark.parametrize("times", [1e-300, 1e-20, 1e-3, 1.0, 1e9, 1e290])
def test_sampling_weights_of_any_scale_are_fitted_to_the_maximum(tight, times):
    # The floor of 0.1 swamped the deviance of 2.5e-10 the fit saw: it stopped with its last
    # Newton step untaken, 4.4e-5 of the intercept away (standard errors 1.1e-6 off), except
    # at 1e-9, where the weights were not rescaled and the deviance was 9e-6 less small
    got = _fit(_heavy(1e14, times))
    np.testing.assert_allclose(got.params, tight.params, rtol=1e-12)
    np.testing.assert_allclose(got.bse, tight.bse, rtol=1e-10)


def test_frequency_weights_give_the_sampling_weights_estimates(tight):
    got = _fit(_heavy(1e14), kind="frequency")
    np.testing.assert_allclose(got.params, tight.params, rtol=1e-12)  # was 4.4e-5


def _design_data(weight: float) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 400
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "psu": rng.integers(0, 20, n),
            "st": rng.integers(0, 3, n),
        }
    )
    eta = np.column_stack([np.zeros(n), 0.5 * d["x"], 0.3 * d["z"] - 0.4 * d["x"]])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d.assign(pw=rng.uniform(0.5, 20, n) * np.where(d["y"] == "c", weight, 1.0))


@pytest.mark.parametrize("weight", [1e10, 1e11, 1e14])
def test_survey_standard_errors_do_not_depend_on_tol_where_the_weights_are_rescaled(weight):
    # From 1e11 the weights' mean passes 2^32 and the fit divides them by it: the floor of
    # 0.1 then swamped the deviance, and the default tol stopped a step short (estimates
    # 0.23 off relative in a coefficient near 0, standard errors 8e-5; 2.6e-8 at 1e10)
    d = _design_data(weight)
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")
    want = mnlogit.fit("y ~ x + z", d, design=design, tol=1e-14)
    got = mnlogit.fit("y ~ x + z", d, design=design)
    np.testing.assert_allclose(got.params, want.params, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-10)


@pytest.mark.parametrize(("p", "K"), [(8, 10), (20, 5)])
def test_a_wide_survey_fit_of_rescaled_weights_is_at_the_maximum(p, K):
    # 81 and 84 parameters: L-BFGS, then the standard errors when first read. Its stop said
    # converged 2.4e-5 standard errors (8.5e-4 relative) from the maximum at 1e14
    rng = np.random.default_rng(5)
    n = 2000
    X = rng.normal(size=(n, p))
    eta = X @ rng.normal(scale=0.3, size=(p, K))
    probs = np.exp(eta) / np.exp(eta).sum(1, keepdims=True)
    y = (rng.random(n)[:, None] > probs.cumsum(1)).sum(1)
    d = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(
        y=y, psu=rng.integers(0, 30, n), pw=rng.uniform(0.5, 2, n) * np.where(y == 1, 1e14, 1.0)
    )
    formula = "y ~ " + " + ".join(f"x{j}" for j in range(p))
    design = mnlogit.SurveyDesign(weights="pw", psu="psu")
    want = mnlogit.fit(formula, d, design=design, tol=1e-14)
    got = mnlogit.fit(formula, d, design=design)
    gap = np.abs(got.params.to_numpy() - want.params.to_numpy()) / want.bse.to_numpy()
    assert got.converged and gap.max() < 1e-7
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-7)


def test_the_start_curvature_of_a_near_certain_outcome_has_no_cancellation():
    # shares 1 - 2e-16, 1e-16, 1e-16 (the reference last): P (1 - P) of 2e-16, not 0
    eta = np.array([np.log(1e16), 0.0])
    S = equal_rows_curvature(eta)
    P = np.array([1.0, 1e-16, 1e-16]) / (1.0 + 2e-16)
    want = -np.outer(P[:2], P[:2])
    want[0, 0] = P[0] * (P[1] + P[2])
    want[1, 1] = P[1] * (P[0] + P[2])
    np.testing.assert_allclose(S, want, rtol=1e-14)
    assert np.linalg.eigvalsh(S).min() > 0  # was singular: the dask fit "diverged" at its start


@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    heavy=st.integers(0, 16),
    times=st.integers(-300, 280),
    survey=st.booleans(),
)
def test_sampling_weights_times_any_constant_give_the_same_fit(seed, heavy, times, survey):
    # an outcome's rows weighted 10^heavy beside the others, all weights times 10^times: the
    # fit at the default tol is the same as for the weights as drawn (before, from a heavy
    # weight of 1e11 the rescaled weights' deviance fell under the floor of 0.1, and where
    # the fit stopped depended on the constant)
    rng = np.random.default_rng(seed)
    n = int(rng.integers(120, 300))
    d = pd.DataFrame({"x": rng.normal(size=n), "psu": rng.integers(0, 12, n)})
    eta = np.column_stack([np.zeros(n), 0.6 * d["x"], -0.4 * d["x"]])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    assume(d["y"].nunique() == 3)
    d["pw"] = rng.uniform(0.5, 2, n) * np.where(d["y"] == "b", 10.0**heavy, 1.0)

    def fit(frame, **options):
        if survey:
            options["design"] = mnlogit.SurveyDesign(weights="pw", psu="psu")
        else:
            options.update(weights="pw", weight_type="probability")
        with warnings.catch_warnings():
            warnings.simplefilter("error", mnlogit.exceptions.ConvergenceWarning)
            return mnlogit.fit("y ~ x", frame, **options)

    want = fit(d, tol=1e-14)
    got = fit(d.assign(pw=d["pw"] * 10.0**times))
    scale = want.bse.to_numpy()
    assert np.max(np.abs(got.params.to_numpy() - want.params.to_numpy()) / scale) < 1e-9
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-8)


dd = pytest.importorskip("dask.dataframe")


@pytest.mark.slow
@pytest.mark.parametrize("weight", [1e14, 1e16])
@pytest.mark.parametrize("kind", ["probability", "frequency"])
def test_a_dask_fit_of_an_outcome_of_nearly_all_the_weight_is_the_in_memory_fit(weight, kind):
    # at 1e14 (sampling weights) the two stopped at different points short of the maximum,
    # estimates 6.5e-9 apart and standard errors 1.6e-5; at 1e16 the dask fit's information
    # at its start cancelled to singular and it stopped there, diverged, its slopes 0
    df = _heavy(weight)
    want = _fit(df, kind=kind)
    got = _fit(dd.from_pandas(df, npartitions=3), kind=kind)
    assert got.converged
    np.testing.assert_allclose(got.params, want.params, rtol=1e-12)
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-9)
