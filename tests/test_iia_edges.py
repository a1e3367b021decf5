"""IIA tests at the edges: fits stopped at a loose tolerance, and what the tests compare."""

import inspect
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import iia
from mnlogit.exceptions import IIATestWarning

TRAVEL = "mode ~ np.log(distance) + income + region"


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


@pytest.mark.parametrize("tol", [1e-4, 1e-2])
@pytest.mark.parametrize("method", ["hausman", "suest"])
def test_comparison_tests_do_not_depend_on_the_full_fits_tolerance(travel, tol, method):
    # The restricted model was refitted to 1e-12 but the full model's estimates were taken
    # as the fit left them: at tol=1e-2 (converged in 3 iterations, llf 4e-5 from its
    # maximum) the Hausman chi2 omitting 'car' was 125.05 where the maximum gives -7.31,
    # omitting 'bus' -0.69 for 0.70; d is a small difference that V^+ magnifies.
    exact = mnlogit.fit(TRAVEL, travel, ref="car")
    loose = mnlogit.fit(TRAVEL, travel, ref="car", tol=tol)
    assert loose.converged
    want = exact.iia_table(method=method)
    got = loose.iia_table(method=method)
    np.testing.assert_allclose(got["statistic"], want["statistic"], rtol=1e-7)
    assert (got["df"] == want["df"]).all()


