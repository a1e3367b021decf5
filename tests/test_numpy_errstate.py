"""numpy's floating-point error handling, which is per thread: the program's own setting
(``np.seterr(all="raise")`` to debug its code) neither ends a fit on a probability that
underflows to 0 nor changes its numbers, and the workers of a pass run with the calling
thread's settings, not numpy's defaults."""

import contextvars
import threading
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _parallel
from mnlogit.sklearn import MNLogitClassifier


def _far_apart(n: int = 3000) -> pd.DataFrame:
    # slopes of +-150 per unit of x: most rows have some outcome at exp(-800) or below
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n) * 50,
            "z": rng.normal(size=n),
            "g": rng.choice(list("abcd"), n),
        }
    )
    eta = np.column_stack([3 * df.x, -3 * df.x, np.zeros(n)])
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    df["y"] = np.array(["A", "B", "C"])[(rng.random(n)[:, None] > p.cumsum(axis=1)).sum(axis=1)]
    return df


def _reads(df: pd.DataFrame) -> dict[str, np.ndarray]:
    res = mnlogit.fit("y ~ x + z + g", df)
    firth = mnlogit.fit("y ~ x + z", df, method="firth")
    clf = MNLogitClassifier().fit(df[["x", "z"]], df["y"])
    return {
        "bse": res.bse.to_numpy(),
        "effects": res.marginal_effects().to_numpy(dtype=float),
        "margins": res.margins(over="g").to_frame()["std_error"].to_numpy(),
        "slopes": res.margins(at={"x": [-100.0, 100.0]}, kind="effect").to_frame()["estimate"],
        "intervals": res.prediction_intervals().to_numpy(dtype=float),
        "suest": np.array([res.iia_test("B", method="suest").statistic]),
        "firth": firth.bse.to_numpy(),
        "proba": clf.predict_proba(df[["x", "z"]] * 10),
    }


@pytest.mark.slow
def test_a_program_raising_on_underflow_gets_the_numbers_of_numpys_defaults():
    # under np.seterr(all="raise") a probability of exp(-800), which the log-sum-exp sums
    # read as 0, ended margins, marginal effects, prediction intervals, the suest test,
    # Firth's fit and the classifier's probabilities in "FloatingPointError: underflow
    # encountered in matmul" (or exp, multiply)
    df = _far_apart()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        want = _reads(df)
        with np.errstate(all="raise"):
            got = _reads(df)
            assert np.geterr()["under"] == "raise"  # the program's setting, put back
    for key, value in want.items():
        np.testing.assert_array_equal(np.asarray(got[key]), np.asarray(value), err_msg=key)


def test_odds_ratios_below_the_smallest_double_are_0_also_raising_on_underflow():
    # a column in tiny units (meals / 10000) has coefficients of -1199 and -525, and
    # exp(-1199) underflows: under np.seterr(all="raise") odds_ratios(), to_frame(), the
    # summary and its exports (a survey fit's too, whose t intervals on its design df are
    # wider) ended in "FloatingPointError: underflow encountered in exp"
    df = pd.read_csv(Path(__file__).parent / "reference" / "apistrat.csv")
    design = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum")
    fits = {
        "plain": mnlogit.fit("perf ~ I(meals / 10000) + ell", df, ref="low"),
        "survey": mnlogit.fit("perf ~ I(meals / 10000) + ell", df, ref="low", design=design),
    }

    def reads(res):
        return {
            "odds": res.odds_ratios(),
            "frame": res.to_frame(),
            "summary": str(res.summary(odds_ratios=True)),
            "latex": res.to_latex(),
        }

    for name, res in fits.items():
        assert res.params.loc["I(meals / 10000)", "high"] < -745  # exp of it underflows
        want = reads(res)
        with np.errstate(all="raise"):
            got = reads(res)
        pd.testing.assert_frame_equal(got["odds"], want["odds"], obj=name)
        pd.testing.assert_frame_equal(got["frame"], want["frame"], obj=name)
        assert got["summary"] == want["summary"] and got["latex"] == want["latex"], name
        assert want["odds"].loc[("high", "I(meals / 10000)"), "odds_ratio"] == 0


def test_new_rows_holding_a_subnormal_value_predict_also_raising_on_underflow():
    # x = 1e-320 (subnormal) underflows in the product with the coefficients: under
    # np.seterr(all="raise") predict() (every kind), a model's from arrays, and the
    # classifier's predict_proba, predict and decision_function ended in
    # "FloatingPointError: underflow encountered in matmul"
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.normal(size=60), "v": rng.normal(size=60)})
    df["y"] = rng.choice(["a", "b", "c"], 60)
    res = mnlogit.fit("y ~ x + v", df)
    arrays = mnlogit.MNLogit(df["y"], df[["x", "v"]].assign(const=1.0)).fit()
    clf = MNLogitClassifier().fit(df[["x", "v"]], df["y"])
    binary = MNLogitClassifier().fit(df[["x", "v"]], df["y"] == "a")
    new = pd.DataFrame({"x": [1e-320, 0.5], "v": [-3e-315, 1e-310]})

    def reads():
        return {
            **{kind: res.predict(new, kind=kind) for kind in ("prob", "link", "class")},
            "arrays": arrays.predict(new.assign(const=1.0), kind="link"),
            "proba": clf.predict_proba(new),
            "classes": clf.predict(new),
            "decision": clf.decision_function(new),
            "binary": binary.decision_function(new),
        }

    want = reads()
    with np.errstate(all="raise"):
        got = reads()
    for key, value in want.items():
        np.testing.assert_array_equal(np.asarray(got[key]), np.asarray(value), err_msg=key)


