"""The classifier's fitted attributes: ``coef_`` and ``intercept_`` laid out from the
results as scikit-learn's ``LogisticRegression`` has them, handed out read-only, and checked
before every prediction against the fit they came from.

The classifier predicts from its fitted model (``results_``), whose estimates, standard
errors and tests describe it. scikit-learn's own classifiers predict from ``coef_``, so
users edit it (zeroing a coefficient, copying another model's in); those edits used to
reach the predictions in part (``intercept_`` was, for some fits, the very array predictions
read; ``coef_`` never was) while ``results_`` went on showing the fitted numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from ._levels import same_level
from .exceptions import EstimationError

if TYPE_CHECKING:
    from .results import MNLogitResults

__all__ = ["CHECKED", "INTERCEPT", "Fitted", "check_unchanged", "kept", "lay_out"]

INTERCEPT = "Intercept"  # the name the design and the formula give the intercept column
# what predictions depend on: the coefficients, the classes they label and (when X was a
# DataFrame) the column names scikit-learn matches X's columns to
CHECKED = ("classes_", "coef_", "intercept_", "feature_names_in_")


class Fitted(NamedTuple):
    """What ``fit`` sets: the public attributes and the arrays predictions read."""

    public: dict[str, np.ndarray]  # attribute name -> read-only array
    slopes: np.ndarray  # (n_coef, K): the coefficients of coef_names_, one column per class
    intercepts: np.ndarray  # (K,)
    by_column: np.ndarray  # (p, K): every design column's row, for the formula's design


def _read_only(values: Any) -> np.ndarray:
    a = np.array(values)  # a copy: no view of what predictions read
    a.setflags(write=False)
    return a


def lay_out(res: MNLogitResults, classes: np.ndarray, added_intercept: bool) -> Fitted:
    """The fitted attributes of ``res``; ``added_intercept``: the design's ``Intercept``
    column is the one ``fit_intercept`` or the formula added (an X column may carry the name
    as a slope)."""
    # where each equation's class stands in classes_ (every class but the reference, in order)
    equations = [k for k, level in enumerate(res.outcomes) if not same_level(level, res.ref)]
    names = list(res.params.index)
    K = len(classes)
    W = np.zeros((len(names), K))  # one column per class, the reference's zero
    W[:, equations] = res.params.to_numpy()
    at = names.index(INTERCEPT) if added_intercept and INTERCEPT in names else None
    rows = [j for j in range(len(names)) if j != at]
    intercept = np.zeros(K) if at is None else W[at].copy()
    slopes = W[rows]
    if K == 2:  # scikit-learn's layout: the log-odds of classes_[1] against classes_[0]
        coef, icept = (slopes[:, 1] - slopes[:, 0])[None, :], intercept[1:] - intercept[:1]
    else:
        coef, icept = slopes.T, intercept
    public = {
        "classes_": _read_only(classes),
        "n_iter_": _read_only(np.array([res.n_iter], dtype=np.int32)),
        "coef_names_": _read_only(np.array([names[j] for j in rows], dtype=object)),
        "coef_": _read_only(np.ascontiguousarray(coef)),
        "intercept_": _read_only(icept),
    }
    return Fitted(public, slopes, intercept, W)


def _difference(given: Any, fitted: np.ndarray) -> str | None:
    """How ``given`` differs from ``fitted``, or None when it holds the same values."""
    if given is None:
        return "removed"
    a = np.asarray(given)
    if a.shape != fitted.shape:
        return f"shape {a.shape}, fitted {fitted.shape}"
    if a.dtype.kind in "fc" and fitted.dtype.kind in "fc":
        differs = ~((a == fitted) | (np.isnan(a) & np.isnan(fitted)))
    else:
        pairs = zip(a.ravel(), fitted.ravel(), strict=True)
        differs = np.array([not same_level(x, y) for x, y in pairs], dtype=bool)
    if not differs.any():
        return None
    at = np.unravel_index(int(np.flatnonzero(differs)[0]), a.shape)
    where = ", ".join(str(int(i)) for i in at)
    return f"[{where}] is {_plain(a[at])!r}, fitted {_plain(fitted[at])!r}"


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (0.5, not np.float64(0.5))."""
    return value.item() if isinstance(value, np.generic) else value


def kept(clf: Any, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Copies of the attributes ``names`` that ``clf`` has after ``fit``, which are made
    read-only (scikit-learn's ``feature_names_in_`` among them)."""
    out = {}
    for name in names:
        if hasattr(clf, name):
            values = getattr(clf, name)
            values.setflags(write=False)
            out[name] = values.copy()
    return out


def check_unchanged(clf: Any, kept: dict[str, np.ndarray]) -> None:
    """Refuse to predict when ``classes_``, ``coef_``, ``intercept_`` or ``feature_names_in_``
    of ``clf`` are no longer what ``fit`` set (``kept``, copies of them): replaced, or edited
    in a copy that pickling or ``copy.deepcopy`` made writable."""
    for name, fitted in kept.items():
        how = _difference(getattr(clf, name, None), fitted)
        if how is None:
            continue
        raise EstimationError(
            f"{name} was changed after fit ({name}{how if how.startswith('[') else ': ' + how}): "
            "the classifier predicts from its fitted model, results_ (its estimates, standard "
            "errors and tests), which an edit of classes_, coef_, intercept_ or "
            "feature_names_in_ does not change, so predictions would not be those of the "
            "coefficients shown. Fit the classifier again to change the model; predictions "
            "from other coefficients are for you to compute from them"
        )
