"""IIA tests: Hausman–McFadden against the reference results, suest, Small–Hsiao, size and power."""

import copy
import functools
import inspect
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from refdata import RTOL_COEF, RTOL_HAUSMAN, RTOL_SE
from scipy import stats
from scipy.special import expit

import mnlogit
from mnlogit import _iia_methods, iia
from mnlogit._linalg import row_factor
from mnlogit.exceptions import DataError, IIATestWarning, LevelError, OptionError
from mnlogit.iia import IIATestResult
from mnlogit.inference import TestResult

RTOL_P_HAUSMAN = 1e-3  # p-values inherit the statistic's 1e-4 and can amplify it a few times

HM_CASES = [
    (case, name, key)
    for (case, name) in refdata.CASES
    for key in refdata.model(case, name)["hausman_mcfadden"]["omit"]
]
INTERCEPTS = {"with_intercepts": True, "without_intercepts": False}


def _hm(case, name, key):
    return refdata.model(case, name)["hausman_mcfadden"]["omit"][key]


# --- Hausman–McFadden against the reference ----------------------------------------------------
@pytest.mark.parametrize("case,name,key", HM_CASES, ids=lambda v: str(v))
@pytest.mark.parametrize("variant", list(INTERCEPTS))
def test_hausman_matches_reference(fits, case, name, key, variant):
    res = fits[case, name]
    want = _hm(case, name, key)[variant]
    omit = refdata.outcome_key(res.outcomes, key)
    inc = INTERCEPTS[variant]
    solve = res.iia_test(omit, include_intercepts=inc, inverse="solve", df="k")  # mlogit::hmftest
    mp = res.iia_test(omit, include_intercepts=inc)  # Stata/SPost defaults
    np.testing.assert_allclose(solve.statistic, want["chi2"], rtol=RTOL_HAUSMAN)
    np.testing.assert_allclose(mp.statistic, want["chi2_mp"], rtol=RTOL_HAUSMAN)
    assert solve.df == want["df"] and mp.df == want["df_mp"] and mp.rank == want["df_mp"]
    assert mp.positive_definite is want["V_positive_definite"]
    assert solve.positive_definite is want["V_positive_definite"]
    lam = np.linalg.eigvalsh(mp.details["V"])
    np.testing.assert_allclose(
        [lam.min(), lam.max()], [want["V_eigen_min"], want["V_eigen_max"]], rtol=RTOL_HAUSMAN
    )
    assert [f"{eq}:{col}" for eq, col in mp.details["coefficients"]] == [
        _formulaic_label(refdata.model(case, name), c) for c in want["coefficients"]
    ]
    for got, stat, p in ((solve, want["chi2"], want["p"]), (mp, want["chi2_mp"], want["p_mp"])):
        if stat < 0:  # the reference software prints p = 1; we give no p-value
            assert np.isnan(got.pvalue)
        else:
            np.testing.assert_allclose(got.pvalue, p, rtol=RTOL_P_HAUSMAN)
            assert got.pvalue == pytest.approx(stats.chi2.sf(got.statistic, got.df), rel=1e-12)


def _formulaic_label(m, label):
    out, col = label.split(":", 1)
    return f"{out}:{refdata.column_map(m)[col]}"


@pytest.mark.parametrize("case,name,key", HM_CASES, ids=lambda v: str(v))
def test_restricted_fit_matches_reference(fits, case, name, key):
    res, m = fits[case, name], refdata.model(case, name)
    want = _hm(case, name, key)
    out = res.iia_test(refdata.outcome_key(res.outcomes, key))
    r = out.restricted
    assert r.converged is want["restricted_converged"]
    assert [str(e) for e in r.equations] == want["restricted_equations"]
    assert r._data.n_rows == want["n_restricted"]
    if want["sum_weights_restricted"] is not None:
        assert r.nobs == want["sum_weights_restricted"]
    coef = refdata.table({"columns": m["columns"], "c": want["restricted_coef"]}, "c", r.outcomes)
    se = refdata.table({"columns": m["columns"], "c": want["restricted_se"]}, "c", r.outcomes)
    np.testing.assert_allclose(r.params.loc[coef.index, coef.columns], coef, rtol=RTOL_COEF)
    np.testing.assert_allclose(r.bse.loc[se.index, se.columns], se, rtol=RTOL_SE)
    assert r.ref == res.ref and out.omitted not in r.outcomes


def test_result_type_and_text(fits):
    res = fits["synthetic", "unweighted"]
    out = res.iia_test("walk", include_intercepts=False)
    assert isinstance(out, IIATestResult) and isinstance(out, TestResult)
    with pytest.raises(AttributeError):
        out.statistic = 0.0
    text = str(out)
    assert "Hausman-McFadden" in text and "'walk'" in text and "reference 'car'" in text
    assert f"chi2({out.df:g}) = {out.statistic:.4f}" in text
    assert "not positive definite, rank 12 of 12" in text


