"""Figures: their content (lines, bands, scales, labels), not their pixels."""

import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import refdata
from matplotlib.collections import LineCollection, PolyCollection, QuadMesh
from matplotlib.figure import Figure
from scipy import special, stats

import mnlogit
from mnlogit import _fisher, _linalg
from mnlogit.exceptions import (
    ColumnNotFoundError,
    DataError,
    InputTypeError,
    LevelError,
    MissingDependencyError,
    OptionError,
)

FORMULA = "mode ~ x1 + group + x1:group + np.log(x2)"


@pytest.fixture(scope="module")
def synth():
    return refdata.data("synthetic")


@pytest.fixture(scope="module")
def res(synth):
    return mnlogit.fit(FORMULA, synth, ref="car")


def _lines(ax):
    return [ln for ln in ax.get_lines() if not ln.get_label().startswith("_")]


def _grid_newdata(synth, x2, group="urban"):
    return pd.DataFrame({"x1": synth["x1"].mean(), "x2": x2, "group": group})


def test_probabilities_one_line_and_band_per_outcome(res, synth):
    fig = res.plot_probabilities("x2", data=synth, n_points=50)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    lines = _lines(ax)
    assert [ln.get_label() for ln in lines] == list(res.outcomes)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(res.outcomes)
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == len(res.outcomes)
    assert ax.get_xlabel() == "x2"
    assert ax.get_ylabel() == "Predicted probability"
    x = lines[0].get_xdata()
    assert len(x) == 50
    assert x[0] == pytest.approx(synth["x2"].min()) and x[-1] == pytest.approx(synth["x2"].max())
    # the curves are the model's predictions with x1 at its mean and group at its mode
    assert synth["group"].mode()[0] == "urban"
    expected = res.predict(_grid_newdata(synth, x))
    for ln, level in zip(lines, res.outcomes, strict=True):
        np.testing.assert_allclose(ln.get_ydata(), expected[level].to_numpy(), rtol=1e-12)
    total = np.sum([ln.get_ydata() for ln in lines], axis=0)
    np.testing.assert_allclose(total, 1.0, rtol=1e-12)


def _band_edges(band):
    """Lower and upper edge of a fill_between polygon, as (x, y) arrays each."""
    verts = band.get_paths()[0].vertices
    n = (len(verts) - 3) // 2  # start, n lower points, a joint, n upper points reversed, close
    return verts[1 : n + 1], verts[n + 2 : 2 * n + 2][::-1]


def _numeric_delta_se(res, X, level):
    """Delta-method SE of P(level) with the gradient by central differences."""
    B = res.params.to_numpy()
    col = list(res.outcomes).index(level)
    order = np.argsort(res._data.coding.core_to_level)
    beta = _linalg.flat(B)
    grad = np.empty((len(X), beta.size))
    h = 1e-6
    for i in range(beta.size):
        e = np.zeros_like(beta)
        e[i] = h
        up = _fisher.probabilities(X, _linalg.unflat(beta + e, B.shape[0]))[:, order][:, col]
        dn = _fisher.probabilities(X, _linalg.unflat(beta - e, B.shape[0]))[:, order][:, col]
        grad[:, i] = (up - dn) / (2 * h)
    V = res.cov_params().to_numpy()
    return np.sqrt(np.einsum("mi,ij,mj->m", grad, V, grad))


@pytest.mark.parametrize("cov_type", ["nonrobust", "robust"])
def test_probability_bands_are_delta_method_intervals(synth, cov_type):
    res = mnlogit.fit(FORMULA, synth, ref="car", cov_type=cov_type)
    fig = res.plot_probabilities("x2", data=synth, n_points=12, alpha=0.1)
    ax = fig.axes[0]
    z = stats.norm.isf(0.05)
    x = _lines(ax)[0].get_xdata()
    X = res._design(_grid_newdata(synth, x))[0]
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    for ln, band, level in zip(_lines(ax), bands, res.outcomes, strict=True):
        lower, upper = _band_edges(band)
        np.testing.assert_allclose(lower[:, 0], x)
        np.testing.assert_allclose(upper[:, 0], x)
        prob = ln.get_ydata()
        se = _numeric_delta_se(res, X, level)
        # logit-scale delta-method interval, transformed back
        half = z * se / (prob * (1 - prob))
        np.testing.assert_allclose(
            lower[:, 1], special.expit(special.logit(prob) - half), rtol=1e-6
        )
        np.testing.assert_allclose(
            upper[:, 1], special.expit(special.logit(prob) + half), rtol=1e-6
        )
        assert np.all(upper[:, 1] > lower[:, 1])


