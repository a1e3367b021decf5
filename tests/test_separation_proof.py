"""The exact separation check, when nothing has been fitted yet (``check_separation``, the
refusal of a Firth fit's sandwich on separated data), fits by maximum likelihood first: the
fitted probabilities prove data that are not separated to be so (Stiemke's lemma), without
the linear programs, which took 212 s at 3000 rows of 600 columns where the fit takes 1 s.
Whatever the route, the answer is the linear programs' own."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit import _recession, _separation_proof
from mnlogit.model import MNLogit
from mnlogit.separation import detect


def wide(n: int = 600, p: int = 100, k: int = 4, seed: int = 0) -> tuple[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(rng.normal(size=(n, p)), columns=[f"x{j}" for j in range(p)])
    df["y"] = rng.choice([f"k{j}" for j in range(k)], n)
    return "y ~ " + " + ".join(df.columns[:-1]), df


def no_program(monkeypatch):
    monkeypatch.setattr(_recession, "linprog", lambda *a, **k: pytest.fail("the LP ran"))


def test_data_that_are_not_separated_are_cleared_without_the_linear_programs(monkeypatch):
    formula, df = wide()
    no_program(monkeypatch)
    assert mnlogit.check_separation(formula, df) is None


def test_a_firth_sandwich_of_data_that_are_not_separated_is_given_without_them(monkeypatch):
    formula, df = wide(n=300, p=10, k=3)
    df["cl"] = np.arange(len(df)) % 20
    monkeypatch.setattr(_separation_proof, "PROOF_FROM", 0)  # a small program, fitted first
    no_program(monkeypatch)
    for kw in ({"cov_type": "robust"}, {"cov_type": "cluster", "groups": "cl"}):
        res = mnlogit.fit(formula, df, method="firth", **kw)
        assert np.isfinite(res.bse.to_numpy()).all()


def test_separated_data_still_get_the_linear_programs():
    risk = mnlogit.datasets.load("risk")
    assert mnlogit.check_separation("risk ~ age + income", risk, ref="low").kind == "complete"
    formula, df = wide(n=1000, p=60, k=3)  # a program of 1.5e5 entries: a fit first
    df["y"] = np.where(df["x0"] > 1.0, "k0", np.where(df["y"] == "k0", "k1", df["y"]))
    sep = mnlogit.check_separation(formula, df)
    assert sep is not None and sep.kind == "quasi-complete"


@st.composite
def small_designs(draw):
    """A few rows of two columns and three outcomes: often separated, often not, sometimes
    barely (a row or two on the other side of a threshold)."""
    n = draw(st.integers(8, 30))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    z = rng.normal(size=n)
    y = rng.choice(list("abc"), n)
    cut = draw(st.sampled_from([None, 0.0, 0.5]))
    if cut is not None:
        y = np.where(x > cut, "a", np.where(y == "a", "b", y))
        flips = draw(st.integers(0, 2))
        y[rng.choice(n, flips, replace=False)] = "a"
    if len(set(y)) < 3:
        y[:3] = ["a", "b", "c"]
    return pd.DataFrame({"x": x, "z": z, "y": y})


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(df=small_designs())
def test_the_proof_route_answers_as_the_linear_programs(monkeypatch, df):
    monkeypatch.setattr(_separation_proof, "PROOF_FROM", 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = mnlogit.check_separation("y ~ x + z", df)
        exact = detect(MNLogit.from_formula("y ~ x + z", df)._data)
    if exact is None:
        assert found is None
    else:
        assert found is not None
        assert (found.kind, found.outcomes, found.terms, found.rows) == (
            exact.kind,
            exact.outcomes,
            exact.terms,
            exact.rows,
        )


def test_the_programs_store_no_zeros_of_a_factors_dummies():
    # every zero of the design was stored: with a factor of 100 levels, 97% of the entries
    # of the inequalities the programs read (42 s for the fit's check at 20000 rows, 17 s now)
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"g": rng.choice([f"l{j}" for j in range(30)], 500)})
    df["x"] = rng.normal(size=500)
    df["y"] = rng.choice(list("abcd"), 500)
    data = MNLogit.from_formula("y ~ g + x", df)._data
    A = _recession.constraints(data.X, data.y, data.q)
    dense = A.toarray()
    assert A.nnz == np.count_nonzero(dense) < 0.2 * dense.size
    # the definition: row (i, k) holds x_i in y_i's equation and -x_i in k's
    i, k = 7, next(lv for lv in range(data.q + 1) if lv != data.y[7])
    expected = np.zeros((data.q + 1, data.p))
    expected[data.y[i]] += data.X[i]
    expected[k] -= data.X[i]
    np.testing.assert_array_equal(dense[i * data.q], expected[: data.q].ravel())
