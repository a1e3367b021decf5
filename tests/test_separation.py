"""Exact separation check (linear programming): the risk example, the reference fits, a
constructed quasi-complete case, and the warning and results hooks."""

import dataclasses
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from scipy import sparse
from scipy.optimize import linprog

import mnlogit
from mnlogit import _recession, separation
from mnlogit.exceptions import ConvergenceWarning, SeparationWarning
from mnlogit.model import MNLogit

RISK = "risk ~ age + income"


@pytest.fixture(scope="module")
def risk():
    return refdata.data("risk")


@pytest.fixture(scope="module")
def risk_sep():
    return refdata.expected("risk")["models"]["main"]["separation"]


def quasi_data(n: int = 60, seed: int = 1) -> pd.DataFrame:
    """dummy = 1 always gives outcome "a"; dummy = 0 gives any outcome (overlap)."""
    rng = np.random.default_rng(seed)
    dummy = (np.arange(n) < 12).astype(int)
    y = np.where(dummy == 1, "a", rng.choice(["a", "b", "c"], size=n))
    y[12:15] = ["a", "b", "c"]  # every level appears with dummy = 0 whatever the seed
    return pd.DataFrame(
        {"y": y, "x": rng.normal(size=n), "dummy": dummy}, index=[f"r{i}" for i in range(n)]
    )


def margins(data, D: np.ndarray) -> np.ndarray:
    """x_i'(d_{y_i} - d_k) for every row and level k != y_i, by plain loops (the definition)."""
    Dfull = np.column_stack([D, np.zeros(data.p)])  # reference last, as the core codes it
    out = []
    for i in range(data.n_rows):
        for k in range(data.q + 1):
            if k != data.y[i]:
                out.append(data.X[i] @ (Dfull[:, data.y[i]] - Dfull[:, k]))
    return np.array(out)


# --- the risk example: complete separation ----------------------------------------------------
def test_newton_fit_on_risk_warns_and_reports_complete_separation(risk):
    with pytest.warns(SeparationWarning) as record:
        res = mnlogit.fit(RISK, risk, ref="low")
    msg = str(record[0].message)
    for name in ("'high'", "'medium'", "'age'", "'income'", "'low'", "method='firth'"):
        assert name in msg
    assert record[0].filename == __file__  # stacklevel points at the user's line
    assert not res.converged
    assert res.separation.kind == "complete"
    assert res.separation.outcomes == ("high", "medium")
    assert res.separation.terms == ("Intercept", "age", "income")
    assert str(res.separation) == msg


def test_check_separation_on_risk_matches_the_reference_lp(risk, risk_sep):
    sep = mnlogit.check_separation(RISK, risk, ref="low")
    assert sep.kind == risk_sep["status"] == "complete"
    assert list(sep.rows) == risk_sep["rows_on_boundary_0based"] == []
    np.testing.assert_allclose(sep.margin, risk_sep["lp_complete_margin"], rtol=1e-6)
    assert sep.ref == "low"
    # the direction is scaled to max |d| = 1 and achieves the reported margin on every row
    assert list(sep.direction.columns) == ["high", "medium"]
    assert list(sep.direction.index) == ["Intercept", "age", "income"]
    np.testing.assert_allclose(np.abs(sep.direction.to_numpy()).max(), 1.0)
    data = MNLogit.from_formula(RISK, risk, "low")._data
    np.testing.assert_allclose(margins(data, sep.direction.to_numpy()).min(), sep.margin, rtol=1e-6)
    want = pd.DataFrame(risk_sep["direction"])[["high", "medium"]]
    np.testing.assert_allclose(sep.direction.to_numpy(), want.to_numpy(), atol=1e-6)


def test_risk_separation_does_not_depend_on_the_reference(risk):
    for ref in ("high", "medium", "low"):
        sep = mnlogit.check_separation(RISK, risk, ref=ref)
        assert sep.kind == "complete"
        assert ref not in sep.outcomes and len(sep.outcomes) == 2


def test_rows_with_zero_weight_are_ignored(risk):
    # two extra rows inside the others' ranges break every separating direction when they
    # count (weight 1), and change nothing when their weight is 0
    extra = pd.concat(
        [risk, pd.DataFrame({"age": [30, 45], "income": [40, 75], "risk": ["high", "low"]})],
        ignore_index=True,
    )
    w = np.r_[np.ones(len(risk)), 0.0, 0.0]
    sep = mnlogit.check_separation(RISK, extra, ref="low", weights=w)
    assert sep.kind == "complete" and sep.rows == ()
    assert mnlogit.check_separation(RISK, extra, ref="low", weights=np.ones(len(extra))) is None