# --- negative statistics, the reference level, the table ----------------------------------------
def test_negative_statistic_keeps_value_and_explains(fits):
    res = fits["anes96", "main"]
    out = res.iia_test(1)
    want = _hm("anes96", "main", "1")["with_intercepts"]["chi2_mp"]
    assert out.statistic < 0
    np.testing.assert_allclose(out.statistic, want, rtol=RTOL_HAUSMAN)
    assert np.isnan(out.pvalue)
    assert "fails to meet the asymptotic assumptions of the Hausman test" in out.note
    assert "method='suest'" in out.note
    assert "no p-value (see the note)" in str(out) and "nan" not in str(out)
    positive = res.iia_test(2)
    assert positive.statistic > 0 and "asymptotic assumptions" not in positive.note


@pytest.mark.parametrize("case,name", [("anes96", "main"), ("synthetic", "weighted")])
@pytest.mark.parametrize("method", ["hausman", "suest"])
def test_omitting_the_reference_uses_the_largest_remaining_level(fits, case, name, method):
    res = fits[case, name]
    ref, weights = refdata.CASES[case, name]
    df = refdata.data(case)
    outcome = res._data.outcome_name
    counts = df.groupby(outcome)[weights].sum() if weights else df[outcome].value_counts()
    largest = counts.drop(ref).idxmax()
    out = res.iia_test(ref, method=method)
    assert out.restricted.ref == largest and out.details["ref"] == largest
    assert f"{ref!r} is the reference" in out.note
    assert f"remaining outcome, {out.restricted.ref!r}, as the reference" in out.note
    assert ref not in out.restricted.outcomes
    # the same as fitting with the new reference and omitting the old one directly
    m = refdata.model(case, name)
    refit = mnlogit.fit(m["formula"], df, ref=largest, weights=weights)
    direct = refit.iia_test(ref, method=method)
    np.testing.assert_allclose(out.statistic, direct.statistic, rtol=1e-6)
    assert out.df == direct.df


def test_table_runs_every_level(fits):
    res = fits["synthetic", "weighted"]
    table = res.iia_table(include_intercepts=False)
    assert list(table.index) == list(res.outcomes) and table.index.name == "omitted"
    assert list(table.columns) == ["statistic", "df", "pvalue", "positive_definite", "note"]
    for lv in res.outcomes:
        one = res.iia_test(lv, include_intercepts=False)
        assert table.loc[lv, "statistic"] == pytest.approx(one.statistic, rel=1e-12)
        assert table.loc[lv, "df"] == one.df and table.loc[lv, "note"] == one.note
    want = _hm("synthetic", "weighted", "bus")["without_intercepts"]["chi2_mp"]
    np.testing.assert_allclose(table.loc["bus", "statistic"], want, rtol=RTOL_HAUSMAN)
    suest = res.iia_table(method="suest")
    assert suest["positive_definite"].isna().all() and (suest["statistic"] >= 0).all()


# --- errors ---------------------------------------------------------------------------------------
def _small_frame(n=300, levels="abc", seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"y": rng.choice(list(levels), n), "x": rng.standard_normal(n)})


def test_bad_input_raises_project_errors(fits):
    res = fits["synthetic", "unweighted"]
    with pytest.raises(LevelError, match=r"'plane'.*'bus', 'car', 'train', 'walk'"):
        res.iia_test("plane")
    with pytest.raises(OptionError, match=r"method: expected one of .*'small-hsiao'.*got 'lr'"):
        res.iia_test("bus", method="lr")
    with pytest.raises(OptionError, match=r"inverse: .*got 'inv'"):
        res.iia_test("bus", inverse="inv")
    with pytest.raises(OptionError, match=r"df: .*got 'n'"):
        res.iia_test("bus", df="n")
    with pytest.raises(OptionError, match="include_intercepts"):
        res.iia_test("bus", include_intercepts="no")
    with pytest.raises(OptionError, match="seed=1: only method='small-hsiao'"):
        res.iia_test("bus", seed=1)
    with pytest.raises(OptionError, match="inverse='solve': not used by method='small-hsiao'"):
        res.iia_test("bus", method="small-hsiao", inverse="solve", seed=1)
    with pytest.raises(TypeError):
        res.iia_test("bus", alpha=0.1)
    firth = type(res)(res._data, res._core, method="firth")
    with pytest.raises(OptionError, match="method='firth'"):
        firth.iia_test("bus")
    two = mnlogit.fit("y ~ x", _small_frame(levels="ab"))
    with pytest.raises(DataError, match="at least 3 outcome levels"):
        two.iia_test("a")


