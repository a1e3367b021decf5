"""The command line's advice is a command that works when pasted: cells of the data file
quoted as the shell passes them back (a line break or a tab as bash's $'...' with escapes),
and a sed script that reads the delimiter as the text it is."""

import subprocess

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main
from mnlogit._cli_errors import shell_word


def _main(capsys, *argv):
    status = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 200
    return pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": rng.normal(size=n).round(3)})


@pytest.mark.parametrize(("cell", "word"), [("n\na", "$'n\\na'"), ("n/\r\na", "$'n/\\r\\na'")])
def test_text_with_a_line_break_among_numbers_gets_na_values_that_read_it(
    tmp_path, capsys, cell, word
):
    df = _frame().astype({"x": object})
    df.loc[[3, 8], "x"] = cell
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    # was --na-values 'n a': the line break made a space, a text no cell holds
    assert f"add --na-values {word};" in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--na-values", cell)
    assert status == 0, err
    assert "2 of 200 rows dropped" in err


def test_a_blank_outcome_of_a_tab_gets_na_values_of_a_tab_escaped(tmp_path, capsys):
    df = _frame()
    df.loc[[3, 8], "y"] = "\t"
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    # was a tab between quotes, which a terminal shows, and copies, as spaces
    assert "add --na-values $'\\t' to read" in err and "\t" not in err


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("NA", "NA"),
        ("n/a x", "'n/a x'"),
        ("it's", "'it'\\''s'"),
        ("\u00a0", "$'\\u00a0'"),
        ("a\\b\n'", "$'a\\\\b\\n\\''"),
        ("\U0001f600\x7f", "$'\U0001f600\\u007f'"),
    ],
)
def test_shell_words(text, word):
    assert shell_word(text) == word


@pytest.mark.parametrize("sep", [",", "\t", "/", ".", "&"])
def test_the_sed_advised_for_spaces_before_quotes_removes_them(tmp_path, capsys, sep):
    # the script was 's/SEP "/SEP"/g' with the delimiter written in as it is: '--sep /' gave
    # 's// "//"/g', which sed refuses, '--sep .' a pattern of any character, and a tab was a
    # tab between quotes
    rng = np.random.default_rng(2)
    ys, xs = rng.choice(list("abc"), 90), rng.integers(0, 9, 90)
    rows = [f'"{y}"{sep} {x}' for y, x in zip(ys, xs, strict=True)]
    path = tmp_path / "d.txt"
    path.write_text("\n".join([f'"y"{sep} "x"', *rows]) + "\n", encoding="utf-8")
    options = ["--sep", sep]
    status, out, err = _main(capsys, "fit", path, "y ~ x", *options)
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    command = err.split("(e.g. ", 1)[1].rsplit(")", 1)[0]
    assert command.startswith("sed ") and command.endswith(" FILE > NEW.csv") and "\t" not in err
    command = command.replace("FILE", str(path)).replace("NEW.csv", str(tmp_path / "new.txt"))
    subprocess.run(["bash", "-c", command], check=True)
    assert (tmp_path / "new.txt").read_text(encoding="utf-8").startswith(f'"y"{sep}"x"\n')
    status, out, err = _main(capsys, "fit", tmp_path / "new.txt", "y ~ x", *options)
    assert status == 0, err
    assert "3 levels: a, b, c" in out
