"""Column names whose Unicode form is not the one Python reads in a formula's expression."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, DataError


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# letters Python reads as another letter (NFKC) that letter case folds alike too: the micro
# sign and the Greek mu, the ligature ﬁ and fi, the Kelvin sign and K
FOLDED_ALIKE = [
    c
    for c in map(chr, range(0xA0, 0x10000))
    if c.isidentifier()
    and _nfkc(c) != c
    and _nfkc(c).isidentifier()
    and c.casefold() == _nfkc(c).casefold()
]


def _data(name: str) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 60
    return pd.DataFrame(
        {name: rng.normal(size=n), "y": np.array(["a", "b", "c"])[np.arange(n) % 3]}
    )


@settings(max_examples=25, deadline=None)
@given(letter=st.sampled_from(FOLDED_ALIKE), tail=st.sampled_from(["", "x", "_2"]))
def test_a_header_python_reads_in_another_form_is_named_by_its_unicode_form(letter, tail):
    # a column 'µx' (micro sign) in I(µx * 2): Python reads the Greek mu, which is not a
    # column; the message said the column differed 'only by letter case', and renaming by
    # case finds nothing to change
    name = letter + tail
    assert FOLDED_ALIKE  # the class is not empty on this Python
    with pytest.raises(ColumnNotFoundError, match="only in its Unicode form") as err:
        mnlogit.fit(f"y ~ I({name} * 2)", _data(name))
    assert "letter case" not in str(err.value)
    fixed = _data(name)
    fixed.columns = fixed.columns.str.normalize("NFKC")  # what the message says to do
    mnlogit.fit(f"y ~ I({name} * 2)", fixed)


def test_letter_case_is_still_named_as_such():
    with pytest.raises(ColumnNotFoundError, match="only by letter case"):
        mnlogit.fit("y ~ I(X * 2)", _data("x"))


# characters NFKC writes otherwise: superscripts, ligatures, full-width and compatibility forms
# (not the Kelvin sign, which is K even in NFC: those print alike, and two used are refused)
COMPATIBLE = [
    c
    for c in map(chr, range(0xA0, 0x3000))
    if _nfkc(c) != c
    and unicodedata.normalize("NFC", c) == c
    and _nfkc(c).isalnum()
    and _nfkc(c).isascii()
    and c.isprintable()
]


def _word(name: str) -> str:
    return name if name.isidentifier() else f"`{name}`"


@settings(max_examples=25, deadline=None)
@given(char=st.sampled_from(COMPATIBLE), which=st.sampled_from(["plain", "other", "both"]))
def test_columns_whose_names_nfkc_makes_one_are_each_looked_up_as_written(char, which):
    # columns 'x2' and 'x²' (or 'xfi' and 'xﬁ'): y ~ x2 was refused as a column named twice
    # in another Unicode form, though a formula looks a plain or backticked name up as written
    plain, other = "x" + _nfkc(char), "x" + char
    rng = np.random.default_rng(1)
    df = _data(plain).assign(**{other: rng.normal(size=60)})
    used = {"plain": [plain], "other": [other], "both": [plain, other]}[which]
    res = mnlogit.fit("y ~ " + " + ".join(map(_word, used)), df)
    alone = mnlogit.fit("y ~ " + " + ".join(map(_word, used)), df[["y", *used]])
    np.testing.assert_allclose(res.params, alone.params, rtol=1e-12)
    assert list(res.params.index) == ["Intercept", *used]


def test_two_columns_used_that_print_alike_are_refused():
    # the Kelvin sign is K in NFC too: as two rows of params they would read alike
    df = _data("xK").assign(**{"x\u212a": 1.0})
    with pytest.raises(DataError, match="another Unicode form"):
        mnlogit.fit("y ~ xK + `x\u212a`", df)


@pytest.mark.parametrize("script", ["\u00b2", "\u2082", "\u00b9"])  # ², ₂, ¹
def test_a_column_written_with_a_superscript_keeps_its_own_row_in_latex(script):
    # 'x2' and 'x²' are two columns a formula reads apart; the LaTeX exports wrote ² as 2, so
    # the table had two rows labelled x2 with different coefficients
    plain = "x" + _nfkc(script)
    rng = np.random.default_rng(3)
    df = _data(plain).assign(**{"x" + script: rng.normal(size=60)})
    res = mnlogit.fit(f"y ~ {plain} + `x{script}`", df, ref="a")
    tables = [res.to_latex(), res.summary().as_latex(), mnlogit.compare([res]).as_latex()]
    for table in tables:
        rows = [line.split(" & ")[0] for line in table.splitlines() if " & " in line]
        labels = [r for r in rows if r.startswith("x")]
        # two columns in each of two equations, each under a label of its own
        assert len(labels) == 4 and len(set(labels)) == 2, labels
        assert labels.count(plain) == 2


def test_a_variable_named_in_another_unicode_form_is_refused_saying_so():
    # margins, effects and plots refused 'café' with a combining accent by listing the
    # model's 'café', which prints the same: nothing said why it was no variable
    pytest.importorskip("matplotlib")
    nfc = unicodedata.normalize("NFC", "caf\u00e9")
    nfd = unicodedata.normalize("NFD", nfc)
    rng = np.random.default_rng(2)
    df = _data("x").assign(**{nfc: rng.choice(["p", "q"], 60)})
    res = mnlogit.fit(f"y ~ x + {nfc}", df)
    said = r"'caf\\xe9'\) differs from it \('cafe\\u0301'\) only in its Unicode form"
    calls = [
        lambda: res.margins(at={nfd: "p"}),
        lambda: res.margins(over=nfd),
        lambda: res.margins(kind="effect", variables=nfd),
        lambda: res.marginal_effects(variables=nfd),
        lambda: res.margins(over=nfc).contrast(nfd),
        lambda: res.plot_probabilities(nfd),
        lambda: res.plot_probabilities("x", at={nfd: "p"}),
    ]
    for call in calls:
        with pytest.raises(ColumnNotFoundError, match=said):
            call()