@pytest.mark.parametrize(
    ("spelled", "meant"),
    [
        ("smhsiao", "small-hsiao"),  # Stata's mlogtest, smhsiao
        ("small_hsiao", "small-hsiao"),
        ("smallhsiao", "small-hsiao"),
        ("Small-Hsiao", "small-hsiao"),
        ("hm", "hausman"),
        ("hausman-mcfadden", "hausman"),
        ("Hausman", "hausman"),
        ("hmftest", "hausman"),  # mlogit's
        ("SUEST", "suest"),
    ],
)
def test_a_spelling_of_a_method_is_answered_with_its_name(fits, spelled, meant):
    # was: "method: expected one of ('hausman', 'suest', 'small-hsiao'); got 'smhsiao'"
    res = fits["synthetic", "unweighted"]
    said = rf"got {spelled!r}; the .* is method={meant!r}"
    with pytest.raises(OptionError, match=said):
        res.iia_test("bus", method=spelled)
    with pytest.raises(OptionError, match=said):
        res.iia_table(method=spelled)


def test_a_new_method_is_one_table_entry(fits, monkeypatch):
    res = fits["synthetic", "unweighted"]
    calls = []

    def run(test, res, omit, ref, notes, *, seed):
        calls.append((omit, ref, seed))
        return _iia_methods._result(1.0, 2, test, omit, None, notes, {"ref": ref})

    coin = iia.IIAMethod("coin", "Coin test of IIA", run, ("seed",), "a coin toss")
    monkeypatch.setitem(iia.METHODS, "coin", coin)
    out = res.iia_test("bus", method="coin", seed=3)
    assert out.method == "Coin test of IIA" and out.statistic == 1.0
    assert calls == [("bus", res.ref, 3)]
    with pytest.raises(OptionError, match=r"method: expected one of .*'small-hsiao', 'coin'"):
        res.iia_test("bus", method="x")
    # two methods read seed now: the message says that this one does not
    with pytest.raises(OptionError, match="seed=3: not used by method='hausman'"):
        res.iia_test("bus", seed=3)
    with pytest.raises(OptionError, match=r"df='k': not used by method='coin' \(a coin toss\)"):
        res.iia_test("bus", method="coin", df="k")


def test_option_defaults_are_the_signatures():
    # the unused-option check compares with DEFAULTS: they must be what the user gets
    for f in (iia.iia_test, iia._run, mnlogit.MNLogitResults.iia_test):
        params = inspect.signature(f).parameters
        assert {k: params[k].default for k in iia.DEFAULTS} == iia.DEFAULTS


def test_unknown_options_are_type_errors():
    res = mnlogit.fit("y ~ x", _small_frame())
    with pytest.raises(TypeError, match="alpha"):
        res.iia_table(alpha=0.1)


def test_hausman_refuses_robust_covariances():
    df = _small_frame()
    df["g"] = np.arange(len(df)) % 20
    for res in (
        mnlogit.fit("y ~ x", df, cov_type="robust"),
        mnlogit.fit("y ~ x", df, cov_type="cluster", groups="g"),
    ):
        with pytest.raises(OptionError, match=r"cov_type=.*method='suest'"):
            res.iia_test("b")
        assert np.isfinite(res.iia_test("b", method="suest").statistic)


def test_failed_restricted_fit_warns_and_notes():
    # z is nonzero only on rows of outcome "c": the restricted model cannot identify it
    df = _small_frame(n=400, seed=3)
    rng = np.random.default_rng(4)
    is_c = (df["y"] == "c").to_numpy()
    df["z"] = np.where(is_c & (rng.random(len(df)) < 0.5), rng.choice([-1.0, 1.0], len(df)), 0.0)
    res = mnlogit.fit("y ~ x + z", df)
    assert res.converged
    with pytest.warns(IIATestWarning, match="omitting 'c' not computed") as rec:
        out = res.iia_test("c")
    assert rec[0].filename == __file__  # the warning points at the caller's line
    assert np.isnan(out.statistic) and np.isnan(out.pvalue)
    assert out.note.startswith("Not computed: the restricted model")
    assert "chi2 not computed" in str(out) and "nan" not in str(out).splitlines()[1]
    # z is 0 on every row the restricted model keeps: its design is rank deficient there, so
    # no fit of it is offered
    assert out.restricted is None and "'z'" in out.note
    with pytest.warns(IIATestWarning) as rec:
        table = res.iia_table()
    assert rec[0].filename == __file__
    assert np.isnan(table.loc["c", "statistic"]) and np.isfinite(table.loc["b", "statistic"])


