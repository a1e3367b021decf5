"""The command line's data from where a Unix user has them: standard input (``-``), a pipe
named as a file (``/dev/stdin``, a shell's ``<(...)``), a compressed file or stream."""

import bz2
import gzip
import io
import lzma
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main

ROOT = Path(__file__).resolve().parent.parent


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 200
    y = rng.choice(["a", "b", "c"], n)
    return pd.DataFrame({"y": y, "x": np.round(rng.normal(size=n) + (y == "b"), 3)})


def _main(capsys, monkeypatch, stdin: bytes | None, *argv):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    status = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    "pack", [bytes, gzip.compress, bz2.compress, lzma.compress], ids=["plain", "gz", "bz2", "xz"]
)
def test_data_from_standard_input(capsys, monkeypatch, pack):
    df = _frame()
    data = pack(df.to_csv(index=False).encode())
    # was: "no such file: '-'"
    status, out, err = _main(capsys, monkeypatch, data, "fit", "-", "y ~ x", "--ref", "b")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df, ref="b").summary()) + "\n"


def test_empty_or_unpiped_standard_input_is_one_line(capsys, monkeypatch):
    status, out, err = _main(capsys, monkeypatch, b"", "fit", "-", "y ~ x")
    assert (
        status == 2
        and out == ""
        and err
        == ("mnlogit: error: standard input is empty: expected a header row of column names\n")
    )

    class Terminal(io.TextIOWrapper):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b"")))
    status, out, err = _main(capsys, monkeypatch, None, "fit", "-", "y ~ x")
    assert status == 2 and "nothing is piped into it" in err and len(err.splitlines()) == 1


def test_compare_reads_standard_input(capsys, monkeypatch):
    df = _frame()
    data = df.to_csv(index=False, sep=";").encode()
    status, out, err = _main(
        capsys, monkeypatch, data, "compare", "-", "y ~ 1", "y ~ x", "--sep", ";"
    )
    assert status == 0, err
    fits = [mnlogit.fit(f, df) for f in ("y ~ 1", "y ~ x")]
    assert out == str(mnlogit.compare(fits)) + "\n"


