"""Values that results compute once and keep (:class:`cached_property`), and the pickling
and copying of the objects that keep them (:class:`CachedState`).

A kept value is process-wide state, so it is made safe for the two ways programs share a
process: threads (a value is computed by one thread while the others wait for it) and
``fork`` (a child starts with no computation held, see :func:`_after_fork_in_child`).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

import numpy as np

from ._parallel import _reentrant_lock, numeric_errstate

__all__ = ["CachedState", "cached_property", "compute_once"]

T = TypeVar("T")


class _Pending:
    """The lock of one value being computed, and how many threads are in it (computing or
    waiting), so that the last one out removes it."""

    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = threading.RLock()  # re-entrant: a value's computation may read others
        self.users = 0


_ONCE_LOCK = _reentrant_lock()
# (id(obj), name) -> lock, only while some thread computes or waits for that value: the
# threads inside hold obj, so its id cannot be reused meanwhile
_ONCE: dict[tuple[int, str], _Pending] = {}


def compute_once(obj: Any, name: str, func: Callable[[Any], T]) -> T:
    """``obj.__dict__[name]``, computed by ``func(obj)`` and stored there on first use.

    Threads that ask for the same value of the same object at the same time wait for the
    first one's result, instead of computing it again (an information matrix can take
    seconds and much memory); values of other objects, or other values of the same object,
    are computed meanwhile. functools.cached_property does neither across Python versions:
    up to 3.11 one lock per property serialises it across every object, and a child forked
    while another thread holds it waits for it forever; from 3.12 it has no lock at all.
    The locks here live only while a value is pending and a forked child drops them (see
    :func:`_after_fork_in_child`). An exception is not stored: the next caller retries.
    """
    store = obj.__dict__
    if name in store:
        return store[name]  # type: ignore[no-any-return]
    key = (id(obj), name)
    with _ONCE_LOCK:
        pending = _ONCE.get(key)
        if pending is None:
            pending = _ONCE[key] = _Pending()
        pending.users += 1
    try:
        with pending.lock:
            if name not in store:  # not computed by a thread that held the lock before
                # the value is shared by every thread, whatever numpy error handling the
                # one that happens to compute it runs with
                with numeric_errstate():
                    store[name] = func(obj)
            return store[name]  # type: ignore[no-any-return]
    finally:
        with _ONCE_LOCK:
            pending.users -= 1
            if pending.users == 0 and _ONCE.get(key) is pending:
                del _ONCE[key]


R = TypeVar("R")


class cached_property(Generic[R]):  # lower case, as the functools decorator it replaces
    """A property computed once per object and kept, safely under threads and ``fork``.

    Used as :func:`functools.cached_property` (the value is kept in the instance's
    ``__dict__`` under the property's name, which frozen dataclasses allow), but computed
    through :func:`compute_once`: once however many threads ask at the same time, without
    waiting for other objects' values, and never waiting in a forked child for a parent's
    thread.

    Parameters
    ----------
    func : callable
        Computes the value from the instance.
    """

    def __init__(self, func: Callable[[Any], R]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> cached_property[R]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> R: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return compute_once(obj, self.name, self.func)


class CachedState:
    """Base of the objects that keep values computed once (:class:`cached_property`) in their
    ``__dict__``: pickled and copied from a snapshot of it.

    Another thread may add a value while pickle, ``copy.deepcopy`` or ``copy.copy`` walks
    the ``__dict__`` (a program that hands results to a process pool, whose feeder thread
    pickles them, while it reads the summary), and walking a dict that grows raised
    ``RuntimeError: dictionary changed size during iteration``. The snapshot is taken in one
    step (``dict.copy`` runs no Python code for string keys), and so are the plain dicts it
    holds (a data object's kept sums): the copy has each value computed by then or none.
    An array of one value repeated (a fit's weights when none were given) is kept as that
    value, and restored as the same read-only view (see :func:`_repeated`).
    """

    __slots__ = ()

    def __getstate__(self) -> dict[str, Any]:
        state = _snapshot(self.__dict__)
        return {k: _Repeated(v) if _repeated(v) else v for k, v in state.items()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(
            {k: v.array() if isinstance(v, _Repeated) else v for k, v in state.items()}
        )

    def __reduce_ex__(self, protocol: Any) -> Any:
        # pickle's protocols 0 and 1 refuse any object of a class with __slots__ and no
        # __getstate__, which formulaic's terms and factors are (a result keeps its
        # formula's ModelSpec): such a protocol gets the object pickled with protocol 2,
        # as bytes, which those protocols can hold
        if isinstance(protocol, int) and protocol < 2:
            return (_unpickled, (pickle.dumps(self, protocol=2),))
        return super().__reduce_ex__(protocol)


def _unpickled(data: bytes) -> Any:
    """The object pickled in ``data`` (see :meth:`CachedState.__reduce_ex__`)."""
    return pickle.loads(data)


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``values`` and, recursively, of the plain dicts in it."""
    return {k: _snapshot(v) if type(v) is dict else v for k, v in values.copy().items()}


def _repeated(value: Any) -> bool:
    """Whether ``value`` is a read-only array of one value repeated (``np.broadcast_to``,
    as the weights of a fit given none): pickle and ``copy.deepcopy`` wrote out every
    element, 8 bytes a row in a pickled result, and gave them back writable."""
    return (
        isinstance(value, np.ndarray)
        and value.size > 1
        and not any(value.strides)
        and not value.flags.writeable
    )


class _Repeated:
    """A repeated array (see :func:`_repeated`) as its one value and its shape, in the state
    that pickle and copy take; :meth:`CachedState.__setstate__` makes it the view again."""

    __slots__ = ("shape", "value")

    def __init__(self, array: np.ndarray) -> None:
        self.value = np.array(array.flat[0], dtype=array.dtype)
        self.shape = array.shape

    def array(self) -> np.ndarray:
        return np.broadcast_to(self.value, self.shape)

    def __reduce__(self) -> tuple[Any, ...]:
        # pickle's protocols 0 and 1 refuse a class with __slots__ and no __getstate__
        return (np.broadcast_to, (self.value, self.shape))


def _after_fork_in_child() -> None:
    """A forked child has only the thread that forked: a value another thread of the parent
    was computing stayed behind with its lock, so the child computes it afresh."""
    global _ONCE_LOCK
    _ONCE_LOCK = _reentrant_lock()
    _ONCE.clear()


if hasattr(os, "register_at_fork"):  # POSIX; elsewhere there is no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)