def test_small_hsiao_needs_every_outcome_in_both_halves():
    df = _small_frame(n=60, seed=1)
    df.loc[0, "y"] = "d"  # a single row of "d" lands in only one half
    res = mnlogit.fit("y ~ x", df)
    with pytest.warns(IIATestWarning, match=r"half [AB] .* outcome 'd'") as rec:
        out = res.iia_test("b", method="small-hsiao", seed=0)
    assert rec[0].filename == __file__
    assert np.isnan(out.statistic) and np.isnan(out.pvalue) and np.isnan(out.df)
    assert out.note.startswith("Not computed: half") and "a single observation" in out.note
    assert out.details["seed"] == 0 and out.restricted is None


def test_small_hsiao_table_goes_on_past_a_half_without_a_rare_outcome():
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"y": rng.choice(list("abc"), 400), "x": rng.standard_normal(400)})
    df.loc[:2, "y"] = "d"  # three rows of "d", all in one half a quarter of the time
    res = mnlogit.fit("y ~ x", df)
    # one split for every level (a Generator is not advanced), one without "d" in a half
    with pytest.warns(IIATestWarning, match="outcome 'd'") as rec:
        table = res.iia_table(method="small-hsiao", seed=np.random.default_rng(2))
    # was: the DataError of the first level ended the table, with no test of any level
    assert list(table.index) == ["a", "b", "c", "d"] and len(rec) == 4
    assert table["statistic"].isna().all() and table["note"].str.contains("another seed").all()
    # another split with "d" in both halves tests every level
    table = res.iia_table(method="small-hsiao", seed=np.random.default_rng(3))
    assert (table["pvalue"] > 0).all()


