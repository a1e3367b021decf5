"""The command line's ``--weights`` and ``--groups`` columns checked on the rows a fit keeps
(none of the formula's columns missing), each refusal naming the option, the column and the
first data row: the library's named ``weights:`` or ``groups:`` and no row, and called an
empty weight cell "nan"."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from ._alike import first_few
from ._checks import LARGEST_FREQUENCY_TOTAL
from ._cli_advice import for_the_command_line
from ._cli_errors import UsageError, one_line
from ._columns import column_suggestion
from ._shown_numbers import row_count
from .exceptions import MNLogitError

__all__ = [
    "cells_said",
    "check_group_spellings",
    "check_roles",
    "dropped_note",
    "refusal_named",
    "rows_dropped_said",
]


def check_roles(
    df: pd.DataFrame,
    needed: list[str],
    weights: str | None,
    groups: str | None,
    na_values: list[str] | None = None,
) -> None:
    """Refuse an empty or negative weight, weights 0 on every row the fit keeps, or an empty
    cluster in a row the fit keeps; and an option naming no column of the file, which the
    library's refusal did not name
    ("column 'wt' is not in the data", as if the formula held it). ``na_values``: the texts
    ``--na-values`` reads as missing, which a cell called empty may hold ('NA')."""
    # a cell of 'NA' given to --na-values was called empty, and the file's row shows 'NA'
    empty = f"is empty or {_texts(na_values)}" if na_values else "is empty"
    for flag, name in (("--weights", weights), ("--groups", groups)):
        if name is not None and name not in df.columns:
            shown = first_few(df.columns, 20, str)
            raise UsageError(
                f"{flag} {name!r} is not a column of the data{column_suggestion(name, df.columns)}"
                f" (columns: {shown})"
            )
    kept = df[[c for c in needed if c in df.columns]].notna().all(axis=1).to_numpy()
    if weights is not None and weights in df.columns and df[weights].dtype.kind == "b":
        # the library's refusal said to convert them with .astype(float) in Python
        raise UsageError(
            f"--weights column {weights!r} holds True and False: frequency weights are whole "
            "numbers, each the count of rows its row stands for; write 1 and 0 in the file"
        )
    if weights is not None and weights in df.columns and df[weights].dtype.kind in "fiu":
        w = df[weights].to_numpy(dtype=np.float64)
        _refuse(
            kept & np.isnan(w),
            f"--weights column {weights!r} {empty}",
            "every row needs a weight (a missing weight does not drop its row, as a missing "
            "predictor does); write 0 to leave a row out",
        )
        negative = kept & (w < 0)
        _refuse(
            negative,
            f"--weights column {weights!r} holds {w[negative][0]:g}" if negative.any() else "",
            "frequency weights count the observations each row stands for, so they are 0 or "
            "more (0 leaves a row out)",
        )
        if kept.any() and not (w[kept] > 0).any():
            # the library's refusal named neither the option nor the column ("weights: all
            # weights are zero")
            rows = (
                "every row"
                if kept.all()
                else "the one row kept"
                if kept.sum() == 1
                else f"each of the {int(kept.sum())} rows kept"
            )
            raise UsageError(
                f"--weights column {weights!r} is 0 in {rows}, which leaves no row to fit: "
                "frequency weights count the observations each row stands for (0 leaves a "
                "row out); check that --weights names the column of counts, or leave it out "
                "to count each row once"
            )
        _refuse_overflowing_counts(w, kept, weights)
    if groups is not None and groups in df.columns:
        _refuse(
            kept & df[groups].isna().to_numpy(),
            f"--groups column {groups!r} {empty}",
            "every row needs a cluster: give it one (a cluster of its own if it is alone), or "
            "remove the row",
        )
        _refuse_one_cluster(df, kept, weights, groups)


def _refuse_overflowing_counts(w: np.ndarray, kept: np.ndarray, weights: str) -> None:
    """Refuse frequency weights whose sum on the rows kept overflows the log-likelihood: the
    library's refusal began 'weights:' and advised weight_type='probability', a keyword the
    command line has no option for."""
    with np.errstate(over="ignore"):
        total = float(w[kept].sum())
    if total <= LARGEST_FREQUENCY_TOTAL:
        return
    row = int(np.argmax(np.where(kept, w, -np.inf)))
    shown = f"{total:.3g}" if np.isfinite(total) else "more than the largest float"
    raise UsageError(
        f"--weights column {weights!r} sums to {shown} (the largest, {w[row]:g}, in data row "
        f"{row + 1}): frequency weights count the observations each row stands for, and past "
        f"{LARGEST_FREQUENCY_TOTAL:.3g} the log-likelihood overflows; check that --weights "
        "names the column of counts (sampling weights are fitted in Python: "
        f"mnlogit.fit(formula, df, weights={weights!r}, weight_type='probability'))"
    )


def _refuse_one_cluster(
    df: pd.DataFrame, kept: np.ndarray, weights: str | None, groups: str
) -> None:
    """Refuse a ``--groups`` column of one cluster on the rows the fit counts (kept, of
    positive weight): the library's "groups: cluster-robust covariance needs at least 2
    clusters; got 1" named neither the column nor its value, nor what to do."""
    counted = kept.copy()
    if weights is not None and weights in df.columns and df[weights].dtype.kind in "fiu":
        counted &= df[weights].to_numpy(dtype=np.float64) > 0
    clusters = df.loc[counted, groups].unique()
    if len(clusters) == 1:
        rows = "every row" if counted.all() else "every row the fit counts"
        one = repr(clusters[0]) if isinstance(clusters[0], str) else f"{clusters[0]}"
        raise UsageError(
            f"--groups column {groups!r} is {one} in "
            f"{rows}: one cluster, and cluster-robust standard errors need two or more (the "
            "clusters' scores are what they vary over); check that --groups names the column "
            "of clusters, or use --cov robust"
        )


