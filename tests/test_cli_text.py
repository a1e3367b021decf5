"""The command line's data file as text, run in process: a byte that is not UTF-8 named by its
line (pandas' position was within a block it was decoding), UTF-16 text without its byte-order
mark and NUL bytes refused in one line."""

import bz2
import gzip
import io
import lzma
import sys

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 90
    return pd.DataFrame(
        {"y": rng.choice(["été", "hiver", "automne"], n), "x": np.round(rng.normal(size=n), 3)}
    )


def _error(capsys, *argv) -> str:
    assert main([*map(str, argv)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("mnlogit: error: ") and err.count("\n") == 1
    return err


@pytest.mark.parametrize("pack", [bytes, gzip.compress], ids=["plain", "gz"])
def test_a_windows_1252_file_is_named_by_the_line_not_utf8(tmp_path, capsys, pack):
    df = _frame()
    line = 2 + int(np.flatnonzero(df["y"] == "été")[0])  # the header is line 1
    path = tmp_path / ("d.csv" if pack is bytes else "d.csv.gz")
    path.write_bytes(pack(df.to_csv(index=False).encode("cp1252")))
    err = _error(capsys, "fit", path, "y ~ x")
    # was "byte 0xe9 at position 0", which points at the header
    assert f"line {line} holds the byte 0xe9 (its byte 1)" in err
    assert "'été," in err  # the line as Windows-1252 reads it
    # was "iconv -f WINDOWS-1252 -t UTF-8 ...", a program Windows has not, and nothing for a
    # compressed file: the option that reads it as it is
    assert "--encoding cp1252" in err and "iconv" not in err


@pytest.mark.parametrize(("encoding", "order"), [("utf-16-le", "LE"), ("utf-16-be", "BE")])
@pytest.mark.parametrize("ascii_only", [True, False])
def test_utf16_without_its_byte_order_mark(tmp_path, capsys, encoding, order, ascii_only):
    df = _frame()
    if ascii_only:
        df["y"] = df["y"].str.replace("é", "e")
    path = tmp_path / "d.csv"
    path.write_bytes(df.to_csv(index=False).encode(encoding))
    err = _error(capsys, "fit", path, "y ~ x")
    # ASCII only, it was read as UTF-8: "column 'y' is not in the data; did you mean 'y\x00'?"
    assert "NUL byte beside each letter" in err
    assert f"--encoding utf-16-{order.lower()}" in err and "iconv" not in err


def test_a_nul_byte_in_a_cell_is_refused(tmp_path, capsys, monkeypatch):
    text = _frame().assign(y=lambda d: d["y"].str.replace("é", "e")).to_csv(index=False)
    lines = text.splitlines(keepends=True)
    lines[4] = lines[4].replace(",", "\x00,", 1)  # data row 4's outcome
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("".join(lines).encode())))
    # was fitted, 'hiver\x00' an outcome level of one row beside 'hiver'
    err = _error(capsys, "fit", "-", "y ~ x")
    assert "column 'y' holds a NUL byte in data row 4" in err


@pytest.mark.parametrize(
    "pack", [gzip.compress, bz2.compress, lzma.compress], ids=["gz", "bz2", "xz"]
)
@pytest.mark.parametrize("piped", [False, True])
def test_a_compressed_file_is_read_as_the_same_file_uncompressed(
    tmp_path, capsys, monkeypatch, pack, piped
):
    # the byte-order mark and the sep= line were looked for in the compressed bytes: UTF-16
    # was refused as not UTF-8, and the sep=; line read as the header (one column 'sep=;')
    df = _frame()
    files = {
        "d16.csv": df.to_csv(index=False).encode("utf-16"),
        "excel.csv": b"sep=;\r\n" + df.to_csv(index=False, sep=";", decimal=",").encode(),
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
        options = ["--decimal", ","] if name == "excel.csv" else []
        assert main(["fit", str(tmp_path / name), "y ~ x", *options]) == 0
        expected = capsys.readouterr().out
        if piped:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(pack(raw))))
            argv = ["fit", "-", "y ~ x", *options]
        else:
            suffix = {gzip.compress: ".gz", bz2.compress: ".bz2", lzma.compress: ".xz"}[pack]
            (tmp_path / (name + suffix)).write_bytes(pack(raw))
            argv = ["fit", str(tmp_path / (name + suffix)), "y ~ x", *options]
        assert main(argv) == 0, capsys.readouterr().err
        assert capsys.readouterr().out == expected