# --- suest --------------------------------------------------------------------------------------
def _scores(X, y, B):
    """Per-row scores of a multinomial logit, reference coded last, written out directly."""
    eta = np.column_stack([X @ B, np.zeros(len(X))])
    P = np.exp(eta - eta.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    E = np.zeros_like(P)
    E[np.arange(len(y)), y] = 1.0
    R = (E - P)[:, :-1]
    return np.hstack([R[:, [j]] * X for j in range(R.shape[1])])


@pytest.mark.parametrize("include_intercepts", [True, False])
def test_suest_equals_the_stacked_sandwich(fits, include_intercepts):
    res = fits["synthetic", "weighted"]
    out = res.iia_test("bus", method="suest", include_intercepts=include_intercepts)
    full, r = res._data, out.restricted
    rd = r._data
    keep = full.y != list(full.equations).index("bus")
    G_f = _scores(full.X, full.y, res._core.B)
    G_r = np.zeros((full.n_rows, rd.X.shape[1] * rd.q))
    G_r[keep] = _scores(rd.X, rd.y, r._core.B)
    G = np.hstack([G_f, G_r])
    meat = G.T @ (G * full.w[:, None])
    bread = np.block(
        [
            [res._core.cov, np.zeros((G_f.shape[1], G_r.shape[1]))],
            [np.zeros((G_r.shape[1], G_f.shape[1])), r._core.cov],
        ]
    )
    n = full.w.sum()
    C = bread @ meat @ bread * n / (n - 1)
    names_f = [(eq, c) for eq in res.equations for c in full.column_names]
    names_r = [(eq, c) for eq in r.equations for c in rd.column_names]
    labels = [lab for lab in names_r if include_intercepts or lab[1] != "Intercept"]
    D = np.zeros((len(labels), C.shape[0]))
    for k, lab in enumerate(labels):
        D[k, names_f.index(lab)] = -1.0
        D[k, len(names_f) + names_r.index(lab)] = 1.0
    b = np.concatenate([res._core.B.T.ravel(), r._core.B.T.ravel()])
    d, V = D @ b, D @ C @ D.T
    # V is computed on centred, orthogonalised columns and mapped back to these: its entries
    # agree to rounding of the largest ones (an entry of 1e-6 beside 1e-4 to 5e-14)
    np.testing.assert_allclose(out.details["V"], V, rtol=1e-8, atol=1e-9 * np.abs(V).max())
    np.testing.assert_allclose(out.statistic, d @ np.linalg.solve(V, d), rtol=1e-7)
    assert out.df == len(labels) == out.rank and out.positive_definite is None
    assert np.linalg.eigvalsh(out.details["V"]).min() > 0


def _far_from_zero(shift):
    """Four outcomes under IIA, x shifted by ``shift`` (a year, a time stamp) in x*z."""
    rng = np.random.default_rng(36)
    n = 500
    x, z = rng.normal(size=n), rng.normal(size=n)
    eta = np.column_stack([np.zeros(n), 0.5 * x, -0.4 * x + 0.2 * z, 0.2 + 0.1 * x])
    P = np.exp(eta) / np.exp(eta).sum(1, keepdims=True)
    y = [list("ABCD")[rng.choice(4, p=p)] for p in P]
    return pd.DataFrame({"x": x + shift, "z": z, "g": rng.choice(list("abc"), n), "y": y})


COMPARISONS = (
    ("hausman", {}),
    ("hausman", {"include_intercepts": False}),
    ("hausman", {"inverse": "solve", "df": "k"}),
    ("suest", {}),
)


@functools.cache
def _centred_tables(formula: str) -> tuple[pd.DataFrame, ...]:
    """The tables of COMPARISONS of the fit with x at its own origin, the reference for every
    shift and unit below: computed once per formula, as each table refits without an outcome
    and the tests only read them."""
    base = mnlogit.fit(formula, _far_from_zero(0.0))
    return tuple(base.iia_table(method=method, **options) for method, options in COMPARISONS)


@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.CollinearityWarning")  # from 1e5
@pytest.mark.parametrize("formula", ["y ~ x + z + g", "y ~ x * z + g"])
@pytest.mark.parametrize("shift", [1e4, 1e5, 3e6])
def test_comparison_tests_do_not_depend_on_where_a_column_is_centred(formula, shift):
    # a shift moves the intercepts only, which the tests are invariant to, but V_r - V_f was
    # formed from covariances nearly singular beside the intercept: at x + 1e4 in x * z, with
    # no warning, the Hausman chi2 omitting C was -1.217 for -1.191; at x + 1e5 in x + z + g
    # omitting D 1.686 for 1.907; at x + 1e6 -0.539 with df 9
    res = mnlogit.fit(formula, _far_from_zero(shift))
    for (method, options), centred in zip(COMPARISONS, _centred_tables(formula), strict=True):
        got = res.iia_table(method=method, **options)
        want = centred.copy()
        np.testing.assert_allclose(got["statistic"], want["statistic"], rtol=1e-6, atol=1e-8)
        assert (got["df"] == want["df"]).all()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::mnlogit.exceptions.CollinearityWarning")  # from 1e5
@pytest.mark.parametrize(
    "shift, unit", [(1e3, 1.0), (1e5, 1.0), (0.0, 1e-6), (0.0, 1e-20), (0.0, 1e20), (1e3, 1e-20)]
)
def test_hausman_of_a_dask_fit_does_not_depend_on_the_columns_origin_or_units(shift, unit):
    # a dask fit's comparison ran on its own columns: omitting B, chi2(9) = 0.240 at x + 1e3
    # where x as it is gives -1.254 on 10 df (as in memory); omitting A, chi2(8) = -1.942 at
    # x + 1e5 for 4.164 on 10 df; and its Moore-Penrose ranks depended on x's units: with x
    # in units of 1e-6 (x * 1e-6), chi2(9) = 0.246 omitting B, in units of 1e-20 chi2(2)
    dd = pytest.importorskip("dask.dataframe")
    want = _centred_tables("y ~ x + z + g")[0].copy()  # the default: hausman, intercepts
    df = _far_from_zero(shift)
    df["x"] *= unit
    res = mnlogit.fit("y ~ x + z + g", dd.from_pandas(df, npartitions=3))
    got = res.iia_table()
    np.testing.assert_allclose(got["statistic"], want["statistic"], rtol=1e-6, atol=1e-8)
    assert (got["df"] == want["df"]).all()


@pytest.mark.parametrize("shift, refitted", [(0.0, False), (1e4, True)])
def test_only_a_column_far_from_zero_costs_refits_on_another_basis(shift, refitted, monkeypatch):
    # the refits took 2-5x a test's time and twice its memory on every design with an
    # intercept, although columns near their spread lose nothing on their own basis
    from mnlogit import _iia_basis

    calls = []
    monkeypatch.setattr(
        _iia_basis, "row_factor", lambda *a, **k: calls.append(1) or row_factor(*a, **k)
    )
    mnlogit.fit("y ~ x + z + g", _far_from_zero(shift)).iia_test("D")
    assert bool(calls) is refitted


def test_frequency_weights_count_repeated_rows(fits):
    res = fits["synthetic", "weighted"]
    m = refdata.model("synthetic", "weighted")
    df = refdata.data("synthetic")
    expanded = df.loc[df.index.repeat(df["w"].astype(int))].reset_index(drop=True)
    flat = mnlogit.fit(m["formula"], expanded, ref="car")
    for method in ("hausman", "suest"):
        a, b = res.iia_test("train", method=method), flat.iia_test("train", method=method)
        np.testing.assert_allclose(a.statistic, b.statistic, rtol=1e-6)
        assert a.df == b.df
    sh = res.iia_test("train", method="small-hsiao", seed=3)
    assert sh.details["n_a"] == df["w"].sum() // 2
    assert sh.details["n_a"] + sh.details["n_b"] == df["w"].sum()


def test_suest_clusters():
    df = _small_frame(n=400, seed=7)
    df["id"] = np.arange(len(df))
    df["g"] = np.arange(len(df)) // 8
    robust = mnlogit.fit("y ~ x", df).iia_test("b", method="suest")
    also_robust = mnlogit.fit("y ~ x", df, cov_type="robust").iia_test("b", method="suest")
    singletons = mnlogit.fit("y ~ x", df, cov_type="cluster", groups="id")
    clustered = mnlogit.fit("y ~ x", df, cov_type="cluster", groups="g")
    assert also_robust.statistic == pytest.approx(robust.statistic, rel=1e-12)
    # one row per cluster: G/(G-1) = n/(n-1), the same covariance as without clusters
    assert singletons.iia_test("b", method="suest").statistic == pytest.approx(
        robust.statistic, rel=1e-10
    )
    by_g = clustered.iia_test("b", method="suest")
    assert by_g.statistic > 0 and by_g.statistic != pytest.approx(robust.statistic, rel=1e-3)


# --- Small–Hsiao --------------------------------------------------------------------------------
def test_small_hsiao_is_reproducible_and_follows_its_definition(fits):
    res = fits["synthetic", "unweighted"]
    m = refdata.model("synthetic", "unweighted")
    out = res.iia_test("walk", method="small-hsiao", seed=11)
    again = res.iia_test("walk", method="small-hsiao", seed=11)
    other = res.iia_test("walk", method="small-hsiao", seed=12)
    assert out.statistic == again.statistic and out.statistic != other.statistic
    assert out.df == res._data.p * (len(res.outcomes) - 2) and out.statistic >= 0
    assert out.positive_definite is None and out.rank is None
    # recompute from the documented split with public fits on each half
    n = res._data.n_rows
    in_a = (
        np.random.default_rng(11)
        .multivariate_hypergeometric(np.ones(n, dtype=np.int64), n // 2, method="marginals")
        .astype(bool)
    )
    df = refdata.data("synthetic")
    fit_a = mnlogit.fit(m["formula"], df[in_a], ref="car")
    fit_b = mnlogit.fit(m["formula"], df[~in_a], ref="car")
    c = 1 / np.sqrt(2)
    b_ab = c * fit_a.params + (1 - c) * fit_b.params
    rows_b = df[~in_a & (df["mode"] != "walk")]
    restricted_b = mnlogit.fit(m["formula"], rows_b, ref="car")
    X = restricted_b._data.X
    eta = np.column_stack([X @ b_ab[list(restricted_b.equations)].to_numpy(), np.zeros(len(X))])
    logp = eta - np.logaddexp.reduce(eta, axis=1, keepdims=True)
    l0 = logp[np.arange(len(X)), restricted_b._data.y].sum()
    np.testing.assert_allclose(out.statistic, -2 * (l0 - restricted_b.llf), rtol=1e-7)
    np.testing.assert_allclose(out.restricted.llf, restricted_b.llf, rtol=1e-10)


def test_small_hsiao_weights_of_one_equal_no_weights():
    df = _small_frame(n=500, levels="abcd", seed=2)
    plain = mnlogit.fit("y ~ x", df).iia_test("c", method="small-hsiao", seed=5)
    ones = mnlogit.fit("y ~ x", df, weights=np.ones(len(df))).iia_test(
        "c", method="small-hsiao", seed=5
    )
    assert ones.statistic == pytest.approx(plain.statistic, rel=1e-10)


# --- size and power by simulation ---------------------------------------------------------------
def _mnl_data(rng, n):
    """Four outcomes from a true multinomial logit (reference "a")."""
    x1, x2 = rng.standard_normal(n), rng.standard_normal(n)
    eta = np.column_stack(
        [
            np.zeros(n),
            0.3 + 0.8 * x1 - 0.5 * x2,
            -0.2 - 0.6 * x1 + 0.9 * x2,
            0.1 + 0.4 * x1 + 0.4 * x2,
        ]
    )
    y = np.array(list("abcd"))[(eta + rng.gumbel(size=eta.shape)).argmax(axis=1)]
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2})


