"""The separation check's tall programs solved by row generation find what the whole programs
find: the inequalities that can be strict, the kind, the rows on the boundary, the
coefficients that diverge and the log-likelihood the fit approaches."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _recession, _row_generation
from mnlogit.model import MNLogit


def many_outcomes(seed: int, n: int, K: int, kind: str) -> pd.DataFrame:
    """K outcomes, some rare; a factor and numeric columns. ``kind``: "rare" (rare outcomes,
    quasi-complete separation), "complete" (the outcome a function of the columns) or
    "overlap" (no outcome rare: usually no separation)."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"g": rng.choice(list("abcd"), n)})
    for i in range(3):
        df[f"x{i}"] = rng.normal(size=n)
    if kind == "complete":
        eta = 40 * np.column_stack([df.x0 * k + df.x1 * (k % 3) - k * k / 4 for k in range(K)])
        df["y"] = [f"r{k}" for k in eta.argmax(axis=1)]
    else:
        p = np.ones(K)
        if kind == "rare":
            p[-3:] = [0.01, 0.01, 0.02]
        df["y"] = rng.choice([f"r{k}" for k in range(K)], n, p=p / p.sum())
    return df


FORMULA = "y ~ C(g) + x0 + x1 + x2"


def found(df: pd.DataFrame, tall: bool, monkeypatch) -> dict:
    """What the check finds with every program solved by row generation (``tall``) or whole,
    and how many programs were solved by row generation."""
    calls = []
    solve = _row_generation.maximise
    with monkeypatch.context() as patch:
        patch.setattr(_row_generation, "TALL_ROWS", 0 if tall else 10**12)
        patch.setattr(_row_generation, "TALL_RATIO", 0 if tall else 10**12)
        patch.setattr(_recession, "maximise", lambda *a: calls.append(1) or solve(*a))
        data = MNLogit.from_formula(FORMULA, df)._data
        cone = _recession.separating_cone(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = mnlogit.fit(FORMULA, df)
    sep = res.separation
    return {
        "calls": len(calls),
        "strict": None if cone is None else cone[2],
        "kind": None if sep is None else sep.kind,
        "rows": None if sep is None else sep.rows,
        "diverging": None if sep is None else sep.diverging(),
        "llf": res.llf,
    }


@pytest.mark.parametrize(
    ("seed", "n", "K", "kind"),
    [(0, 400, 8, "rare"), (1, 300, 12, "rare"), (2, 300, 6, "complete"), (3, 400, 5, "overlap")],
)
def test_row_generation_finds_what_the_whole_programs_find(seed, n, K, kind, monkeypatch):
    df = many_outcomes(seed, n, K, kind)
    whole = found(df, False, monkeypatch)
    generated = found(df, True, monkeypatch)
    assert whole["calls"] == 0
    assert generated["calls"] >= 1
    assert generated["kind"] == whole["kind"]
    if kind != "overlap":
        assert whole["kind"] == ("complete" if kind == "complete" else "quasi-complete")
        np.testing.assert_array_equal(generated["strict"], whole["strict"])
        assert generated["rows"] == whole["rows"]
        pd.testing.assert_frame_equal(generated["diverging"], whole["diverging"])
    np.testing.assert_allclose(generated["llf"], whole["llf"], rtol=1e-9)


def test_a_program_is_solved_whole_below_the_threshold():
    A = _recession.constraints(np.ones((100, 3)), np.zeros(100, dtype=int), 4)
    assert not _row_generation.is_tall(A)
    big = _recession.constraints(np.ones((6000, 3)), np.zeros(6000, dtype=int), 4)
    assert _row_generation.is_tall(big)
