"""Python written in a formula that formulaic cannot evaluate, with what to write instead:
another module than numpy (``pd.Timestamp(...)`` as a factor's baseline, refused as "column
'pd' is not in the data", and a date baseline named as text: numpy names it), and ``Q()`` of
a name that holds quotes or a backslash, which formulaic rewrites into Python it cannot
read (a SyntaxError or KeyError inside its refusal): backticks read it. A number beyond
floats' range (``I(x * 1e320)``), which Python reads as inf or 0.0: the term was named
``I(x * 1e309)`` and refused as a log of a non-positive number.
A safe formula's refusal of a numpy name off its list names the ones it allows. Python's
types named as arguments (``z.astype(float)``) are written as text (``.astype('float')``).

Nothing here imports formulaic.
"""

from __future__ import annotations

import ast
import math
import re

import pandas as pd

from .exceptions import FormulaError

__all__ = [
    "attribute_refusal",
    "builtin_hint",
    "date_level_hint",
    "module_hint",
    "quoted_name_hint",
    "refuse_unreadable_numbers",
]

_MODULES = ("pd", "pandas", "scipy", "math", "datetime", "dt")
# Python's types, named as arguments (z.astype(float)): a formula sees the data's columns,
# numpy and formulaic's transforms, not Python's builtins; pandas and numpy read their names
_TYPES = ("float", "int", "str", "bool", "complex", "object")
# C(d, Treatment(pd.Timestamp('2024-06-01'))), with reference= or base=, or contr.treatment
_DATE_BASE = re.compile(
    r"C\(\s*(?:`[^`]+`|[\w.]+)\s*,\s*(?:Treatment|contr\.treatment)\(\s*"
    r"(?:(?:reference|base)\s*=\s*)?(?:pd|pandas)\.(?:Timestamp|to_datetime)\(\s*"
    r"(?P<quote>['\"])(?P<date>[^'\"]*)(?P=quote)"
)

_NUMBER = re.compile(r"(?<![\w.])(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])")


def refuse_unreadable_numbers(formula: str, bare: str) -> None:
    """Refuse a number of ``formula`` (``bare``: its text with backticked names blanked)
    that Python reads as inf (beyond about 1.8e308) or as 0.0 (nonzero, below about
    4.9e-324): the term would be evaluated with, and named by, another number."""
    for found in _NUMBER.finditer(bare):
        text = found.group()
        value = float(text)
        if math.isinf(value) or (value == 0 and re.search(r"[1-9]", re.split("[eE]", text)[0])):
            read = "inf" if value else "0.0"
            raise FormulaError(
                f"formula {formula!r}: the number {text} is {'beyond' if value else 'below'} "
                f"the range of floats ({'about 1.8e308' if value else 'about 4.9e-324'}), so "
                f"Python reads it as {read}: write a number within it (or rescale the column "
                "before the fit)"
            )


def attribute_refusal(node: ast.Attribute, allowed: frozenset, called: bool) -> str:
    """Why a safe formula refuses the attribute ``node`` (``allowed``: the numpy names it may
    use there, functions when ``called``). numpy's other names were refused as "attribute
    access other than np.<function>", which ``np.nan_to_num`` and ``np.mean`` are not."""
    if not (isinstance(node.value, ast.Name) and node.value.id == "np"):
        return "attribute access other than np.<function>"
    kind = "element-wise functions a safe formula may call" if called else "constants it may use"
    listed = ", ".join(f"np.{name}" for name in sorted(allowed))
    return f"np.{node.attr} is not one of the numpy {kind}: {listed}"


def module_hint(name: str, formula: str) -> str:
    """What follows "column NAME is not in the data" when NAME is a Python module the
    formula calls (``pd.Timestamp(...)``), "" otherwise: a formula has numpy as np only,
    which names a date level as np.datetime64('2024-06-01')."""
    if name not in _MODULES or not re.search(rf"(?<![\w.`]){re.escape(name)}\.\w", formula):
        return ""
    said = "; a formula has numpy as np (np.log), not other Python modules"
    date = _DATE_BASE.search(formula)
    if date is None:
        return said
    return f"{said}; name the date with numpy: Treatment(np.datetime64({date.group('date')!r}))"


def builtin_hint(name: str) -> str:
    """What follows "column NAME is not in the data" when NAME is one of Python's types
    written inside a call (``I(z.astype(float))``), "" otherwise: written as text
    (``.astype('float')``) pandas reads it as the type."""
    if name not in _TYPES:
        return ""
    return (
        f"; Python's {name} is not among the names a formula sees: write it as text, "
        f"e.g. .astype({name!r})"
    )


def quoted_name_hint(message: str) -> str:
    """What to write for ``Q('...')`` of a name holding quotes (``Q('x, "q"')``), which
    formulaic turns into Python it cannot read, or a backslash, which it looks up escaped,
    from its refusal ``message``; "" when the refusal is another one."""
    found = re.search(
        r"Unable to evaluate factor `Q\((['\"])(.*)\1\)`\. \[(SyntaxError|KeyError)", message
    )
    if found is None:
        return ""
    name = found.group(2)
    if found.group(3) == "KeyError":  # a backslash, which formulaic's Q() looks up escaped
        try:
            name = ast.literal_eval(found.group(1) + name + found.group(1))
        except (ValueError, SyntaxError):
            return ""
        if "\\" not in name:
            return ""
        return (
            f"Q() cannot read the name {name!r}, which holds a backslash; write the name in "
            f"backticks instead: `{name}`"
        )
    if "`" in name:
        return (
            f"Q() cannot read the name {name!r}, which holds quotes and a backtick; rename "
            f"the column first, e.g. df.rename(columns={{{name!r}: 'x'}})"
        )
    return (
        f"Q() cannot read the name {name!r}, which holds quotes (formulaic writes it into "
        f"Python it cannot parse); write the name in backticks instead: `{name}`"
    )


def date_level_hint(name: str, base: object, values: list) -> str:
    """What follows the refusal of ``Treatment(base)`` for a factor ``name`` of dates when
    ``base`` is text that reads as one of them ('2024-06-01'): the levels are dates, which
    text does not match, and numpy names it (np.datetime64('2024-06-01')); "" otherwise."""
    dates = [v for v in values if isinstance(v, pd.Timestamp)]
    if not isinstance(base, str) or not dates:
        return ""
    try:
        read = pd.Timestamp(base)
    except (ValueError, TypeError):
        return ""
    if read not in dates:
        return ""
    return (
        f"; the levels are dates, which text does not match: name the date with numpy, "
        f"Treatment(np.datetime64({base!r}))"
    )
