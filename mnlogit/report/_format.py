"""Cell formatting and escaping shared by every rendering: numbers, p-values, labels, HTML
and Markdown labels, CSV cells, wrapped notes (LaTeX's escaping is in ``_latex``)."""

from __future__ import annotations

import csv
import decimal
import html
import math
import re
import textwrap
import unicodedata
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from wcwidth import wcswidth

__all__ = [
    "NOT_SHOWN",
    "NO_MATH",
    "P_LEVELS",
    "count",
    "coverage",
    "csv_cell",
    "csv_safe",
    "csv_shown",
    "csv_text",
    "formula_text",
    "level_items",
    "level_list",
    "level_text",
    "num",
    "pval",
    "quantile_labels",
    "ratio",
    "ratio_overflow_note",
    "ratio_std_error",
    "shown_or_not",
    "stat",
    "text_width",
    "value_label",
    "visible",
    "wrap",
]


NOT_SHOWN = "--"  # a table's cell with no number (NaN); the notes say why

# the classes MathJax 2 and 3 leave alone, on every HTML rendering: JupyterLab and the classic
# notebook typeset HTML outputs, so labels such as the levels "$0-$50" and "$50-$100" (a pair
# of $) or "a \(b\)" were set as mathematics, dollar signs gone; pandas marks its tables
# so when display.html.use_mathjax is off
NO_MATH = "tex2jax_ignore mathjax_ignore"


# --- numbers and escaping ------------------------------------------------------------------------
def num(x: float) -> str:
    """Four decimals in the everyday range, otherwise 4 significant digits in e-notation.

    The everyday range starts at 1e-3, where four decimals keep two significant digits (the
    number shown is within 5% of it); from 1e-4 they kept one, and 0.000149 was shown as
    0.0001, a third less.
    """
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    a = abs(x)
    if a == 0 or 1e-3 <= a < 1e6:
        return f"{x + 0.0:.4f}"  # + 0.0 turns -0.0 into 0.0
    return f"{x:.3e}"


def ratio(x: float, log: float | None = None) -> str:
    """A relative-risk ratio or a bound of its interval: as :func:`num`, but within 1e-3 of
    1 with the decimals that keep two significant digits of its distance from 1, which is
    what the ratio says (num's rule for a coefficient, read on exp(coef)). Four decimals
    showed the ratio 0.9999775 of a slope in dollars (coef -2.25e-05, p < 0.0001) as
    1.0000, its interval as [1.0000, 1.0000]: no effect, known exactly.

    ``log``, the coefficient or bound that ``x`` is exp of, gives the distance from 1 where
    ``x`` holds too few digits of it: exp(2.2e-17), the ratio of a slope per nanosecond
    (a time stamp as int64), is 1.0 in float64, and was shown 1.0000 with the interval
    [1.0000, 1.0000] beside p < 0.0001. ``expm1(log)`` keeps the distance; the ratio is
    written out in decimals from it (1.000000000000000022), or past 20 decimals as 1 and
    the distance (1-1.9e-202).

    Examples
    --------
    >>> ratio(0.99997)
    '0.999970'
    >>> ratio(1.0, log=2.2e-17)
    '1.000000000000000022'
    >>> ratio(1.0, log=-2.2e-17)
    '0.999999999999999978'
    >>> ratio(1.0, log=-1.867e-202)
    '1-1.9e-202'
    """
    x = float(x)
    if log is not None and math.isfinite(log):
        distance = math.expm1(float(log))
        # below 1e-13 float64's spacing near 1 (2.2e-16) is over 0.2% of the distance
        if 0 < abs(distance) < _FEW_DIGITS_NEAR_ONE:
            return _exact_near_one(distance)
    gap = abs(x - 1.0)
    if math.isfinite(x) and 0 < gap < 1e-3:
        # float64 holds about 16 decimals of a number near 1: past them there is no digit
        return f"{x:.{min(16, 1 - math.floor(math.log10(gap)))}f}"
    return num(x)


_FEW_DIGITS_NEAR_ONE = 1e-13
_MOST_DECIMALS = 20


def _exact_near_one(distance: float) -> str:
    """1 + ``distance`` in decimals, to two significant digits of ``distance``, or, where
    that takes more than :data:`_MOST_DECIMALS` (a column in units of 1e-200 had ratios of
    200 decimals), as ``1-1.9e-202``."""
    digits = 1 - math.floor(math.log10(abs(distance)))
    if digits > _MOST_DECIMALS:
        return f"1{distance:+.1e}"
    # the caller's decimal context (its precision, its traps) is not the one used
    with decimal.localcontext(decimal.Context(prec=digits + 20)):
        value = decimal.Decimal(1) + decimal.Decimal(distance)
        return f"{value.quantize(decimal.Decimal(1).scaleb(-digits)):f}"


