"""The command line on the data files people have: empty, not UTF-8, another delimiter,
numbers written with a thousands separator or a decimal comma, outputs into a folder that
does not exist, and compare's outputs over its own data file."""

import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _data(path: Path, sep: str = ",", **format_numbers) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 300
    y = rng.choice(["a", "b", "c"], n)
    income = np.round(rng.uniform(500, 5000, n) + 400 * (y == "b"), 1)
    df = pd.DataFrame({"y": y, "income": income, "x": np.round(rng.normal(size=n), 3)})
    path.write_text(df.to_csv(index=False, sep=sep, **format_numbers), encoding="utf-8")
    return df


def _main(capsys, *argv):
    status = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def _one_line_error(status, out, err, *fragments):
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert err.startswith("mnlogit: error: ") and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def test_an_empty_file_is_named_not_a_pandas_message(tmp_path, capsys):
    (tmp_path / "d.csv").write_text("")
    _one_line_error(*_main(capsys, "fit", tmp_path / "d.csv", "y ~ x"), "is empty")


def test_a_file_that_is_not_utf8_says_so(tmp_path, capsys):
    (tmp_path / "d.csv").write_bytes("y,x\nb\xe9,1\n".encode("latin-1"))
    _one_line_error(*_main(capsys, "fit", tmp_path / "d.csv", "y ~ x"), "is not UTF-8 text", "0xe9")


@pytest.mark.parametrize(
    ("sep", "shown", "named"), [(";", ";", "';'"), ("\t", "\\t", "tabs"), ("|", "|", "'|'")]
)
def test_a_file_read_as_one_column_suggests_its_delimiter(tmp_path, capsys, sep, shown, named):
    _data(tmp_path / "d.txt", sep=sep)
    # was: "column 'y' is not in the data (columns: y;income;x)"; a tab was named '\\t'
    status, out, err = _main(capsys, "fit", tmp_path / "d.txt", "y ~ x")
    _one_line_error(status, out, err, f"separated by {named}; pass --sep '{shown}'")


@pytest.mark.parametrize(
    ("options", "flag"),
    [({"float_format": lambda v: f"{v:,.1f}"}, "--thousands"), ({"decimal": ","}, "--decimal")],
)
def test_numbers_with_a_comma_get_the_reading_option_not_na_values(tmp_path, capsys, options, flag):
    sep = ";" if flag == "--decimal" else ","
    df = _data(tmp_path / "d.csv", sep=sep, **options)
    fmt = ["--sep", ";"] if sep == ";" else []
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ income", *fmt)
    # was the advice to read '1,200.5' as a missing value with --na-values
    _one_line_error(status, out, err, "column 'income'", f"{flag} ','")
    assert "--na-values" not in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ income", *fmt, flag, ",")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ income", df).summary()) + "\n"


def test_number_format_options_are_checked(tmp_path, capsys):
    _data(tmp_path / "d.csv")
    _one_line_error(
        *_main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--decimal", ",,"), "one character"
    )
    _one_line_error(
        *_main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--thousands", "."),
        "--thousands and --decimal are both '.'",
    )
    _one_line_error(
        *_main(capsys, "fit", "--dataset", "risk", "risk ~ age", "--thousands", ","),
        "--thousands applies to a data file",
    )


@pytest.mark.parametrize("flag", ["--csv", "--latex"])
def test_an_output_into_a_missing_folder_is_refused_before_the_fit(tmp_path, capsys, flag):
    _data(tmp_path / "d.csv")
    out = tmp_path / "no such folder" / "t.out"
    # was the summary, then pandas' "Cannot save file into a non-existent directory"
    _one_line_error(*_main(capsys, "fit", tmp_path / "d.csv", "y ~ x", flag, out), "does not exist")