@pytest.mark.parametrize("quoted_header", [True, False])
def test_quoted_fields_after_a_space_are_refused(tmp_path, capsys, quoted_header):
    # 'x, "a"': a quote opens a field only at its start, so the outcome's levels were
    # ' "a"', ' "b"', ' "c"', fitted with their quotes, or the header's ' "y"' was not found
    df = _frame().assign(y=lambda d: d["y"].str.replace("é", "e"))
    header = '"x", "y"' if quoted_header else "x, y"
    rows = [f'{x}, "{y}"' for x, y in zip(df["x"], df["y"], strict=True)]
    path = tmp_path / "d.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    formula = "y ~ x" if quoted_header else "` y` ~ x"
    err = _error(capsys, "fit", path, formula)
    where = "its header names ' \"y\"'" if quoted_header else "column ' y' holds ' \""
    assert where in err and "a quoted text after a space" in err
    assert "sed 's/, \"/,\"/g' FILE > NEW.csv" in err
    # as advised
    path.write_text(path.read_text().replace(', "', ',"'), encoding="utf-8")
    assert main(["fit", str(path), formula]) == 0
    assert "3 levels: automne, ete, hiver" in capsys.readouterr().out


def test_a_tar_archive_not_named_so_is_refused(tmp_path, capsys, monkeypatch):
    # from a pipe, its first file's tar header was read as the CSV header: "column 'y' is not
    # in the data (columns: d.csv\x00\x00...)"
    import tarfile

    (tmp_path / "d.csv").write_text(_frame().to_csv(index=False), encoding="utf-8")
    with tarfile.open(tmp_path / "a.tar.gz", "w:gz") as archive:
        archive.add(tmp_path / "d.csv", arcname="d.csv")
    assert main(["fit", str(tmp_path / "a.tar.gz"), "y ~ x"]) == 0  # named so, pandas reads it
    capsys.readouterr()
    packed = (tmp_path / "a.tar.gz").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(packed)))
    err = _error(capsys, "fit", "-", "y ~ x")
    assert "standard input is a tar archive" in err and "tar -xOf ARCHIVE NAME |" in err


@pytest.mark.parametrize("pack", [bytes, gzip.compress], ids=["plain", "gz"])
def test_a_file_not_utf8_holding_a_unit_separator_byte_is_named_by_its_line(tmp_path, capsys, pack):
    # the lines were read by pandas as one column split at '\x1f': a line holding that byte
    # ended in "Error tokenizing data. C error: Expected 1 fields in line 3, saw 2"
    text = "y,x\nété,1\nb\x1f,2\nhiver,3\n".encode("cp1252")
    path = tmp_path / ("d.csv" if pack is bytes else "d.csv.gz")
    path.write_bytes(pack(text))
    err = _error(capsys, "fit", path, "y ~ x")
    assert "is not UTF-8 text: line 2 holds the byte 0xe9" in err and "tokenizing" not in err


@pytest.mark.parametrize("name", ["d.gz.csv", "d.tar.csv"])
def test_a_compressed_file_named_another_way_before_its_end_is_read(tmp_path, capsys, name):
    # pandas infers compression by the name's end: a name with .gz (or .tar) before it was
    # taken to say the compression, so the gzip bytes were not looked at, were read as text,
    # and ended in pandas' "Error tokenizing data" from the reading of the lines not UTF-8
    df = _frame()
    (tmp_path / name).write_bytes(gzip.compress(df.to_csv(index=False).encode()))
    assert main(["fit", str(tmp_path / name), "y ~ x"]) == 0, capsys.readouterr().err
    assert "3 levels: automne, hiver, été" in capsys.readouterr().out


@pytest.mark.parametrize("pack", [bytes, gzip.compress], ids=["plain", "gz"])
def test_a_quote_never_closed_is_named_by_its_line(tmp_path, capsys, pack):
    # was pandas' "EOF inside string starting at row 7": counted from 0 and in records, a
    # cell of three lines one record, so neither 7 nor 8 was the line of the quote
    lines = ["y,x", "a,1", 'b,"two', "lines in", 'one cell"', "c,2", "", "a,3", "b,4"]
    lines += ['c,"5', "a,6", "b,7"]
    path = tmp_path / ("d.csv" if pack is bytes else "d.csv.gz")
    path.write_bytes(pack(("\n".join(lines) + "\n").encode()))
    err = _error(capsys, "fit", path, "y ~ x")
    assert 'the quote (") that opens a field in line 10 is never closed' in err
    assert lines[9] == 'c,"5'


def test_a_row_with_more_fields_after_a_cell_of_several_lines_is_named_by_its_line(
    tmp_path, capsys
):
    # pandas' 'line 7' counts records: the row is on line 9, after a cell of three lines
    lines = ["y,x", "a,1", 'b,"two', "lines in", 'one cell"', "c,2", "a,3", "b,4", "c,5,6"]
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _error(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert "line 9 has 3 fields where the header has 2" in err and lines[8] == "c,5,6"
