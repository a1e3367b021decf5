"""The command line on messy data files: labels written with grouped digits, comment lines,
odd column names, byte-order marks and line ends, missing-value text, outputs that cannot be
written. Each fit is checked against the same file read by pandas and fitted in Python."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_cli_files import _main, _one_line_error

import mnlogit


def _estimates(path: Path) -> np.ndarray:
    return pd.read_csv(path)["estimate"].to_numpy()


def _grouped(value: float, thousands: str, decimal: str) -> str:
    whole, _, frac = f"{value:,}".partition(".")
    return whole.replace(",", thousands) + (decimal + frac if frac else "")


@pytest.mark.parametrize(
    ("values", "thousands", "decimal", "sep"),
    [
        ([900, 1200, 15000], ",", ".", ","),
        ([-1500, 2.5, 1200.5], ",", ".", ","),
        ([900, 1200.5, 15000], ".", ",", ";"),
        ([900, 1200, 15000], " ", ".", ","),
    ],
)
def test_grouped_thousands_labels_are_levels_in_number_order(
    tmp_path, capsys, values, thousands, decimal, sep
):
    # with --thousands ',' the labels "900" and "1,200" sorted as text, "1,200" first: the
    # default reference and the equations' order were not those of the same file read by
    # pandas with thousands=',' and fitted in Python
    rng = np.random.default_rng(11)
    n = 450
    y = np.array(values, dtype=object)[rng.integers(len(values), size=n)]
    x = np.round(rng.normal(size=n) + (y == values[1]), 3)
    written = [_grouped(v, thousands, decimal) for v in y]
    frame = pd.DataFrame({"y": written, "x": x})
    frame.to_csv(tmp_path / "d.csv", index=False, sep=sep, decimal=decimal)
    options = ["--thousands", thousands, "--decimal", decimal, "--sep", sep]
    argv = ("fit", tmp_path / "d.csv", "y ~ x", *options, "--csv", tmp_path / "t.csv")
    status, out, err = _main(capsys, *argv)
    assert status == 0, err
    labels = [_grouped(v, thousands, decimal) for v in sorted(values)]
    # a label holding a comma is quoted, or '900, 1,200, 15,000' reads as five levels
    shown = [repr(label) if "," in label else label for label in labels]
    assert f"3 levels: {', '.join(shown)}\n" in out
    assert f"Reference  {labels[0]}\n" in out
    df = pd.read_csv(tmp_path / "d.csv", sep=sep, thousands=thousands, decimal=decimal)
    assert df["y"].dtype.kind in "if"
    expected = mnlogit.fit("y ~ x", df).to_frame()["estimate"].to_numpy()
    np.testing.assert_allclose(_estimates(tmp_path / "t.csv"), expected, rtol=1e-9)
    status, out, err = _main(
        capsys, "fit", tmp_path / "d.csv", "y ~ x", *options, "--ref", labels[2]
    )
    assert status == 0 and f"Reference  {labels[2]}\n" in out, err


def test_grouped_thousands_codes_in_c_and_clusters_sort_as_numbers(tmp_path, capsys):
    # as text, "1,100" sorted before "800" and was the baseline level of C(k)
    rng = np.random.default_rng(12)
    n = 400
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b"], n),
            "k": rng.choice([800, 1100, 2500], n),
            "g": rng.choice([5, 900, 1200, 3000, 10000, 12000], n),
        }
    )
    grouped = df.assign(k=df["k"].map("{:,}".format), g=df["g"].map("{:,}".format))
    grouped.to_csv(tmp_path / "d.csv", index=False)
    argv = ("fit", tmp_path / "d.csv", "y ~ C(k)", "--cov", "cluster", "--groups", "g")
    status, out, err = _main(capsys, *argv, "--thousands", ",", "--csv", tmp_path / "t.csv")
    assert status == 0, err
    assert "C(k)[T.1,100]" in out and "C(k)[T.2,500]" in out and "C(k)[T.800]" not in out
    assert "cluster-robust (6 clusters)" in out
    res = mnlogit.fit("y ~ C(k)", df, cov_type="cluster", groups="g")
    table = pd.read_csv(tmp_path / "t.csv")
    np.testing.assert_allclose(table["estimate"], res.to_frame()["estimate"], rtol=1e-9)
    np.testing.assert_allclose(table["std_error"], res.to_frame()["std_error"], rtol=1e-9)


def test_labels_the_thousands_separator_does_not_group_stay_text(tmp_path, capsys):
    # "1,5" with --thousands ',' groups no thousands: no number, so the labels keep the
    # order of their texts (and "1200" beside "1,200" are two labels, as written)
    for levels in (["900", "1,5", "1,200"], ["1200", "1,200", "900"]):
        rng = np.random.default_rng(13)
        y = np.array(levels)[rng.integers(3, size=300)]
        df = pd.DataFrame({"y": y, "x": np.round(rng.normal(size=300), 3)})
        df.to_csv(tmp_path / "d.csv", index=False)
        status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--thousands", ",")
        assert status == 0, err
        shown = [repr(label) if "," in label else label for label in sorted(levels)]
        assert f"3 levels: {', '.join(shown)}\n" in out


def _comment_file(path: Path, before: str, ending: str = "\n") -> pd.DataFrame:
    rng = np.random.default_rng(14)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 150), "x": rng.integers(0, 9, 150)})
    path.write_bytes((before + df.to_csv(index=False, lineterminator=ending)).encode("utf-8"))
    return df


@pytest.mark.parametrize(
    ("before", "skip"),
    [
        ("# exported 2024-01-01\n", 1),
        ("# exported 2024-01-01, by me\n", 1),  # a delimiter in the comment
        ("# exported\n# by me\n", 2),  # rows had more fields than the header
        ("# exported\n\n", 2),
        ("\ufeff# exported\r\n", 1),
        ("sep=,\n# exported\n", 2),
    ],
)
def test_a_comment_line_before_the_header_is_named_with_the_lines_to_skip(
    tmp_path, capsys, before, skip
):
    # was "column 'y' is not in the data (columns: # exported 2024-01-01)", or "line 3 has 3
    # fields where the header has 1; quote the fields that hold the delimiter"
    ending = "\r\n" if "\r" in before else "\n"
    df = _comment_file(tmp_path / "d.csv", before, ending)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    _one_line_error(status, out, err, "is a comment, read as the header", f"--skip {skip} ")
    assert f"line {skip + 1}, 'y,x'," in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--skip", skip)
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"
    # as pandas reads the file told to skip those lines
    read = pd.read_csv(tmp_path / "d.csv", skiprows=skip)
    pd.testing.assert_frame_equal(read, df)


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_comment_lines_of_a_pipe_or_compressed_file_are_named_too(tmp_path, capsys, command):
    import gzip

    df = _comment_file(tmp_path / "d.csv", "# exported\n")
    (tmp_path / "d.csv.gz").write_bytes(gzip.compress((tmp_path / "d.csv").read_bytes()))
    formulas = ["y ~ x"] if command == "fit" else ["y ~ 1", "y ~ x"]
    status, out, err = _main(capsys, command, tmp_path / "d.csv.gz", *formulas)
    _one_line_error(status, out, err, "'# exported', is a comment", "--skip 1 ")
    status, out, err = _main(capsys, command, tmp_path / "d.csv.gz", *formulas, "--skip", "1")
    assert status == 0, err
    if command == "fit":
        assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


@pytest.mark.parametrize("sep", [",", "|", "||"])
def test_a_header_written_as_a_comment_says_to_remove_the_mark(tmp_path, capsys, sep):
    # numpy.savetxt(..., header="y,x", delimiter=",") writes '# y,x'
    rng = np.random.default_rng(15)
    data = np.column_stack([rng.integers(0, 3, 100), rng.normal(size=100)])
    np.savetxt(tmp_path / "d.csv", data, delimiter=sep, header=f"y{sep}x")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--sep", sep)
    _one_line_error(status, out, err, f"'# y{sep}x', is the header", "remove the '# '")


def test_a_file_of_only_comments_is_named(tmp_path, capsys):
    (tmp_path / "d.csv").write_text("# exported\n# nothing\n", encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    _one_line_error(status, out, err, "lines are comments or empty", "--skip N")


def test_a_first_column_named_with_a_hash_is_read(tmp_path, capsys):
    # as bioinformatics files name it ('#chrom'): a name, not a comment
    df = _comment_file(tmp_path / "d.csv", "")
    df.rename(columns={"x": "#x"}).to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ `#x`")
    assert status == 0, err
    res = mnlogit.fit("y ~ `#x`", df.rename(columns={"x": "#x"}))
    assert out == str(res.summary()) + "\n"


def test_skip_is_a_data_files_option(capsys):
    status, out, err = _main(capsys, "fit", "--dataset", "risk", "risk ~ age", "--skip", "1")
    _one_line_error(status, out, err, "--skip applies to a data file")


@pytest.mark.parametrize("where", ["middle", "end"])
def test_a_comment_line_among_the_data_is_refused_not_read_as_a_row(tmp_path, capsys, where):
    # was an outcome level '# second half' of its own (in 'y ~ 1'), or a row dropped for
    # its missing x with nothing said of why
    df = _comment_file(tmp_path / "d.csv", "")
    lines = (tmp_path / "d.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    at = 60 if where == "middle" else len(lines)
    lines.insert(at, "# second half\n")
    (tmp_path / "d.csv").write_text("".join(lines), encoding="utf-8")
    for formula in ("y ~ 1", "y ~ x"):
        status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula)
        _one_line_error(status, out, err, f"data row {at} is '# second half' alone", "grep -v")
    # the same file with its columns the other way round: x was text, refused as numbers
    # with the text '# second half' to read as missing
    df[["x", "y"]].to_csv(tmp_path / "d.csv", index=False)
    with open(tmp_path / "d.csv", "a", encoding="utf-8") as f:
        f.write("# end\n")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    _one_line_error(status, out, err, f"data row {len(df) + 1} is '# end' alone")


@pytest.mark.parametrize("blank", ["  ", " ", "\u00a0"])
def test_the_na_values_advised_for_blank_cells_read_them(tmp_path, capsys, blank):
    # the message was made one line by joining its words, so a cell of two spaces was quoted
    # as ' ' and the --na-values ' ' advised did not read it
    df = _comment_file(tmp_path / "d.csv", "")
    written = df.assign(x=df["x"].astype(object))
    written.loc[::9, "x"] = blank
    written.to_csv(tmp_path / "d.csv", index=False)
    err = _fits_with_the_advised_na_values(tmp_path / "d.csv", capsys, blank)
    assert f"the text {blank!r} (17 rows, the first data row 1)" in err
    # a no-break space as its escape, as --thousands advises it: between quotes it looked
    # like, and was typed as, a space
    word = "$'\\u00a0'" if blank == "\u00a0" else f"'{blank}'"
    assert err.split("--na-values ", 1)[1].split(";")[0] == word


def _fits_with_the_advised_na_values(path: Path, capsys, text: str) -> str:
    """The refusal of ``path`` naming ``text``; then the fit with ``--na-values text`` is
    that of the file read by pandas with ``na_values=[text]``."""
    status, out, err = _main(capsys, "fit", path, "y ~ x")
    _one_line_error(status, out, err, f"holds numbers and the text {text!r}", "--na-values")
    refusal = err
    status, out, err = _main(capsys, "fit", path, "y ~ x", "--na-values", text)
    assert status == 0, err
    read = pd.read_csv(path, na_values=[text], keep_default_na=False)
    assert out == str(mnlogit.fit("y ~ x", read).summary()) + "\n"
    return refusal


def test_columns_named_by_numbers_are_read_as_those_columns(tmp_path, capsys):
    # an outcome column named '1' was refused as "an expression, not a column name"
    rng = np.random.default_rng(16)
    df = pd.DataFrame({"1": rng.choice(["a", "b", "c"], 200), "2": rng.normal(size=200)})
    df["0"] = rng.choice(["u", "v"], 200)
    df.to_csv(tmp_path / "d.csv", index=False)
    for formula in ("`1` ~ `2`", "`0` ~ `1` + `2`"):
        status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula)
        assert status == 0, err
        assert out == str(mnlogit.fit(formula, df).summary()) + "\n"
    assert mnlogit.fit("`1` ~ `2`", df).outcomes == ("a", "b", "c")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "`1` ~ `1`")
    _one_line_error(status, out, err, "also appears among the predictors")


@pytest.mark.parametrize("flag", ["--decimal", "--thousands"])
@pytest.mark.parametrize("mark", ["x", "1", '"'])
def test_a_number_mark_that_is_no_mark_is_refused(tmp_path, capsys, flag, mark):
    # '--thousands 1' read '-1.341' as -.34; '--decimal x' was advised --thousands '.'
    _comment_file(tmp_path / "d.csv", "")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", flag, mark)
    _one_line_error(status, out, err, f"{flag} ", "expected the mark numbers are written with")


def test_decimal_points_beside_a_decimal_comma_are_not_read_as_thousands(tmp_path, capsys):
    # '-1.341' beside --decimal ',' was advised --thousands '.', which reads it as -1341
    rng = np.random.default_rng(17)
    df = pd.DataFrame({"y": rng.choice(["a", "b"], 200), "x": np.round(rng.normal(size=200), 3)})
    df.loc[0, "x"] = -1.341
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--decimal", ",")
    _one_line_error(status, out, err, "written with the decimal point '.'", "leave out --decimal")
    assert "--thousands" not in err


@pytest.mark.parametrize("sep", [";", "|", "\\t"])
def test_a_delimiter_given_that_splits_nothing_names_the_one_that_does(tmp_path, capsys, sep):
    # was "column 'y' is not in the data (columns: y,x)"
    _comment_file(tmp_path / "d.csv", "")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--sep", sep)
    _one_line_error(status, out, err, "reads as one column named 'y,x'", "pass --sep ','")


@pytest.mark.parametrize("flag", ["--csv", "--latex"])
def test_an_output_name_with_a_nul_is_refused_in_one_line(tmp_path, capsys, flag):
    _comment_file(tmp_path / "d.csv", "")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", flag, "t\x00.csv")
    _one_line_error(status, out, err, f"{flag}: expected a file name")


@pytest.mark.parametrize(("skip", "said"), [(3, "line 3 names it: pass --skip 2"), (1, "")])
def test_a_skip_past_the_header_names_the_line_that_is_the_header(tmp_path, capsys, skip, said):
    # was "column 'y' is not in the data (columns: a, 1)", a row of data read as the header
    _comment_file(tmp_path / "d.csv", "# exported\n# by me\n")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--skip", skip)
    if skip == 1:  # the second comment line is the header
        _one_line_error(status, out, err, "its line 2, '# by me', is a comment", "--skip 2 ")
    else:
        _one_line_error(status, out, err, f"with --skip {skip}, the header", said)


def test_a_skip_past_the_end_says_so(tmp_path, capsys):
    _comment_file(tmp_path / "d.csv", "")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--skip", "500")
    # was "is empty after the 500 lines --skip 500 leaves out", of a file of 151 lines
    _one_line_error(status, out, err, "d.csv' has 151 lines, and --skip 500 leaves out every")
    assert err.rstrip().endswith("(0 when the first line is the header)")
    (tmp_path / "b.csv").write_bytes((tmp_path / "d.csv").read_bytes()[:4] + b"\n\n\n")
    status, out, err = _main(capsys, "fit", tmp_path / "b.csv", "y ~ x", "--skip", "1")
    _one_line_error(status, out, err, "has only blank lines after the 1 that --skip 1 leaves out")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--skip", "1")
    _one_line_error(status, out, err, "with --skip 1, the header", "line 1 names it: leave out")


@pytest.mark.parametrize("text", ["NA", ".", "missing"])
def test_numbers_mostly_missing_as_text_get_the_na_values_to_read_them(tmp_path, capsys, text):
    # with fewer numbers than 'NA' cells, the note called 'NA' a level and the library then
    # refused the column with Python code to convert it
    rng = np.random.default_rng(18)
    y = rng.choice(["a", "b", "c"], 300)
    x = rng.integers(1, 4, 300).astype(object)
    x[rng.random(300) < 0.6] = text
    pd.DataFrame({"y": y, "x": x}).to_csv(tmp_path / "d.csv", index=False)
    _fits_with_the_advised_na_values(tmp_path / "d.csv", capsys, text)


def test_a_reference_written_without_the_grouping_of_its_level_is_pointed_to_it(tmp_path, capsys):
    # the levels were listed as '900, 1,200, 15,000', which reads as five levels, with no
    # word of why '1200' is none of them
    rng = np.random.default_rng(19)
    y = rng.choice(["900", "1,200", "15,000"], 300)
    pd.DataFrame({"y": y, "x": rng.normal(size=300)}).to_csv(tmp_path / "d.csv", index=False)
    argv = ("fit", tmp_path / "d.csv", "y ~ x", "--thousands", ",", "--ref", "1200")
    status, out, err = _main(capsys, *argv)
    _one_line_error(
        status,
        out,
        err,
        "levels are '900', '1,200', '15,000'",
        "'1200' and the level '1,200' differ only by the grouping of digits",
    )


def _quoted_file(path: Path, before: str, sep: str = ",") -> pd.DataFrame:
    """A file as R's write.csv writes it, every name and label quoted, after ``before``."""
    df = _comment_file(path, "")
    rows = [df.columns.tolist(), *df.astype(str).to_numpy().tolist()]
    written = "".join(sep.join(f'"{v}"' for v in row) + "\n" for row in rows)
    path.write_text(before + written, encoding="utf-8")
    return df


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_a_skip_past_a_quoted_header_names_the_line_that_is_the_header(tmp_path, capsys, sep):
    # a header quoted as R writes it ('"y","x"') was not found among the lines: the refusal
    # said only that the line read does not name 'y', not which --skip reads it
    df = _quoted_file(tmp_path / "d.csv", "# exported\n# by me\n", sep)
    argv = ("fit", tmp_path / "d.csv", "y ~ x", "--sep", sep)
    status, out, err = _main(capsys, *argv, "--skip", "3")
    _one_line_error(status, out, err, "with --skip 3, the header", "line 3 names it: pass --skip 2")
    status, out, err = _main(capsys, *argv, "--skip", "2")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"


