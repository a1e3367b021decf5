"""--encoding given the name of one of Python's codecs that is no text file's encoding
(base64, hex, zip, rot13: bytes to bytes; idna: domain names): each ended in a LookupError
or UnicodeError traceback as the file's first bytes were decoded."""

import pytest

from mnlogit.__main__ import main


@pytest.mark.parametrize("name", ["base64", "hex", "rot13", "zip", "bz2", "idna", "undefined"])
def test_a_codec_that_is_no_text_encoding_is_refused(tmp_path, capsys, name):
    (tmp_path / "d.csv").write_bytes("y,x\ncafé,1\nthé,2\ncafé,3\n".encode("latin-1"))
    status = main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--encoding", name])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert err.startswith(f"mnlogit: error: --encoding {name!r} is no encoding of text files")
    assert "give one such as cp1252" in err
    assert ("read as such without it" in err) == (name in ("zip", "bz2"))
