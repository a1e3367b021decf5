"""Marginal effects and prediction intervals against the reference and direct computations."""

import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from refdata import RTOL_COEF, RTOL_SE
from scipy import special

import mnlogit
from mnlogit import _fisher
from mnlogit._new_data_design import design_for_new_data
from mnlogit.exceptions import ColumnNotFoundError, DataError, OptionError

SYN = ("synthetic", "unweighted")
SYN_W = ("synthetic", "weighted")
COLUMNS = ["dydx", "std_error", "z", "pvalue", "lower", "upper"]


def _mean_probs(res, frame, w, B=None):
    """Weighted mean predicted probabilities (level order) of ``frame``, optionally at B."""
    X, _ = design_for_new_data(res._data.spec, frame)
    P = _fisher.probabilities(X, res._core.B if B is None else B)
    order = np.argsort(res._data.coding.core_to_level)
    return (w @ P / w.sum())[order]


def _numeric_se(res, f):
    """Delta-method SEs of f(B) (a vector) from a central-difference Jacobian."""
    B = res._core.B
    b = B.T.ravel()
    cols = []
    for a in range(len(b)):
        step = 1e-6 * max(1.0, abs(b[a]))
        up, down = b.copy(), b.copy()
        up[a] += step
        down[a] -= step
        cols.append(
            (f(up.reshape(-1, B.shape[0]).T) - f(down.reshape(-1, B.shape[0]).T)) / (2 * step)
        )
    J = np.column_stack(cols)
    return np.sqrt(np.diag(J @ res.cov_params().to_numpy() @ J.T))


@pytest.mark.parametrize("case_name", [SYN, SYN_W])
def test_average_marginal_effects_match_reference(fits, case_name):
    res = fits[case_name]
    want = refdata.model(*case_name)["average_marginal_effects"]["variables"]
    me = res.marginal_effects()
    assert list(me.columns) == COLUMNS
    assert list(me.index.names) == ["variable", "outcome"]
    assert list(me.index.get_level_values(0).unique()) == [
        "x1",
        "group[T.suburban]",
        "group[T.urban]",
        "x2",
    ]
    for var in ("x1", "x2"):
        rows = me.loc[var]
        assert list(rows.index) == list(res.outcomes)  # every outcome, the reference included
        ame = pd.Series(want[var]["ame"])[rows.index]
        se = pd.Series(want[var]["se"])[rows.index]
        np.testing.assert_allclose(rows["dydx"], ame, rtol=RTOL_COEF)
        np.testing.assert_allclose(rows["std_error"], se, rtol=RTOL_SE)
        assert abs(rows["dydx"].sum()) < 1e-14
        np.testing.assert_allclose(rows["z"], rows["dydx"] / rows["std_error"], rtol=1e-14)
        np.testing.assert_allclose(
            rows["upper"] - rows["dydx"], 1.959963984540054 * rows["std_error"], rtol=1e-12
        )


@pytest.mark.parametrize("case_name", [SYN, SYN_W])
def test_design_column_effects_match_statsmodels(fits, case_name):
    # a model from arrays takes every design column as a variable, as statsmodels' get_margeff
    res = fits[case_name]
    m = refdata.model(*case_name)
    df = refdata.data("synthetic")
    X = pd.DataFrame(res._data.X, columns=res._data.column_names)
    weights = None if case_name == SYN else df["w"]
    arrays = mnlogit.MNLogit(df["mode"], X, ref="car", weights=weights).fit()
    me = arrays.marginal_effects()
    assert "Intercept" not in me.index.get_level_values(0)
    want = m["average_marginal_effects"]["statsmodels_get_margeff_design_columns"]
    cmap = refdata.column_map(m)
    for key, col in (("dydx", "dydx"), ("se", "std_error")):
        for outcome, values in want[key].items():
            for rname, value in values.items():
                np.testing.assert_allclose(
                    me.loc[(cmap[rname], outcome), col],
                    value,
                    rtol=RTOL_COEF,
                    err_msg=f"{outcome} {rname} {key}",
                )