def test_log_scale_grid(res, synth):
    ax = res.plot_probabilities("x2", data=synth, n_points=9, xscale="log").axes[0]
    assert ax.get_xscale() == "log"
    x = _lines(ax)[0].get_xdata()
    np.testing.assert_allclose(np.diff(np.log(x)), np.log(x[-1] / x[0]) / 8)
    ax.figure.canvas.draw()
    assert {"1", "2", "5", "10"} <= {t.get_text() for t in ax.get_xticklabels()}
    ax = res.plot_decision_regions("x1", "x2", data=synth, n_points=9, yscale="log").axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("linear", "log")
    with pytest.raises(DataError, match=r"xscale='log' needs positive values; 'x1'"):
        res.plot_probabilities("x1", data=synth, xscale="log")
    with pytest.raises(mnlogit.exceptions.OptionError, match=r"xscale.*'linear', 'log'.*'ln'"):
        res.plot_probabilities("x2", data=synth, xscale="ln")


def test_probabilities_at_holds_given_values(res, synth):
    fig = res.plot_probabilities("x1", at={"group": "rural", "x2": 3.0}, data=synth, n_points=20)
    ax = fig.axes[0]
    assert "group = rural" in ax.get_title() and "x2 = 3" in ax.get_title()
    x = _lines(ax)[0].get_xdata()
    expected = res.predict(pd.DataFrame({"x1": x, "x2": 3.0, "group": "rural"}))
    for ln in _lines(ax):
        np.testing.assert_allclose(ln.get_ydata(), expected[ln.get_label()], rtol=1e-12)


