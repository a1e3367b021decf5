"""The command line's columns of labels (the outcome, factors of text, the clusters) that hold
text data files write for a missing value ("NA", "N/A", ".", Stata's ".a"): the file is read
with only empty cells missing (so that "NA" may be a level), and such a cell is then a level
of its own, which is said with the option that reads it as missing.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from ._alike import clusters_alike
from ._cli_errors import UsageError, shell_word
from ._date_text import date_example, time_example
from ._shown_numbers import row_count
from ._terms import factor_only
from ._value_kinds import MISSING_TEXT
from .formula import parse_formula

__all__ = ["date_notes", "label_notes", "missing_text_notes", "yyyymmdd_notes"]

# "none" is left out: a level of its own in much data (none, light, heavy); Python's "None"
# is not
_MISSING = MISSING_TEXT - {"none"}
_STATA_MISSING = re.compile(r"\.[a-z]")  # Stata's extended missing values .a to .z
_ROLES = {
    "outcome": ("outcome column", "an outcome"),
    "factor": ("column", "a level"),
    "groups": ("--groups column", "a cluster"),
}


def _roles(outcome: str, predictors: list[str], groups: str | None) -> dict[str, str]:
    """The role of each column of labels: 'factor', 'groups' or 'outcome' (the last given
    wins: a column that is both a predictor and the outcome is the outcome)."""
    roles = {name: "factor" for name in predictors}
    if groups is not None:
        roles[groups] = "groups"
    roles[outcome] = "outcome"
    return roles


def _means_missing(text: str) -> bool:
    word = text.strip()
    return word == "None" or word.lower() in _MISSING or bool(_STATA_MISSING.fullmatch(word))


def missing_text_notes(
    df: pd.DataFrame, outcome: str, predictors: list[str], groups: str | None
) -> list[str]:
    """One note per column of labels that holds text meaning a missing value; blank text in
    the outcome or a factor, which is no level, refused.

    Before, "NA" in the outcome was fitted as an outcome (the reference, being first in
    order) and "NA" in a factor as a level, with nothing said.
    """
    lines = []
    for name, role in _roles(outcome, predictors, groups).items():
        if name not in df.columns:
            continue
        column = df[name]
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            continue
        counts = column.dropna().astype(str).value_counts(sort=False)
        found = [(text, int(k)) for text, k in counts.items() if _means_missing(text)]
        if not found:
            continue
        column_word, level_word = _ROLES[role]
        shown = ", ".join(f"{text!r} ({row_count(k)})" for text, k in found)
        words = " ".join(shell_word(text) for text, _ in found)
        blank = [text for text, _ in found if not text.strip()]
        if blank and role != "groups":
            # the library refuses a blank outcome or level, after this note had called it
            # one, and with advice in Python code
            raise UsageError(
                f"{column_word} {name!r} holds {shown}: a blank cell is no "
                f"{level_word.split()[-1]}; add --na-values {words} to read those cells as "
                "missing (their rows are dropped), or give them a label in the file"
            )
        lines.append(
            f"mnlogit: note: {column_word} {name!r} holds {shown}, text that data files "
            f"write for a missing value, fitted as {level_word} of its own; if it marks "
            f"missing values, add --na-values {words} to drop those rows"
        )
    return lines


def label_notes(
    df: pd.DataFrame, outcome: str, predictors: list[str], groups: str | None
) -> list[str]:
    """The notes of :func:`missing_text_notes`, and warnings of clusters written alike and
    of labels that write one number in several ways."""
    return [
        *missing_text_notes(df, outcome, predictors, groups),
        *_clusters_alike(df, groups),
        *_numbers_alike(df, outcome, predictors, groups),
        *_measured_outcome(df, outcome),
        *_rounded_by_a_spreadsheet(df, outcome, predictors, groups),
    ]


# a number as a spreadsheet's General format shows one of 12 digits or more, and saves it so
# as CSV: six significant digits
_GENERAL_FORMAT = re.compile(r"-?[1-9](?:\.\d{1,5})?E\+\d{2,3}")


def _rounded_by_a_spreadsheet(
    df: pd.DataFrame, outcome: str, predictors: list[str], groups: str | None
) -> list[str]:
    """A warning per column of labels holding long numbers as a spreadsheet saves them
    ('1.23457E+15'): identifiers (accounts, patients) that differ past their sixth digit
    became one label, and 40 clusters were fitted as 12 with nothing said."""
    lines = []
    for name, role in _roles(outcome, predictors, groups).items():
        if name not in df.columns or pd.api.types.is_numeric_dtype(df[name]):
            continue
        texts = df[name].dropna().astype(str).str.strip()
        rounded = texts[texts.str.fullmatch(_GENERAL_FORMAT)]
        if rounded.empty:
            continue
        column, labels, _, _ = _SPELLED[role]
        lines.append(
            f"mnlogit: warning: {column} {name!r} holds long numbers as a spreadsheet shows "
            f"them, to six digits (e.g. {rounded.iloc[0]!r}, {row_count(len(rounded))}; "
            f"{rounded.nunique()} distinct): {labels} that differ past the sixth digit may "
            "have been saved as one; in the spreadsheet, format the column as text or as a number "
            "without decimals before saving it as CSV"
        )
    return lines


_MEASURED = 20  # distinct numbers with fractional parts past which an outcome is measured


def _measured_outcome(df: pd.DataFrame, outcome: str) -> list[str]:
    """A warning, before the fit, of an outcome of many distinct numbers with fractional
    parts: a measurement given as the outcome (or a predictor swapped with it) fits one
    equation per value. The library says so after the fit, and only beside a level of one or
    two rows; a file of 1e6 rows and 842 such values ran past five minutes (and 3 GB) with
    nothing said."""
    if outcome not in df.columns:
        return []
    texts = pd.Series(df[outcome].dropna().unique()).astype(str).str.strip()
    if len(texts) <= _MEASURED:
        return []
    numbers = [n for n in map(_exact_number, texts) if n is not None]
    if len(numbers) < len(texts) or all(n == n.to_integral_value() for n in numbers):
        return []
    return [
        f"mnlogit: warning: outcome column {outcome!r} holds {len(texts)} distinct numbers "
        "with fractional parts, and a multinomial logit fits an equation for each distinct "
        f"value but the reference ({len(texts) - 1} equations on {len(df):,} rows); if it is "
        "a measurement, cut it into bands in the file, or fit a regression"
    ]


_SPELLED = {
    "outcome": ("outcome column", "levels", "outcomes", "level"),
    "factor": ("column", "levels", "levels", "level"),
    "groups": ("--groups column", "clusters", "clusters", "cluster"),
}


def _numbers_alike(
    df: pd.DataFrame, outcome: str, predictors: list[str], groups: str | None
) -> list[str]:
    """A warning per column of labels, read as written, in which one number is written in
    several ways ('1' and '1.0', '01' and '1'), or one truth value ('TRUE' and 'True'):
    each is a label of its own, as documented,
    and they were fitted apart with nothing said, where labels differing by white space are
    warned of. White space alone is left to that warning."""
    lines = []
    for name, role in _roles(outcome, predictors, groups).items():
        if name not in df.columns or pd.api.types.is_numeric_dtype(df[name]):
            continue
        groups_of: dict[Decimal | str, list[str]] = {}
        for text in df[name].dropna().astype(str).str.strip().unique():
            # TRUE and True: one truth value to pandas, which reads the column bare as
            # booleans, where C(f) or the outcome had two levels with nothing said
            truth = text.casefold() if text.casefold() in ("true", "false") else None
            number = _exact_number(text) if truth is None else truth
            if number is not None:
                groups_of.setdefault(number, []).append(text)
        column, labels, fitted, one = _SPELLED[role]
        for truth in (False, True):
            alike = [sorted(g) for k, g in groups_of.items() if isinstance(k, str) is truth]
            alike = [g for g in alike if len(g) > 1]
            if not alike:
                continue
            shown = "; ".join(", ".join(map(repr, g)) for g in alike[:3])
            lines.append(
                f"mnlogit: warning: {column} {name!r}: {labels} {shown} write one "
                f"{'truth value' if truth else 'number'} in different ways and are fitted as "
                f"different {fitted} (a data file's labels are read as written); if each "
                f"group is one {one}, write it one way in the file"
            )
    return lines


def _clusters_alike(df: pd.DataFrame, groups: str | None) -> list[str]:
    """A warning of ``--groups`` clusters written alike (:func:`mnlogit._alike.clusters_alike`),
    said of the file (the library's warning of them is left out)."""
    if groups is None or groups not in df.columns:
        return []
    column = df[groups]
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return []
    said = clusters_alike(column.dropna().astype(str).unique())
    if not said:
        return []
    return [
        f"mnlogit: warning: --groups column {groups!r}: {said} and are counted as different "
        "clusters; if each group is one cluster, write it one way in the file"
    ]


def _exact_number(text: str) -> Decimal | None:
    """The number ``text`` writes, exactly (codes of 20 digits that floats would round
    together stay apart), or None when it writes no finite number."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def date_notes(df: pd.DataFrame, formulas: list[str], predictors: list[str]) -> list[str]:
    """A note for each predictor column of dates written as text that a formula reads bare,
    not as ``C(column)``: it was fitted as a factor with a level per date, with nothing said,
    where a column of dates (datetime64) is refused with how to make it numbers or
    categories. Said after the fit: too many dates for the rows are refused, saying so."""
    factors = [f for text in formulas for term in parse_formula(text)[1].rhs for f in term.factors]
    categories = factor_only(factors)
    lines = []
    for name in predictors:
        if name in categories or name not in df.columns:
            continue
        # times of day ('08:30') too: a factor with a level per time, with nothing said
        kind, since = ("date", "days since a date of your choice, the year")
        if not (example := date_example(df[name])):
            kind, since = ("time", "hours since midnight, or minutes")
            if not (example := time_example(df[name])):
                continue
        written = name if name.isidentifier() else f"`{name}`"
        lines.append(
            f"mnlogit: note: column {name!r} holds {kind}s written as text (e.g. {example!r}), "
            f"fitted as a factor with a level per {kind} ({df[name].nunique()} levels): write "
            f"C({written}) in the formula to say so, or add a column of numbers for it to the "
            f"file ({since}) to fit a trend"
        )
    return lines


# dates yyyymmdd from 1900 to 2100, and more distinct values than a few codes could match
_YYYYMMDD = (19000101, 21001231)
_FEW = 4


def yyyymmdd_notes(df: pd.DataFrame, formulas: list[str], predictors: list[str]) -> list[str]:
    """A warning for each predictor column of whole numbers that a formula reads as numbers
    (not only as ``C(column)``) whose every value is a date written yyyymmdd (20240131) from
    1900 to 2100, with more than a few distinct values: fitted as numbers, on which the
    31st of January and the 1st of February are 70 apart, with nothing said. A warning, not
    a refusal: they may be numbers (an identifier, an amount)."""
    factors = [f for text in formulas for term in parse_formula(text)[1].rhs for f in term.factors]
    categories = factor_only(factors)
    lines = []
    for name in dict.fromkeys(predictors):
        if name in categories or name not in df.columns or df[name].dtype.kind not in "iuf":
            continue
        values = pd.unique(df[name].dropna().to_numpy(dtype=float))
        low, high = _YYYYMMDD
        if len(values) <= _FEW or not (
            np.all(values == np.round(values)) and values.min() >= low and values.max() <= high
        ):
            continue
        text = pd.Series(values.astype(np.int64).astype(str))
        if pd.to_datetime(text, format="%Y%m%d", errors="coerce").isna().any():
            continue
        first = int(df[name].dropna().iloc[0])
        written = name if name.isidentifier() else f"`{name}`"
        lines.append(
            f"mnlogit: warning: column {name!r} holds whole numbers that all read as dates "
            f"written yyyymmdd (e.g. {first}; {len(values)} distinct, {int(values.min())} to "
            f"{int(values.max())}), fitted as numbers, on which 20240131 and 20240201 are 70 "
            "apart: if they are dates, add a column of numbers for them to the file (days "
            "since a date of your choice, the year; in Python, pd.to_datetime(df["
            f"{name!r}].astype(str), format='%Y%m%d')), or write C({written}) in the formula "
            "for a level per date"
        )
    return lines
