"""The ways a restriction may write a coefficient: its labels, ``outcome:column`` with either
name in backticks, and its column spelled as the formula spelled it.

formulaic labels the column of ``I(x**2)`` as ``I(x ** 2)`` and that of ``np.log( x )`` as
``np.log(x)``: a term is found under either spelling, but a coefficient ``b:I(x**2)`` was
refused as naming no column. Read where the exact labels match nothing: the column after
``outcome:`` is compared with the model's without white space beside punctuation, with
either quote and with ``^`` as ``**`` (R's power, which the formula reads so inside ``I()``).

A factor of an odd name is written in backticks before its level, as R users write it:
``b:`g [1]`[T.x]`` for the column ``g [1][T.x]`` (that of the term ```g [1]```).

A treatment-coded factor's baseline level has no column (``b:region[T.island]`` with
``island`` the baseline): the refusal says so, and which coefficients hold the contrasts
with it, rather than listing the columns as if the level were misspelt.

A term written as one equation's coefficient (``b:region``, as Stata's ``test [b]`` reads it)
is answered with its columns: the test that they are 0 for ``b:region`` alone or ``= 0``, and
the restriction written column by column for another (``b:region = c:region``), which the
test of zeros would not be.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence

import numpy as np

from ._alike import first_few, level_said
from ._data import ModelData
from ._terms import coding, column_meanings
from .exceptions import ColumnNotFoundError, DataError, LevelError

__all__ = [
    "baseline_asked",
    "coefficient_labels",
    "column_meant",
    "in_the_labels_form",
    "quoted",
    "respelled_coefficient",
    "term_in_one_equation",
    "unknown_coefficient",
    "zero_alone",
]

_LEVEL = re.compile(r"(.+)(\[[^\[\]]*\])")  # a factor's name and its level's suffix
_PLAIN = re.compile(r"[A-Za-z_.][A-Za-z0-9_.]*")  # a name a formula needs no backticks for
_MANY = 64  # spellings of one column at most: each is a label of every outcome
# a column looked up by Q('odd name'), which a formula may also write `odd name`
_LOOKED_UP = re.compile(r"Q\(\s*(['\"])(.*)\1\s*\)")
_NUMPY_CALL = re.compile(r"\bnp\.(?=\w+\()")  # np.log(x), which R writes log(x)


def quoted(name: str) -> str:
    """``name`` in backticks, a backtick in it doubled, as a formula quotes a column: an
    outcome ``a`b`` is written ```a``b`:x``."""
    return "`" + name.replace("`", "``") + "`"


@functools.lru_cache(maxsize=8)  # the same for each side of each restriction of a test
def coefficient_labels(
    equations: tuple[str, ...], column_names: tuple[str, ...]
) -> tuple[tuple[str, int], ...]:
    """Each way to write a coefficient, ``outcome:column``, with its equation-major
    position, longest first ("b:x1:g" before "b:x1"). An outcome or column may be quoted
    in backticks, as a column in a formula is: an outcome '-x' or '1 + 1' cannot be read
    otherwise ("`-x`:age", "`a:b`:`x:y`"); so may both ("`a:b`" for outcome a, column b)."""
    p, columns = len(column_names), [_column_spellings(col) for col in column_names]
    labels = [
        (f"{e}:{c}", j * p + a)
        for j, eq in enumerate(equations)
        for e in (eq, quoted(eq))
        for a, spellings in enumerate(columns)
        for c in spellings
    ]
    labels += [
        (quoted(f"{eq}:{col}"), j * p + a)
        for j, eq in enumerate(equations)
        for a, col in enumerate(column_names)
    ]
    return tuple(sorted(labels, key=lambda t: -len(t[0])))