def _nested_data(rng, n, lam=0.05):
    """A nested logit: "b" and "c" share a nest with dissimilarity ``lam`` (near-perfect
    substitutes) against "a". V = 2 + x is the nest's common utility, c's extra utility
    lam * 10x decides between the two buses; P(nest) = expit(V + lam softplus(10x)).
    """
    x = rng.standard_normal(n)
    d = 10.0 * x
    in_nest = rng.random(n) < expit(2.0 + x + lam * np.logaddexp(0.0, d))
    y = np.where(in_nest, np.where(rng.random(n) < expit(d), "c", "b"), "a")
    return pd.DataFrame({"y": y, "x": x})


def _rejection_rates(make, formula, omit, n_sets, seed):
    rng = np.random.default_rng(seed)
    reject = {"suest": 0, "small-hsiao": 0}
    sh_stats = []
    for s in range(n_sets):
        res = mnlogit.fit(formula, make(rng), ref="a")
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no data set may fail silently
            su = res.iia_test(omit, method="suest")
            sh = res.iia_test(omit, method="small-hsiao", seed=s)
        reject["suest"] += su.pvalue < 0.05
        reject["small-hsiao"] += sh.pvalue < 0.05
        sh_stats.append(sh.statistic / sh.df)
    return {k: v / n_sets for k, v in reject.items()}, float(np.mean(sh_stats))


