"""Values given to margins are taken as the numbers or levels they are, whatever the dtype the
data store them in, and margins of different fits or contrasts are labelled for what they are."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import mnlogit


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    n = 600
    k = rng.integers(0, 6, n)
    d = pd.DataFrame({"k": k, "g": rng.choice(["a", "b", "c"], n)})
    eta = np.column_stack([np.zeros(n), 0.3 * k - 0.5, -0.2 * k + 0.4 * (d["g"] == "b")])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["p", "q", "r"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


@pytest.mark.parametrize("dtype", ["int64", "uint8", "Int64", "int8"])
@pytest.mark.parametrize("kind", ["prob", "effect"])
def test_a_whole_number_column_takes_any_number(data, dtype, kind):
    """A numeric variable stored as whole numbers is a number to the model, so margins at
    2.5 or -1 (outside an unsigned range) exist; pandas' refusal to cast them came through."""
    as_float = mnlogit.fit("y ~ k + g", data.assign(k=data["k"].astype(float)))
    stored = mnlogit.fit("y ~ k + g", data.assign(k=data["k"].astype(dtype)))
    at = {"k": [2.5, -1, 3]}
    got = stored.margins(at=at, kind=kind).to_frame()
    want = as_float.margins(at=at, kind=kind).to_frame()
    assert sorted(set(got["k"])) == [-1.0, 2.5, 3.0]
    np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(got["std_error"], want["std_error"], rtol=1e-8)
    # the slope at 2.5 is that of the probability curve there, not at 2 (a truncated value)
    if kind == "prob":
        at2 = stored.margins(at={"k": 2}).to_frame()["estimate"].to_numpy()
        assert not np.allclose(got["estimate"].to_numpy()[:3], at2)


@pytest.mark.parametrize("dtype", ["float16", "float32", "Float32"])
def test_a_narrow_float_column_takes_values_it_cannot_hold(data, dtype):
    """The fit reads a float16 or float32 column as float64, so margins at 0.1 are at 0.1,
    not at the column type's nearest value (0.0999755859375 in float16), and at 1e39 are
    not at inf (refused as outside a transform's domain)."""
    as_float = mnlogit.fit("y ~ k + g", data.assign(k=data["k"].astype(float)))
    stored = mnlogit.fit("y ~ k + g", data.assign(k=data["k"].astype(dtype)))
    at = {"k": [0.1, 1e39, 3]}
    got = stored.margins(at=at).to_frame()
    want = as_float.margins(at=at).to_frame()
    np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=1e-10, atol=1e-14)


def test_a_contrast_of_contrasts_says_which_difference_is_subtracted(data):
    res = mnlogit.fit("y ~ k + g", data)
    first = res.margins(over="g").contrast("g")
    assert first.to_frame()["g"].unique().tolist() == ["a - b", "a - c", "b - c"]
    second = first.contrast("g", "reference")
    labels = second.to_frame()["g"].unique().tolist()
    assert labels == ["(a - c) - (a - b)", "(b - c) - (a - b)"]
    # and the number is that difference of differences
    f, s = first.to_frame(), second.to_frame()
    want = f[f["g"] == "a - c"]["estimate"].to_numpy() - f[f["g"] == "a - b"]["estimate"].to_numpy()
    np.testing.assert_allclose(s[s["g"] == labels[0]]["estimate"], want, rtol=1e-12)


@pytest.fixture(scope="module")
def fitted(data):
    return mnlogit.fit("y ~ k + g", data.assign(k=data["k"].astype(float)))


@pytest.mark.parametrize(
    "given, want",
    [
        (np.array(2.0), [2.0]),  # a 0-d array is one number (was numpy's 'iteration over a 0-d')
        (pd.Categorical(["c", "a"]), ["c", "a"]),  # a Categorical lists levels (was one value)
        (pd.Series([1.0, 3.0]), [1.0, 3.0]),
    ],
)
def test_at_values_given_as_arrays(fitted, given, want):
    name = "k" if isinstance(want[0], float) else "g"
    got = fitted.margins(at={name: given}).to_frame()[name]
    assert list(dict.fromkeys(got)) == want