def test_a_compressed_file_whose_name_does_not_say_so(tmp_path, capsys, monkeypatch):
    df = _frame()
    (tmp_path / "d.csv").write_bytes(gzip.compress(df.to_csv(index=False).encode()))
    # was: "'d.csv' is not UTF-8 text (byte 0x8b at position 1)"
    status, out, err = _main(capsys, monkeypatch, None, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


def test_a_folder_or_a_device_is_not_read(tmp_path, capsys, monkeypatch):
    status, _, err = _main(capsys, monkeypatch, None, "fit", tmp_path, "y ~ x")
    assert status == 2 and err == f"mnlogit: error: {str(tmp_path)!r} is a folder, not a file\n"
    if os.path.exists("/dev/zero"):  # read without end: refused, not read
        status, _, err = _main(capsys, monkeypatch, None, "fit", "/dev/zero", "y ~ x")
        assert status == 2 and err == "mnlogit: error: '/dev/zero' is not a file\n"


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/stdin"), reason="no /dev/stdin")
def test_a_pipe_named_as_a_file():
    df = _frame()
    proc = subprocess.run(
        [sys.executable, "-m", "mnlogit", "fit", "/dev/stdin", "y ~ x"],
        input=df.to_csv(index=False),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    # was: "'/dev/stdin' is not a file"
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_text_with_a_byte_order_mark_of_utf16_or_utf32(tmp_path, capsys, monkeypatch, encoding):
    df = _frame()
    text = "\ufeff" + df.to_csv(index=False, sep="\t")  # as Excel saves 'Unicode Text'
    (tmp_path / "d.txt").write_bytes(text.encode(encoding))
    # was: "'d.txt' is not UTF-8 text (byte 0xff at position 0); save it as UTF-8 CSV"
    status, out, err = _main(
        capsys, monkeypatch, None, "fit", tmp_path / "d.txt", "y ~ x", "--sep", "\\t"
    )
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


def test_a_spreadsheet_or_a_zip_of_several_files_is_one_line(tmp_path, capsys, monkeypatch):
    text = _frame().to_csv(index=False)
    with zipfile.ZipFile(tmp_path / "two.zip", "w") as archive:
        archive.writestr("a.csv", text)
        archive.writestr("b.csv", text)
    with zipfile.ZipFile(tmp_path / "book.xlsx", "w") as archive:  # how an .xlsx is built
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    # was: pandas' ValueError 'Multiple files found in ZIP file' with its traceback
    for name, fragment in [
        ("two.zip", "is a zip of 2 files ('a.csv', 'b.csv')"),
        ("book.xlsx", "is a spreadsheet (.xlsx or .ods), not CSV"),
        ("old.xls", "is an Excel .xls workbook"),
    ]:
        status, out, err = _main(capsys, monkeypatch, None, "fit", tmp_path / name, "y ~ x")
        assert status == 2 and out == "" and len(err.splitlines()) == 1, err
        assert fragment in err, err


@pytest.mark.parametrize(
    ("name", "write", "said"),
    [
        ("d.dta", lambda df, p: df.to_stata(p, write_index=False), "a Stata data file"),
        ("d13.dta", lambda df, p: df.to_stata(p, write_index=False, version=118), "Stata"),
        ("d.parquet", lambda df, p: df.to_parquet(p), "a Parquet file"),
        ("d.feather", lambda df, p: df.to_feather(p), "an Arrow (Feather) file"),
        ("d.rds", lambda df, p: p.write_bytes(gzip.compress(b"X\n" + bytes(range(256)))), "R"),
    ],
)
def test_another_programs_data_file_says_how_to_read_it(
    tmp_path, capsys, monkeypatch, name, write, said
):
    # was: "'d.dta' is not UTF-8 text (byte 0x72 at position 0); save it as UTF-8 CSV", or
    # for R's gzip-compressed .rds "cannot be read as gzip data"
    pytest.importorskip("pyarrow")
    path = tmp_path / name
    write(_frame(), path)
    for source, stdin, shown in ((path, None, repr(str(path))), ("-", path.read_bytes(), None)):
        if shown is None and name.endswith(".rds"):
            continue  # known by its name only: its bytes are gzip's
        status, out, err = _main(capsys, monkeypatch, stdin, "fit", source, "y ~ x")
        assert status == 2 and out == "" and len(err.splitlines()) == 1, err
        assert said in err and "which the command line does not read: save it as CSV" in err
        if name.endswith(".dta"):
            assert "export delimited" in err and "mnlogit.fit(formula, pd.read_stata(" in err
        if shown is not None:
            assert shown in err


def test_a_csv_file_whose_first_column_is_named_like_a_tag_is_read(tmp_path, capsys, monkeypatch):
    (tmp_path / "par.csv").write_text(
        _frame().rename(columns={"x": "PAR1"})[["PAR1", "y"]].to_csv(index=False)
    )
    status, _, err = _main(capsys, monkeypatch, None, "fit", tmp_path / "par.csv", "y ~ PAR1")
    assert status == 0, err


def test_a_damaged_or_cut_short_compressed_file_is_one_line(tmp_path, capsys, monkeypatch):
    packed = gzip.compress(_frame().to_csv(index=False).encode())
    (tmp_path / "cut.csv.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "bad.csv").write_bytes(b"\x1f\x8b" + bytes(20))
    # was: EOFError and OSError with their tracebacks, status 1
    for name, fragment in [
        ("cut.csv.gz", "cannot be read: Compressed file ended"),
        ("bad.csv", "cannot be read as gzip data"),
    ]:
        status, out, err = _main(capsys, monkeypatch, None, "fit", tmp_path / name, "y ~ x")
        assert status == 2 and out == "" and len(err.splitlines()) == 1, err
        assert fragment in err, err


def test_a_compressed_tsv_file_is_read_with_tabs(tmp_path, capsys, monkeypatch):
    df = _frame()
    (tmp_path / "d.tsv.gz").write_bytes(gzip.compress(df.to_csv(index=False, sep="\t").encode()))
    # was: read with commas, "reads as one column named 'y\\tx' ...; pass --sep '\\t'"
    status, out, err = _main(capsys, monkeypatch, None, "fit", tmp_path / "d.tsv.gz", "y ~ x")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"
