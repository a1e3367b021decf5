"""Figures of unusual fits: the numbers drawn are the tables', and the axes, colours and
titles let them be read (a separated Firth fit's ratios over forty decades, a predictor
over eighteen, an outcome of twelve levels, a survey design without degrees of freedom)."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection

import mnlogit


def _data(n: int = 300, levels: int = 3, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    eta = np.column_stack([np.zeros(n)] + [0.5 * k * x for k in range(1, levels)])
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    y = (p.cumsum(axis=1) < rng.uniform(size=(n, 1))).sum(axis=1)
    return pd.DataFrame({"y": [f"L{k:02d}" for k in y], "x": x, "g": rng.choice(list("abc"), n)})


def _fit(formula: str, d: pd.DataFrame, **options) -> mnlogit.MNLogitResults:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mnlogit.fit(formula, d, **options)


def _shown_ticks(axis) -> list[float]:
    """The major ticks drawn (inside the view) of a drawn axis, with a label."""
    lo, hi = sorted(axis.get_view_interval())
    return [
        t.get_loc()
        for t in axis.get_major_ticks()
        if lo <= t.get_loc() <= hi and t.label1.get_visible() and t.label1.get_text()
    ]


@pytest.fixture(scope="module")
def separated_firth() -> mnlogit.MNLogitResults:
    d = _data()
    d.loc[d.x > 0.5, "y"] = "L02"
    d.loc[(d.x <= 0.5) & (d.y == "L02"), "y"] = "L01"
    return _fit("y ~ x + g", d, method="firth")


def test_odds_ratios_over_many_decades_keep_a_labelled_axis(separated_firth):
    # the Firth ratios of the separated outcome run from about 1e-9 to 1e30: ticked at
    # 1, 2 and 5 in each decade, matplotlib's locator gave no tick at all
    table = separated_firth.odds_ratios()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig = separated_firth.plot_odds_ratios(intercept=True)
    fig.canvas.draw()
    ax = fig.axes[0]
    lo, hi = ax.get_xlim()
    assert np.log10(hi / lo) > 20
    assert table[["lower", "upper"]].to_numpy().max() / table["lower"].min() > 1e20
    ticks = _shown_ticks(ax.xaxis)
    assert len(ticks) >= 3
    # powers of ten, labelled as numbers
    assert np.allclose(np.log10(ticks), np.round(np.log10(ticks)))
    labels = [t.get_text() for t in ax.get_xticklabels() if lo <= t.get_position()[0] <= hi]
    assert all(float(s) == pytest.approx(v) for s, v in zip(labels, ticks, strict=True))
    plt.close(fig)


def test_odds_ratios_over_a_few_decades_keep_their_one_two_five_ticks():
    res = _fit("y ~ x + g", _data())
    fig = res.plot_odds_ratios()
    fig.canvas.draw()
    ticks = _shown_ticks(fig.axes[0].xaxis)
    assert {0.5, 1.0, 2.0} <= set(np.round(ticks, 6))
    plt.close(fig)


@pytest.mark.parametrize("figure", ["probabilities", "regions"])
def test_a_predictor_over_many_decades_keeps_a_labelled_log_axis(figure):
    d = _data()
    d["w"] = np.exp(np.random.default_rng(2).uniform(-20, 20, len(d)))
    res = _fit("y ~ x + np.log(w)", d)
    if figure == "probabilities":
        fig = res.plot_probabilities("w", xscale="log", n_points=5)
        axis = fig.axes[0].xaxis
    else:
        fig = res.plot_decision_regions("x", "w", yscale="log", n_points=5)
        axis = fig.axes[0].yaxis
    fig.canvas.draw()
    assert len(_shown_ticks(axis)) >= 3
    plt.close(fig)


def _hex(color) -> str:
    return matplotlib.colors.to_hex(color)


@pytest.mark.parametrize("levels", [12, 25])
def test_every_outcome_of_many_has_its_own_colour(levels):
    # the colours were matplotlib's ten, repeated: of twelve outcomes L00 and L10 were one
    # colour, in the lines, the margins, the forest plot and the decision regions
    res = _fit("y ~ x", _data(n=40 * levels, levels=levels, seed=5))
    assert len(res.outcomes) == levels
    fig = res.plot_probabilities("x", n_points=3)
    lines = [ln for ln in fig.axes[0].get_lines() if not ln.get_label().startswith("_")]
    assert [ln.get_label() for ln in lines] == list(res.outcomes)
    assert len({_hex(ln.get_color()) for ln in lines}) == levels
    plt.close(fig)
    fig = res.margins(at={"x": [0.0, 1.0]}).plot()
    lines = [ln for ln in fig.axes[0].get_lines() if not ln.get_label().startswith("_")]
    assert len({_hex(ln.get_color()) for ln in lines}) == levels
    plt.close(fig)
    fig = res.plot_odds_ratios()
    handles = fig.axes[0].get_legend().legend_handles
    assert len(handles) == levels - 1
    assert len({_hex(h.get_color()) for h in handles}) == levels - 1
    plt.close(fig)
    d = _data(n=40 * levels, levels=levels, seed=5)
    d["z"] = np.random.default_rng(6).normal(size=len(d))
    fig = _fit("y ~ x + z", d).plot_decision_regions("x", "z", n_points=4)
    mesh = fig.axes[0].collections[0]
    shades = mesh.get_cmap()(mesh.norm(np.arange(levels)))
    assert len({_hex(c) for c in shades}) == levels
    patches = fig.axes[0].get_legend().get_patches()
    assert len({_hex(p.get_facecolor()[:3]) for p in patches}) == levels
    plt.close(fig)


def _drawn(ax, level: str):
    """The line of the estimates of ``level``: of its errorbar (a factor) or its own."""
    for bars in ax.containers:
        if bars.get_label() == level:
            return bars.lines[0]
    return next(ln for ln in ax.get_lines() if ln.get_label() == level)


@pytest.fixture(scope="module")
def no_design_df() -> mnlogit.MNLogitResults:
    d = _data()
    d["st"] = np.arange(len(d)) % 3
    design = mnlogit.SurveyDesign(strata="st", psu="st", lonely_psu="adjust")
    res = _fit("y ~ x + g", d, design=design)
    assert res.df_design == 0
    return res


@pytest.mark.parametrize("at", [{"g": ["a", "b"]}, {"x": [0.0, 1.0]}])
def test_margins_of_a_design_without_df_say_why_they_have_no_intervals(no_design_df, at):
    # the standard errors exist, the t quantile on 0 df does not; the title said "no
    # standard error exists (see the notes)", where plot_probabilities says why
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = no_design_df.margins(at=at)
    table = m.to_frame()
    assert table["std_error"].gt(0).all() and table[["lower", "upper"]].isna().all().all()
    fig = m.plot()
    title = fig.get_suptitle()
    assert "no intervals: 0 design degrees of freedom" in title
    assert "standard error" not in title
    probabilities = no_design_df.plot_probabilities("x", n_points=3)
    assert "no intervals: 0 design degrees of freedom" in probabilities.axes[0].get_title()
    # the estimates drawn are the table's, and nothing is drawn as an interval
    ax = fig.axes[0]
    for level in m.outcomes:
        rows = table[table["outcome"] == level]
        assert np.allclose(_drawn(ax, level).get_ydata(), rows["estimate"].to_numpy())
    bands = [p.vertices for c in ax.collections for p in c.get_paths()]
    assert all(np.isnan(v).any() or len(v) == 0 for v in bands)
    plt.close("all")


def test_no_figure_draws_an_unconverged_fit():
    # plot_probabilities (through its intervals), plot_odds_ratios and Margins refuse a fit
    # stopped short of the estimates; plot_decision_regions drew its regions as the most
    # probable outcomes, without a word
    d = _data()
    d["z"] = np.random.default_rng(7).normal(size=len(d))
    res = _fit("y ~ x + z + g", d, max_iter=1)
    assert not res.converged and res.separation is None
    for draw in (
        lambda: res.plot_probabilities("x", n_points=3),
        res.plot_odds_ratios,
        lambda: res.plot_decision_regions("x", "z", n_points=4),
    ):
        with pytest.raises(mnlogit.exceptions.EstimationError, match="did not converge"):
            draw()
    plt.close("all")


def test_a_forest_plot_says_which_ratios_diverge_under_separation():
    # the table's NaN ratios of a separated outcome were listed as "not finite or 0 (off a
    # log scale)", where the other figures of the fit say separation; the other
    # equation's ratios are drawn, at the table's numbers
    d = _data()
    d.loc[d.x > 0.5, "y"] = "L02"
    d.loc[(d.x <= 0.5) & (d.y == "L02"), "y"] = "L01"
    res = _fit("y ~ x + g", d)
    assert res.diverging["L02"].all() and not res.diverging["L01"].any()
    table = res.odds_ratios()
    assert table.loc["L02"].isna().all().all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ax = res.plot_odds_ratios().axes[0]
    title = ax.get_title()
    assert (
        "diverging under separation (no estimate), not shown: L02: x, L02: g[T.b], L02: g[T.c]"
        in title
    ), title
    assert "not finite or 0" not in title
    drawn = {bars.get_label(): bars for bars in ax.containers}
    assert len(drawn["L02"].lines[0].get_xdata()) == 0
    points = drawn["L01"].lines[0]
    assert np.allclose(
        points.get_xdata(), table.loc["L01"].loc[["x", "g[T.b]", "g[T.c]"], "odds_ratio"]
    )
    (whiskers,) = drawn["L01"].lines[2]
    ends = np.array([seg[:, 0] for seg in whiskers.get_segments()])
    expected = table.loc["L01"].loc[["x", "g[T.b]", "g[T.c]"], ["lower", "upper"]].to_numpy()
    assert np.allclose(ends, expected)
    plt.close("all")


@pytest.mark.parametrize(
    ("column", "at", "ticks"),
    [("b", [True, False], ["True", "False"]), ("k", [1, 5], ["1", "5"])],
)
def test_margins_over_a_factor_of_numbers_or_booleans_are_drawn_at_its_levels(column, at, ticks):
    # a boolean b, or numbers the formula reads as levels (C(k)), were drawn as a line from
    # 0 to 1 (or 1 to 5) with a band between: values no row can take, on a numeric axis
    # that never said True or False; plot_probabilities draws them at their levels
    d = _data()
    rng = np.random.default_rng(8)
    d["b"] = rng.random(len(d)) < 0.5
    d["k"] = rng.choice([1, 2, 5], len(d))
    res = _fit("y ~ x + b + C(k)", d)
    m = res.margins(at={column: at})
    table = m.to_frame()
    fig = m.plot()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ticks
    assert not any(isinstance(c, PolyCollection) for c in ax.collections)  # no band
    for level in m.outcomes:
        rows = table[table["outcome"] == level]
        points = _drawn(ax, level)
        assert np.allclose(points.get_ydata(), rows["estimate"].to_numpy())
        shift = points.get_xdata() - np.arange(len(at))
        assert np.allclose(shift, shift[0]) and abs(shift[0]) < 0.5
        bars = next(c for c in ax.containers if c.get_label() == level).lines[2][0]
        ends = np.array([seg[:, 1] for seg in bars.get_segments()])
        assert np.allclose(ends, rows[["lower", "upper"]].to_numpy())
    plt.close(fig)


def test_margins_drawn_beyond_the_data_say_so_as_their_table_does():
    # the table's note "Extrapolated: x = 50, 500 lie(s) outside the data's range" was
    # not on the figure, often drawn without the table being printed
    res = _fit("y ~ x", _data())
    m = res.margins(at={"x": [0.0, 50.0, 500.0]})
    (note,) = [n for n in m.notes if n.startswith("Extrapolated:")]
    fig = m.plot()
    title = fig.get_suptitle()
    assert " ".join(title.split()) == f"Predictive margins (95% pointwise intervals) {note}"
    plt.close(fig)
    inside = res.margins(at={"x": [0.0, 1.0]}).plot()
    assert inside.get_suptitle() == "Predictive margins (95% pointwise intervals)"
    plt.close(inside)


def test_figures_of_a_separated_firth_fit_warn_of_their_intervals_as_the_tables_do(
    separated_firth,
):
    # odds_ratios() and prediction_intervals() warn that the Wald intervals of coefficients
    # finite only through Firth's penalty are unreliable; the figures drawing those same
    # intervals said nothing
    with pytest.warns(mnlogit.exceptions.InferenceWarning) as table:
        separated_firth.odds_ratios()
    with pytest.warns(mnlogit.exceptions.InferenceWarning) as caught:
        separated_firth.plot_odds_ratios()
    said = [str(w.message) for w in caught]
    (why,) = [str(w.message) for w in table]
    assert why.startswith("odds_ratios(): ")
    assert f"plot_odds_ratios(): {why.removeprefix('odds_ratios(): ')}" in said
    with pytest.warns(mnlogit.exceptions.InferenceWarning, match="finite only through Firth"):
        separated_firth.plot_probabilities("x", n_points=3)
    plt.close("all")
    plain = _fit("y ~ x + g", _data())
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.exceptions.InferenceWarning)
        plain.plot_odds_ratios()
        plain.plot_probabilities("x", n_points=3)
    plt.close("all")


def test_figures_drawn_or_held_beyond_the_data_say_so_as_margins_do():
    # margins() notes values set outside the data ("Extrapolated: ..."); a figure over a
    # wider data= range, or holding an at= value past the data, drew them as any other
    d = _data()
    d["z"] = np.random.default_rng(9).uniform(1, 10, len(d))
    res = _fit("y ~ x + np.log(z)", d)
    lo, hi = d["x"].min(), d["x"].max()
    wide = pd.DataFrame({"x": [lo - 50, hi], "z": [2.0, 3.0]})
    title = res.plot_probabilities("x", data=wide, n_points=3).axes[0].get_title()
    assert title.endswith(f"; extrapolated: x outside the data's {lo:.6g} to {hi:.6g}"), title
    zlo, zhi = d["z"].min(), d["z"].max()
    title = res.plot_probabilities("x", at={"z": 100.0}, n_points=3).axes[0].get_title()
    assert title == (
        f"95% pointwise intervals; z = 100; extrapolated: z outside the data's "
        f"{zlo:.6g} to {zhi:.6g}"
    )
    title = res.plot_decision_regions("x", "z", data=wide, n_points=3).axes[0].get_title()
    assert "extrapolated: x outside the data's" in title
    assert "z outside" not in title  # 2 to 3 lies inside
    inside = res.plot_probabilities("x", n_points=3).axes[0].get_title()
    assert "extrapolated" not in inside
    plt.close("all")


@pytest.mark.slow
@pytest.mark.parametrize("figure", ["odds_ratios", "probabilities", "decision_regions"])
def test_a_figure_with_a_log_axis_pickles_and_keeps_its_ticks(figure):
    # its tick locator was a class made inside a function and its formatter a lambda:
    # pickle.dumps(fig) raised "Can't pickle local object", as it does for no other figure
    import pickle

    d = _data()
    d["z"] = np.exp(d["x"])
    d["w"] = np.random.default_rng(5).uniform(1, 2, len(d))
    res = _fit("y ~ z + w", d)
    draw = {
        "odds_ratios": lambda: res.plot_odds_ratios(),
        "probabilities": lambda: res.plot_probabilities("z", xscale="log"),
        "decision_regions": lambda: res.plot_decision_regions("z", "w", xscale="log"),
    }
    fig = draw[figure]()
    fig.canvas.draw()
    before = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    again = pickle.loads(pickle.dumps(fig))
    again.canvas.draw()
    assert [t.get_text() for t in again.axes[0].get_xticklabels()] == before
    assert any(before)
    plt.close(fig)
    plt.close(again)
