"""The command line on a zip archive made on a Mac: the Finder adds each file's resource fork
under ``__MACOSX/`` and a folder's ``.DS_Store``, which pandas counts as files, so that a zip
of one CSV file was refused as a zip of several."""

import io
import sys
import zipfile

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main

_FORK = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02"


def _text():
    rng = np.random.default_rng(8)
    n = 150
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": np.round(rng.normal(size=n), 3)})
    return df.to_csv(index=False).encode()


def _zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return str(path)


def _fit(capsys, *argv):
    status = main(["fit", *argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("folder", "name"),
    [("", "data.csv"), ("export/", "data.csv"), ("", "dätä (1).csv")],
)
@pytest.mark.parametrize("text", ["plain", "bom and crlf"])
def test_a_zip_made_on_a_mac_reads_its_one_data_file(tmp_path, capsys, folder, name, text):
    data = _text()
    if text != "plain":
        data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    (tmp_path / "d.csv").write_bytes(_text())
    entries = [
        (f"{folder}{name}", data),
        ("__MACOSX/", b""),
        (f"__MACOSX/{folder}._{name}", _FORK),
        (f"{folder}.DS_Store", b"\x00\x00\x00\x01Bud1"),
    ]
    path = _zip(tmp_path / "from a mac.zip", entries)
    expected = _fit(capsys, str(tmp_path / "d.csv"), "y ~ x")
    assert expected[0] == 0, expected[2]
    # was: "'from a mac.zip' is a zip of 3 files ('data.csv', '__MACOSX/._data.csv',
    # '.DS_Store'); the data must be one CSV file"
    assert _fit(capsys, path, "y ~ x") == expected


def test_a_mac_zip_piped_in_or_named_as_csv_reads_its_data_file(tmp_path, capsys, monkeypatch):
    (tmp_path / "d.csv").write_bytes(_text())
    expected = _fit(capsys, str(tmp_path / "d.csv"), "y ~ x")
    entries = [("data.csv", _text()), ("__MACOSX/._data.csv", _FORK)]
    path = _zip(tmp_path / "data.csv.zip", entries)
    (tmp_path / "zipped.csv").write_bytes((tmp_path / "data.csv.zip").read_bytes())
    assert _fit(capsys, str(tmp_path / "zipped.csv"), "y ~ x") == expected
    with open(path, "rb") as f:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f.read())))
    assert _fit(capsys, "-", "y ~ x") == expected


def test_a_zip_of_two_data_files_beside_a_macs_entries_names_the_two(tmp_path, capsys):
    entries = [
        ("a.csv", _text()),
        ("__MACOSX/._a.csv", _FORK),
        ("b b.csv", _text()),
        ("__MACOSX/._b b.csv", _FORK),
        (".DS_Store", b"Bud1"),
    ]
    status, out, err = _fit(capsys, _zip(tmp_path / "two.zip", entries), "y ~ x")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "two.zip' is a zip of 2 files ('a.csv', 'b b.csv'); the data must be one" in err
    assert "__MACOSX" not in err and "DS_Store" not in err


def test_a_zip_of_only_a_macs_entries_is_refused_saying_so(tmp_path, capsys):
    entries = [("__MACOSX/._data.csv", _FORK), (".DS_Store", b"Bud1")]
    status, out, err = _fit(capsys, _zip(tmp_path / "junk.zip", entries), "y ~ x")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "only the entries a Mac adds" in err and "'__MACOSX/._data.csv'" in err, err
    assert "zip the CSV file itself" in err


def _workbook():
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return book.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        # was: "cannot be read as zip data: Multiple files found in ZIP file"
        ("book.xlsx", _workbook(), "'book.zip' is a spreadsheet (.xlsx or .ods), not CSV"),
        # was: "has a header (<stata_dta><header>) and no rows of data"
        ("d.dta", b"<stata_dta><header>", "'d.dta' in 'book.zip' is a Stata data file"),
    ],
)
def test_the_one_file_of_a_mac_zip_is_checked_as_a_file_given(
    tmp_path, capsys, monkeypatch, name, data, said
):
    monkeypatch.chdir(tmp_path)
    _zip(tmp_path / "book.zip", [(name, data), (f"__MACOSX/._{name}", _FORK)])
    status, out, err = _fit(capsys, "book.zip", "y ~ x")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert said in err, err
