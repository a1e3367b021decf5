"""A statsmodels ``MNLogit`` analysis moved to mnlogit: the same numbers, or a refusal that
says what to write, where statsmodels' habits (a Series as X, ``pred_table()``, ``fit(disp=0)``)
meet this package. statsmodels is a test dependency (pyproject's test extras)."""

import numpy as np
import pandas as pd
import pytest

import mnlogit

sm = pytest.importorskip("statsmodels.api")


def _data(n: int = 300, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    eta = np.column_stack([np.zeros(n), 0.3 + 0.8 * x1 - 0.2 * x2, -0.2 - 0.5 * x1 + 0.4 * x2])
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = (p.cumsum(axis=1) < rng.random(n)[:, None]).sum(axis=1)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "cl": rng.integers(0, 30, n)})


def test_a_series_x_with_other_row_labels_than_y_is_refused():
    # statsmodels refuses endog and exog whose indexes differ; a Series X was paired with y
    # by position, each y with another row's x: slopes -0.121 and -0.140 for 0.855 and -0.204
    df = _data()
    y, x = df["y"], df["x1"]
    shuffled = x.sample(frac=1, random_state=0)
    with pytest.raises(ValueError, match="not aligned"):
        sm.MNLogit(y, shuffled)
    for X in (shuffled, x.set_axis(x.index + 1000)):
        with pytest.raises(mnlogit.MNLogitError, match=r"different row labels.*X = X\.loc"):
            mnlogit.MNLogit(y, X)
    with pytest.raises(mnlogit.MNLogitError, match="different row labels"):
        mnlogit.MNLogit(df[["y"]], shuffled)
    # aligned as the message says, it is statsmodels' fit of the same rows
    res = mnlogit.MNLogit(y, shuffled.loc[y.index]).fit()
    want = sm.MNLogit(y, x).fit(disp=0)
    np.testing.assert_allclose(res.params.to_numpy(), want.params.to_numpy(), rtol=1e-8)


def _advice(hint: str) -> str:
    """The expression a hint gives for statsmodels' call: the text after ' is ' up to the
    closing parenthesis that balances it."""
    text = hint.split(" is ", 1)[1]
    depth = 0
    for i, c in enumerate(text):
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == ")" and depth == 0:
            return text[: i + 1]
    raise AssertionError(hint)


def test_pred_table_is_answered_with_a_crosstab_that_is_statsmodels_table():
    # the AttributeError named only the attribute
    df = _data()
    df.loc[[3, 8], "x2"] = np.nan  # rows dropped: the advice pairs rows by label
    res = mnlogit.fit("y ~ x1 + x2", df)
    with pytest.raises(AttributeError, match=r"pred_table\(\) is pd\.crosstab") as err:
        res.pred_table()
    expression = _advice(str(err.value))
    smf = pytest.importorskip("statsmodels.formula.api")
    want = smf.mnlogit("y ~ x1 + x2", df).fit(disp=0).pred_table()
    got = eval(expression, {"pd": pd, "res": res, "y": df["y"]})
    np.testing.assert_array_equal(got.to_numpy(), want)
    # a level never predicted keeps its column, as in statsmodels' K x K table
    arrays = mnlogit.MNLogit(df["y"].to_numpy()[:40], np.ones((40, 1))).fit()
    got = eval(expression, {"pd": pd, "res": arrays, "y": df["y"].to_numpy()[:40]})
    want = sm.MNLogit(df["y"].to_numpy()[:40], np.ones((40, 1))).fit(disp=0).pred_table()
    assert got.shape == (3, 3)
    np.testing.assert_array_equal(got.to_numpy(), want)