def test_probabilities_over_a_factor(res, synth):
    fig = res.plot_probabilities("group", data=synth)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["rural", "suburban", "urban"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(res.outcomes)
    expected = res.predict(
        pd.DataFrame(
            {
                "x1": synth["x1"].mean(),
                "x2": synth["x2"].mean(),
                "group": ["rural", "suburban", "urban"],
            }
        )
    )
    markers = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    assert len(markers) == len(res.outcomes)
    for ln, level in zip(markers, res.outcomes, strict=True):
        np.testing.assert_allclose(ln.get_ydata(), expected[level], rtol=1e-12)


def test_numeric_column_used_as_factor_is_held_at_its_mode():
    df = refdata.data("synthetic").assign(g=lambda d: np.arange(len(d)) % 3 + (d.index < 100))
    res = mnlogit.fit("mode ~ x1 + C(g)", df, ref="car")
    mode = df["g"].mode()[0]
    fig = res.plot_probabilities("x1", data=df, n_points=10)
    ax = fig.axes[0]
    assert f"g = {mode}" in ax.get_title()
    x = _lines(ax)[0].get_xdata()
    expected = res.predict(pd.DataFrame({"x1": x, "g": mode}))
    np.testing.assert_allclose(_lines(ax)[0].get_ydata(), expected[res.outcomes[0]], rtol=1e-12)


def test_a_numeric_column_used_as_factor_is_drawn_at_its_levels():
    """plot_probabilities("g") of C(g) drew a grid between the levels, refused as levels
    not seen in fitting "of newdata"; decision regions over it are refused as a factor's."""
    df = refdata.data("synthetic").assign(g=lambda d: np.arange(len(d)) % 3 + 0.0)
    res = mnlogit.fit("mode ~ x1 + C(g)", df, ref="car")
    ax = res.plot_probabilities("g").axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0.0", "1.0", "2.0"]
    expected = res.predict(pd.DataFrame({"x1": df["x1"].mean(), "g": [0.0, 1.0, 2.0]}))
    markers = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    for ln, level in zip(markers, res.outcomes, strict=True):
        np.testing.assert_allclose(ln.get_ydata(), expected[level], rtol=1e-12)
    with pytest.raises(DataError, match=r"'g' is a factor \(not numeric, or numbers"):
        res.plot_decision_regions("x1", "g")


def test_defaults_come_from_the_fit_with_frequency_weights(synth):
    res = mnlogit.fit(FORMULA, synth, ref="car", weights="w")
    fig = res.plot_probabilities("x2", n_points=15)
    ax = fig.axes[0]
    x1 = np.average(synth["x1"], weights=synth["w"])
    group = synth.groupby("group")["w"].sum().idxmax()
    assert f"group = {group}" in ax.get_title() and f"x1 = {x1:.3g}" in ax.get_title()
    x = _lines(ax)[0].get_xdata()
    assert x[0] == synth["x2"].min() and x[-1] == synth["x2"].max()
    expected = res.predict(pd.DataFrame({"x1": x1, "x2": x, "group": group}))
    for ln in _lines(ax):
        np.testing.assert_allclose(ln.get_ydata(), expected[ln.get_label()], rtol=1e-12)


def test_decision_regions_overlay_the_observed_rows(res, synth):
    ax = res.plot_decision_regions("x1", "x2", n_points=10).axes[0]
    dots = [c for c in ax.collections if not isinstance(c, QuadMesh)]
    assert len(dots) == len(res.outcomes)
    assert sum(len(c.get_offsets()) for c in dots) == len(synth)
    for c, level in zip(dots, res.outcomes, strict=True):
        rows = synth[synth["mode"] == level]
        np.testing.assert_array_equal(np.asarray(c.get_offsets()), rows[["x1", "x2"]].to_numpy())


def test_plot_does_not_modify_data(res, synth):
    before = synth.copy()
    res.plot_probabilities("x2", data=synth, n_points=5)
    res.plot_decision_regions("x1", "x2", data=synth, n_points=5)
    pd.testing.assert_frame_equal(synth, before)


def test_draws_into_given_axes(res, synth):
    fig, axes = plt.subplots(1, 2)
    out = res.plot_probabilities("x1", data=synth, ax=axes[1], n_points=5)
    assert out is fig
    assert len(_lines(axes[1])) == len(res.outcomes) and not _lines(axes[0])


@pytest.mark.parametrize("call", ["probabilities", "odds_ratios", "decision_regions"])
def test_draws_into_axes_of_a_subfigure(res, synth, call):
    # a subfigure has no tight_layout: its parent lays it out
    fig = plt.figure()
    sub = fig.subfigures(1, 2)[1]
    ax = sub.subplots()
    if call == "probabilities":
        out = res.plot_probabilities("x1", data=synth, ax=ax, n_points=5)
    elif call == "odds_ratios":
        out = res.plot_odds_ratios(ax=ax)
    else:
        out = res.plot_decision_regions("x1", "x2", data=synth, ax=ax, n_points=5)
    assert out is sub and ax.has_data()


def test_odds_ratio_forest_plot(res):
    fig = res.plot_odds_ratios(alpha=0.1)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    assert "Relative-risk ratio" in ax.get_xlabel() and "car" in ax.get_xlabel()
    assert any(np.allclose(ln.get_xdata(), 1.0) for ln in ax.get_lines())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(res.equations)
    terms = [t for t in res.params.index if t != "Intercept"]
    assert [t.get_text() for t in ax.get_yticklabels()] == terms * len(res.equations)
    table = res.odds_ratios(alpha=0.1)
    points = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    whiskers = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(points) == len(res.equations)
    for ln, wh, level in zip(points, whiskers, res.equations, strict=True):
        sub = table.loc[level].loc[terms]
        np.testing.assert_allclose(ln.get_xdata(), sub["odds_ratio"], rtol=1e-12)
        seg = np.array([s[:, 0] for s in wh.get_segments()])
        np.testing.assert_allclose(seg[:, 0], sub["lower"], rtol=1e-12)
        np.testing.assert_allclose(seg[:, 1], sub["upper"], rtol=1e-12)


def test_odds_ratio_term_selection(res):
    fig = res.plot_odds_ratios(terms=["x1", "Intercept"])
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["x1", "Intercept"] * len(res.equations)
    with pytest.raises(ColumnNotFoundError, match="'x9'"):
        res.plot_odds_ratios(terms=["x9"])


def test_decision_regions_are_the_most_probable_outcome(res, synth):
    fig = res.plot_decision_regions("x1", "x2", data=synth, n_points=30)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "x1" and ax.get_ylabel() == "x2"
    mesh = next(c for c in ax.collections if isinstance(c, QuadMesh))
    winner = np.asarray(mesh.get_array()).reshape(30, 30)
    gx = np.linspace(synth["x1"].min(), synth["x1"].max(), 30)
    gy = np.linspace(synth["x2"].min(), synth["x2"].max(), 30)
    XX, YY = np.meshgrid(gx, gy)
    probs = res.predict(pd.DataFrame({"x1": XX.ravel(), "x2": YY.ravel(), "group": "urban"}))
    np.testing.assert_array_equal(winner, probs.to_numpy().argmax(axis=1).reshape(30, 30))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    shown = [res.outcomes[i] for i in np.unique(winner).astype(int)]
    assert legend == shown and len(shown) >= 2


@pytest.mark.parametrize(
    "call",
    [
        lambda r, d: r.plot_probabilities("x1", data=d),
        lambda r, d: r.plot_odds_ratios(),
        lambda r, d: r.plot_decision_regions("x1", "x2", data=d),
    ],
)
def test_missing_matplotlib_names_the_extra(res, synth, call, monkeypatch):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MissingDependencyError, match=r'pip install "mnlogit\[plot\]"'):
        call(res, synth)


