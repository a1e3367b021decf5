"""The command line on data files as spreadsheets and other programs write them: column names
R makes unique (``y.1``), dates with month names, cells of text among numbers. Each fit is
checked against the same values put in a DataFrame by hand and fitted in Python, and each
refusal is one line naming the value, its row and what to do."""

import numpy as np
import pandas as pd
import pytest
from test_cli_files import _main, _one_line_error

import mnlogit


def _data(n: int = 240, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(size=n), 3)
    z = np.round(rng.normal(size=n), 3)
    eta = np.c_[np.zeros(n), 0.5 + x, -0.3 - 0.8 * x + 0.4 * z]
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    u = rng.random(n)[:, None]
    y = (u > p.cumsum(axis=1)).sum(axis=1)
    return pd.DataFrame({"y": np.array(["a", "b", "c"])[y], "x": x, "z": z})


@pytest.mark.parametrize("term", ["`y.1`", "Q('y.1')", "I(`y.1` * 2)"])
def test_a_column_named_like_the_outcome_with_a_dot_is_a_predictor(tmp_path, capsys, term):
    # R's make.unique and pandas name a second column 'y' as 'y.1'; formulaic's required
    # variables read `y.1` as the attribute 1 of y, so the fit was refused: "the outcome 'y'
    # also appears among the predictors"
    df = _data().rename(columns={"x": "y.1"})
    df.to_csv(tmp_path / "d.csv", index=False)
    formula = f"y ~ {term} + z"
    out_csv = tmp_path / "t.csv"
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula, "--csv", out_csv)
    assert status == 0, err
    fitted = mnlogit.fit(formula, df)
    assert out.startswith(str(fitted.summary()) + "\n")
    expected = fitted.to_frame()
    got = pd.read_csv(out_csv)
    np.testing.assert_allclose(got["estimate"], expected["estimate"], rtol=1e-9)
    np.testing.assert_allclose(got["std_error"], expected["std_error"], rtol=1e-9)
    by_hand = pd.DataFrame({"y": df["y"], "v": df["y.1"] * (2 if "*" in term else 1), "z": df["z"]})
    reference = mnlogit.fit("y ~ v + z", by_hand).to_frame()
    np.testing.assert_allclose(got["estimate"], reference["estimate"], rtol=1e-9)


def test_the_outcome_among_its_predictors_is_still_refused(tmp_path, capsys):
    df = _data().assign(**{"y.1": 1.0})
    df.to_csv(tmp_path / "d.csv", index=False)
    for formula in ("y ~ x + I(y * 2)", "y ~ `y` + `y.1`", "y ~ x + Q('y')"):
        status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula)
        _one_line_error(status, out, err, "also appears among the predictors")


@pytest.mark.parametrize(
    "form", ["%d-%b-%Y", "%d-%b-%y", "%b %d, %Y", "%d %B %Y", "%Y-%b-%d", "%a, %d %b %Y"]
)
def test_dates_with_a_month_name_are_said_to_be_fitted_as_a_factor(tmp_path, capsys, form):
    # Excel writes its dates as 05-Jan-2021 or 05-Jan-21: a bare column of them was fitted as
    # a factor with a level per date with nothing said, where 2021-01-05 gets a note
    rng = np.random.default_rng(8)
    df = _data()
    days = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 12, len(df)), unit="D")
    df["t"] = days.strftime(form)
    df.to_csv(tmp_path / "d.csv", index=False)
    out_csv = tmp_path / "t.csv"
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + t", "--csv", out_csv)
    assert status == 0 and "t[T." in out, err
    example = df["t"].iloc[0]
    assert f"column 't' holds dates written as text (e.g. {example!r})" in err
    # the note says what was fitted: the factor of the text read by hand
    assert f"({df['t'].nunique()} levels)" in err
    expected = mnlogit.fit("y ~ x + C(t)", df).to_frame()["estimate"]
    np.testing.assert_allclose(pd.read_csv(out_csv)["estimate"], expected, rtol=1e-9)


@pytest.mark.parametrize("codes", [["mar-12", "jan-3"], ["a-1", "b-2"], ["Jan 2020", "Feb 2020"]])
def test_codes_with_a_month_name_and_no_date_get_no_note(tmp_path, capsys, codes):
    df = _data().assign(t=lambda d: np.resize(codes, len(d)))
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + t")
    assert status == 0 and "t[T." in out and "dates written as text" not in err, err