@pytest.mark.slow
def test_factor_effect_is_the_discrete_change_from_the_baseline(fits):
    res = fits[SYN_W]
    df = refdata.data("synthetic")
    w = df["w"].to_numpy(float)
    me = res.marginal_effects(variables="group")
    assert list(me.index.get_level_values(0).unique()) == ["group[T.suburban]", "group[T.urban]"]
    base = df.assign(group="rural")
    for level in ("suburban", "urban"):
        other = df.assign(group=level)
        change = _mean_probs(res, other, w) - _mean_probs(res, base, w)
        rows = me.loc[f"group[T.{level}]"]
        np.testing.assert_allclose(
            rows["dydx"], change, rtol=1e-12, atol=1e-14
        )  # a difference of O(1) means

        def f(B, other=other):
            return _mean_probs(res, other, w, B) - _mean_probs(res, base, w, B)

        np.testing.assert_allclose(rows["std_error"], _numeric_se(res, f), rtol=1e-6)


def test_effects_use_the_chosen_covariance():
    df = refdata.data("synthetic")
    res = mnlogit.fit("mode ~ x1 + group", df, ref="car", cov_type="robust")
    plain = mnlogit.fit("mode ~ x1 + group", df, ref="car")
    me, me_plain = res.marginal_effects(), plain.marginal_effects()
    np.testing.assert_allclose(me["dydx"], me_plain["dydx"], rtol=1e-12)
    assert not np.allclose(me["std_error"], me_plain["std_error"], rtol=1e-3)
    w = np.ones(len(df))

    def f(B):
        return _mean_probs(res, df.assign(group="urban"), w, B) - _mean_probs(
            res, df.assign(group="rural"), w, B
        )

    np.testing.assert_allclose(
        me.loc["group[T.urban]", "std_error"], _numeric_se(res, f), rtol=1e-6
    )


def test_derivative_through_a_polynomial_transform():
    # eta_j = a_j + b_j x + c_j x^2, so g_j = b_j + 2 c_j x exactly
    df = refdata.data("synthetic")
    res = mnlogit.fit("mode ~ x1 + I(x1**2)", df, ref="car")
    B = res._core.B
    x = df["x1"].to_numpy()
    X = res._data.X
    P = _fisher.probabilities(X, B)
    G = np.column_stack([B[1] + 2 * np.outer(x, B[2]), np.zeros(len(x))])
    dP = P * (G - (P * G).sum(axis=1, keepdims=True))
    want = dP.mean(axis=0)[np.argsort(res._data.coding.core_to_level)]
    got = res.marginal_effects(variables=["x1"])
    assert list(got.index.get_level_values(0).unique()) == ["x1"]
    np.testing.assert_allclose(got["dydx"], want, rtol=1e-9)


def test_effects_at_a_typical_row(fits):
    # numeric variables at their means, factors at their most frequent level
    res = fits[SYN_W]
    df = refdata.data("synthetic")
    w = df["w"].to_numpy(float)
    me = res.marginal_effects(at="typical")
    assert me.attrs["at"] == "typical"
    totals = df.groupby("group")["w"].sum()
    row = pd.DataFrame(
        {
            "x1": [np.average(df["x1"], weights=w)],
            "x2": [np.average(df["x2"], weights=w)],
            "group": [totals.idxmax()],
        }
    )
    one = np.ones(1)
    h = 1e-5
    for var in ("x1", "x2"):
        up = row.assign(**{var: row[var] + h})
        down = row.assign(**{var: row[var] - h})
        slope = (_mean_probs(res, up, one) - _mean_probs(res, down, one)) / (2 * h)
        np.testing.assert_allclose(me.loc[var, "dydx"], slope, rtol=1e-6, atol=1e-10)
    change = _mean_probs(res, row.assign(group="urban"), one) - _mean_probs(
        res, row.assign(group="rural"), one
    )
    np.testing.assert_allclose(me.loc["group[T.urban]", "dydx"], change, rtol=1e-12)


def test_factor_baseline_follows_the_contrasts_and_categories():
    df = refdata.data("synthetic")
    res = mnlogit.fit("mode ~ x1 + C(group, contr.treatment('urban'))", df, ref="car")
    labels = list(res.marginal_effects().index.get_level_values(0).unique())
    assert labels == ["x1", "group[T.rural]", "group[T.suburban]"]
    cat = df.assign(
        group=pd.Categorical(df["group"], categories=["suburban", "rural", "urban"]),
        fast=df["x1"] > 0,
    )
    res = mnlogit.fit("mode ~ group + fast", cat, ref="car")
    me = res.marginal_effects()
    assert list(me.index.get_level_values(0).unique()) == [
        "group[T.rural]",
        "group[T.urban]",
        "fast[T.True]",
    ]
    w = np.ones(len(df))
    change = _mean_probs(res, cat.assign(fast=True), w) - _mean_probs(
        res, cat.assign(fast=False), w
    )
    np.testing.assert_allclose(me.loc["fast[T.True]", "dydx"], change, rtol=1e-12)


