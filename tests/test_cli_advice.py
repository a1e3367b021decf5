"""The library's advice in Python code, said for the command line (run in process): a user of
``mnlogit fit`` has a data file, and ``df.rename(columns=...)`` or ``df['y'].str.strip()``
is no step they can take. Each case is a file that reaches one of the rewritten sentences."""

import unicodedata

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main

NFD = unicodedata.normalize("NFD", "é")
_WORDS = {"a": "low", "b": "mid", "c": "high"}


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(17)
    n = 120
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": np.round(rng.normal(size=n), 3),
            "z": np.round(rng.normal(size=n), 3),
        }
    )


def _outcome(**levels):
    return lambda d: d.assign(y=d["y"].map({"a": "a", "b": "b", "c": "c", **levels}))


@pytest.mark.parametrize(
    ("change", "formula", "said", "status"),
    [
        # was "write them alike first, e.g. df['y'] = df['y'].str.normalize('NFC')"
        (_outcome(b="café", c="cafe\u0301"), "y ~ x", "; write them alike in the file", 2),
        (_outcome(b="a\u200b"), "y ~ x", "; write them alike in the file", 2),
        (
            lambda d: d.assign(f=d["y"].map({"a": "é", "b": NFD, "c": "o"})),
            "y ~ x + f",
            ": write them alike in the file",
            2,
        ),
        # was "rename it (e.g. df.rename(columns={'Intercept': 'intercept_x'}))"
        (
            lambda d: d.rename(columns={"x": "Intercept"}),
            "y ~ Intercept",
            "rename it in the file's header (e.g. to 'intercept_x')",
            2,
        ),
        (
            lambda d: d.rename(columns={"x": "C"}).assign(C=lambda e: e["y"]),
            "y ~ z + C(C)",
            "rename the column in the file's header (e.g. to 'C_')",
            2,
        ),
        # was "replace it in the data first, e.g. df['g'] = df['g'].str.replace('`', '_')"
        (
            lambda d: d.assign(g=d["y"].map({"a": "a`b", "b": "c", "c": "d"})),
            "y ~ x + C(g, Treatment('a`b'))",
            "holds a backtick, which formulaic reads as opening a name in backticks even inside "
            "quotes, so the formula cannot be parsed: replace it in the file first (e.g. by _), "
            "and write 'a_b'",
            2,
        ),
        # was "write the names alike first, e.g. df.columns = df.columns.str.normalize('NFKC')"
        (
            lambda d: d.rename(columns={"x": NFD}),
            "y ~ é",
            "write the names alike in the formula and the file's header",
            2,
        ),
        (
            lambda d: d.rename(columns={"x": "é"}),
            f"y ~ {NFD}",
            "write the formula and the file's header in one form",
            2,
        ),
        # was "make the words missing first, e.g. df['x'] = pd.to_numeric(df['x'], ...)"
        (
            lambda d: d.assign(x=d["x"].astype(object).where(d.index % 2 == 1, d["y"].map(_WORDS))),
            "y ~ x",
            "make the words missing first, by giving them to --na-values;",
            2,
        ),
        # a warning: was "clean the column first (e.g. df['y'] = df['y'].str.strip())"
        (
            _outcome(b="a ", c=" a"),
            "y ~ x",
            "remove the spaces around the cells' text in the file",
            0,
        ),
    ],
)
def test_the_advice_is_a_step_on_the_data_file(tmp_path, capsys, change, formula, said, status):
    change(_frame()).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), formula]) == status
    err = capsys.readouterr().err
    assert said in err, err
    assert "df." not in err and "df[" not in err and "unicodedata" not in err
    assert err.startswith("mnlogit: error: " if status else "mnlogit: warning: ")
    assert err.count("\n") == 1


def test_blank_text_in_the_outcome_or_a_factor_is_refused_with_the_na_values(tmp_path, capsys):
    # a note called it fitted as an outcome (a level) of its own, then the library refused
    # it with advice in Python code
    df = _frame()
    for column, what in (("y", "outcome column 'y'"), ("f", "column 'f'")):
        blank = df.assign(f=df["y"])
        blank.loc[::5, column] = "  "
        blank.to_csv(tmp_path / "d.csv", index=False)
        assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + f"]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1
        assert err.startswith(f"mnlogit: error: {what} holds '  ' (24 rows): a blank cell is no")
        assert "add --na-values '  ' to read those cells as missing" in err
        assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + f", "--na-values", "  "]) == 0
        capsys.readouterr()


@pytest.mark.parametrize("column", ["y", "g"])
def test_a_level_only_dropped_rows_held_is_advised_as_a_step_on_the_file(tmp_path, capsys, column):
    # was "fill in the missing values to keep these rows, or drop the rows first
    # (df.dropna(subset=[...])) to fit without this warning", for the outcome or a factor
    df = _frame()
    df["g"] = np.random.default_rng(3).choice(["low", "mid", "high"], len(df))
    df["z"] = df["z"].where(df[column] != ("c" if column == "y" else "high"))
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + g + z"]) == 0
    warning = capsys.readouterr().err.splitlines()[0]
    what = "outcome 'y'" if column == "y" else "factor 'g'"
    assert warning.startswith(f"mnlogit: warning: {what}: level") and "no rows left" in warning
    assert warning.endswith(
        "fill in the missing values in the file to keep these rows, or remove the rows "
        "from the file to fit without this warning"
    )
    assert "df." not in warning


