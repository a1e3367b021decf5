"""Inputs a careless or hostile user gives: factors of new data with values the fit never
saw, quoted column names, text columns that mix numbers with words or blanks, outcomes whose
values cannot be levels, and references that name a level only the dropped rows have."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import LevelError


def simulated(n: int = 300, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "k": rng.integers(0, 3, n),
            "g": rng.choice(["u", "v", "w"], n),
        }
    )
    eta = np.column_stack([np.zeros(n), 0.8 * d["x"], 0.4 * d["k"] - 0.5])
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    d["y"] = np.array(["a", "b", "c"], dtype=object)[codes]
    return d


# --- new data: values of C(column) the fit never saw --------------------------------------------
@pytest.mark.parametrize(
    ("formula", "column", "value", "shown", "levels"),
    [
        ("y ~ x + C(k)", "k", 5, r"\{5\}", "0, 1, 2"),
        ("y ~ x + C(k)", "k", 1.5, r"\{1\.5\}", "0, 1, 2"),
        ("y ~ x + C(k, contr.sum)", "k", 7, r"\{7\}", "0, 1, 2"),
        ("y ~ C(`k k`):x", "k k", 9, r"\{9\}", "0, 1, 2"),
        ("y ~ x + C(g, levels=['w', 'v', 'u'])", "g", "zz", r"\{'zz'\}", "'w', 'v', 'u'"),
    ],
)
def test_an_unseen_value_of_a_c_factor_names_the_column_and_the_fitted_levels(
    formula, column, value, shown, levels
):
    d = simulated().assign(**{"k k": lambda f: f["k"]})
    res = mnlogit.fit(formula, d)
    new = d.head(2).astype({column: object})
    new.loc[new.index[1], column] = value
    before = new.copy()
    with pytest.raises(
        LevelError, match=rf"newdata: column '{column}' \(in C\(.*has value\(s\) {shown}.*{levels}"
    ):
        res.predict(new)
    pd.testing.assert_frame_equal(new, before)
    # the fitted levels themselves still predict
    assert res.predict(d.head(2)).notna().all().all()


def test_text_for_a_number_level_of_a_c_factor_says_which_kind_each_is():
    res = mnlogit.fit("y ~ x + C(k)", simulated())
    with pytest.raises(LevelError, match=r"column 'k' \(in C\(k\)\).*'1' is a str; the level 1"):
        res.predict(pd.DataFrame({"x": [0.0], "k": ["1"]}))


def test_an_unseen_value_of_a_computed_factor_names_the_factor_and_its_levels():
    d = simulated()
    res = mnlogit.fit("y ~ C(np.round(x / 10))", d.assign(x=d["k"] * 10.0))
    with pytest.raises(LevelError, match=r"\{9\.0\}.*C\(np\.round\(x / 10\)\): 0\.0, 1\.0, 2\.0"):
        res.predict(pd.DataFrame({"x": [0.0, 90.0]}))


# --- quoted column names --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "formula", ["y ~ Q('a.b')", 'y ~ Q("a.b") + x', "y ~ I(Q('a.b') * 2)", "y ~ Q('a.b'):x"]
)
@pytest.mark.parametrize("with_a", [False, True])
def test_q_reads_a_dotted_column_name_whole(formula, with_a):
    d = simulated()
    d["a.b"] = d["k"] + 0.5 * d["x"]
    if with_a:  # a column named like the name's first piece, with missing values
        d["a"] = np.where(d["x"] > 0, np.nan, 1.0)
    res = mnlogit.fit(formula, d)
    backticked = mnlogit.fit(formula.replace("Q('a.b')", "`a.b`").replace('Q("a.b")', "`a.b`"), d)
    assert res.nobs == len(d)
    np.testing.assert_allclose(res.params.to_numpy(), backticked.params.to_numpy())
    np.testing.assert_allclose(res.predict(d.head(5)), res.predict().head(5), atol=1e-12)