def stat(x: float) -> str:
    """A log-likelihood, AIC, BIC or test statistic: as :func:`num`, but with every digit
    before the point from 1e6 on (to 1e15), where :func:`num` keeps four: two models'
    log-likelihoods of -1342345.7 and -1342300.1 (large frequency weights) must not both
    read -1.342e+06, their difference being the point of showing them."""
    x = float(x)
    if math.isfinite(x) and 1e6 <= abs(x) < 1e15:
        return f"{x:.4f}"
    return num(x)


# how far from a whole number a sum of weights may be and still be one, relative to it
SUM_ROUNDING = 1e-12


def count(x: float) -> str:
    """A number of observations (a sum of frequency weights, a population size): whole
    numbers in full (1197710, where ``:g`` wrote 1.19771e+06), also where a sum of
    weights rounded them (23999.999999999996), others as :func:`stat`, with the decimals
    of the sum: a population of 364627224.75 read 364627225, a whole number it is not."""
    x = float(x)
    whole = round(x) if math.isfinite(x) and abs(x) < 1e15 else None
    # relative to x, and never 0 for a nonzero x: a population of sampling weights of
    # 1e-300 each, whose sum was within 1e-9 of 0, read 0. A sum's rounding is some
    # log2(n) eps of it (numpy sums pairwise); 1e-9 of a population of 3.6e8 is 0.36,
    # which passed its quarter for a whole number
    if whole is not None and abs(x - whole) <= SUM_ROUNDING * abs(x) and (whole != 0 or x == 0):
        return f"{whole:d}"
    return stat(x)


def _faithful(x: float, tail: float, limit: float, otherwise: str) -> str:
    """``x`` with six significant digits, or as many more as keep its distance from ``limit``
    (the tail, ``tail``) to a thousandth, else ``otherwise``: at alpha = 1e-10, ``:g`` wrote the
    upper quantile 0.99999999995 as 1 and the coverage 99.99999999% as 100%, intervals
    that would have no bounds (below alpha = 1e-16 no double holds 1 - alpha)."""
    for digits in range(6, 18):
        text = f"{x:.{digits}g}"
        if abs(float(text) - x) <= 1e-3 * tail and float(text) != limit:
            return text
    return otherwise


def quantile_labels(alpha: float) -> tuple[str, str]:
    """The headers of a ``1 - alpha`` interval's bounds, the quantiles alpha/2 and
    1 - alpha/2: ``("0.025", "0.975")``, ``("5e-11", "0.99999999995")``,
    ``("5e-21", "1-5e-21")``."""
    lower = f"{alpha / 2:g}"
    return lower, _faithful(1 - alpha / 2, alpha / 2, 1.0, f"1-{lower}")


def coverage(alpha: float) -> str:
    """The coverage of a ``1 - alpha`` interval as a percentage: ``"95%"``, and
    ``"99.99999999%"`` at alpha = 1e-10 (not ``"100%"``)."""
    return _faithful(100 * (1 - alpha), 100 * alpha, 100.0, f"(100-{100 * alpha:g})") + "%"


def shown_or_not(shown: Callable[[float], str], value: float) -> str:
    """``shown(value)``, or :data:`NOT_SHOWN` where the value is NaN (the notes say why)."""
    return NOT_SHOWN if math.isnan(value) else shown(value)


# the levels a p-value is read against: the stars of compare() (0.05, 0.01, 0.001) and the
# commonest error rates of intervals
P_LEVELS = (0.1, 0.05, 0.01, 0.001)