@pytest.mark.parametrize("kind", ["polars", "pyarrow", "chunked", "dictionary"])
def test_at_values_given_as_a_polars_series_or_an_arrow_array(fitted, kind):
    """Values in a polars Series or a pyarrow Array are values, as in a pandas Series: the
    polars Series was refused ("takes a value or a list of values; got a Series")."""
    numbers, levels = [1.0, 3.0], ["c", "a"]
    if kind == "polars":
        k, g = pl.Series(numbers), pl.Series(levels)
    elif kind == "pyarrow":
        k, g = pa.array(numbers), pa.array(levels)
    elif kind == "chunked":
        k, g = pa.chunked_array([numbers[:1], numbers[1:]]), pa.chunked_array([levels])
    else:
        k, g = pa.array(numbers), pa.array(levels).dictionary_encode()
    got = fitted.margins(at={"k": k, "g": g}).to_frame()
    want = fitted.margins(at={"k": numbers, "g": levels}).to_frame()
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("ask", ["margins", "marginal_effects"])
@pytest.mark.parametrize(
    "variables, error, message",
    [
        (3, mnlogit.exceptions.InputTypeError, r"a variable name or a list of them.*got int 3"),
        ({"k": 1}, mnlogit.exceptions.InputTypeError, r"got dict \{'k': 1\}"),
        ([], mnlogit.exceptions.DataError, r"variables: the list is empty; name at least one"),
    ],
)
def test_variables_of_the_wrong_kind_are_refused_saying_what_is_allowed(
    fitted, ask, variables, error, message
):
    kwargs = {"kind": "effect"} if ask == "margins" else {}
    with pytest.raises(error, match=message):
        getattr(fitted, ask)(variables=variables, **kwargs)


def test_nan_p_values_of_a_design_without_degrees_of_freedom_say_why(data):
    """One PSU per stratum (lonely_psu="adjust"): standard errors exist, t on 0 df does not;
    the margins' p-values and intervals were NaN with no word of why."""
    d = data.assign(st=np.arange(len(data)) % 3)
    design = mnlogit.SurveyDesign(strata="st", psu="st", lonely_psu="adjust")
    res = mnlogit.fit("y ~ k + g", d, design=design)
    assert res.df_design == 0
    why = "With 0 design degrees of freedom the t distribution is not defined"
    m = res.margins(at={"k": [1.0]})
    assert m.to_frame()["pvalue"].isna().all() and m.to_frame()["std_error"].gt(0).all()
    assert any(why in note for note in m.notes) and why in str(m).replace("\n", " ")
    assert why in res.marginal_effects().attrs["note"]
    assert why in res.prediction_intervals(d.head(2)).attrs["note"]
    assert why in str(res.summary()).replace("\n    ", " ")


def test_the_tidy_table_says_why_its_inference_columns_are_nan(data):
    d = data.assign(st=np.arange(len(data)) % 3)
    design = mnlogit.SurveyDesign(strata="st", psu="st", lonely_psu="adjust")
    frame = mnlogit.fit("y ~ k + g", d, design=design).to_frame()
    assert frame["pvalue"].isna().all()
    assert frame.attrs["note"].startswith("With 0 design degrees of freedom")
    frame = mnlogit.fit("y ~ k + g", d, penalty="l2", C=1.0).to_frame()
    assert frame["std_error"].isna().all()
    assert frame.attrs["note"].startswith("No standard errors, tests or intervals: ")
    assert "note" not in mnlogit.fit("y ~ k + g", d).to_frame().attrs


def test_a_line_break_in_a_level_does_not_split_a_row_of_the_margins_table(data):
    d = data.assign(g=data["g"].map({"a": "north\neast", "b": "b", "c": "c"}))
    d["y"] = d["y"].map({"p": "p", "q": "q\tr", "r": "r\ns"})
    m = mnlogit.fit("y ~ k + g", d).margins(over="g")
    lines = str(m).splitlines()
    table = lines[lines.index(next(line for line in lines if line.startswith("---"))) + 1 :][:9]
    assert len(table) == 9 and all(len(line.split()) == 8 for line in table)
    # quoted, as repr writes them: a level holding a backslash and an n reads without quotes
    assert any(line.startswith("'north\\neast' ") for line in table)
    assert any(" 'r\\ns' " in line for line in table) and any(" 'q\\tr' " in line for line in table)
    # the tidy table keeps the values themselves
    assert "north\neast" in set(m.to_frame()["g"])