def _clustered_frame(seed=2, n=600, size=20):
    """Four outcomes under IIA, clusters of ``size`` rows, ``d0`` a dummy for cluster 0."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    g = np.arange(n) // size
    eta = np.column_stack([np.zeros(n), 0.5 * x, -0.3 * x, 0.2 + 0.1 * x])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = [list("abcd")[rng.choice(4, p=p)] for p in P]
    return pd.DataFrame({"y": y, "x": x, "g": g, "d0": (g == 0).astype(float)})


@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.InferenceWarning")
def test_suest_does_not_compare_what_one_cluster_determines_alone():
    # d0's coefficients are fitted to cluster 0's rows alone, in both fits, so the clustered
    # sandwich holds nothing of their sampling variance (their standard errors are NaN):
    # the suest statistic omitting 'a' was 59.9 (p = 5e-11) on data under IIA, 1.34 without
    # the dummy, with nothing said
    df = _clustered_frame()
    res = mnlogit.fit("y ~ x + d0", df, cov_type="cluster", groups="g")
    assert res.bse.loc["d0"].isna().all()
    with pytest.warns(IIATestWarning, match="'d0'.*single cluster"):
        out = res.iia_test("a", method="suest")
    assert np.isnan(out.statistic) and np.isnan(out.pvalue)
    assert "'d0'" in out.note and "Not computed" in out.note
    with pytest.warns(IIATestWarning, match="'d0'"):
        table = res.iia_table(method="suest")
    assert table["statistic"].isna().all()
    # without the dummy, and without clusters, the test is computed
    plain = mnlogit.fit("y ~ x", df, cov_type="cluster", groups="g")
    assert np.isfinite(plain.iia_test("a", method="suest").statistic)
    robust = mnlogit.fit("y ~ x + d0", df, cov_type="robust")
    assert np.isfinite(robust.iia_test("a", method="suest").statistic)


def _aliased_without_d(eps, seed=4, n=800):
    """Four outcomes under IIA; x2 is x1 (plus eps noise) on every row but those of 'd'."""
    rng = np.random.default_rng(seed)
    x1 = rng.normal(size=n)
    eta = np.column_stack([np.zeros(n), 0.5 * x1, -0.3 * x1, 0.2 + 0.1 * x1])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array([list("abcd")[rng.choice(4, p=p)] for p in P])
    x2 = x1 + np.where(y == "d", rng.normal(size=n), eps * rng.normal(size=n))
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2})


@pytest.mark.parametrize("eps", [0.0, 1e-12])
@pytest.mark.parametrize("method", ["hausman", "suest", "small-hsiao"])
def test_a_restricted_design_rank_deficient_on_its_rows_is_not_compared(eps, method):
    # Without the rows of 'd', x2 is x1: the restricted model's coefficients are not
    # identified, yet its refit "converged" with a covariance of eigenvalues -8.5e-3 and
    # 7e13, and the tests came out as numbers: suest chi2(6) = 13.5 at eps 0 and 80.0 at
    # 1e-12, Hausman 5e-5 on 3 df, Small-Hsiao 6.04 on 6 df (the restricted model has 4
    # identified coefficients). A fit of such data is refused as rank deficient.
    res = mnlogit.fit("y ~ x1 + x2", _aliased_without_d(eps))
    options = {"seed": 1} if method == "small-hsiao" else {}
    with pytest.warns(IIATestWarning, match=r"rank deficient.*'x2'"):
        out = res.iia_test("d", method=method, **options)
    assert np.isnan(out.statistic) and np.isnan(out.df) and np.isnan(out.pvalue)
    assert "'x2'" in out.note and "without 'd'" in out.note
    # the other levels' restricted models keep x2's variation on the rows of 'd'
    assert np.isfinite(res.iia_test("c", method=method, **options).statistic)


@pytest.mark.slow
@pytest.mark.parametrize("eps", [0.0, 1e-9, 5e-8, 1e-7])
def test_a_restricted_design_rank_deficient_on_its_rows_is_not_compared_on_dask(eps):
    # The same data in dask partitions: the restricted refit was not checked for rank, so
    # at eps 5e-8 and 1e-7 the Hausman test reported chi2(2) = 1.75 and 1.58 (V of rank 2
    # of 6) where the in-memory fit gives none, and at eps 0 and 1e-9 it said only that
    # the information was singular, without naming x2.
    dd = pytest.importorskip("dask.dataframe")
    df = _aliased_without_d(eps)
    res = mnlogit.fit("y ~ x1 + x2", dd.from_pandas(df, npartitions=4))
    with pytest.warns(IIATestWarning, match=r"rank deficient.*'x2'"):
        out = res.iia_test("d")
    assert np.isnan(out.statistic) and np.isnan(out.df) and np.isnan(out.pvalue)
    with pytest.warns(IIATestWarning):
        want = mnlogit.fit("y ~ x1 + x2", df).iia_test("d")
    assert out.note == want.note
    kept = res.iia_test("c")  # x2 varies on the rows of 'd' that this restricted model keeps
    np.testing.assert_allclose(
        kept.statistic, mnlogit.fit("y ~ x1 + x2", df).iia_test("c").statistic, rtol=1e-6
    )


def test_small_hsiao_does_not_use_a_half_that_lacks_a_factor_level():
    # level 'r' of g has 4 rows, one per outcome; seed 14 puts all of them in half B, so on
    # half A g[T.u] + g[T.v] is the intercept: half A's coefficients were not identified, and
    # the test read chi2(8) = 6.878 from them. It is the luck of the draw, not the design's.
    rng = np.random.default_rng(4)
    n = 400
    x = rng.normal(size=n)
    g = np.where(np.arange(n) < 4, "r", rng.choice(["u", "v"], n))
    eta = np.column_stack([np.zeros(n), 0.5 * x, -0.3 * x, 0.2 + 0.1 * x])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array([list("abcd")[rng.choice(4, p=p)] for p in P])
    y[:4] = list("abcd")
    res = mnlogit.fit("y ~ x + g", pd.DataFrame({"y": y, "x": x, "g": g}))
    with pytest.warns(IIATestWarning, match=r"half A is rank deficient.*'g\[T.v\]'"):
        out = res.iia_test("b", method="small-hsiao", seed=14)
    assert np.isnan(out.statistic) and np.isnan(out.df)
    assert "try another seed" in out.note and out.details["seed"] == 14
    assert np.isfinite(res.iia_test("b", method="suest").statistic)


@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.SeparationWarning")
def test_small_hsiao_of_a_separated_fit_says_the_full_model_diverged():
    # 'd' never occurs at g = 'r': the full fit is separated, and so is every half, but the
    # test said "the full model on half A did not converge in 100 iterations" (seed 0)
    rng = np.random.default_rng(4)
    n = 400
    x = rng.normal(size=n)
    g = np.where(np.arange(n) < 3, "r", rng.choice(["u", "v"], n))
    y = rng.choice(list("abcd"), n)
    y[:3] = list("abc")
    res = mnlogit.fit("y ~ x + g", pd.DataFrame({"y": y, "x": x, "g": g}))
    assert res.separation is not None
    for seed in (0, 1):
        with pytest.warns(IIATestWarning, match="the full model diverged"):
            out = res.iia_test("b", method="small-hsiao", seed=seed)
        assert np.isnan(out.statistic) and "half" not in out.note


@pytest.mark.parametrize(
    "options,methods",
    [
        ({}, ("hausman", "suest", "small-hsiao")),
        ({"weights": "w"}, ("hausman", "suest", "small-hsiao")),
        ({"cov_type": "cluster", "groups": "household"}, ("suest",)),
    ],
    ids=["plain", "weights", "cluster"],
)
def test_iia_after_with_ref_equals_iia_on_a_refit_with_that_reference(travel, options, methods):
    df = travel.assign(w=1 + np.arange(len(travel)) % 3)
    res = mnlogit.fit(TRAVEL, df, ref="car", **options).with_ref("bus")
    refit = mnlogit.fit(TRAVEL, df, ref="bus", **options)
    for method in methods:
        seed = {"seed": 5} if method == "small-hsiao" else {}
        got, want = res.iia_table(method, **seed), refit.iia_table(method, **seed)
        np.testing.assert_allclose(got["statistic"], want["statistic"], rtol=1e-7)
        assert got["df"].tolist() == want["df"].tolist()
        assert got["note"].tolist() == want["note"].tolist()


def test_the_module_functions_warn_at_the_callers_line():
    # mnlogit.iia.iia_test and iia_table warned with the stacklevel of res.iia_test, one
    # frame deeper: the warning pointed at the line that called the caller
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"x": rng.normal(size=400), "y": rng.choice(list("abc"), 400)})
    only_c = (df["y"] == "c").to_numpy() & (rng.random(400) < 0.5)
    df["z"] = np.where(only_c, rng.choice([-1.0, 1.0], 400), 0.0)  # unidentified without c
    res = mnlogit.fit("y ~ x + z", df)
    calls = {
        "function": lambda: iia.iia_test(res, "c"),
        "table": lambda: iia.iia_table(res),
        "method": lambda: res.iia_test("c"),
    }
    for name, call in calls.items():
        with pytest.warns(IIATestWarning, match="omitting 'c' not computed") as rec:
            call()
        assert {w.filename for w in rec} == {__file__}, name
        assert {w.lineno for w in rec} == {call.__code__.co_firstlineno}, name


def test_nearly_collinear_columns_are_compared_on_an_orthogonal_basis():
    # a cubic in x on [3, 4] (no column far from zero beside its spread) was compared in the
    # columns' own units: Hausman -0.0835201 where poly(x, 3), the same model, gives -0.0835074
    rng = np.random.default_rng(27)
    n = 3000
    u = rng.uniform(0, 1, n)
    eta = np.column_stack([np.zeros(n), 2 * u - 1, 4 * (u - 0.5) ** 2, 0.5 * u])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    d = pd.DataFrame({"x": 3 + u, "y": np.array(list("ABCD"))[codes]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.CollinearityWarning)
        raw = mnlogit.fit("y ~ x + I(x**2) + I(x**3)", d)
    orthogonal = mnlogit.fit("y ~ poly(x, 3)", d)
    for method in ("hausman", "suest"):
        got, expected = raw.iia_test("B", method=method), orthogonal.iia_test("B", method=method)
        assert got.df == expected.df
        assert got.statistic == pytest.approx(expected.statistic, rel=1e-7)


def _aliased_on_the_kept_rows(n: int = 300, eps: float = 3e-7) -> pd.DataFrame:
    """x3 = 2 x1 to eps on every row but those of outcome 2, where it is far from it."""
    rng = np.random.default_rng(7)
    x1, g = rng.normal(size=n), rng.choice(list("abcd"), n)
    eta = np.outer(0.5 * x1 - 0.3 * (g == "b"), np.arange(4))
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    y = (P.cumsum(axis=1) / P.sum(axis=1, keepdims=True) > rng.uniform(size=(n, 1))).argmax(1)
    e = rng.normal(size=n)
    return pd.DataFrame({"y": y, "x1": x1, "x3": 2 * x1 + np.where(y == 2, e, eps * e), "g": g})


def _newton(X: np.ndarray, y: np.ndarray, K: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Maximum likelihood by plain Newton steps: coefficients and covariance (equation-major)
    and the probabilities at the maximum."""
    p, Y = X.shape[1], np.eye(K)[y]
    B = np.zeros((p, K - 1))
    for _ in range(40):
        eta = np.column_stack([np.zeros(len(X)), X @ B])
        P = np.exp(eta - eta.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        blocks = [
            [X.T @ (X * (P[:, a] * ((a == b) - P[:, b]))[:, None]) for b in range(1, K)]
            for a in range(1, K)
        ]
        info = np.block(blocks)
        B += np.linalg.solve(info, (X.T @ (Y - P)[:, 1:]).T.ravel()).reshape(K - 1, p).T
    return B.T.ravel(), np.linalg.inv(info), P


def _tests_by_hand(d: pd.DataFrame, eps: float) -> tuple[float, float]:
    """Hausman and suest omitting outcome 2, each fit on columns well conditioned on its own
    rows (the full fit on x1 and x3, the restricted one on x1 and (x3 - 2 x1) / eps), both
    compared in the latter's coefficients."""
    n, y = len(d), d["y"].to_numpy()
    dummies = np.column_stack([d["g"] == level for level in "bcd"]).astype(float)
    X = np.column_stack([np.ones(n), d["x1"], d["x3"], dummies])
    Z = np.column_stack([np.ones(n), d["x1"], (d["x3"] - 2 * d["x1"]) / eps, dummies])
    M = np.eye(6)  # the coefficients on Z from those on X
    M[1, 2], M[2, 2] = 2.0, eps
    b_f, V_f, P_f = _newton(X, y, 4)
    kept = y != 2
    y_r = np.searchsorted([0, 1, 3], y[kept])
    b_r, V_r, P_r = _newton(Z[kept], y_r, 3)
    M3, common = np.kron(np.eye(3), M), np.r_[0:6, 12:18]
    b_f, V_f = M3 @ b_f, M3 @ V_f @ M3.T
    d_ = b_r - b_f[common]
    hausman = d_ @ np.linalg.solve(V_r - V_f[np.ix_(common, common)], d_)
    scores_f = np.column_stack([(np.eye(4)[y] - P_f)[:, [a]] * Z for a in (1, 2, 3)])
    scores_r = np.zeros((n, 12))
    scores_r[kept] = np.column_stack([(np.eye(3)[y_r] - P_r)[:, [a]] * Z[kept] for a in (1, 2)])
    t = scores_r @ V_r - scores_f @ V_f[:, common]
    suest = d_ @ np.linalg.solve(t.T @ t * n / (n - 1), d_)
    return float(hausman), float(suest)


def test_a_restricted_fit_of_nearly_aliased_columns_leaves_the_full_fit_its_own_digits():
    # the full model was refitted on the restricted model's orthogonal basis, whose column
    # (x3 - 2 x1) / 3e-7 is millions of times larger on the omitted outcome's rows: its
    # information as ill-conditioned, V_f lost its digits, and Hausman read -254.73 where
    # each fit on its own well-conditioned columns gives -295.44 (suest 16.05185, 16.05174)
    d = _aliased_on_the_kept_rows()
    hausman, suest = _tests_by_hand(d, 3e-7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the collinearity and a negative chi2, said
        res = mnlogit.fit("y ~ x1 + x3 + g", d)
        got = {"hausman": res.iia_test(2), "suest": res.iia_test(2, method="suest")}
    assert got["hausman"].statistic == pytest.approx(hausman, rel=1e-6)
    assert got["suest"].statistic == pytest.approx(suest, rel=1e-6)
    assert got["hausman"].df == got["suest"].df == 12


@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.SeparationWarning")
def test_a_test_not_computed_for_separation_says_what_to_do():
    # the note said only "the full model diverged: its coefficients run off to infinity
    # (separation)": nothing of which terms, nor that the IIA tests refuse method='firth',
    # nor what would let the test run
    rng = np.random.default_rng(44)
    n = 150
    x = rng.normal(size=n)
    g = rng.choice(["u", "v", "w"], size=n)
    y = rng.choice(list("abc"), size=n)
    y[(g == "w") & (y == "c")] = "a"  # no row of level w in outcome c
    res = mnlogit.fit("y ~ x + g", pd.DataFrame({"y": y, "x": x, "g": g}), ref="a")
    assert res.separation is not None and res.separation.terms == ("g[T.w]",)
    with pytest.warns(IIATestWarning, match="the full model diverged"):
        out = res.iia_test("b")
    assert np.isnan(out.statistic)
    assert "'g[T.w]'" in out.note and "merge the levels" in out.note and "Firth" in out.note
    # omitting c leaves a and b, which x splits completely: no term to drop
    y2 = np.where(x > 0, "b", "a").astype(object)
    y2[rng.random(n) < 0.4] = "c"
    full = mnlogit.fit("y ~ x", pd.DataFrame({"y": y2, "x": x}), ref="a")
    assert full.separation is None
    with pytest.warns(IIATestWarning, match="the restricted model diverged"):
        out = full.iia_test("c")
    assert np.isnan(out.statistic) and "merge outcome levels" in out.note


def test_small_hsiao_rows_of_weight_zero_do_not_change_the_split(travel):
    # rows of frequency weight 0 are no observations, yet each took a draw of the random
    # sequence: with a fifth of the travel rows weighted 0, seed=4 split the remaining
    # observations otherwise than the data without those rows (omitting 'bus': 11.69 for 2.13)
    formula = "mode ~ np.log(distance) + income"
    w = (np.random.default_rng(1).random(len(travel)) > 0.2).astype(float)
    weighted = mnlogit.fit(formula, travel.assign(w=w), ref="car", weights="w")
    dropped = mnlogit.fit(formula, travel[w > 0], ref="car")
    got = weighted.iia_table(method="small-hsiao", seed=4)
    want = dropped.iia_table(method="small-hsiao", seed=4)
    np.testing.assert_allclose(got["statistic"], want["statistic"], rtol=1e-8)
    assert (got["df"] == want["df"]).all()


def _many_outcomes(seed=1, n=4000, levels=12):
    """``levels`` outcomes under IIA, their coefficients on x and z in proportion."""
    rng = np.random.default_rng(seed)
    rng.integers(1, 4, 3052)  # (the draws the case was found after)
    x, z = rng.normal(size=n), rng.normal(size=n)
    k = np.arange(levels)
    eta = np.outer(0.1 * x - 0.05 * z + 0.1, k)
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(levels, p=p) for p in P])
    return pd.DataFrame({"y": [f"L{c:02d}" for c in y], "x": x, "z": z})