def _texts(na_values: list[str]) -> str:
    """The texts ``--na-values`` gives, as a cell holds one of them."""
    shown = first_few(na_values, 5)
    return (
        f"holds {shown}, which --na-values reads as missing,"
        if len(na_values) == 1
        else (f"holds one of {shown}, which --na-values reads as missing,")
    )


def check_group_spellings(numbers: pd.Series, written: pd.Series, name: str) -> None:
    """Refuse a ``--groups`` column that a formula reads as numbers when one number is
    written in several ways ("01" and "1"): read as numbers they are one cluster, where the
    clusters of a column the formula does not read as numbers are labels, read as written
    (two), and which the file means cannot be told."""
    pairs = pd.DataFrame({"number": numbers.to_numpy(), "written": written.to_numpy()})
    pairs = pairs.dropna().drop_duplicates()
    several = pairs[pairs.duplicated("number", keep=False)]
    if len(several):
        ways = several.loc[several["number"] == several["number"].iloc[0], "written"]
        shown = " and ".join(map(repr, ways.iloc[:3]))
        raise UsageError(
            f"--groups column {name!r}: a formula reads {name!r} as numbers, and as numbers "
            f"{shown} are one cluster, where as written (as --groups reads a column the "
            f"formula does not read as numbers) they are {len(ways)}: write each "
            "cluster one way in the file, or give --groups a copy of the column that the "
            "formula does not use"
        )