@pytest.mark.parametrize("term", ["I(k > 0)", "np.floor(k / 2)", "np.round(k / 2)"])
def test_effects_through_a_step_at_the_data_are_refused(data, term):
    """The difference quotient across a jump is no derivative: the average effect of k
    through I(k > 0) was 1.4e4 on a probability, with k = 0 in a third of the rows."""
    res = mnlogit.fit(f"y ~ {term} + k + g", data.assign(k=data["k"].astype(float)))
    with pytest.raises(mnlogit.exceptions.DataError, match=r"no derivative with respect to 'k'"):
        res.marginal_effects(variables="k")
    # the table of every variable leaves k out, naming it, and keeps the others' effects
    me = res.marginal_effects()
    assert list(me.index.get_level_values(0).unique()) == ["g[T.b]", "g[T.c]"]
    assert "Left out: 'k', whose design has no derivative at " in me.attrs["note"]
    with pytest.raises(mnlogit.exceptions.DataError, match=r"jumps\): a step in the formula"):
        res.margins(kind="effect", variables="k")
    # between the steps the effect exists, and the other variables' effects are given
    at = res.margins(at={"k": [0.5]}, kind="effect", variables="k").to_frame()
    assert np.isfinite(at["estimate"]).all() and (at["estimate"].abs() < 1).all()
    assert res.marginal_effects(variables="g").shape[0] == 6


@pytest.mark.parametrize(
    "term",
    [
        "np.abs(k - 1)",
        "np.maximum(k, 2)",
        "np.exp(k / 3)",
        "np.log1p(k)",
        "I(k**3)",
        "bs(k, knots=[2], degree=1, extrapolation='extend')",
    ],
)
def test_continuous_transforms_are_differentiated_at_whole_numbers(data, term):
    """A kink (abs at k = 1) gives the symmetric difference, a smooth transform its
    derivative; neither is refused as a step."""
    d = data.assign(k=data["k"].astype(float))
    res = mnlogit.fit(f"y ~ {term} + g", d)
    got = res.marginal_effects(variables="k")["dydx"].to_numpy()
    h = 1e-6
    up = res.predict(d.assign(k=d["k"] + h)).to_numpy()
    down = res.predict(d.assign(k=d["k"] - h)).to_numpy()
    np.testing.assert_allclose(got, ((up - down) / (2 * h)).mean(axis=0), atol=1e-7)
    # at a kink the derivative does not exist: the table says which rows have the mean of the
    # slopes on either side (np.maximum(k, 2) at k = 2 had half the slope above, unsaid)
    note = res.marginal_effects(variables="k").attrs["note"]
    kinked = term.startswith(("np.abs", "np.maximum")) or "degree=1" in term
    at = (d["k"] == (1 if "abs" in term else 2)).sum()
    assert ("k sits at a kink of" in note and term in note) == kinked, note
    assert (f" in {at} row(s) (e.g. k = " in note) == kinked, note
    m = res.margins(kind="effect", variables="k", at={"k": [2.0, 3.0]})
    said = [n for n in m.notes if "kink" in n]
    assert len(said) == (kinked and "abs" not in term)  # abs(k - 1) has no kink at 2 or 3
    if "maximum" in term:
        assert said == [
            f"k sits at a kink of {term!r} in {len(d)} row(s) (e.g. k = 2)"
            ", where the design has no derivative: the slopes on either side "
            "differ, and the effect there is their mean."
        ]


@pytest.mark.parametrize(
    "term", ["center(k)", "scale(k)", "poly(k, 2)", "bs(k, df=3, extrapolation='extend')"]
)
def test_transforms_defined_everywhere_take_values_beyond_the_data(data, term):
    """center(), scale(), poly() and an extended spline are defined beyond the values they
    learned from (predict() takes them); margins there were refused as outside what the
    transform was fitted on. They are margins like any other beyond the data: named as
    extrapolated."""
    d = data.assign(k=data["k"].astype(float))
    res = mnlogit.fit(f"y ~ {term} + g", d)
    m = res.margins(at={"k": [9.0]})
    want = res.predict(d.assign(k=9.0)).mean(axis=0)
    np.testing.assert_allclose(m.to_frame()["estimate"], want.to_numpy(), rtol=1e-10)
    assert any(note.startswith("Extrapolated: k = 9 ") for note in m.notes)