@pytest.mark.slow
def test_size_under_a_true_multinomial_logit():
    rates, sh_mean = _rejection_rates(
        lambda rng: _mnl_data(rng, 600), "y ~ x1 + x2", "b", n_sets=60, seed=20240
    )
    assert rates["suest"] <= 0.12 and rates["small-hsiao"] <= 0.12, rates
    assert 0.7 < sh_mean < 1.4  # Small–Hsiao is chi2(df): mean statistic / df near 1


@pytest.mark.slow
def test_power_against_near_perfect_substitutes():
    rates, _ = _rejection_rates(
        lambda rng: _nested_data(rng, 1000), "y ~ x", "b", n_sets=50, seed=2024
    )
    assert rates["suest"] > 0.5 and rates["small-hsiao"] > 0.5, rates


@pytest.mark.slow
def test_hausman_on_a_dask_fit_matches_the_reference():
    dd = pytest.importorskip("dask.dataframe")
    m = refdata.model("synthetic", "weighted")
    ddf = dd.from_pandas(refdata.data("synthetic"), npartitions=3)
    res = mnlogit.fit(m["formula"], ddf, ref="car", weights="w")
    want = _hm("synthetic", "weighted", "bus")["without_intercepts"]["chi2_mp"]
    np.testing.assert_allclose(
        res.iia_test("bus", include_intercepts=False).statistic, want, rtol=RTOL_HAUSMAN
    )
    with pytest.raises(DataError, match="in-memory data"):
        res.iia_test("bus", method="suest")
    with pytest.raises(DataError, match="in-memory data"):
        res.iia_test("bus", method="small-hsiao", seed=1)


def test_a_restricted_maximum_far_out_is_reached_not_taken_for_separation():
    # bs(distance, df=3)'s last column is large only at the longest distances, where no one
    # walks: the full fit's maximum lies far out (walk's coefficient -15442), and so do the
    # restricted models'. The restricted refits stopped where the steps stopped shrinking
    # and every test but the one omitting walk was "not computed: the restricted model
    # diverged ... (separation)", although the exact check finds no separation.
    res = mnlogit.fit("mode ~ bs(distance, df=3)", mnlogit.datasets.load("travel"), ref="car")
    assert res.converged and res.separation is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no IIATestWarning
        for method in ("hausman", "suest"):
            out = res.iia_test("bus", method=method)
            r = out.restricted
            assert r.converged and r.separation is None and np.isfinite(out.statistic)
            # the restricted maximum is reached: its score vanishes on its own rows
            X, y, w = r._data.X, r._data.y, r._data.w
            eta = np.column_stack([X @ r._core.B, np.zeros(len(X))])
            P = np.exp(eta - eta.max(axis=1, keepdims=True))
            P /= P.sum(axis=1, keepdims=True)
            Y = np.eye(P.shape[1])[y]
            assert np.abs(X.T @ ((Y - P)[:, :-1] * w[:, None])).max() < 1e-6
        # Hausman-McFadden from the two fits' public estimates and covariances
        labels = out.details["coefficients"]
        hm = res.iia_test("bus")
        full_b = res.params.T.stack().loc[labels].to_numpy()
        rest_b = hm.restricted.params.T.stack().loc[labels].to_numpy()
        idx = pd.MultiIndex.from_tuples(labels)
        V = (
            hm.restricted.cov_params().loc[idx, idx].to_numpy()
            - res.cov_params().loc[idx, idx].to_numpy()
        )
        d = rest_b - full_b
        np.testing.assert_allclose(hm.statistic, d @ np.linalg.pinv(V) @ d, rtol=1e-5)
        sh = res.iia_test("train", method="small-hsiao", seed=1)
        assert np.isfinite(sh.statistic) and sh.restricted.converged


