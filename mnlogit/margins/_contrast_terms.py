"""What :meth:`Margins.contrast` pairs and how it labels them: the default reference, the
labels of differences, the limit on pairs, the note on multiplicity, and the bounds on the
rounding of each difference."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._levels import near_level, same_level
from ..exceptions import DataError, LevelError
from ..report._format import value_label
from ._kinds import check_named
from ._period_values import period_value
from ._variables import Variable

__all__ = [
    "MAX_COMBINATIONS",
    "UNADJUSTED",
    "baselines",
    "check_method",
    "check_size",
    "default_reference",
    "find",
    "operand",
    "pair_bounds",
    "partners",
    "unadjusted",
]

UNADJUSTED = "p-values are not adjusted for multiple comparisons"
# Each combination of the values re-encodes and predicts every row (or grid point): far more
# than this would run for hours, and its table could not be read. Contrasts pair at most as
# many values.
MAX_COMBINATIONS = 10_000

CONTRASTS = ("pairwise", "reference")
_REFERENCE = (
    'method="reference" (differences from the level the coefficients are measured against, or ref=)'
)
_UNADJUSTED = ", whose p-values are not adjusted for multiple comparisons"
# emmeans' and Stata's names of contrasts, and what gives them here: they were refused with
# the two names allowed and nothing of what they correspond to
_OTHER_NAMES = {
    "trt.vs.ctrl": _REFERENCE,
    "trt.vs.ctrl1": _REFERENCE,
    "treatment": _REFERENCE,
    "r": 'method="reference", Stata\'s r. operator',
    "dunnett": _REFERENCE + _UNADJUSTED,
    "trt.vs.ctrlk": 'method="reference" with ref= the last value',
    "revpairwise": 'method="pairwise" (earlier minus later value): negate the estimates and '
    "swap lower and upper for later minus earlier",
    "tukey": 'method="pairwise"' + _UNADJUSTED,
    "pairs": 'method="pairwise"',
    # consecutive levels: emmeans' consec and Stata's ar. take later minus earlier, a. the reverse
    **dict.fromkeys(
        ("consec", "ar"),
        'method="pairwise", whose differences include each level minus the next: negate '
        "the estimates and swap lower and upper for the next minus the earlier",
    ),
    "a": 'method="pairwise", whose differences include each level minus the next',
}
OTHER_NAMES = {name: f"take {instead}" for name, instead in _OTHER_NAMES.items()}


def baselines(ref: Any, variables: list[Variable]) -> dict[str, tuple[Any, str]]:
    """What the fit measures each column of the margins against, as the summary's
    coefficients do: the reference outcome ``ref``, and the baseline of each factor set."""
    out = {"outcome": (ref, "the fit's reference outcome")}
    for var in variables:
        if var.levels is not None and var.base is not None:
            whence = f"the baseline of {var.name!r} in the model's coding"
            if not var.coded_base:
                whence = f"the first level of {var.name!r}, from which its effects are changes"
            out[var.name] = (var.base, whence)
    return out


def check_method(method: Any) -> str:
    """``method`` of :meth:`Margins.contrast`, or an OptionError that says what gives
    emmeans' or Stata's contrast of that name here, where one does."""
    return check_named("method", method, CONTRASTS, OTHER_NAMES)


def default_reference(
    baselines: dict[str, tuple[Any, str]], var: str, values: list
) -> tuple[Any, list[str]]:
    """The reference of ``contrast(var, "reference")`` without ``ref=``, and the note that
    names it: the value the fit measures ``var`` against where it is among ``values``
    (C(g, Treatment("b")) compared every level with the first, "a", while the summary,
    the coefficients and the discrete changes compare them with "b"), else the first."""
    given = baselines.get(var)
    if given is None:
        return values[0], []
    baseline, whence = given
    for v in values:
        if same_level(v, baseline):
            # the first value, as before: nothing to point out
            # levels (of a factor or the outcome) as the labels of the differences write them
            said = f"Differences from {str(v)!r}, {whence}; ref= takes another value."
            return v, [] if v is values[0] else [said]
    return values[0], [
        f"Differences from {str(values[0])!r}, the first value: "
        f"{str(baseline)!r}, {whence}, is not among the values of {var!r} here; "
        "ref= takes another value."
    ]


def pair_bounds(
    rounding: tuple[np.ndarray, np.ndarray], pairs: list[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray]:
    """The bounds on the rounding of differences of margins: their margins' bounds summed."""
    index = np.array(pairs, dtype=np.intp).reshape(-1, 2)
    return rounding[0][index].sum(axis=1), rounding[1][index].sum(axis=1)