def test_a_number_read_through_a_computed_category_stays_a_number(data):
    """C(np.round(x / 2)) makes categories of x, not of x's values: x's 241 distinct values
    were taken as its levels, so margins(at={"x": 3.3}) was refused as no level of x and
    marginal_effects() gave 240 contrasts with the first value as rows 'x[T.0.1]', ..."""
    d = data.assign(x=np.round(data["k"] + np.linspace(0, 0.9, len(data)), 3) * 1.0)
    res = mnlogit.fit("y ~ C(np.round(x / 2)) + x + g", d)
    at = res.margins(at={"x": [3.3]}).to_frame()["estimate"].to_numpy()
    np.testing.assert_allclose(at, res.predict(d.assign(x=3.3)).mean().to_numpy(), rtol=1e-12)
    effects = res.marginal_effects(variables="g").index.get_level_values(0)
    assert set(effects) == {"g[T.b]", "g[T.c]"}
    # away from the steps (x / 2 rounding up) the effect is the slope through x alone
    h = 1e-6
    up, down = res.predict(d.assign(x=d["x"] + h)), res.predict(d.assign(x=d["x"] - h))
    np.testing.assert_allclose(
        res.marginal_effects(variables="x")["dydx"].to_numpy(),
        ((up - down) / (2 * h)).mean().to_numpy(),
        atol=1e-7,
    )
    # at a step it is refused as a step's
    with pytest.raises(mnlogit.exceptions.DataError, match=r"no derivative with respect to 'x'"):
        res.margins(at={"x": [3.0]}, kind="effect", variables="x")
    # a value whose category the fit never saw is refused as what margins was given
    with pytest.raises(mnlogit.exceptions.LevelError, match=r"^at: with x=40\.0, .*\{20\.0\}"):
        res.margins(at={"x": [40.0]})


def test_a_slope_through_new_categories_is_refused_by_name(data):
    """C(k % 3) at k +- h gives categories 1.001, ...: formulaic's refusal to encode them
    came through as the effects' error, naming neither the variable nor why. Read also as a
    number, k has no slope and no one factor's changes: refused by name. Read only by
    C(k % 3), its effects are that factor's changes (tests/test_margins_discrete.py)."""
    res = mnlogit.fit("y ~ C(k % 3) + k + g", data.assign(k=data["k"].astype(float)))
    with pytest.raises(mnlogit.exceptions.DataError, match=r"no derivative with respect to 'k'"):
        res.marginal_effects(variables="k")
    res = mnlogit.fit("y ~ C(k % 3) + g", data.assign(k=data["k"].astype(float)))
    np.testing.assert_allclose(
        res.margins(at={"k": [4.0]}).to_frame()["estimate"],
        res.predict(data.assign(k=4.0)).mean().to_numpy(),
        rtol=1e-12,
    )


def test_outcomes_are_contrasted_at_the_same_values(data):
    """emmeans' pairs over a multinomial response (Pr(q) - Pr(p) at the same values): a
    contrast of "outcome" was refused as not a variable set by at or over."""
    tables = []
    for ref in ("p", "r"):
        fit = mnlogit.fit("y ~ k + g", data, ref=ref)
        margins = fit.margins(at={"k": [1, 4]}, over="g")
        got = margins.contrast("outcome", "reference", ref="p").to_frame()
        assert got["outcome"].unique().tolist() == ["q - p", "r - p"]
        # each difference and its delta-method standard error from the margins' Jacobian
        keys = margins.to_frame()[["k", "g", "outcome"]]
        J, V = margins.jacobian, fit.cov_params().to_numpy()
        for _, row in got.iterrows():
            same = (keys["k"] == row["k"]) & (keys["g"] == row["g"])
            a = np.flatnonzero(same & (keys["outcome"] == row["outcome"][0]))[0]
            b = np.flatnonzero(same & (keys["outcome"] == "p"))[0]
            estimates = margins.to_frame()["estimate"]
            assert row["estimate"] == pytest.approx(estimates[a] - estimates[b], abs=1e-15)
            d = J[a] - J[b]
            assert row["std_error"] == pytest.approx(np.sqrt(d @ V @ d), rel=1e-10)
        tables.append(got.set_index(["k", "g", "outcome"]).sort_index())
        assert len(margins.contrast("outcome").to_frame()) == 3 * 6  # 3 pairs, 6 combinations
    # the same differences whichever outcome the fit was expressed against
    np.testing.assert_allclose(
        tables[1][["estimate", "std_error"]], tables[0][["estimate", "std_error"]], rtol=1e-9
    )


