"""Transforms that cannot be computed in float64 on a column in extreme units, refused saying
so: ``center()`` sums its column (past about 1e306 its mean overflowed, and the column of
-inf was refused as a log of a non-positive number); ``scale()``, ``standardize()``,
``poly()`` and the natural splines ``cr()``, ``cs()``, ``cc()`` sum squares (``poly()``
powers) of their column, which leave float64's range for values past about 1e±150
(``poly(x, d)`` at 1e±(150/d)). Their columns came out as zeros, inf or NaN, and were
refused for what those look like: "0 on every row: drop them", "non-finite values (e.g.
from log of a non-positive number)", "too few distinct values". The transforms standardise
their input, so the column divided by a power of ten fits the same model.

Nothing here imports formulaic: the factors and the design come from :mod:`mnlogit.formula`.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import numpy as np
import pandas as pd

from .exceptions import DataError

__all__ = ["check_transform_scales", "transform_scales_named"]

_SENSITIVE = frozenset({"center", "scale", "standardize", "poly", "cr", "cs", "cc"})
_EXTREME = 30  # decimal orders of magnitude from 1 past which a failure is blamed on units


def _call(expr: str) -> tuple[str, str] | None:
    """(function, column) when ``expr`` calls a sensitive transform on a column by name."""
    names: dict[str, str] = {}

    def hold(found: re.Match) -> str:
        names[f"_col{len(names)}_"] = found.group(1)
        return f"_col{len(names) - 1}_"

    try:
        tree = ast.parse(re.sub(r"`([^`]*)`", hold, expr), mode="eval").body
    except SyntaxError:
        return None
    if not (isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name) and tree.args):
        return None
    if tree.func.id not in _SENSITIVE or not isinstance(tree.args[0], ast.Name):
        return None
    return tree.func.id, names.get(tree.args[0].id, tree.args[0].id)


def _extreme(
    terms_used: Sequence[tuple[str, list]], columns: Mapping[str, pd.Series]
) -> Iterator[tuple[str, str, str, float]]:
    """(term label, factor expression, column, largest magnitude) of each sensitive
    transform whose column is in extreme units."""
    for label, factors in terms_used:
        for factor in factors:
            found = _call(str(factor.expr))
            column = None if found is None else columns.get(found[1])
            if found is None or column is None:
                continue
            if not pd.api.types.is_numeric_dtype(column.dtype):
                continue
            values = np.abs(column.to_numpy(np.float64, na_value=np.nan))
            values = values[np.isfinite(values) & (values > 0)]
            if values.size and abs(math.log10(values.max())) >= _EXTREME:
                yield label, str(factor.expr), found[1], float(values.max())


def _refusal(formula: str, expr: str, name: str, largest: float) -> DataError:
    power = round(math.log10(largest))
    written = f"`{name}`" if f"`{name}`" in expr else name
    rescaled = expr.replace(f"({written}", f"({written} / 1e{power}", 1)
    return DataError(
        f"formula {formula!r}: {expr!r} cannot be computed in float64 with column {name!r} in "
        f"its units (values as large as {largest:.3g}): the transform's sums (of squares, "
        "and poly()'s powers) of such values leave float64's range (about 1e-308 to 1e308), so "
        "its columns came out as zeros, inf or NaN; rescale the column first, e.g. "
        f"{rescaled}, which fits the same model (the transform standardises its input; "
        "give any knots or bounds in the new units)"
    )


@contextmanager
def transform_scales_named(
    formula: str, terms_used: Sequence[tuple[str, list]], columns: Mapping[str, pd.Series]
) -> Iterator[None]:
    """Re-raise a DataError of encoding the design (a transform "gives missing values", or
    a non-finite design) as the refusal of a sensitive transform on a column in extreme
    units, when the formula has one."""
    try:
        yield
    except DataError as err:
        said = str(err).replace(repr(formula), "")  # the formula names every transform
        for _, expr, name, largest in _extreme(terms_used, columns):
            if repr(expr)[:-1] in said:  # the refusal names the transform or its columns
                raise _refusal(formula, expr, name, largest) from None
        raise


def check_transform_scales(
    formula: str,
    X: np.ndarray,
    terms: Mapping[str, tuple[int, ...]],
    terms_used: Sequence[tuple[str, list]],
    columns: Mapping[str, pd.Series],
) -> None:
    """Refuse a sensitive transform on a column in extreme units whose design columns came
    out as zeros or not finite (refused later as columns to drop, or as the log of a
    non-positive number)."""
    for label, expr, name, largest in _extreme(terms_used, columns):
        block = X[:, list(terms.get(label, ()))]
        if block.size and (~np.isfinite(block).all() or (block == 0).all(axis=0).any()):
            raise _refusal(formula, expr, name, largest)
