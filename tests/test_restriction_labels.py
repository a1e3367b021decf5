"""Restrictions written with the labels surveys and formulas produce: outcomes with an
apostrophe ("don't know"), columns whose names hold ',' and '=' (a spline's
``bs(x, df=3)[1]``), labels that read two ways, and a numeric reference outcome. Each
restriction is checked against the Wald statistic computed by hand from its (R, q) form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, LevelError


def _data(n: int = 400, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame({"x": rng.uniform(0, 10, n), "g": rng.choice(["elem", "high's", "mid"], n)})
    eta = np.column_stack([np.zeros(n), 0.2 * d["x"] - 1 + (d["g"] == "mid"), -0.15 * d["x"] + 0.8])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    d["y"] = np.array(["no", "don't know", "yes"])[codes]
    return d


DATA = _data()


def _by_hand(res, rows: list[dict[tuple, float]], q: list[float]) -> float:
    """r' (R V R')^-1 r for restrictions given as {(outcome, column): multiplier}."""
    labels = list(res.cov_params().index)
    b = res.params.to_numpy().T.ravel()
    V = res.cov_params().to_numpy()
    R = np.zeros((len(rows), len(b)))
    for i, row in enumerate(rows):
        for label, mult in row.items():
            R[i, labels.index(label)] = mult
    r = R @ b - np.asarray(q)
    return float(r @ np.linalg.solve(R @ V @ R.T, r))


@pytest.mark.parametrize(
    "cov",
    [{}, {"design": mnlogit.SurveyDesign(weights=np.linspace(1, 5, len(DATA)))}],
    ids=["model-based", "survey"],
)
def test_an_apostrophe_in_a_label_does_not_join_restrictions(cov):
    # split_top read the apostrophe of "don't know" as opening a string to the end of the
    # text, so the comma was not seen: "expected one '='; separate restrictions by commas"
    res = mnlogit.fit("y ~ x + g", DATA, ref="no", **cov)
    want = _by_hand(
        res,
        [{("don't know", "x"): 1.0, ("yes", "x"): -1.0}, {("yes", "g[T.high's]"): 1.0}],
        [0.0, 0.0],
    )
    for text in (
        "don't know:x = yes:x, yes:g[T.high's] = 0",
        "yes:g[T.high's] = 0, don't know:x - yes:x = 0",
        ["don't know:x = yes:x", "yes:g[T.high's] = 0"],
    ):
        t = res.wald_test(text)
        assert t.df == 2, text
        got = t.statistic
        if "design" in cov:  # Stata's adjusted F back to the Wald chi2: F d k / (d - k + 1)
            d = res.df_design
            got = t.statistic * d * 2 / (d - 2 + 1)
        np.testing.assert_allclose(got, want, rtol=1e-10, err_msg=str(text))


def test_a_column_whose_name_holds_a_comma_and_an_equals_sign_can_be_restricted():
    # the '=' in "df=3" made "bus:bs(x, df=3)[1] = 0" a restriction with two '='
    res = mnlogit.fit("y ~ bs(x, df=3) + g", DATA, ref="no")
    col = "bs(x, df=3)[1]"
    assert col in res.params.index
    t = res.wald_test(f"yes:{col} = 0")
    np.testing.assert_allclose(
        t.statistic, (res.params.loc[col, "yes"] / res.bse.loc[col, "yes"]) ** 2, rtol=1e-10
    )
    both = res.wald_test(f"yes:{col} = don't know:{col}, don't know:bs(x, df=3)[2] = 0.5")
    want = _by_hand(
        res,
        [{("yes", col): 1.0, ("don't know", col): -1.0}, {("don't know", "bs(x, df=3)[2]"): 1}],
        [0.0, 0.5],
    )
    assert both.df == 2
    np.testing.assert_allclose(both.statistic, want, rtol=1e-10)


def test_a_label_that_reads_two_ways_is_refused_naming_both():
    # outcomes 'x' and 'x:z', columns 'z' and 'z:x': 'x:z:x' is outcome 'x' with column
    # 'z:x', or outcome 'x:z' with column 'x'; the first in the table was taken silently
    rng = np.random.default_rng(2)
    n = 300
    d = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    d["y"] = rng.choice(["base", "x", "x:z"], n)
    res = mnlogit.fit("y ~ x + z + z:x", d, ref="base")
    assert list(res.params.index) == ["Intercept", "x", "z", "z:x"]
    with pytest.raises(DataError, match=r"can be read as outcome 'x' and column 'z:x'; "):
        res.wald_test("x:z:x = 0")
    for text, (outcome, column) in (("`x`:z:x = 0", ("x", "z:x")), ("`x:z`:x = 0", ("x:z", "x"))):
        np.testing.assert_allclose(
            res.wald_test(text).statistic,
            (res.params.loc[column, outcome] / res.bse.loc[column, outcome]) ** 2,
            rtol=1e-10,
        )


@pytest.mark.parametrize(
    ("text", "other"), [("2*x:x", "x"), ("2 * x:x", None), ("2 a:x", "a"), ("3b:x", "b")]
)
def test_a_multiplier_that_with_what_follows_is_an_outcome_is_refused(text, other):
    # with outcomes '2*x' and 'x', '2*x:x' is outcome 2*x's coefficient or twice outcome x's
    # (a test of another coefficient), and was read as the former without a word
    rng = np.random.default_rng(4)
    n = 500
    d = pd.DataFrame({"x": rng.normal(size=n)})
    d["y"] = rng.choice(["base", "x", "2*x", "a", "2 a", "b", "3b"], n)
    res = mnlogit.fit("y ~ x", d, ref="base")
    z2 = (res.params.loc["x"] / res.bse.loc["x"]) ** 2
    if other is None:  # '2 * x:x' reads one way: twice outcome x's coefficient
        np.testing.assert_allclose(res.wald_test(f"{text} = 0").statistic, z2["x"], rtol=1e-10)
        return
    with pytest.raises(DataError, match=rf"can be read as outcome .* or as .* outcome '{other}'"):
        res.wald_test(f"{text} = 0")
    with pytest.raises(DataError, match="can be read as"):
        res.wald_test(f"a:x - {text} = 0")
    outcome = text[:-2]
    quoted = res.wald_test(f"`{outcome}`:x = 0").statistic
    np.testing.assert_allclose(quoted, z2[outcome], rtol=1e-10)
    multiplier = outcome[: -len(other)].strip(" *")
    twice = res.wald_test(f"{multiplier}*`{other}`:x = 0").statistic
    np.testing.assert_allclose(twice, z2[other], rtol=1e-10)


def test_a_numeric_reference_outcome_is_named_as_the_reference():
    d = DATA.assign(y=DATA["y"].map({"no": 1, "don't know": 2, "yes": 10}))
    res = mnlogit.fit("y ~ x", d, ref=1)
    # the 1 was read as a number, and the message said it could not read ':x'
    with pytest.raises(LevelError, match=r"'1' is the reference outcome"):
        res.wald_test("1:x = 0")
    with pytest.raises(LevelError, match=r"'1' is the reference outcome"):
        res.wald_test("2*1:x = 10:x")


def test_a_double_equals_sign_is_named():
    # "a:x == b:x" was told to separate restrictions by commas
    res = mnlogit.fit("y ~ x", DATA, ref="no")
    with pytest.raises(DataError, match=r"write one '=' between the sides, not '=='"):
        res.wald_test("yes:x == don't know:x")
    # a chain of '=' is read as Stata's test reads it (see test_restriction_chains.py)
    chained = res.wald_test("yes:x = 0 = don't know:x")
    assert chained.details["restrictions"] == ["yes:x = 0", "yes:x = don't know:x"]


def test_a_restriction_without_its_own_equals_sign_is_labelled_as_set_to_zero():
    # "m=1:x" holds an '=' of its outcome's label, and was shown as "H0: m=1:x"
    rng = np.random.default_rng(0)
    d = pd.DataFrame({"x": rng.normal(size=300), "y": rng.choice(["lo", "m=1", "h,2"], 300)})
    res = mnlogit.fit("y ~ x", d, ref="lo")
    assert res.wald_test("m=1:x").note.startswith("H0: m=1:x = 0")
    assert res.wald_test("m=1:x, h,2:x").note.startswith("H0: m=1:x = 0; h,2:x = 0")
    assert res.wald_test("m=1:x = h,2:x").note.startswith("H0: m=1:x = h,2:x")
