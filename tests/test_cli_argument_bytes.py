"""Arguments holding bytes that are not UTF-8, as a terminal set to Latin-1 sends 'café' or
bash's $'\\xa0' writes a no-break space: Python keeps each byte as a lone surrogate. --ref and
--thousands ended in a UnicodeEncodeError traceback, --na-values in "cannot be read as
--encoding latin-1 text"; each is now refused with the byte and the text to give instead."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _latin1_file(path: Path) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 120
    df = pd.DataFrame(
        {
            "y": rng.choice(["café", "thé", "eau"], n),
            "x": np.round(rng.normal(size=n), 3),
            "z": np.round(rng.uniform(1000, 9000, n), 2),
        }
    )
    path.write_bytes(df.to_csv(index=False, sep=";").encode("latin-1"))
    return df


def _refused(capsys, argv, *fragments):
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert err.startswith("mnlogit: error: ") and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


# each byte as os.fsdecode gives it from a Latin-1 terminal's argv
CAFE = "caf\udce9"


@pytest.mark.parametrize(
    ("option", "fragments"),
    [
        (["--ref", CAFE], ["--ref 'caf\\xe9'", "byte 0xe9", "$'caf\\u00e9'"]),
        (["--na-values", "\udce9"], ["--na-values '\\xe9'", "$'\\u00e9'"]),
        (["--thousands", "\udca0"], ["--thousands '\\xa0'", "byte 0xa0", "$'\\u00a0'"]),
        # 0x96 is Windows-1252's en dash, not a Latin-1 letter
        (["--na-values", "NA", "\udc96"], ["--na-values '\\x96'", "$'\\u2013'"]),
    ],
)
def test_an_option_of_bytes_not_utf8_is_refused_with_the_text_to_give(
    tmp_path, capsys, option, fragments
):
    path = tmp_path / "d.csv"
    _latin1_file(path)
    argv = ["fit", str(path), "y ~ x", "--sep", ";", "--encoding", "latin-1", *option]
    _refused(capsys, argv, *fragments, "set the terminal to UTF-8")


def test_a_formula_of_bytes_not_utf8_is_refused(tmp_path, capsys):
    path = tmp_path / "d.csv"
    _latin1_file(path)
    argv = ["compare", str(path), "y ~ x", "y ~ x + z\udce9", "--sep", ";", "--encoding", "latin1"]
    _refused(capsys, argv, "the formula 'y ~ x + z\\xe9'", "$'y ~ x + z\\u00e9'")


def test_the_same_option_as_utf8_text_fits(tmp_path, capsys):
    path = tmp_path / "d.csv"
    df = _latin1_file(path)
    argv = ["fit", str(path), "y ~ x", "--sep", ";", "--encoding", "latin-1", "--ref", "café"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out == str(mnlogit.fit("y ~ x", df, ref="café").summary()) + "\n"