def test_text_among_numbers_is_refused_naming_its_first_data_row(tmp_path, capsys):
    # the refusal counted the cells, "'NA' (2 rows)", "'two' (1 rows)", and named no row
    df = _data()
    written = df.assign(x=df["x"].astype(object), w=np.resize(["1", "2", "3"], len(df)))
    written.loc[[6, 40], "x"] = "NA"
    written.loc[19, "x"] = "."
    written.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z")
    _one_line_error(
        status, out, err, "the text 'NA' (2 rows, the first data row 7), '.' (data row 20)"
    )
    assert "--na-values NA ." in err
    argv = ("fit", tmp_path / "d.csv", "y ~ x + z", "--csv", tmp_path / "t.csv")
    status, out, err = _main(capsys, *argv, "--na-values", "NA", ".")
    assert status == 0 and "Rows dropped (missing)" in out and "3 of 240 rows dropped" in err
    expected = mnlogit.fit("y ~ x + z", df.drop(index=[6, 19, 40])).to_frame()
    got = pd.read_csv(tmp_path / "t.csv")
    np.testing.assert_allclose(got["estimate"], expected["estimate"], rtol=1e-9)
    np.testing.assert_allclose(got["std_error"], expected["std_error"], rtol=1e-9)
    written.loc[33, "w"] = "two"
    written.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ z", "--weights", "w")
    _one_line_error(
        status, out, err, "--weights column 'w' holds numbers and the text 'two' (data row 34)"
    )


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "iso-8859-15"])
def test_utf8_text_read_with_a_one_byte_encoding_is_refused(tmp_path, capsys, encoding):
    # 'café' was read as 'cafÃ©' and fitted so, with nothing said
    df = _data().assign(y=lambda d: d["y"].map({"a": "café", "b": "naïve", "c": "Zürich"}))
    df.to_csv(tmp_path / "d.csv", index=False, encoding="utf-8")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--encoding", encoding)
    first = df["y"].iloc[0]
    misread = first.encode("utf-8").decode(encoding)
    _one_line_error(
        status,
        out,
        err,
        f"is UTF-8 text, which --encoding {encoding} reads otherwise: column 'y' in data row 1 "
        f"reads {misread!r}, which is {first!r} in UTF-8; leave out --encoding",
    )
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 0 and out == str(mnlogit.fit("y ~ x", df).summary()) + "\n", err


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_text_in_a_one_byte_encoding_is_read_in_it(tmp_path, capsys, encoding):
    # 'é' alone is no UTF-8; a name such as 'größe' is read in the encoding given too
    df = _data().assign(y=lambda d: d["y"].map({"a": "café", "b": "naïve", "c": "Zürich"}))
    df = df.rename(columns={"x": "größe"})
    df.to_csv(tmp_path / "d.csv", index=False, encoding=encoding)
    argv = ("fit", tmp_path / "d.csv", "y ~ größe", "--encoding", encoding)
    status, out, err = _main(capsys, *argv)
    assert status == 0 and out == str(mnlogit.fit("y ~ größe", df).summary()) + "\n", err


@pytest.mark.parametrize("encoding", ["latin-1", "iso-8859-15"])
def test_windows_1252_text_read_as_latin_1_is_refused_with_cp1252(tmp_path, capsys, encoding):
    # its '€' read as the control character U+0080: the prices '€5', '€10', '€20' were no
    # numbers with a unit to the checks of numbers, and were fitted as a factor of prices
    df = _data().assign(price=lambda d: np.choose(d.index % 3, [5, 10, 20]))
    written = df.assign(price=df["price"].map("€{}".format))
    written.to_csv(tmp_path / "d.csv", index=False, encoding="cp1252")
    argv = ("fit", tmp_path / "d.csv", "y ~ x + price", "--encoding", encoding)
    _one_line_error(
        *_main(capsys, *argv),
        "column 'price' in data row 1 holds the control character U+0080 ('\\x805')",
        "in Windows-1252 (Excel's 'CSV' on Windows) it reads '€5'",
        "--encoding cp1252",
    )
    # read as it is written, its '€' is named
    _one_line_error(*_main(capsys, *argv[:-1], "cp1252"), "written with '€' (e.g. '€5')")


@pytest.mark.parametrize("formula", ["y ~ x + C(f)", "f ~ x"])
def test_one_truth_value_written_two_ways_is_warned_of(tmp_path, capsys, formula):
    # pandas reads TRUE and True as one boolean (the bare column f is one); as labels they
    # were two levels (or outcomes) with nothing said, as '1' and '1.0' are not
    rng = np.random.default_rng(9)
    df = _data()
    truth = rng.random(len(df)) < 0.5
    df["f"] = np.where(truth, np.where(rng.random(len(df)) < 0.5, "TRUE", "True"), "FALSE")
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula)
    assert status == 0, err
    assert "'TRUE', 'True' write one truth value in different ways" in err
    assert out == str(mnlogit.fit(formula, df).summary()) + "\n"
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + f")
    assert status == 0 and "truth value" not in err, err
    assert out == str(mnlogit.fit("y ~ x + f", df.assign(f=truth)).summary()) + "\n"


def test_a_row_split_by_an_unquoted_line_break_is_warned_of(tmp_path, capsys):
    # 'a' of 'a<LF>b,0.5,3' was a row dropped for its missing cells and 'b,0.5,3' a row of
    # outcome b, with nothing said but the count of rows dropped
    df = _data()
    lines = df.to_csv(index=False, lineterminator="\n").splitlines()
    lines[5] = "note\n" + lines[5]  # a line break after a first cell that is not quoted
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z")
    assert status == 0, err
    assert (
        "mnlogit: warning: 'd.csv': line 6 has 1 of the header's 3 fields, read with its "
        "other cells empty; if a line break inside a field that is not quoted split its row"
    ) in err.replace(repr(str(tmp_path / "d.csv")), "'d.csv'")
    # fitted as the rows read: the short row dropped, the rest of its line a row of its own
    read = pd.concat([df.iloc[:4], pd.DataFrame({"y": ["note"]}), df.iloc[4:]])
    assert out.startswith(str(mnlogit.fit("y ~ x + z", read).summary()).split("\n\n")[0])