def test_bad_arguments(res, synth):
    with pytest.raises(ColumnNotFoundError, match=r"'age'.*x1, x2"):
        res.plot_probabilities("age", data=synth)
    with pytest.raises(ColumnNotFoundError, match="'colour'"):
        res.plot_probabilities("x1", at={"colour": "red"}, data=synth)
    with pytest.raises(DataError, match="'x1' is the plotted variable"):
        res.plot_probabilities("x1", at={"x1": 0.0}, data=synth)
    with pytest.raises(DataError, match="alpha"):
        res.plot_probabilities("x1", data=synth, alpha=1.5)
    with pytest.raises(ColumnNotFoundError, match="'group'"):
        res.plot_probabilities("x1", data=synth[["x1", "x2"]])
    with pytest.raises(DataError, match="DataFrame"):
        res.plot_probabilities("x1", data=synth.to_numpy())
    with pytest.raises(DataError, match="'group' is a factor"):
        res.plot_decision_regions("x1", "group", data=synth)
    with pytest.raises(DataError, match="two different"):
        res.plot_decision_regions("x1", "x1", data=synth)


def test_model_from_arrays_has_no_raw_predictors(synth):
    X = np.column_stack([np.ones(len(synth)), synth["x1"]])
    res = mnlogit.MNLogit(synth["mode"], X, ref="car").fit()
    with pytest.raises(DataError, match="formula"):
        res.plot_probabilities("x1")
    assert res.plot_odds_ratios().axes[0].get_xscale() == "log"