def test_hausman_rank_leaves_out_eigenvalues_below_the_covariances_rounding():
    # V = V_r - V_f had an eigenvalue of 1.4e-17 beside covariances of norm 0.03, which
    # Stata's tolerance on V alone (30 eps |V|, 1.2e-18) kept: omitting the reference gave
    # chi2(30) = 3748 (p = 0), and 3791 for the same model fitted to tol=1e-12. With both
    # fits at their maxima to rounding that eigenvalue is 90 eps times the covariances' norm
    # at either tolerance, 3 times the rank's tolerance, and it carries 84 of a chi2(30) of
    # 89: whether it counts is the covariances' last digits, so the test is not computed.
    df = _many_outcomes()
    tables = []
    for tol in (1e-10, 1e-12):
        with pytest.warns(IIATestWarning, match="omitting 'L00' not computed.*eigenvalue"):
            tables.append(mnlogit.fit("y ~ x + z", df, tol=tol).iia_table())
    for table in tables:
        assert np.isnan(table.loc["L00", "statistic"]) and np.isnan(table.loc["L00", "df"])
        assert "within 10 times the rounding" in table.loc["L00", "note"]
        assert "method='suest'" in table.loc["L00", "note"]
        # the other levels' V have no eigenvalue near that rounding: every coefficient is
        # compared, the same at either tolerance
        assert (table.drop(index="L00")["df"] == 30).all()
    np.testing.assert_allclose(tables[0]["statistic"], tables[1]["statistic"], rtol=1e-4)
    # from the definition, with the two fits' public estimates and covariances: d' V^+ d
    full = mnlogit.fit("y ~ x + z", df, tol=1e-12)
    restricted = mnlogit.fit("y ~ x + z", df[df["y"] != "L05"], tol=1e-12)
    idx = [(eq, term) for eq in restricted.params.columns for term in restricted.params.index]
    d = np.array([restricted.params.loc[t, eq] - full.params.loc[t, eq] for eq, t in idx])
    V = (
        restricted.cov_params().loc[idx, idx].to_numpy()
        - full.cov_params().loc[idx, idx].to_numpy()
    )
    want = d @ np.linalg.pinv(V, hermitian=True) @ d
    assert want == pytest.approx(tables[1].loc["L05", "statistic"], rel=1e-4)


