"""What the package hands out after a fit is set once: results, margins, summaries and
comparison tables (:class:`Immutable`)."""

from __future__ import annotations

from typing import Any

from ._once import CachedState
from ._version import __version__
from .exceptions import MNLogitWarning, warn

__all__ = ["Immutable"]


class Immutable(CachedState):
    """Attributes set once, by :meth:`_set` in ``__init__``; setting or deleting one later is
    refused.

    The objects compute what they show when first asked for (standard errors, renderings,
    contrasts) from their attributes, so an attribute set afterwards (``summary.alpha =
    0.1``) would show numbers the object was not made with. Values computed once are kept
    in ``__dict__`` by :class:`~mnlogit._once.cached_property`, which this allows;
    pickle and ``copy`` restore ``__dict__`` directly (from a snapshot of it, see
    :class:`~mnlogit._once.CachedState`).

    A pickle records the version that saved it: one loaded by another version warns
    (:class:`~mnlogit.MNLogitWarning`), since its attributes are that version's and a method
    of this one may miss one or read it otherwise.
    """

    __slots__ = ()

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot delete {name!r}")

    def __getstate__(self) -> dict[str, Any]:
        return {**super().__getstate__(), _SAVED_BY: __version__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        saved_by = state.pop(_SAVED_BY, None)
        if saved_by != __version__:
            warn(_other_version(type(self).__name__, saved_by), MNLogitWarning)
        super().__setstate__(state)


# the key of the version in a pickled object's state: no attribute has this name
_SAVED_BY = "_mnlogit_version"


def _other_version(kind: str, saved_by: object) -> str:
    by = "a version of mnlogit that did not record it"
    if saved_by is not None:
        by = f"mnlogit {saved_by}"
    return (
        f"this {kind} was saved by {by} and is loaded by mnlogit {__version__}: its "
        f"attributes are the other version's, so a method may fail or read one otherwise. "
        f"Refit it with this version (or load it with the version that saved it)."
    )