def test_rows_dropped_for_missing_values_are_left_out():
    df = refdata.data("synthetic")
    holes = df.copy()
    holes.loc[::7, "x2"] = np.nan
    before = holes.copy()
    res = mnlogit.fit("mode ~ x1 + group + log(x2)", holes, ref="car")
    complete = mnlogit.fit("mode ~ x1 + group + log(x2)", df.loc[holes["x2"].notna()], ref="car")
    pd.testing.assert_frame_equal(res.marginal_effects(), complete.marginal_effects(), rtol=1e-12)
    pd.testing.assert_frame_equal(holes, before)  # the user's data are untouched


def test_marginal_effects_options_are_checked(fits):
    res = fits[SYN]
    with pytest.raises(OptionError, match=r"at: expected one of \('overall', 'mean', 'typical'\)"):
        res.marginal_effects(at="median")
    with pytest.raises(
        ColumnNotFoundError,
        match=r"'x3' not among the model's variables "
        r"\('x1', 'group', 'x2'\)",
    ):
        res.marginal_effects(variables=["x1", "x3"])


@pytest.mark.parametrize(
    ("formula", "slope"),
    [("mode ~ log(x2)", lambda x: 1 / x), ("mode ~ I(x2 - 6.25)", np.ones_like)],
)
def test_derivative_near_zero(formula, slope):
    # log needs a step relative to x near 0; a shift such as x - 6.25 needs one on x's scale
    df = refdata.data("synthetic").iloc[:400].copy()
    df.loc[df.index[:6], "x2"] = [1e-6, 2e-6, 5e-7, 3e-5, 1e-4, 1e-12]
    res = mnlogit.fit(formula, df, ref="car")
    B = res._core.B
    P = _fisher.probabilities(res._data.X, B)
    G = np.column_stack([np.outer(slope(df["x2"].to_numpy()), B[1]), np.zeros(len(df))])
    want = (P * (G - (P * G).sum(axis=1, keepdims=True))).mean(axis=0)
    got = res.marginal_effects()["dydx"].to_numpy()
    np.testing.assert_allclose(got, want[np.argsort(res._data.coding.core_to_level)], rtol=1e-8)


def test_derivative_outside_the_domain_is_an_error():
    df = refdata.data("synthetic").iloc[:400].copy()
    df.loc[df.index[0], "x2"] = 0.0
    res = mnlogit.fit("mode ~ I(x2**0.5)", df, ref="car")
    # x2 = 0 is the edge of the square root's domain, whose slope there is infinite
    with pytest.raises(DataError, match=r"no derivative with respect to 'x2' at 1 row\(s\)"):
        res.marginal_effects()


# --- prediction intervals ------------------------------------------------------------------------
@pytest.mark.parametrize("cov_type", ["nonrobust", "robust"])
def test_prediction_intervals(cov_type):
    df = refdata.data("synthetic")
    res = mnlogit.fit(
        "mode ~ x1 + group + x1:group + log(x2)", df, ref="car", weights="w", cov_type=cov_type
    )
    new = df.iloc[[3, 10, 500]].set_index(pd.Index(["a", "b", "c"]))
    pi = res.prediction_intervals(new, alpha=0.1)
    assert list(pi.columns) == ["prob", "std_error", "lower", "upper"]
    assert list(pi.index.names) == ["row", "outcome"]
    assert list(pi.index[:4]) == [("a", lv) for lv in res.outcomes]
    probs = res.predict(new)
    np.testing.assert_allclose(pi["prob"].to_numpy(), probs.to_numpy().ravel(), rtol=1e-14)
    X, _ = design_for_new_data(res._data.spec, new)
    order = np.argsort(res._data.coding.core_to_level)

    def f(B):
        return _fisher.probabilities(X, B)[:, order].ravel()

    np.testing.assert_allclose(pi["std_error"], _numeric_se(res, f), rtol=1e-6)
    p, se = pi["prob"], pi["std_error"]
    assert ((pi["lower"] > 0) & (pi["lower"] < p) & (p < pi["upper"]) & (pi["upper"] < 1)).all()
    # symmetric on the logit scale
    np.testing.assert_allclose(
        special.logit(pi["upper"]) - special.logit(p),
        1.6448536269514722 * se / (p * (1 - p)),
        rtol=1e-9,
    )
    np.testing.assert_allclose(
        special.logit(p) - special.logit(pi["lower"]),
        1.6448536269514722 * se / (p * (1 - p)),
        rtol=1e-9,
    )
    fitted = res.prediction_intervals()
    assert len(fitted) == 4 * len(df)
    np.testing.assert_allclose(fitted.loc[3, "std_error"], pi.loc["a", "std_error"], rtol=1e-12)