def _name_spellings(name: str, lookup: bool = True) -> tuple[str, ...]:
    """A name in backticks; for ``Q('odd name')`` the name it looks up in backticks, and for
    a name that is not plain its ``Q()`` lookup when ``lookup`` (a column's name, not a
    factor's level of it), as the term is read either way ("B:`odd name`" was refused where
    "`odd name`" is the term, and "B:Q('c+d')" where "Q('c+d')" is)."""
    found = _LOOKED_UP.fullmatch(name)
    if found:
        return quoted(name), quoted(found.group(2))
    # Q() for a name Python would not read bare ('p.q' too); a backslash would be read as
    # an escape inside the quotes
    looked_up = () if not lookup or name.isidentifier() or "\\" in name else _lookups(name)
    return (quoted(name), *looked_up)


def _lookups(name: str) -> tuple[str, ...]:
    """``Q('name')`` and ``Q("name")``, with the quotes the name does not hold."""
    return tuple(f"Q({q}{name}{q})" for q in ("'", '"') if q not in name)


def _column_spellings(col: str) -> tuple[str, ...]:
    """A column's name, quoted whole, or with the names of its factors (the parts between
    ``:``) that are not plain names quoted, before the level suffix of a factor's column
    (```g [1]`[T.b]:`x z``` for ``g [1][T.b]:x z``). A spelling shared with another
    column's is refused as naming two (by the reading of labels), not guessed between."""
    whole = (col, *_name_spellings(col, lookup=":" not in col and not _LEVEL.fullmatch(col)))
    options: list[tuple[str, ...]] = []
    for part in col.split(":"):
        level = _LEVEL.fullmatch(part)
        name, suffix = (level.group(1), level.group(2)) if level else (part, "")
        if _PLAIN.fullmatch(name):
            options.append((part,))
            continue
        by_name = tuple(q + suffix for q in _name_spellings(name)) if suffix else ()
        options.append((part, *_name_spellings(part, lookup=not suffix), *by_name))
    if math.prod(len(o) for o in options) > _MANY:
        return whole
    spelled = (":".join(c) for c in itertools.product(*options))
    return tuple(dict.fromkeys((*whole, *spelled)))


def _word(ch: str) -> bool:
    return ch.isalnum() or ch in "_."


def _canonical(text: str) -> tuple[str, list[int]]:
    """``text`` without white space beside punctuation (kept between two names: ``x y`` is
    no ``xy``), ``"`` as ``'`` and ``^`` as ``**``, and for each of its characters the
    position in ``text`` just after the character it comes from."""
    out: list[str] = []
    ends: list[int] = []
    for k, ch in enumerate(text):
        if ch.isspace():
            before = text[:k].rstrip()
            after = text[k:].lstrip()
            if not (before and after and _word(before[-1]) and _word(after[0])):
                continue
        for c in {'"': "'", "^": "**"}.get(ch, ch):
            out.append(c)
            ends.append(k + 1)
    return "".join(out), ends


def respelled_coefficient(
    data: ModelData, side: str, i: int, outcome_spellings: Mapping[int, tuple[str, ...]]
) -> tuple[str, int] | None:
    """The coefficient written at ``side[i]`` as ``outcome:column`` with the column in
    another spelling (see the module), as (the text it takes, its equation-major position);
    None when no column, or more than one, is spelled so there. ``outcome_spellings`` maps
    each equation to the ways its outcome may be written (its label, in backticks)."""
    found: dict[int, int] = {}  # position -> end of the text read
    for j, spellings in outcome_spellings.items():
        for e in spellings:
            if not side.startswith(f"{e}:", i):
                continue
            start = i + len(e) + 1
            if side[start : start + 1].isspace():  # "b: x1" is refused, saying why
                continue
            rest, ends = _canonical(side[start:])
            for a, col in enumerate(data.column_names):
                target = _canonical(col)[0]
                if not target or not rest.startswith(target):
                    continue
                # the column ends the side, or an operator follows it
                if len(rest) > len(target) and rest[len(target)] not in "+-":
                    continue
                found[j * data.p + a] = start + ends[len(target) - 1]
    if len(found) != 1:
        return None
    (index, end), *_ = found.items()
    return side[i:end], index


