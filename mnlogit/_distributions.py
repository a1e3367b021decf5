"""The distributions that tests and intervals read (normal, t, chi-squared, F), with
scipy.stats imported at their first use: it is a quarter of the package's import time (half
a second of two), which the command line paid at every start, and fits that test nothing
never use it. Each function is scipy.stats' own, with its handling of arguments outside the
support."""

from __future__ import annotations

from typing import Any

__all__ = ["chi2_sf", "f_sf", "norm_isf", "norm_sf", "t_isf", "t_sf"]


def _stats() -> Any:
    from scipy import stats  # deferred: see the module's docstring

    return stats


def norm_sf(x: Any) -> Any:
    """The standard normal's upper tail, ``scipy.stats.norm.sf``.

    Examples
    --------
    >>> round(float(norm_sf(1.959963984540054)), 12)
    0.025
    """
    return _stats().norm.sf(x)


def norm_isf(q: Any) -> Any:
    """The standard normal's upper quantile, ``scipy.stats.norm.isf``."""
    return _stats().norm.isf(q)


def t_sf(x: Any, df: Any) -> Any:
    """Student's t upper tail, ``scipy.stats.t.sf``."""
    return _stats().t.sf(x, df)


def t_isf(q: Any, df: Any) -> Any:
    """Student's t upper quantile, ``scipy.stats.t.isf``."""
    return _stats().t.isf(q, df)


def chi2_sf(x: Any, df: Any) -> Any:
    """The chi-squared upper tail, ``scipy.stats.chi2.sf``."""
    return _stats().chi2.sf(x, df)


def f_sf(x: Any, dfn: Any, dfd: Any) -> Any:
    """The F upper tail, ``scipy.stats.f.sf``."""
    return _stats().f.sf(x, dfn, dfd)