@pytest.mark.parametrize("method", ["hausman", "suest"])
def test_leaving_out_intercepts_of_a_design_without_one_says_so(method):
    """A design without an intercept column (y ~ 0 + g + x, whose dummies of g hold the
    constant) has no intercept to leave out: include_intercepts=False compared every
    coefficient, the same test as include_intercepts=True, with nothing said."""
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    res = mnlogit.fit("partic ~ 0 + children + hincome", df, ref="not.work")
    without = res.iia_test("fulltime", method=method, include_intercepts=False)
    with_all = res.iia_test("fulltime", method=method)
    assert without.statistic == with_all.statistic
    assert "no intercept column" in without.note
    assert "no intercept column" not in with_all.note
    usual = mnlogit.fit("partic ~ children + hincome", df, ref="not.work")
    assert "no intercept column" not in usual.iia_test("fulltime", include_intercepts=False).note


@pytest.mark.parametrize("scale", [1e9, 1e19])
def test_small_hsiao_refuses_weights_too_many_to_split(scale):
    """Frequency weights counting 1e9 observations or more ended in numpy's ValueError
    ("sum(colors) must be less than 1000000000", or past 2^63 "nsample must be
    nonnegative") from the random split; the test now refuses them saying why and what to
    use, and the tests that need no split still run."""
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    df["w"] = (1 + np.arange(len(df)) % 3) * scale
    res = mnlogit.fit("partic ~ hincome + children", df, ref="not.work", weights="w")
    with pytest.raises(DataError, match=r"observations.*method='hausman'"):
        res.iia_test("fulltime", method="small-hsiao", seed=1)
    assert np.isfinite(res.iia_test("fulltime", method="suest").statistic)


@pytest.mark.parametrize("seed", ["abc", -1, 1.5, True])
def test_small_hsiao_refuses_a_seed_it_cannot_use(seed):
    """A seed numpy cannot take ended in its TypeError or ValueError from deep inside the
    split ('SeedSequence expects int or sequence of ints', 'expected non-negative integer');
    a bool was taken as 0 or 1."""
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    res = mnlogit.fit("partic ~ hincome + children", df, ref="not.work")
    with pytest.raises(OptionError, match=rf"seed: expected None.*got {seed!r}"):
        res.iia_test("fulltime", method="small-hsiao", seed=seed)


def test_small_hsiao_without_a_seed_tells_the_one_drawn(fits):
    res = fits["synthetic", "unweighted"]
    out = res.iia_test("walk", method="small-hsiao")
    seed = out.details["seed"]
    # was: details["seed"] None, and no way to run the same split again
    assert isinstance(seed, int) and f"seed={seed}" in out.note
    again = res.iia_test("walk", method="small-hsiao", seed=seed)
    assert again.statistic == out.statistic and again.note == ""
    table = res.iia_table(method="small-hsiao")
    assert table["note"].str.contains("drawn with seed=").all()


def test_small_hsiao_table_without_a_seed_is_run_again_by_the_seed_it_tells(fits):
    # each level drew a seed of its own, each row's note told its own, and iia_table given
    # one of them reproduced that row at most: one split serves every level, as mlogtest's
    res = fits["synthetic", "unweighted"]
    table = res.iia_table(method="small-hsiao")
    told = {re.search(r"seed=(\d+)", note).group(1) for note in table["note"]}
    assert len(told) == 1
    again = res.iia_table(method="small-hsiao", seed=int(told.pop()))
    pd.testing.assert_series_equal(again["statistic"], table["statistic"])
    assert not again["note"].str.contains("drawn").any()


def test_a_generator_seed_is_not_advanced_and_its_draw_is_told(fits):
    # the split advanced the caller's Generator (two calls with it gave two statistics) and
    # details["seed"] held the Generator itself, which cannot run the split again
    res = fits["synthetic", "unweighted"]
    omit = res.outcomes[1]
    gen = np.random.default_rng(5)
    state = copy.deepcopy(gen.bit_generator.state)
    first = res.iia_test(omit, method="small-hsiao", seed=gen)
    assert gen.bit_generator.state == state
    second = res.iia_test(omit, method="small-hsiao", seed=gen)
    assert second.statistic == first.statistic
    seed = first.details["seed"]
    assert isinstance(seed, int) and f"seed={seed}" in first.note
    again = res.iia_test(omit, method="small-hsiao", seed=seed)
    assert again.statistic == first.statistic