def column_meant(column_names: Sequence[str], asked: str) -> tuple[str, str] | None:
    """The column a restriction's ``outcome:column`` meant when ``asked`` names none: the
    column R's ``coef()`` names so (``(Intercept)``, a treatment dummy as the factor's name
    followed by its level, ``edutertiary:age``, ``log(x)`` for ``np.log(x)``), or one whose
    factors ``asked`` lists in another order (``age:edu[T.tertiary]``). (column, how it
    was written) or None; None too when two columns would answer."""
    asked_parts = sorted(_canonical(part)[0] for part in asked.split(":"))
    found = []
    for col in column_names:
        parts = col.split(":")
        if len(parts) > 1 and sorted(_canonical(part)[0] for part in parts) == asked_parts:
            found.append((col, "with its factors in another order"))
            continue
        r_parts = ["(Intercept)" if part == "Intercept" else _r_name(part) for part in parts]
        if _canonical(":".join(r_parts))[0] == _canonical(asked)[0]:
            found.append((col, "as R's coef() names it"))
    return found[0] if len(found) == 1 else None


def _r_name(part: str) -> str:
    """How R's model matrix names a factor of a column: a treatment-coded level as the
    factor's name and the level run together, numpy's functions without ``np.``."""
    level = _LEVEL.fullmatch(part)
    if level and level.group(2).startswith("[T."):
        return _NUMPY_CALL.sub("", level.group(1)) + level.group(2)[3:-1]
    return _NUMPY_CALL.sub("", part)


def baseline_asked(
    data: ModelData, asked: str, outcome: str | None, *, zero: bool = True
) -> str | None:
    """Why ``asked`` (a design column, as ``region[T.island]`` or ``region[island]``) names
    no coefficient when its level is the baseline of a treatment-coded factor, with how to
    test what was likely meant; None otherwise. ``outcome``: the equation written before it
    (as written), or None for a column named alone (tested in every equation). ``zero``: the
    restriction was that coefficient alone, or it ``= 0``; the test that the other levels'
    contrasts are all 0 is then offered as the one meant, and otherwise (``= 1``, or beside
    another coefficient) said to be another test.

    The columns are matched with the baseline put in place of their level, not by cutting
    ``asked`` at its colons and brackets: a level may hold either (``'b:2'``, ``'a[1]'``, a
    date's ``2020-01-01 00:00:00``), and was then answered as a misspelt column."""
    meanings = column_meanings(data.spec)
    levels = _factor_levels(data.spec)
    others: list[str] = []
    found: tuple[str, object, object] | None = None
    for col in data.column_names:
        for name, what, base in meanings.get(col, ()):
            if what != "baseline" or (found is not None and found[:2] != (name, base)):
                continue
            for level, at_base in _at_baseline(col, name, base, levels.get(name, ())):
                if asked in at_base:
                    found = found or (name, base, level)
                    others.append(col)
    if found is None:
        return None
    return _baseline_said(*found, others=others, outcome=outcome, said_zero=zero)


def _factor_levels(spec: object) -> dict[str, list]:
    """Each categorical factor's levels, by the name its columns give it."""
    out = {}
    for expr, (kind, state) in getattr(spec, "encoder_state", {}).items():
        if str(getattr(kind, "value", kind)) == "categorical":
            out[str(expr)] = coding(state)[0]
    return out


def _at_baseline(col: str, name: str, base: object, levels: Sequence) -> list:
    """For each level of the factor ``name`` that ``col`` is the column of, that level and
    the ways to write ``col`` with ``base`` in its place (``[T.base]``, or R's ``[base]``)."""
    out = []
    for level in levels:
        own = f"{name}[T.{level}]"
        if str(level) == str(base) or own not in col:
            continue
        for at in (m.start() for m in re.finditer(re.escape(own), col)):
            end = at + len(own)
            if (at == 0 or col[at - 1] == ":") and (end == len(col) or col[end] == ":"):
                forms = (f"{name}[T.{base}]", f"{name}[{base}]")
                out.append((level, [col[:at] + form + col[end:] for form in forms]))
    return out


