"""Which type III tests depend on the coding: a term that a higher-order term contains is
tested where the containing term's other variables are zero, which is an average over a
factor coded with contrasts that sum to zero (Sum, Helmert) or a centred numeric variable,
and otherwise one level or one value of it (car's Anova warns for the contrasts only)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._data import ModelData
from ._ordered import ordered_by_treatment, with_poly

__all__ = ["marginal_note"]

# a centred column's weighted mean, relative to its largest value, is rounding
_CENTRED = 1e-8


def marginal_note(
    data: ModelData, containing: dict[str, list[str]], factors: dict[str, frozenset[str]]
) -> str:
    """Why type III tests of terms contained in others depend on the coding, naming where
    each is tested; "" when every variable those tests hold at zero is zero on average
    (``C(g, Sum)``, a centred variable)."""
    pairs = []
    for term, others in containing.items():
        where = sorted(
            {
                spot
                for other in others
                for variable in factors[other] - factors[term]
                if (spot := _held_at(data, variable))
            }
        )
        if where:
            pairs.append(f"{term!r} (in {', '.join(map(repr, others))}: {', '.join(where)})")
    if not pairs:
        return ""
    return (
        f"Type III tests of terms contained in others test them where the other variables "
        f"of the containing terms are zero: {'; '.join(pairs)}. They change with the "
        "contrasts and the origin of those variables: code factors with C(g, Sum) and centre "
        "numeric variables for effects averaged over them, or use type II"
    )


def _held_at(data: ModelData, variable: str) -> str:
    """Where a type III test holds ``variable`` when its coding's zero is not an average
    over it ("at the base level of g", "at x = 0"), else ""."""
    spec = data.spec
    states = {str(k): v for k, v in spec.factor_contrasts.items()} if spec is not None else {}
    state = states.get(variable)
    if state is not None:
        if _sums_to_zero(state):
            return ""
        if type(state.contrasts).__name__ == "TreatmentContrasts":
            if variable in ordered_by_treatment(spec, data.raw_dtypes):
                return (
                    f"at the base level of {variable} (an ordered Categorical, which R's "
                    f"default contr.poly would test at the average over its levels: write "
                    f"{with_poly(variable)} for R's test)"
                )
            return f"at the base level of {variable}"
        return f"where {variable}'s contrasts are zero"
    # a numeric variable: its own columns (one, or a basis as poly(x, 2)'s), centred over
    # the rows of the fit, make the test one of the effect averaged over those rows
    cols = data.terms.get(variable)
    if cols is None and variable in data.column_names:
        cols = (data.column_names.index(variable),)
    if cols is not None and data.in_memory and _centred(data, list(cols)):
        return ""
    return f"at {variable} = 0"


def _centred(data: ModelData, cols: list[int]) -> bool:
    X = data.X[:, cols]
    w = np.asarray(data.w, dtype=float)
    size = np.abs(X).max(axis=0) if len(X) else np.zeros(len(cols))
    size = np.where(size > 0, size, 1.0)
    # in units of the largest value: w @ X of a column of 1e300 beside frequency weights of
    # 1e10 overflowed (numpy's warning, and a centred column said to depend on its origin)
    mean = np.abs((w / w.sum()) @ (X / size))
    return bool(np.all(mean <= _CENTRED))


def _sums_to_zero(state: Any) -> bool:
    """Whether a factor's contrasts (a formulaic ContrastsState) sum to zero over its levels."""
    try:
        matrix = np.asarray(state.contrasts.get_coding_matrix(state.levels), dtype=float)
    except Exception:  # a coding that cannot be read back: said, as a treatment one is
        return False
    return bool(np.allclose(matrix.sum(axis=0), 0.0, atol=1e-12))