@pytest.mark.parametrize("flag", ["--csv", "--latex"])
def test_compare_never_overwrites_its_data_file(tmp_path, capsys, flag):
    _data(tmp_path / "d.csv")
    before = (tmp_path / "d.csv").read_bytes()
    status, out, err = _main(
        capsys, "compare", tmp_path / "d.csv", "y ~ x", "y ~ x + income", flag, tmp_path / "d.csv"
    )
    _one_line_error(status, out, err, "is the data file being read")
    assert (tmp_path / "d.csv").read_bytes() == before


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_a_header_that_names_a_column_twice_is_refused(tmp_path, capsys, bom):
    # pandas reads the second 'x' as 'x.1', and the formula's x was silently the first one
    df = _data(tmp_path / "d.csv")
    text = df.assign(x2=df["x"] * 2).to_csv(index=False).replace(",x2", ",x", 1)
    (tmp_path / "d.csv").write_text(bom + text, encoding="utf-8")
    _one_line_error(
        *_main(capsys, "fit", tmp_path / "d.csv", "y ~ x"), "'x' more than once", "rename"
    )


@pytest.mark.parametrize(
    ("formula", "options"),
    [
        ("y ~ x + note", []),
        ("y ~ x + note.1", []),  # pandas' name for the second 'note'
        ("y ~ x + C(`note`)", []),
        ("y ~ x", ["--cov", "cluster", "--groups", "note"]),
    ],
)
def test_a_name_repeated_in_the_header_is_refused_only_when_used(
    tmp_path, capsys, formula, options
):
    # two 'note' columns no formula names (a survey export's) were refused, with advice
    # to rename them so that 'the formula names one column each'
    df = _data(tmp_path / "plain.csv")
    lines = df.to_csv(index=False).splitlines()
    text = "".join(f"{line},{'note,note' if k == 0 else 'u,v'}\n" for k, line in enumerate(lines))
    (tmp_path / "d.csv").write_text(text, encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula, *options)
    _one_line_error(status, out, err, "the header names column(s) 'note' more than once")