def test_data_are_not_modified(risk):
    before = risk.copy()
    mnlogit.check_separation(RISK, risk, ref="low")
    pd.testing.assert_frame_equal(risk, before)


# --- reference fits: no separation, and no LP run ---------------------------------------------
def test_reference_fits_never_run_the_lp(monkeypatch):
    def forbidden(data):
        raise AssertionError("the separation LP ran on a fit that did not diverge")

    monkeypatch.setattr(separation, "detect", forbidden)
    for (case, name), (ref, weights) in refdata.CASES.items():
        m = refdata.model(case, name)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            res = mnlogit.fit(m["formula"], refdata.data(case), ref=ref, weights=weights)
        assert res.converged and res.separation is None


@pytest.mark.parametrize("key", list(refdata.CASES), ids=lambda c: f"{c[0]}-{c[1]}")
def test_check_separation_on_reference_cases_finds_none(key):
    case, name = key
    ref, weights = refdata.CASES[key]
    m = refdata.model(case, name)
    assert (
        mnlogit.check_separation(m["formula"], refdata.data(case), ref=ref, weights=weights) is None
    )


# --- a constructed quasi-complete case --------------------------------------------------------
@pytest.mark.parametrize("ref", ["a", "b", "c"])
def test_quasi_complete_separation_names_the_dummy(ref):
    df = quasi_data()
    sep = mnlogit.check_separation("y ~ x + dummy", df, ref=ref)
    assert sep.kind == "quasi-complete"
    assert sep.terms == ("dummy",)
    assert sep.direction.loc[["Intercept", "x"]].abs().to_numpy().max() == 0.0
    # the boundary is exactly the rows with dummy = 0, by their labels
    assert set(sep.rows) == set(df.index[df["dummy"] == 0])
    if ref == "a":  # a is predicted against both other equations
        assert sep.outcomes == ("b", "c")
    else:
        assert "a" in sep.outcomes
    data = MNLogit.from_formula("y ~ x + dummy", df, ref)._data
    g = margins(data, sep.direction.to_numpy())
    assert g.min() >= -1e-9 and g.max() > 0 and np.isclose(g, 0, atol=1e-9).any()
    assert "quasi-complete" in sep.message and "'dummy'" in sep.message


def test_newton_fit_on_quasi_separated_data_warns():
    df = quasi_data()
    with pytest.warns(SeparationWarning, match="quasi-complete.*'dummy'"):
        res = mnlogit.fit("y ~ x + dummy", df, ref="b")
    assert res.separation.kind == "quasi-complete"
    assert not res.converged


def test_one_outcome_parted_strictly_from_overlapping_others_has_no_boundary_rows():
    # 'c' lies strictly beyond a line, 'a' and 'b' overlap: the message said "with 0 of the
    # 300 rows tied on its boundary ()"
    rng = np.random.default_rng(12)
    df = pd.DataFrame({"x": rng.normal(size=300), "z": rng.normal(size=300)})
    df["y"] = np.where(df["x"] + df["z"] > 1.5, "c", rng.choice(["a", "b"], 300))
    sep = mnlogit.check_separation("y ~ x + z", df, ref="a")
    assert sep.kind == "quasi-complete" and sep.rows == () and sep.outcomes == ("c",)
    assert "()" not in sep.message and "0 of the" not in sep.message
    assert "with none of the 300 rows on its boundary (outcomes that overlap" in sep.message


def test_boundary_rows_keep_the_user_labels_after_dropping_missing():
    df = quasi_data()
    df.loc["r20", "x"] = np.nan
    sep = mnlogit.check_separation("y ~ x + dummy", df, ref="c")
    assert "r20" not in sep.rows
    assert set(sep.rows) == set(df.index[(df["dummy"] == 0) & df["x"].notna()])


def test_binary_outcome_complete_separation_direction_sign():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "y": list("nnnyyy")})
    sep = mnlogit.check_separation("y ~ x", df, ref="n")
    assert sep.kind == "complete" and sep.outcomes == ("y",)
    assert sep.direction.loc["x", "y"] > 0 > sep.direction.loc["Intercept", "y"]


def test_overlapping_data_are_not_separated():
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"x": rng.normal(size=200), "y": rng.choice(list("abc"), 200)})
    assert mnlogit.check_separation("y ~ x", df) is None


