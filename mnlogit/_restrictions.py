"""Linear restrictions on the coefficients, parsed from text.

``"bus:income = train:income"``, ``"2*bus:x1 - train:x1 = 0"``: each coefficient is
``outcome:column`` (the outcome as ``str`` of the level; either part may be quoted in
backticks, as ```-x`:age`` for an outcome labelled ``-x``, a backtick in it doubled), with
``+``, ``-`` and numeric multipliers; several restrictions are separated by commas. A term
or column name alone restricts it to zero in every equation. Column names can hold ``:``,
brackets and dots, so the labels are matched longest first against the model's own, not
tokenised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import linalg

from ._coefficient_spellings import (
    coefficient_labels,
    in_the_labels_form,
    quoted,
    respelled_coefficient,
    unknown_coefficient,
)
from ._data import ModelData
from ._restriction_arrays import array_restrictions, check_independent, matrix_in_a_list
from ._restriction_text import refuse_run_together, split_outside_labels
from ._stata_restrictions import first_equation_advice, stata_test_spelling
from .exceptions import ColumnNotFoundError, DataError, LevelError, MNLogitError, OptionError
from .formula import term_spelled

__all__ = [
    "Constraints",
    "coefficient_positions",
    "dropped_rows",
    "keeps_constant",
    "restrictions",
]

# What wald_test accepts: a term, column or restriction string, a list of them, or (R, q).
Constraints = str | Sequence[str] | tuple[ArrayLike, ArrayLike]


def _names(given: Any) -> list[str] | None:
    """``given`` as a list of strings: one string, or a non-empty list, tuple or 1-D array,
    Index or Series of them (``res.params.index[1:]``, which was refused); else None."""
    if isinstance(given, str):
        return [given]
    if isinstance(given, (np.ndarray, pd.Index, pd.Series)) and given.ndim == 1:
        given = given.tolist()
    if isinstance(given, (list, tuple)) and given and all(isinstance(g, str) for g in given):
        return list(given)
    return None


def restrictions(data: ModelData, constraints: Any) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """R, q and the hypotheses' labels of ``constraints`` (see :data:`Constraints`), refused
    unless the restrictions are linearly independent."""
    k = data.p * data.q
    # a column of X labelled by a tuple (a MultiIndex's) is named as str() names it: the
    # tuple was read as (R, q), "R must hold real numbers"
    if isinstance(constraints, tuple) and str(constraints) in data.column_names:
        constraints = str(constraints)
    elif isinstance(constraints, list):
        constraints = [
            str(c) if isinstance(c, tuple) and str(c) in data.column_names else c
            for c in constraints
        ]
    if (
        isinstance(constraints, tuple)
        and len(constraints) == 2
        and not all(isinstance(c, str) for c in constraints)
    ):
        return array_restrictions(data, constraints[0], constraints[1])
    items = _names(constraints)
    if items is None:
        raise OptionError(
            "constraints: expected a term name, a list of terms, a restriction string such as "
            f"'a:x = b:x', or an (R, q) pair; got {constraints!r}{matrix_in_a_list(constraints, k)}"
        )
    rows: list[np.ndarray] = []
    qs: list[float] = []
    labels: list[str] = []
    named_rows: list[str] = []  # one name per row of R, for the refusal of dependent ones
    for item in [in_the_labels_form(data, text) for text in items]:
        try:
            labels += _item(data, item, k, rows, qs, named_rows)
        except MNLogitError:
            # Stata's test syntax is said as the whole restriction, a chain included
            stata = _stata_answer(data, item)
            if stata is None:
                raise
            raise stata from None
    R, q = np.array(rows), np.array(qs)
    # named by row: "row 2 of R is implied by the earlier ones" quoted nothing the user wrote
    check_independent(R, q, named_rows)
    return R, q, labels


def _item(data: ModelData, item: str, k: int, rows: list, qs: list, named_rows: list) -> list[str]:
    """The rows of R, q and their names that ``item`` adds, and its hypotheses' labels."""
    labels: list[str] = []
    pieces = [item] if item.strip() in data.terms else split_outside_labels(data, item, ",")
    pieces = [chained for piece in pieces for chained in _chain(data, piece)]
    for piece in pieces:
        piece = piece.strip()
        if _NUMBER.fullmatch(piece) and len(pieces) > 1:
            # "b:x = 1,5": a comma separates restrictions
            raise DataError(
                f"restriction {item!r}: {piece!r} alone is a number, not a restriction; "
                "commas separate restrictions, so decimals are written with a point "
                "('1.5', not '1,5')"
            )
        if not piece:  # was "restriction '' involves no coefficient"
            where = "is empty" if len(pieces) == 1 else "has an empty part between commas"
            terms = ", ".join(map(repr, data.terms))
            example = f"{data.equations[0]}:{data.column_names[-1]} = 0"
            raise DataError(
                f"restriction {item!r} {where}; give a term ({terms}) or a restriction "
                f"such as {example!r}"
            )
        named = _term_named(data, piece) or _term_at_zero(data, piece)
        if named is not None:
            piece, cols = named
            for j in range(data.q):
                for c in cols:
                    row = np.zeros(k)
                    row[j * data.p + c] = 1.0
                    rows.append(row)
                    qs.append(0.0)
                    coefficient = f"{data.equations[j]}:{data.column_names[c]}"
                    named_rows.append(f"{piece} = 0 in every equation: {coefficient} = 0")
            label = f"{piece} = 0 in every equation"
            if len(cols) > 1 and keeps_constant(data, cols) is not None:
                # said, as the design has no intercept and the term's dummies add up to
                # one: every coefficient zero is also a test of the constant
                label += (
                    " (its columns carry the constant, as the design has no intercept "
                    "column: the constant is tested too; anova() and wald_test_slopes() "
                    "keep it)"
                )
            labels.append(label)
            continue
        row, qv = _linear_restriction(data, piece)
        rows.append(row)
        qs.append(qv)
        # an '=' inside a label ("m=1:x") is not the restriction's
        equation = len(split_outside_labels(data, piece, "=")) > 1
        labels.append(piece if equation else f"{piece} = 0")
        named_rows.append(labels[-1])
    return labels


