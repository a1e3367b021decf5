"""A fit does not depend on the units of a column; rank is judged as R's QR judges it; rare
outcome levels are named.

Before, on the travel data, ``income * 1e200`` overflowed X'WX (dozens of RuntimeWarnings), the
fit "diverged" 583 log-likelihood units below the maximum and the ConvergenceWarning suggested
nearly collinear columns; ``income * 1e-300`` was refused as rank deficient. A design with
x2 = x + 1e-5 noise (cond(X) about 2e5) was refused as rank deficient although R fits it.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import CollinearityWarning, RankError, RareLevelWarning
from mnlogit.model import MNLogit

FORMULA = "mode ~ np.log(distance) + income + parking"


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel").dropna().reset_index(drop=True)


@pytest.fixture(scope="module")
def base(travel):
    return mnlogit.fit(FORMULA, travel, ref="car")


def _scaled_fit(travel, k, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow, no convergence or collinearity warning
        return mnlogit.fit(FORMULA, travel.assign(income=travel.income * k), ref="car", **options)


@pytest.mark.parametrize("k", [1e200, 1e-300, 2.0**664, 2.0**-997, 1e-5, 1e5])
def test_a_column_in_extreme_units_gives_the_same_fit(travel, base, k):
    res = _scaled_fit(travel, k)
    assert res.converged and not res.diverged and res.separation is None
    np.testing.assert_allclose(res.llf, base.llf, rtol=1e-13)
    np.testing.assert_allclose(res.params.loc["income"] * k, base.params.loc["income"], rtol=1e-12)
    np.testing.assert_allclose(res.bse.loc["income"] * k, base.bse.loc["income"], rtol=1e-12)
    other = ["Intercept", "np.log(distance)", "parking"]
    np.testing.assert_allclose(res.params.loc[other], base.params.loc[other], rtol=1e-11)
    np.testing.assert_allclose(res.bse.loc[other], base.bse.loc[other], rtol=1e-11)
    np.testing.assert_allclose(res.pvalues, base.pvalues, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(
        res.wald_test("income").statistic, base.wald_test("income").statistic, rtol=1e-11
    )
    np.testing.assert_allclose(
        res.anova().loc["income", "chi2"], base.anova().loc["income", "chi2"], rtol=1e-9
    )


def test_powers_of_two_scale_exactly(travel, base):
    res = _scaled_fit(travel, 2.0**600)
    assert res.llf == base.llf
    np.testing.assert_array_equal(res.params.loc["income"] * 2.0**600, base.params.loc["income"])
    np.testing.assert_array_equal(res.bse.loc["income"] * 2.0**600, base.bse.loc["income"])


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_sandwich_covariances_follow_the_units(travel, cov_type):
    options = {"groups": "household"} if cov_type == "cluster" else {}
    base = mnlogit.fit(FORMULA, travel, ref="car", cov_type=cov_type, **options)
    res = _scaled_fit(travel, 1e-300, cov_type=cov_type, **options)
    np.testing.assert_allclose(res.bse.loc["income"] * 1e-300, base.bse.loc["income"], rtol=1e-12)
    np.testing.assert_allclose(res.bse.loc["parking"], base.bse.loc["parking"], rtol=1e-11)
    np.testing.assert_allclose(
        res.wald_test_slopes().statistic, base.wald_test_slopes().statistic, rtol=1e-11
    )


def test_firth_fits_follow_the_units(travel):
    rows = travel.iloc[:300]
    base = mnlogit.fit(FORMULA, rows, ref="car", method="firth")
    res = mnlogit.fit(FORMULA, rows.assign(income=rows.income * 1e200), ref="car", method="firth")
    assert res.converged
    np.testing.assert_allclose(res.llf, base.llf, rtol=1e-10)
    np.testing.assert_allclose(res.params.loc["income"] * 1e200, base.params.loc["income"], 1e-8)
    # the Jeffreys penalty moves by q log(c) with the column's scale c (the information's
    # determinant by c^2q): the same maximiser, a log-likelihood shifted by a constant
    shift = 3 * np.log(1e200)
    np.testing.assert_allclose(res.penalized_llf - base.penalized_llf, shift, rtol=1e-9)


def test_predictions_and_with_ref_in_extreme_units(travel, base):
    res = _scaled_fit(travel, 1e200)
    new = travel.head(5).assign(income=travel.income.head(5) * 1e200)
    np.testing.assert_allclose(res.predict(new), base.predict(travel.head(5)), rtol=1e-12)
    other = res.with_ref("bus")
    np.testing.assert_allclose(
        other.params.loc["parking"], base.with_ref("bus").params.loc["parking"], rtol=1e-11
    )


# --- hypothesis: scale invariance for columns times 10^k, k in [-300, 300] ------------------
def _design(seed: int, n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"x1": rng.normal(size=n), "x2": rng.uniform(0.5, 2.0, size=n)})
    eta = np.column_stack([0.7 * df.x1, -0.5 * df.x2 + 0.3, np.zeros(n)])
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    df["y"] = np.array(list("abc"))[(rng.random(n)[:, None] > p.cumsum(axis=1)).sum(axis=1)]
    return df


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 1000),
    k1=st.integers(-300, 300),
    k2=st.integers(-300, 300),
)
def test_fit_is_invariant_to_column_units(seed, k1, k2):
    df = _design(seed)
    assume(df["y"].value_counts().min() >= 10)
    base = mnlogit.fit("y ~ x1 + x2", df)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y ~ x1 + x2", df.assign(x1=df.x1 * 10.0**k1, x2=df.x2 * 10.0**k2))
    assert res.converged
    np.testing.assert_allclose(res.llf, base.llf, rtol=1e-12)
    for col, k in (("x1", k1), ("x2", k2)):
        np.testing.assert_allclose(res.params.loc[col] * 10.0**k, base.params.loc[col], rtol=1e-9)
        np.testing.assert_allclose(res.bse.loc[col] * 10.0**k, base.bse.loc[col], rtol=1e-9)
    np.testing.assert_allclose(res.zvalues, base.zvalues, rtol=1e-8)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 1000), k=st.integers(-300, 300), j=st.sampled_from([0, 1]))
def test_aliased_columns_are_refused_whatever_their_units(seed, k, j):
    df = _design(seed)
    df["s"] = df.x1 + 2 * df.x2  # exactly aliased
    cols = ["x1", "x2"]
    df[cols[j]] = df[cols[j]] * 10.0**k
    df["s"] = df["s"] * 10.0 ** (-k)
    # and without a word from numpy: at k = 153 the check whether centring would make the
    # columns estimable squared a norm past the largest double (numpy's overflow warning)
    with warnings.catch_warnings(), pytest.raises(RankError, match="'s'"):
        warnings.simplefilter("error")
        MNLogit.from_formula("y ~ x1 + x2 + s", df)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 1000), k=st.integers(-300, 300), e=st.sampled_from([-6, -4, -3]))
def test_near_collinear_columns_are_kept_whatever_their_units(seed, k, e):
    """Residuals between R's 1e-7 and 1 are estimable in any units; below 1e-5 they warn
    (z's residual on x1 is about 10^e)."""
    df = _design(seed)
    noise = np.random.default_rng(seed + 10_000).normal(size=len(df))
    df["z"] = (df.x1 + 10.0**e * noise) * 10.0**k
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = MNLogit.from_formula("y ~ x1 + x2 + z", df)
    warned = [w for w in caught if issubclass(w.category, CollinearityWarning)]
    assert model._data.p == 4
    if e >= -4:
        assert not warned
    else:
        assert len(warned) == 1 and "'z'" in str(warned[0].message)


# --- the rank tolerance ----------------------------------------------------------------------
def _collinear(eps: float, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"x": rng.normal(size=300), "y": rng.choice(list("abc"), 300)})
    df["x2"] = df["x"] + eps * rng.normal(size=300)
    return df