def _baseline_said(
    name: str,
    base: object,
    example: object,
    *,
    others: list[str],
    outcome: str | None,
    said_zero: bool,
) -> str:
    labels = [f"{outcome}:{c}" if outcome is not None else c for c in others]
    shown = first_few(labels, 6)
    where = f"in the equation of {outcome!r}" if outcome is not None else "in every equation"
    zero = ", ".join(f"{lab} = 0" for lab in labels) if outcome is not None else None
    test = (
        f"{zero!r} tests that they are all zero {where}"
        if zero is not None and len(labels) <= 6
        else f"the list [{shown}] tests that they are all zero {where}"
    )
    level, said = _python(example), level_said(base)
    if _PLAIN.fullmatch(name) and isinstance(level, (str, int, float)):  # bool too
        # the level as its value: Treatment('2') names no level of a factor of numbers
        refit = f"refit with C({name}, Treatment({level!r})) (or another level as baseline)"
    else:
        refit = "refit with another level named as the baseline in its Treatment()"
    start = (
        f"{said} is the baseline level of {name!r} (treatment coding) and has no "
        f"coefficient: each other level's coefficient ({shown}) is that level's contrast "
        f"with {said} {where}"
    )
    if said_zero:
        return f"{start}; {test}. For a coefficient of {said}, {refit}"
    # 'b:g[T.u] = 1' or 'b:g[T.u] = c:g[T.u]' is no test that the contrasts are all 0
    return (
        f"{start}. The restriction written needs a coefficient of {said}: {refit}, and "
        f"write it with that fit's coefficients ({test}, which is another restriction than "
        "the one written)"
    )


def zero_alone(text: str, token: str) -> bool:
    """Whether the restriction ``text`` is the coefficient ``token`` alone or it ``= 0``."""
    zero = r"(?:=\s*[+-]?(?:0+\.?0*|\.0+)(?:[eE][+-]?\d+)?\s*)?"
    return re.fullmatch(rf"\s*{re.escape(token)}\s*{zero}", text) is not None


def _python(value: object) -> object:
    """A numpy scalar as Python's, which a formula writes (2, not np.int64(2))."""
    item = getattr(value, "item", None)
    return item() if isinstance(value, np.generic) and item is not None else value


def term_in_one_equation(data: ModelData, token: str, text: str) -> str:
    """What to write for ``token`` of the restriction ``text`` naming a term in one equation
    (``bus:region``), else "": the test that its coefficients there are 0 when ``text`` is
    ``token`` alone or ``= 0``, else ``text`` restated for each of its columns (a term
    beside another of its equations: ``bus:region = train:region``), or that restrictions
    name its columns one by one."""
    for e in map(str, data.equations):
        for written in (e, quoted(e)):
            term = token[len(written) + 1 :] if token.startswith(f"{written}:") else ""
            if not (term and term in data.terms):
                continue
            said = f". {term!r} is a term"
            cols = [data.column_names[c] for c in data.terms[term]]
            if zero_alone(text, token):
                each = ", ".join(f"{written}:{col} = 0" for col in cols)
                return (
                    f"{said}: its coefficients in the equation of {e!r} are tested by "
                    f"'{each}' ({term!r} alone tests them in every equation)"
                )
            by_column = _column_by_column(data, text, term, cols)
            if by_column is not None:
                return (
                    f"{said}: a restriction names its columns one at a time; for each "
                    f"column, {text!r} is '{by_column}'"
                )
            named = ", ".join(f"{written}:{col}" for col in cols)
            return f"{said}: a restriction names its columns one at a time ({named})"
    return ""