def _chain(data: ModelData, piece: str) -> list[str]:
    """``"a:x = b:x = c:x"`` as ``a:x = b:x`` and ``a:x = c:x``, as Stata's ``test`` reads a
    chain of '=' (it was refused as "expected one '='"); any other piece as it is."""
    sides = split_outside_labels(data, piece, "=")
    labels = (label for label, _ in _coefficient_labels(data))
    refuse_run_together(piece, sides, labels, lambda text: split_outside_labels(data, text, ";"))
    if len(sides) < 3 or not all(side.strip() for side in sides):
        return [piece]
    return [f"{sides[0].strip()} = {side.strip()}" for side in sides[1:]]


def _term_named(data: ModelData, written: str) -> tuple[str, tuple[int, ...]] | None:
    """The term or design column ``written`` names (in backticks, or spelled as the formula
    may spell it) and its columns, else None."""
    # a term labelled in backticks (a column named 'g:h' beside the interaction g:h) is the
    # one written so; unquoted first, "`g:h`" named the interaction
    cols = data.terms.get(written)
    piece = written if cols is not None else _unquoted(written) or written
    cols = cols if cols is not None else data.terms.get(piece)
    if cols is None and piece in data.column_names:
        cols = (data.column_names.index(piece),)
    if cols is None and (term := _respelled(data, written)) is not None:
        piece, cols = term, data.terms[term]
    return None if cols is None else (piece, tuple(cols))


def _term_at_zero(data: ModelData, piece: str) -> tuple[str, tuple[int, ...]] | None:
    """``"income = 0"`` (or ``"0 = income"``): the term or column set to zero, which is the
    term alone, as Stata's ``test income = 0`` reads after ``mlogit``; it was refused as a
    term inside an equation. Another value or a multiplier stays refused: a term has one
    coefficient per equation (and per column), which one value does not name."""
    sides = split_outside_labels(data, piece, "=")
    if len(sides) != 2:
        return None
    at_zero = [
        side.strip()
        for side, value in (sides, sides[::-1])
        if (number := _NUMBER.fullmatch(value.strip())) is not None
        and float(number.group(1)) == 0.0
    ]
    try:
        row, _ = _linear_restriction(data, piece)
    except MNLogitError:
        row = None
    if row is not None:
        # a coefficient that reads as a term too ("x:z = 0", outcome x and the term x:z)
        # was read as the coefficient, where "x:z" alone is the term: the one text tested
        # one coefficient or every coefficient of the term, by whether '= 0' followed it
        for side in at_zero:
            term = _term_reading(data, side)
            if term is not None:
                raise DataError(
                    f"restriction {piece!r} reads both as the term {term!r} at 0 in every "
                    f"equation (as Stata's test reads it) and as the coefficient "
                    f"{side!r} of one outcome; write {term!r} alone for the term, or the "
                    f"outcome in backticks for the coefficient"
                    + _coefficient_spelled(data, side, piece)
                )
        return None
    for side in at_zero:
        named = _term_named(data, side)
        if named is not None:
            return named
    return None