def pval(p: float, alpha: float | None = None) -> str:
    """A p-value with four decimals, ``<0.0001`` below 5e-5, and with the decimals that keep
    it below a level it is below (:data:`P_LEVELS` and ``alpha``, the error rate of the
    intervals beside it): p = 0.049996 was shown 0.0500, not below 0.05, beside an interval
    that excludes 0 (and compare's star), as R's 0.04996 is.

    Examples
    --------
    >>> pval(0.04567), pval(3e-9), pval(0.049996), pval(0.0099996), pval(0.19996, alpha=0.2)
    ('0.0457', '<0.0001', '0.049996', '0.0099996', '0.19996')
    >>> pval(0.12345, alpha=0.123456)
    '0.12345'
    """
    p = float(p)
    if math.isnan(p):
        return "nan"
    if p < 5e-5:
        return "<0.0001"
    text = f"{p:.4f}"
    levels = P_LEVELS if alpha is None else (*P_LEVELS, alpha)
    crossed = [level for level in levels if p < level <= float(text)]
    if crossed:
        # rounded up onto or past a level: as many decimals as keep it below (17 tell any
        # double apart from its neighbours)
        level = min(crossed)
        text = next((t for d in range(5, 18) if float(t := f"{p:.{d}f}") < level), repr(p))
    return text


_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_ACCOUNTING = re.compile(r"\(\s*[+-]?(\d[\d,]*\.?\d*|\.\d+)([eE][+-]?\d+)?\s*\)")
# what Excel and Google Sheets read as a date or a time of day: 1-2 (2 January), 3/15/2023,
# 1.2.2020, 12:30, 7:30 pm, MARCH1 and Sept2 (the gene-name errors), 5 may, Jan 2020; and
# 1 1/2 as the number 1.5
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?"
# what pandas' read_csv reads as a missing value by default (R's read.csv: NA): an outcome
# "None" or a column "NA" came back from the CSV as NaN, its rows unlabelled
_READ_AS_MISSING = frozenset(
    "#N/A|#N/A N/A|#NA|-1.#IND|-1.#QNAN|-NaN|-nan|1.#IND|1.#QNAN|<NA>|N/A|NA|NULL|NaN|None"
    "|n/a|nan|null".split("|")
)
_DATE_OR_TIME = re.compile(
    rf"(?i)(?:\d{{1,4}}([-/])\d{{1,2}}(?:\1\d{{1,4}})?|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}"
    rf"|{_MONTH}[-/ ]?\d{{1,4}}|\d{{1,2}}[-/ ]?{_MONTH}(?:[-/ ]\d{{1,4}})?|\d+ \d+/\d+)"
    rf"(?:\s+{_TIME})?|{_TIME}"
)


def csv_cell(value: Any) -> Any:
    """``value``, with a leading ``'`` if it is text a spreadsheet would run as a formula.

    Cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are formulas
    to Excel, LibreOffice and Google Sheets (OWASP, "CSV Injection"); the quote makes them
    text. Numbers, and text that is just a number as a spreadsheet shows it (an outcome level
    ``-1``), are left alone; text a spreadsheet would show as another number (``00``, ``1.0``,
    ``1e3``, a code of 16 digits or more), as a date or a time (``1-2``, ``3/4``, ``12:30``,
    ``MARCH1``), text pandas and R read as a missing value (``None``, ``NA``, ``null``) and
    a number in parentheses (a model named ``(1)``, see :func:`csv_shown`) are quoted.
    Text that begins with ``'`` gets one more, so that one leading ``'`` taken off any label
    that has one gives it back: the outcome levels ``00`` and ``'00`` were both written
    ``'00`` (pandas refused the table with a bare ``ValueError``, two index values alike).
    """
    if isinstance(value, str) and value.startswith("'"):
        return "'" + value
    if isinstance(value, str) and value.startswith(_CSV_FORMULA_START):
        if not _NUMBER.fullmatch(value):
            return "'" + value
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        # a label read as a number is shown as that number: the levels "0" and "00" (or
        # "1" and "1.0"), which the command line fits apart, both showed as 0 (or 1)
        number = float(value)
        if f"{number:.15g}" != value or (number == 0 and value != "0"):
            return "'" + value
    if isinstance(value, str) and (_DATE_OR_TIME.fullmatch(value) or value in _READ_AS_MISSING):
        # a date or time to a spreadsheet (the outcome bands 1-2, 3-5), or missing to a reader
        return "'" + value
    return csv_shown(value) if isinstance(value, str) else value


def csv_shown(cell: str) -> str:
    """A displayed cell of numbers as CSV: a standard error in parentheses, ``(0.1233)``, gets
    a leading ``'``, since Excel and LibreOffice read a number in parentheses as a negative
    one (accounting notation): opened in a spreadsheet, every standard error became -0.1233."""
    if _ACCOUNTING.fullmatch(cell.strip()):
        return "'" + cell
    return cell