@pytest.mark.parametrize("sep", [",", ";"])
def test_a_quoted_header_written_as_a_comment_says_to_remove_the_mark(tmp_path, capsys, sep):
    # '# "y","x"' was called a comment whose names do not include the outcome 'y'
    _quoted_file(tmp_path / "d.csv", "", sep)
    text = (tmp_path / "d.csv").read_text(encoding="utf-8")
    (tmp_path / "d.csv").write_text("# " + text, encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--sep", sep)
    _one_line_error(status, out, err, "is the header of column names written as a comment")


@pytest.mark.parametrize("cell", ["#N/A", "#DIV/0!", "#VALUE!", "#NAME?"])
def test_a_spreadsheet_error_value_among_the_data_is_no_comment_line(tmp_path, capsys, cell):
    # a row of '#N/A' and empty cells, as a spreadsheet exports it, was refused as a comment
    # line to delete; it is a row of missing values, which --na-values reads as such
    df = _comment_file(tmp_path / "d.csv", "")
    lines = (tmp_path / "d.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(40, f"{cell},\n")
    (tmp_path / "d.csv").write_text("".join(lines), encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert "comment" not in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--na-values", cell)
    assert status == 0, err
    read = pd.read_csv(tmp_path / "d.csv", keep_default_na=False, na_values=["", cell])
    assert read["y"].isna().sum() == 1 and read["y"].notna().sum() == len(df)
    assert out == str(mnlogit.fit("y ~ x", read).summary()) + "\n"


def test_a_skip_to_a_header_with_spaced_names_does_not_advise_the_same_skip(tmp_path, capsys):
    # ' y , x' does not name y as pandas reads it: the refusal of --skip 2 pointed to line 2
    # as the one that names it, and that of --skip 1 advised --skip 1
    _comment_file(tmp_path / "d.csv", "")
    text = (tmp_path / "d.csv").read_text(encoding="utf-8").replace("y,x", " y , x", 1)
    (tmp_path / "d.csv").write_text("# exported\n" + text, encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--skip", "1")
    _one_line_error(status, out, err, "' y ' differs from it only by white space")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--skip", "2")
    _one_line_error(status, out, err, "with --skip 2, the header")
    assert "names it" not in err


def test_a_header_named_with_a_hash_is_not_called_a_comment_for_a_misspelt_outcome(
    tmp_path, capsys
):
    # with 'yy' for 'y' the header '#x,y' was called a comment, and the first row of data
    # offered as the header (--skip 1)
    df = _comment_file(tmp_path / "d.csv", "")
    df.rename(columns={"x": "#x"})[["#x", "y"]].to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "yy ~ `#x`")
    _one_line_error(status, out, err, "'yy'")
    assert "comment" not in err and "--skip" not in err


def test_numbers_with_several_texts_for_missing_get_the_na_values_that_read_them(tmp_path, capsys):
    # past three texts, the refusal was the library's, advising pd.to_numeric in Python
    df = _comment_file(tmp_path / "d.csv", "")
    written = df.assign(x=df["x"].astype(object))
    texts = ["?", "n/a", "-", "missing", "NULL"]
    for k, text in enumerate(texts):
        written.loc[3 + 7 * k, "x"] = text
    written.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    _one_line_error(status, out, err, "--na-values '?' n/a - missing NULL;")
    assert "pd.to_numeric" not in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--na-values", *texts)
    assert status == 0, err
    read = pd.read_csv(tmp_path / "d.csv", na_values=texts, keep_default_na=False)
    assert out == str(mnlogit.fit("y ~ x", read).summary()) + "\n"


@pytest.mark.parametrize(
    ("header", "formula", "advice", "followed"),
    [
        ("y, x ,z", "y ~ x + z", "name it as written, ` x `", "y ~ ` x ` + z"),
        (" y ,x,z", "y ~ x + z", "name it as written, ` y `", "` y ` ~ x + z"),
        ("y,X,z", "y ~ x + z", "name it as written, X", "y ~ X + z"),
    ],
)
def test_a_header_name_with_spaces_or_another_case_is_told_how_to_name_it(
    tmp_path, capsys, header, formula, advice, followed
):
    # the refusal said "the column ' x ' differs from it only by white space", and not how
    # a formula names such a column (in backticks)
    rng = np.random.default_rng(12)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 90), "x": rng.normal(size=90)})
    df["z"] = np.round(rng.normal(size=90), 3)
    text = df.to_csv(index=False).replace("y,x,z", header, 1)
    (tmp_path / "d.csv").write_text(text, encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula)
    _one_line_error(status, out, err, advice)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", followed)
    assert status == 0, err
    read = pd.read_csv(tmp_path / "d.csv")
    assert out == str(mnlogit.fit(followed, read).summary()) + "\n"