@pytest.mark.parametrize(
    ("call", "answer"),
    [
        (lambda df: mnlogit.fit("y ~ x1", df, disp=0), "leave disp out"),
        (lambda df: mnlogit.MNLogit(df["y"], df[["x1"]]).fit(disp=False), "leave disp out"),
        (lambda df: mnlogit.fit("y ~ x1", df, method="bfgs"), "method='newton'"),
        (lambda df: mnlogit.MNLogit(df["y"], df[["x1"]]).fit(method="lbfgs"), "not offered"),
        (lambda df: mnlogit.fit("y ~ x1", df, start_params=np.zeros(4)), "leave start_params"),
        (lambda df: mnlogit.fit("y ~ x1", df, full_output=True), "res.converged"),
        (lambda df: mnlogit.fit("y ~ x1", df, maxiter=50), "max_iter="),
        (lambda df: mnlogit.MNLogit(endog=df["y"], exog=df[["x1"]]), "endog is y"),
        (lambda df: mnlogit.MNLogit(df["y"], exog=df[["x1"]]), "exog is X"),
        (lambda df: mnlogit.MNLogit(df["y"], df[["x1"]], hasconst=True), "leave hasconst"),
        (lambda df: mnlogit.MNLogit(df["y"], df[["x1"]], cov_kwds={}), "groups= here"),
        (lambda df: mnlogit.fit("y ~ x1", df, use_t=False), "leave use_t out"),
        (lambda df: mnlogit.fit("y ~ x1", df).wald_test("x1", scalar=True), r"\.statistic"),
        (
            lambda df: mnlogit.fit("y ~ x1", df).marginal_effects(count=True),
            r"count True\) is not offered",
        ),
    ],
    ids=[
        "disp",
        "disp-model",
        "bfgs",
        "lbfgs",
        "start",
        "full_output",
        "maxiter",
        "endog",
        "exog",
        "hasconst",
        "cov_kwds",
        "use_t",
        "scalar",
        "count",
    ],
)
def test_statsmodels_options_are_answered_with_what_to_write(call, answer):
    # they were answered with the list of the options taken, or of the methods
    with pytest.raises(mnlogit.MNLogitError, match=answer):
        call(_data())


def _close(got, want, rtol=1e-7, atol=1e-10):
    np.testing.assert_allclose(np.asarray(got, float), np.asarray(want, float), rtol, atol)


def test_the_array_fit_is_statsmodels_fit():
    df = _data()
    X = sm.add_constant(df[["x1", "x2"]])
    want = sm.MNLogit(df["y"], X).fit(disp=0)
    res = mnlogit.MNLogit(df["y"], X).fit()
    for ours, theirs in [
        (res.params, want.params),
        (res.bse, want.bse),
        (res.zvalues, want.tvalues),
        (res.pvalues, want.pvalues),
        (res.conf_int(alpha=0.1), want.conf_int(alpha=0.1)),
        (res.cov_params(), want.cov_params()),
        (res.predict(), want.predict()),
    ]:
        _close(ours, theirs)
    _close(
        [res.llf, res.aic, res.bic, res.df_model, res.df_resid, res.nobs],
        [want.llf, want.aic, want.bic, want.df_model, want.df_resid, want.nobs],
    )
    # new rows: with the constant, without it (read by name), and as an array
    new = X.iloc[:7]
    _close(res.predict(new), want.predict(new))
    _close(res.predict(new[["x2", "x1"]]), want.predict(new))
    _close(res.predict(new.to_numpy()), want.predict(new))
    robust = mnlogit.MNLogit(df["y"], X).fit(cov_type="robust")
    _close(robust.bse, sm.MNLogit(df["y"], X).fit(disp=0, cov_type="HC0").bse)
    for at in ("overall", "mean"):
        theirs = want.get_margeff(at=at).summary_frame()
        ours = res.marginal_effects(at=at)
        for k, level in enumerate(res.outcomes):
            for x in ("x1", "x2"):
                row = theirs.loc[(f"y={k}", x)]
                _close(ours.loc[(x, level), ["dydx", "std_error"]], row.iloc[:2])


def test_the_formula_fit_is_statsmodels_fit_with_equations_labelled_by_level():
    smf = pytest.importorskip("statsmodels.formula.api")
    df = _data().assign(y=lambda d: d["y"] + 1, g=lambda d: np.array(list("abc"))[d["cl"] % 3])
    want = smf.mnlogit("y ~ x1 + C(g)", df).fit(disp=0)
    res = mnlogit.fit("y ~ x1 + C(g)", df)
    # statsmodels' column 1 is the second equation, the level 3's: params[3] here
    assert list(want.params.columns) == [0, 1] and list(res.params.columns) == [2, 3]
    for j, level in enumerate(res.params.columns):
        _close(res.params[level], want.params[j].loc[res.params.index])
        _close(res.bse[level], want.bse[j].loc[res.params.index])
    _close(res.predict(df.head(9)), want.predict(df.head(9)))
    # the null log-likelihood in closed form; statsmodels' iterated one is off by ~1e-8
    counts = df["y"].value_counts().to_numpy()
    _close(res.llnull, (counts * np.log(counts / counts.sum())).sum(), rtol=1e-13)
    _close(want.llnull, res.llnull, rtol=1e-9)
    _close(res.lr_test().statistic, want.llr, rtol=1e-7)
    _close(res.pseudo_r2["mcfadden"], want.prsquared, rtol=1e-7)
    # a factor's effect: the change from the baseline level, averaged over the rows
    effects = res.marginal_effects()
    for level in ("b", "c"):
        change = res.predict(df.assign(g=level)) - res.predict(df.assign(g="a"))
        _close(effects.loc[f"g[T.{level}]", "dydx"], change.mean())


