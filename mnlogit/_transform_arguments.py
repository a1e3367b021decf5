"""The arguments of formulaic's transforms that it reads otherwise than written, refused before
the data are read: knots out of order, or outside the bounds given, and bounds given in the
wrong order, with which formulaic's B-spline basis is not one (``bs(x, knots=[1, -1])``
fitted another model than ``knots=[-1, 1]``, which R's bs() sorts them into);
``poly(x, 2, raw='no')`` and ``bs(x, df=4, include_intercept=1)`` took
any true value for True; ``bs(x, df=0)`` was the cubic without knots, as if no df had been
given (R's bs() warns that it used 3); ``poly(x, 2.0)`` and ``bs(x, df=4.0)`` failed with
"'float' object cannot be interpreted as an integer" (R reads them as 2 and 4); a degree of
True as 1.

Only literal arguments are read (a formula names no variables of the session).
"""

from __future__ import annotations

import ast
import itertools
import keyword
import math
import re

from .exceptions import FormulaError

__all__ = ["refuse_transform_arguments"]

# transform -> (its whole-number arguments, its flags), each name with its position
_WHOLE = {
    "poly": {"degree": 1},
    "bs": {"df": 1, "degree": 3},
    "cr": {"df": 1},
    "cs": {"df": 1},
    "cc": {"df": 1},
}
_FLAGS = {"poly": {"raw": 2}, "bs": {"include_intercept": 4}}
# formulaic writes a stateful transform's input back as text, Q('True') as `True`, which it
# then reads as the keyword: scale(Q('True')) failed with numpy's "axis 0 is out of bounds"
_STATEFUL = frozenset({"poly", "scale", "center", "standardize", "bs", "cr", "cs", "cc"})
_SPLINES = {"bs": 5, "cr": 3, "cs": 3, "cc": 3}  # position of lower_bound (upper_bound next)


def refuse_transform_arguments(code: str, formula: str) -> None:
    """Refuse a call in ``code`` (a Python part of ``formula``) of poly(), bs(), cr(), cs() or
    cc() whose literal arguments formulaic would read otherwise than as written."""
    try:  # a column in backticks is a name here
        tree = ast.parse(re.sub(r"`[^`]*`", "_column_", code), mode="eval")
    except SyntaxError:
        return  # formulaic's parser reports it
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
            continue
        name = call.func.id
        for arg, position in _WHOLE.get(name, {}).items():
            value = _given(call, arg, position)
            if value is not _ABSENT and value is not None:
                _check_whole(formula, name, arg, value)
        for arg, position in _FLAGS.get(name, {}).items():
            value = _given(call, arg, position)
            if value is not _ABSENT and not isinstance(value, bool):
                raise FormulaError(
                    f"formula {formula!r}: {name}()'s {arg}= is True or False, not {value!r}, "
                    "which formulaic would read by its truth"
                )
        if name in _SPLINES:
            _check_knots(formula, name, call)
        if name in _STATEFUL:
            _refuse_keyword_lookups(formula, code, call)


_ABSENT = object()


def _given(call: ast.Call, arg: str, position: int) -> object:
    """The literal value of the argument ``arg`` (or at ``position``), _ABSENT when it is
    not given or is not a literal."""
    node = next((k.value for k in call.keywords if k.arg == arg), None)
    if any(isinstance(a, ast.Starred) for a in call.args[: position + 1]):
        return _ABSENT  # positions unknown
    if node is None and len(call.args) > position:
        node = call.args[position]
    if node is None:
        return _ABSENT
    try:  # numpy's constants as their values: knots=[np.nan], upper_bound=np.inf
        return ast.literal_eval(_NumpyConstants().visit(node))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _ABSENT


class _NumpyConstants(ast.NodeTransformer):
    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if isinstance(node.value, ast.Name) and node.value.id in ("np", "numpy"):
            if node.attr in ("nan", "NaN", "inf", "Inf"):
                return ast.Constant(float(node.attr.lower()))
        return node


def _check_whole(formula: str, name: str, arg: str, value: object) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        if name == "bs" and arg == "df" and value == 0:
            raise FormulaError(
                f"formula {formula!r}: bs()'s df=0 gives no degrees of freedom, and formulaic "
                "would fit the cubic without knots as if df were not given (R's bs() warns "
                "that it used 3): give df of at least the degree (3), or leave it out"
            )
        if value < 0:
            raise FormulaError(
                f"formula {formula!r}: {name}()'s {arg}= is a whole number of at least 0, "
                f"not {value!r}"
            )
        return
    whole = isinstance(value, float) and value.is_integer() and value >= 0
    raise FormulaError(
        f"formula {formula!r}: {name}()'s {arg}= is a whole number, not {value!r}"
        + (f": write {arg}={value:.0f}" if whole else "")
    )


def _check_knots(formula: str, name: str, call: ast.Call) -> None:
    """Refuse a spline's literal knots that are not finite or not in increasing order, or
    that lie outside its literal bounds, and bounds that are not in increasing order."""
    lower_at = _SPLINES[name]
    knots = _given(call, "knots", 2)
    lower = _given(call, "lower_bound", lower_at)
    upper = _given(call, "upper_bound", lower_at + 1)
    numbers = (int, float)
    given = [v for v in (lower, upper) if isinstance(v, numbers) and not isinstance(v, bool)]
    for arg, value in (("lower_bound", lower), ("upper_bound", upper)):
        if value in given and not math.isfinite(value):  # type: ignore[arg-type]
            raise FormulaError(
                f"formula {formula!r}: {name}()'s {arg}= is a finite number, not {value!r}"
            )
    if len(given) == 2 and not lower < upper:  # type: ignore[operator]
        raise FormulaError(
            f"formula {formula!r}: {name}()'s lower_bound= ({lower!r}) must be below its "
            f"upper_bound= ({upper!r})"
        )
    if not isinstance(knots, list | tuple) or not all(
        isinstance(k, numbers) and not isinstance(k, bool) for k in knots
    ):
        return
    if not all(math.isfinite(k) for k in knots):
        raise FormulaError(
            f"formula {formula!r}: {name}()'s knots are finite numbers; got {knots!r}"
        )
    if any(b < a for a, b in itertools.pairwise(knots)):
        raise FormulaError(
            f"formula {formula!r}: {name}()'s knots are to be given in increasing order, as "
            f"its basis reads them (R sorts them): write knots={sorted(knots)!r}"
        )
    outside = [
        k
        for k in knots
        if (isinstance(lower, numbers) and k < lower) or (isinstance(upper, numbers) and k > upper)
    ]
    if outside:
        bounds = ", ".join(
            f"{arg}={value!r}"
            for arg, value in (("lower_bound", lower), ("upper_bound", upper))
            if isinstance(value, numbers)
        )
        raise FormulaError(
            f"formula {formula!r}: {name}()'s knot(s) {outside!r} lie outside its bounds "
            f"({bounds}), where its basis is not one: give knots between the bounds"
        )


def _refuse_keyword_lookups(formula: str, code: str, call: ast.Call) -> None:
    """Refuse Q('name') of a column named like a Python keyword inside the stateful
    transform ``call`` (of ``code``), which formulaic cannot read there (elsewhere Q() reads
    it)."""
    for node in ast.walk(call):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Q"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and keyword.iskeyword(node.args[0].value)
        ):
            name = node.args[0].value
            raise FormulaError(
                f"formula {formula!r}: the column {name!r} is named like the Python keyword "
                f"{name}, which formulaic cannot read inside {code!r}, even with Q(); "
                f"rename the column, e.g. df.rename(columns={{{name!r}: {name + '_'!r}}})"
            )