def test_rows_with_every_field_get_no_warning(tmp_path, capsys):
    df = _data().assign(y=lambda d: d["y"].where(d.index != 3, "a\nb"))
    df.loc[[2, 7], "z"] = np.nan  # empty cells written with their separators
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z")
    assert status == 0 and "fields" not in err and "2 of 240 rows dropped" in err, err
    assert "4 levels: a, 'a\\nb', b, c" in out  # the quoted line break kept in its cell


@pytest.mark.parametrize(
    ("columns", "formula", "named"),
    [
        (["y", "x", "z"], "y ~ x + z", "x"),
        (["x", "y", "z"], "y ~ x + z", "y"),  # the outcome's labels ' a', ' b' too
        (["y", "x", "z"], "y ~ `x` + log(z + 9)", "x"),
    ],
)
def test_a_space_after_each_delimiter_is_refused_with_the_sep_that_reads_it(
    tmp_path, capsys, columns, formula, named
):
    # was "column 'x' is not in the data; the column ' x' differs from it only by white
    # space: name it as written, ` x`", one column at a time, the outcome's labels ' a'
    df = _data()[columns]
    text = df.to_csv(index=False).replace(",", ", ")
    (tmp_path / "d.csv").write_text(text)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula)
    said = f"'{tmp_path / 'd.csv'}' writes a space after each ',' (its header names "
    _one_line_error(status, out, err, said)
    assert f"and the formula names {named!r} without it: pass --sep ', ', which reads" in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula, "--sep", ", ")
    assert status == 0, err
    assert out == str(mnlogit.fit(formula, df).summary()) + "\n"


def test_two_spaces_after_each_delimiter_are_refused_with_the_sep_of_both(tmp_path, capsys):
    # was "writes a space after each ',' ... pass --sep ', '", which left ' x' and was
    # refused again, as a column named with its space
    df = _data()
    (tmp_path / "d.csv").write_text(df.to_csv(index=False).replace(",", ",  "))
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z")
    said = f"'{tmp_path / 'd.csv'}' writes 2 spaces after each ',' (its header names "
    _one_line_error(status, out, err, said)
    assert "the formula names 'x' without them: pass --sep ',  ', which reads" in err
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x + z", "--sep", ",  ")
    assert status == 0, err
    assert out == str(mnlogit.fit("y ~ x + z", df).summary()) + "\n"


def test_spaces_of_varying_widths_are_not_advised_one_sep(tmp_path, capsys):
    # 'y,  x, z': --sep ', ' was advised, which left ' x', refused again; no one --sep
    # reads both, and the name as written does
    df = _data()[["y", "x", "z"]]
    lines = ["y,  x, z"] + [f"{y},  {x}, {z}" for y, x, z in df.itertuples(index=False)]
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    _one_line_error(status, out, err, "column 'x' is not in the data; the column '  x' differs")
    assert "--sep" not in err and "name it as written, `  x`" in err


def test_a_name_written_with_its_space_is_read_as_written(tmp_path, capsys):
    text = _data().to_csv(index=False).replace(",", ", ")
    (tmp_path / "d.csv").write_text(text)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ ` x`")
    assert status == 0 and "Formula    y ~ ` x`" in out, err


@pytest.mark.parametrize(("column", "formula"), [("x", "y ~ x"), ("z", "y ~ x"), ("y", "y ~ x")])
def test_a_stray_quote_that_reads_rows_as_one_cell_is_refused(tmp_path, capsys, column, formula):
    # in a column of numbers the refusal quoted 37 lines as text to give to --na-values; in
    # another the rows were lost, read as one cell
    df = _data()
    lines = df.to_csv(index=False).splitlines()
    at = list(df.columns).index(column)
    for number, mark in ((5, lambda v: '"' + v), (41, lambda v: v + '"')):
        cells = lines[number - 1].split(",")
        cells[at] = mark(cells[at])
        lines[number - 1] = ",".join(cells)
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", formula)
    said = f"d.csv': data row 4 holds in column {column!r} a text of 37 lines of the file, rows"
    _one_line_error(status, out, err, said, "remove the stray quote, or close it where the cell")
    # the cell's text from the quote to the end of its line, and its last line to the quote
    first, last = lines[4][lines[4].index('"') :], lines[40][: lines[40].index('"') + 1]
    assert f"the quote that opens the cell ({first!r}) is closed only on the last" in err
    assert f"of them ({last!r}), so the rows" in err and len(err) < 1000


def test_a_quoted_text_of_several_lines_is_read_as_written(tmp_path, capsys):
    df = _data().assign(note="ok")
    df.loc[3, "note"] = "first line\nsecond, with a comma\nthird"
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 0 and out == str(mnlogit.fit("y ~ x", df).summary()) + "\n", err