def test_figures_say_what_the_fit_cannot_support(synth):
    """plot_odds_ratios drew the ratios and 95% intervals of a fit stopped by max_iter with
    nothing said (plot_probabilities, margins and prediction intervals refuse such a fit);
    an L2-penalised fit's forest plot was empty under 'not finite, not shown' for every
    term, and its probability plot titled '95% pointwise intervals' drew none."""
    from mnlogit.exceptions import EstimationError

    with pytest.warns(mnlogit.ConvergenceWarning):
        stopped = mnlogit.fit(FORMULA, synth, ref="car", max_iter=1)
    with pytest.raises(EstimationError, match="did not converge in 1 iteration"):
        stopped.plot_odds_ratios()
    plt.close("all")
    l2 = mnlogit.fit(FORMULA, synth, ref="car", penalty="l2")
    ax = l2.plot_odds_ratios().axes[0]
    title = ax.get_title()
    assert "not finite" not in title and "no intervals" in title, title
    points = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    assert sum(len(ln.get_xdata()) for ln in points) == l2.params.drop("Intercept").size
    ax = l2.plot_probabilities("x1").axes[0]
    assert "pointwise intervals" not in ax.get_title() and "no intervals" in ax.get_title()
    plt.close("all")


def test_a_design_without_degrees_of_freedom_plots_ratios_without_intervals(synth):
    """Its ratios exist, its t intervals do not: the forest plot left every term out as
    'not finite'."""
    d = synth.assign(st=np.arange(len(synth)) % 4)
    one_psu = mnlogit.SurveyDesign(strata="st", psu="st", lonely_psu="adjust")
    res = mnlogit.fit("mode ~ x1 + np.log(x2)", d, ref="car", design=one_psu)
    assert res.df_design == 0
    ax = res.plot_odds_ratios().axes[0]
    assert "not finite" not in ax.get_title() and "0 design degrees of freedom" in ax.get_title()
    assert "Wald interval" not in ax.get_xlabel()
    plt.close("all")


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf, True, "3", None])
def test_a_numeric_value_held_that_is_no_finite_number_is_refused(res, synth, value):
    # was an empty figure (every line NaN) with nothing said, or a bool read as 0 or 1;
    # margins(at=...) refused the same values
    with pytest.raises(DataError, match=r"at: 'x2' is numeric; expected finite numbers"):
        res.plot_probabilities("x1", at={"x2": value}, data=synth)
    three = mnlogit.fit("mode ~ x1 + np.log(x2) + w", synth, ref="car")
    with pytest.raises(DataError, match=r"at: 'w' is numeric; expected finite numbers"):
        three.plot_decision_regions("x1", "x2", at={"w": value}, data=synth, n_points=5)


def test_decision_regions_name_every_outcome_its_points_are_drawn_in():
    # an outcome nowhere the most probable was left out of the legend, while its
    # observations were drawn in its colour: dots of a colour nothing named
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ income + age", df, ref="car")
    ax = res.plot_decision_regions("income", "age", n_points=30).axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["bus", "car", "train (nowhere most probable)", "walk"]
    drawn = {tuple(np.round(c.get_facecolor()[0][:3], 6)) for c in ax.collections[1:]}
    assert len(drawn) == 4  # the points of every outcome, train's among them


def test_a_ratio_that_underflows_to_zero_is_not_called_infinite():
    """exp(-7000) is 0, which a log axis cannot show: the title listed it as 'not finite'
    beside the diverging ratios, though its coefficient and ratio are finite."""
    rng = np.random.default_rng(9)
    x = rng.normal(size=600)
    y = np.where(rng.random(600) < 0.5, "p", np.where(rng.random(600) < 0.5, "q", "r"))
    df = pd.DataFrame({"y": y, "tiny": x * 1e-5})  # coefficients of -7000 and -4500
    res = mnlogit.fit("y ~ tiny", df)
    assert (res.to_frame()["odds_ratio"].loc[:, "tiny"] == 0).all()
    title = res.plot_odds_ratios().axes[0].get_title()
    assert "not finite or 0 (off a log scale), not shown: q: tiny, r: tiny" in title, title
    plt.close("all")


def test_a_value_held_outside_a_transform_s_domain_is_refused(res, synth):
    """np.log(x2) held at x2 = -1 predicted NaN: plot_probabilities drew no line under a
    title blaming separation, plot_decision_regions the first outcome's region everywhere
    (the argmax of NaN). Refused, as margins(at=...) refuses such a value."""
    refused = r"x2 = -1, design column 'np.log\(x2\)' is nan"
    with pytest.raises(DataError, match=refused):
        res.plot_probabilities("x1", n_points=5, at={"x2": -1.0})
    three = synth.assign(x3=synth["x1"] ** 2)
    fit = mnlogit.fit("mode ~ x1 + x3 + np.log(x2)", three, ref="car")
    with pytest.raises(DataError, match=refused):
        fit.plot_decision_regions("x1", "x3", n_points=5, at={"x2": -1.0})
    plt.close("all")