def _thirty_outcomes(seed=1, n=900, levels=30):
    """``levels`` outcomes under IIA on x, z and w, coefficients drawn at random."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    eta = X @ rng.normal(scale=0.1, size=(3, levels))
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    y = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    return pd.DataFrame({"y": [f"L{c:02d}" for c in y], "x": X[:, 0], "z": X[:, 1], "w": X[:, 2]})


@pytest.mark.slow
def test_hausman_of_thirty_outcomes_does_not_depend_on_the_fits_tolerance():
    # V = V_r - V_f of 112 coefficients has eigenvalues down to 1e-13 of the covariances'
    # norm, which fits converged to 1e-12 (a step of 1e-12 short of their maxima, the
    # covariance taken before that step) moved by far more: for the same model fitted to
    # tol=1e-6 and 1e-13, omitting L09 gave 0.001 and 0.599, L28 -2.29 and -1.92, L19 557
    # and 659. Both fits are now at their maxima to rounding, and a statistic that an
    # eigenvalue within 10 times the rounding decides (L19's, L03's) is not computed.
    df = _thirty_outcomes()
    fits = [mnlogit.fit("y ~ x + z + w", df, tol=tol) for tol in (1e-6, 1e-13)]
    for level in ("L09", "L28", "L02"):
        a, b = (res.iia_test(level) for res in fits)
        assert a.df == b.df == 112
        assert a.statistic == pytest.approx(b.statistic, rel=1e-4, abs=1e-3)
    for res in fits:
        for level in ("L19", "L03"):
            with pytest.warns(IIATestWarning, match=f"omitting '{level}' not computed"):
                out = res.iia_test(level)
            assert np.isnan(out.statistic) and np.isnan(out.pvalue)
            assert "the fits do not determine it" in out.note
        # suest's Var(d), a sum of squares, is no difference of covariances
        assert np.isfinite(res.iia_test("L19", method="suest").statistic)


NO_INTERCEPT_COLUMN = "mode ~ 0 + region + np.log(distance) + income"


@pytest.fixture(scope="module")
def unshifted_tables(travel):
    """The comparison tables of the design without an intercept column, income as it is:
    the reference of the shifted fits in memory and on dask, computed once (each table
    refits without an outcome) and only read."""
    res = mnlogit.fit(NO_INTERCEPT_COLUMN, travel, ref="car")
    return {method: res.iia_table(method=method) for method in ("hausman", "suest")}


@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.CollinearityWarning")
@pytest.mark.parametrize("method", ["hausman", "suest"])
def test_a_design_without_intercept_column_does_not_depend_on_where_a_column_is_centred(
    travel, unshifted_tables, method
):
    # a full set of dummies spans the constant, as an intercept column does, but the
    # comparison was refitted on centred, orthogonal columns only beside an intercept column:
    # income + 1e7 gave a Hausman chi2(7) of -0.25 omitting 'bus' (suest chi2(8) = 7.40)
    # where income as it is gives chi2(10) = 0.70 (8.21)
    want = unshifted_tables[method].copy()
    shifted = travel.assign(income=travel["income"] + 1e7)
    got = mnlogit.fit(NO_INTERCEPT_COLUMN, shifted, ref="car").iia_table(method=method)
    np.testing.assert_allclose(got["statistic"], want["statistic"], rtol=1e-6)
    assert (got["df"] == want["df"]).all() and (want["df"] == 10).all()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.CollinearityWarning")
def test_a_dask_design_without_intercept_column_does_not_depend_on_where_a_column_is_centred(
    travel, unshifted_tables
):
    # the same in partitions: chi2(7) = -0.25 omitting 'bus' for chi2(10) = 0.70
    dd = pytest.importorskip("dask.dataframe")
    want = unshifted_tables["hausman"].copy()  # iia_table()'s default method
    shifted = dd.from_pandas(travel.assign(income=travel["income"] + 1e7), npartitions=3)
    got = mnlogit.fit(NO_INTERCEPT_COLUMN, shifted, ref="car").iia_table()
    np.testing.assert_allclose(got["statistic"], want["statistic"], rtol=1e-6)
    assert (got["df"] == want["df"]).all()


def _forty_rows(seed):
    """40 rows of four outcomes that x tells apart well, not separated."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=40)
    eta = np.column_stack([np.zeros(40), 2 * x, -2 * x, 0.5 + x])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(list("abcd"))[[rng.choice(4, p=p) for p in P]]
    return pd.DataFrame({"y": y, "x": x})