def check_size(m: int, n_margins: int, var: str) -> None:
    """Refuse the pairwise differences of ``m`` values past the size of the largest margins
    table, before any is listed: margins(over=) of a factor of 1,000 levels gave 499,500
    pairs for each outcome, whose Jacobians took some 24 GB, and a contrast of a contrast
    pairs its labels again (72 ages, 2,556 differences, 3.3 million pairs)."""
    pairs = m * (m - 1) // 2
    if pairs > MAX_COMBINATIONS:
        raise DataError(
            f"contrast: the {m:,} values of {var!r} make {pairs:,} pairs "
            f"({pairs * (n_margins // m):,} rows with the outcomes and other values); at most "
            f"{MAX_COMBINATIONS:,} pairs are computed, as margins computes at most as many "
            f'combinations of values. Take method="reference" ({m - 1:,} differences), or '
            "compare fewer values: margins(at={...}) with those of interest"
        )


def unadjusted(family: tuple[tuple[str, int], ...]) -> str:
    """The note on multiplicity: how many differences each family holds, which an adjustment
    would count. ``family`` is (variable, pairs) of each contrast taken in turn: a contrast
    of contrasts is one family of their products, as emmeans' interaction contrasts count
    them (``contrast(emm, interaction = ...)``, "bonferroni method for 12 tests" for 4
    differences of a factor times 3 between outcomes); the family of the last contrast
    alone had been given, 1 (no adjustment) or 3 by the order they were taken in."""
    m = math.prod(n for _, n in family)
    if m < 2:
        return f"{UNADJUSTED}."
    counted = [(var, n) for var, n in family if n > 1]
    outcomes = any(var == "outcome" for var, _ in family)
    each = "at each set of values" if outcomes else "for each outcome and set of other values"
    if len(counted) == 1:
        var = counted[0][0]
        what = "between outcomes" if var == "outcome" else f"of {var}"
    else:
        parts = [f"{n} between outcomes" if v == "outcome" else f"{n} of {v}" for v, n in counted]
        what = f"({' times '.join(parts)}, as emmeans' interaction contrasts count them)"
    return (
        f"{UNADJUSTED}: {m} differences {what} {each}; Bonferroni's adjustment multiplies "
        f"each p-value by {m} (at most 1)."
    )


def find(values: list, value: Any, var: str) -> Any:
    value = period_value(values, value, "contrast", var)
    for v in values:
        # same_level alone: v == value of pd.NA, an array or a Series has no truth value
        if same_level(v, value):
            return v
    # the labels show 10.0 as 10: ref="10" read as that value, refused without a word why
    shown = [v for v in values if not isinstance(v, str) and value_label(v) == str(value)]
    hint = f" ({value!r} is text; the value {shown[0]!r} is not: ref={shown[0]!r})" if shown else ""
    hint = hint or near_level(value, values)
    raise LevelError(
        f"contrast: {value!r} is not a value of {var!r} here; values are "
        f"{', '.join(map(value_label, values))}{hint}"
    )


def operand(value: Any, level: bool = False) -> str:
    """A value as one side of a difference's label: in parentheses when it is a difference
    itself (a contrast of contrasts), so that (a - b) - (a - c) does not read a - b - a - c,
    when it begins with ``- `` or ends with `` -`` (the difference of the levels "a -" and
    "a" and that of "a" and "- a" both read a - - a), and when it is in parentheses itself.
    ``level``: a factor's level, written as its effects and coefficients write it (the level
    1.0 of a factor of floats is kf[T.1.0] there, and was 1 here)."""
    label = str(value) if level else value_label(value)
    # a level in parentheses too: "(a -)" beside "a -" and "a" read as their difference
    bracketed = label.startswith("(") and label.endswith(")")
    return f"({label})" if bracketed or " - " in f" {label} " else label


def partners(groups: list[tuple], rows: np.ndarray, var: str) -> dict[tuple, int]:
    """The margin among ``rows`` (those at one value of ``var``) at each set of other values
    (``groups``, each margin's other values as text), to pair with the margin at another
    value and the same other values. Two margins whose other values read alike cannot be
    told apart: refused, where the last of them had been paired, silently (a contrast of
    contrasts whose labels merged gave another difference's numbers)."""
    found: dict[tuple, int] = {}
    for i in rows:
        alike = groups[i]
        if alike in found:
            raise DataError(
                f"contrast: two margins at the same value of {var!r} have other values that "
                f"read alike, {alike!r}, and cannot be paired; give the levels distinct labels"
            )
        found[alike] = int(i)
    return found
