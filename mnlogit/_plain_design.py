"""The design of a formula made only of numeric columns and the intercept, built without
formulaic.

Its columns are copied straight from the data into the row-major design (formulaic would
copy every column once more before filling it), and formulaic's ModelSpec, which a fit
does not need, is built on first use from the first two rows (:class:`DeferredSpec`:
predictions on new data, term tests and marginal effects need it). This module imports no
formulaic: the encoding of those two rows is handed in by :mod:`mnlogit.formula`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from ._design_fill import _row_major
from ._terms import _method
from .exceptions import MNLogitError

__all__ = ["DeferredSpec", "plain_design", "plain_terms"]

# (formula, the first rows' columns by name, their number) -> formulaic's model matrix
HeadEncoder = Callable[[str, dict, int], Any]


def plain_terms(parsed: Any) -> list[str | None] | None:
    """The design columns of a parsed formula made only of column names and the intercept
    (None), in formulaic's order; None for any other formula."""
    terms: list[str | None] = []
    for term in parsed.rhs:
        if len(term.factors) != 1:
            return None
        factor = term.factors[0]
        name = str(factor.expr)
        if _method(factor) == "literal" and name == "1":
            terms.append(None)
        elif _method(factor) == "lookup":
            terms.append(name)
        else:
            return None
    return terms


def plain_design(
    formula: str, terms: list[str | None], columns: Any, encode_head: HeadEncoder
) -> (
    tuple[np.ndarray, tuple[str, ...], dict[str, tuple[int, ...]], DeferredSpec, np.ndarray] | None
):
    """(X, column names, term columns, ModelSpec, finite-column mask) for ``terms`` (the
    design columns in formulaic's order, None for the intercept) when every one is a numeric
    column among ``columns`` (a DataFrame, or a dict of its columns), copied straight from
    the data; None otherwise (formulaic then materialises the design). ``encode_head``
    encodes the first two rows with formulaic, when the ModelSpec is first used.
    """
    sources: list[np.ndarray | None] = []
    for name in terms:
        if name is None:
            sources.append(None)
            continue
        column = columns[name] if name in columns else None
        if column is None or not (
            isinstance(column.dtype, np.dtype) and column.dtype.kind in "fiu"
        ):
            return None
        sources.append(column.to_numpy())
    n = len(columns[next(iter(columns))])
    X, finite = _row_major(sources, n)
    names = tuple("Intercept" if name is None else name for name in terms)
    head = {name: s[:2].copy() for name, s in zip(terms, sources, strict=True) if s is not None}
    spec = DeferredSpec(formula, head, X[:2].copy(), names, encode_head)
    return X, names, {name: (j,) for j, name in enumerate(names)}, spec, finite


T = TypeVar("T")


def _itself(obj: T) -> T:
    return obj


class DeferredSpec:
    """formulaic's ModelSpec of a plain-column design (see :func:`plain_design`), built on
    first use: predictions on new data, term tests and marginal effects need it, a fit does
    not. It is built from the first two rows, which for plain numeric columns encode exactly
    as all rows do, and checked against the design the model was fitted with. Attributes are
    the ModelSpec's; it pickles and copies as the ModelSpec."""

    def __init__(
        self, formula: str, head: dict, X_head: np.ndarray, names: tuple, encode: HeadEncoder
    ) -> None:
        self._formula, self._head, self._X_head, self._names = formula, head, X_head, names
        self._encode = encode
        self._spec: Any = None

    def resolve(self) -> Any:
        if self._spec is None:
            # an intercept-only model has no columns, but its two rows
            head = self._encode(self._formula, self._head, len(self._X_head))
            spec = head.model_spec
            if tuple(spec.column_names) != self._names or not np.array_equal(
                np.asarray(head), self._X_head, equal_nan=True
            ):
                raise MNLogitError(
                    f"formula {self._formula!r}: formulaic encodes the data as columns "
                    f"{list(spec.column_names)}, not as the design this model was fitted "
                    f"with ({list(self._names)}); please report this with your versions of "
                    f"mnlogit and formulaic"
                )
            self._spec = spec
        return self._spec

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.resolve(), name)

    def __reduce__(self) -> tuple[Callable[[Any], Any], tuple[Any]]:
        return (_itself, (self.resolve(),))

    def __repr__(self) -> str:
        return f"<ModelSpec of {self._formula!r}, built when first used>"
