"""Refusal of an X given as a dict of columns, one row as a dict, or records (a list of
dicts), which the classifier without a formula cannot read: numpy's words for them, "float()
argument must be a string or a real number, not 'dict'", said neither what X was nor how to
make the table the classifier reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ._alike import first_few
from .exceptions import InputTypeError

__all__ = ["refuse_mappings"]


def refuse_mappings(X: Any) -> None:
    """Refuse ``X`` that is a mapping, or a sequence of them, saying which DataFrame to make."""
    if isinstance(X, Mapping) and X:
        keys = first_few(list(X), 5)
        one_row = all(np.ndim(v) == 0 for v in X.values())
        made = "pd.DataFrame([X]), one row" if one_row else "pd.DataFrame(X)"
        what = "one row as a dict" if one_row else "a dict of columns"
    elif isinstance(X, (list, tuple)) and X and all(isinstance(r, Mapping) for r in X):
        keys = first_few(list(X[0]), 5)
        made, what = "pd.DataFrame(X), one row per dict", f"records (a list of {len(X)} dicts)"
    else:
        return
    raise InputTypeError(
        f"X: {what} with keys {keys}, which scikit-learn cannot read as a 2-D array of numbers: "
        f"pass {made}, its keys as named columns"
    )
