"""The command line counts each row's fields, to warn of rows shorter than the header, as
it reads the file: each data row's line and count must be those of the file as written."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mnlogit import _cli_text

CELLS = st.sampled_from(["a", "1.5", "", "x y", " ", "é"])


def _by_hand(lines: list[str], sep: str, skip: int, fewer: int | None) -> list[tuple[int, int]]:
    """Without quotes a row is a line, and its fields the delimiters in it plus one."""
    rows = [(k + 1, line.count(sep) + 1) for k, line in enumerate(lines) if k >= skip and line]
    return [(k, n) for k, n in rows[1:] if fewer is None or n < fewer]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=4), max_size=8),
    sep=st.sampled_from([",", ";", "\t", "|"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    last=st.booleans(),
    skip=st.integers(0, 2),
    encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]),
    fewer=st.sampled_from([None, 2, 3]),
)
@example(rows=[["y", "x"], [], ["a"], ["b", "1"]], sep=",", newline="\r\n", last=False,
         skip=0, encoding="utf-8", fewer=2)  # fmt: skip
def test_each_rows_line_and_fields_are_the_files(rows, sep, newline, last, skip, encoding, fewer):
    lines = [sep.join(row) for row in rows]
    data = (newline.join(lines) + (newline if last else "")).encode(encoding)
    layout = {"compression": None, "encoding": encoding, "skiprows": skip, "sep": sep}
    layout["engine"] = "c"
    got = list(_cli_text.field_counts(lambda: io.BytesIO(data), layout, fewer))
    assert got == _by_hand(lines, sep, skip, fewer)


@pytest.mark.parametrize(
    ("text", "expected"),
    [('y,x\n"a,b",1\nb\n1,2\n', [(3, 1)]), ('y,x\n"a\nb",1\nc\n', [(4, 1)])],
    ids=["separator in quotes", "line break in quotes"],
)
def test_quoted_fields_are_read_as_the_csv_reader_reads_them(text, expected):
    data = text.encode()
    layout = {"compression": None, "encoding": "utf-8", "skiprows": 0, "sep": ",", "engine": "c"}
    assert list(_cli_text.field_counts(lambda: io.BytesIO(data), layout, 2)) == expected
