"""Which coefficients diverge under separation, whatever the reference: ``with_ref`` of a
separated maximum-likelihood fit marks the cells that a fit with that reference marks, and
those are the cells that some separating direction moves (checked against linear programs
cell by cell), not only the one direction the check found.

Finite standard errors: a separated fit stops somewhere along the diverging directions, and
what does not diverge still moves with the probabilities of the separated rows there, by
about as much as the log-likelihood still could gain (at most 0.74 times it relatively, over
882 re-expressions of 200 random separated designs). When a refit stops at the same
log-likelihood (womenlf: equal to 1e-13) they agree to 1e-12; otherwise they are compared to
1e-7 plus 5 times the gap.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from test_firth_weighted_reference import womenlf_separated
from test_separation import margins

import mnlogit
from mnlogit import _recession
from mnlogit.exceptions import DataError, LevelError, RankError
from mnlogit.model import MNLogit

WOMENLF = "partic ~ hincome + children + region"
LEVELS = ("not.work", "fulltime", "parttime")


def fit(formula, df, ref, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the SeparationWarning
        return mnlogit.fit(formula, df, ref=ref, **kw)


def empty_cells() -> pd.DataFrame:
    """Outcomes a and b never occur with g = v, d never with g = u: a cone of separating
    directions of three dimensions, with the reference among the separated outcomes or
    not."""
    return pd.DataFrame(
        {
            "x": np.array(
                "-0.2 -1.4 0.6 1.3 1.2 -1.0 -0.0 -0.3 -0.4 0.3 -0.9 -1.3 -0.7 -1.0 0.8 -0.1 0.8 "
                "0.5 -0.4 -1.2 -0.6 0.9 0.6 -0.2 0.6 -0.2".split(),
                dtype=float,
            ),
            "g": list("wwwuwwwuvvwvwwvvvuvvuwwwvv"),
            "y": list("adcabdbacdcdabdddbcccdcccc"),
        }
    )


def above() -> pd.DataFrame:
    """Outcome d never occurs with g = u (every row with x > 0.5 is a, which separates
    nothing: a occurs below as well): the direction the check finds leaves d's coefficient
    of g[T.w] at 0, which another direction moves."""
    return pd.DataFrame(
        {
            "x": empty_cells()["x"],
            "g": list("wwwuwwwuvvwvwwvvvuvvuwwwvv"),
            "y": list("adaaadbacacdabaaabcccaacac"),
        }
    )


def complete() -> pd.DataFrame:
    """x orders the outcomes a < b < c perfectly; z is noise."""
    z = [0.3, -1.2, 0.8, 0.1, -0.5, 1.1, -0.9, 0.4, 1.5, -0.2, 0.6, -1.4]
    return pd.DataFrame({"x": np.arange(1.0, 13.0), "z": z, "y": list("aaaabbbbcccc")})


# (formula, data, weights, the fit's reference)
CASES = {
    "womenlf-weighted-ref-separated": (WOMENLF, womenlf_separated, "w", "parttime"),
    "womenlf-weighted": (WOMENLF, womenlf_separated, "w", "not.work"),
    "womenlf-region-ref-separated": ("partic ~ region", womenlf_separated, None, "parttime"),
    "empty-cells": ("y ~ x + g", empty_cells, None, "a"),
    "empty-cells-ref-d": ("y ~ x + g", empty_cells, None, "d"),
    "above": ("y ~ x + g", above, None, "a"),
    "above-ref-d": ("y ~ x + g", above, None, "d"),
    "complete": ("y ~ x + z", complete, None, "b"),
}


def cone_cells(data) -> np.ndarray:
    """(p, K, K) by position in the levels: whether some direction D (p x K, the reference's
    column 0) with every x_i'(d_{y_i} - d_k) >= 0 has d_k - d_l nonzero in column a, from
    the largest and smallest value of each over |D| <= 1 (two linear programs per cell), on
    columns scaled to unit maximum: the definition, cell by cell."""
    keep = data.w > 0
    X = data.X[keep] / np.abs(data.X[keep]).max(axis=0)
    y = data.coding.core_to_level[data.y[keep]]
    p, K, r = X.shape[1], len(data.levels), data.coding.ref_index
    rows = []
    for i in range(len(X)):
        for k in range(K):
            if k != y[i]:
                row = np.zeros((p, K))
                row[:, y[i]] += X[i]
                row[:, k] -= X[i]
                rows.append(row.ravel())
    A = np.array(rows)
    bounds = [(0.0, 0.0) if j % K == r else (-1.0, 1.0) for j in range(p * K)]
    out = np.zeros((p, K, K), dtype=bool)
    for a in range(p):
        for k in range(K):
            for m in range(k + 1, K):
                c = np.zeros((p, K))
                c[a, k], c[a, m] = 1.0, -1.0
                ends = [
                    linprog(s * c.ravel(), A_ub=-A, b_ub=np.zeros(len(A)), bounds=bounds).fun
                    for s in (1.0, -1.0)
                ]
                out[a, k, m] = out[a, m, k] = max(abs(e) for e in ends) > 1e-6
    return out


def assert_same_inference(a, b, exact: bool = True) -> None:
    """``a`` (re-expressed) and ``b`` (refitted) mark the same cells, and agree elsewhere."""
    pd.testing.assert_frame_equal(a.diverging, b.diverging)
    pd.testing.assert_frame_equal(a.bse.isna(), b.bse.isna())
    finite = ~a.bse.isna().to_numpy()
    # (a separated fit's information is as ill-conditioned as its diverging coefficients
    # are far out: re-expressed and refitted, its rounding differs by a few 1e-12)
    rtol = 1e-11 if exact else 1e-7 + 5 * abs(a.llf - b.llf)
    np.testing.assert_allclose(a.bse.to_numpy()[finite], b.bse.to_numpy()[finite], rtol=rtol)
    # an estimate near 0 is compared on the scale of its standard error
    gap = np.abs(a.params.to_numpy() - b.params.to_numpy())[finite]
    scale = (np.abs(b.params.to_numpy()) + b.bse.to_numpy())[finite]
    assert (gap <= rtol * scale).all()


@pytest.fixture(scope="module", params=list(CASES))
def case(request):
    formula, make, weights, ref = CASES[request.param]
    df = make()
    return formula, df, weights, fit(formula, df, ref, weights=weights)


def test_with_ref_marks_what_a_refit_marks(case):
    formula, df, weights, res = case
    assert res.separation is not None
    for level in res.outcomes:
        if level != res.ref:
            refit = fit(formula, df, level, weights=weights)
            assert refit.separation is not None
            assert_same_inference(res.with_ref(level), refit, exact=False)


def test_with_ref_reports_the_separation_a_refit_reports(case):
    """Its message (outcomes, counts, terms, rows on the boundary), which cells diverge and,
    for complete separation, the largest margin and its direction; for quasi-complete
    separation the direction, re-expressed, makes the same inequalities strict."""
    formula, df, weights, res = case
    for level in res.outcomes:
        if level == res.ref:
            continue
        a = res.with_ref(level).separation
        b = fit(formula, df, level, weights=weights).separation
        assert (a.kind, a.ref, a.outcomes, a.terms, a.rows, a.counts, a.n_rows) == (
            b.kind,
            b.ref,
            b.outcomes,
            b.terms,
            b.rows,
            b.counts,
            b.n_rows,
        )
        assert a.finding == b.finding and a.levels == b.levels
        np.testing.assert_array_equal(a.apart, b.apart)
        pd.testing.assert_index_equal(a.direction.columns, b.direction.columns)
        if a.kind == "complete":
            assert a.margin == pytest.approx(b.margin, rel=1e-9)
            np.testing.assert_allclose(a.direction, b.direction, atol=1e-9)
        else:
            data = MNLogit.from_formula(formula, df, level, weights=weights)._data
            ga, gb = (margins(data, s.direction.to_numpy()) for s in (a, b))
            assert ga.min() >= -1e-9 and gb.min() >= -1e-9
            np.testing.assert_array_equal(ga > 1e-9, gb > 1e-9)


def test_the_rows_on_the_boundary_do_not_depend_on_the_reference():
    """No parttime row in Atlantic: the rows tied on the boundary are those tied against
    parttime (228 of 258); against parttime, every row was counted, as its rows were tied
    against the other two outcomes, which no direction moves apart."""
    df = womenlf_separated()
    seps = [fit(WOMENLF, df, ref, weights="w").separation for ref in LEVELS]
    assert all(s.rows == seps[0].rows for s in seps)
    assert len(seps[0].rows) == 228 and "228 of the 258 rows tied" in seps[2].message


def test_marked_cells_are_those_some_separating_direction_moves(case):
    formula, df, weights, res = case
    data = MNLogit.from_formula(formula, df, res.ref, weights=weights)._data
    cells = cone_cells(data)
    np.testing.assert_array_equal(res.separation.apart, cells)
    levels = list(res.outcomes)
    for level in levels:
        r = levels.index(level)
        others = [i for i in range(len(levels)) if i != r]
        expected = cells[:, others, r]
        np.testing.assert_array_equal(res.separation.diverging(level).to_numpy(), expected)
        if level != res.ref:
            np.testing.assert_array_equal(res.with_ref(level).diverging.to_numpy(), expected)


def test_parttime_against_fulltime_is_finite_when_parttime_was_the_reference():
    """No parttime row in Atlantic: only parttime's coefficients of the intercept and the
    regions diverge, against any reference; not.work's against fulltime are finite (they
    were NaN because the old reference was among the separated outcomes)."""
    df = womenlf_separated()
    res = fit(WOMENLF, df, "parttime", weights="w").with_ref("fulltime")
    refit = fit(WOMENLF, df, "fulltime", weights="w")
    assert_same_inference(res, refit)
    assert res.bse["not.work"].notna().all()
    assert res.diverging["parttime"].tolist() == [True, False, False, True, True, True, True]
    # near its limit, 0.48808249, which the fit approaches as parttime's coefficients run off
    assert res.bse.loc["Intercept", "not.work"] == pytest.approx(0.4880825, abs=1e-6)


def test_a_cell_the_found_direction_leaves_alone_is_marked():
    """The direction the check finds leaves d's coefficient of g[T.w] at 0, but the one
    that takes d down where g = u moves it: the fit's standard error there was 63 (its
    others 1.2 to 2.1), and it was reported."""
    res = fit("y ~ x + g", above(), "a")
    assert res.separation.direction.loc["g[T.w]", "d"] == 0.0
    assert res.diverging.loc["g[T.w]", "d"]
    assert np.isnan(res.bse.loc["g[T.w]", "d"])
    # b's and c's coefficients of x and g[T.w] move along no direction
    assert res.bse.loc[["x", "g[T.w]"], ["b", "c"]].notna().all().all()


def test_past_the_memory_the_span_needs_the_cells_the_direction_moves_are_marked(monkeypatch):
    monkeypatch.setattr(_recession, "information_fits", lambda n_params, threads: False)
    res = fit("y ~ x + g", above(), "a")
    D = res.separation.direction
    np.testing.assert_array_equal(res.diverging.to_numpy(), D.to_numpy() != 0)
    assert not res.diverging.loc["g[T.w]", "d"]  # which the span marks (see above)


def test_complete_separation_marks_every_cell_against_every_reference():
    res = fit("y ~ x + z", complete(), "b")
    assert res.separation.kind == "complete"
    assert res.separation.apart.sum() == 3 * 3 * 2  # every column, every pair of levels
    for level in "ac":
        assert res.with_ref(level).bse.isna().all().all()


def test_tests_summary_and_margins_after_with_ref_are_the_refits():
    df = womenlf_separated()
    res = fit(WOMENLF, df, "parttime", weights="w").with_ref("not.work")
    refit = fit(WOMENLF, df, "not.work", weights="w")

    def marked(r):
        return {(t, row[0]) for t, rows in r.summary().blocks for row in rows if "(!)" in row[0]}

    assert marked(res) == marked(refit) != set()
    for terms in (["hincome"], ["region"], ["children", "hincome"]):
        a, b = res.wald_test(terms), refit.wald_test(terms)
        assert np.isnan(a.pvalue) == np.isnan(b.pvalue)
        assert a.statistic == pytest.approx(b.statistic, rel=1e-8, nan_ok=True)
        assert a.note == b.note
    assert np.isfinite(res.wald_test(["hincome"]).pvalue)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a, b = res.anova(), refit.anova()
    pd.testing.assert_frame_equal(a, b, rtol=1e-6)
    lr_a, lr_b = res.lr_test(), refit.lr_test()
    assert np.isnan(lr_a.pvalue) and np.isnan(lr_b.pvalue) and lr_a.note == lr_b.note
    me_a, me_b = res.marginal_effects(), refit.marginal_effects()
    pd.testing.assert_frame_equal(me_a.isna(), me_b.isna())
    pd.testing.assert_frame_equal(me_a, me_b, rtol=1e-6)
    mg_a, mg_b = (r.margins(over="children").to_frame() for r in (res, refit))
    pd.testing.assert_frame_equal(mg_a, mg_b, rtol=1e-6)
    assert str(res.summary()) == str(refit.summary())


@pytest.mark.parametrize("ref", LEVELS)
def test_firth_with_ref_stays_finite_and_is_the_refit(ref):
    df = womenlf_separated()
    firth = fit(WOMENLF, df, "parttime", weights="w", method="firth")
    refit = fit(WOMENLF, df, ref, weights="w", method="firth")
    res = firth.with_ref(ref)
    assert res.separation is None and not res.diverging.to_numpy().any()
    assert res.bse.notna().all().all()
    pd.testing.assert_frame_equal(res.bse, refit.bse, rtol=1e-7)
    pd.testing.assert_frame_equal(res.params, refit.params, rtol=1e-7)


def test_diverging_against_a_level_that_is_not_one_is_refused():
    sep = fit("y ~ x + g", empty_cells(), "a").separation
    with pytest.raises(LevelError, match="'e' is not an outcome level; levels are 'a'"):
        sep.diverging("e")
    assert sep.diverging().equals(sep.diverging("a"))


@st.composite
def separated_designs(draw):
    """16 to 30 rows, 3 or 4 outcomes, x small integers, g three levels; one outcome
    never occurs with one level of g (quasi-complete separation at least), and sometimes
    a second one above a value of x."""
    n = draw(st.integers(16, 30))
    K = draw(st.integers(3, 4))
    levels = list("abcd"[:K])
    x = draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
    g = draw(st.lists(st.sampled_from("uvw"), min_size=n, max_size=n))
    y = draw(st.lists(st.sampled_from(levels), min_size=n, max_size=n))
    gone, where = draw(st.sampled_from(levels)), draw(st.sampled_from("uvw"))
    nxt = {v: levels[(i + 1) % K] for i, v in enumerate(levels)}
    y = [nxt[v] if v == gone and h == where else v for v, h in zip(y, g, strict=True)]
    if draw(st.booleans()):
        above, top = draw(st.integers(0, 2)), draw(st.sampled_from(levels))
        y = [top if v > above else u for v, u in zip(x, y, strict=True)]
    return pd.DataFrame({"x": np.array(x, dtype=float), "g": g, "y": y}), levels


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(separated_designs(), st.data())
def test_with_ref_marks_what_a_refit_marks_on_random_designs(design, data):
    df, levels = design
    assume(df["y"].nunique() == len(levels) and df["g"].nunique() == 3)
    ref, new = data.draw(st.permutations(levels))[:2]
    try:
        res = fit("y ~ x + g", df, ref)
    except (DataError, RankError):  # too few rows, or x collinear with g
        assume(False)
    assume(res.separation is not None)
    refit = fit("y ~ x + g", df, new)
    assert_same_inference(res.with_ref(new), refit, exact=False)
    assert res.with_ref(new).separation.finding == refit.separation.finding
    cells = cone_cells(MNLogit.from_formula("y ~ x + g", df, ref)._data)
    np.testing.assert_array_equal(res.separation.apart, cells)
