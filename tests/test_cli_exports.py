"""What the command line's exported tables say once opened elsewhere (a spreadsheet reading
the CSV), and what a table of one method's fits tells its reader; run in process."""

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main


def _data(path: Path) -> Path:
    rng = np.random.default_rng(11)
    n = 300
    x = np.round(rng.normal(size=n), 3)
    z = np.round(rng.normal(size=n), 3)
    y = np.where(x + rng.normal(size=n) > 0.5, "b", np.where(z > 0.3, "c", "a"))
    pd.DataFrame({"y": y, "x": x, "z": z}).to_csv(path, index=False)
    return path


def test_standard_errors_in_the_compare_csv_are_not_negative_numbers_to_a_spreadsheet(
    tmp_path, capsys
):
    # '(0.1233)' is accounting notation for -0.1233 in Excel and LibreOffice: every standard
    # error of the default --se parentheses opened as a negative number
    data = _data(tmp_path / "d.csv")
    out = tmp_path / "t.csv"
    assert main(["compare", str(data), "y ~ x", "y ~ x + z", "--csv", str(out)]) == 0
    cells = [c for row in csv.reader(out.open(encoding="utf-8")) for c in row[1:]]
    spread = [c for c in cells if "(" in c]  # the models' names, (1) and (2), too
    assert spread and all(c.startswith("'(") for c in spread), spread
    shown = capsys.readouterr().out
    for c in spread:  # the number itself is the one printed
        assert c[1:] in shown
    assert not any(re.fullmatch(r"\(\s*[\d.]+\s*\)", c) for c in cells)
    # brackets and intervals are no numbers to a spreadsheet: written as shown
    assert (
        main(["compare", str(data), "y ~ x", "y ~ x + z", "--se", "brackets", "--csv", str(out)])
        == 0
    )
    body = list(csv.reader(out.open(encoding="utf-8")))[1:]
    assert not any(c.startswith("'") for row in body for c in row[1:])


def test_a_table_of_firth_fits_alone_says_they_are_bias_reduced(tmp_path, capsys):
    # the method was named only when the fits differed in it: a table of Firth fits read
    # as maximum-likelihood estimates, in its text, LaTeX and CSV alike
    data = _data(tmp_path / "d.csv")
    tex, out = tmp_path / "t.tex", tmp_path / "t.csv"
    argv = ["compare", str(data), "y ~ x", "y ~ x + z", "--method", "firth"]
    assert main([*argv, "--latex", str(tex), "--csv", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "bias-reduced (Firth)" in shown
    assert "Firth" in tex.read_text(encoding="utf-8") and "Firth" in out.read_text(encoding="utf-8")
    assert main(["compare", str(data), "y ~ x", "y ~ x + z"]) == 0
    assert "Method" not in capsys.readouterr().out  # maximum likelihood alone: no such row


def test_labels_a_spreadsheet_would_show_as_other_numbers_keep_their_text(tmp_path):
    # the command line fits "0", "00" and "1.0" apart (levels as written), but opened in a
    # spreadsheet the CSV showed "0" and "00" both as 0, "1.0" as 1: two equations, one label
    rng = np.random.default_rng(2)
    n = 240
    y = rng.choice(["0", "00", "1.0", "2"], n)
    x = np.round(rng.normal(size=n) + (y == "00"), 3)
    path = tmp_path / "d.csv"
    pd.DataFrame({"y": y, "x": x}).to_csv(path, index=False)
    out = tmp_path / "t.csv"
    assert main(["fit", str(path), "y ~ x", "--ref", "2", "--csv", str(out)]) == 0
    back = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(back["outcome"]) == {"0", "'00", "'1.0"}  # "0" shows as written: left alone


def test_the_csv_of_other_intervals_than_95_percent_is_said_to_hold_them(tmp_path, capsys):
    # the file's columns are lower and upper whatever --alpha is; the run said nothing of it
    data = _data(tmp_path / "d.csv")
    out = tmp_path / "t.csv"
    assert main(["fit", str(data), "y ~ x", "--alpha", "0.1", "--csv", str(out)]) == 0
    assert f"Wrote the coefficient table to {out} (90% intervals)" in capsys.readouterr().out
    assert main(["fit", str(data), "y ~ x", "--csv", str(out)]) == 0
    assert f"Wrote the coefficient table to {out}\n" in capsys.readouterr().out


def test_an_output_naming_a_folder_is_refused_with_a_file_name_in_it(tmp_path, capsys):
    # 'out/' (not there yet) was "cannot be written: Is a directory"
    data = _data(tmp_path / "d.csv")
    (tmp_path / "there").mkdir()
    for flag, out, example in (
        ("--csv", tmp_path / "new", "table.csv"),
        ("--latex", tmp_path / "there", "table.tex"),
    ):
        for name in (f"{out}/", str(out)) if out.exists() else (f"{out}/",):
            assert main(["fit", str(data), "y ~ x", flag, name]) == 2
            out_, err = capsys.readouterr()
            assert out_ == "" and err.count("\n") == 1
            assert f"{flag} {name!r} names a folder; give a file name" in err
            assert err.rstrip().endswith(f"/{example}")
    assert not (tmp_path / "new").exists()


def test_a_csv_output_named_tsv_is_written_with_tabs(tmp_path, capsys):
    # '--csv coef.tsv' wrote commas (pandas' to_csv whatever the name), which read.delim,
    # read_tsv and a spreadsheet opening a .tsv read as one column per line; the command
    # line reads a .tsv data file with tabs
    data = _data(tmp_path / "d.csv")
    frame = pd.read_csv(data)
    frame["y"] = frame["y"].map({"a": "a,1", "b": "b\tx", "c": "c"})  # cells to be quoted
    frame.to_csv(data, index=False)
    fitted = ["fit", str(data), "y ~ x + z", "--ref", "c"]
    assert main([*fitted, "--csv", str(tmp_path / "coef.csv")]) == 0
    assert main([*fitted, "--csv", str(tmp_path / "coef.tsv")]) == 0
    assert "Wrote the coefficient table to" in capsys.readouterr().out
    assert main([*fitted, "--csv", str(tmp_path / "coef.TAB.gz")]) == 0
    assert "coef.TAB.gz (tab-separated, as its name says)" in capsys.readouterr().out
    commas = pd.read_csv(tmp_path / "coef.csv")
    assert commas.shape == (6, 12) and set(commas["outcome"]) == {"a,1", "b\tx"}
    for name in ("coef.tsv", "coef.TAB.gz"):
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / name, sep="\t"), commas)
    compared = ["compare", str(data), "y ~ x", "y ~ x + z", "--ref", "c", "--csv"]
    assert main([*compared, str(tmp_path / "t.csv")]) == 0
    assert main([*compared, str(tmp_path / "t.tsv")]) == 0
    assert "t.tsv (tab-separated, as its name says)" in capsys.readouterr().out
    tabs = (tmp_path / "t.tsv").read_text(encoding="utf-8")
    assert tabs.splitlines()[0] == "outcome\tterm\tstatistic\t'(1)\t'(2)"
    pd.testing.assert_frame_equal(
        pd.read_csv(tmp_path / "t.tsv", sep="\t", dtype=str),
        pd.read_csv(tmp_path / "t.csv", dtype=str),
    )