def test_an_estimable_near_collinear_design_is_fitted_with_a_warning():
    df = _collinear(1e-5)  # cond(X) about 2e5: refused before
    X = np.column_stack([np.ones(300), df.x, df.x2])
    assert 1e5 < np.linalg.cond(X) < 1e6
    # the fit runs on an orthogonal basis of the columns: the warning said "accurate to only
    # about 5 significant digits" of standard errors true to 1e-10
    digits = r"'x2'.*orthogonal basis of the columns \(its standard errors keep about 10 signif"
    with pytest.warns(CollinearityWarning, match=digits):
        res = mnlogit.fit("y ~ x + x2", df)
    assert res.converged and np.isfinite(res.bse.to_numpy()).all()
    # the standard errors agree with a fit on the centred difference, which is well conditioned
    df2 = df.assign(d=(df.x2 - df.x) / 1e-5)
    other = mnlogit.fit("y ~ x + d", df2)
    np.testing.assert_allclose(res.llf, other.llf, rtol=1e-10)
    np.testing.assert_allclose(res.bse.loc["x2"] * 1e-5, other.bse.loc["d"], rtol=1e-9)


def test_a_moderately_collinear_design_fits_without_a_warning():
    df = _collinear(1e-3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y ~ x + x2", df)
    assert res.converged


@pytest.mark.parametrize("eps", [1.5e-7, 3e-7])
def test_every_design_the_rank_check_accepts_is_fitted(eps):
    # just above R's tolerance: the information is not declared singular either
    with pytest.warns(CollinearityWarning):
        res = mnlogit.fit("y ~ x + x2", _collinear(eps))
    assert res.converged and not res.diverged and np.isfinite(res.bse.to_numpy()).all()


def test_a_numerically_aliased_design_is_refused_as_r_does():
    with pytest.raises(RankError, match="'x2'"):
        mnlogit.fit("y ~ x + x2", _collinear(1e-8))


# --- rare outcome levels -----------------------------------------------------------------------
def test_a_rare_level_is_named_with_its_count():
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"x": rng.normal(size=60), "y": rng.choice(list("ab"), 60)})
    df.loc[[5], "y"] = "c"
    with pytest.warns(RareLevelWarning, match=r"'c' \(1 observation\)"):
        mnlogit.fit("y ~ x", df)
    # frequency weights count observations
    df["w"] = 1
    df.loc[5, "w"] = 5
    with warnings.catch_warnings():
        warnings.simplefilter("error", RareLevelWarning)
        mnlogit.fit("y ~ x", df, weights="w")
    # a Firth or penalised fit keeps a rare level's coefficients finite: no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error", RareLevelWarning)
        mnlogit.fit("y ~ x", df.drop(columns="w"), method="firth")


