"""The classifier's model of X given without a formula, as :class:`~mnlogit.model.MNLogit`.

X's column names checked (one name twice, a column named as the intercept
``fit_intercept=True`` adds), the intercept's column of ones put first in a design of its
own memory, and a rank refusal of the design made one to act on in scikit-learn: columns to
centre answered with ``StandardScaler``, collinear columns with what keeps them identifiable
(:func:`~mnlogit._sklearn_advice.identifiable_advice`) or ``penalty='l2'``, as
``LogisticRegression`` fits them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._design_fill import row_major_copy
from ._sklearn_advice import identifiable_advice
from ._sklearn_fitted import INTERCEPT
from .exceptions import DataError, RankError
from .model import MNLogit

__all__ = ["array_model"]


def array_model(
    builder: type[MNLogit],
    Xa: np.ndarray,
    names: tuple[str, ...],
    outcome: pd.Series,
    ref: Any,
    *,
    weights: np.ndarray | None,
    kind: str,
    rows: pd.Index | None,
    fit_intercept: bool,
) -> MNLogit:
    """The model of X as given (its columns ``names``), plus an intercept column first with
    ``fit_intercept`` (one copy of X)."""
    if len(set(names)) < len(names):
        dup = sorted({c for c in names if names.count(c) > 1})
        raise DataError(f"X: column name(s) {', '.join(map(repr, dup))} occur more than once")
    if fit_intercept:
        if INTERCEPT in names:
            raise DataError(
                f"X: a column is named {INTERCEPT!r}, the name of the intercept "
                "fit_intercept=True adds; rename it, or pass fit_intercept=False"
            )
        names = (INTERCEPT, *names)
    # into a design of its own memory mapping, as the package's other designs: a large
    # fresh array from numpy can stall on the kernel's huge-page compaction
    design = row_major_copy(Xa, ones_first=fit_intercept)[0]
    try:
        return builder._from_design(
            outcome,
            design,
            names,
            ref,
            weights=weights,
            weight_type=kind,
            # as LogisticRegression: without its own intercept every column is penalised
            unpenalised_intercept=fit_intercept,
            row_index=rows,
        )
    except RankError as exc:  # as a full one-hot coding beside the intercept gives
        if exc.weights_only:  # the weights', not the columns' doing
            raise
        if exc.centring_only:  # columns to centre, not to drop
            err = RankError(
                f"{exc} (in a Pipeline, StandardScaler before the classifier does that)"
            )
        else:
            advice = identifiable_advice(design, names, str(exc), outcome, fit_intercept)
            err = RankError(
                f"{exc} ({advice}), or fit them with penalty='l2', as LogisticRegression does"
            )
        err.centring_only, err.needs_centring = exc.centring_only, exc.needs_centring
        raise err from None