def _label_cell(label: Any) -> Any:
    """A row's label as CSV: as :func:`csv_cell`, and the empty label (a column of arrays
    named ``''``) as ``'``, which one leading ``'`` taken off gives back: an empty cell is
    read back as a missing value, the row unlabelled."""
    return "'" if isinstance(label, str) and not label else csv_cell(label)


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text label and text cell passed through :func:`csv_cell`:
    what every CSV export writes. Number columns are untouched."""
    out = frame.copy(deep=False)

    def labels(index: pd.Index) -> pd.Index:
        if isinstance(index, pd.MultiIndex):
            return index.set_levels([labels(level) for level in index.levels]).set_names(
                [csv_cell(n) for n in index.names]
            )
        if index.dtype == object or isinstance(index.dtype, (pd.StringDtype, pd.CategoricalDtype)):
            index = index.map(_label_cell)
        return index.set_names(csv_cell(index.name))

    out.index = labels(out.index)
    out.columns = labels(out.columns)
    for j in range(out.shape[1]):
        col = out.iloc[:, j]
        if col.dtype == object or isinstance(col.dtype, (pd.StringDtype, pd.CategoricalDtype)):
            out.isetitem(j, col.map(csv_cell))
    return out


def csv_text(frame: pd.DataFrame, index: bool = True) -> str:
    """``frame.to_csv()``, with the text cells quoted when one holds a carriage return: pandas
    quotes a cell holding a line feed but writes a lone ``\r`` as it is, which readers take
    for the end of a row (a term ``a\rb`` made a table of 6 rows read back as 11 rows of
    shifted cells). Numbers are written as they are either way, in full also under numpy's
    legacy printing (``np.set_printoptions(legacy="1.13")``, which code keeping old doctests
    sets), with which pandas wrote 12 significant digits: every exported number rounded."""
    texts = [*_texts(frame.columns), *(_texts(frame.index) if index else [])]
    texts += [v for j in range(frame.shape[1]) for v in _texts(frame.iloc[:, j])]
    quoting = csv.QUOTE_NONNUMERIC if any("\r" in t for t in texts) else csv.QUOTE_MINIMAL
    with np.printoptions(legacy=False):
        return frame.to_csv(index=index, quoting=quoting)


def _texts(values: Any) -> list[str]:
    """The text values of an index, a MultiIndex's levels and names, or a column."""
    if isinstance(values, pd.MultiIndex):
        return [t for level in values.levels for t in _texts(level)] + _texts(values.names)
    names = [values.name] if isinstance(values, (pd.Index, pd.Series)) else []
    return [v for v in [*names, *values] if isinstance(v, str)]


def html_label(label: str) -> str:
    return html.escape(label).replace("chi2", "&chi;<sup>2</sup>").replace("R2", "R<sup>2</sup>")


# Markdown's punctuation, each written with a backslash (CommonMark's escape of any ASCII
# punctuation): `$` too, which GitHub and Jupyter read as the start of a formula ("P$r vs
# $none" set "r vs " as math), and `&`, which began a character reference ("&lt;b" read <b)
_MD = re.compile(r"([\\`*_\[\]<>|~$&#])")
# what makes a line a list item ("- a", "+ a", "2. a", "2) a"): a note that begins with a
# model's name began a list, and "- full" lost its dash
_MD_LIST = re.compile(r"^([-+]|\d+(?=[.)]))(?=[.)]?\s)")


def value_label(value: Any) -> str:
    """A value as the tables, contrast labels and figures show it: short, but never two values
    as one (``:g`` alone wrote 1234567 and 1234568 both as 1.23457e+06).

    Examples
    --------
    >>> value_label(0.5), value_label(1234567.0), value_label("BC")
    ('0.5', '1234567', 'BC')
    """
    if isinstance(value, (float, np.floating)):
        short = f"{value + 0.0:g}"  # + 0.0 turns -0.0 into 0.0: "-0" read as another value
        if float(short) == value:
            return short
        exact = repr(float(value))  # the shortest text that reads back as the value
        return exact[:-2] if exact.endswith(".0") else exact
    return str(value)


# a name in backticks or a string inside a formula, whose white space is its own
_FORMULA_WORDS = re.compile(r"(`[^`]*`|'[^']*'|\"[^\"]*\")|\s+")


def formula_text(formula: str) -> str:
    r"""A formula as the tables show it: its white space outside backticks and strings, which
    means nothing to it, as one space, so that a formula written over several lines reads as
    one (its line breaks were shown as ``\n`` escapes); names in backticks as written.

    Examples
    --------
    >>> formula_text("mode ~ parking\n    + income")
    'mode ~ parking + income'
    >>> print(formula_text("y ~ `a  b` + C(g, Treatment('x  y'))"))
    y ~ `a  b` + C(g, Treatment('x  y'))
    """
    return _FORMULA_WORDS.sub(lambda m: m[1] or " ", formula).strip()