def _column_by_column(data: ModelData, text: str, term: str, cols: list[str]) -> str | None:
    """``text``, whose only coefficients are the term ``term`` in some equations, restated
    once for each of its columns ``cols`` (joined by commas); None when it names anything
    else (the restatement would then guess what was meant)."""
    outcomes = "|".join(re.escape(w) for e in map(str, data.equations) for w in (quoted(e), e))
    at = re.compile(rf"(?<![\w.`])({outcomes}):{re.escape(term)}(?=\s|$|[-+=,*])")
    if ":" in at.sub("", text) or not at.search(text):
        return None
    # the column as a replacement template: a backslash in it escaped, the outcome kept
    return ", ".join(at.sub(r"\1:" + col.replace("\\", "\\\\"), text) for col in cols)


def in_the_labels_form(data: ModelData, text: str) -> str:
    """``text`` in the Unicode form (NFC or NFD) that every label of the model (outcomes,
    columns, terms) is in: 'é' typed as one character or as 'e' and an accent looks the
    same, and a restriction writing the other was refused with the label it could not be
    told from. Unchanged when the labels are in neither form alone (no form then reads
    every label as written)."""
    if text.isascii():
        return text
    labels = [*map(str, data.equations), *data.column_names, *map(str, data.terms)]
    for form in ("NFC", "NFD"):
        if all(unicodedata.is_normalized(form, label) for label in labels):
            return unicodedata.normalize(form, text)
    return text


