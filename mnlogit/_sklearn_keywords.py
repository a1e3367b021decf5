"""Keywords the classifier's predictions and ``score`` do not take, answered with what they
are called there, as ``fit`` answers its own: ``predict_proba(X, kind="prob")`` (the
results' ``predict``), ``predict(newdata=df)`` or ``score(X, y, weights=w)`` (``mnlogit.fit``'s
name for the weights) were refused with Python's TypeError alone, which named neither the
method to call nor the keyword to write."""

from __future__ import annotations

from typing import TypeVar

from ._other_options import OTHER_OPTIONS, answering_other_options

__all__ = ["answering_keywords"]

_PREDICTIONS = ("predict", "predict_proba", "predict_log_proba", "decision_function")
_KIND = (
    "the kind of prediction is the method called: predict (the classes), predict_proba (the "
    "probabilities), predict_log_proba (their logarithms), decision_function (the scores)"
)
for _method in _PREDICTIONS:
    _entry = f"MNLogitClassifier.{_method}"
    # mnlogit's kind=, statsmodels' which=, R's type=; the rows as mnlogit, statsmodels and
    # R's predict() take them
    for _name in ("kind", "which", "type"):
        OTHER_OPTIONS.setdefault(_name, {})[_entry] = _KIND
    for _name in ("newdata", "exog", "data", "new_data"):
        OTHER_OPTIONS.setdefault(_name, {})[_entry] = f"the rows are X: clf.{_method}(X)"
    OTHER_OPTIONS.setdefault("sample_weight", {})[_entry] = (
        f"{_method} gives one value per row, unweighted; score(X, y, sample_weight=...) takes "
        "the weights"
    )
OTHER_OPTIONS.setdefault("weights", {})["MNLogitClassifier.score"] = (
    "the weights are sample_weight="
)

_C = TypeVar("_C", bound=type)


def answering_keywords(cls: _C) -> _C:
    """``cls`` with its predictions and ``score`` answering keywords they do not take."""
    for method in (*_PREDICTIONS, "score"):
        setattr(cls, method, answering_other_options(vars(cls)[method]))
    return cls