@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.IIATestWarning")
def test_small_hsiao_of_a_half_separated_by_the_draw_says_to_draw_again():
    # 40 rows, not separated, but seed=0 gives a half B that is: the note advised dropping
    # the separating terms ('Intercept', 'x') from the formula, where seed=1 gives a test
    res = mnlogit.fit("y ~ x", _forty_rows(5))
    assert res.converged
    out = res.iia_test("d", method="small-hsiao", seed=0)
    assert np.isnan(out.statistic)
    assert "half B diverged" in out.note and "try another seed" in out.note
    assert "drop the separating terms" not in out.note
    assert np.isfinite(res.iia_test("d", method="small-hsiao", seed=1).statistic)


def _levels_frame(levels=8, n=1200, seed=3, weighted=False):
    """``levels`` outcomes under IIA on x and z (frequency weights 1 to 3 when ``weighted``)."""
    rng = np.random.default_rng(seed)
    x, z = rng.normal(size=n), rng.normal(size=n)
    eta = np.outer(x, 0.3 * np.arange(levels)) - np.outer(z, 0.1 * np.arange(levels))
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    y = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    df = pd.DataFrame({"y": [f"L{c}" for c in y], "x": x, "z": z})
    return df.assign(w=rng.integers(1, 4, n)) if weighted else df


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", [7, "generator"])
def test_small_hsiao_table_fits_the_halves_once_and_gives_each_levels_test(
    weighted, seed, monkeypatch
):
    # the halves' fits of the full model do not depend on the omitted level, yet the table
    # refitted both for every level: 3 fits a level, about 50 s for 30 outcomes. Now two
    # for each reference (omitting the reference refits against another), the same numbers.
    from mnlogit import _iia_small_hsiao

    df = _levels_frame(weighted=weighted)
    res = mnlogit.fit("y ~ x + z", df, weights="w" if weighted else None)
    draw = np.random.default_rng(9) if seed == "generator" else seed
    each = [res.iia_test(lv, method="small-hsiao", seed=draw) for lv in res.outcomes]
    fits = []
    refit = _iia_small_hsiao._refit
    monkeypatch.setattr(_iia_small_hsiao, "_refit", lambda r, d: fits.append(d) or refit(r, d))
    table = res.iia_table(method="small-hsiao", seed=draw)
    assert len(fits) == len(res.outcomes) + 4
    want = pd.DataFrame(
        {
            "statistic": [t.statistic for t in each],
            "df": [t.df for t in each],
            "pvalue": [t.pvalue for t in each],
            "positive_definite": [t.positive_definite for t in each],
            "note": [t.note for t in each],
        },
        index=pd.Index(res.outcomes, name="omitted"),
    )
    pd.testing.assert_frame_equal(table, want, check_exact=True)
    assert table["statistic"].notna().all() and "reference" in table["note"].iloc[0]