def unknown_coefficient(data: ModelData, rest: str, text: str) -> Exception:
    """The refusal of the restriction ``text`` at ``rest``, its first part that names no
    coefficient: the reference outcome, an outcome written with its sign, a multiplier after
    its coefficient, a column under another spelling, a term or a baseline level, each
    answered with what to write; else what the syntax reads."""
    token = re.split(r"\s[+-]|\s*$", rest.strip(), maxsplit=1)[0]
    outcomes = ", ".join(repr(str(e)) for e in data.equations)
    columns = ", ".join(repr(c) for c in data.column_names)
    # the reference as written: in backticks, or with its sign, which was read as minus
    # ('-2:x' with outcome -2 the reference was "cannot read '2:x'")
    at = text.find(rest)
    sign = re.search(r"([+-])\s*$", text[:at]) if at > 0 else None
    written = [token] + ([sign.group(1) + token] if sign else [])
    if any(w.startswith((f"{data.ref}:", f"{quoted(str(data.ref))}:")) for w in written):
        return LevelError(
            f"restriction {text!r}: {str(data.ref)!r} is the reference outcome and has no "
            f"coefficients; outcomes with coefficients: {outcomes}"
        )
    # an outcome's label with its sign ('-2:x', outcome -2): "cannot read '2:x'" quoted
    # neither what was written nor the label to write
    signed = [e for e in map(str, data.equations) if sign and written[-1].startswith(f"{e}:")]
    e = max(signed, key=len, default="")
    if sign is not None and sign.end() == at and e[:1] in ("+", "-"):
        return LevelError(
            f"restriction {text!r}: {written[-1]!r} reads as {sign.group(1)!r} before "
            f"{token!r}; outcome {e!r} is not a plain name, so it goes in backticks: "
            f"'{quoted(e)}:{written[-1][len(e) + 1 :]}'"
        )
    # 'bus : income' reads as outcome 'bus ' or column ' income', which no label matches
    joined = re.sub(r"\s*:\s*", ":", token)
    spaced = (
        f" (no spaces around the ':' of '<outcome>:<column>': {joined!r})"
        if joined != token
        else ""
    )
    # a signed multiplier too: "c:x*-1" was said to name no design column
    after = re.fullmatch(r"(.+?)\s*([*/])\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)", token)
    if after and after.group(1) in {
        label
        for label, _ in coefficient_labels(
            tuple(map(str, data.equations)), tuple(data.column_names)
        )
    }:
        # "b:x*2" read as column 'x*2': the multiplier goes first (and there is no '/')
        label, op, number = after.groups()
        with np.errstate(divide="ignore"):
            first = number if op == "*" else f"{np.float64(1.0) / float(number):.17g}"
        return DataError(
            f"restriction {text!r}: {token!r}: a multiplier goes before its coefficient "
            f"(and '/' is not read); write '{first}*{label}'"
        )
    # the outcome as written, bare or in backticks ('`bus stop`:log(income)')
    written = [
        w for e in map(str, data.equations) for w in (e, quoted(e)) if token.startswith(f"{w}:")
    ]
    if written:
        eq = max(written, key=len)
        meant = column_meant(data.column_names, token[len(eq) + 1 :])
        baseline = baseline_asked(data, token[len(eq) + 1 :], eq, zero=zero_alone(text, token))
        if baseline is not None:
            return ColumnNotFoundError(f"restriction {text!r}: {token!r}: {baseline}")
        # R's coef() names, or an interaction's factors reordered
        if meant is not None and not spaced:
            return ColumnNotFoundError(
                f"restriction {text!r}: {token!r} names the column {meant[0]!r} {meant[1]}; "
                f"write '{eq}:{meant[0]}'"
            )
        return ColumnNotFoundError(
            f"restriction {text!r}: {token!r} names no design column; columns are "
            f"{columns}{spaced}{term_in_one_equation(data, token, text)}"
        )
    terms = ", ".join(repr(t) for t in data.terms)
    name = token.strip("`")
    if name in data.terms or name in data.column_names:
        # the example is one of its own coefficients (it was the design's last column's)
        column = name if name in data.column_names else data.column_names[data.terms[name][0]]
        return DataError(
            f"restriction {text!r}: {name!r} alone tests that all its coefficients are zero "
            f"and cannot be part of an equation; write one coefficient as '<outcome>:<column>' "
            f"(e.g. '{data.equations[0]}:{column} = 1') with outcome one of {outcomes}"
        )
    baseline = baseline_asked(data, name, None, zero=zero_alone(text, token))
    if baseline is not None:
        return LevelError(f"restriction {text!r}: {token!r}: {baseline}")
    meant = column_meant(data.column_names, name)
    if meant is not None and not spaced:  # '(Intercept)', 'log(x)' alone: as after 'b:'
        return ColumnNotFoundError(
            f"restriction {text!r}: {token!r} names the column {meant[0]!r} {meant[1]}; "
            f"write {meant[0]!r} (0 in every equation) or '{data.equations[0]}:{meant[0]}'"
        )
    return LevelError(
        f"restriction {text!r}: cannot read {token!r}"
        + _not_read(token)
        + f"; expected a term ({terms}) or "
        f"'<outcome>:<column>' with outcome one of {outcomes} and column one of {columns} "
        "(an outcome or column that is not a plain name goes in backticks: '`-x`:age')"
        + spaced
        + term_in_one_equation(data, token, text)
    )


_FRACTION = re.compile(r"(\d+\.?\d*|\.\d+)\s*/\s*(\d+\.?\d*|\.\d+)")


def _not_read(token: str) -> str:
    """What a restriction's syntax does not read at the start of ``token``, said with the
    rewrite that it does read, else "": '2*(a:x - b:x)' and 'a:x = 2/3' were refused as
    "cannot read '(a:x'" and "cannot read '2/3'" beside the list of every label."""
    if token.startswith("("):
        return " (parentheses are not read: multiply out, '2*(a:x - b:x)' is '2*a:x - 2*b:x')"
    fraction = _FRACTION.match(token)
    if fraction is None or not float(fraction.group(2)):
        return ""
    value = float(fraction.group(1)) / float(fraction.group(2))
    return f" ('/' is not read: write {fraction.group(0)!r} as a decimal, {value!r})"