def test_a_delimiter_of_several_characters_reads_without_pandas_warnings(tmp_path, capsys):
    df = _data(tmp_path / "d.csv")
    (tmp_path / "d.csv").write_text(df.to_csv(index=False).replace(",", "::"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ income", "--sep", "::")
    assert status == 0 and err == "" and "income" in out


@pytest.mark.parametrize("options", [["--cov", "robust"], ["--method", "firth"]])
def test_iia_beside_a_covariance_or_method_it_cannot_use_is_refused_before_the_fit(
    tmp_path, capsys, options
):
    # the summary printed, then a refusal that pointed to method='suest', which the
    # command line cannot ask for
    _data(tmp_path / "d.csv")
    _one_line_error(
        *_main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--iia", *options),
        "--iia prints Hausman-McFadden tests",
        f"{options[0]} {options[1]}",
    )


@pytest.mark.parametrize(("sep", "said"), [(",", "--sep"), ("||", "delimiter of one character")])
def test_a_row_with_more_fields_than_the_header_names_its_line(tmp_path, capsys, sep, said):
    # with a --sep of several characters, pandas' python parser counts the file's lines,
    # and the csv reader that found the line took one character: a TypeError traceback
    df = _data(tmp_path / "d.csv", sep="|")
    text = (tmp_path / "d.csv").read_text(encoding="utf-8") + "a|1|2|3\n"
    (tmp_path / "d.csv").write_text(text.replace("|", sep), encoding="utf-8")
    options = ["--sep", sep] if sep != "," else []
    _one_line_error(
        *_main(capsys, "fit", tmp_path / "d.csv", "y ~ x", *options),
        f"line {len(df) + 2} has 4 fields where the header has 3",
        said,
    )


@pytest.mark.parametrize("quoted", ["header", "x"])
def test_quoted_fields_beside_a_delimiter_of_several_characters_are_refused(
    tmp_path, capsys, quoted
):
    # pandas' python parser reads no quotes: a quoted header was refused as 'y' missing
    # from columns named '"y"', and a column of numbers written '"0.5"' was fitted as a
    # factor with a level per value, with nothing said
    df = _data(tmp_path / "d.csv")
    header = ",".join(f'"{c}"' if quoted == "header" else c for c in df.columns)
    rows = [f'{y},{i},"{x}"' if quoted == "x" else f"{y},{i},{x}" for y, i, x in df.values]
    text = "\n".join([header, *rows, ""]).replace(",", "||")
    (tmp_path / "d.csv").write_text(text, encoding="utf-8")
    _one_line_error(
        *_main(capsys, "fit", tmp_path / "d.csv", "y ~ income + x", "--sep", "||"),
        "its header names '\"y\"'" if quoted == "header" else "column 'x' holds '\"",
        "quotes and all",
        "reads no quotes",
    )


@pytest.mark.parametrize("sep", [",", "||"])
def test_a_first_row_with_a_field_more_than_the_header_and_rows_without_it_are_refused(
    tmp_path, capsys, sep
):
    # pandas took the first row's extra field for row names: every row was read shifted,
    # 'y ~ 1' fitted the income column as the outcome, and x held the one extra value
    _data(tmp_path / "d.csv")
    lines = (tmp_path / "d.csv").read_text(encoding="utf-8").replace(",", sep).splitlines()
    lines[1] += f"{sep}7"  # one unquoted delimiter too many
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = ["--sep", sep] if sep != "," else []
    _one_line_error(
        *_main(capsys, "fit", tmp_path / "d.csv", "y ~ 1", *options),
        "line 2 has 4 fields where the header has 3, but line 3 has 3",
        "remove the extra field from line 2",
    )


def test_row_names_in_every_row_are_read_as_pandas_reads_them(tmp_path, capsys):
    # as R's write.table writes them, without a name in the header: not refused
    df = _data(tmp_path / "d.csv")
    body = df.set_axis([f"r{k}" for k in range(len(df))]).to_csv().split("\n", 1)[1]
    (tmp_path / "r.csv").write_text("y,income,x\n" + body, encoding="utf-8")
    out = tmp_path / "coef.csv"
    status, _, err = _main(capsys, "fit", tmp_path / "r.csv", "y ~ income", "--csv", out)
    assert status == 0, err
    want = mnlogit.fit("y ~ income", df).to_frame()["estimate"].to_numpy()
    np.testing.assert_allclose(pd.read_csv(out)["estimate"], want, rtol=1e-10)


def test_a_header_name_with_white_space_around_it_is_pointed_out(tmp_path, capsys):
    df = _data(tmp_path / "d.csv")
    (tmp_path / "d.csv").write_text(
        df.rename(columns={"y": " y "}).to_csv(index=False), encoding="utf-8"
    )
    _one_line_error(
        *_main(capsys, "fit", tmp_path / "d.csv", "y ~ x"),
        "column 'y' is not in the data; the column ' y ' differs from it only by white space",
    )


@pytest.mark.parametrize("flag", ["--csv", "--latex"])
def test_an_output_that_cannot_be_written_is_refused_before_the_fit(tmp_path, capsys, flag):
    _data(tmp_path / "d.csv")
    out = tmp_path / ("t" * 300 + ".txt")  # a name longer than file systems allow
    _one_line_error(
        *_main(capsys, "fit", tmp_path / "d.csv", "y ~ x", flag, out),
        f"{flag}",
        "cannot be written",
    )
    # a file that can be written is left as it was until the table is written
    ok = tmp_path / "t.txt"
    assert _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", flag, ok)[0] == 0 and ok.exists()


def _codes(path: Path) -> pd.DataFrame:
    rng = np.random.default_rng(4)
    n = 240
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "code": rng.choice(["0", "00", "1"], n),
            "x": np.round(rng.normal(size=n), 3),
            "clinic": rng.choice(["01", "1", "02", "2"], n),
        }
    )
    path.write_text(df.to_csv(index=False), encoding="utf-8")
    return df


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_codes_used_as_categories_keep_the_levels_as_written(tmp_path, capsys, command):
    # read as numbers, "0" and "00" were one level of C(code), with nothing said
    df = _codes(tmp_path / "d.csv")
    formulas = ["y ~ C(code) + x"] if command == "fit" else ["y ~ C(code)", "y ~ C(code) + x"]
    status, out, err = _main(capsys, command, tmp_path / "d.csv", *formulas, "--ref", "a")
    assert status == 0, err
    assert "C(code)[T.00]" in out and "C(code)[T.1]" in out
    res = mnlogit.fit("y ~ C(code) + x", df, ref="a")
    if command == "fit":
        assert out == str(res.summary()) + "\n"
    assert f"{res.params.loc['C(code)[T.00]', 'b']:.4f}" in out