def test_a_tab_separated_cell_holding_a_carriage_return_stays_in_its_row():
    from mnlogit._cli_outputs import delimited

    text = delimited('term,(1)\n"a\rb",0.5\nc,1\n', "t.tsv")
    read = pd.read_csv(io.StringIO(text), sep="\t")
    assert read.shape == (2, 2) and read["term"].tolist() == ["a\rb", "c"]
    assert read["(1)"].tolist() == [0.5, 1.0]


@pytest.mark.parametrize(
    ("flag", "name", "said"),
    [
        ("--csv", "coef.xlsx", "names an Excel workbook, and --csv writes CSV text"),
        ("--csv", "coef.xlsx.gz", "names an Excel workbook"),
        ("--csv", "coef.tex", "names a LaTeX file"),
        ("--csv", "coef.json", "names a JSON file"),
        ("--latex", "coef.pdf", "names a PDF document, and --latex writes LaTeX source"),
        ("--latex", "coef.csv", "names a CSV file (--csv writes one)"),
        ("--latex", "coef.docx", "names a Word document"),
        ("--latex", "coef.md", "names a Markdown file, and --latex writes LaTeX source"),
        ("--csv", "coef.markdown", "names a Markdown file"),
    ],
)
def test_an_output_named_as_another_format_is_refused_before_the_fit(
    tmp_path, capsys, flag, name, said
):
    # '--csv coef.xlsx' wrote CSV text that Excel refuses to open, and said "Wrote the
    # coefficient table to coef.xlsx"; '--latex coef.pdf' a PDF viewer cannot open
    data = _data(tmp_path / "d.csv")
    assert main(["fit", str(data), "y ~ x", flag, str(tmp_path / name)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and said in err, err
    assert not (tmp_path / name).exists()
    assert main(["compare", str(data), "y ~ x", "y ~ x + z", flag, str(tmp_path / name)]) == 2
    assert said in capsys.readouterr().err


@pytest.mark.parametrize("name", ["coef.txt", "coef.dat", "coef", "coef.CSV.gz"])
def test_an_output_named_as_text_is_written(tmp_path, capsys, name):
    data = _data(tmp_path / "d.csv")
    assert main(["fit", str(data), "y ~ x", "--csv", str(tmp_path / name)]) == 0
    assert (tmp_path / name).exists()


def test_a_csv_of_a_separated_firth_fit_is_said_to_hold_unreliable_wald_cells(tmp_path, capsys):
    # the summary printed beside it says so, and to_latex carries the note; the CSV file
    # held the Wald z, p-values and intervals of the separated coefficients without a word
    out = tmp_path / "firth.csv"
    argv = ["fit", "--dataset", "risk", "risk ~ age + income", "--ref", "low"]
    assert main([*argv, "--method", "firth", "--csv", str(out)]) == 0
    said = capsys.readouterr().out
    assert "(the CSV file's z statistics, p-values and intervals" in said
    assert "finite only through Firth's penalty are Wald's, unreliable there" in said
    assert pd.read_csv(out)["pvalue"].notna().all()  # the cells themselves are kept
    # a Firth fit of data that are not separated, and its LaTeX alone, get no such note
    travel = ["fit", "--dataset", "travel", "mode ~ age", "--ref", "car", "--method", "firth"]
    assert main([*travel, "--csv", str(tmp_path / "travel.csv")]) == 0
    assert main([*argv, "--method", "firth", "--latex", str(tmp_path / "f.tex")]) == 0
    assert "the CSV file's" not in capsys.readouterr().out
