"""What the package hands out after a fit is set once: results, margins, summaries and
comparison tables (:class:`Immutable`)."""

from __future__ import annotations

from typing import Any

from ._parallel import CachedState

__all__ = ["Immutable"]


class Immutable(CachedState):
    """Attributes set once, by :meth:`_set` in ``__init__``; setting or deleting one later is
    refused.

    The objects compute what they show when first asked for (standard errors, renderings,
    contrasts) from their attributes, so an attribute set afterwards (``summary.alpha =
    0.1``) would show numbers the object was not made with. Values computed once are kept
    in ``__dict__`` by :class:`~mnlogit._parallel.cached_property`, which this allows;
    pickle and ``copy`` restore ``__dict__`` directly (from a snapshot of it, see
    :class:`~mnlogit._parallel.CachedState`).
    """

    __slots__ = ()

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot delete {name!r}")