def test_cluster_identifiers_are_read_as_written(tmp_path, capsys):
    # "01" and "1" are two clinics; read as numbers they were one cluster
    df = _codes(tmp_path / "d.csv")
    argv = ("fit", tmp_path / "d.csv", "y ~ x", "--cov", "cluster", "--groups", "clinic")
    status, out, err = _main(capsys, *argv)
    assert status == 0, err
    assert "cluster-robust (4 clusters)" in out
    res = mnlogit.fit("y ~ x", df, cov_type="cluster", groups="clinic")
    assert out == str(res.summary()) + "\n"


def test_whole_number_codes_in_c_still_sort_as_numbers(tmp_path, capsys):
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"y": rng.choice(["a", "b"], 200), "k": rng.choice([2, 10, 1], 200)})
    (tmp_path / "d.csv").write_text(df.to_csv(index=False), encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ C(k)")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ C(k)", df).summary()) + "\n"
    assert out.index("C(k)[T.2]") < out.index("C(k)[T.10]")


def test_decimal_codes_in_c_and_clusters_sort_as_numbers(tmp_path, capsys):
    # as text, "10.5" sorted before "2.5" and was the baseline level of C(k)
    rng = np.random.default_rng(7)
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b"], 300),
            "k": rng.choice([2.5, 10.5, 3.5], 300),
            "g": rng.choice([0.5, 1.5, 12.5, 4.5, 20.5, 7.5], 300),
        }
    )
    (tmp_path / "d.csv").write_text(df.to_csv(index=False), encoding="utf-8")
    argv = ("fit", tmp_path / "d.csv", "y ~ C(k)", "--cov", "cluster", "--groups", "g")
    status, out, err = _main(capsys, *argv)
    assert status == 0, err
    res = mnlogit.fit("y ~ C(k)", df, cov_type="cluster", groups="g")
    assert out == str(res.summary()) + "\n"
    assert "C(k)[T.10.5]" in out and "C(k)[T.2.5]" not in out


def test_compare_names_the_reference_by_exactly_its_text_as_fit_does(tmp_path, capsys):
    rng = np.random.default_rng(6)
    df = pd.DataFrame({"y": rng.choice([1, 2, 3], 200), "x": np.round(rng.normal(size=200), 3)})
    (tmp_path / "d.csv").write_text(df.to_csv(index=False), encoding="utf-8")
    for command in ("fit", "compare"):
        formulas = ["y ~ x"] if command == "fit" else ["y ~ 1", "y ~ x"]
        status, out, err = _main(capsys, command, tmp_path / "d.csv", *formulas, "--ref", "2.0")
        _one_line_error(status, out, err, "'2.0' is not a level")


def test_codes_in_q_inside_c_keep_their_levels_and_na_text_as_written(tmp_path, capsys):
    df = _codes(tmp_path / "d.csv")
    df.loc[df.index[::9], "code"] = "NA"  # a category as written, as for C(code)
    (tmp_path / "d.csv").write_text(df.to_csv(index=False), encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ C(Q('code')) + x")
    assert status == 0, err
    assert "C(Q('code'))[T.00]" in out and "C(Q('code'))[T.NA]" in out


def test_a_cluster_column_the_formula_reads_as_numbers_stays_numbers(tmp_path, capsys):
    # read as text for --groups, it was refused as numbers stored as text in 'y ~ x + cl'
    rng = np.random.default_rng(9)
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b"], 200),
            "x": np.round(rng.normal(size=200), 3),
            "cl": rng.choice([1.5, 2.5, 3.5, 4.5], 200),
        }
    )
    (tmp_path / "d.csv").write_text(df.to_csv(index=False), encoding="utf-8")
    argv = ("fit", tmp_path / "d.csv", "y ~ x + cl", "--cov", "cluster", "--groups", "cl")
    status, out, err = _main(capsys, *argv)
    assert status == 0, err
    res = mnlogit.fit("y ~ x + cl", df, cov_type="cluster", groups="cl")
    assert out == str(res.summary()) + "\n" and "(4 clusters)" in out


def _grouped(v: float, mark: str, decimal: str) -> str:
    whole, frac = f"{v:,.1f}".split(".")
    return whole.replace(",", mark) + decimal + frac


