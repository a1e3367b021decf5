"""A prediction's options given where ``newdata`` goes: a kind of prediction to
``res.predict`` (``res.predict('class')``) or an error rate to ``res.prediction_intervals``
(``res.prediction_intervals(0.1)``). Both were refused as "newdata: expected a pandas
DataFrame; got builtins.str", which quoted neither the value nor the keyword. The kinds of
prediction are :data:`PREDICT_KINDS`, which ``predict`` checks ``kind=`` against."""

from __future__ import annotations

from typing import Any

from .exceptions import InputTypeError

__all__ = ["PREDICT_KINDS", "refuse_kind_as_newdata", "refuse_rate_as_newdata"]

PREDICT_KINDS = ("prob", "class", "link")


def refuse_kind_as_newdata(newdata: Any) -> None:
    """Refuse ``res.predict('class')``, saying ``kind=``."""
    if isinstance(newdata, str) and newdata in PREDICT_KINDS:
        raise InputTypeError(
            f"newdata: got {newdata!r}, a kind of prediction; pass it as kind=: "
            f"res.predict(kind={newdata!r}) for the fitted rows, res.predict(newdata, "
            f"kind={newdata!r}) for new ones"
        )


def refuse_rate_as_newdata(newdata: Any) -> None:
    """Refuse ``res.prediction_intervals(0.1)``, saying ``alpha=``."""
    rate = isinstance(newdata, (float, int)) and not isinstance(newdata, bool)
    if rate and 0 < newdata < 1:  # compared as it is: float(10**400) overflows
        raise InputTypeError(
            f"newdata: got {newdata!r}, an error rate; pass it as alpha=: "
            f"res.prediction_intervals(alpha={newdata!r}) for the fitted rows, "
            f"res.prediction_intervals(newdata, alpha={newdata!r}) for new ones"
        )
