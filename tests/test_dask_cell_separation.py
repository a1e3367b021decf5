"""Separation at a factor's level or an interaction's cell under any coding, on Dask.

A dask fit cannot run the exact check, so its screen reads X'WY: a level's or a cell's
indicator that is a combination of the design columns and totals 0 over some outcome's rows
separates for sure. The screen read only design columns and a treatment-coded main effect's
baseline, so a dask fit of ``y ~ x1*g`` reported the slope on the empty level with a
finite standard error (x1:g[T.c], SE 0.43) where the in-memory fit reports it diverging,
and a sum-coded factor's empty level (``C(g, Sum)``), or an empty cell of ``g*h`` at the
baselines, went unnamed: the fit said it diverged, with no separation.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit._screen import screen
from mnlogit.exceptions import SeparationWarning
from mnlogit.model import MNLogit

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


def frame(n: int = 300, seed: int = 0) -> pd.DataFrame:
    """Rows of every outcome at every cell of g (a, b, c) and h (u, v), x1 normal."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "y": rng.choice(list("ABC"), n),
            "g": rng.choice(list("abc"), n),
            "h": rng.choice(list("uv"), n),
            "x1": rng.normal(size=n),
        }
    )


def emptied(df: pd.DataFrame, at: dict[str, str], outcome: str = "B") -> pd.DataFrame:
    """``df`` with the rows of ``outcome`` at the cell ``at`` made outcome C."""
    out = df.copy()
    cell = np.logical_and.reduce([out[k] == v for k, v in at.items()])
    out.loc[cell & (out.y == outcome), "y"] = "C"
    return out


