"""Rows that weigh 1e6 to 1e12 at z = 0 beside rows of weight 1 whose z varies: the fit
reaches the maximum that 50-digit Newton iterations find (tests/reference/make_heavy_rows.py).

The heavy rows make the deviance huge (4e11 at 1e9) and hold the intercepts only. The test
of the scaled gradient, 1e-10 of that deviance, let the next step gain 22 log-likelihood
units, and the fit stopped as converged after two iterations with z's slope at 2.21
(standard error 0.36) where the maximum has 3.21 (0.51); at 1e12, after one, at 1.30. The
gradient is now held to the deviance the rows would have if each weighed the lightest."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit

REF = json.loads((refdata.REF_DIR / "heavy_rows.json").read_text())
FITS = {round(float(np.log10(f["heavy_weight"]))): f for f in REF["fits"]}


def data(k: int) -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "heavy_rows.csv")
    return d.assign(w=np.where(d["heavy"] == 1, 10.0**k, 1.0))


@pytest.mark.parametrize("weight_type", ["frequency", "probability"])
@pytest.mark.parametrize("k", sorted(FITS))
def test_heavy_rows_do_not_stop_the_fit_short(k, weight_type):
    ref = FITS[k]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(
            REF["formula"], data(k), ref=REF["ref"], weights="w", weight_type=weight_type
        )
    assert res.converged
    assert list(res.params.index) == REF["terms"] and list(res.params.columns) == REF["outcomes"]
    # the slopes to 1e-8 of themselves; the intercepts, which the heavy rows pin, to 1e-8
    # absolute (their last digits are the rounding of sums of 2e14)
    np.testing.assert_allclose(res.params.loc["z"], ref["params"][1], rtol=1e-8)
    np.testing.assert_allclose(res.params.loc["Intercept"], ref["params"][0], rtol=0, atol=1e-8)
    if weight_type == "frequency":
        np.testing.assert_allclose(res.bse.loc["z"], ref["bse"][1], rtol=1e-6)


def test_the_heavy_rows_weights_scaled_together_give_the_same_fit():
    """A constant times every weight is the same sampling design: the same estimates."""
    base = mnlogit.fit("y ~ z", data(9), ref="A", weights="w", weight_type="probability")
    for c in (1e-200, 1e-9, 1e100):
        d = data(9)
        res = mnlogit.fit(
            "y ~ z", d.assign(w=d["w"] * c), ref="A", weights="w", weight_type="probability"
        )
        np.testing.assert_allclose(res.params, base.params, rtol=1e-9, atol=1e-12)


def test_dask_partitions_reach_the_same_maximum():
    dd = pytest.importorskip("dask.dataframe")
    ref = FITS[12]
    res = mnlogit.fit("y ~ z", dd.from_pandas(data(12), npartitions=3), ref="A", weights="w")
    assert res.converged
    np.testing.assert_allclose(res.params.loc["z"], ref["params"][1], rtol=1e-8)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**16), k=st.integers(6, 13), frequency=st.booleans())
def test_heavy_rows_at_zero_leave_the_slopes_within_the_tests_reach(seed, k, frequency):
    """Rows at z = 0 weighing 1e6 to 1e13 beside ones: the default fit's slopes are within
    1e-3 standard errors of a fit to tol=1e-14 (the test lets the last step be up to
    sqrt(tol) times the light rows' deviance, about 3e-4 of them, in standard errors)."""
    rng = np.random.default_rng(seed)
    n = 300
    heavy = np.arange(n) < n // 2
    z = np.where(heavy, 0.0, rng.normal(size=n))
    eta = np.c_[np.zeros(n), 1.5 * z, -1.0 * z]
    p = np.exp(eta) / np.exp(eta).sum(1, keepdims=True)
    y = (rng.random(n)[:, None] > p.cumsum(1)).sum(1)
    df = pd.DataFrame({"z": z, "y": np.array(["A", "B", "C"])[y]})
    options = {
        "ref": "A",
        "weights": np.where(heavy, 10.0**k, 1.0),
        "weight_type": "frequency" if frequency else "probability",
    }
    res, tight = (mnlogit.fit("y ~ z", df, tol=tol, **options) for tol in (1e-10, 1e-14))
    assert res.converged and tight.converged
    gap = (res.params.loc["z"] - tight.params.loc["z"]) / tight.bse.loc["z"]
    assert np.abs(gap).max() <= 1e-3


@pytest.mark.parametrize("dask", [False, True])
@pytest.mark.parametrize("weight_type", ["frequency", "probability"])
@pytest.mark.parametrize("k", [30, 40, 60, 200])
def test_heavy_rows_past_the_sums_rounding_are_not_called_converged(k, weight_type, dask):
    """At 1e30 and more the rounding of the heavy rows' sums hides what the light rows alone
    determine (z's slope): the fit stopped as converged with it at 2.21 or 2.91 where the
    maximum has 3.21. It now says it stopped at that rounding, and what it gives is marked.
    Sampling weights are scaled to a mean near 1, so the light rows' standard errors are in
    their own units: their fit was called converged at 1e30 and 1e40."""
    from mnlogit.exceptions import ConvergenceWarning, InferenceWarning

    frame = data(k)
    if dask:
        frame = pytest.importorskip("dask.dataframe").from_pandas(frame, npartitions=3)
    with pytest.warns(ConvergenceWarning, match="stopped at the rounding of its sums") as caught:
        res = mnlogit.fit(
            REF["formula"], frame, ref=REF["ref"], weights="w", weight_type=weight_type
        )
    assert not res.converged
    assert "weights that span less than about 1e16" in str(caught[0].message)
    with pytest.warns(InferenceWarning, match="rounding of its sums"):
        res.bse  # noqa: B018
    # the summary's header says why, not to raise max_iter, which changes nothing
    header = str(res.summary()).split("=====")[0]
    assert "rounding of its sums" in " ".join(header.split())
    assert "Increase max_iter" not in header


@settings(max_examples=30, deadline=None)
@given(k=st.floats(6, 299), frequency=st.booleans())
def test_a_fit_of_heavy_rows_called_converged_is_at_the_maximum(k, frequency):
    """Whatever the heavy rows weigh, a fit either reaches the maximum (which 50-digit
    iterations put at the same slopes from 1e17 on, and within 2e-8 of them from 1e6) or
    says it stopped at its sums' rounding. Sampling weights were called converged with z's
    slope at 2.91 or 2.21 (the maximum: 3.21) from about 1e30 on."""
    from mnlogit.exceptions import ConvergenceWarning

    d = pd.read_csv(refdata.REF_DIR / "heavy_rows.csv")
    d = d.assign(w=np.where(d["heavy"] == 1, np.round(10.0**k), 1.0))
    kind = "frequency" if frequency else "probability"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("y ~ z", d, ref="A", weights="w", weight_type=kind)
    stopped = [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    if res.converged:
        assert not stopped
        np.testing.assert_allclose(res.params.loc["z"], FITS[24]["params"][1], rtol=1e-7)
    else:
        assert stopped and "rounding of its sums" in str(stopped[0].message)


@pytest.mark.parametrize("tiny", [1e-20, 1e-40, 1e-100, 1e-200])
def test_rows_of_negligible_weight_leave_a_converged_fit(tiny):
    """Rows weighing 1e-40 beside ones also put the lightest rows' share below float64's
    epsilon, but determine nothing alone: the fit converges to that of the other rows."""
    d = data(0).assign(w=np.where(np.arange(len(data(0))) % 7 == 0, tiny, 1.0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y ~ z", d, ref="A", weights="w", weight_type="probability")
        kept = mnlogit.fit("y ~ z", d[d["w"] == 1.0], ref="A")
    assert res.converged
    np.testing.assert_allclose(res.params, kept.params, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("weight_type", ["frequency", "probability"])
def test_a_dask_fit_of_heavy_rows_past_float64s_epsilon_reaches_the_maximum(weight_type):
    dd = pytest.importorskip("dask.dataframe")
    ref = FITS[24]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(
            REF["formula"],
            dd.from_pandas(data(24), npartitions=3),
            ref=REF["ref"],
            weights="w",
            weight_type=weight_type,
        )
    assert res.converged
    np.testing.assert_allclose(res.params.loc["z"], ref["params"][1], rtol=1e-8)


def _wide_heavy_rows(k: float) -> tuple[str, pd.DataFrame]:
    """6,000 rows, half weighing 10**k at z = 0, and ten more columns: 24 parameters, a fit
    that runs L-BFGS and leaves its information for later."""
    rng = np.random.default_rng(1)
    n = 6000
    heavy = np.arange(n) < n // 2
    z = np.where(heavy, 0.0, rng.normal(size=n))
    X = rng.normal(size=(n, 10))
    eta = np.c_[np.zeros(n), 1.5 * z + 0.2 * X[:, 0], -1.0 * z]
    p = np.exp(eta) / np.exp(eta).sum(1, keepdims=True)
    y = (rng.random(n)[:, None] > p.cumsum(1)).sum(1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(10)])
    df = df.assign(z=z, y=np.array(["A", "B", "C"])[y], w=np.where(heavy, 10.0**k, 1.0))
    return "y ~ z + " + " + ".join(f"x{j}" for j in range(10)), df


@pytest.mark.parametrize("weight_type", ["frequency", "probability"])
@pytest.mark.parametrize("k", [9, 12, 30])
def test_a_lazily_finished_fit_of_heavy_rows_reaches_the_maximum(k, weight_type):
    """The L-BFGS phase stopped on the deviance's scale, which the heavy rows make huge: at
    1e12 the fit ended as converged with z's slope 2e-4 (5e-3 standard errors) short of the
    maximum, and only the Newton check of its standard errors warned. Its stop is now held
    to the light rows' scale, as the scoring loop's test is; where the sums' rounding hides
    them (frequency weights of 1e30) the fit says so."""
    from mnlogit.exceptions import ConvergenceWarning

    formula, df = _wide_heavy_rows(k)
    options = {"ref": "A", "weights": "w", "weight_type": weight_type}
    tight = mnlogit.fit(formula, _wide_heavy_rows(9)[1], tol=1e-13, **options)
    if k >= 30 and weight_type == "frequency":
        with pytest.warns(ConvergenceWarning, match="rounding of its sums"):
            res = mnlogit.fit(formula, df, **options)
        assert not res.converged
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            res = mnlogit.fit(formula, df, **options)
            se = res.bse.loc["z"]  # the Newton check made with them passes
        assert res.converged
        gap = (res.params.loc["z"] - tight.params.loc["z"]) / se
        assert np.abs(gap).max() <= 1e-3