def test_prediction_intervals_model_from_arrays(fits):
    res = fits["anes96", "main"]
    X = pd.DataFrame(res._data.X, columns=res._data.column_names)
    arrays = mnlogit.MNLogit(refdata.data("anes96")["PID"], X, ref=0).fit()
    pi = arrays.prediction_intervals(X.iloc[:5])
    np.testing.assert_allclose(
        pi.to_numpy(), res.prediction_intervals().iloc[:35].to_numpy(), rtol=1e-9
    )
    with pytest.raises(DataError, match="alpha"):
        arrays.prediction_intervals(alpha=1.5)


# --- where effects are evaluated -----------------------------------------------------------------
def test_effects_at_the_means_match_statsmodels_atmeans():
    # at="mean": every design column at its mean, dummies included (statsmodels' at="mean",
    # Stata's atmeans); the derivative of log(distance) is averaged over the rows as well
    sm = pytest.importorskip("statsmodels.api")
    df = mnlogit.datasets.load("travel").dropna()
    res = mnlogit.fit("mode ~ np.log(distance) + income + parking + region", df, ref="bus")
    y = df["mode"].astype("category").cat.codes.to_numpy()
    fit = sm.MNLogit(y, res._data.X).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
    margeff = fit.get_margeff(at="mean")
    names = list(res._data.column_names)
    me = res.marginal_effects(at="mean")
    assert me.attrs["at"] == "mean"
    np.testing.assert_allclose(me.attrs["evaluated_at"], res._data.X.mean(axis=0), rtol=1e-12)
    assert list(me.attrs["evaluated_at"].index) == names
    assert "atmeans" in me.attrs["note"]
    order = list(res.outcomes)
    for var, column, factor in [
        ("income", "income", 1.0),
        ("parking", "parking", 1.0),
        ("distance", "np.log(distance)", np.mean(1 / df["distance"])),
    ]:
        j = names.index(column) - 1  # statsmodels leaves out the constant
        got = me.loc[var].loc[order]
        np.testing.assert_allclose(got["dydx"], margeff.margeff[j] * factor, rtol=1e-6)
        np.testing.assert_allclose(got["std_error"], margeff.margeff_se[j] * factor, rtol=1e-5)
    # a factor: its levels set in every row, then every design column averaged
    X_means = {
        lv: design_for_new_data(res._data.spec, df.assign(region=lv))[0].mean(axis=0)
        for lv in ("rural", "urban")
    }
    P = {lv: _fisher.probabilities(x[None], res._core.B)[0] for lv, x in X_means.items()}
    change = (P["urban"] - P["rural"])[np.argsort(res._data.coding.core_to_level)]
    np.testing.assert_allclose(me.loc["region[T.urban]", "dydx"], change, rtol=1e-12)


def test_overall_effects_say_where_they_were_evaluated(fits):
    me = fits[SYN_W].marginal_effects(alpha=0.1)
    assert me.attrs["at"] == "overall" and me.attrs["evaluated_at"] is None
    assert "averaged over the 2000 rows used (with their frequency weights)" in me.attrs["note"]
    np.testing.assert_allclose(
        me["upper"] - me["dydx"], 1.6448536269514722 * me["std_error"], rtol=1e-12
    )
    typical = fits[SYN_W].marginal_effects(at="typical")
    assert typical.attrs["evaluated_at"]["group"] in ("rural", "suburban", "urban")