def test_a_level_held_that_the_fit_never_saw_is_refused_by_at(res):
    """A factor's level held by at= that the fit never saw was refused as one of a "newdata"
    never given ("newdata: column 'group' has value(s) {'Urban'} ..."): refused by at=, as
    margins(at=) refuses it, with the level it was meant to be. A level it did see is drawn."""
    with pytest.raises(LevelError, match=r"^at: 'Urban' is not a level of 'group'.*letter case"):
        res.plot_probabilities("x1", n_points=5, at={"group": "Urban"})
    with pytest.raises(LevelError, match=r"^at: 'mars' is not a level of 'group'"):
        res.plot_decision_regions("x1", "x2", n_points=5, at={"group": "mars"})
    title = res.plot_probabilities("x1", n_points=5, at={"group": "rural"}).axes[0].get_title()
    assert "group = rural" in title
    plt.close("all")


def test_a_grid_past_a_million_rows_is_refused_before_it_is_built(res):
    """n_points=10**9 built a grid of 8 GB before anything was predicted (the process was
    killed), and plot_decision_regions' n_points=10**5 one of 10**10 rows: refused by
    n_points, saying how many a figure takes. A million rows is drawn."""
    with pytest.raises(DataError, match=r"^n_points=1000000000 .* n_points=1,000,000 or fewer"):
        res.plot_probabilities("x1", n_points=10**9)
    with pytest.raises(DataError, match=r"^n_points=1001 .*1,001 x 1,001.* n_points=1,000 or"):
        res.plot_decision_regions("x1", "x2", n_points=1001)
    big = np.int64(2) ** 62  # its square passes the int64 range
    with pytest.raises(DataError, match=r"^n_points=np.int64\(4611686018427387904\)"):
        res.plot_decision_regions("x1", "x2", n_points=big)
    assert len(_lines(res.plot_probabilities("x1", n_points=3).axes[0])) == len(res.outcomes)
    plt.close("all")


def test_data_past_a_splines_bounds_are_refused_by_name_not_as_newdata(synth):
    """With data= spanning more than the fit's bs(x2) bounds, the grid was refused as
    "newdata: column 'x2' has 50 value(s) outside [...] (e.g. ... in row 50)", a newdata
    never given and a row of the grid, not of data=. Refused by the variable drawn, with its
    range in data= and the rows to keep; data= within the bounds is drawn."""
    fit = mnlogit.fit("mode ~ bs(x2, df=4) + x1", synth, ref="car")
    wider = synth.assign(x2=synth["x2"] * 2)
    low, high = synth["x2"].min(), synth["x2"].max()
    refused = rf"^x='x2': data= has it from .* past \[{low:.6g}, {high:.6g}\], the bounds of bs"
    with pytest.raises(DataError, match=refused):
        fit.plot_probabilities("x2", data=wider, n_points=5)
    with pytest.raises(DataError, match=refused.replace("^x=", "^y=")):
        fit.plot_decision_regions("x1", "x2", data=wider, n_points=5)
    inside = wider[wider["x2"].between(low, high)]
    assert fit.plot_probabilities("x2", data=inside, n_points=5).axes[0].get_lines()
    plt.close("all")