def level_text(level: Any) -> str:
    r"""A level or term as the tables show it: its text, or its ``repr`` (in quotes, with
    escapes) when a layout would hide or change its white space: white space beginning or
    ending it, a run of spaces, a tab, a line break or another control character (or nothing
    visible: empty, or invisible marks alone), with each space that follows a space written
    ``\x20``. Every layout strips the white space around a cell, so the levels ``' a'`` and
    ``'a'`` both read ``a``; HTML, Markdown and LaTeX collapse a run of white space, even
    inside quotes, so the terms ``'a\tb'``, ``'a  b'`` and ``'a b'`` read alike there, and
    a line break written as its escape read as the text ``c\nd`` with a backslash.

    A text that begins and ends with the same quote is quoted too, as every ``repr`` is: the
    level ``"'a '"`` read ``'a '``, as the level ``'a '`` does, and the two outcomes' panels
    of a table had the same title. So no two levels read alike.

    Examples
    --------
    >>> level_text("low"), level_text(" low"), level_text(2)
    ('low', "' low'", '2')
    >>> print(level_text("a\tb"), level_text("a  b"), level_text("a b"))
    'a\tb' 'a \x20b' a b
    >>> print(level_text("'a '"), level_text("'s"))
    "'a '" 's
    """
    text = str(level)
    # nothing visible (only invisible marks, as a right-to-left mark): an empty cell
    blank = not any(c.isprintable() and not c.isspace() for c in text)
    # a text as a repr writes one (quote ... same quote) would read as that repr
    quoted = len(text) > 1 and text[0] == text[-1] and text[0] in "'\""
    if blank or quoted or text != text.strip() or "  " in text or any(map(_hidden, text)):
        # a space after a space as its escape: HTML, Markdown and LaTeX collapse a run of
        # spaces even inside the quotes, so ' |' and '  |' read alike
        return re.sub(r"(?<= ) ", r"\\x20", repr(text))
    return text


# the controls of the direction of text (embeddings, overrides, isolates and marks): a browser
# or terminal applies them to what follows, so a level 'a\u202ebc' (right-to-left override)
# showed as 'acb', and the rest of its line, ' vs z', reversed with it
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _hidden(c: str) -> bool:
    """Whether a layout hides or rewrites ``c``: a tab, line break or other control
    character, or a control of the text's direction."""
    return unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI


def level_list(levels: Any) -> str:
    """Levels as a list the tables show: each as :func:`level_text`, and in quotes when it
    holds a comma, which would otherwise read as two levels ('a,b', c was "a,b, c" under
    "2 levels").

    Examples
    --------
    >>> level_list(["a,b", "c"]), level_list(["a", "b"])
    ("'a,b', c", 'a, b')
    """
    return ", ".join(level_items(levels))


def level_items(levels: Any) -> list[str]:
    """The items of :func:`level_list`."""
    # a level level_text writes as its repr is in quotes already ('a, b ' as "'a, b '")
    texts = [(level_text(level), str(level)) for level in levels]
    return [repr(shown) if "," in shown and shown == text else shown for shown, text in texts]


