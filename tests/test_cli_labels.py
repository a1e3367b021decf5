"""The command line on columns of labels holding text that data files write for a missing
value: read with only empty cells missing, "NA" in the outcome was fitted as an outcome (and
the reference), "." in a factor as a level, with nothing said."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main


def _write(path: Path, **cells) -> Path:
    rng = np.random.default_rng(5)
    n = 240
    df = pd.DataFrame(
        {
            "y": rng.choice(["hi", "lo", "mid"], n).astype(object),
            "x": np.round(rng.normal(size=n), 3),
            "g": rng.choice(["none", "light", "heavy"], n).astype(object),
            "clinic": rng.choice(["A", "B", "C", "D", "E", "F"], n).astype(object),
        }
    )
    for name, texts in cells.items():
        for row, text in enumerate(texts):
            df.loc[row, name] = text
    path.write_text(df.to_csv(index=False), encoding="utf-8")
    return path


def _run(capsys, *argv):
    status = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def _notes(err: str) -> list[str]:
    return [
        line
        for line in err.splitlines()
        if line.startswith("mnlogit: note:") and "missing value," in line
    ]


def test_na_in_the_outcome_is_said_with_the_option_that_drops_it(tmp_path, capsys):
    data = _write(tmp_path / "d.csv", y=["NA"] * 4)
    status, out, err = _run(capsys, "fit", data, "y ~ x")
    assert status == 0
    assert "4 levels: NA, hi, lo, mid" in out  # still fitted as written
    (line,) = _notes(err)
    assert "outcome column 'y' holds 'NA' (4 rows)" in line
    assert "fitted as an outcome of its own" in line
    assert line.endswith("add --na-values NA to drop those rows")
    status, out, err = _run(capsys, "fit", data, "y ~ x", "--na-values", "NA")
    assert status == 0 and _notes(err) == []
    assert "3 levels: hi, lo, mid" in out and "4 of 240 rows dropped" in err


@pytest.mark.parametrize("text", [".", ".a", "N/A", "#N/A", "NaN", "NULL", "None", "?"])
def test_missing_text_in_a_factor_is_said(tmp_path, capsys, text):
    data = _write(tmp_path / "d.csv", g=[text] * 3)
    status, _, err = _run(capsys, "fit", data, "y ~ x + g")
    assert status == 0
    (line,) = _notes(err)
    assert f"column 'g' holds {text!r} (3 rows)" in line and "a level of its own" in line
    assert "--na-values " in line


def test_missing_text_in_one_row_is_counted_as_one_row(tmp_path, capsys):
    data = _write(tmp_path / "d.csv", g=["NA", "NA", "."])
    status, _, err = _run(capsys, "fit", data, "y ~ x + g")
    (line,) = _notes(err)
    # was "'.' (1 rows)"
    assert status == 0 and "column 'g' holds 'NA' (2 rows), '.' (1 row), text" in line, line


def test_missing_text_among_the_clusters_and_in_compare(tmp_path, capsys):
    data = _write(tmp_path / "d.csv", clinic=["NA"] * 3, y=["."] * 2)
    _, _, err = _run(capsys, "fit", data, "y ~ x", "--cov", "cluster", "--groups", "clinic")
    found = _notes(err)
    assert any("--groups column 'clinic' holds 'NA' (3 rows)" in w for w in found), err
    assert any("outcome column 'y' holds '.' (2 rows)" in w for w in found), err
    _, _, err = _run(capsys, "compare", data, "y ~ x", "y ~ x + g")
    assert any("outcome column 'y' holds '.' (2 rows)" in w for w in _notes(err)), err


def test_levels_that_are_words_and_numeric_columns_are_not_flagged(tmp_path, capsys):
    # "none" is a level in much data (none, light, heavy); "NA" may be North America, but
    # only text meaning missing is pointed out, and numbers are checked elsewhere
    data = _write(tmp_path / "d.csv")
    status, _, err = _run(capsys, "fit", data, "y ~ x + g + C(clinic)")
    assert status == 0 and _notes(err) == [], err


@pytest.mark.parametrize(
    ("padded", "said"),
    [
        ([" A", "A "], "clusters ' A', 'A', 'A ' differ only by white space"),
        (["A\u200b", "\u00c5", "A\u030a"], "differ only by white space, invisible characters"),
    ],
)
def test_clusters_written_alike_are_warned_of(tmp_path, capsys, padded, said):
    # read as written, ' A' and 'A' (a file padded by another program) were two clusters,
    # with nothing said, where such outcomes and levels of a factor are warned of
    path = _write(tmp_path / "d.csv", clinic=padded * 10)
    argv = ["fit", str(path), "y ~ x", "--cov", "cluster", "--groups", "clinic"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    warned = [line for line in err.splitlines() if "--groups column 'clinic'" in line]
    assert len(warned) == 1 and said in warned[0], err
    assert warned[0].endswith("if each group is one cluster, write it one way in the file")
    clusters = len({*padded, "A", "B", "C", "D", "E", "F"})
    assert f"({clusters} clusters)" in out  # still fitted as written: warned, not merged


def test_clusters_written_alike_are_warned_of_once_by_compare(tmp_path, capsys):
    path = _write(tmp_path / "d.csv", clinic=[" B"] * 10)
    argv = ["compare", str(path), "y ~ x", "y ~ x + g", "--cov", "cluster", "--groups", "clinic"]
    assert main(argv) == 0
    assert capsys.readouterr().err.count("clusters ' B', 'B' differ only by white space") == 1


def test_the_levels_a_reference_is_not_among_show_their_white_space(tmp_path, capsys):
    # "levels are  hi, lo, mid": ' hi' and 'hi' read alike in the list
    path = _write(tmp_path / "d.csv", y=[" hi"] * 30)
    assert main(["fit", str(path), "y ~ x", "--ref", "HI"]) == 2
    err = capsys.readouterr().err
    assert "levels are ' hi', hi, lo, mid" in err, err


@pytest.mark.parametrize(
    ("levels", "ref", "said"),
    [
        (["1.0", "2.0", "3.0"], "1", "('1' and the level 1.0 differ only by how the number is"),
        (["1", "2", "3"], "01", "('01' and the level 1 differ only by how the number is written)"),
        (["2", "2.5", "10"], "2.50", "('2.50' and the level '2.5' differ only by how the number"),
    ],
)
def test_a_reference_written_as_another_spelling_of_a_level_is_told_so(
    tmp_path, capsys, levels, ref, said
):
    # a data file's levels are named by exactly their text: '--ref 1' beside the level
    # '1.0' was refused with the levels listed and nothing of the number
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"y": rng.choice(levels, 150), "x": np.round(rng.normal(size=150), 3)})
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--ref", ref]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1, err


def test_a_reference_alike_several_levels_names_them_all(tmp_path, capsys):
    # '--ref 7.0' beside the levels '007' and '7' named only '007', where '7' was meant
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {"y": rng.choice(["007", "7", "8"], 150), "x": np.round(rng.normal(size=150), 3)}
    )
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--ref", "7.0"]) == 2
    err = capsys.readouterr().err
    assert "('7.0' and the levels '007', '7' differ only by how the number is written)" in err


@pytest.mark.parametrize(
    ("column", "written", "options", "said"),
    [
        ("y", ["1", "1.0", "2"], [], "outcome column 'y': levels '1', '1.0' write one number"),
        ("y", ["0", "-0", "2"], [], "outcome column 'y': levels '-0', '0' write one number"),
        ("g", ["01", "1", "2"], [], "column 'g': levels '01', '1' write one number"),
        (
            "clinic",
            ["7", "07", "8"],
            ["--cov", "cluster", "--groups", "clinic"],
            "--groups column 'clinic': clusters '07', '7' write one number",
        ),
    ],
)
def test_labels_writing_one_number_in_several_ways_are_warned_of(
    tmp_path, capsys, column, written, options, said
):
    # read as written, '1' and '1.0' are two outcomes (as documented), and were fitted
    # apart with nothing said, where labels differing by white space are warned of
    path = _write(tmp_path / "d.csv", **{column: written * 40})
    assert main(["fit", str(path), "y ~ x + C(g)", *options]) == 0
    err = capsys.readouterr().err
    warned = [line for line in err.splitlines() if "write one number" in line]
    assert len(warned) == 1 and warned[0].startswith(f"mnlogit: warning: {said}"), err
    assert warned[0].endswith("write it one way in the file")


def test_long_codes_and_padded_numbers_are_not_called_one_number(tmp_path, capsys):
    # codes of 20 digits that a float rounds together are different numbers; ' 1' beside
    # '1' is the white space warning's
    codes = ["12345678901234567890", "12345678901234567891", "12345678901234567892"]
    path = _write(tmp_path / "d.csv", clinic=codes * 40, g=[" 1", "1", "2"] * 40)
    assert main(["fit", str(path), "y ~ x + C(g)", "--cov", "cluster", "--groups", "clinic"]) == 0
    err = capsys.readouterr().err
    assert "write one number" not in err and "differ only by white space" in err, err


def test_a_reference_given_to_na_values_is_told_so(tmp_path, capsys):
    # was "--ref 'lo' is not a level of outcome 'y'; levels are hi, mid (on the ... rows
    # kept: ... dropped for missing values in y ...)", which did not say why
    path = _write(tmp_path / "d.csv")
    assert main(["fit", str(path), "y ~ x", "--na-values", "lo", "--ref", "lo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mnlogit: error: --ref 'lo' is among --na-values, which read its")
    assert "leave it out of --na-values, or name another reference" in err