@pytest.mark.parametrize(
    ("outcome", "said"),
    [
        # was "Merge them with another level, drop their rows, or use method='firth'."
        (["a", "b", "c"] * 20 + ["d"], "or use --method firth."),
        # was "... cut it into bands first (pd.cut), or fit a regression ..."
        ([k / 10 for k in range(30)] * 2 + [0.0], "cut it into bands in the file first"),
    ],
)
def test_a_very_rare_outcome_is_advised_with_the_commands_options(tmp_path, capsys, outcome, said):
    x = np.round(np.random.default_rng(8).normal(size=len(outcome)), 3)
    pd.DataFrame({"y": outcome, "x": x}).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--max-iter", "3"]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "very rare" in line]
    assert len(warnings) == 1 and said in warnings[0], warnings
    assert "method=" not in warnings[0] and "pd." not in warnings[0]


@pytest.mark.parametrize(
    ("formula", "said"),
    [
        # was "... write y on the left (a pandas Categorical sets the levels' order)"
        ("factor(y) ~ x", "factor() is R's; an outcome is read as levels as it is: write y"),
        # was "Compute the outcome column first (a pandas Categorical sets the level order)"
        ("C(y) ~ x", "C() is for predictors; an outcome is read as levels as it is: write y"),
        ("np.log(x) ~ z", "Compute the outcome column in the file first"),
        # was "write the column converted before the fit, e.g. df[col] = pd.to_numeric(...)"
        ("y ~ as.numeric(x)", "write the column as it is: a column of the file that holds only"),
        # was "write the column cut before the fit, e.g. df['band'] = pd.cut(df[col], bins)"
        ("y ~ cut(x, 3)", "write the bands in a column of the file, as C(band)"),
        # was "write design=mnlogit.SurveyDesign(strata='column') in mnlogit.fit()"
        ("y ~ x + strata(z)", "fit in Python with design=mnlogit.SurveyDesign(strata='column')"),
    ],
)
def test_r_habits_in_the_formula_are_advised_for_the_data_file(tmp_path, capsys, formula, said):
    _frame().to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), formula]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1, err
    assert "pandas" not in err and "df[" not in err and "pd." not in err


def test_a_reference_typed_in_another_unicode_form_is_advised_for_the_command_line(
    tmp_path, capsys
):
    _outcome(b="café")(_frame()).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--ref", f"caf{NFD}"]) == 2
    err = capsys.readouterr().err
    # was "write it as the level is, unicodedata.normalize('NFC', ...)", Python's code
    assert "give it as the file writes the level (Unicode form NFC)" in err, err
    assert "unicodedata" not in err and err.count("\n") == 1


def _with_nan(d: pd.DataFrame) -> pd.DataFrame:
    return d.assign(x=d["x"].where(d.index % 7 != 0))


@pytest.mark.parametrize(
    ("change", "formula", "said"),
    [
        # was "subtract a constant first, e.g. df['k'] = df['k'] - df['k'].min()"
        (
            lambda d: d.assign(k=[str(2**60 + i) for i in range(len(d))]),
            "y ~ k",
            "subtract a constant from the column in the file first, or write C(k)",
        ),
        # was "to use one, add it as a column first (df.assign(factor_k=factor_k))"
        (lambda d: d, "y ~ I(x * factor_k)", "to use another value, add it as a column of"),
        # was "add the lagged column to the data (df.assign(x_lag=df['x'].shift(1)), ...)
        # ... dropped with missing='drop'", an option the command line does not have
        (lambda d: d, "y ~ lag(x)", "add the lagged column to the file"),
        # was "fill in the column before the fit, e.g. df['x'] = df['x'].fillna(0)"
        (_with_nan, "y ~ np.isnan(x)", "fill in the column in the file, and give"),
        # was "write the column computed before the fit, e.g. df['x_c'] = df[col] - ..."
        (lambda d: d, "y ~ I(x - median(x))", "the column computed before the fit, in the file"),
        # the rewritten example took the parenthesis that closed the remark around it
        (lambda d: d, "y ~ x + ``", "renamed first in the file's header (e.g. to 'x'))"),
    ],
)
def test_a_column_to_compute_is_advised_in_the_file(tmp_path, capsys, change, formula, said):
    change(_frame()).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), formula]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1, err
    for python in ("df.", "df[", "pd.", "missing=", ".shift(", ".fillna("):
        assert python not in err, (python, err)
    assert err.count("(") == err.count(")"), err


def test_an_outcome_of_a_level_per_row_is_advised_with_what_the_command_line_has(tmp_path, capsys):
    # was "cut it into bands (pd.cut) ... or fit with penalty='l2'", a keyword of Python's fit
    # given as if the command had it
    df = _frame().assign(y=lambda d: [f"u{i}" for i in range(len(d))])
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x"]) == 2
    err = capsys.readouterr().err
    assert "outcome 'y' has 120 levels" in err and err.count("\n") == 1, err
    assert "cut it into bands in a column of the file or fit a regression" in err
    assert err.rstrip().endswith(
        "or fit with an L2 penalty in Python: mnlogit.fit(formula, df, penalty='l2')"
    )