def test_a_role_named_with_spaces_is_not_told_to_use_backticks():
    df = pd.DataFrame({"y": ["a", "b", "c"] * 10, "x": np.arange(30.0), " w ": 1})
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError) as told:
        mnlogit.fit("y ~ x", df, weights="w")
    assert "the column ' w ' differs from it only by white space (columns" in str(told.value)


def test_a_second_byte_order_mark_is_refused_with_how_to_remove_it(tmp_path, capsys):
    # pandas reads one mark; the second was part of the first name, and the refusal of the
    # formula's y asked "did you mean '\ufeffy'?", an invisible character
    rng = np.random.default_rng(13)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 60), "x": np.round(rng.normal(size=60), 3)})
    path = tmp_path / "d.csv"
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + df.to_csv(index=False).encode())
    status, out, err = _main(capsys, "fit", path, "y ~ x")
    _one_line_error(status, out, err, "starts with a second byte-order mark (U+FEFF)")
    assert "sed -i '1s/^\\xEF\\xBB\\xBF//' FILE" in err
    path.write_bytes(path.read_bytes()[3:])  # what the sed does
    status, out, err = _main(capsys, "fit", path, "y ~ x")
    assert status == 0 and out == str(mnlogit.fit("y ~ x", df).summary()) + "\n", err