@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.IIATestWarning")
def test_small_hsiao_of_a_restricted_half_separated_by_the_draw_says_to_draw_again():
    # the rows of half B without 'b' are separated for seed=5, those of all the rows are
    # not: the note advised dropping 'Intercept' and 'x' from the formula, where seed=0
    # gives a test
    df = _forty_rows(3)
    res = mnlogit.fit("y ~ x", df)
    assert mnlogit.fit("y ~ x", df[df["y"] != "b"]).separation is None
    out = res.iia_test("b", method="small-hsiao", seed=5)
    assert np.isnan(out.statistic)
    assert "restricted model on half B diverged" in out.note and "try another seed" in out.note
    assert "drop the separating terms" not in out.note
    assert np.isfinite(res.iia_test("b", method="small-hsiao", seed=0).statistic)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_small_hsiao_of_a_restricted_model_separated_on_all_rows_does_not_say_to_draw_again(
    seed,
):
    # x separates 'a' from 'b' on all the rows; with 'c' the full model is not separated.
    # Whatever the halves, the restricted model has no estimates, yet the note said to try
    # another seed (a half separated or without an outcome, at seeds 0 to 3) or Hausman's
    # or suest's test, which say the restricted model diverged
    df = pd.DataFrame(
        {
            "y": list("aaaabbbbcccc"),
            "x": [-2.1, -1.3, -0.8, -0.4, 0.3, 0.9, 1.4, 2.2, -0.2, 0.6, 1.1, -1.6],
        }
    )
    res = mnlogit.fit("y ~ x", df)
    with pytest.warns(IIATestWarning) as told:
        out = res.iia_test("c", method="small-hsiao", seed=seed)
        hausman = res.iia_test("c")
    assert np.isnan(out.statistic) and "another seed" not in out.note
    assert out.note == hausman.note and "the restricted model diverged" in out.note
    assert len(told) == 2


