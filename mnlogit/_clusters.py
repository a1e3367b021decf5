"""Cluster and sampling-unit identifiers: :func:`cluster_codes` (``groups=`` as integer codes,
clusters of zero weight not counted), :func:`check_clusters`, and :func:`refuse_type_twins`
(identifiers that differ only in type, which strata, PSUs and clusters share)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
import pandas as pd

from ._alike import level_said, warn_clusters_alike
from ._checks import ROWS_SHOWN, named_rows
from ._dtypes import exact_levels, native
from ._levels import distinct_labels
from .exceptions import DataError, InputTypeError, RareLevelWarning, warn

__all__ = [
    "FEW_CLUSTERS",
    "check_clusters",
    "cluster_codes",
    "few_clusters_note",
    "missing_where",
    "refuse_type_twins",
    "warn_single_cluster_levels",
    "weighted_clusters",
]

# Below this many clusters the chi2 reference of a cluster-robust Wald test, asymptotic in the
# number of clusters, over-rejects noticeably (Cameron & Miller 2015, section VI), and so do
# the z statistics referred to the normal.
FEW_CLUSTERS = 50


def few_clusters_note(needs_groups: bool, n_clusters: int) -> str:
    """The caveat on z statistics and intervals from a cluster-robust covariance of fewer
    than FEW_CLUSTERS clusters (``needs_groups``: the covariance is one), or ""."""
    if not needs_groups or n_clusters >= FEW_CLUSTERS:
        return ""
    return (
        f"With {n_clusters} clusters: the z statistics and intervals, referred to the normal, "
        "are asymptotic in the number of clusters and over-reject when they are few."
    )


def _clusters_per_code(codes: np.ndarray, groups: np.ndarray, w: np.ndarray, n: int) -> np.ndarray:
    """How many clusters hold rows of positive weight of each of the ``n`` codes (an outcome's
    core codes): a code in one cluster has a cluster-robust meat of that cluster's score."""
    keep = w > 0
    # one integer key per (code, cluster) pair: the pairs as rows of np.unique(axis=0) took
    # 0.96 s at 1e6 rows, these keys 0.04 s
    span = int(groups.max()) + 1 if len(groups) else 1
    keys = np.unique(codes[keep].astype(np.int64) * span + groups[keep])
    return np.bincount(keys // span, minlength=n)


def check_clusters(
    n_missing: int,
    n_clusters: int,
    n_empty: int = 0,
    where: str = "",
    *,
    only: object = None,
    name: str | None = None,
) -> None:
    """Cluster identifiers: none missing and at least two clusters with weight (``n_empty``
    more hold only rows of weight zero, which the count leaves out). ``where``: the column
    and the rows of the missing ones, as `` (column 'clinic', rows 5, 9)``; ``only``: the
    identifier of the one cluster with weight, if there is one, said with the column
    ``name`` ``groups=`` gave."""
    if n_missing:
        verb = "is" if n_missing == 1 else "are"
        raise DataError(
            f"groups: cluster identifiers must not be missing ({n_missing} {verb}{where}); drop "
            "those rows or give them a cluster of their own"
        )
    if n_clusters < 2:
        empty = (
            f" (and {n_empty} whose rows all have weight zero, which add nothing to the sums)"
            if n_empty
            else ""
        )
        # "got 1" alone left the user to find which value and what to do: a column of one
        # value (a filter upstream kept one site) gives a meat that is the one cluster's
        # score total, zero at the estimates
        said = ""
        if n_clusters == 1:
            column = f" of column {name!r}" if name is not None else ""
            rows = "row of the fit with positive weight" if n_empty else "row of the fit"
            said = (
                f": every {rows} is in cluster {level_said(only)}{column}, and one cluster's "
                "scores sum to zero at the estimates, leaving no variance to estimate. Give "
                "groups= identifiers of at least two clusters, or use cov_type='robust' "
                "(each row its own unit) or cov_type='nonrobust'"
            )
        raise DataError(
            "groups: cluster-robust covariance needs at least 2 clusters; got "
            f"{n_clusters}{empty}{said}"
        )


def missing_where(name: str | None, shown: Any, count: int) -> str:
    """Where ``count`` missing cluster identifiers are, for :func:`check_clusters`: the
    column ``name`` (if any) and the first rows, by the labels ``shown``."""
    # the rows by their labels, as the refusals of weights and of a design's PSUs name them:
    # "(2 are)" left the user to search a column of thousands for them
    if not count:
        return ""
    column = f"column {name!r}, " if name is not None else ""
    return f" in {column}{named_rows(shown, count)}"


def refuse_type_twins(
    name: str,
    unit: str,
    uniques: Any,
    where: Callable[[int, int], str] = lambda i, j: "",
    column: pd.Series | None = None,
) -> None:
    """Refuse identifiers of which two differ only in type (401 and '401'), which would be
    two ``unit`` (strata, PSUs, clusters) where the data mean one; with the ``column`` the
    identifiers were factorized from, also True beside 1 (False beside 0), which pandas
    factorizes as one value where the data may mean two.

    ``uniques``: the distinct identifiers; ``where(i, j)`` says where the two at those
    positions are (`` in rows 3, 17``). A file merged from sources that read the column
    differently gives such a column: counted apart, the variance sums the halves of one
    cluster as if they were independent; merged, it sums two clusters as one.
    """
    if column is not None:
        apart = distinct_labels(column, list(uniques))
        if len(apart) > len(uniques):
            a, b = next(
                (a, b)
                for a in apart
                if isinstance(a, (bool, np.bool_))
                for b in apart
                if not isinstance(b, (bool, np.bool_)) and b == a
            )
            raise DataError(
                f"{name} holds {a!r} and {b!r}, which pandas takes for one of the {unit}: "
                f"values of two types, which may be two {unit}; convert the column to one "
                "type first (e.g. .astype(str))"
            )
    values = pd.Index(uniques)
    if values.dtype != object:
        return
    # a whole float is the integer it prints as in the other source: 17.0 (a column that
    # held a missing value, read as floats) beside '17' (read as text)
    text = values.map(
        lambda v: (
            str(int(v)) if isinstance(v, float) and v.is_integer() and abs(v) < 2**53 else str(v)
        )
    )
    if not text.has_duplicates:
        return
    i, j = (int(k) for k in np.flatnonzero(text == text[text.duplicated()][0])[:2])
    a, b = values[i], values[j]
    # .astype(str) writes 17.0 as '17.0', still apart from '17'
    fix = (
        "pd.to_numeric(...) when every identifier is a number"
        if isinstance(a, float) or isinstance(b, float)
        else ".astype(str)"
    )
    raise DataError(
        f"{name} holds {a!r} ({type(a).__name__}) and {b!r} ({type(b).__name__}){where(i, j)}: "
        f"values that differ only in type, which would be two {unit}; convert the column to "
        f"one type first (e.g. {fix})"
    )


def cluster_codes(
    groups: Any,
    n: int,
    w: np.ndarray | None = None,
    name: str | None = None,
    labels: pd.Index | None = None,
) -> np.ndarray:
    """Integer cluster codes 0..G-1 of ``n`` rows, after :func:`check_clusters`; with
    frequency weights ``w``, a cluster whose rows all weigh zero is not counted. Clusters
    written alike are warned of (``name``: the column ``groups=`` named, if any); missing
    identifiers are refused naming the rows by their ``labels`` (else their positions)."""
    values = groups.to_numpy() if isinstance(groups, pd.Series) else np.asarray(groups)
    g = pd.Series(exact_levels(native(values), "groups", "groups"))
    if len(g) != n:
        raise DataError(f"groups: expected one value per row used ({n}); got {len(g)}")
    try:
        codes, uniques = pd.factorize(g)
    except TypeError:  # lists or arrays in the cells: pandas' "unhashable type"
        sample = next((v for v in g if not isinstance(v, Hashable)), g.iloc[0])
        raise InputTypeError(
            f"groups: cluster identifiers must be single values (numbers, text, dates); got "
            f"{sample!r} ({type(sample).__name__}): convert them first, e.g. .astype(str)"
        ) from None
    refuse_type_twins("groups", "clusters", uniques, column=g)
    warn_clusters_alike(uniques, name)
    missing = g.isna().to_numpy(dtype=bool)
    n_missing = int(missing.sum())
    n_weighted = len(uniques) if w is None or n_missing else weighted_clusters(codes, w)
    pos = np.flatnonzero(missing)[:ROWS_SHOWN]
    where = missing_where(name, pos if labels is None else labels[pos], n_missing)
    only = None
    if n_weighted == 1 and not n_missing:
        only = uniques[codes[0] if w is None else codes[np.flatnonzero(np.asarray(w) > 0)[0]]]
    check_clusters(n_missing, n_weighted, len(uniques) - n_weighted, where, only=only, name=name)
    return codes.astype(np.intp)


def weighted_clusters(codes: np.ndarray, w: np.ndarray) -> int:
    """How many of the clusters ``codes`` (0..G-1) hold a row of positive weight: those the
    cluster-robust covariance counts in G (rows of weight zero are not in the sample, as
    Stata leaves zero frequency weights out of ``e(N_clust)``)."""
    return int(np.count_nonzero(np.bincount(codes, weights=w) > 0))


def warn_single_cluster_levels(data: Any, covariance: Any, counts: Any, floor: float) -> None:
    """Warn of outcome levels of more than ``floor`` observations whose rows all lie in one
    cluster: the cluster-robust meat of their equations is that cluster's score alone, small
    beside their information (slopes' standard errors 0.3 to 0.5 times the model-based ones
    for levels of 6 and 15 observations in one cluster, where the other levels' are 1.3 to
    2.1 times theirs: tests/reference/make_single_cluster_levels.R)."""
    if covariance is None or not covariance.needs_groups or data.groups is None:
        return
    if not data.in_memory:
        return
    per_code = _clusters_per_code(data.y, data.groups, data.w, data.q + 1)
    alone = per_code[data.coding.level_to_core] == 1
    shown = [
        f"{level_said(lv)} ({c:g} observation{'s' if c != 1 else ''})"
        for lv, c, one in zip(data.levels, counts, alone, strict=True)
        if one and c > floor
    ]
    if not shown:
        return
    warn(
        f"outcome {data.outcome_name!r}: level(s) {', '.join(shown)} have all their rows in a "
        "single cluster: the cluster-robust standard errors of their equations rest on "
        "that cluster's score alone, which can make them many times too small (compare the "
        "model-based ones, cov_type='nonrobust'). Merge them with another level or drop "
        "their rows.",
        RareLevelWarning,
    )