def visible(text: Any) -> str:
    r"""``text`` with its control characters, line breaks and controls of the text's direction
    written as escapes (``\n``, ``\t``, ``\x1b``, ``\u202e``), as Python's ``repr`` writes
    them: a level or column name read from a file can hold a line break, which would split a
    row of a text or Markdown table, or a right-to-left override, which reverses the rest of
    the line.

    Examples
    --------
    >>> print(visible("north\neast"))
    north\neast
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c == " " else repr(c)[1:-1] if _hidden(c) else c for c in text
    )


def md(text: Any) -> str:
    r"""``text`` for a Markdown table: control characters as escapes (:func:`visible`) and
    Markdown's punctuation with a backslash, so that a label reads as itself.

    Examples
    --------
    >>> print(md("P$r & <b>_1|2"))
    P\$r \& \<b\>\_1\|2
    >>> print(md("- full: #1 of 2. -0.5"))
    \- full: \#1 of 2. -0.5
    """
    text = _MD.sub(r"\\\1", visible(text))
    return _MD_LIST.sub(lambda m: m[1] + "\\" if m[1][0].isdigit() else "\\" + m[1], text)


def text_width(text: str) -> int:
    """The columns ``text`` takes in a terminal: a CJK character takes two, a combining
    mark none (``len`` counted one each, so the rules and wrapped lines of a table of
    Japanese names were narrower than its rows)."""
    columns = wcswidth(text)
    return columns if columns >= 0 else len(text)  # a control character: one each


def wrap(text: str, width: int, indent: str = "", initial: str = "") -> str:
    """``text`` filled to ``width`` columns at its white space, words never broken, each
    line after the first indented by ``indent`` (the first by ``initial``): as
    ``textwrap.fill``, which counts characters, where wide characters take two columns."""
    if text_width(text) == len(text) and text_width(indent + initial) == len(indent + initial):
        return textwrap.fill(
            text,
            width,
            initial_indent=initial,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        )
    lines: list[str] = []
    line = initial
    start = True  # nothing but the indent on the line yet
    for chunk in re.split(r"(\s+)", text):
        if not chunk:
            continue
        if chunk.isspace():
            if not start:
                line += " " * len(chunk)
            continue
        if not start and text_width(line.rstrip() + chunk) > width:
            lines.append(line.rstrip())
            line, start = indent, True
        line += chunk
        start = False
    lines.append(line.rstrip())
    return "\n".join(lines)


def ratio_std_error(frame: pd.DataFrame) -> np.ndarray:
    """exp(coef) se(coef), the delta-method standard error of each relative-risk ratio of a
    tidy table: NaN where the ratio is, and where the product is no positive double of full
    precision (a ratio that underflowed to 0 had a standard error of 0, as only a census
    has; the product of a large ratio and its error can overflow)."""
    ratio = frame["odds_ratio"].to_numpy(np.float64)
    se = frame["std_error"].to_numpy(np.float64)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        out = ratio * se
    lost = (se > 0) & np.isfinite(se) & ~((out >= np.finfo(float).tiny) & (out < np.inf))
    return np.where(lost, np.nan, out)


def ratio_overflow_note(
    frame: pd.DataFrame, instead: str = "are not shown (--)", errors: bool = False
) -> str:
    """Why relative-risk ratios of a tidy table are NaN where their coefficient is a number:
    exp(coef) passes the largest double (coef > 709.8), or ``""``; with ``errors`` (a table
    that shows the ratios' standard errors) also where exp(coef) se(coef) leaves the range
    of doubles (see :func:`ratio_std_error`). ``instead`` says what the table shows
    instead."""
    pairs = (("odds_ratio", "estimate"), ("or_lower", "lower"), ("or_upper", "upper"))
    # a diverging coefficient has no ratio either, for a reason of its own (separation)
    over = np.zeros(len(frame), dtype=bool)
    diverged = frame["diverged"].to_numpy(bool) if "diverged" in frame else over
    for ratio, value in pairs:
        over |= frame[ratio].isna().to_numpy() & np.isfinite(frame[value].to_numpy(np.float64))
    over &= ~diverged
    spread = np.zeros(len(frame), dtype=bool)
    if errors:
        # a ratio shown (0 that underflowed, say) beside no standard error
        spread = np.isnan(ratio_std_error(frame)) & frame["odds_ratio"].notna().to_numpy()
        spread &= ~diverged
        spread &= np.isfinite(frame["estimate"].to_numpy(np.float64))
        spread &= np.isfinite(frame["std_error"].to_numpy(np.float64))
    parts = []
    if over.any():
        parts.append(
            f"The relative-risk ratios (or their interval bounds) of {_cells_named(frame, over)} "
            f"exceed the largest floating-point number, exp(709.8), and {instead}"
        )
    if spread.any():
        parts.append(
            f"{'the' if parts else 'The'} standard errors exp(coef) se(coef) of the ratios of "
            f"{_cells_named(frame, spread)} are past the range of floating-point numbers "
            f"(above 1.8e308, or below 2.2e-308 as for a ratio that underflowed to 0) and "
            f"{instead}"
        )
    if not parts:
        return ""
    return (
        "; ".join(parts) + ": give the column in larger units (x * 1000 has coefficient "
        "coef / 1000) to report them."
    )


def _cells_named(frame: pd.DataFrame, cells: np.ndarray) -> str:
    rows = frame.index[cells]
    shown = ", ".join(
        f"{level_text(term)} ({level_text(outcome)})" for outcome, term in list(rows)[:4]
    )
    return shown + (f" and {len(rows) - 4} more" if len(rows) > 4 else "")