def test_a_value_held_past_a_splines_bounds_is_refused_by_what_set_it(synth):
    """x2 of bs(x2) held past its bounds, by at= or as the mean of a data= beyond them, was
    refused as "newdata: column 'x2' has 5 value(s) outside [...] (e.g. ... in row 0)": a
    newdata never given, five values where one was set. Refused by at= (as margins(at=)
    refuses it) or by data=, with the value held; a value within them is drawn."""
    fit = mnlogit.fit("mode ~ bs(x2, df=4) + x1 + x3", synth.assign(x3=synth["x1"] ** 2), ref="car")
    with pytest.raises(DataError, match=r"^at: x2=100\.0 lies outside .* the bounds of bs\(x2"):
        fit.plot_probabilities("x1", n_points=5, at={"x2": 100.0})
    with pytest.raises(DataError, match=r"^at: x2=100\.0 lies outside"):
        fit.plot_decision_regions("x1", "x3", n_points=5, at={"x2": 100.0})
    far = synth.assign(x2=synth["x2"] + 100.0, x3=synth["x1"] ** 2)
    with pytest.raises(DataError, match=r"^data=: 'x2', held at its mean there \(10[0-9.]+\)"):
        fit.plot_probabilities("x1", n_points=5, data=far)
    held = float(synth["x2"].max())
    title = fit.plot_probabilities("x1", n_points=5, at={"x2": held}).axes[0].get_title()
    assert "x2 = " in title
    plt.close("all")


def test_levels_in_data_the_fit_never_saw_are_refused_by_data(res, synth):
    """A data= frame with a level of group the fit never saw, drawn as x or held as the most
    frequent, was refused as "newdata: column 'group' has value(s) {'mars'} ...", of a
    newdata never given: refused by data=, naming the level and the rows to keep."""
    some = synth.assign(group=synth["group"].where(synth.index >= 5, "mars"))
    with pytest.raises(LevelError, match=r"^data=: 'group' has level\(s\) 'mars' \(drawn as"):
        res.plot_probabilities("group", data=some)
    most = synth.assign(group="mars")
    with pytest.raises(LevelError, match=r"^data=: 'group' has level\(s\) 'mars' \(its most"):
        res.plot_probabilities("x1", n_points=5, data=most)
    seen = some[some["group"] != "mars"]
    assert len(_lines(res.plot_probabilities("x1", n_points=5, data=seen).axes[0])) == 4
    plt.close("all")


def test_a_grid_of_data_past_a_transforms_domain_blames_the_grid_not_at(res, synth):
    """A data= whose x2 goes below 0 (np.log(x2) in the formula) was refused as "at: holding
    x1 = ..., design column 'np.log(x2)' is nan in 4 of 100 rows", blaming at= values never
    given. Refused as the grid's range in data=; held means of data= outside the domain are
    called that, not at=; an at= value outside it is still refused by at=."""
    below = synth.assign(x2=synth["x2"] - 1.0)
    grid = r"^the grid over 'x2', which spans their range in data=, .* 'np.log\(x2\)' is nan"
    with pytest.raises(DataError, match=grid):
        res.plot_probabilities("x2", data=below)
    three = mnlogit.fit("mode ~ x1 + x3 + np.log(x2)", synth.assign(x3=synth["x1"] ** 2), ref="car")
    with pytest.raises(DataError, match=r"^the grid over 'x2' and 'x3', .* in data="):
        three.plot_decision_regions("x2", "x3", data=below.assign(x3=1.0), n_points=5)
    held = r"^holding x1 = .*, x2 = -1, .*the means and most frequent levels in data=, design"
    with pytest.raises(DataError, match=held):
        three.plot_probabilities("x3", n_points=5, data=synth.assign(x2=-1.0, x3=1.0))
    with pytest.raises(DataError, match=r"^at: holding x1 = .*x2 = -1"):
        three.plot_probabilities("x3", n_points=5, at={"x2": -1.0})
    plt.close("all")


@pytest.mark.parametrize(
    "terms",
    ["x1", ("x1",), np.array(["x1"]), pd.Index(["x1"]), {"x1"}, ["x1", "x1"]],
    ids=["str", "tuple", "array", "index", "set", "twice"],
)
def test_odds_ratio_terms_of_any_collection_draw_each_term_once(res, terms):
    """terms='x1' was read letter by letter ("'x', '1' not among the coefficients"); a
    tuple, an array, an Index or a set of names ended in numpy's or pandas' tracebacks
    (zip() argument 2 is longer, a truth value of an Index is ambiguous, no ufunc 'add'); a
    name twice was drawn twice. Each draws its terms once per equation."""
    labels = [t.get_text() for t in res.plot_odds_ratios(terms=terms).axes[0].get_yticklabels()]
    assert labels == ["x1"] * len(res.equations)
    plt.close("all")


