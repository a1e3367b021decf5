"""The command line counts each row's fields to warn of rows shorter than the header: for a
file without quotes it counts delimiters per line in the bytes (Python's csv reader took
0.9 s over 1e6 rows), which must give the csv reader's lines and counts."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mnlogit import _cli_text

CELLS = st.sampled_from(["a", "1.5", "", "x y", " ", "é"])


def _by_csv_reader(data: bytes, layout: dict, fewer: int | None) -> list[tuple[int, int]]:
    saved = _cli_text._unquoted_field_counts
    _cli_text._unquoted_field_counts = lambda *_: None
    try:
        return list(_cli_text.field_counts(lambda: io.BytesIO(data), layout, fewer))
    finally:
        _cli_text._unquoted_field_counts = saved


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=4), max_size=8),
    sep=st.sampled_from([",", ";", "\t", "|"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    last=st.booleans(),
    skip=st.integers(0, 2),
    encoding=st.sampled_from(["utf-8", "latin-1", "cp1252"]),
    fewer=st.sampled_from([None, 2, 3]),
)
@example(rows=[["y", "x"], [], ["a"], ["b", "1"]], sep=",", newline="\r\n", last=False,
         skip=0, encoding="utf-8", fewer=2)  # fmt: skip
def test_unquoted_counts_are_the_csv_readers(rows, sep, newline, last, skip, encoding, fewer):
    text = newline.join(sep.join(row) for row in rows) + (newline if last else "")
    data = text.encode(encoding)
    layout = {"compression": None, "encoding": encoding, "skiprows": skip, "sep": sep}
    layout["engine"] = "c"
    assert _cli_text._unquoted_field_counts(data, layout) is not None or not data
    got = list(_cli_text.field_counts(lambda: io.BytesIO(data), layout, fewer))
    assert got == _by_csv_reader(data, layout, fewer)


@pytest.mark.parametrize(
    "text",
    ['y,x\n"a",1\nb\n1,2\n', "y,x\ra,1\rb\r1,2\r", "y,x\na,1\r\nb\r1,2\n"],
    ids=["quotes", "lone CR", "mixed"],
)
def test_files_the_byte_count_cannot_read_are_counted_by_the_csv_reader(text):
    data = text.encode()
    layout = {"compression": None, "encoding": "utf-8", "skiprows": 0, "sep": ",", "engine": "c"}
    assert _cli_text._unquoted_field_counts(data, layout) is None
    assert list(_cli_text.field_counts(lambda: io.BytesIO(data), layout, 2)) == [(3, 1)]