@pytest.mark.parametrize(
    ("mark", "decimal", "options", "hint"),
    [
        (" ", ".", ["--thousands", " "], "pass --thousands ' ';"),
        (".", ",", ["--thousands", ".", "--decimal", ","], "--thousands '.' --decimal ','"),
        ("'", ".", ["--thousands", "'"], 'pass --thousands "\'";'),
        ("\u00a0", ",", ["--thousands", "\u00a0", "--decimal", ","], "--thousands $'\\u00a0'"),
    ],
)
def test_numbers_grouped_by_other_marks_are_not_read_as_a_factor(
    tmp_path, capsys, mark, decimal, options, hint
):
    df = _data(tmp_path / "plain.csv")
    written = df.assign(income=[_grouped(v, mark, decimal) for v in df["income"]])
    (tmp_path / "d.csv").write_text(written.to_csv(index=False, sep=";"), encoding="utf-8")
    # was: every value a level of a factor, a fit of 300 parameters and a separation warning
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ income", "--sep", ";")
    _one_line_error(status, out, err, "column 'income'", "e.g.", hint)
    status, out, err = _main(
        capsys, "fit", tmp_path / "d.csv", "y ~ income", "--sep", ";", *options
    )
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ income", df).summary()) + "\n"


def test_one_number_grouped_by_a_space_is_not_called_a_missing_value(tmp_path, capsys):
    df = _data(tmp_path / "d.csv")
    df = df.astype({"income": object})
    df.loc[4, "income"] = "1 200"
    (tmp_path / "d.csv").write_text(df.to_csv(index=False), encoding="utf-8")
    # was: "if that text marks missing values, add --na-values '1 200'"
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ income")
    _one_line_error(status, out, err, "'1 200'", "--thousands ' '")
    assert "--na-values" not in err


@pytest.mark.parametrize("text", ["1e400", "Inf", "-inf"])
@pytest.mark.parametrize("column", ["x", "w"])
def test_an_infinite_number_is_named_by_its_row(tmp_path, capsys, text, column):
    df = _data(tmp_path / "d.csv").assign(w=1).astype({column: object})
    df.loc[6, column] = text
    (tmp_path / "d.csv").write_text(df.to_csv(index=False), encoding="utf-8")
    # was: "non-finite values (inf or NaN, e.g. from log of a non-positive number) in design
    # column(s) 'x'" and "weights: every weight must be finite; got inf", with no row
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--weights", "w")
    said = "inf in data row 7 (1 row in all"
    _one_line_error(status, out, err, f"column '{column}'", said, "1e400")
    assert ("write 0" in err) == (column == "w")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("flag", ["--csv", "--latex"])
def test_a_table_that_cannot_be_written_names_its_option(tmp_path, capsys, flag):
    _data(tmp_path / "d.csv")
    status, _, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", flag, "/dev/full")
    # was: "to_csv: cannot write '/dev/full'", the method behind the option
    assert status == 2
    assert err == f"mnlogit: error: {flag}: cannot write '/dev/full': No space left on device\n"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("command", [["fit", "d.csv", "y ~ x"], ["datasets"]])
def test_a_full_standard_output_is_named(tmp_path, command):
    _data(tmp_path / "d.csv")
    root = Path(__file__).resolve().parent.parent
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "mnlogit", *command],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(root)},
            timeout=300,
        )
    # was: "mnlogit: error: [Errno 28] No space left on device", with no word of where
    assert proc.returncode == 2
    assert proc.stderr == (
        "mnlogit: error: cannot write to standard output: No space left on device\n"
    )


def test_a_delimiter_at_the_end_of_each_row_does_not_shift_the_columns(tmp_path, capsys):
    df = _data(tmp_path / "plain.csv")
    lines = df.to_csv(index=False).splitlines()
    text = "\n".join([lines[0], *(line + "," for line in lines[1:])]) + "\n"
    (tmp_path / "d.csv").write_text(text, encoding="utf-8")
    # was: each column read under the name of the one before it, the outcome y holding the
    # incomes (a level per value) and exit status 0
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ income")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ income", df).summary()) + "\n"


def test_rows_that_start_with_unnamed_row_names_are_read_as_r_writes_them(tmp_path, capsys):
    df = _data(tmp_path / "plain.csv")
    # R's write.table(row.names = TRUE): a header without a name for the row names
    lines = df.to_csv(index=False).splitlines()
    text = "\n".join([lines[0], *(f"{k + 1},{line}" for k, line in enumerate(lines[1:]))])
    (tmp_path / "d.csv").write_text(text + "\n", encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ income")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ income", df).summary()) + "\n"