def _term_reading(data: ModelData, written: str) -> str | None:
    """The term or design column ``written`` names as a term alone does, without refusing
    one that also reads as a coefficient, else None."""
    if written in data.terms:
        return written
    unquoted = _unquoted(written) or written
    if unquoted in data.terms or unquoted in data.column_names:
        return unquoted
    return None if _outcome_in_backticks(data, written) else _spelled_term(data, written)


def _outcome_in_backticks(data: ModelData, piece: str) -> bool:
    """Whether ``piece`` starts with an outcome in backticks and a ':' (```x`:z``): the
    coefficient, which the refusal of a text reading as a term too says to write so."""
    found = re.match(r"\s*`((?:[^`]|``)*)`:", piece)
    return found is not None and found.group(1).replace("``", "`") in map(str, data.levels)


def _coefficient_spelled(data: ModelData, side: str, piece: str | None = None) -> str:
    """``", '`x`:z = 0'"``: ``piece`` (else ``side`` alone) with the coefficient ``side``
    names written with its outcome in backticks, when that reads as the same coefficient;
    else ""."""
    try:
        row, _ = _linear_restriction(data, side)
    except MNLogitError:
        return ""
    at = np.flatnonzero(row)
    if len(at) != 1:
        return ""
    eq, col = divmod(int(at[0]), data.p)
    name = data.column_names[col]
    for column in (name, quoted(name)):
        spelled = f"{quoted(str(data.equations[eq]))}:{column}"
        try:
            again, _ = _linear_restriction(data, spelled)
        except MNLogitError:
            continue
        if np.array_equal(again, row):
            return f", {(piece or side).replace(side, spelled, 1)!r}"
    return ""


def _respelled(data: ModelData, piece: str, coefficients: bool = True) -> str | None:
    """The model's term that ``piece`` names as the formula may have spelled it (``"z:x"``
    for ``x:z``, ``"poly(x,2)"`` for ``poly(x, 2)``), else None. Refused when ``piece`` also
    reads as a coefficient (``"z:x"`` with an outcome ``z`` and a column ``x``) where one
    may be named (``coefficients``)."""
    if len(split_outside_labels(data, piece, "=")) > 1:  # a restriction, not a term
        return None
    if coefficients and _outcome_in_backticks(data, piece):
        # the coefficient, as the refusal below says to write it: "`z`:x" was refused
        # again with the same words
        return None
    term = _spelled_term(data, piece)
    if term is None or not coefficients:
        return term
    try:
        _linear_restriction(data, piece)
    except MNLogitError:
        return term
    raise DataError(
        f"restriction {piece!r} names the term {term!r} and also reads as a coefficient "
        f"'<outcome>:<column>'; write the term as {term!r}, or the outcome in backticks "
        "for the coefficient" + _coefficient_spelled(data, piece)
    )


def _spelled_term(data: ModelData, piece: str) -> str | None:
    """The model's term ``piece`` names in the formula's reading of it, else None."""
    if len(split_outside_labels(data, piece, "=")) > 1:
        return None
    term = term_spelled(data.spec, piece)
    if term is not None and term not in data.terms:
        # a formula of names only is labelled without formulaic's backticks ('b:x')
        bare = [t for t in data.terms if t == term.replace("`", "")]
        term = bare[0] if len(bare) == 1 else term
    return term if term in data.terms else None


# U+2212, the minus sign that word processors and typeset papers put where '-' was meant:
# read as '-' where it starts no outcome's label
_MINUS = "\u2212"
# dashes and equals signs that are neither (en and em dash, figure dash, fullwidth forms)
_LOOKALIKES = "\u2010\u2011\u2012\u2013\u2014\u2015\ufe63\uff0d\uff1d\ufe66"

