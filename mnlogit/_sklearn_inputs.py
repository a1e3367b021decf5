"""What the scikit-learn classifier takes from scikit-learn's input checks: their refusals as
the package's errors (with scikit-learn's messages, which its users and its own estimator
checks recognise), the classes of y, and whether sample weights count rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .exceptions import DataError, InputTypeError, MissingDependencyError, MNLogitError

NEEDS_SKLEARN = "mnlogit.sklearn needs scikit-learn 1.6 or later: pip install 'mnlogit[sklearn]'"

try:
    from sklearn.utils.multiclass import check_classification_targets
except ImportError as error:
    raise MissingDependencyError(NEEDS_SKLEARN) from error

__all__ = ["NEEDS_SKLEARN", "checked_input", "classes_of", "is_whole"]


def checked_input(check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one of scikit-learn's input checks; what it refuses is raised as the package's
    error with scikit-learn's message (which its users and its own checks recognise)."""
    try:
        return check(*args, **kwargs)
    except MNLogitError:
        raise
    except TypeError as exc:
        raise InputTypeError(str(exc)) from None
    except ValueError as exc:
        raise DataError(str(exc)) from None


def classes_of(y: np.ndarray) -> tuple[np.ndarray, pd.Categorical]:
    """The sorted distinct labels of y, refused as scikit-learn refuses them, and y as a
    categorical of them.

    Labels are hashed once, not sorted (``np.unique`` sorts all n of them, which for string
    labels costs more than a fit of 1e5 rows); scikit-learn's target check sees the distinct
    labels in the order they first occur, which gives the answer it gives for y (labels of
    types that cannot be ordered among themselves are refused naming the types, where its
    message is Python's), and only then are they sorted. Missing labels (None, NaN, NaT) are
    refused.
    """
    codes, uniques = checked_input(pd.factorize, y)
    if len(codes) and codes.min() < 0:  # pandas' missing values: None, NaN, NaT
        checked_input(check_classification_targets, y)  # scikit-learn's own refusal first
        missing = pd.isna(y)
        raise DataError(
            f"y: {int(missing.sum())} missing label(s) (e.g. {y[missing][0]!r}); a classifier "
            "needs a label on every row: drop those rows or give them a label"
        )
    distinct = np.asarray(uniques, dtype=y.dtype)
    try:
        check_classification_targets(distinct)
    except TypeError as exc:
        if any(isinstance(v, bytes) for v in distinct):  # scikit-learn's own refusal
            raise InputTypeError(str(exc)) from None
        # what is left is Python's refusal to order labels of different types
        types = sorted({type(v).__name__ for v in distinct})
        raise InputTypeError(
            f"y: the labels mix types that cannot be sorted ({', '.join(types)}; e.g. "
            f"{', '.join(repr(v) for v in distinct[:4])}); give every label one type, "
            "e.g. y.astype(str)"
        ) from None
    except ValueError as exc:
        raise DataError(str(exc)) from None
    classes, rank = np.unique(distinct, return_inverse=True)
    return classes, pd.Categorical.from_codes(rank[codes], categories=classes)


def is_whole(w: np.ndarray) -> bool:
    """Whether every weight is a finite whole number (a count of rows)."""
    return bool(np.all(np.isfinite(w)) and np.all(w == np.round(w)))