@pytest.mark.parametrize("options", [[], ["--sep", ";"]])
@pytest.mark.parametrize("end", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_excels_sep_line_names_the_delimiter(tmp_path, capsys, options, end):
    # lines ended by CR alone (Excel's 'CSV (Macintosh)'): the sep= line was not seen, and
    # read as the header
    df = _data(tmp_path / "plain.csv")
    text = f"sep=;{end}" + df.to_csv(index=False, sep=";", lineterminator=end)
    (tmp_path / "d.csv").write_bytes(("\ufeff" + text).encode("utf-8"))
    # was: one column named 'sep=;', then with --sep ';' two named 'sep=' and 'Unnamed: 1'
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ income", *options)
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ income", df).summary()) + "\n"


@pytest.mark.parametrize(
    ("write", "unit"),
    [
        (lambda v: f"{v:.1f}%", "'%'"),
        (lambda v: f"${v:,.2f}", "'$'"),
        (lambda v: f"-€ {v:.0f}", "'€'"),
    ],
)
def test_numbers_with_a_unit_are_not_read_as_a_factor(tmp_path, capsys, write, unit):
    df = _data(tmp_path / "plain.csv")
    df.assign(income=df["income"].map(write)).to_csv(tmp_path / "d.csv", index=False)
    # was: a factor with a level per value, a separated fit and exit status 0
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ income")
    _one_line_error(status, out, err, "column 'income'", f"written with {unit}", "C(income)")
    # labels that merely hold such a sign are categories as before
    labels = np.where(df["x"] > 0, "a$5", "b%")
    df.assign(g=labels).to_csv(tmp_path / "g.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "g.csv", "y ~ g")
    assert status == 0, err


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_a_reference_whose_rows_are_all_dropped_is_named_as_such(tmp_path, capsys, command):
    df = _data(tmp_path / "d.csv").astype({"x": object})
    df.loc[:2, "y"] = "rare"
    df.loc[:2, "x"] = ""  # every row of 'rare' misses x
    df.to_csv(tmp_path / "d.csv", index=False)
    formulas = ["y ~ x", "y ~ 1"] if command == "compare" else ["y ~ x"]
    status, out, err = _main(capsys, command, tmp_path / "d.csv", *formulas, "--ref", "rare")
    # the level the missing values took away is warned of as the model is built, before the
    # reference is looked for among the levels fitted
    lost = [line for line in err.splitlines() if line.startswith("mnlogit: warning: ")]
    assert all("level 'rare' has no rows left" in line for line in lost), err
    err = "".join(line + "\n" for line in err.splitlines() if line not in lost)
    # was: "--ref 'rare' is not a level of outcome 'y'", though the file holds it
    _one_line_error(status, out, err, "--ref 'rare'", "has that level in the data", "a, b, c")


def test_weights_of_text_are_named_as_the_command_line_option(tmp_path, capsys):
    _data(tmp_path / "d.csv")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--weights", "y")
    # was: "weights: expected numbers; got 'a' (str) ...; convert them to numbers first (e.g.
    # pd.to_numeric)", advice for Python
    _one_line_error(status, out, err, "--weights column 'y' holds text (e.g.", "whole numbers")
    assert "pd.to_numeric" not in err


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_a_data_file_given_after_the_formula_or_without_one(tmp_path, capsys, command):
    _data(tmp_path / "d.csv")
    data = str(tmp_path / "d.csv")
    formulas = ["y ~ x", "y ~ 1"] if command == "compare" else ["y ~ x"]
    # was: "formula '.../d.csv' has no outcome: write it as 'outcome ~ predictors'"
    status, out, err = _main(capsys, command, *formulas, data)
    _one_line_error(status, out, err, f"the data file comes before the formula: mnlogit {command}")
    status, out, err = _main(capsys, command, data)
    _one_line_error(status, out, err, "is the data file, and no formula follows it")


@pytest.mark.parametrize("flag", ["--csv", "--latex"])
def test_an_output_named_dash_is_refused_not_made_a_file(tmp_path, capsys, monkeypatch, flag):
    _data(tmp_path / "d.csv")
    monkeypatch.chdir(tmp_path)
    # was: a file named '-' written beside the data (and with the data from standard input,
    # "--csv '-' is the data file being read")
    status, out, err = _main(capsys, "fit", "d.csv", "y ~ x", flag, "-")
    _one_line_error(status, out, err, f"{flag} -: standard output shows the summary")
    assert not (tmp_path / "-").exists()


def test_columns_left_empty_at_the_end_are_not_duplicate_names(tmp_path, capsys):
    df = _data(tmp_path / "plain.csv")
    lines = df.to_csv(index=False).splitlines()
    (tmp_path / "d.csv").write_text("".join(f"{line},,\n" for line in lines), encoding="utf-8")
    # was: "the header names column(s) 'nan' more than once", two empty names
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x", df).summary()) + "\n"
    (tmp_path / "na.csv").write_text("y,NA,NA\na,1,2\nb,2,1\n", encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "na.csv", "y ~ `NA`")
    _one_line_error(status, out, err, "the header names column(s) 'NA' more than once")


def test_a_whole_number_past_64_bits_keeps_its_column_numbers(tmp_path, capsys):
    # pandas reads the column as Python ints, which were fitted as categories: big[T.2], ...
    df = _data(tmp_path / "d.csv")
    df["big"] = np.array([1, 2, 3, 99999999999999999999], dtype=object)[np.arange(len(df)) % 4]
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, _ = _main(
        capsys, "fit", tmp_path / "d.csv", "y ~ x + big", "--csv", tmp_path / "o.csv"
    )
    assert status == 0 and "big[T." not in out
    got = pd.read_csv(tmp_path / "o.csv")
    expected = mnlogit.fit("y ~ x + big", pd.read_csv(tmp_path / "d.csv")).to_frame()
    assert got["term"].tolist() == expected.index.get_level_values("term").tolist()
    np.testing.assert_array_equal(got["estimate"], expected["estimate"])


@pytest.mark.parametrize("sep", ["0", "y", '"', "|\n", ""])
def test_a_delimiter_of_letters_digits_quotes_or_line_breaks_is_refused(tmp_path, capsys, sep):
    # '--sep 0' cut the numbers at their zeros, '--sep y' the outcome's name; a quote or a
    # line break was pandas' message
    _data(tmp_path / "d.csv")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--sep", sep)
    _one_line_error(status, out, err, f"--sep {sep!r}: expected the delimiter between fields")


@pytest.mark.parametrize(
    ("name", "said"),
    [
        # was "'' is a folder, not a file": Path('') is the working folder
        ("", "the data file's name is ''; give a CSV file, or - for stdin"),
        # pandas reads an address; the command line said only "no such file"
        (
            "https://example.org/d.csv",
            "no such file: 'https://example.org/d.csv'; download it first, or pipe it in: "
            "curl -sL ADDRESS | mnlogit fit - FORMULA",
        ),
    ],
)
def test_an_empty_data_file_name_or_an_address_is_told_what_to_give(capsys, name, said):
    _one_line_error(*_main(capsys, "fit", name, "y ~ x"), said)


def test_a_space_after_each_delimiter_reads_a_last_field_left_empty(tmp_path, capsys):
    # pandas' python parser strips each line, so 'a; u; ' ending in an empty field was
    # 'a; u;': its g was 'u;', a level of its own, and its last field missing
    rng = np.random.default_rng(4)
    n = 120
    df = pd.DataFrame({"y": rng.choice(["a", "b"], n), "g": rng.choice(["u", "v"], n)})
    notes = np.where(np.arange(n) % 4 == 0, "", "ok")
    cells = zip(df["y"], df["g"], notes, strict=True)
    rows = [f"{y}; {g}; {note}".rstrip() for y, g, note in cells]
    (tmp_path / "d.csv").write_text("\n".join(["y; g; note", *rows, ""]), encoding="utf-8")
    argv = ("fit", tmp_path / "d.csv", "y ~ g", "--sep", "; ", "--csv", tmp_path / "t.csv")
    status, _, err = _main(capsys, *argv)
    assert status == 0 and err == "", err
    expected = mnlogit.fit("y ~ g", df).to_frame().reset_index()
    table = pd.read_csv(tmp_path / "t.csv")
    assert table["term"].tolist() == expected["term"].tolist()
    np.testing.assert_allclose(table["estimate"], expected["estimate"], rtol=1e-9)