def _softmax(eta: np.ndarray) -> np.ndarray:
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("separated", [False, True])
def test_new_rows_past_the_float_range_predict_also_raising_on_underflow(separated):
    # a row whose linear predictors pass the largest float (u = -1e308) gets the limit's
    # probabilities, exp of log-probabilities near -1e308, and of a separated fit is
    # checked against the separating directions with its entries scaled by the largest:
    # under np.seterr(all="raise") predict(), predict_proba, predict and score ended in
    # "FloatingPointError: underflow encountered in exp" (or matmul)
    rng = np.random.default_rng(7)
    df = pd.DataFrame(rng.standard_normal((300, 2)), columns=["u", "v"])
    eta = np.column_stack([np.zeros(300), 2.0 * df.u - df.v, 0.5 * df.v - df.u])
    if separated:
        eta[:, 0] = np.where(df.u > 0, 1e3, -1e3)
    draw = (rng.random(300)[:, None] > np.cumsum(_softmax(eta), axis=1)).sum(axis=1)
    df["y"] = np.array(["a", "b", "c"])[draw]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        res = mnlogit.fit("y ~ u + v", df)
        clf = MNLogitClassifier().fit(df[["u", "v"]], df["y"])
    assert (res.separation is not None) == separated
    new = pd.DataFrame({"u": [-1e308, 1e308], "v": [5.0, 1e308]})

    def reads():
        return {
            "prob": res.predict(new),
            "class": res.predict(new, kind="class"),
            "proba": clf.predict_proba(new),
            "classes": clf.predict(new),
            "score": clf.score(new, ["b", "a"]),
        }

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        want = reads()
        assert ((want["proba"] == 0) | (want["proba"] == 1)).all()  # the limit
        with np.errstate(all="raise"):
            got = reads()
    for key, value in want.items():
        np.testing.assert_array_equal(np.asarray(got[key]), np.asarray(value), err_msg=key)


def test_a_column_in_tiny_units_fits_from_arrays_also_raising_on_underflow():
    # a column in units of 1e-155 has a subnormal sum of squares: under np.seterr(all="raise")
    # a model from arrays or from MNLogit.from_formula and the classifier (whose models are
    # built outside fit()'s handling) ended in "FloatingPointError: underflow encountered in
    # divide" before fitting
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.normal(size=200), rng.normal(size=200) * 1e-155])
    y = rng.choice(["a", "b", "c"], 200)

    def reads():
        frame = pd.DataFrame(X, columns=["u", "v"]).assign(const=1.0)
        return {
            "arrays": mnlogit.MNLogit(pd.Series(y), frame).fit().bse,
            "model": mnlogit.MNLogit.from_formula("y ~ u + v", frame.assign(y=y)).fit().bse,
            "proba": MNLogitClassifier().fit(X, y).predict_proba(X),
            "l2": MNLogitClassifier(penalty="l2").fit(X, y).coef_,
        }

    want = reads()
    with np.errstate(all="raise"):
        got = reads()
    for key, value in want.items():
        np.testing.assert_array_equal(np.asarray(got[key]), np.asarray(value), err_msg=key)


_MARK: contextvars.ContextVar[str] = contextvars.ContextVar("mark", default="unset")


def test_every_part_of_a_pass_runs_with_the_callers_settings():
    # the workers ran with numpy's defaults and without the caller's context variables: a
    # pass's rows in the calling thread raised on underflow where a worker's did not, so
    # whether a fit failed depended on which thread got which rows
    together = threading.Barrier(3)

    def task(k):
        together.wait(30)  # each part in a thread of its own
        return threading.get_ident(), np.geterr(), _MARK.get()

    token = _MARK.set("caller's")
    try:
        with np.errstate(over="raise", divide="ignore", invalid="warn", under="raise"):
            parts = _parallel.run_split(task, 3)
    finally:
        _MARK.reset(token)
    assert len({ident for ident, _, _ in parts}) == 3  # three threads
    for _, state, mark in parts:
        assert state == {"over": "raise", "divide": "ignore", "invalid": "warn", "under": "ignore"}
        assert mark == "caller's"


def test_a_pass_that_fails_while_submitting_waits_for_what_it_submitted(monkeypatch):
    # Ctrl-C (or a pool refusing work at shutdown) between two submissions left the parts
    # already submitted running on the pass's shared arrays while the error went up
    finished = []

    class _Refusing:
        def __init__(self, pool):
            self.pool, self.calls = pool, 0

        def submit(self, fn, *args):
            self.calls += 1
            if self.calls == 2:
                raise KeyboardInterrupt
            return self.pool.submit(fn, *args)

    def task(k):
        if k == 1:
            threading.Event().wait(0.3)
            finished.append(k)
        return k

    refusing = _Refusing(_parallel.worker_pool(2))
    monkeypatch.setattr(_parallel, "worker_pool", lambda threads: refusing)
    with pytest.raises(KeyboardInterrupt):
        _parallel.run_split(task, 3)
    assert finished == [1]
