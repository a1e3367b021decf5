"""A CSV label that readers take for a missing value keeps its text: pandas' read_csv reads
``None``, ``NA``, ``null``, ``N/A`` (and R's read.csv ``NA``) as missing, so the outcome
``None`` (no transport, no answer) or a column named ``NA`` (North America) came back as NaN
from the file ``to_csv`` wrote, its rows unlabelled. They get the leading ``'`` that keeps
``00`` and ``1-2`` as written."""

import io

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.report._format import csv_cell

MISSING_WORDS = ["None", "NA", "null", "NULL", "N/A", "n/a", "nan", "NaN", "<NA>", "#N/A"]


@pytest.mark.parametrize("word", MISSING_WORDS)
def test_a_word_read_as_missing_is_quoted(word):
    assert csv_cell(word) == "'" + word
    assert pd.read_csv(io.StringIO(f"a\n{csv_cell(word)}\n"))["a"].notna().all()


def test_labels_read_as_missing_come_back_as_labels():
    rng = np.random.default_rng(6)
    n = 300
    X = pd.DataFrame({"Intercept": 1.0, "NA": rng.normal(size=n), "x": rng.normal(size=n)})
    y = pd.Series(rng.choice(["None", "bus", "car"], n), name="mode")
    res = mnlogit.MNLogit(y, X, ref="car").fit()
    out = io.StringIO()
    res.to_csv(out)
    back = pd.read_csv(io.StringIO(out.getvalue()), index_col=[0, 1])
    assert back.index.to_frame().notna().all().all()
    assert set(back.index.get_level_values("outcome")) == {"'None", "bus"}
    assert set(back.index.get_level_values("term")) == {"Intercept", "'NA", "x"}
    np.testing.assert_array_equal(back["estimate"], res.to_frame()["estimate"])
    table = pd.read_csv(io.StringIO(mnlogit.compare([res]).as_csv()))
    assert "'NA" in set(table["term"])
