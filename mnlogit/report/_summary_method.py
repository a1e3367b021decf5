"""``res.summary`` left uncalled shows the summary, not ``<bound method ...>``.

``print(res.summary)`` and a notebook cell ending in ``res.summary`` are the commonest slip of a
first session (R's ``summary(fit)`` and statsmodels' ``res.summary()`` are both calls); a bound
method would print its repr, which says nothing of the fit. On a result the attribute is a
callable whose text, repr and HTML are the default summary's; called, it is the method.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:  # for annotations only
    from .summary import Summary

__all__ = ["BoundSummary", "SummaryMethod"]


class BoundSummary:
    """``res.summary`` of one result: call it for :class:`Summary` with options; printed,
    shown or converted to text without the call, it is the summary with the defaults.

    It has the bound method's name, docstring and signature, so that ``help(res.summary)``
    and ``inspect.signature(res.summary)`` describe the method.
    """

    def __init__(self, func: Callable[..., Summary], res: object) -> None:
        self.__self__ = res
        self.__func__ = func
        # inspect.signature follows __wrapped__: the method's own parameters, without self
        self.__wrapped__ = types.MethodType(func, res)
        self.__name__ = func.__name__
        self.__qualname__ = func.__qualname__
        self.__doc__ = func.__doc__

    def __get__(self, obj: object, owner: type | None = None) -> BoundSummary:
        # a routine to pydoc and inspect (a method descriptor), so help(res.summary)
        # documents the method rather than this class
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Summary:
        return self.__wrapped__(*args, **kwargs)

    def __str__(self) -> str:
        return str(self())

    def __repr__(self) -> str:
        return repr(self())

    def _repr_html_(self) -> str:
        return self()._repr_html_()


class SummaryMethod:
    """The descriptor of ``summary`` on the results class: the plain function on the class
    (for help() and introspection), a :class:`BoundSummary` on a result."""

    def __init__(self, func: Callable[..., Summary]) -> None:
        self._func = func
        self.__doc__ = func.__doc__
        self.__name__ = func.__name__
        self.__wrapped__ = func

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Callable[..., Summary]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> BoundSummary: ...

    def __get__(
        self, obj: object | None, owner: type | None = None
    ) -> Callable[..., Summary] | BoundSummary:
        if obj is None:
            return self._func
        return BoundSummary(self._func, obj)
