"""A level named in a note, a warning or a figure's title reads as the summary and the tables
print it: a date level wrote Timestamp('2021-01-01 00:00:00') (or, lost to missing values,
datetime.datetime(2023, 1, 1, 0, 0)) where the summary writes 2021-01-01 00:00:00. Texts
keep their quotes."""

from __future__ import annotations

import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import LevelError

matplotlib.use("Agg")

DATES = pd.to_datetime(["2020-01-01", "2021-01-01", "2022-06-30", "2023-01-01"])


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 400
    df = pd.DataFrame({"x": rng.standard_normal(n), "z": rng.standard_normal(n)})
    df["y"] = DATES[rng.integers(0, 3, n)]
    return df


def _messages(fit) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit()
    return [str(w.message) for w in caught]


def test_a_rare_date_level_is_warned_of_as_the_summary_prints_it(frame):
    df = frame.copy()
    df.loc[0, "y"] = DATES[3]
    said = [m for m in _messages(lambda: mnlogit.fit("y ~ x", df)) if "very rare" in m]
    assert said and "level(s) 2023-01-01 00:00:00 (1 observation)" in said[0], said


def test_a_date_level_lost_to_missing_values_is_warned_of_as_the_summary_prints_it(frame):
    df = frame.copy()
    df.loc[0, "y"] = DATES[3]
    df.loc[0, "z"] = np.nan
    said = [m for m in _messages(lambda: mnlogit.fit("y ~ x + z", df)) if "no rows left" in m]
    assert said and "level 2023-01-01 00:00:00 has no rows left" in said[0], said


def test_notes_and_titles_name_the_reference_as_the_summary_prints_it(frame):
    full = mnlogit.fit("y ~ x + z", frame, ref=DATES[1])
    small = mnlogit.fit("y ~ x", frame)
    shown = "2021-01-01 00:00:00"
    assert f"Reference  {shown}" in str(full.summary())
    notes = [
        mnlogit.lr_test(small, full).note,
        mnlogit.compare([full]).notes[0],
        str(mnlogit.compare([full])),
        full.plot_odds_ratios().axes[0].get_title(),
    ]
    assert all("Timestamp(" not in note for note in notes), notes
    assert f"re-expressed against the full model's {shown}:" in notes[0]
    assert notes[1] == f"Coefficients against the reference outcome {shown}."
    assert notes[3] == f"y: odds ratios against {shown}"


def test_a_text_reference_keeps_its_quotes(frame):
    df = frame.assign(y=frame["y"].dt.strftime("d%Y"))
    res = mnlogit.fit("y ~ x", df, ref="d2021")
    assert mnlogit.compare([res]).notes[0] == "Coefficients against the reference outcome 'd2021'."


def test_separation_names_date_levels_as_the_summary_prints_them():
    # the warning, res.separation and the summary's note wrote Timestamp('2022-06-30 00:00:00')
    rng = np.random.default_rng(0)
    x = rng.standard_normal(300)
    k = rng.integers(0, 2, 300)
    k[x > 1] = 2
    df = pd.DataFrame({"x": x, "y": DATES[k]})
    said = [m for m in _messages(lambda: mnlogit.fit("y ~ x", df)) if "separation" in m]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x", df)
    for text in [*said, str(res.separation), " ".join(str(res.summary()).split())]:
        assert "Timestamp(" not in text
        assert "outcome(s) 2022-06-30 00:00:00 (50 rows) from" in text
        assert "(against reference 2020-01-01 00:00:00) diverge" in text


def test_a_date_factor_level_lost_to_missing_values_is_warned_of_as_its_term_prints_it(frame):
    # "factor 'd': level Timestamp('2022-06-30 00:00:00') (1 rows) has no rows left", where
    # the factor's terms read C(d)[T.2021-01-01 00:00:00]
    df = frame.assign(d=DATES[np.arange(len(frame)) % 2])
    df.loc[0, "d"] = DATES[2]
    df.loc[0, "x"] = np.nan
    said = [m for m in _messages(lambda: mnlogit.fit("y ~ x + C(d)", df)) if "factor 'd'" in m]
    assert said and "level 2022-06-30 00:00:00 (1 row) has no rows left" in said[0], said


def test_a_run_of_spaces_in_a_level_named_in_a_note_is_not_collapsed():
    # 'a  b' in the separation note read as the other level 'a b' once HTML collapsed it
    rng = np.random.default_rng(0)
    x = rng.standard_normal(300)
    k = rng.integers(0, 2, 300)
    k[x > 1] = 2
    df = pd.DataFrame({"x": x, "y": np.array(["a b", "z", "a  b"])[k]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x", df, ref="z")
    assert "outcome(s) &#x27;a \\x20b&#x27; (50 rows)" in res.summary()._repr_html_()


def test_a_term_with_a_run_of_spaces_named_by_separation_is_not_collapsed():
    # 'x  y' beside the term 'x y': both read 'x y' in the HTML summary's separation note
    rng = np.random.default_rng(0)
    x = rng.standard_normal(300)
    k = rng.integers(0, 2, 300)
    k[x > 1] = 2
    X = pd.DataFrame({"Intercept": 1.0, "x  y": x, "x y": rng.standard_normal(300)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.MNLogit(np.array(["a", "b", "c"])[k], X).fit()
    assert "&#x27;x \\x20y&#x27;, &#x27;x y&#x27; in the equation" in res.summary()._repr_html_()


def _one_row_dropped() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    n = 60
    df = pd.DataFrame({"y": np.resize(["a", "b"], n), "x": rng.standard_normal(n)})
    df["g"] = np.resize(["u", "v", "w"], n)
    df.loc[0, ["y", "x"]] = ["c", np.nan]  # the one row of outcome c, dropped
    return df


def test_a_level_lost_to_one_row_dropped_is_said_of_one_row():
    # was "... has no rows left after dropping the 1 rows with missing values"
    df = _one_row_dropped()
    said = [m for m in _messages(lambda: mnlogit.fit("y ~ x", df)) if "no rows left" in m]
    assert said and "after dropping the 1 row with missing values:" in said[0], said
    df.loc[0, "y"] = "a"
    df.loc[df["g"] == "w", "g"] = "v"
    df.loc[0, "g"] = "w"
    said = [m for m in _messages(lambda: mnlogit.fit("y ~ x + g", df)) if "no rows left" in m]
    assert said and "after dropping the 1 row with missing values in 'x'" in said[0], said


def test_an_outcome_or_factor_left_one_level_by_one_row_is_said_of_one_row():
    df = _one_row_dropped().assign(y="a")
    df.loc[0, "y"] = "c"
    with pytest.raises(mnlogit.MNLogitError, match="after dropping the 1 row with missing"):
        mnlogit.fit("y ~ x", df)
    df = _one_row_dropped().assign(g="u")
    df.loc[0, "g"] = "w"
    with pytest.raises(mnlogit.MNLogitError, match=r"after dropping 1 row with missing values"):
        mnlogit.fit("y ~ x + g", df)


def test_a_reference_nearest_one_level_names_that_level_by_what_differs():
    # ' a' beside 'A' and 'a' was said to differ from both "only by white space and letter
    # case", where 'a' differs by its space alone
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"y": np.resize(["A", "a", "b"], 60), "x": rng.standard_normal(60)})
    with pytest.raises(LevelError) as err:
        mnlogit.fit("y ~ x", df, ref=" a")
    assert "(' a' and the level 'a' differ only by white space)" in str(err.value)
    with pytest.raises(LevelError) as err:
        mnlogit.fit("y ~ x", df, ref=" B")
    assert "(' B' and the level 'b' differ only by white space and letter case)" in str(err.value)