@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.SeparationWarning")
@pytest.mark.parametrize("method", ["hausman", "suest", "small-hsiao"])
def test_a_separated_full_model_is_told_first_by_every_method(method):
    # level 'w' of g occurs only in outcome 3: the full model is separated, and without the
    # rows of 3 g[T.w] is all zeros. Small-Hsiao said the full model diverged, naming
    # g[T.w]; Hausman and suest said only that the restricted model was rank deficient
    rng = np.random.default_rng(0)
    n = 400
    df = pd.DataFrame({"y": rng.choice([1, 2, 3], n), "x": rng.normal(size=n)})
    df["g"] = np.where(df["y"] == 3, rng.choice(["u", "v", "w"], n), rng.choice(["u", "v"], n))
    res = mnlogit.fit("y ~ x + g", df)
    assert res.separation is not None
    options = {"seed": 1} if method == "small-hsiao" else {}
    with pytest.warns(IIATestWarning, match="the full model diverged"):
        out = res.iia_test(3, method=method, **options)
    assert np.isnan(out.statistic) and "'g[T.w]'" in out.note


def test_omitting_the_reference_refits_against_the_most_frequent_level_as_the_docs_say(travel):
    # the docs said "the largest remaining level", which reads as the largest value where
    # the outcome is coded 1 to 4: the refit's reference is the most frequent one, as SPost's
    # mlogtest takes it
    import inspect
    import re
    from pathlib import Path

    codes = {"car": 1, "bus": 2, "walk": 3, "train": 4}  # counts 1443, 651, 595, 363
    coded = travel.assign(y=travel["mode"].map(codes))
    res = mnlogit.fit("y ~ np.log(distance)", coded, ref=1)
    test = res.iia_test(1)
    assert test.restricted.ref == coded["y"][coded["y"] != 1].mode().item() == 2 != 4
    assert "most frequent remaining outcome, 2," in test.note
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text().split())
    for text in (readme, inspect.getdoc(mnlogit.MNLogitResults.iia_test) or ""):
        text = " ".join(text.split())
        assert "most frequent remaining level" in text
        assert not re.search(r"largest remaining", text)


def test_the_module_functions_refuse_options_they_do_not_take_by_their_own_names(travel):
    # mnlogit.iia.iia_table took **options and passed them to a private helper: an option
    # it does not take was refused as "_run() got an unexpected keyword argument 'foo'",
    # and omit= (iia_table runs every level) as "_run() got multiple values for argument
    # 'omit'", neither naming the function called nor what it takes
    from mnlogit.exceptions import InputTypeError

    res = mnlogit.fit("mode ~ parking", travel, ref="car")
    with pytest.raises(InputTypeError, match=r"^iia_table\(\) .*'omit'.*iia_test\(res, omit\)"):
        iia.iia_table(res, omit="bus")
    with pytest.raises(InputTypeError, match=r"^iia_table\(\) .*'foo'; it takes res, method"):
        iia.iia_table(res, foo=1)
    with pytest.raises(InputTypeError, match=r"^iia_table\(\) .*'seeds'; did you mean seed="):
        iia.iia_table(res, method="small-hsiao", seeds=1)
    with pytest.raises(InputTypeError, match=r"^iia_test\(\) .*'levels'; it takes res, omit"):
        iia.iia_test(res, "bus", levels=1)
    # its options are named, with the defaults of the method's, and give the same table
    for name, default in iia.DEFAULTS.items():
        assert inspect.signature(iia.iia_table).parameters[name].default == default
    pd.testing.assert_frame_equal(
        iia.iia_table(res, "small-hsiao", seed=3), res.iia_table("small-hsiao", seed=3)
    )


def test_suest_of_restricted_rows_in_one_cluster_does_not_blame_the_formula():
    # every row of outcomes a and b is in cluster 0: without 'c' the restricted model's
    # rows lie in one cluster, whose sandwich holds nothing of their variance. The test
    # is not computed, but the note told the user of y ~ x to "leave cluster identifiers
    # out of the formula" and that the fit's standard errors were NaN (they are finite)
    rng = np.random.default_rng(5)
    n = 900
    y = rng.choice(["a", "b", "c"], n, p=[0.2, 0.2, 0.6])
    df = pd.DataFrame(
        {"y": y, "x": rng.normal(size=n), "cl": np.where(y == "c", rng.integers(1, 40, n), 0)}
    )
    res = mnlogit.fit("y ~ x", df, cov_type="cluster", groups="cl", ref="a")
    assert np.isfinite(res.bse.to_numpy()).all()
    with pytest.warns(IIATestWarning, match="without the rows of 'c'"):
        out = res.iia_test("c", method="suest")
    assert np.isnan(out.statistic) and np.isnan(out.pvalue)
    assert "identifiers out of the formula" not in out.note
    assert "single cluster" in out.note and "method='hausman'" in out.note
    assert np.isfinite(res.iia_test("b", method="suest").statistic)  # the others are tested


