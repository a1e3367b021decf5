"""Margins far beyond the data, where the coefficients do not tell on which side of 1/2 a
probability lies while the delta method's interval, linearised where the probability is near
0 or 1, lies well on one side (at worst a point): no standard error, test or interval there
(tests/reference/make_margins_undetermined.R). At hincome = 1e5 they were P(parttime) =
1.0000, se 4.6e-296, z = 2e295, p < 0.0001, interval [1.0000, 1.0000], for a slope of 0.0069
(se 0.0235) that leaves the log-odds of parttime against not.work at 688 +- 4600; emmeans
gives the same kind of numbers up to hincome = 5000 and fails beyond."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_undetermined.json").read_text())
Z = 1.959963984540054
STATS = ["std_error", "z", "pvalue", "lower", "upper"]


@pytest.fixture(scope="module")
def res():
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    fit = mnlogit.fit(REF["formula"], df, ref=REF["ref"])
    np.testing.assert_allclose(fit.llf, REF["loglik"], rtol=1e-10)
    return fit


@pytest.fixture(scope="module")
def grid(res):
    at = sorted({float(r["hincome"]) for r in REF["logits"]})
    return res.margins(at={"hincome": at}, average="grid")


def _undecided(row: dict) -> bool:
    """R's logit-scale interval of the margin reaches 0 (a probability of 1/2)."""
    return abs(row["logit"]) <= Z * row["se_logit"]


def test_margins_the_fit_does_not_determine_have_no_standard_error(grid):
    frame = grid.to_frame().set_index(["hincome", "outcome"])
    emmeans = {(r["hincome"], r["outcome"]): r for r in REF["emmeans"]}
    flagged = 0
    for row in REF["logits"]:
        key = (float(row["hincome"]), row["outcome"])
        ours = frame.loc[key]
        em = emmeans.get((row["hincome"], row["outcome"]))
        if em is not None:  # the estimate is emmeans' wherever it gives one
            np.testing.assert_allclose(ours["estimate"], em["prob"], rtol=1e-6, atol=1e-12)
        # emmeans' interval lies on one side of 1/2, clear of it by its half-width (beyond
        # hincome = 5000 it gives none)
        alone = em is None or abs(em["prob"] - 0.5) > 2 * Z * em["se"]
        if _undecided(row) and alone:
            flagged += 1
            assert ours[STATS].isna().all(), key
        elif em is not None and em["se"] > 1e-10:
            np.testing.assert_allclose(ours["std_error"], em["se"], rtol=1e-5)
    # not.work and parttime at hincome = 1000, 5000 and 1e7; fulltime's interval on the
    # logit scale stays far below 0 there, and hincome = 30 is inside the data
    assert flagged == 6
    assert any("do not tell on which side of 1/2" in n for n in grid.notes)


def test_differences_that_involve_them_have_none_either(grid):
    c = grid.contrast("hincome", "reference", ref=30.0).to_frame()
    undecided = {(float(r["hincome"]), r["outcome"]) for r in REF["logits"] if _undecided(r)}
    for _, row in c.iterrows():
        other = float(row["hincome"].split(" - ")[0])
        if (other, row["outcome"]) in undecided:
            assert np.isnan(row[STATS].to_numpy(dtype=float)).all()
            assert np.isfinite(row["estimate"])  # the estimates' difference is kept
        else:
            assert np.isfinite(row["std_error"])
    between = grid.contrast("outcome").to_frame()
    far = between[between["hincome"] == 1e7]
    assert far["std_error"].isna().all()
    near = between[between["hincome"] == 30.0]
    assert near["std_error"].notna().all()


def test_margins_averaged_over_the_rows_too(res):
    m = res.margins(at={"hincome": [30.0, 1e5]}).to_frame().set_index(["hincome", "outcome"])
    assert m.loc[(30.0, slice(None)), "std_error"].notna().all()
    assert m.loc[(1e5, "parttime"), STATS].isna().all()
    assert m.loc[(1e5, "not.work"), STATS].isna().all()
    # fulltime is 0 to every digit, and would be over the coefficients' whole interval
    assert m.loc[(1e5, "fulltime"), "std_error"] == 0.0


def test_the_note_names_a_level_with_few_rows_of_an_outcome_inside_the_data():
    # Outcome C holds 2 of the 134 rows of level a, both at x near its minimum: at the mean of
    # x (inside the data) P(C | a) is 3.6e-7 and undetermined. The notes blamed "values far
    # from the data" and said to "set values nearer the data", where the values were its mean.
    rng = np.random.default_rng(15)
    n, K = int(rng.integers(200, 500)), int(rng.integers(2, 5))
    df = pd.DataFrame(
        {
            "x": rng.uniform(0.5, 5, n),
            "z": rng.normal(size=n),
            "f": rng.choice(list("abc"), n),
            "h": rng.choice(["p", "q"], n),
        }
    )
    eta = [np.zeros(n)]
    for _ in range(1, K):
        eta.append(
            rng.normal() * df.x
            + rng.normal() * df.z
            + 0.5 * rng.normal() * (df.f == "b")
            + 0.3 * rng.normal() * (df.h == "q")
        )
    p = np.exp(np.column_stack(eta))
    p /= p.sum(axis=1, keepdims=True)
    df["y"] = [chr(65 + rng.choice(K, p=row)) for row in p]
    res = mnlogit.fit("y ~ np.log(x) + f + z + np.log(x):f", df)
    levels = res.margins(over="f", average="grid")
    table = levels.to_frame()
    assert table["std_error"].isna().any()
    effects = res.margins(over="f", average="grid", kind="effect", variables="x")
    assert effects.to_frame()["std_error"].isna().any()
    for note in (levels.notes[-1], effects.notes[-1]):
        assert "few or none of the outcome" in note and "nearer the data's rows" in note