_NUMBER = re.compile(r"\s*((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def _linear_restriction(data: ModelData, text: str) -> tuple[np.ndarray, float]:
    """One row of R and its q from ``"a:x - 2*b:x = 0.5"``."""
    sides = split_outside_labels(data, text, "=")
    if len(sides) > 2:
        if any(not side.strip() for side in sides[1:-1]):  # "a:x == b:x", as Python writes it
            raise DataError(f"restriction {text!r}: write one '=' between the sides, not '=='")
        raise DataError(f"restriction {text!r}: expected one '='; separate restrictions by commas")
    lhs, rhs = sides[0], sides[1] if len(sides) == 2 else ""
    eq = len(sides) == 2
    if eq and not (lhs.strip() and rhs.strip()):
        raise DataError(f"restriction {text!r}: both sides of '=' must be non-empty")
    row_l, const_l = _parse_side(data, lhs, text)
    row_r, const_r = _parse_side(data, rhs, text) if eq else (np.zeros_like(row_l), 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        row = row_l - row_r
        const = const_r - const_l
    if not (np.isfinite(row).all() and np.isfinite(const)):
        # "a:x = 1e400" read the constant as inf: chi2 = inf, p = 0, for any data
        raise DataError(
            f"restriction {text!r}: a number in it, or a sum of its multipliers, is beyond "
            "the floating-point range (about 1.8e308), so the restriction is not a finite "
            "linear one; rescale it (divide both sides by a power of ten)"
        )
    if not row.any():
        raise DataError(f"restriction {text!r} involves no coefficient")
    return row, const


def _unquoted(piece: str) -> str | None:
    """The name ``piece`` quotes when it is one name in backticks (doubled inside), else None."""
    if len(piece) < 2 or piece[0] != "`" or piece[-1] != "`":
        return None
    inner = piece[1:-1]
    return inner.replace("``", "`") if "`" not in inner.replace("``", "") else None


def _coefficient_labels(data: ModelData) -> tuple[tuple[str, int], ...]:
    return coefficient_labels(tuple(str(eq) for eq in data.equations), tuple(data.column_names))


def _parse_side(data: ModelData, side: str, text: str) -> tuple[np.ndarray, float]:
    """Sum of signed, optionally scaled coefficients ``outcome:column`` and constants."""
    labels = _coefficient_labels(data)
    row = np.zeros(data.p * data.q)
    const = 0.0
    sign, expect_term, dangling = 1.0, True, False
    label: tuple[str, int] | None = None
    i = _skip_space(side, 0)
    while i < len(side):
        if side[i] in "+-" or (
            side[i] == _MINUS and _match_label(data, labels, side, i, text) is None
        ):
            if expect_term:  # "-1:x" with outcomes -1 and 1 is refused, not read as -(1:x)
                _check_prefix(data, labels, side, i, text)
            if not expect_term:  # a binary operator starts the next term
                expect_term, sign = True, 1.0
            sign *= -1.0 if side[i] in ("-", _MINUS) else 1.0
            dangling = True
            i = _skip_space(side, i + 1)
            continue
        if not expect_term:
            hint = f" ({side[i]!a} is not '-' or '=')" if side[i] in _LOOKALIKES else ""
            number = _NUMBER.match(side, i + 1)
            k = float(number.group(1)) if number else 0.0
            if side[i] in "*/" and label is not None and k:  # "c:x * 3"
                first = number.group(1) if side[i] == "*" and number else f"{1 / k:.17g}"
                hint = f" (a multiplier goes before its coefficient: write '{first}*{label[0]}')"
            raise DataError(f"restriction {text!r}: expected '+' or '-' before {side[i:]!r}{hint}")
        label = _read_label(data, labels, side, i, text)
        if label is not None and side[i] not in "+-":  # "2*x:x" with outcomes 2*x and x
            _check_prefix(data, labels, side, i, text)
        mult, written = 1.0, "1"
        if label is None:  # a number: a constant, or a multiplier ("2*a:x", "2 a:x")
            m = _NUMBER.match(side, i)
            if m is None:
                raise unknown_coefficient(data, side[i:], text)
            start = i
            written = m.group(1)
            mult = float(written)
            i = _skip_space(side, m.end())
            star = i < len(side) and side[i] == "*"
            if star:
                i = _skip_space(side, i + 1)
                if i == len(side):
                    raise DataError(f"restriction {text!r}: '*' has no coefficient after it")
            if star and side[i] in "+-":
                # "2*-a:x" is -2 a:x (it was read as 2 - a:x, a constant and a coefficient)
                _check_prefix(data, labels, side, i, text)
                mult *= -1.0 if side[i] == "-" else 1.0
                i = _skip_space(side, i + 1)
                label = _read_label(data, labels, side, i, text)
                if label is None:
                    raise unknown_coefficient(data, side[i:], text)
            elif star or (i < len(side) and side[i] not in "+-"):
                label = _read_label(data, labels, side, i, text)
                if label is None:
                    # "1:x" with outcome 1 the reference read the 1 as a number: name the
                    # whole token, so the message says which outcome it is
                    raise unknown_coefficient(data, side[i if i > m.end() else start :], text)
        if label is not None and mult == 0.0 and re.search(r"[1-9]", written.lower().split("e")[0]):
            # "1e-400*a:x = 0" was refused as "involves no coefficient"
            raise DataError(
                f"restriction {text!r}: the multiplier {written!r} is below the smallest "
                "positive double (about 5e-324) and reads as 0; rescale the restriction "
                "(multiply both sides by a power of ten)"
            )
        with np.errstate(over="ignore", invalid="ignore"):  # past the range: refused later
            if label is None:
                const += sign * mult
            else:
                row[label[1]] += sign * mult
        if label is not None:
            i = _skip_space(side, i + len(label[0]))
        sign, expect_term, dangling = 1.0, False, False
    if dangling:
        raise DataError(f"restriction {text!r}: an operator has nothing after it")
    return row, const


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _read_label(
    data: ModelData, labels: Sequence[tuple[str, int]], side: str, i: int, text: str
) -> tuple[str, int] | None:
    """The coefficient label at ``side[i]`` (:func:`_match_label`), or one whose column is
    spelled as the formula spelled it (``b:I(x**2)`` for the column ``I(x ** 2)``)."""
    spellings = {j: (str(e), quoted(str(e))) for j, e in enumerate(data.equations)}
    return _match_label(data, labels, side, i, text) or respelled_coefficient(
        data, side, i, spellings
    )


def _match_label(
    data: ModelData, labels: Sequence[tuple[str, int]], side: str, i: int, text: str
) -> tuple[str, int] | None:
    """The coefficient label read at ``side[i]``, longest first; refused when labels of one
    length name different coefficients there: with outcomes ``x`` and ``x:z`` and columns
    ``z`` and ``z:x``, ``x:z:x`` is both, and the first in the table was taken silently."""
    found: list[tuple[str, int]] = []
    for name, index in labels:
        if found and len(name) < len(found[0][0]):
            break
        if side.startswith(name, i):
            end = i + len(name)
            if end == len(side) or side[end].isspace() or side[end] in "+-":
                if all(index != other for _, other in found):
                    found.append((name, index))
    if len(found) > 1:
        readings = [
            (str(data.equations[index // data.p]), data.column_names[index % data.p])
            for _, index in found
        ]
        shown = "; ".join(f"outcome {e!r} and column {c!r}" for e, c in readings)
        which = " or ".join(f"'{quoted(e)}:{c}'" for e, c in readings)
        raise DataError(
            f"restriction {text!r}: {found[0][0]!r} can be read as {shown}; put the outcome "
            f"in backticks to say which ({which})"
        )
    return found[0] if found else None


def _check_prefix(
    data: ModelData, labels: Sequence[tuple[str, int]], side: str, i: int, text: str
) -> None:
    """Refuse a sign or a multiplier that, with what follows it, is also an outcome's label:
    with outcomes -1 and 1, "-1:x" is outcome -1's coefficient or minus 1's (it was read as
    the latter); with outcomes 2*x and x, "2*x:x" is 2*x's or twice x's, another hypothesis
    (read as the former). Such an outcome is written in backticks, ``-1``."""
    signed = _match_label(data, labels, side, i, text)
    number = None if side[i] in "+-" else _NUMBER.match(side, i)
    if signed is None or (side[i] not in "+-" and number is None):
        return
    if number is None:
        prefix, j = side[i], _skip_space(side, i + 1)
    else:  # a multiplier, as the terms read one: "2*x:x", "2 x:x", "2x:x"
        prefix, j = f"{number.group(1)}*", _skip_space(side, number.end())
        j = _skip_space(side, j + 1) if j < len(side) and side[j] == "*" else j
    unsigned = _match_label(data, labels, side, j, text)
    if unsigned is not None and unsigned[1] != signed[1]:
        e1 = str(data.equations[signed[1] // data.p])
        e2 = str(data.equations[unsigned[1] // data.p])
        column = data.column_names[signed[1] % data.p]
        raise DataError(
            f"restriction {text!r}: {signed[0]!r} can be read as outcome {e1!r} or as "
            f"{prefix!r} outcome {e2!r}; put the outcome in backticks to say which "
            f"('{quoted(e1)}:{column}' or '{prefix}{quoted(e2)}:{column}')"
        )


def _stata_answer(data: ModelData, text: str) -> Exception | None:
    """The refusal of Stata's ``test`` syntax (``[bus]income = [train]income``) saying the
    restriction it stands for, checked to parse here; None for other text."""
    said = f"restriction {text!r} is written as Stata's test writes it after mlogit"
    equations = [str(e) for e in data.equations]
    unnamed = first_equation_advice(text, equations)
    if unnamed is not None:
        return LevelError(f"{said}: {unnamed}")
    meant = stata_test_spelling(text, equations, list(data.column_names), dict(data.terms))
    if meant is None:
        return None
    try:
        restrictions(data, meant)
    except MNLogitError as exc:  # '[car]income' with car the reference: say so
        return type(exc)(f"{said}, {meant!r} here, which is refused: {exc}")
    written = f"give the list {meant!r}" if isinstance(meant, list) else f"write {meant!r}"
    return LevelError(
        f"{said}: {written} (a coefficient is '<outcome>:<column>'; a term alone is 0 in "
        "every equation)"
    )


def keeps_constant(data: ModelData, cols: Any) -> np.ndarray | None:
    """The combination a with X a = 1 when the design spans the constant without an
    intercept column and the columns ``cols`` carry it (a full set of dummies, as
    ``y ~ 0 + g + x`` has), else None: a model without those columns keeps the constant
    through a, so that a test of them is not also a test of the constant (the intercept-only
    model is the null of every test, as it is of the LR test and of ``df_model``)."""
    cols = list(cols)
    if data.intercept is not None or not cols:
        return None
    a = data.constant_combination
    if a is None or not np.any(a[cols]):  # entries of columns without a share are 0
        return None
    return a


def dropped_rows(data: ModelData, cols: Any) -> np.ndarray:
    """Rows of R (equation-major, the user's units) of the hypothesis that the design
    columns ``cols`` add nothing to the model in any equation: their coefficients are zero
    or, when they carry the constant (:func:`keeps_constant`), those of the constant (the
    rows then span the combinations of them orthogonal to a, one fewer per equation)."""
    a = keeps_constant(data, cols)
    if a is None:
        return _selection(data, cols)
    cols = sorted(cols)
    rows = np.zeros((len(cols) - 1, data.p))
    rows[:, cols] = linalg.null_space(a[cols][None, :]).T
    return np.kron(np.eye(data.q), rows)


def _selection(data: ModelData, cols: Any) -> np.ndarray:
    """Rows of the identity picking design columns ``cols`` in every equation."""
    idx = [j * data.p + a for j in range(data.q) for a in cols]
    R = np.zeros((len(idx), data.p * data.q))
    R[np.arange(len(idx)), idx] = 1.0
    return R


def coefficient_positions(data: ModelData, terms: Any) -> np.ndarray:
    """Equation-major positions of every coefficient of ``terms`` (a term or design-column
    name, or a list of them) in every equation, in the order of ``cov_params()``.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> coefficient_positions(res._data, "parking").tolist()
    [1, 3, 5]
    """
    items = _names(terms)
    if items is None:
        raise OptionError(
            f"terms: expected a term or column name, or a list of them; got {terms!r}"
        )
    cols: set[int] = set()
    for item in items:
        found = data.terms.get(item)
        if found is None and item in data.column_names:
            found = (data.column_names.index(item),)
        if found is None and (term := _respelled(data, item, coefficients=False)) is not None:
            found = data.terms[term]
        if found is None:
            raise ColumnNotFoundError(
                f"terms: {item!r} is neither a term ({', '.join(map(repr, data.terms))}) nor a "
                f"design column ({', '.join(map(repr, data.column_names))})"
            )
        cols.update(found)
    return np.array([j * data.p + c for j in range(data.q) for c in sorted(cols)], dtype=np.intp)