# --- construction and interface ---------------------------------------------------------------
def test_constraint_matrix_matches_the_definition():
    df = quasi_data(n=25, seed=7)
    data = MNLogit.from_formula("y ~ x + dummy", df, "b")._data
    A = _recession.constraints(data.X, data.y, data.q)
    D = np.random.default_rng(0).normal(size=(data.p, data.q))
    np.testing.assert_allclose(A @ D.T.ravel(), margins(data, D), rtol=1e-12, atol=1e-12)


def test_separation_is_frozen_and_warns_with_its_message(risk):
    sep = mnlogit.check_separation(RISK, risk, ref="low")
    with pytest.raises(dataclasses.FrozenInstanceError):
        sep.kind = "none"
    with pytest.warns(SeparationWarning) as record:
        separation.warn_separation(sep)
    assert str(record[0].message) == sep.message
    assert issubclass(SeparationWarning, mnlogit.MNLogitWarning)
    assert not issubclass(SeparationWarning, ConvergenceWarning)


def test_check_separation_validates_the_reference(risk):
    with pytest.raises(mnlogit.MNLogitError, match="'none'"):
        mnlogit.check_separation(RISK, risk, ref="none")


def full_program_strict(data) -> np.ndarray:
    """Which inequalities can be strict, from the one-program definition (a slack on each)."""
    A = _recession.constraints(data.X, data.y, data.q)
    m, nv = A.shape
    res = linprog(
        np.r_[np.zeros(nv), -np.ones(m)],
        A_ub=sparse.hstack([-A, sparse.identity(m)], format="csr"),
        b_ub=np.zeros(m),
        bounds=[(None, None)] * nv + [(0, 1)] * m,
        method="highs",
    )
    return res.x[nv:] > 0.5


@pytest.mark.parametrize("bounded", [False, True], ids=["free", "bounded"])
@pytest.mark.parametrize("seed", range(4))
def test_two_stage_programs_agree_with_the_single_program(seed, bounded, monkeypatch):
    # two dummies with partial perfect prediction: one forces "a", the other rules out "b"
    rng = np.random.default_rng(seed)
    n = 40
    d1, d2 = rng.integers(0, 2, n), rng.integers(0, 2, n)
    y = rng.choice(["a", "b", "c"], n)
    y[d1 == 1] = "a"
    y[(d2 == 1) & (y == "b")] = "c"
    y[:6] = ["a", "b", "c", "a", "c", "a"]
    d1[:6], d2[:6] = 0, [0, 0, 0, 1, 1, 0]
    df = pd.DataFrame({"y": y, "x": rng.normal(size=n), "d1": d1, "d2": d2})
    data = MNLogit.from_formula("y ~ x + d1 + d2", df, "c")._data
    if bounded:  # the fallback for a free second program that HiGHS calls unbounded, forced
        solve = _recession.solve_lp

        def free_fails(c, A_ub, b_ub, bounds):
            if bounds[0] == (None, None):
                raise mnlogit.exceptions.EstimationError("the program is unbounded")
            return solve(c, A_ub, b_ub, bounds)

        monkeypatch.setattr(_recession, "solve_lp", free_fails)
    sep = separation.detect(data)
    assert sep.kind == "quasi-complete"
    strict = full_program_strict(data)
    tied_rows = ~strict.reshape(-1, data.q).all(axis=1)
    assert 0 < strict.sum() < len(strict)
    assert set(sep.rows) == set(np.asarray(data.row_index)[tied_rows])
    assert {"d1", "d2"} <= set(sep.terms)
    # the reported direction makes every inequality that can be strict strict, at once
    g = margins(data, sep.direction.to_numpy())
    assert g.min() >= -1e-9
    np.testing.assert_array_equal(g > 1e-9, strict)


def test_a_natural_spline_whose_free_program_highs_calls_unbounded():
    # cr(..., constraints='center')'s last column is 0 wherever anyone walks, so walking is
    # quasi-completely separated; the second program, on free directions, was reported
    # unbounded by HiGHS and the fit failed with "the separation linear program failed"
    df = mnlogit.datasets.load("travel")
    formula = "mode ~ cr(distance, df=4, constraints='center')"
    with pytest.warns(SeparationWarning, match="quasi-complete.*'walk'"):
        res = mnlogit.fit(formula, df, ref="car")
    assert res.separation.kind == "quasi-complete" and res.separation.outcomes == ("walk",)
    data = MNLogit.from_formula(formula, df, "car")._data
    g = margins(data, res.separation.direction.to_numpy())
    assert g.min() >= -1e-9 and (g > 1e-6).sum() >= 100


