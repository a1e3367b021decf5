"""The command line's silent choices and advice it could not follow, run in process: a header
naming a used column beside one that differs from it only by white space or letter case (the
formula's x read 'x' with nothing said of 'x '), a Windows-1252 file (read with --encoding,
where the advice was iconv, which Windows has not), weights 0 on every row (the refusal named
neither the option nor the column), a Firth fit's notes (advising anova() or
mnlogit.lr_test, which no option runs) and dates written as text (refused as "more
parameters than rows ... merge levels")."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main
from mnlogit.exceptions import DataError


def _frame(n: int = 120) -> pd.DataFrame:
    rng = np.random.default_rng(56)
    x, z = np.round(rng.normal(size=n), 3), np.round(rng.normal(size=n), 3)
    y = np.where(x + rng.normal(size=n) > 0.5, "a", np.where(z > 0, "b", "c"))
    return pd.DataFrame({"y": y, "x": x})


def _run(capsys, *argv) -> tuple[int, str, str]:
    status = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(("other", "how"), [("x ", "white space"), ("X", "letter case")])
def test_a_column_named_alike_beside_the_one_used_is_said(tmp_path, capsys, other, how):
    df = _frame().assign(**{other: np.linspace(-1, 1, 120)})
    path = tmp_path / "d.csv"
    df.to_csv(path, index=False)
    status, out, err = _run(capsys, "fit", path, "y ~ x")
    assert status == 0 and "x " not in out.split("Notes:")[0].split("=\n")[-1]
    # was fitted on 'x' with nothing said of the other column
    assert f"column 'x' is the one used; the header also names {other!r}" in err
    assert f"differs from it only by {how}" in err
    written = "`x `" if other == "x " else "X"
    assert f"({written})" in err
    # both used: no choice was made, nothing to say
    status, _, err = _run(capsys, "compare", path, "y ~ x", f"y ~ x + {written}")
    assert status == 0 and "the one used" not in err


def test_a_windows_1252_file_is_read_with_encoding(tmp_path, capsys):
    df = _frame().assign(ville=lambda d: np.where(d["x"] > 0, "Orléans", "Besançon"))
    latin, utf8 = tmp_path / "latin.csv", tmp_path / "utf8.csv"
    df.to_csv(latin, index=False, encoding="cp1252")
    df.to_csv(utf8, index=False)
    status, out, err = _run(capsys, "fit", latin, "y ~ x + ville")
    # was "... save it as UTF-8 CSV, e.g. iconv -f WINDOWS-1252 -t UTF-8 ...", no option
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "--encoding cp1252" in err and "iconv" not in err
    status, read, _ = _run(capsys, "fit", latin, "y ~ x + ville", "--encoding", "cp1252")
    assert status == 0 and "ville[T.Orléans]" in read
    assert _run(capsys, "fit", utf8, "y ~ x + ville")[1] == read.replace(str(latin), str(utf8))
    both = ("y ~ x", "y ~ x + ville")
    status, out, _ = _run(capsys, "compare", latin, *both, "--encoding", "latin-1")
    assert status == 0 and "Orléans" in out


def test_an_unknown_encoding_is_refused_in_one_line(tmp_path, capsys):
    path = tmp_path / "d.csv"
    _frame().to_csv(path, index=False)
    status, out, err = _run(capsys, "fit", path, "y ~ x", "--encoding", "cp9999")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "--encoding 'cp9999' is not an encoding" in err and "cp1252" in err
    travel = ("--dataset", "travel", "mode ~ income")
    status, _, err = _run(capsys, "fit", *travel, "--encoding", "cp1252")
    assert status == 2 and "--encoding applies to a data file" in err


def test_a_file_not_in_the_encoding_given_says_so(tmp_path, capsys):
    path = tmp_path / "d.csv"
    _frame().assign(y=lambda d: d["y"].replace("a", "été")).to_csv(path, index=False)
    status, _, err = _run(capsys, "fit", path, "y ~ x", "--encoding", "ascii")
    assert status == 2 and "is not 'ascii' text (--encoding ascii)" in err
    assert "not UTF-8" not in err


@pytest.mark.parametrize("missing", [False, True])
def test_weights_zero_on_every_row_name_the_option_and_column(tmp_path, capsys, missing):
    df = _frame().assign(n=0, x2=1.0)
    if missing:  # the only positive weights on rows the fit drops
        df.loc[:9, "n"] = 3
        df.loc[:9, "x2"] = np.nan
    path = tmp_path / "d.csv"
    df.to_csv(path, index=False)
    status, out, err = _run(capsys, "fit", path, "y ~ x + x2", "--weights", "n")
    # was "weights: all weights are zero; at least one row must have weight > 0"
    assert status == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("mnlogit: error: --weights column 'n' is 0 in ")
    assert ("each of the 110 rows kept" in err) == missing


def test_a_firth_fits_notes_say_what_the_command_line_runs(capsys):
    status, out, _ = _run(capsys, "fit", "--dataset", "risk", "risk ~ age + income")
    assert status == 0
    notes = out.split("Notes:")[-1]
    said = " ".join(notes.split())
    # was "test them by the penalised likelihood-ratio test, anova() or mnlogit.lr_test of
    # the fit without them.", which no option of the command line runs
    assert "anova() or mnlogit.lr_test of the fit" not in said
    assert "which the command line does not run: in Python" in said
    assert "(against the null, mnlogit.lr_test, anova)" not in said
    width = len(out.rsplit("\nNotes:", 1)[0].rsplit("\n", 1)[-1])
    assert max(map(len, notes.splitlines())) <= width  # wrapped again to the table's width
    # the library's summary keeps its Python advice
    res = mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"), method="firth")
    assert any("anova() or mnlogit.lr_test" in note for note in res.summary().notes)


def _dates(n: int = 120) -> pd.DataFrame:
    days = pd.date_range("2021-03-01", periods=n).strftime("%Y-%m-%d")
    return _frame(n).assign(d=days)


def test_dates_written_as_text_are_named_when_they_make_too_many_levels(tmp_path, capsys):
    path = tmp_path / "d.csv"
    _dates().to_csv(path, index=False)
    status, out, err = _run(capsys, "fit", path, "y ~ x + d")
    # was "... term 'd' alone has at least 119 columns; simplify the formula or merge levels"
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "column 'd' holds dates written as text (e.g. '2021-03-01')" in err
    assert "add a column of numbers for it to the file" in err and "pd." not in err
    with pytest.raises(DataError, match=r"dates written as text.*pd\.to_datetime\(df\['d'\]\)"):
        mnlogit.fit("y ~ x + d", _dates())


def test_codes_that_are_not_dates_keep_the_refusal_as_it_was():
    df = _frame().assign(d=[f"id-{k}-{k % 7}" for k in range(120)])
    with pytest.raises(DataError, match="merge levels") as caught:
        mnlogit.fit("y ~ x + d", df)
    assert "dates" not in str(caught.value)


@pytest.mark.parametrize(("bom", "given"), [("utf-8-sig", "cp1252"), ("utf-16", "utf-8")])
def test_an_encoding_the_byte_order_mark_contradicts_is_refused(tmp_path, capsys, bom, given):
    path = tmp_path / "d.csv"
    path.write_bytes(_frame().to_csv(index=False).encode(bom))
    status, out, err = _run(capsys, "fit", path, "y ~ x", "--encoding", given)
    # was "column 'y' is not in the data (columns: ï»¿y, x)", and for UTF-16 the advice to
    # read it with --encoding cp1252
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "byte-order mark" in err and "leave out --encoding" in err
    assert _run(capsys, "fit", path, "y ~ x")[0] == 0


def test_a_file_the_encoding_given_cannot_start_names_the_option(tmp_path, capsys):
    path = tmp_path / "d.csv"
    _frame().to_csv(path, index=False)
    status, _, err = _run(capsys, "fit", path, "y ~ x", "--encoding", "utf-16")
    # was "... cannot be read as --encoding utf-16 text: UTF-16 stream does not start with
    # BOM", Python's words, with nothing of what to give
    assert status == 2 and err.count("\n") == 1, err
    assert "--encoding utf-16 reads text that starts with its byte-order mark, and the data" in err
    assert "leave out --encoding to read UTF-8, or give utf-16-le or utf-16-be" in err


@pytest.mark.parametrize("written", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("given", ["utf-16", "utf-32"])
def test_text_without_its_byte_order_mark_is_told_the_encoding_that_reads_it(
    tmp_path, capsys, written, given
):
    path = tmp_path / "d.csv"
    path.write_bytes(_frame().to_csv(index=False).encode(written))
    status, out, err = _run(capsys, "fit", path, "y ~ x", "--encoding", given)
    assert status == 2 and out == "" and err.count("\n") == 1, err
    assert err.rstrip().endswith(f"look like {written.upper()} text: give --encoding {written}")
    status, out, _ = _run(capsys, "fit", path, "y ~ x", "--encoding", written)
    assert status == 0 and out == str(mnlogit.fit("y ~ x", _frame()).summary()) + "\n"


def test_a_few_dates_written_as_text_fitted_as_a_factor_are_said(tmp_path, capsys):
    path = tmp_path / "d.csv"
    _frame().assign(wave=["2020-01-01", "2021-01-01", "2022-01-01"] * 40).to_csv(path, index=False)
    status, out, err = _run(capsys, "fit", path, "y ~ x + wave")
    # was fitted as a factor of three levels with nothing said
    assert status == 0 and "wave[T.2021-01-01]" in out
    assert "column 'wave' holds dates written as text (e.g. '2020-01-01')" in err
    assert "(3 levels): write C(wave) in the formula" in err
    status, out, err = _run(capsys, "fit", path, "y ~ x + C(wave)")
    assert status == 0 and "dates" not in err
    status, _, err = _run(capsys, "compare", path, "y ~ x", "y ~ x + wave")
    assert status == 0 and err.count("dates written as text") == 1 and "note: (2): " in err


def test_compares_notes_say_what_the_command_line_runs(capsys):
    models = ("risk ~ age", "risk ~ age + income")
    status, out, _ = _run(capsys, "compare", "--dataset", "risk", *models, "--method", "firth")
    assert status == 0
    said = " ".join(out.split())
    # was "... test them by the penalised likelihood-ratio test, anova() or mnlogit.lr_test
    # of the fit without them."
    assert "anova() or mnlogit.lr_test of the fit" not in said
    assert "(2): The data are completely separated" in said
    assert "which the command line does not run: in Python" in said
    fits = [mnlogit.fit(f, mnlogit.datasets.load("risk"), method="firth") for f in models]
    table = str(mnlogit.compare(fits))
    assert out.startswith(table.split("(2): ")[0])  # the table itself as Python prints it
    width = max(len(line) for line in table.split("(2): ")[0].splitlines())
    assert max(map(len, out.splitlines())) <= max(width, 60)


@pytest.mark.parametrize("command", ["fit", "compare"])
def test_a_firth_sandwich_refused_on_separated_data_names_the_options(capsys, command):
    models = ["risk ~ age + income"] if command == "fit" else ["risk ~ age", "risk ~ age + income"]
    argv = [command, "--dataset", "risk", *models, "--method", "firth", "--cov", "robust"]
    status, out, err = _run(capsys, *argv)
    # was "cov_type='robust' with method='firth': ...; use cov_type='nonrobust', ..."
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "--cov robust with --method firth: the data are completely separated" in err
    assert "use --cov nonrobust" in err and "cov_type" not in err


CODES = [["1-2-3", "4-5-6", "7-8-9"], ["1.2.3", "2.0.1", "1.10.0"], ["10/20/30", "1/2/3", "5/6/7"]]


@pytest.mark.parametrize("codes", CODES)
def test_codes_shaped_like_dates_without_a_year_are_not_called_dates(tmp_path, capsys, codes):
    path = tmp_path / "d.csv"
    _frame().assign(k=codes * 40).to_csv(path, index=False)
    status, _, err = _run(capsys, "fit", path, "y ~ x + k")
    assert status == 0 and "dates" not in err