def test_odds_ratio_terms_that_name_no_coefficient_are_refused_by_terms(res):
    """An empty list was called a model without coefficients besides the intercept, a number
    ended in "'int' object is not iterable", and a factor's name was refused without its
    coefficients' names."""
    with pytest.raises(DataError, match=r"^terms: the list is empty; name at least one of"):
        res.plot_odds_ratios(terms=[])
    with pytest.raises(InputTypeError, match=r"^terms: expected a coefficient name .* got int 3"):
        res.plot_odds_ratios(terms=3)
    with pytest.raises(InputTypeError, match=r"^terms: expected coefficient names .* got int 1"):
        res.plot_odds_ratios(terms=["x1", 1])
    with pytest.raises(ColumnNotFoundError, match=r"'group' is a factor: its coefficients are"):
        res.plot_odds_ratios(terms=["group"])
    plt.close("all")


@pytest.mark.parametrize(
    "at", ["group", ["group"], 3, pd.Series({"group": "rural"})], ids=["str", "list", "int", "row"]
)
def test_held_values_not_given_as_a_dict_are_refused_by_at(res, at):
    """at='group' ended in "dictionary update sequence element #0 has length 1; 2 is
    required", at=3 in "'int' object is not iterable", and a Series (a row, df.iloc[0]) in
    "The truth value of a Series is ambiguous": refused by at=, as margins(at=) refuses
    them, a Series with the dict it stands for."""
    refused = r"^at: expected a dict of predictor -> the value it is held at"
    with pytest.raises(DataError, match=refused):
        res.plot_probabilities("x1", n_points=5, at=at)
    with pytest.raises(DataError, match=refused):
        res.plot_decision_regions("x1", "x2", n_points=5, at=at)
    if isinstance(at, pd.Series):
        with pytest.raises(DataError, match=r"at=s\.to_dict\(\)"):
            res.plot_probabilities("x1", n_points=5, at=at)
        drawn = res.plot_probabilities("x1", n_points=5, at=at.to_dict())
        assert "group = rural" in drawn.axes[0].get_title()
    plt.close("all")


def test_true_false_options_of_figures_take_only_booleans(res):
    """intercept='no' drew the intercept and show_data='no' the observations: any text was
    taken as True. Refused, as every True/False option of the package is."""
    with pytest.raises(OptionError, match=r"^intercept: expected True or False; got 'no'"):
        res.plot_odds_ratios(intercept="no")
    with pytest.raises(OptionError, match=r"^show_data: expected True or False; got 'no'"):
        res.plot_decision_regions("x1", "x2", n_points=5, show_data="no")
    labels = res.plot_odds_ratios(intercept=np.True_).axes[0].get_yticklabels()
    assert "Intercept" in [t.get_text() for t in labels]
    plt.close("all")


def test_rows_of_data_new_data_would_predict_nan_for_are_left_out_of_what_is_held(res, synth):
    # a polars column's NaN and an inf were held at their mean, NaN or inf, and the figure
    # refused as "a transform in the formula is not defined there"; NaN of pandas was dropped
    pl = pytest.importorskip("polars")
    x1 = synth["x1"].to_numpy(copy=True)
    x1[[0, 5]] = np.nan
    kept = synth.drop(index=synth.index[[0, 5]])
    titles = []
    for data in [
        kept,
        synth.assign(x1=x1),
        synth.assign(x1=np.where(np.isnan(x1), np.inf, x1)),
        pl.from_pandas(synth).with_columns(x1=pl.Series(x1, nan_to_null=False)),
    ]:
        fig = res.plot_probabilities("x2", data=data, n_points=20)
        titles.append(fig.axes[0].get_title())
        plt.close(fig)
    assert "x1 = " in titles[0] and titles == [titles[0]] * 4