def cells_said(column: pd.Series, texts: pd.Series, cells: np.ndarray, limit: int = 8) -> str:
    """``texts`` (counts of the texts of ``column``'s cells that are not numbers, largest
    first; ``cells``: which of its cells that are not empty they are) each with the data row
    of its first cell: "'NA' (3 rows, the first data row 12)". A refusal counted them alone,
    "'NA' (1 rows)", and the row had to be searched for in the file."""
    rows = np.flatnonzero(column.notna().to_numpy())[cells]
    written = column.dropna().astype(str).to_numpy()[cells]
    first = pd.Series(rows, index=written).groupby(level=0).min()
    said = [
        f"{t!r} ({'' if k == 1 else f'{row_count(k)}, the first '}data row {first[t] + 1})"
        for t, k in texts.iloc[:limit].items()
    ]
    more = len(texts) - limit
    return ", ".join(said) + (f", and {more} other texts" if more > 0 else "")


def _refuse(mask: np.ndarray, what: str, rule: str) -> None:
    if mask.any():
        row = int(np.argmax(mask))
        counted = row_count(mask.sum())
        raise UsageError(f"{what} in data row {row + 1} ({counted} in all): {rule}")


@contextmanager
def rows_dropped_said(df: pd.DataFrame, needed: list[str]) -> Iterator[None]:
    """A refusal of the model on the rows it keeps says how many rows were dropped for
    missing values, and where: a column that varies in the file but is constant on the rows
    kept was refused as 'constant beside the intercept' with nothing about the rows dropped
    (their note comes after the fit). A refusal that counts those rows itself
    (``rows_dropped_said``) says them once: where it does not name the columns that miss
    values, its words for the rows are completed with them."""
    try:
        yield
    except MNLogitError as exc:
        dropped = _rows_dropped(df, needed)
        if not dropped:
            raise
        told = one_line(exc)
        said = exc.rows_dropped_said
        if not said:
            present = [name for name in needed if name in df.columns]
            # 'on the rows kept' was said of a refusal that no row is kept
            kept = df[present].notna().all(axis=1).any()
            told += f" ({'on the rows kept: ' if kept else ''}{dropped})"
        elif not exc.rows_dropped_columns:
            # 'whatever the 2 rows dropped for missing values hold' named no column
            told = told.replace(said, f"the {dropped}", 1)
        raise UsageError(told) from None


@contextmanager
def refusal_named(model: str, formula: str) -> Iterator[None]:
    """A refusal of one of ``mnlogit compare``'s models names it (its column header, and its
    formula unless the refusal quotes it): 'the design is rank deficient: column(s) 'k' ...
    drop them from the formula' left the user to find which formula, as its warnings did."""
    try:
        yield
    except (MNLogitError, UsageError) as exc:
        told = for_the_command_line(one_line(exc))
        where = f"model {model}" + ("" if formula in told else f", formula {formula!r}")
        raise UsageError(f"{where}: {told}") from None


def dropped_note(df: pd.DataFrame, needed: list[str], n_dropped: int, model: str = "") -> str:
    """One line: how many rows were dropped for missing values, and in which columns (of
    the model named ``model``, a column of ``mnlogit compare``)."""
    of = f"{model}: " if model else ""
    return f"mnlogit: note: {of}{_rows_dropped(df, needed, n_dropped)}"


def _rows_dropped(df: pd.DataFrame, needed: list[str], n_dropped: int | None = None) -> str:
    """How many of ``df``'s rows miss a value in a column of ``needed`` (``n_dropped``, when
    the fit counted them), and in which columns, each column's count beside another's only:
    'in z (2)' of one column counted the same 2 rows again. "" when none does."""
    present = [name for name in needed if name in df.columns]
    counts = df[present].isna().sum()
    counts = counts[counts > 0]
    if n_dropped is None:
        n_dropped = int(df[present].isna().any(axis=1).sum())
    if not n_dropped:
        return ""
    named = [str(name) for name in counts.index]
    if len(counts) > 1:
        named = [f"{name} ({k})" for name, k in zip(named, counts, strict=True)]
    where = f"{', '.join(named[:-1])} and {named[-1]}" if len(named) > 1 else "".join(named)
    return f"{n_dropped} of {len(df)} rows dropped for missing values" + (
        f" in {where}" if where else ""
    )