def test_separation_message_names_the_levels_and_their_counts():
    # x separates the 2-row level "c" from the others; 40 rows of a and b overlap
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"x": rng.normal(size=42), "y": rng.choice(list("ab"), 42)})
    df.loc[[0, 1], ["x", "y"]] = [[5.0, "c"], [6.0, "c"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RareLevelWarning)
        sep = mnlogit.check_separation("y ~ x", df, ref="a")
    text = sep.message
    assert "'c' (2 rows)" in text and "of the 42 rows" in text
    assert sep.counts == (2.0,) and sep.n_rows == 42


@pytest.mark.parametrize("k", [1e8, 1e-8, 1e-300, 1e200])
def test_iia_tests_and_another_reference_do_not_depend_on_the_units(travel, base, k):
    # before, the IIA refits ran on the columns as given and the tests' d and V were formed
    # in the user's units: at 1e8 the Hausman chi2 changed, at 1e-300 every IIA test was "not
    # computed: singular information", and with_ref's standard errors of the column were NaN
    res = _scaled_fit(travel, k)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        for method, options in (("hausman", {}), ("suest", {}), ("small-hsiao", {"seed": 3})):
            got = res.iia_test("train", method=method, **options)
            want = base.iia_test("train", method=method, **options)
            assert got.df == want.df
            np.testing.assert_allclose(got.statistic, want.statistic, rtol=1e-6)
        other, other_base = res.with_ref("bus"), base.with_ref("bus")
        np.testing.assert_allclose(
            other.bse.loc["income"] * k, other_base.bse.loc["income"], rtol=1e-11
        )
        np.testing.assert_allclose(other.pvalues, other_base.pvalues, rtol=1e-8, atol=1e-300)


@pytest.mark.parametrize("k", [1e-310, 1e-320])
def test_coefficients_past_the_float_range_are_refused_naming_the_column(travel, k):
    # a column of subnormal numbers: its coefficients (about 1/k) were inf, with numpy's
    # overflow warning, and so were their standard errors
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(mnlogit.MNLogitError, match=r"'income' \(scale about .*e-3"):
            mnlogit.fit(FORMULA, travel.assign(income=travel.income * k), ref="car")
        X = travel[["parking", "income"]].assign(income=travel.income * k)
        with pytest.raises(mnlogit.MNLogitError, match="largest floating-point number"):
            MNLogit(travel["mode"], X).fit()


def test_a_covariance_past_the_float_range_is_inf_without_numpy_warnings(travel, base):
    res = _scaled_fit(travel, 1e-300)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        V = res.cov_params()
    assert np.isinf(V.loc[("bus", "income"), ("bus", "income")])
    assert np.isfinite(V.loc[("bus", "parking"), ("bus", "parking")])


def test_a_standard_error_past_the_float_range_is_inf_without_numpy_warnings():
    # a fit that stopped (frequency weights of 1e8 beside ones) with a coefficient of a
    # column of 1e-300 near 1e305: its standard error in the user's units passes the
    # largest double, and reading it (or the summary) raised numpy's overflow warning
    df = pd.DataFrame(
        {
            "x": np.array([-1, 0, 1, 0, -2, 2, 0, 2, 2, -2, 0, 0, -1]) * 1e-300,
            "z": [
                0.911,
                -0.736,
                -0.5,
                -0.856,
                -0.174,
                -0.189,
                0.131,
                0.301,
                -1.168,
                -1.023,
                0.515,
                1.078,
                0.191,
            ],
            "y": list("aacbabacabcca"),
            "w": [1e8, 2, 1, 1, 2, 1, 1, 2, 1, 2, 2, 1e8, 2],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        warnings.simplefilter("error", RuntimeWarning)
        res = mnlogit.fit("y ~ x + z", df, weights="w")
        se = res.bse
        str(res.summary())
    assert not np.isnan(se.to_numpy()).any()


@pytest.mark.parametrize("formula", ["y ~ x0 + x1 + x2", "y ~ C(g) + x0"])
@pytest.mark.parametrize("value", [1e200, -1e300])
def test_rows_of_weight_zero_do_not_set_the_columns_units(formula, value):
    # the columns' scaling read their largest entry over every row: 1e200 in rows of weight
    # 0 divided the others' values down to 1e-200, whose squares vanished, and the columns
    # were refused as rank deficient (by the grouped sums of C(g) as well)
    rng = np.random.default_rng(5)
    df = pd.DataFrame(rng.standard_normal((600, 3)), columns=["x0", "x1", "x2"])
    df = df.assign(g=rng.integers(0, 10, 600).astype(str), y=rng.integers(0, 3, 600), w=1.0)
    df.loc[:29, "w"] = 0.0
    without = mnlogit.fit(formula, df.iloc[30:])
    df.loc[:29, ["x0", "x1", "x2"]] = value
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(formula, df, weights="w")
    np.testing.assert_allclose(res.params, without.params, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(res.bse, without.bse, rtol=1e-12, atol=1e-14)
    assert res.llf == pytest.approx(without.llf, rel=1e-13)


@pytest.mark.parametrize("k", [1e4, 1e60])
def test_frequency_weights_near_their_largest_total_with_a_column_in_thousands(travel, base, k):
    """Frequency weights of 1e299 each (a total within the bound the fit accepts) times
    income in units of 1e4 overflowed X'WX, whose entries pass 1e308 although no entry of
    the design is extreme: the fit was refused as rank deficient, naming income, with a
    numpy RuntimeWarning. A constant weight gives the unweighted estimates, and standard
    errors divided by the square root of the weight."""
    rows = travel.head(300)
    small = mnlogit.fit(FORMULA, rows, ref="car")
    big = rows.assign(income=rows.income * k, w=1e299)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(FORMULA, big, ref="car", weights="w")
    assert res.converged and res.nobs == 300 * 1e299
    np.testing.assert_allclose(res.params.loc["income"] * k, small.params.loc["income"], 1e-9)
    np.testing.assert_allclose(
        res.bse.loc["income"] * k * np.sqrt(1e299), small.bse.loc["income"], rtol=1e-9
    )
    np.testing.assert_allclose(res.llf, small.llf * 1e299, rtol=1e-12)


def test_marginal_effects_with_large_frequency_weights_and_a_column_in_small_units(travel):
    """The effects of a column in units of 1e-200 are about 1e200; summed with frequency
    weights of 1e299 they passed the largest double: marginal_effects() and
    margins(kind="effect") gave inf, -inf and NaN with numpy RuntimeWarnings, where the
    unweighted fit's effects are finite. Averages are now taken with the weights divided by
    a power of two, which changes no digit."""
    rows = travel.head(300)
    small = mnlogit.fit(FORMULA, rows, ref="car")
    big = rows.assign(income=rows.income * 1e-200, w=1e299)
    res = mnlogit.fit(FORMULA, big, ref="car", weights="w")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pairs = [
            (res.marginal_effects(), small.marginal_effects()),
            (res.marginal_effects(at="mean"), small.marginal_effects(at="mean")),
            (
                res.margins(at={"income": [0.0]}, kind="effect").to_frame(),
                small.margins(at={"income": [0.0]}, kind="effect").to_frame(),
            ),
        ]
    for got, want in pairs:
        est = "dydx" if "dydx" in got else "estimate"
        scale = np.where(
            np.asarray(got.index.get_level_values(0) if est == "dydx" else got["variable"])
            == "income",
            1e200,
            1.0,
        )
        np.testing.assert_allclose(got[est] / scale, want[est], rtol=1e-8, atol=1e-14)
        np.testing.assert_allclose(
            got["std_error"] / scale * np.sqrt(1e299), want["std_error"], rtol=1e-6
        )


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_sandwich_covariances_with_frequency_weights_near_their_largest_total(travel, cov_type):
    """A cluster's weighted score total of about 1e301 (frequency weights of 1e299) squared
    passed the largest double: every cluster-robust standard error was NaN, with no note,
    and numpy RuntimeWarnings. A constant weight leaves the cluster-robust covariance as it
    is unweighted (the clusters do not multiply), and divides the robust one by the weight."""
    rows = travel.head(600)
    options = {"groups": "household"} if cov_type == "cluster" else {}
    base = mnlogit.fit(FORMULA, rows, ref="car", cov_type=cov_type, **options)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(
            FORMULA, rows.assign(w=1e299), ref="car", weights="w", cov_type=cov_type, **options
        )
        stat = res.wald_test_slopes().statistic
    factor = 1.0 if cov_type == "cluster" else np.sqrt(1e299)
    np.testing.assert_allclose(res.bse * factor, base.bse, rtol=1e-9)
    np.testing.assert_allclose(stat / factor**2, base.wald_test_slopes().statistic, rtol=1e-9)


def test_the_warning_says_how_many_digits_margins_keep_beside_a_shifted_column():
    # income / 1e3 + 1e4 beside an intercept: a residual of 2.4e-6. The coefficients' standard
    # errors keep 10 digits, as the warning said; those of margins, marginal effects and
    # prediction intervals, quadratic forms in the covariance of the columns' own coefficients,
    # were 3e-5 off those of the unshifted fit, which the same data give exactly
    df = mnlogit.datasets.load("travel").dropna()
    formula = "mode ~ np.log(distance) + income + purpose"
    base = mnlogit.fit(formula, df, ref="car")
    shifted = df.assign(income=df["income"] / 1e3 + 1e4)
    said = r"standard errors keep about 10 significant digits; those of margins, .* about 4\)"
    with pytest.warns(CollinearityWarning, match=said):
        res = mnlogit.fit(formula, shifted, ref="car")
    others = ["np.log(distance)", "purpose[T.shopping]", "purpose[T.work]"]
    np.testing.assert_allclose(res.bse.loc[others], base.bse.loc[others], rtol=1e-10)
    # the digits the warning gives, and not many more
    for a, b in [
        (res.margins(over="purpose").to_frame(), base.margins(over="purpose").to_frame()),
        (res.marginal_effects().loc[["distance"]], base.marginal_effects().loc[["distance"]]),
    ]:
        np.testing.assert_allclose(a["std_error"], b["std_error"], rtol=1e-4)
    np.testing.assert_allclose(res.prediction_intervals(), base.prediction_intervals(), rtol=1e-4)


@pytest.mark.parametrize("k", [1e-306, 2.0**-1018])
def test_marginal_effects_of_a_column_in_the_smallest_units_are_its_effects_divided(travel, k):
    """Effects of a column in units of 1e-306 are about 1e305 in every row; their sum over
    the 2972 rows passed the largest double: marginal_effects() gave inf and -inf with NaN
    standard errors (and numpy RuntimeWarnings) where every effect is a double. The rows are
    now averaged with weights that sum to about 1, so no sum exceeds the largest row."""
    formula = "mode ~ ld + parking"
    base = mnlogit.fit(formula, travel.assign(ld=np.log(travel.distance)), ref="car")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(formula, travel.assign(ld=np.log(travel.distance) * k), ref="car")
        got, want = res.marginal_effects().loc["ld"], base.marginal_effects().loc["ld"]
    for column in ("dydx", "std_error", "lower", "upper"):
        np.testing.assert_allclose(got[column] * k, want[column], rtol=1e-9)
    np.testing.assert_allclose(got["z"], want["z"], rtol=1e-9)


@pytest.mark.parametrize("offset", [1e8, 1e9, 1e12])
@pytest.mark.parametrize("weights", [None, "w"])
def test_a_column_of_large_offset_is_refused_asking_to_centre_it(travel, offset, weights):
    """log(distance) + 1e9 keeps log(distance) to seven digits, but its residual on the
    intercept is below the rank check's 1e-7 (R's lm gives NA, VGAM::vglm refuses it). The
    refusal said to drop the column from the formula, which loses the predictor; it now
    says to centre it, and the centred column fits as the column itself does."""
    rows = travel.assign(ld=np.log(travel.distance), w=np.arange(len(travel)) % 3 + 1.0)
    shifted = rows.assign(ld=rows.ld + offset)
    with pytest.raises(RankError, match=r"'ld' \(values .*estimable once centred") as err:
        mnlogit.fit("mode ~ parking + ld", shifted, ref="car", weights=weights)
    assert "drop" not in str(err.value)
    base = mnlogit.fit("mode ~ parking + ld", rows, ref="car", weights=weights)
    centred = mnlogit.fit(
        f"mode ~ parking + I(ld - {offset:g})", shifted, ref="car", weights=weights
    )
    # what the offset leaves of the column: its values rounded to eps * offset
    rtol = 1e-6 + 1e3 * np.finfo(float).eps * offset
    np.testing.assert_allclose(centred.params.iloc[1:], base.params.iloc[1:], rtol=rtol)
    np.testing.assert_allclose(centred.bse.iloc[1:], base.bse.iloc[1:], rtol=rtol)


def test_a_column_aliased_with_others_and_offset_is_still_to_be_dropped(travel):
    # 2 parking + 1e9 is an exact combination of the intercept and parking: centring it
    # leaves it one, and the advice stays to drop it
    rows = travel.assign(dup=travel.parking * 2 + 1e9, ld=np.log(travel.distance) + 1e9)
    with pytest.raises(RankError, match=r"'dup' are linear combinations.*drop them") as err:
        mnlogit.fit("mode ~ parking + dup", rows, ref="car")
    assert "centred" not in str(err.value)
    with pytest.raises(RankError, match=r"'dup' are linear.*; column.*'ld' \(values"):
        mnlogit.fit("mode ~ parking + dup + ld", rows, ref="car")


@pytest.mark.parametrize("spread", [1.0, 0.1])
@pytest.mark.parametrize(
    "powers", ["ld + I(ld**2)", "poly(ld, 2, raw=True)", "poly(ld, 3, raw=True)"]
)
def test_powers_of_a_column_of_large_offset_are_refused_asking_to_centre_it_first(
    travel, powers, spread
):
    """ld + I(ld**2) of ld = 1e6 + z spans the intercept to rounding: the refusal said to
    drop ld from the formula (which fits the square alone), or to centre the square alone
    (which keeps few digits of z**2). Centred before the powers are taken, as poly(ld, 2)
    does, they are estimable, and fit as the powers of z do. A CollinearityWarning saying
    the fit was estimable came before the refusal."""
    z = np.log(travel.distance) * spread
    rows = travel.assign(z=z, ld=z + 1e6)
    with warnings.catch_warnings(), pytest.raises(RankError, match=r"are powers of") as err:
        # no warning that the fit is estimable, with digits its standard errors keep, before
        # the refusal
        warnings.simplefilter("error", CollinearityWarning)
        mnlogit.fit(f"mode ~ parking + {powers}", rows, ref="car")
    assert "whose values (99999" in str(err.value)
    assert "drop them" not in str(err.value) and err.value.centring_only
    degree = 3 if "3" in powers else 2
    assert f"poly(x - 1e+06, {degree}, raw=True)" in str(err.value)
    plain = mnlogit.fit(f"mode ~ parking + poly(z, {degree}, raw=True)", rows, ref="car")
    for advised in (f"poly(ld - 1e+06, {degree}, raw=True)", f"poly(ld, {degree})"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # 1e6 + z keeps z to about ten digits
            got = mnlogit.fit(f"mode ~ parking + {advised}", rows, ref="car")
        assert got.llf == pytest.approx(plain.llf, rel=1e-9)


def test_a_dask_fit_asks_to_centre_a_column_of_large_offset(travel):
    dd = pytest.importorskip("dask.dataframe")
    rows = travel.assign(ld=np.log(travel.distance) + 1e9)
    with pytest.raises(RankError, match=r"'ld' \(values .*estimable once centred"):
        mnlogit.fit("mode ~ parking + ld", dd.from_pandas(rows, npartitions=3), ref="car")


@pytest.mark.parametrize("k", [1e300, 1e-300])
def test_firth_tests_of_a_column_in_extreme_units_are_those_in_ordinary_units(travel, k):
    """A restricted Firth fit's basis is rescaled to the equilibrated columns: 1e300 for a
    column in units of 1e300, whose square overflowed the basis's norm, so the basis was
    zeros and anova() refused every term with "the information matrix is singular at every
    start"."""
    rows = travel.iloc[:300]
    base = mnlogit.fit(FORMULA, rows, ref="car", method="firth")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(FORMULA, rows.assign(income=rows.income * k), ref="car", method="firth")
        got = res.anova()
    np.testing.assert_allclose(got["chi2"], base.anova()["chi2"], rtol=1e-7)
    np.testing.assert_allclose(res.lr_test().statistic, base.lr_test().statistic, rtol=1e-9)


def test_effects_through_an_interaction_in_units_of_1e300_are_those_in_ordinary_units():
    # the finite-difference step came from the variable's standard deviation, whose
    # squares overflowed (a numpy RuntimeWarning) into a step of inf and "the derivative
    # reaches inf"; the derivative is 1. In units of 1e150 and 1e300 the effects are those
    # of the variable in ordinary units, divided: the delta method's sums hold design
    # values of 1e300 times coefficients of 1e-300 (they were refused, "reaches 1.0e+00
    # beside design values up to 4.0e+300", by a bound blind to the coefficients)
    rng = np.random.default_rng(3)
    n = 200
    df = pd.DataFrame(
        {
            "x": rng.integers(-2, 3, n).astype(float),
            "g": rng.choice(["u", "v"], n),
            "z": rng.normal(size=n),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )
    base = mnlogit.fit("y ~ x:g + z", df).marginal_effects().loc["x"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = mnlogit.fit("y ~ x:g + z", df.assign(x=df.x * 1e150)).marginal_effects()
        np.testing.assert_allclose(got.loc["x", "dydx"] * 1e150, base["dydx"], rtol=1e-6)
        got = mnlogit.fit("y ~ x:g + z", df.assign(x=df.x * 1e300)).marginal_effects()
        for column in ("dydx", "std_error"):
            np.testing.assert_allclose(got.loc["x", column] * 1e300, base[column], rtol=1e-6)


@pytest.mark.parametrize("dask", [False, True])
def test_a_combination_of_columns_and_a_factor_spanning_the_constant_is_to_be_dropped(travel, dask):
    """dup = income / 10 beside income and a factor's full dummies (no intercept) is aliased;
    whether centring makes it estimable was judged on the columns before dup only, where
    the dummies that span the constant come after it, so the refusal said it varied "too
    little beside its size" and was "estimable once centred" (dup - 1 is as aliased with
    income and the dummies as dup is)."""
    rows = travel.assign(dup=travel.income / 10)
    if dask:
        dd = pytest.importorskip("dask.dataframe")
        rows = dd.from_pandas(rows, npartitions=3)
    with pytest.raises(RankError, match=r"'dup' are linear combinations.*drop them") as err:
        mnlogit.fit("mode ~ 0 + income + dup + region", rows, ref="car")
    assert "centred" not in str(err.value)


def test_a_column_of_large_offset_beside_a_factor_without_intercept_is_to_be_centred():
    """0 + g + big with big = x + 1e9: g's dummies span the constant, and big centred is
    estimable, but X'WX of them all is singular, so the design was said not to span the
    constant and the refusal said to drop big from the formula."""
    rng = np.random.default_rng(1)
    n = 300
    rows = pd.DataFrame(
        {"y": rng.choice(list("abc"), n), "x": rng.normal(size=n), "g": rng.choice(list("uvw"), n)}
    )
    rows["big"] = rows["x"] + 1e9
    with pytest.raises(RankError, match=r"'big' \(values .*estimable once centred") as err:
        mnlogit.fit("y ~ 0 + g + big", rows)
    assert "drop" not in str(err.value)
    centred = mnlogit.fit("y ~ 0 + g + I(big - 1e9)", rows)
    plain = mnlogit.fit("y ~ 0 + g + x", rows)
    assert centred.llf == pytest.approx(plain.llf, rel=1e-9)


@pytest.mark.parametrize(
    ("formula", "centred"),
    [
        ("y ~ g + big:g", "y ~ g + center(big):g"),
        ("y ~ big * g", "y ~ center(big) * g"),
        # without g's own columns centring changes the model: the advice adds them
        ("y ~ big:g", "y ~ g + center(big):g"),
    ],
)
def test_an_interaction_with_a_column_of_large_offset_is_to_be_centred(formula, centred):
    """big:g with big = 1e9 + z (spread 1e-3) is 1e9 times g's dummies to seven digits: the
    refusal called it an empty cell ("the levels of some cell never occur together") or
    said to drop its columns, where centring big makes every column estimable."""
    rng = np.random.default_rng(27)
    n = 300
    rows = pd.DataFrame(
        {"y": rng.choice(list("abc"), n), "x": rng.normal(size=n), "g": rng.choice(list("uvw"), n)}
    )
    rows["big"] = 1e9 + rows["x"] * 1e-3
    with pytest.raises(
        RankError, match=r"multiply a column whose values .*once that column is "
    ) as err:
        mnlogit.fit(formula, rows)
    said = str(err.value)
    assert "empty cell" not in said
    assert "drop them" not in said
    assert err.value.centring_only
    assert ("add the factor's own term" in said) == ("g +" not in formula and "*" not in formula)
    # big holds z to about four digits: the centred fit is that of big - 1e9, exact
    got = mnlogit.fit(centred, rows)
    plain = mnlogit.fit(centred.replace("center(big)", "z"), rows.assign(z=rows["big"] - 1e9))
    assert got.llf == pytest.approx(plain.llf, rel=1e-9)