def fits(formula: str, df: pd.DataFrame, **options) -> tuple:
    """The in-memory fit, the dask fit (3 partitions) and the dask fit's warning classes."""
    out: list = []
    for data in (df, dd.from_pandas(df, npartitions=3)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = mnlogit.fit(formula, data, **options)
        out += [res, [c.category for c in caught]]
    return out[0], out[2], out[3]  # type: ignore[return-value]


# (formula, cell without rows of B): each gave finite standard errors on Dask for
# coefficients the in-memory fit reports diverging, or no separation at all
GAPS = [
    pytest.param("y ~ x1*g", {"g": "c"}, id="slope-on-a-treatment-level"),
    pytest.param("y ~ x1*C(g, Sum)", {"g": "c"}, id="sum-coding-with-slope"),
    pytest.param("y ~ C(g, Helmert) + x1", {"g": "b"}, id="helmert"),
    pytest.param("y ~ C(g, Poly) + x1", {"g": "a"}, id="poly"),
    pytest.param("y ~ g*h + x1", {"g": "a", "h": "u"}, id="cell-at-the-baselines"),
    pytest.param("y ~ g:h + x1", {"g": "a", "h": "u"}, id="interaction-alone"),
    pytest.param("y ~ x1*g*h", {"g": "a", "h": "v"}, id="three-way-with-slopes"),
    pytest.param("y ~ 0 + g + h + x1", {"h": "u"}, id="no-intercept-reduced-factor"),
    pytest.param("y ~ C(g, Sum)*C(h, Sum)", {"g": "c", "h": "v"}, id="sum-by-sum-cell"),
]


@pytest.mark.parametrize(("formula", "at"), GAPS)
def test_a_dask_fit_marks_what_the_in_memory_fit_finds_diverging(formula, at):
    df = emptied(frame(), at)
    want, got, caught = fits(formula, df)
    assert want.separation is not None and want.separation.kind == "quasi-complete"
    assert SeparationWarning in caught
    sep = got.separation
    assert sep is not None and sep.kind == "screened"
    assert {o for _, o in sep.empty} == {"B"}
    pd.testing.assert_frame_equal(got.diverging, want.diverging)
    for name in ("bse", "zvalues", "pvalues"):
        pd.testing.assert_frame_equal(
            getattr(got, name).isna(), getattr(want, name).isna(), obj=name
        )
    # what does not diverge keeps its standard error
    keep = ~want.diverging.to_numpy()
    np.testing.assert_allclose(got.bse.to_numpy()[keep], want.bse.to_numpy()[keep], rtol=1e-5)


def test_the_slope_on_an_empty_level_has_no_wald_test_on_dask():
    # the dask fit gave x1:g[T.c] a finite SE and the slopes' Wald test a finite chi2
    df = emptied(frame(), {"g": "c"})
    want, got, _ = fits("y ~ x1*g", df)
    assert np.isnan(got.bse.loc["x1:g[T.c]", "B"])
    assert np.isnan(want.bse.loc["x1:g[T.c]", "B"])
    assert np.isfinite(got.bse.loc["x1:g[T.c]", "C"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tests left uncomputed, said
        # the dask fit's test of the slopes' term was a finite chi2 of 6.81
        assert np.isnan(want.wald_test("x1:g").statistic)
        assert np.isnan(got.wald_test("x1:g").statistic)


ALL = [
    "y ~ x1*g",
    "y ~ x1*C(g, Sum)",
    "y ~ C(g, Helmert) + x1",
    "y ~ C(g, Poly) + x1",
    "y ~ g*h",
    "y ~ g:h",
    "y ~ 0 + g + h",
    "y ~ 0 + g:h",
    "y ~ C(g, Sum)*C(h, Helmert)*x1",
]


# sampling weights leave X'WY's totals fractional: the dask screen counts rows
SAMPLES = [
    pytest.param(1, {}, id="seed1"),
    pytest.param(2, {}, id="seed2"),
    pytest.param(3, {"weights": "w", "weight_type": "probability"}, id="sampling-weights"),
]


@pytest.mark.parametrize("formula", ALL)
@pytest.mark.parametrize(("seed", "options"), SAMPLES)
def test_no_cell_is_screened_where_every_outcome_is_at_every_cell(formula, seed, options):
    df = frame(300, seed).assign(w=np.random.default_rng(seed).uniform(0.2, 5.0, 300))
    assert len(df.groupby(["g", "h", "y"])) == 18
    data = MNLogit.from_formula(formula, df, **options)._data
    assert not screen(data)[1].any()
    want, got, caught = fits(formula, df, **options)
    assert caught == [] and got.separation is None and got.converged
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-8, atol=1e-12)


def test_a_term_the_screen_cannot_judge_is_named():
    # x1:g without g: whether the slope on a level without rows of B separates depends on
    # the sign of x1 over that level's rows, which the sums do not tell
    df = emptied(frame(), {"h": "v"})
    _, got, _ = fits("y ~ h + x1:g", df)
    sep = got.separation
    assert sep is not None and sep.unjudged == ("x1:g",)
    assert "could not judge 'x1:g'" in sep.message
    assert "mnlogit.check_separation" in sep.message


@pytest.mark.parametrize(
    ("formula", "cells"),
    [
        # two columns of one sign, each 0 on every row of another outcome: the dask fit
        # marked g[T.b] and g[T.c] diverging in both equations (4 NaN standard errors where
        # the in-memory fit has 2)
        pytest.param("y ~ x1 + g", [({"g": "b"}, "B", "A"), ({"g": "c"}, "C", "A")], id="columns"),
        pytest.param(
            "y ~ x1*g", [({"g": "a"}, "B", "C"), ({"g": "b"}, "C", "A")], id="baseline-and-slope"
        ),
        pytest.param(
            "y ~ g*h + x1",
            [({"g": "a", "h": "u"}, "B", "C"), ({"g": "b", "h": "v"}, "C", "A")],
            id="two-cells",
        ),
    ],
)
def test_indicators_empty_for_different_outcomes_mark_only_their_own_equations(formula, cells):
    df = frame()
    for at, outcome, to in cells:
        cell = np.logical_and.reduce([df[k] == v for k, v in at.items()])
        df.loc[cell & (df.y == outcome), "y"] = to
    want, got, _ = fits(formula, df)
    assert got.separation is not None and want.separation is not None
    pd.testing.assert_frame_equal(got.diverging, want.diverging)
    pd.testing.assert_frame_equal(got.bse.isna(), want.bse.isna())


def test_a_row_of_tiny_sampling_weight_at_a_level_is_no_separation_on_dask():
    # the only row of B at g's baseline weighs 1e-9 among weights near 1000: X'WY's total
    # there is below the rounding of the others' sums, and the dask fit reported a screened
    # separation the in-memory fit (and the data) do not have. The screen now counts the
    # rows of positive weight at the level, unweighted: 1
    df = frame().assign(w=np.random.default_rng(5).uniform(500, 1500, 300))
    at = np.flatnonzero((df.g == "a") & (df.y == "B"))
    df.loc[df.index[at[1:]], "y"] = "C"
    df.loc[df.index[at[0]], "w"] = 1e-9
    options = {"weights": "w", "weight_type": "probability"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the dask fit's steps, which no exact check explains
        want = mnlogit.fit("y ~ x1 + g", df, **options)
        got = mnlogit.fit("y ~ x1 + g", dd.from_pandas(df, npartitions=3), **options)
    assert want.converged and want.separation is None
    assert got.separation is None


def test_the_rows_are_counted_only_for_a_design_with_factors():
    # a weighted design of numeric columns has no level to count rows at: its tally keeps no
    # unweighted X'Y (the pass pays nothing for the screen)
    df = frame().assign(w=np.random.default_rng(8).uniform(0.5, 2.0, 300))
    ddf = dd.from_pandas(df, npartitions=3)
    plain = mnlogit.fit("y ~ x1", ddf, weights="w", weight_type="probability")
    assert plain._data.positive_outcome_sums() is None
    with_factor = mnlogit.fit("y ~ x1 + g", ddf, weights="w", weight_type="probability")
    counts = with_factor._data.positive_outcome_sums()
    g_b = list(with_factor.params.index).index("g[T.b]")
    by_outcome = df[df.g == "b"].groupby("y").size()
    np.testing.assert_array_equal(counts[g_b][with_factor._data.coding.level_to_core], by_outcome)


def test_an_interaction_of_more_than_512_cells_is_screened_cell_by_cell():
    # g * k with k of 171 levels has 513 cells, past the 512 the screen solved for: its
    # cells were left out, unnamed, and the dask fit gave finite standard errors to 533
    # coefficients that the in-memory fit reports diverging (no row of B at g=a, k=k000).
    # Its 513 columns cost the solve no more than the fit's own factorisation
    rng = np.random.default_rng(5)
    n = 3000
    df = pd.DataFrame(
        {
            "y": rng.choice(list("AB"), n),
            "g": rng.choice(list("abc"), n),
            "k": rng.choice([f"k{i:03d}" for i in range(171)], n),
        }
    )
    df = emptied(df, {"g": "a", "k": "k000"}, "B")
    df.loc[(df.g == "a") & (df.k == "k000") & (df.y == "C"), "y"] = "A"
    want, got, _ = fits("y ~ g*k", df)
    assert want.separation is not None and got.separation is not None
    assert ("g:k at levels 'a', 'k000'", "B") in got.separation.empty
    assert want.diverging.to_numpy().sum() > 500
    pd.testing.assert_frame_equal(got.diverging, want.diverging)
    pd.testing.assert_frame_equal(got.bse.isna(), want.bse.isna())


@pytest.mark.parametrize(
    ("formula", "at"),
    [
        # formulaic encodes booleans as one column of 0s and 1s: the level False has no
        # column, and the dask fit reported no separation ("the fit diverged")
        pytest.param("y ~ x1 + b", {"b": False}, id="false-level"),
        # the slope on True, x1:b, moves with the column b: the dask fit gave it an SE of 0.43
        pytest.param("y ~ x1*b", {"b": True}, id="slope-on-true"),
        pytest.param("y ~ x1*b + g", {"b": False}, id="false-level-with-a-slope"),
    ],
)
def test_a_factor_of_booleans_is_screened_as_two_levels_on_dask(formula, at):
    df = emptied(frame().assign(b=lambda d: d.h == "u"), at)
    want, got, caught = fits(formula, df)
    assert want.separation is not None and SeparationWarning in caught
    sep = got.separation
    assert sep is not None and sep.kind == "screened"
    assert sep.empty in ((("b", "B"),), ((f"b at level {at['b']}", "B"),))
    pd.testing.assert_frame_equal(got.diverging, want.diverging)
    pd.testing.assert_frame_equal(got.bse.isna(), want.bse.isna())


def test_no_level_of_booleans_is_screened_where_every_outcome_is_at_both():
    # sampling weights: the rows at each level counted over the rows of positive weight
    df = frame(300, 2).assign(b=lambda d: d.h == "u", w=np.linspace(0.2, 5.0, 300))
    for formula in ("y ~ x1 + b", "y ~ x1*b*g"):
        data = MNLogit.from_formula(formula, df)._data
        assert not screen(data)[1].any()
        _, got, caught = fits(formula, df, weights="w", weight_type="probability")
        assert caught == [] and got.separation is None and got.converged


@pytest.mark.parametrize("ref", ["B", "C"])
def test_a_screened_separation_is_said_against_the_reference_with_ref_gives(ref):
    # re-expressed against B, the dask fit's separation still said the coefficients of
    # g[T.c] diverge "in the equation(s) for outcome(s) 'B' (against reference 'A')",
    # an equation the re-expressed fit does not have, while it marked A's and C's
    df = emptied(frame(), {"g": "c"})
    want, got, _ = fits("y ~ x1*g + h", df)
    want, got = want.with_ref(ref), got.with_ref(ref)
    sep = got.separation
    assert sep is not None and sep.ref == ref
    assert sep.outcomes == want.separation.outcomes
    assert sep.terms == want.separation.terms == ("g[T.c]", "x1:g[T.c]")
    assert f"(against reference {ref!r}) diverge" in sep.message
    assert ("(the reference)" in sep.message) == (ref == "B")
    pd.testing.assert_frame_equal(got.diverging, want.diverging)
    # the direction moves the linear predictors as the fit's did: no row's likelihood falls
    X = np.column_stack([np.ones(len(df)), df.x1, *(df.g == v for v in "bc"), df.h == "v"])
    X = np.column_stack([X, df.x1 * (df.g == "b"), df.x1 * (df.g == "c")])
    D = sep.direction.reindex(columns=list(got.outcomes), fill_value=0.0).to_numpy()
    eta = X @ D
    own = eta[np.arange(len(df)), pd.Index(got.outcomes).get_indexer(df.y)]
    assert (own[:, None] >= eta - 1e-12).all() and (eta != 0).any()