def test_the_boundary_holds_only_rows_tied_against_a_diverging_outcome():
    # c never occurs where dummy = 1, so only c's equation diverges; rows of a and b are
    # tied with each other in every direction, and were all counted as on the boundary
    rng = np.random.default_rng(11)
    n = 120
    dummy = rng.integers(0, 2, n)
    y = np.where(dummy == 1, rng.choice(["a", "b"], n), rng.choice(["a", "b", "c"], n))
    df = pd.DataFrame({"y": y, "x": rng.normal(size=n), "dummy": dummy})
    df.loc[:2, ["y", "dummy"]] = [["a", 0], ["b", 0], ["c", 0]]
    sep = mnlogit.check_separation("y ~ x + dummy", df, ref="a")
    assert sep.kind == "quasi-complete" and sep.outcomes == ("c",)
    assert set(sep.rows) == set(df.index[df["dummy"] == 0])
    assert f"{(df['dummy'] == 0).sum()} of the {n} rows tied" in sep.message


def test_check_separation_takes_the_fits_options_for_the_rows_it_checks():
    # weights that are not counts were refused with the advice to pass
    # weight_type='probability', which check_separation then refused with a bare TypeError;
    # missing= and safe_formula= (a formula is evaluated as Python) were not taken either
    df = quasi_data()
    want = mnlogit.check_separation("y ~ x + dummy", df)
    assert want is not None
    halves = np.full(len(df), 0.5)
    with pytest.raises(mnlogit.exceptions.DataError, match="weight_type='probability'"):
        mnlogit.check_separation("y ~ x + dummy", df, weights=halves)
    got = mnlogit.check_separation("y ~ x + dummy", df, weights=halves, weight_type="probability")
    assert got is not None and got.terms == want.terms and got.kind == want.kind
    assert mnlogit.check_separation("y ~ x + dummy", df, safe_formula=True).terms == want.terms
    with pytest.raises(mnlogit.exceptions.FormulaError, match="not allowed"):
        mnlogit.check_separation('y ~ x + __import__("os").getpid()', df, safe_formula=True)
    gap = df.assign(x=df["x"].where(df.index != "r3"))
    with pytest.raises(mnlogit.exceptions.DataError, match="missing values in 'x'"):
        mnlogit.check_separation("y ~ x + dummy", gap, missing="raise")
    with pytest.raises(mnlogit.exceptions.InputTypeError, match="missing, safe_formula"):
        mnlogit.check_separation("y ~ x + dummy", df, design=None)


def test_the_message_of_a_quasi_complete_separation_says_how_to_keep_maximum_likelihood(risk):
    # it said only "Use method='firth'": a factor level that separates one outcome is
    # commonly merged with another level (or its term dropped) to fit the rest by maximum
    # likelihood; under complete separation every coefficient diverges and Firth is the way
    sep = mnlogit.check_separation("y ~ x + dummy", quasi_data())
    assert sep.kind == "quasi-complete"
    assert "method='firth'" in sep.message and "merge the levels" in sep.message
    assert "'dummy'" in sep.message.split("keep maximum likelihood")[1]
    with pytest.warns(SeparationWarning, match="merge the levels"):
        mnlogit.fit("y ~ x + dummy", quasi_data())
    complete = mnlogit.check_separation(RISK, risk, ref="low")
    assert complete.kind == "complete" and "merge" not in complete.message
    assert complete.message.endswith("Use method='firth' for finite bias-reduced estimates.")


@pytest.mark.parametrize(
    "option, said",
    [
        ("design", "weight_type='probability'"),
        ("subpop", "the subpopulation's rows"),
        ("groups", "whatever the fit's covariance or method"),
        ("cov_type", "whatever the fit's covariance or method"),
        ("method", "whatever the fit's covariance or method"),
    ],
)
def test_a_fits_option_the_check_does_not_take_is_refused_saying_what_to_pass(risk, option, said):
    # the refusal listed the arguments the check takes, without a word of how to check the
    # rows of a survey design's subpopulation, whose fit reported a separation
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=option) as info:
        mnlogit.check_separation("risk ~ age + income", risk, ref="low", **{option: "x"})
    assert said in str(info.value)
