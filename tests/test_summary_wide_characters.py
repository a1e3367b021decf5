"""Text tables of CJK names: a wide character takes two columns of a terminal, and the
summary's rules, its wrapped header items and the notes of every table count it so (they
counted characters, and a formula of Japanese names ran past the rules, unwrapped)."""

from __future__ import annotations

import textwrap
import warnings

import numpy as np
import pytest
from wcwidth import wcswidth

import mnlogit
from mnlogit.report._format import wrap

REF = "自動車（自家用車・社用車・レンタカーを含む全ての乗用車）"
NAMES = [
    "駐車場の料金",
    "世帯の年間所得",
    "目的地までの距離",
    "回答者の年齢",
    "交通手段の費用の合計",
]


@pytest.fixture(scope="module")
def wide() -> mnlogit.MNLogitResults:
    df = mnlogit.datasets.load("travel").dropna()
    df = df.rename(
        columns={"parking": NAMES[0], "income": NAMES[1], "distance": NAMES[2], "age": NAMES[3]}
    )
    df["mode"] = df["mode"].replace({"car": REF})
    df[NAMES[4]] = df[NAMES[0]] * 0.5 + np.random.default_rng(0).normal(size=len(df))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mnlogit.fit("mode ~ " + " + ".join(NAMES), df, ref=REF)


def test_no_line_of_the_summary_runs_past_its_rules(wide):
    lines = str(wide.summary()).splitlines()
    rule = lines[1]
    assert set(rule) == {"="}
    assert max(wcswidth(line) for line in lines) == len(rule)
    formula = next(k for k, line in enumerate(lines) if line.startswith("Formula"))
    # the formula wraps, its continuation under itself
    after = lines[formula + 1]
    assert after.startswith(" " * len("Formula    ")) and NAMES[4] in after


def test_the_comparison_s_notes_wrap_at_its_width(wide):
    text = mnlogit.compare([wide], names=["全ての説明変数を含むモデル"]).as_text()
    lines = text.splitlines()
    notes = lines[lines.index(lines[0], 1) + 1 :]  # after the closing rule
    assert any(REF[:5] in line for line in notes)
    assert max(wcswidth(line) for line in notes) <= max(len(lines[0]), 60)


def test_wrap_counts_columns_and_keeps_textwrap_for_narrow_text():
    text = " ".join(["交通手段の費用"] * 12)
    out = wrap(text, 40, indent="    ")
    lines = out.splitlines()
    assert len(lines) > 1
    assert all(wcswidth(line) <= 40 for line in lines)
    assert all(line.startswith("    ") for line in lines[1:])
    assert " ".join(line.strip() for line in lines) == text
    narrow = "a fit of the Größe of  every row, with two spaces " * 4
    assert wrap(narrow, 30, indent="  ") == textwrap.fill(
        narrow, 30, subsequent_indent="  ", break_on_hyphens=False, break_long_words=False
    )


def test_a_word_wider_than_the_line_is_kept_whole():
    out = wrap("短い " + "長" * 30 + " 後", 20, indent=" ")
    assert out.splitlines() == ["短い", " " + "長" * 30, " 後"]


def test_the_rules_of_a_comparison_count_combining_marks_as_no_column():
    # a term of decomposed accents (e + U+0301, as macOS writes file names) counted two
    # characters a column: the comparison's rules ran 30 columns past its rows
    rng = np.random.default_rng(1)
    name = "e\u0301" * 30
    df = mnlogit.datasets.load("travel").iloc[:300].assign(**{name: rng.normal(size=300)})
    res = mnlogit.fit(f"mode ~ `{name}`", df, ref="car")
    lines = mnlogit.compare([res, res]).as_text().splitlines()
    assert set(lines[0]) == {"="}
    rows = [line for line in lines if name in line]
    dashes = lines[2]  # tabulate's rule under the header, as wide as the columns
    assert set(dashes) == {"-", " "} and len(lines[0]) == len(dashes)
    assert len(rows) == 3 and max(wcswidth(line) for line in rows) <= len(dashes)