@pytest.mark.parametrize(
    "clusters, include_intercepts, advised",
    [(4, True, True), (4, False, False), (3, True, False), (3, False, False)],
)
def test_suest_with_too_few_clusters_advises_leaving_intercepts_out_only_where_it_helps(
    clusters, include_intercepts, advised
):
    # one equation of an intercept and three slopes: 4 clusters support the 3 slopes (rank
    # at most 3) but not 4 coefficients, 3 clusters neither. Every refusal advised
    # include_intercepts=False, to a test already without intercepts and where the slopes
    # alone exceed the bound
    rng = np.random.default_rng(1)
    n = 300
    df = pd.DataFrame(rng.normal(size=(n, 3)), columns=["x1", "x2", "x3"])
    df["y"] = rng.choice(list("abc"), n)
    df["cl"] = rng.integers(0, clusters, n)
    res = mnlogit.fit("y ~ x1 + x2 + x3", df, cov_type="cluster", groups="cl")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IIATestWarning)
        out = res.iia_test("c", method="suest", include_intercepts=include_intercepts)
    if clusters == 4 and not include_intercepts:  # the slopes alone are within the bound
        assert np.isfinite(out.statistic) and out.df == 3
        return
    assert np.isnan(out.statistic) and "rank at most" in out.note
    assert ("include_intercepts=False" in out.note) is advised
    assert "more clusters" in out.note


def test_a_negative_hausman_of_a_dask_fit_does_not_send_to_a_suest_it_refuses(travel):
    # chi2 < 0 omitting the reference: the note pointed a fit of partitions to
    # method='suest', which refuses it and points back to method='hausman'
    dd = pytest.importorskip("dask.dataframe")
    from mnlogit.exceptions import NotInMemoryError

    df = travel.dropna().reset_index(drop=True)
    formula = "mode ~ parking + income + purpose"
    in_memory = mnlogit.fit(formula, df, ref="car").iia_test("car")
    res = mnlogit.fit(formula, dd.from_pandas(df, npartitions=2), ref="car")
    out = res.iia_test("car")
    assert out.statistic < 0 and out.statistic == pytest.approx(in_memory.statistic, rel=1e-7)
    assert "see method='suest'" in in_memory.note
    assert "see method='suest'" not in out.note
    assert "method='suest', a generalized test, needs the rows in memory" in out.note
    with pytest.raises(NotInMemoryError):
        res.iia_test("car", method="suest")


def test_date_levels_read_in_the_test_and_its_notes_as_in_the_summary():
    # the test's text, its notes and iia_table's notes wrote Timestamp('2020-01-01 00:00:00')
    # where the summary and every table write 2020-01-01 00:00:00
    rng = np.random.default_rng(0)
    n = 400
    dates = pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"])
    df = pd.DataFrame({"x": rng.standard_normal(n), "y": dates[rng.integers(0, 3, n)]})
    res = mnlogit.fit("y ~ x", df)
    tests = [res.iia_test(dates[0]), res.iia_test(dates[1], method="small-hsiao", seed=1)]
    said = [str(t) for t in tests] + list(res.iia_table()["note"])
    assert all("Timestamp(" not in text for text in said), said
    assert "omitting 2020-01-01 00:00:00 (reference " in said[0]
    assert "2020-01-01 00:00:00 is the reference" in tests[0].note
    assert "2020-01-01 00:00:00" in str(res.summary())
    # texts keep their quotes: 'walk', "c'd"
    words = df.assign(y=np.array(["a b", "c'd", "e"])[rng.integers(0, 3, n)])
    assert "omitting \"c'd\" (reference 'a b')" in str(mnlogit.fit("y ~ x", words).iia_test("c'd"))


def _far_from_zero_but_on_the_omitted_rows(shift, n=300, seed=3):
    """Four outcomes under IIA on z; x is shift + N(0, 1) on the rows of a, b and c and
    shift + N(0, shift) on those of d, and xc is x - shift."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=n)
    eta = np.column_stack([np.zeros(n), 0.5 * z, -0.3 * z, 0.2 + 0.1 * z])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array([rng.choice(list("abcd"), p=p) for p in P])
    xc = rng.normal(size=n) * np.where(y == "d", shift, 1.0)
    return pd.DataFrame({"y": y, "z": z, "x": shift + xc, "xc": xc})


def test_a_column_far_from_zero_on_the_restricted_rows_alone_does_not_change_the_tests():
    # Without the rows of d, x lies 1e6 from zero beside a spread of 1 (the intercept and
    # x nearly aliased there), while on all the rows it does not; xc, x centred, is a
    # million times larger on the rows of d. A shift moves the intercepts only, which the
    # tests do not depend on, yet omitting d the Hausman test was not computed for either
    # column, and suest gave chi2(3) = 1.28 for x and chi2(5) = 1.42 for xc, where the
    # fits give chi2(6) = 1.59 and 8.15 (by hand from statsmodels' fits, each on columns
    # where it is well conditioned).
    df = _far_from_zero_but_on_the_omitted_rows(1e6)
    shifted, centred = (mnlogit.fit(f"y ~ z + {x}", df) for x in ("x", "xc"))
    for method in ("hausman", "suest"):
        with warnings.catch_warnings():
            warnings.simplefilter("error", IIATestWarning)  # computed, not refused
            got, want = (res.iia_test("d", method=method) for res in (shifted, centred))
        np.testing.assert_allclose(got.statistic, want.statistic, rtol=1e-6)
        assert got.df == want.df == got.rank == 6