def test_a_contrast_of_a_contrast_says_once_that_p_values_are_not_adjusted(data):
    fit = mnlogit.fit("y ~ k + g", data)
    twice = fit.margins(at={"k": [1, 4]}, over="g").contrast("k").contrast("g").notes
    assert sum("not adjusted for multiple comparisons" in n for n in twice) == 1


@pytest.mark.parametrize(
    "term",
    [
        "k + np.maximum(k - 2, 0)",
        "np.abs(k - 2)",
        "bs(k, knots=[2, 3], degree=1, extrapolation='extend')",
    ],
)
def test_a_kink_beside_a_row_is_left_out_of_its_derivative(data, term):
    """Beside a kink (a hinge, abs(), a linear spline's knot) the derivative is the slope on
    the row's side: the differences straddled the kink, a row beside the hinge had a blend
    of the slopes on either side (the average effect off by 4e-6, without a word), and
    abs() or the spline beside their kinks were refused as steps."""
    rng = np.random.default_rng(8)
    d = data.assign(k=data["k"] + rng.uniform(-0.5, 0.5, len(data)))
    d.loc[d.index[:4], "k"] = [2.001, 1.9995, 2.0004, 3.0007]
    res = mnlogit.fit(f"y ~ {term} + g", d)
    h = 1e-7
    up = res.predict(d.assign(k=d["k"] + h)).to_numpy()
    down = res.predict(d.assign(k=d["k"] - h)).to_numpy()
    want = ((up - down) / (2 * h)).mean(axis=0)
    got = res.marginal_effects(variables="k")["dydx"].to_numpy()
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)
    got = res.margins(kind="effect", variables="k").to_frame()["estimate"].to_numpy()
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)
    # beside a kink, not at it: the derivative exists, and no row is named as at a kink
    assert "kink" not in res.marginal_effects(variables="k").attrs["note"]


def test_a_grid_or_typical_row_without_a_category_says_which_values_it_holds():
    """x at its mean (near 5, between rows near 0 and 10) makes C(np.round(x / 3)) = 2, a
    category no row has: the grid's refusal read "at: with , Data has categories ...", and
    the typical row's named a "newdata" the user had not given."""
    rng = np.random.default_rng(3)
    n = 300
    x = np.where(rng.random(n) < 0.5, rng.uniform(0, 1, n), rng.uniform(9, 10, n))
    d = pd.DataFrame({"x": x, "u": rng.normal(size=n), "y": rng.choice(["p", "q", "r"], n)})
    res = mnlogit.fit("y ~ C(np.round(x / 3)) + u", d)
    for kind in ("prob", "effect"):
        with pytest.raises(mnlogit.exceptions.LevelError) as refused:
            res.margins(average="grid", kind=kind)
        assert str(refused.value).startswith(f'average="grid" holds x = {x.mean():.6g}, u = ')
        assert "{2.0}" in str(refused.value) and "with ," not in str(refused.value)
    with pytest.raises(mnlogit.exceptions.LevelError, match=r'^at="typical": the typical row'):
        res.marginal_effects(at="typical")
    # values set by at= are named as before, the grid's means beside them
    with pytest.raises(mnlogit.exceptions.LevelError, match=r'^at: with u=0\.0; average="grid"'):
        res.margins(at={"u": 0.0}, average="grid")