# --- stateful transforms -------------------------------------------------------------------------
@pytest.mark.parametrize("at", ["overall", "mean", "typical"])
def test_stateful_transforms_need_nothing_from_the_user(at):
    # the steps of the differences stay inside the range bs() was fitted on; the same basis
    # extended beyond its bounds gives the same effects by plain central differences
    df = mnlogit.datasets.load("travel").dropna()
    res = mnlogit.fit(
        "mode ~ bs(np.log(distance), df=4) + scale(income) + center(age) + region",
        df,
        ref="car",
    )
    extended = mnlogit.fit(
        'mode ~ bs(np.log(distance), df=4, extrapolation="extend") + income + age + region',
        df,
        ref="car",
    )
    np.testing.assert_allclose(res.llf, extended.llf, rtol=1e-10)
    got, want = res.marginal_effects(at=at), extended.marginal_effects(at=at)
    np.testing.assert_allclose(got["dydx"], want["dydx"], rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(got["std_error"], want["std_error"], rtol=1e-5)
    m = res.margins(at={"distance": [float(df["distance"].max())]}, kind="effect")
    assert np.isfinite(m.to_frame()["estimate"]).all()
    # beyond the bounds of the spline's argument, which the encoding finds
    beyond = r"at: with distance=500.*bs\(np.log\(distance\), df=4\) is asked for values beyond"
    with pytest.raises(DataError, match=beyond):
        res.margins(at={"distance": 500})


def test_natural_spline_effects_at_the_boundary():
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ cr(distance, df=3) - 1", df, ref="car")
    me = res.marginal_effects()
    # cr() is linear beyond its bounds, so plain central differences work there too
    X = res._data.X
    B = res._core.B
    x = res._data.frame["distance"]
    h = 1e-4
    up, _ = design_for_new_data(res._data.spec, res._data.frame.assign(distance=x + h))
    down, _ = design_for_new_data(res._data.spec, res._data.frame.assign(distance=x - h))
    P = _fisher.probabilities(X, B)
    G = np.column_stack([((up - down) / (2 * h)) @ B, np.zeros(len(X))])
    want = (P * (G - (P * G).sum(axis=1, keepdims=True))).mean(axis=0)
    np.testing.assert_allclose(
        me["dydx"], want[np.argsort(res._data.coding.core_to_level)], rtol=1e-6
    )


# --- separation ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def separated():
    df = mnlogit.datasets.load("travel")
    rng = np.random.default_rng(0)
    # a few car trips flagged "remote": no other mode is ever taken by them
    df["remote"] = np.where((df["mode"] == "car") & (rng.random(len(df)) < 0.05), "yes", "no")
    with pytest.warns(mnlogit.SeparationWarning):
        res = mnlogit.fit("mode ~ np.log(distance) + remote", df, ref="car")
    return df, res


def test_separated_fits_give_nan_effects(separated):
    _, res = separated
    assert res.separation is not None
    me = res.marginal_effects()
    # every average runs through the remote rows, whose coefficients diverge
    assert me.isna().all().all()
    assert res.margins(kind="effect").to_frame()["estimate"].isna().all()
    assert "'remote[T.yes]'" in me.attrs["note"] and 'method="firth"' in me.attrs["note"]
    typical = res.marginal_effects(at="typical")  # remote = "no": estimable
    assert np.isfinite(typical.loc["distance"].to_numpy()).all()
    assert typical.loc["remote[T.yes]"].isna().all().all()
    m = res.margins(over="remote").to_frame().set_index(["remote", "outcome"])
    assert np.isfinite(m.loc["no"].to_numpy()).all()
    # probabilities keep their fitted values (near 0 or 1); their inference is NaN
    yes = m.loc["yes"]
    assert yes.loc["car", "estimate"] > 0.999
    assert yes[["std_error", "z", "pvalue", "lower", "upper"]].isna().all().all()
    eff = res.margins(over="remote", kind="effect").to_frame().set_index(["remote", "outcome"])
    eff = eff.drop(columns="variable")
    assert eff.loc["yes"].isna().all().all() and np.isfinite(eff.loc["no"].to_numpy()).all()
    # a difference of margins is a change, NaN as the discrete change of marginal_effects()
    contrast = res.margins(over="remote").contrast("remote").to_frame()
    assert contrast[["estimate", "std_error"]].isna().all().all()


def test_separated_fits_give_nan_prediction_intervals(separated):
    df, res = separated
    new = df.iloc[:3].assign(remote=["no", "yes", "no"])
    pi = res.prediction_intervals(new)
    assert np.isfinite(pi.loc[[0, 2]].to_numpy()).all()
    assert pi.loc[1, ["std_error", "lower", "upper"]].isna().all().all()
    np.testing.assert_allclose(pi["prob"], res.predict(new).to_numpy().ravel(), rtol=1e-14)
    assert "1 row(s)" in pi.attrs["note"]
    firth = mnlogit.fit("mode ~ np.log(distance) + remote", df, ref="car", method="firth")
    assert np.isfinite(firth.prediction_intervals(new).to_numpy()).all()
    assert np.isfinite(firth.marginal_effects().to_numpy()).all()


def test_plain_columns_in_one_pass_equal_the_differenced_effects(monkeypatch):
    # variables that are one design column each take the exact derivative and one pass for
    # all of them; the others (a transform, an interaction, a factor) go one at a time
    rng = np.random.default_rng(3)
    n = 3000
    df = pd.DataFrame(
        {
            "x1": rng.standard_normal(n),
            "x2": rng.uniform(0.5, 2.0, n),
            "x3": rng.standard_normal(n),
            "x4": rng.standard_normal(n),
            "g": rng.choice(["a", "b", "c"], n),
            "w": rng.integers(1, 4, n),
        }
    )
    eta = np.column_stack(
        [np.zeros(n), 0.5 * df.x1 - np.log(df.x2), 0.3 * df.x3 * df.x4 + (df.g == "b")]
    )
    df["y"] = np.array(["p", "q", "r"])[np.argmax(eta + rng.gumbel(size=(n, 3)), axis=1)]
    res = mnlogit.fit("y ~ x1 + np.log(x2) + C(g) + x3 * x4", df, weights="w")
    fast = res.marginal_effects()
    assert list(fast.index.get_level_values(0).unique()) == [
        "x1",
        "x2",
        "g[T.b]",
        "g[T.c]",
        "x3",
        "x4",
    ]
    from mnlogit.margins import _derivative, effects

    monkeypatch.setattr(effects, "plain_column", lambda spec, name: None)
    monkeypatch.setattr(_derivative, "plain_column", lambda spec, name: None)
    slow = res.marginal_effects()
    pd.testing.assert_frame_equal(fast, slow, rtol=1e-8, atol=1e-12)
    # an array model's columns are all plain: the batched path against the per-column one
    arrays = mnlogit.MNLogit(df["y"], np.column_stack([np.ones(n), df[["x1", "x3"]]])).fit()
    a = arrays.marginal_effects()
    monkeypatch.setattr(effects._Point, "column_slopes", lambda self, *args: {})
    pd.testing.assert_frame_equal(a, arrays.marginal_effects(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("scale", [1e-160, 1e150])
def test_effects_and_intervals_do_not_depend_on_another_columns_units(scale):
    # the covariance in user units of a column of 1e-160 overflows; effects and intervals
    # come from the covariance the fit ran on (columns rescaled by powers of two)
    rng = np.random.default_rng(7)
    n = 4000
    df = pd.DataFrame({"x": rng.standard_normal(n), "v": rng.standard_normal(n)})
    eta = np.column_stack([np.zeros(n), 0.5 * df.x + 0.3 * df.v, -0.4 * df.x + 0.2])
    df["y"] = np.array(list("abc"))[np.argmax(eta + rng.gumbel(size=(n, 3)), axis=1)]
    scaled = df.assign(x=df.x * scale)
    base = mnlogit.fit("y ~ x + v", df)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow on the way
        res = mnlogit.fit("y ~ x + v", scaled)
        me = res.marginal_effects()
        intervals = res.prediction_intervals(scaled.head(5))
    want = base.marginal_effects()
    np.testing.assert_allclose(me.loc["v"], want.loc["v"], rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(
        me.loc["x", "std_error"] / want.loc["x", "std_error"], 1 / scale, rtol=1e-9
    )
    np.testing.assert_allclose(intervals, base.prediction_intervals(df.head(5)), rtol=1e-9)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        margins = res.margins(at={"v": [-1.0, 1.0]}).to_frame()
        contrast = res.margins(at={"v": [-1.0, 1.0]}).contrast("v").to_frame()
    want_margins = base.margins(at={"v": [-1.0, 1.0]}).to_frame()
    np.testing.assert_allclose(margins["std_error"], want_margins["std_error"], rtol=1e-9)
    want_contrast = base.margins(at={"v": [-1.0, 1.0]}).contrast("v").to_frame()
    np.testing.assert_allclose(contrast["std_error"], want_contrast["std_error"], rtol=1e-9)