def test_clusters_scale_by_g_over_g_minus_1_where_statsmodels_adds_n_minus_1_over_n_minus_k():
    df = _data()
    X = sm.add_constant(df[["x1", "x2"]])
    res = mnlogit.MNLogit(df["y"], X, groups=df["cl"]).fit(cov_type="cluster")
    want = sm.MNLogit(df["y"], X).fit(disp=0, cov_type="cluster", cov_kwds={"groups": df["cl"]})
    n, k = len(df), res.params.size
    _close(want.bse / res.bse.to_numpy(), np.full((3, 2), np.sqrt((n - 1) / (n - k))))


def test_a_model_with_clusters_takes_no_default_covariance():
    # statsmodels takes the clusters with cov_type='cluster' in fit(); a model given them
    # here and fitted without cov_type had model-based standard errors (0.161 against the
    # clusters' 0.214 for x2) with nothing to say the clusters were set aside
    df = _data()
    X = sm.add_constant(df[["x1", "x2"]])
    model = mnlogit.MNLogit(df["y"], X, groups=df["cl"])
    with pytest.raises(mnlogit.MNLogitError, match=r"cov_type='cluster'.*'nonrobust' or 'robust'"):
        model.fit()
    plain = mnlogit.MNLogit(df["y"], X).fit()
    chosen = model.fit(cov_type="nonrobust")
    np.testing.assert_array_equal(chosen.bse.to_numpy(), plain.bse.to_numpy())
    assert not np.allclose(model.fit(cov_type="cluster").bse, plain.bse, rtol=1e-2)
    # the formula fit refuses groups= without cov_type in words of its own: it quoted
    # "got cov_type='nonrobust'", a value not given, whose advice would be refused again
    with pytest.raises(mnlogit.MNLogitError, match="cov_type was not given") as info:
        mnlogit.fit("y ~ x1 + x2", df, groups="cl")
    assert "nonrobust" not in str(info.value)


def test_frequency_weights_are_statsmodels_fit_of_the_rows_repeated():
    smf = pytest.importorskip("statsmodels.formula.api")
    df = _data().assign(w=lambda d: d["cl"] % 4)
    repeated = df.loc[df.index.repeat(df["w"])]
    for cov_type, theirs in (("nonrobust", "nonrobust"), ("robust", "HC0")):
        res = mnlogit.fit("y ~ x1 + x2", df, weights="w", cov_type=cov_type)
        want = smf.mnlogit("y ~ x1 + x2", repeated).fit(disp=0, cov_type=theirs)
        _close(res.params, want.params)
        _close(res.bse, want.bse)
        _close([res.llf, res.nobs, res.aic, res.bic], [want.llf, want.nobs, want.aic, want.bic])


def test_names_that_differ_from_statsmodels_name_the_same_columns():
    smf = pytest.importorskip("statsmodels.formula.api")
    df = _data().assign(flag=lambda d: d["x2"] > 0.2, k=lambda d: (d["cl"] % 3).astype(object))
    X = df[["x1", "x2"]].to_numpy()
    # an array's columns: x0, x1, ... here, x1, x2, ... and const in statsmodels
    for design, theirs, ours in [
        (X, ["x1", "x2"], ["x0", "x1"]),
        (sm.add_constant(X, prepend=False), ["x1", "x2", "const"], ["x0", "x1", "x2"]),
    ]:
        want = sm.MNLogit(df["y"].to_numpy(), design).fit(disp=0)
        res = mnlogit.MNLogit(df["y"].to_numpy(), design).fit()
        assert want.model.exog_names == theirs and list(res.params.index) == ours
        _close(res.params.to_numpy(), want.params)
    # patsy's names of a formula's columns, and its reading of an object column as levels
    for formula, renamed in [
        ("y ~ bs(x1, df=4)", {f"bs(x1, df=4)[{j}]": f"bs(x1, df=4)[{j + 1}]" for j in range(4)}),
        # patsy's [D.a] is the change from a to b, formulaic's [D.b]
        (
            "y ~ x1 + C(g, Diff)",
            {f"C(g, Diff)[D.{a}]": f"C(g, Diff)[D.{b}]" for a, b in ["ab", "bc"]},
        ),
        ("y ~ flag + x2", {"flag[T.True]": "flag"}),
    ]:
        data = df.assign(g=np.array(list("abc"))[df["cl"] % 3])
        want = smf.mnlogit(formula, data).fit(disp=0).params
        want = want.rename(index=renamed)
        res = mnlogit.fit(formula, data)
        _close(res.params.to_numpy(), want.loc[res.params.index].to_numpy())
    want = smf.mnlogit("y ~ k", df).fit(disp=0).params
    res = mnlogit.fit("y ~ C(k)", df)
    assert list(res.params.index) == ["Intercept", "C(k)[T.1]", "C(k)[T.2]"]
    _close(res.params.to_numpy(), want.to_numpy())
    assert list(mnlogit.fit("y ~ k", df).params.index) == ["Intercept", "k"]


