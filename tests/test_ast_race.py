"""CPython keeps the count ast.parse checks its nesting by once for the whole interpreter:
two threads parsing at once (the package's formula readers, formulaic's transforms; a Dask
fit encodes its partitions in threads) can fail at random with a SystemError, which a Dask
fit handed out (test_unused_category_codes, once in a full run). Building a design is pure,
so it is run again; any other error is not."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _new_data_design, _parallel, formula

RACE = SystemError("AST constructor recursion depth mismatch (before=54, after=52)")


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], 150),
            "x": rng.standard_normal(150),
            "g": pd.Categorical(rng.choice(["u", "v", "w"], 150)),
        }
    )


def _failing(module, name, error, times=1):
    real, calls = getattr(module, name), []

    def run(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise error
        return real(*args, **kwargs)

    return run, calls


FORMULA = "y ~ np.log(x**2) + I(g.cat.codes + 1)"


def test_a_fit_and_a_prediction_interrupted_by_the_race_are_run_again(monkeypatch):
    df = _data()
    res = mnlogit.fit(FORMULA, df)
    expected = res.predict(df)
    # raised inside the design's readers, and inside formulaic, wrapped by what called it
    run, calls = _failing(formula, "formula_columns", RACE)
    monkeypatch.setattr(formula, "formula_columns", run)
    again = mnlogit.fit(FORMULA, df)
    assert len(calls) >= 2
    pd.testing.assert_frame_equal(again.params, res.params)
    wrapped = ValueError("factor evaluation failed")
    wrapped.__context__ = RACE
    run, calls = _failing(_new_data_design, "required_columns", wrapped, times=2)
    monkeypatch.setattr(_new_data_design, "required_columns", run)
    pd.testing.assert_frame_equal(res.predict(df), expected)
    assert len(calls) == 3


@pytest.mark.parametrize(
    "error", [SystemError("another SystemError"), ValueError("a bad value")], ids=str
)
def test_other_errors_are_raised_at_once(monkeypatch, error):
    run, calls = _failing(formula, "formula_columns", error, times=10)
    monkeypatch.setattr(formula, "formula_columns", run)
    with pytest.raises(type(error), match=str(error)):
        mnlogit.fit(FORMULA, _data())
    assert calls == [1]


def test_a_race_that_persists_is_raised_after_a_few_tries(monkeypatch):
    run, calls = _failing(formula, "formula_columns", RACE, times=100)
    monkeypatch.setattr(formula, "formula_columns", run)
    with pytest.raises(SystemError, match="recursion depth mismatch"):
        mnlogit.fit(FORMULA, _data())
    assert len(calls) == _parallel._AST_RACE_TRIES


class _Collected:
    """Garbage whose collection runs Python code: the thread switches inside the AST
    constructor that the race needs."""

    def __del__(self) -> None:
        sum(range(50))


@pytest.mark.slow  # six seconds of predictions in four threads
def test_predictions_in_threads_under_garbage_collection_do_not_fail():
    # before the retry, on CPython 3.11.7, this failed within 0.5 to 3 s in each of 5 runs
    import gc
    import threading
    import time
    import warnings

    df = _data()
    res = mnlogit.fit(FORMULA, df)
    new, expected = df.head(5), res.predict(df.head(5))
    errors, wrong = [], []

    def predict() -> None:
        end = time.monotonic() + 6
        while time.monotonic() < end and not errors:
            junk: list = [_Collected() for _ in range(3)]
            junk.append(junk)  # a cycle: freed by the collector, not by reference counts
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    got = res.predict(new)
            except Exception as exc:  # any error is the failure
                errors.append(repr(exc))
            else:
                if not got.equals(expected):
                    wrong.append(got)

    thresholds = gc.get_threshold()
    gc.set_threshold(5, 1, 1)
    try:
        threads = [threading.Thread(target=predict) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        gc.set_threshold(*thresholds)
    assert errors == [] and wrong == []
