"""Example data bundled with mnlogit, each with a description.

>>> import mnlogit
>>> mnlogit.datasets.list_datasets()
['risk', 'travel']
>>> df = mnlogit.datasets.load("risk")
>>> df.shape
(12, 3)

The files live in the installed package (``mnlogit/data``) and are read through
:mod:`importlib.resources`, so they are available after any kind of install.
"""

from __future__ import annotations

import json
import textwrap
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._other_options import answering_other_options
from .exceptions import DataError

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = ["describe", "info", "list_datasets", "load"]


def _files() -> Traversable:
    return resources.files("mnlogit").joinpath("data")


@answering_other_options
def list_datasets() -> list[str]:
    """Names of the bundled data sets, sorted.

    Returns
    -------
    list of str
        The names :func:`load`, :func:`info` and :func:`describe` take.

    Examples
    --------
    >>> import mnlogit
    >>> mnlogit.datasets.list_datasets()
    ['risk', 'travel']
    """
    return sorted(entry.name[:-4] for entry in _files().iterdir() if entry.name.endswith(".csv"))


def _check(name: Any) -> str:
    names = list_datasets()
    if not isinstance(name, str) or name not in names:
        raise DataError(
            f"dataset {name!r} is not bundled with mnlogit; available: {', '.join(names)}"
        )
    return name


@answering_other_options
def load(name: str) -> pd.DataFrame:
    """Read a bundled data set.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.

    Returns
    -------
    DataFrame
        A new frame on every call (changing it does not change later loads).

    Raises
    ------
    DataError
        If no data set of that name is bundled; the message lists the names.

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> df.shape, df["mode"].unique().tolist()
    ((3052, 8), ['train', 'bus', 'car', 'walk'])
    """
    with _files().joinpath(f"{_check(name)}.csv").open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh)


@cache
def _info(name: str) -> dict[str, Any]:
    return json.loads(_files().joinpath(f"{name}.json").read_text(encoding="utf-8"))


@answering_other_options
def info(name: str) -> dict[str, Any]:
    """The stored description of a data set as a dict.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.

    Returns
    -------
    dict
        Keys ``name``, ``title``, ``description``, ``source``, ``rows``, ``columns`` (column
        -> meaning) and ``example`` (``formula`` and ``ref``); simulated data also carry
        ``true_coefficients`` (outcome -> design column -> value). A new dict on every call.

    Raises
    ------
    DataError
        If no data set of that name is bundled; the message lists the names.

    Examples
    --------
    >>> import mnlogit
    >>> mnlogit.datasets.info("risk")["example"]
    {'formula': 'risk ~ age + income', 'ref': 'low'}
    """
    return json.loads(json.dumps(_info(_check(name))))  # a copy the caller may change


@answering_other_options
def describe(name: str) -> str:
    """A readable description: title, what the data are, the columns and an example fit.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.

    Returns
    -------
    str
        Several lines of text, for ``print()``.

    Raises
    ------
    DataError
        If no data set of that name is bundled; the message lists the names.

    Examples
    --------
    >>> import mnlogit
    >>> print(mnlogit.datasets.describe("risk").splitlines()[0])
    risk (12 rows): Risk category by age and income (12 rows, completely separated)
    """
    d = _info(_check(name))
    width = max(len(c) for c in d["columns"])
    lines = [f"{d['name']} ({d['rows']} rows): {d['title']}", ""]
    lines += textwrap.wrap(d["description"], 88)
    lines += ["", "Columns:"]
    lines += [f"  {col:<{width}}  {text}" for col, text in d["columns"].items()]
    ex = d["example"]
    lines += [
        "",
        f"Source: {d['source']}",
        "",
        "Example:",
        f"  mnlogit.fit({ex['formula']!r}, mnlogit.datasets.load({name!r}), ref={ex['ref']!r})",
        f"  mnlogit fit --dataset {name} {_quote(ex['formula'])} --ref {ex['ref']}",
    ]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'