@pytest.mark.parametrize("codes", [["a", "b", "c"], ["1", "2", "3"]])
def test_a_file_without_a_header_is_told_to_have_one(tmp_path, capsys, codes):
    # was "column 'y' is not in the data (columns: c, 1.257, -61.4)": its first row of
    # data read as the names (R's write.table(col.names=FALSE), Stata's outsheet, nonames)
    rng = np.random.default_rng(14)
    df = pd.DataFrame({"y": rng.choice(codes, 60), "x": np.round(rng.normal(size=60), 3)})
    df.to_csv(tmp_path / "d.csv", index=False, header=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    first = (tmp_path / "d.csv").read_text(encoding="utf-8").splitlines()[0]
    _one_line_error(status, out, err, f"its first line, {first!r}, is read as the header")
    assert "the file has no header; add a first line naming the columns" in err


def test_a_header_naming_columns_by_numbers_is_a_header(tmp_path, capsys):
    rng = np.random.default_rng(15)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 60), "2020": rng.normal(size=60)})
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "outcome ~ `2020`")
    _one_line_error(status, out, err, "column 'outcome' is not in the data")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ `2020`")
    assert status == 0, err


def test_a_header_name_with_a_no_break_space_is_advised_a_rename_in_the_file(tmp_path, capsys):
    df = _comment_file(tmp_path / "d.csv", "")
    df.rename(columns={"x": "x\u00a0"}).to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    # was "name it as written, `x `", whose space, typed, is no no-break space
    _one_line_error(status, out, err, "only by white space, a no-break space (U+00A0), which a")
    assert "rename it first in the file's header (e.g. to 'x')" in err
