"""CSV labels a spreadsheet would read as dates or times keep their text. Excel (and Google
Sheets) turn a cell ``1-2`` into the 2nd of January, ``3/4`` into the 4th of March, ``12:30``
into a time and ``MARCH1`` into the 1st of March: an outcome coded as bands (``1-2``, ``3-5``)
or a column named ``sept2`` read as dates in the table opened there (the gene-name errors of
Ziemann, Eren and El-Osta 2016). They get the leading ``'`` that keeps ``00`` and ``1.0``
as written; labels no spreadsheet reads so keep theirs."""

import io

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.report._format import csv_cell

AS_DATES = [
    "1-2",
    "3-5",
    "10-20",
    "1/2",
    "3/15/2023",
    "2020-01-05",
    "2020-01-05 10:30",
    "1.2.2020",
    "12:30",
    "9:05:10",
    "7:30 pm",
    "MARCH1",
    "Sept2",
    "dec-1",
    "1-Jan",
    "5 may",
    "Jan 2020",
    "1 1/2",
]
AS_TEXT = ["6+", "x1", "1-2-3-4", "a-1", "2a", "march", "marc1", "10-20 km", "0", "-1", "1.5"]


@pytest.mark.parametrize("label", AS_DATES)
def test_a_label_a_spreadsheet_reads_as_a_date_or_time_is_quoted(label):
    assert csv_cell(label) == "'" + label


@pytest.mark.parametrize("label", AS_TEXT)
def test_other_labels_are_left_as_they_are(label):
    assert csv_cell(label) == label


def test_bands_of_an_outcome_keep_their_text_in_the_csv():
    rng = np.random.default_rng(4)
    n = 300
    d = pd.DataFrame({"x": rng.normal(size=n), "y": rng.choice(["0", "1-2", "3-5", "6+"], n)})
    res = mnlogit.fit("y ~ x", d, ref="0")
    out = io.StringIO()
    res.to_csv(out)
    back = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    assert set(back["outcome"]) == {"'1-2", "'3-5", "6+"}
    table = mnlogit.compare([res], names=["1-2"]).as_csv()
    assert table.splitlines()[0] == "outcome,term,statistic,'1-2"
    back = pd.read_csv(io.StringIO(table), dtype=str)
    assert set(back["outcome"].dropna()) == {"'1-2", "'3-5", "6+"}
