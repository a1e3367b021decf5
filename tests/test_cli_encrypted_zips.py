"""The command line on a zip whose data file a password protects: pandas' RuntimeError
('File 'd.csv' is encrypted, password required for extraction') ended the command with a
traceback. Python's zipfile reads such archives but cannot write them: the archive is
built here, encrypted with the zip format's traditional (ZipCrypto) cipher."""

import io
import struct
import sys
import zipfile
import zlib

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main

_PASSWORD = b"secret"


def _crc_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc_table()


def _zipcrypto(data, check):
    """``data`` stored encrypted: its 12-byte header (the last byte ``check``, the CRC's
    high byte) and the data, as APPNOTE.TXT section 6.1 describes."""
    keys = [305419896, 591751049, 878082192]

    def update(byte):
        keys[0] = (keys[0] >> 8) ^ _TABLE[(keys[0] ^ byte) & 0xFF]
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = (keys[2] >> 8) ^ _TABLE[(keys[2] ^ (keys[1] >> 24)) & 0xFF]

    for byte in _PASSWORD:
        update(byte)
    out = bytearray()
    for plain in bytes(11) + bytes([check]) + data:
        t = (keys[2] | 2) & 0xFFFF
        out.append(plain ^ (((t * (t ^ 1)) >> 8) & 0xFF))
        update(plain)
    return bytes(out)


def _archive(entries):
    """A zip of ``entries`` (name, data, encrypted), stored uncompressed."""
    local, central = bytearray(), bytearray()
    for name, data, encrypted in entries:
        crc, raw = zlib.crc32(data), name.encode()
        body = _zipcrypto(data, crc >> 24) if encrypted else data
        sizes = (crc, len(body), len(data), len(raw))
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, int(encrypted), 0, 0, 0,
                               *sizes, 0, 0, 0, 0, 0, len(local))  # fmt: skip
        central += raw
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, int(encrypted), 0, 0, 0, *sizes, 0)
        local += raw + body
    n = len(entries)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, len(central), len(local), 0)
    return bytes(local + central + end)


def _text():
    rng = np.random.default_rng(8)
    n = 150
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": np.round(rng.normal(size=n), 3)})
    return df.to_csv(index=False).encode()


def test_the_archive_built_here_is_encrypted_with_the_password():
    archive = zipfile.ZipFile(io.BytesIO(_archive([("d.csv", _text(), True)])))
    assert archive.getinfo("d.csv").flag_bits & 1
    assert archive.read("d.csv", pwd=_PASSWORD) == _text()
    with pytest.raises(RuntimeError, match="password required"):
        archive.read("d.csv")


@pytest.mark.parametrize("name", ["survey data.zip", "survey.csv.zip", "survey.csv"])
@pytest.mark.parametrize("mac", [False, True])
def test_an_encrypted_zip_is_refused_with_how_to_unzip_it(tmp_path, capsys, name, mac):
    entries = [("d.csv", _text(), True)]
    if mac:  # the Finder's resource fork beside it: the data file was read, and refused
        entries.append(("__MACOSX/._d.csv", b"\x00\x05\x16\x07", False))
    path = tmp_path / name
    path.write_bytes(_archive(entries))
    assert main(["fit", str(path), "y ~ x"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, err
    word = f"'{path}'" if " " in str(path) else str(path)
    assert err == (
        f"mnlogit: error: {str(path)!r} is an encrypted zip: a password protects 'd.csv', and "
        f"the command line reads no password; unzip it first (unzip {word}, which asks for the "
        f"password) and give the CSV file, or pipe it in: unzip -p {word} d.csv | mnlogit fit "
        "- FORMULA\n"
    )


def test_an_encrypted_zip_piped_in_is_refused(capsys, monkeypatch):
    data = _archive([("export/d.csv", _text(), True)])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["compare", "-", "y ~ 1", "y ~ x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mnlogit: error: standard input is an encrypted zip: a password ")
    assert "unzip -p FILE.zip export/d.csv | mnlogit fit - FORMULA" in err


def test_a_zip_of_one_file_not_encrypted_is_read(tmp_path, capsys):
    # the archive built here read as the file it holds: the refusal is the encryption's
    (tmp_path / "d.zip").write_bytes(_archive([("d.csv", _text(), False)]))
    (tmp_path / "d.csv").write_bytes(_text())
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x"]) == 0
    plain = capsys.readouterr()
    assert main(["fit", str(tmp_path / "d.zip"), "y ~ x"]) == 0
    assert capsys.readouterr() == plain and "Rows used                          150" in plain.out
