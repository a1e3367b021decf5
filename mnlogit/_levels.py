"""Outcome levels and the core's coding of them.

The user sees levels in level order (a Categorical's categories, otherwise sorted values) and a
reference among them. The core sees codes: the non-reference levels 0..q-1 in level order (one
equation each) and the reference q. :class:`Coding` is the one object that translates between
the two, for fits, for :meth:`~mnlogit.MNLogitResults.with_ref`, for IIA refits and for the
partitions of a distributed fit.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from ._alike import alike_fix, date_note, first_few, level_said, printed, warn_alike
from ._level_identity import plain_value, same_level
from ._once import CachedState, cached_property
from ._polars import refuse_outcome_nan
from ._shown_numbers import row_count
from ._subpop_refusals import too_few_levels
from .exceptions import DataError, LevelError, RareLevelWarning, warn

__all__ = [
    "Coding",
    "as_written",
    "distinct_labels",
    "distinct_values",
    "drop_lost_categories",
    "level_key",
    "level_kind",
    "near_level",
    "outcome_codes",
    "plain_value",
    "refuse_blank_categories",
    "refuse_several",
    "resolve_ref",
    "same_level",
    "warn_lost_levels",
]


def near_level(value: Any, levels: Any) -> str:
    """A note for a value that is not a level: the level it differs from only by white space
    or letter case (a CSV's ``"low "``), or the level it matches only as text (``"1"`` and 1);
    empty when there is none. The messages that refuse a level add it.

    Examples
    --------
    >>> near_level("low", ["high", "low ", "mid"])
    " ('low' and the level 'low ' differ only by white space)"
    >>> near_level("1", [1, 2])
    " ('1' is a str; the level 1 is a number)"
    """
    text = str(value)
    for lv in levels:
        other = str(lv)
        if same_level(lv, value):
            continue
        numbers = (value, lv) if isinstance(lv, (bool, np.bool_)) else (lv, value)
        if isinstance(numbers[1], (bool, np.bool_)) and _is_number(numbers[0]) and value == lv:
            # 1 == True: at={"flag": 1} was refused with nothing of why, and True for 1
            return f" ({value!r} is a {level_kind(value)}; the level {lv!r} is a {level_kind(lv)})"
        if other == text:
            return f" ({value!r} is a {level_kind(value)}; the level {lv!r} is a {level_kind(lv)})"
        if date_note(value, lv):
            return date_note(value, lv)
        if _rounded_alike(value, lv):  # 0.3 for the level 0.1 + 0.2 was refused, unexplained
            return (
                f" ({value!r} and the level {lv!r} differ only by rounding: give the level as "
                "fitted, or round the column before the fit, e.g. .round(6))"
            )
        if unicodedata.normalize("NFC", other) == unicodedata.normalize("NFC", text):
            form = "NFC" if unicodedata.is_normalized("NFC", other) else "NFD"
            return (
                f" ({value!a} and the level {lv!a} are one text in two Unicode forms: "
                f"write it as the level is, unicodedata.normalize({form!r}, ...))"
            )
        if printed(other) == printed(text):
            return (
                f" ({value!a} and the level {lv!a} differ only by invisible characters or "
                "the kind of space)"
            )
        if any(fold(other) == fold(text) for _, fold in _FOLDS):
            return _alike_levels(value, levels)
    return ""


def _alike_levels(value: Any, levels: Any) -> str:
    """Every level that ``value`` is one of :data:`_FOLDS` away from, by the first fold that
    any level is: --ref 7.0 beside '007' and '7' named only '007', where '7' was the level
    meant, and ' a' beside 'A' and 'a' was said to differ from both by "white space and
    letter case", where 'a' differs by white space alone."""
    text = str(value)
    for how, fold in _FOLDS:
        alike = [lv for lv in levels if fold(str(lv)) == fold(text)]
        if len(alike) == 1:
            return f" ({value!r} and the level {alike[0]!r} differ only by {how})"
        if alike:
            shown = ", ".join(map(repr, alike))
            return f" ({value!r} and the levels {shown} differ only by {how})"
    return ""


def _rounded_alike(value: Any, level: Any) -> bool:
    """Whether two numbers differ in their last digits only (not two whole numbers)."""
    if not (_is_number(value) and _is_number(level)) or value == level:
        return False
    a, b = float(value), float(level)
    return math.isclose(a, b, rel_tol=1e-9) and not (a.is_integer() and b.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


_FOLDS = (
    ("white space", str.strip),
    ("letter case", str.casefold),
    ("white space and letter case", lambda t: t.strip().casefold()),
    # '1200' beside '1,200' (a file read with --thousands ','), '15 000', "1'000"
    ("the grouping of digits", lambda t: re.sub(r"(?<=\d)[, '\u00a0\u202f](?=\d{3})", "", t)),
    # --ref 2.5 beside the level '2,5' of a file read with --decimal ',' (labels stay as text)
    ("the decimal mark", lambda t: re.sub(r"(?<=\d),(?=\d)", ".", t)),
    # '1' beside '1.0' or '01' (a data file's levels as written, as the command line reads
    # them): named by exactly their text, the refusal said nothing of the number
    ("how the number is written", lambda t: _number_text(t)),
)


def _number_text(text: str) -> str:
    """``text`` as the number it writes (repr of the float), or as it is if it is none."""
    try:
        number = float(text)
    except ValueError:
        return text
    return repr(number) if math.isfinite(number) else text


def level_kind(v: Any) -> str:
    """A readable kind of a level value, for messages: boolean, number or the type's name."""
    if isinstance(v, (bool, np.bool_)):
        return "boolean"
    if isinstance(v, numbers.Number):
        return "number"
    return type(v).__name__


def distinct_labels(values: pd.Series, uniques: list) -> list:
    """The distinct ``uniques`` of a column of labels (missing values left out), with its
    booleans kept apart from its numbers: pandas hashes True as 1 and False as 0, as Python
    does, so an object column holding True and 1 gave one level, fitted under the label of
    whichever came first."""
    if values.dtype != object or pd.api.types.infer_dtype(values, skipna=True) not in (
        "mixed",
        "mixed-integer",
    ):
        return uniques  # no booleans beside numbers (all booleans is "boolean")
    present = values.dropna()
    boolean = boolean_cells(present)
    if boolean.all() or not boolean.any():
        return uniques
    cells = present.to_numpy()
    return [*pd.unique(cells[boolean]).tolist(), *pd.unique(cells[~boolean]).tolist()]


def boolean_cells(values: pd.Series) -> np.ndarray:
    """Which cells of a column hold booleans (all of a boolean column's values, those of a
    column of objects that are True or False): pandas hashes True as 1 and False as 0."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.notna().to_numpy(dtype=bool)
    boolean = np.zeros(len(values), dtype=bool)
    if values.dtype == object:
        # a boolean is 0 or 1 to a hash: only those cells are looked at one by one, so that
        # a column of codes and numbers ('K12', 100) is not a Python loop over every row
        cells = values.to_numpy()
        maybe = np.flatnonzero(values.isin([0, 1]).to_numpy())
        boolean[maybe] = [isinstance(v, (bool, np.bool_)) for v in cells[maybe]]
    return boolean


def distinct_values(values: pd.Series) -> list:
    """The distinct values, booleans apart: True and 1 hash and compare alike, so pd.unique
    of objects [1, True, 2] kept only the first of them, and True in new data for C(k)
    fitted on 0, 1, 2 was the level 1 when a 1 came before it (refused when it came first)."""
    if values.dtype != object or not pd.api.types.infer_dtype(values).startswith("mixed"):
        return list(pd.unique(values))  # one kind of value (or not objects): no look per row
    flags = values.map(lambda v: isinstance(v, (bool, np.bool_))).to_numpy(bool)
    if flags.all() or not flags.any():
        return list(pd.unique(values))
    return [*pd.unique(values[flags]), *pd.unique(values[~flags])]


def level_key(v: Any) -> tuple:
    """A dict key under which two values meet only when they are the same level: True and 1
    hash and compare alike, so booleans are told apart."""
    return (isinstance(v, (bool, np.bool_)), v)


def _written(values: Any, itemsize: int) -> list:
    """Floats of ``itemsize`` bytes as the shortest decimals that read back as them."""
    short = np.dtype(f"f{itemsize}").type
    return [float(str(short(v))) for v in values]


def as_written(y: pd.Series) -> pd.Series:
    """An outcome of float32 (or float16) numbers as the numbers its cells show: float32's
    0.1 is 0.10000000149011612 as a Python float, which labelled the level in every table
    and refused ``ref=0.1``. Each value becomes the shortest decimal that reads back as it,
    so distinct values stay distinct and in order. Float64 levels -0.0 become 0.0: pandas
    keeps the sign of the first zero it meets (a factor's column C(g)[T.-0.0]). Any other
    column is returned as it is."""
    dtype = y.dtype.categories.dtype if isinstance(y.dtype, pd.CategoricalDtype) else y.dtype
    if getattr(dtype, "kind", "") != "f":
        return y
    if dtype.itemsize >= 8:  # numpy's float64 (a nullable or pyarrow one is left as it is)
        cats = isinstance(y.dtype, pd.CategoricalDtype)
        values = np.asarray(y.cat.categories if cats else y) if isinstance(dtype, np.dtype) else 1
        if not (np.signbit(values) & (values == 0)).any():
            return y
        return y.cat.rename_categories(values + 0.0) if cats else y + 0.0
    if isinstance(y.dtype, pd.CategoricalDtype):
        return y.cat.rename_categories(_written(y.cat.categories, dtype.itemsize))
    codes, uniques = pd.factorize(y)
    values = np.append(_written(uniques, dtype.itemsize), np.nan)
    return pd.Series(values[codes], index=y.index, name=y.name)


def outcome_codes(
    y: pd.Series, name: str, rows: bool = True, outside: Callable[[], Any] | None = None
) -> tuple[list, np.ndarray]:
    """The levels in order (a Categorical's category order, otherwise sorted values) and each
    row's position among them (-1 when missing), from one hashing pass over the rows (the
    data's, named in refusals, unless ``rows`` is False: a sample's). ``outside()``: the
    values of rows outside a subpopulation, whose categories are not unused ones."""
    y = as_written(y)
    refuse_outcome_nan(name, y, rows)
    try:
        codes, uniques = pd.factorize(y)
    except TypeError:  # lists or arrays in the cells (y given as an array of them)
        sample = next((v for v in y if not isinstance(v, Hashable)), y.iloc[0])
        raise DataError(
            f"outcome {name!r} has values that cannot be levels (e.g. {sample!r}, a "
            f"{type(sample).__name__}); an outcome's levels are single labels (text, "
            "booleans, dates) or numbers"
        ) from None
    if isinstance(y.dtype, pd.CategoricalDtype):
        present = set(uniques)
        levels = [c for c in y.cat.categories if c in present]  # -0.0 made 0.0 by as_written
        # as in a column of the same values: the categories order them, but inf is no
        # label, a complex number no real one, and 1 beside "a" a slip
        _refuse_alike_levels(levels, name)
        _refuse_mixed_kinds(levels, name, f"df[{name!r}].cat.rename_categories(str)")
        _refuse_nonfinite(levels, name)
        refuse_blank_categories(y, name, f"outcome {name!r}")
        unused = [c for c in y.cat.categories if c not in present]  # outside rows' are not
        beyond = set(outside()) if unused and outside is not None else set()
        _warn_unused(name, [c for c in unused if c not in beyond], levels)
    else:
        # -0.0 and 0.0 are one level, which took the sign of whichever row came first: an
        # outcome of np.round(score) was labelled -0.0 in the summary and every table
        values = [
            v + 0.0 if isinstance(v, float) else v for v in distinct_labels(y, uniques.tolist())
        ]
        _refuse_mixed_kinds(values, name, "strings")
        _check_outcome_values(values, name)
        try:
            levels = sorted(values)
        except TypeError:  # objects of one type without an order
            raise DataError(
                f"outcome {name!r} has values that cannot be put in order (e.g. "
                f"{', '.join(map(repr, values[:3]))}); convert it to text or a pandas "
                f"Categorical, whose categories give the order"
            ) from None
        warn_alike(levels, name)
    tuples = [lv for lv in levels if isinstance(lv, tuple)]
    if tuples:
        # pandas turns an index of tuples into a MultiIndex, so the tables keyed by outcome
        # could not be built (or would split one level into several columns)
        raise DataError(
            f"outcome {name!r} has tuples as values (e.g. {tuples[0]!r}); an outcome's "
            f"levels are single labels: join each tuple into one text label first"
        )
    if len(levels) < 2:
        raise too_few_levels(name, levels, outside)
    # first-seen order -> level order, with -1 (missing) kept; a loop over levels, not rows
    where = {level_key(lv): i for i, lv in enumerate(levels)}
    position = np.array([where[level_key(u)] for u in uniques.tolist()] + [-1], dtype=np.intp)
    return levels, position[codes]


def refuse_blank_categories(column: pd.Series, name: str, said: str) -> None:
    """Refuse a Categorical ``column`` whose rows hold a category of blank text ('' or
    spaces), as blank text among text is refused: a missing answer read as a level of its
    own. ``said``: the column as the message names it ("outcome 'y'", "data: column 'g'")."""
    categories = column.cat.categories
    blank = [j for j, c in enumerate(categories) if isinstance(c, str) and not c.strip()]
    used = np.isin(blank, column.cat.codes) if blank else np.zeros(0, dtype=bool)
    if not used.any():
        return
    shown = [categories[j] for j, u in zip(blank, used, strict=True) if u]
    others = [c for c in categories if c not in shown][:3]
    raise DataError(
        f"{said} has the blank category {', '.join(map(repr, shown))} beside its categories "
        f"(e.g. {', '.join(map(repr, others))}); a blank is not a category: make those cells "
        f"missing, e.g. df[{name!r}] = df[{name!r}].cat.remove_categories({shown!r}), or give "
        "them a label"
    )


def _check_outcome_values(values: list, name: str) -> None:
    """Refuse outcome values that cannot be levels: blank text (a missing answer, which read
    as a level is fitted as an outcome of its own), infinite numbers, and values that have no
    order (complex numbers)."""
    _refuse_alike_levels(values, name)
    blank = [v for v in values if isinstance(v, str) and not v.strip()]
    if blank:
        raise DataError(
            f"outcome {name!r} has blank values ({', '.join(map(repr, blank))}), which would "
            f"be fitted as an outcome of their own; make them missing (e.g. df[{name!r}] = "
            f"df[{name!r}].replace(r'^\\s*$', np.nan, regex=True)) or give them a label"
        )
    _refuse_nonfinite(values, name)


def _refuse_mixed_kinds(values: list, name: str, how: str) -> None:
    """Refuse outcome levels of more than one kind (numbers beside text); ``how``: what to
    convert them with."""
    kinds = {level_kind(v) for v in values}
    if len(kinds) > 1:
        raise DataError(
            f"outcome {name!r} mixes value types ({', '.join(sorted(kinds))}); "
            f"convert it to one type, e.g. {how}"
        )


def _refuse_nonfinite(values: list, name: str) -> None:
    """Refuse infinite and complex outcome levels (a Decimal's infinity, no numbers.Real)."""
    odd = [
        v
        for v in values
        if isinstance(v, complex)
        or (isinstance(v, (numbers.Real, Decimal)) and not math.isfinite(v))
    ]
    if odd:
        raise DataError(
            f"outcome {name!r} has values that cannot be levels ({', '.join(map(repr, odd[:3]))}"
            f"); an outcome's levels are labels (text, booleans, dates) or finite real numbers"
        )


def _refuse_alike_levels(levels: list, name: str) -> None:
    """Refuse outcome levels that print alike: one text in two Unicode forms ("é" as one
    character and as e with a combining accent, as text pasted from two sources may hold),
    or, among a Categorical's categories, values of two types (1 and "1"): fitted as two
    outcomes, every table showed two columns of one label."""
    seen: dict[str, Any] = {}
    for v in levels:
        other = seen.setdefault(printed(str(v)), v)
        if other is v:
            continue
        if isinstance(v, str) and isinstance(other, str):
            raise DataError(
                f"outcome {name!r} has levels {other!r} and {v!r} ({other!a} and "
                f"{v!a}), which print alike (one text in two Unicode forms, with invisible "
                f"characters or other spaces): as two outcomes they would share one label; "
                f"write them alike "
                f"first, e.g. {alike_fix(name, other, v)}"
            )
        raise DataError(
            f"outcome {name!r} has the categories {other!r} ({level_kind(other)}) and {v!r} "
            f"({level_kind(v)}), which print alike: as two outcomes they would share one "
            f"label; convert the column to one type first, e.g. "
            f"df[{name!r}] = df[{name!r}].astype(str)"
        )


def drop_lost_categories(
    name: str, read: dict[str, pd.Series], columns: dict[str, pd.Series]
) -> pd.Series:
    """Outcome ``name`` of the rows left in ``columns``, a Categorical without categories
    only rows dropped for missing values had (warned of as lost levels, not unused)."""
    kept = columns[name]
    if not isinstance(kept.dtype, pd.CategoricalDtype):
        return kept
    present = set(kept.dropna().unique().tolist())
    lost = [c for c in read[name].dropna().unique().tolist() if c not in present]
    return kept.cat.remove_categories(lost) if lost else kept


def warn_lost_levels(name: str, levels: list, dropped: tuple, n_dropped: int) -> None:
    """Warn of outcome values of the rows dropped for missing values (``dropped``) that are
    no level of the model, which lost their equations with nothing said but a row count."""
    lost = [v for v in dropped if not any(same_level(v, lv) for lv in levels)]
    if lost:
        one = len(lost) == 1
        # numpy scalars as Python's: 90.4, not np.float64(90.4); dates as the summary's
        shown = ", ".join(map(level_said, lost[:5]))
        warn(
            f"outcome {name!r}: level{'' if one else 's'} {shown}"
            f"{', ...' if len(lost) > 5 else ''} {'has' if one else 'have'} no rows left after "
            f"dropping the {row_count(n_dropped)} with missing values: the model has no equation "
            f"for {'it' if one else 'them'} and predictions give {'it' if one else 'them'} no "
            "column; fill in the missing values to keep these rows, or drop the rows first "
            "(df.dropna(subset=[...])) to fit without this warning",
            RareLevelWarning,
        )


def _warn_unused(name: str, unused: list, levels: list) -> None:
    """Warn of categories of a Categorical outcome that no row used has, as nnet's multinom
    does ("group 'd' is empty"): the model has no equation for them, and predictions give
    them no column, which a user who set the categories may not expect."""
    if unused:
        shown = first_few(unused, 5)
        warn(
            f"outcome {name!r}: the categor{'y' if len(unused) == 1 else 'ies'} {shown} of the "
            f"Categorical {'has' if len(unused) == 1 else 'have'} no rows (among those used): "
            f"left out of the model, whose levels are {', '.join(map(repr, levels))}; "
            "remove unused categories before the fit (.cat.remove_unused_categories()) to "
            "leave them out without this warning",
            RareLevelWarning,
        )


def resolve_ref(
    ref: Any,
    levels: list | tuple,
    name: str = "y",
    unused: tuple = (),
    dropped: tuple = (),
    outside: tuple = (),
    subpop: str | None = None,
) -> Any:
    """The level that ``ref`` names, matched by value and kind ("0" never matches 0).

    ``unused``: categories of a Categorical outcome that no row used has; ``dropped``: the
    outcome values of the rows dropped for missing values; ``outside``: those of the rows
    outside a survey's subpopulation, ``subpop`` what selected it (its condition or column,
    quoted as ``with_ref`` quotes it); all named in the error.
    """
    if ref is None:
        return levels[0]
    for lv in levels:
        if same_level(lv, ref):
            return lv
    refuse_several(ref, "ref", name, levels)
    hint = near_level(ref, levels)
    if any(str(lv) == str(ref) for lv in levels):
        hint = f" ({ref!r} is a {level_kind(ref)}; the levels are {level_kind(levels[0])}s)"
    elif any(same_level(c, ref) for c in outside) and not any(same_level(c, ref) for c in dropped):
        hint = (
            f" ({ref!r} is the outcome only of rows outside the subpopulation "
            f"({subpop or 'subpop='}), "
            "which are no part of its estimates: choose one of its levels as the reference)"
        )
    elif any(same_level(c, ref) for c in dropped):
        hint = (
            f" ({ref!r} is the outcome only of rows dropped for missing values in the "
            "formula's columns: fill in those values, or choose another reference)"
        )
    elif any(same_level(c, ref) for c in unused):
        hint = f" ({ref!r} is a category of the outcome, but no row used has it)"
    raise LevelError(
        f"ref={ref!r} is not a level of outcome {name!r}; levels are "
        f"{', '.join(map(repr, levels))}{hint}"
    )


def refuse_several(value: Any, option: str, name: str, levels: Sequence) -> None:
    """A LevelError when ``value`` (given as ``option``) is a container rather than one
    level of outcome ``name``: its repr was quoted whole (a Series over several lines)."""
    if isinstance(value, (list, tuple, set, dict, np.ndarray, pd.Series, pd.Index)):
        raise LevelError(
            f"{option}: expected one level of outcome {name!r} "
            f"({', '.join(map(repr, levels))}); got a {type(value).__name__}: {_short(value)}"
        )


def _short(value: Any, limit: int = 60) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True, eq=False)
class Coding(CachedState):
    """Outcome levels in level order, the reference among them, and the core's codes.

    Examples
    --------
    >>> c = Coding(("bus", "car", "train"), "car")
    >>> c.equations
    ('bus', 'train')
    >>> c.core_to_level.tolist()  # core codes: bus, train, then the reference car
    [0, 2, 1]
    """

    levels: tuple
    ref: Any

    @cached_property
    def ref_index(self) -> int:
        """Position of the reference in ``levels``."""
        return next(i for i, lv in enumerate(self.levels) if same_level(lv, self.ref))

    @property
    def q(self) -> int:
        """Number of equations, K - 1."""
        return len(self.levels) - 1

    @cached_property
    def equations(self) -> tuple:
        """Non-reference levels, in level order: one column of B each."""
        return tuple(lv for i, lv in enumerate(self.levels) if i != self.ref_index)

    @cached_property
    def core_to_level(self) -> np.ndarray:
        """Core code -> position in ``levels``."""
        r = self.ref_index
        return np.array([*(i for i in range(len(self.levels)) if i != r), r], dtype=np.intp)

    @cached_property
    def level_to_core(self) -> np.ndarray:
        """Position in ``levels`` -> core code."""
        return np.argsort(self.core_to_level)

    def find(self, value: Any) -> Any:
        """The level that ``value`` names, or None."""
        return next((lv for lv in self.levels if same_level(lv, value)), None)

    def named(self, value: Any, option: str, outcome: str) -> Any:
        """The level that ``value`` (given as ``option``) names, or a LevelError listing
        the levels of ``outcome``."""
        level = self.find(value)
        if level is None:
            refuse_several(value, option, outcome, self.levels)
            raise LevelError(
                f"{option}: {value!r} is not a level of outcome {outcome!r}; levels are "
                f"{', '.join(map(repr, self.levels))}{near_level(value, self.levels)}"
            )
        return level

    def equation(self, level: Any) -> int:
        """Core code (equation index) of a non-reference level."""
        return next(j for j, lv in enumerate(self.equations) if same_level(lv, level))

    def core_codes(self, level_idx: np.ndarray) -> np.ndarray:
        """Positions in ``levels`` (one per row) -> core codes."""
        return self.level_to_core[level_idx]

    def recode_map(self, new: Coding) -> np.ndarray:
        """Core code under this coding -> core code under ``new`` (-1 for a level ``new``
        leaves out): for another reference, or for an IIA refit without one level."""
        new_core = {lvl: c for c, lvl in enumerate(new.core_to_level)}
        out = np.full(len(self.levels), -1, dtype=np.intp)
        for code, lvl in enumerate(self.core_to_level):
            hit = [j for j, nl in enumerate(new.levels) if same_level(self.levels[lvl], nl)]
            if hit:
                out[code] = new_core[hit[0]]
        return out

    def ref_change(self, new: Coding) -> np.ndarray:
        """M with B_new = B_old M for the same levels against another reference:
        b'_k = b_k - b_ref_new (b_ref_old = 0)."""
        q = self.q
        old_col = {int(lv): j for j, lv in enumerate(self.core_to_level[:q])}
        new_ref_pos = int(new.core_to_level[q])
        M = np.zeros((q, q))
        for j, lv in enumerate(new.core_to_level[:q]):
            if int(lv) in old_col:
                M[old_col[int(lv)], j] += 1.0
            M[old_col[new_ref_pos], j] -= 1.0
        return M
