"""Booleans among the numbers of a column of Python objects are named as booleans, not as
words: the advice for words, pd.to_numeric(..., errors='coerce') to make them missing, reads
True as 1 and False as 0, so following it kept those rows with a value the message did not
mention."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 120
    return pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": rng.normal(size=n).round(3)})


@pytest.mark.parametrize("flag", [True, np.bool_(False)])
def test_booleans_among_numbers_are_named_as_booleans(frame, flag):
    x = frame["x"].astype(object).copy()
    x[4] = flag
    with pytest.raises(DataError, match=r"mixes numbers .* and booleans \(e\.g\. ") as err:
        mnlogit.fit("y ~ x", frame.assign(x=x))
    said = str(err.value)
    assert "words" not in said
    assert "errors='coerce'" not in said
    assert "to read True as 1 and False as 0" in said


def test_booleans_and_words_among_numbers_say_what_coercion_does(frame):
    x = frame["x"].astype(object).copy()
    x[4], x[9] = True, "unknown"
    with pytest.raises(DataError, match=r"words \(e\.g\. 'unknown'\) and booleans") as err:
        mnlogit.fit("y ~ x", frame.assign(x=x))
    assert "errors='coerce'), which reads True as 1 and False as 0" in str(err.value)


def test_words_among_numbers_keep_their_advice(frame):
    x = frame["x"].astype(object).copy()
    x[9] = "unknown"
    with pytest.raises(DataError, match=r"and words \(e\.g\. 'unknown'\); .*errors='coerce'\);"):
        mnlogit.fit("y ~ x", frame.assign(x=x))