@pytest.mark.parametrize(
    "given", [[1, 4], (1, 4), 4, np.eye(6)[[1, 4]]], ids=["list", "tuple", "int", "R"]
)
def test_positions_and_r_alone_are_answered_with_the_pair_that_is_statsmodels_test(given):
    # statsmodels' wald_test(R) takes R alone, and its columns by position; the refusal
    # listed the forms taken ('or an (R, q) pair'), without the pair to write
    df = _data()
    X = sm.add_constant(df[["x1", "x2"]])
    res = mnlogit.MNLogit(df["y"], X).fit()
    with pytest.raises(mnlogit.MNLogitError) as err:
        res.wald_test(given)
    if isinstance(given, np.ndarray):
        assert "(R, 0) tests R b = 0" in str(err.value)
        R, pair = given, (given, 0)
    else:
        pair = eval(str(err.value).split("identity: ")[1].split(" tests")[0], {"np": np})
        R = np.eye(6)[np.atleast_1d(given)]
    want = sm.MNLogit(df["y"], X).fit(disp=0).wald_test(R, scalar=True)
    _close(res.wald_test(pair).statistic, want.statistic, rtol=1e-9)


def test_effects_are_of_the_variables_where_statsmodels_takes_design_columns():
    smf = pytest.importorskip("statsmodels.formula.api")
    df = _data().assign(g=lambda d: np.array(list("abc"))[d["cl"] % 3])
    formula = "y ~ x1*C(g) + np.log(x2 + 10)"
    model = smf.mnlogit(formula, df)
    want = model.fit(disp=0).get_margeff().summary_frame()
    res = mnlogit.fit(formula, df)
    ours = res.marginal_effects()
    # here: the derivative of the probabilities in x1, through x1:C(g)
    h = 1e-6
    for x in ("x1", "x2"):
        up, down = (res.predict(df.assign(**{x: df[x] + d})) for d in (h, -h))
        _close(ours.loc[x, "dydx"], ((up - down) / (2 * h)).mean(), rtol=1e-6)
    # statsmodels': those of each column of its design, as MNLogit(y, X) on it gives them
    design = pd.DataFrame(model.exog, columns=model.exog_names)
    columns = mnlogit.MNLogit(df["y"], design).fit().marginal_effects()
    for k, level in enumerate(res.outcomes):
        for x in ("x1", "np.log(x2 + 10)"):
            theirs = want.loc[(f"y={k}", x)].iloc[:2]
            _close(columns.loc[(x, level), ["dydx", "std_error"]], theirs)
        assert abs(ours.loc[("x1", level), "dydx"] - want.loc[(f"y={k}", "x1")].iloc[0]) > 1e-3


def test_statsmodels_parts_of_a_summary_are_answered_with_this_ones():
    # 'Summary' object has no attribute 'tables', and nothing more
    res = mnlogit.fit("y ~ x1 + x2", _data())
    s = res.summary()
    for name, answer in [
        ("tables", r"s\.frame"),
        ("as_html", r"s\._repr_html_\(\)"),
        ("extra_txt", r"s\.as_text\(\)"),
    ]:
        with pytest.raises(AttributeError, match=answer):
            getattr(s, name)
        assert not hasattr(s, name)
    pd.testing.assert_frame_equal(s.frame, res.to_frame())
    assert s._repr_html_().startswith("<div")
    with pytest.raises(AttributeError, match=r"no attribute 'tabels'$"):
        _ = s.tabels
