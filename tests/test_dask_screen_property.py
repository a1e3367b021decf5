"""The dask separation screen against the in-memory exact check, on random factor designs.

A dask fit cannot run the exact check; its screen reads the sums kept from the first pass
(mnlogit._screen). Two properties hold for any design, coding, weights and partitioning:
it never reports separation the exact check does not find, and every coefficient it
marks diverging is one the in-memory fit marks (its directions separate for sure); where
it finds none and the exact check does (a slope that separates within a cell), the dask fit
is one that diverged, every coefficient marked, and so is one where it finds part of that
separation and the coefficients it leaves finite run off too. In a
design that spans every cell of its factors (``g*h``, ``0 + g:h``, any coding), separation
is an outcome missing from a cell, which the screen reads exactly: there the two fits mark
the same coefficients.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.separation import diverging_cells

pytestmark = pytest.mark.slow  # starts Dask schedulers

dd = pytest.importorskip("dask.dataframe")

# (formula, whether it spans every cell of its factors)
FORMULAS = [
    ("y ~ g*h", True),
    ("y ~ 0 + g:h", True),
    ("y ~ C(g, Sum)*C(h, Helmert)", True),
    ("y ~ C(g, Treatment('b'))*b", True),
    ("y ~ C(g, Poly)*h", True),
    ("y ~ C(g, Poly)*h + x1:C(g, Poly):h", False),
    ("y ~ x1*g + h", False),
    ("y ~ g + h:x1", False),
    ("y ~ x1*b + C(h, Sum)", False),
]


@st.composite
def designs(draw: st.DrawFn) -> tuple[str, bool, pd.DataFrame, dict, int]:
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    n = draw(st.integers(40, 160))
    df = pd.DataFrame(
        {
            "y": rng.choice(list("ABC"), n),
            "g": rng.choice(list("abc"), n),
            "h": rng.choice(list("uv"), n),
            "x1": rng.normal(size=n),
        }
    ).assign(b=lambda d: rng.random(n) < 0.5)
    # outcomes taken out of random cells (of g, or of g and h)
    for _ in range(draw(st.integers(0, 3))):
        at = (df.g == draw(st.sampled_from("abc"))) & (
            True if draw(st.booleans()) else df.h == draw(st.sampled_from("uv"))
        )
        gone, to = draw(st.permutations("ABC"))[:2]
        df.loc[at & (df.y == gone), "y"] = to
    options: dict = {}
    if draw(st.booleans()):  # sampling weights, some 0, a few tiny or huge
        w = rng.choice([0.0, 1e-9, 0.3, 1.0, 2.5, 1e6], n, p=[0.1, 0.05, 0.3, 0.4, 0.1, 0.05])
        df["w"] = w
        options = {"weights": "w", "weight_type": "probability"}
    formula, spans = draw(st.sampled_from(FORMULAS))
    return formula, spans, df, options, draw(st.integers(1, 5))


def _fit(formula: str, data, options: dict) -> mnlogit.MNLogitResults | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # separation and rare levels, said by each fit
        try:
            return mnlogit.fit(formula, data, **options)
        except mnlogit.MNLogitError:
            return None  # refused (a level without rows, a rank-deficient design): both


@settings(
    derandomize=True, max_examples=14, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(designs())
def test_the_dask_screen_marks_only_what_the_exact_check_marks(design):
    formula, spans, df, options, parts = design
    want = _fit(formula, df, options)
    got = _fit(formula, dd.from_pandas(df, npartitions=parts), options)
    assert (want is None) == (got is None)
    if want is None or got is None:
        return
    if want.separation is None:
        assert got.separation is None  # no false alarm
        return
    if got.separation is None:  # a fit that diverged unexplained marks every coefficient
        assert not spans and not got.converged
        return
    mem, dask = want.diverging.to_numpy(), got.diverging.to_numpy()
    if got._core.outran:
        # coefficients the screen leaves finite ran off: more diverge than it names (a slope
        # separating within a cell), so every coefficient is marked
        screened = diverging_cells(got.separation, got._data)
        assert not spans and dask.all() and (mem & ~screened).any()
        return
    assert not (dask & ~mem).any()
    if spans:
        assert got.separation is not None and got.separation.unjudged == ()
        np.testing.assert_array_equal(dask, mem)
