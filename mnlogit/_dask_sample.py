"""What a dask fit's first pass keeps of every partition's values: the rows to fit the
ModelSpec on (a few first rows and the first row showing each level of every factor column,
stacked over the partitions as ``ddf.compute()`` stacks them), and the kinds of values of the
columns whose meta says numbers (see :func:`mnlogit._dask_parts._scan`)."""

from __future__ import annotations

import pandas as pd
from pandas.api.types import union_categoricals

from ._levels import boolean_cells
from ._value_kinds import ValueKinds, value_kinds

SAMPLE_ROWS = 5  # complete rows of each partition kept to fit the ModelSpec on


def _sample(frame: pd.DataFrame, cover: tuple) -> pd.DataFrame:
    """The first few rows, and the first row showing each value of every ``cover`` column,
    its booleans apart from its numbers: True and 1 hash alike, so a column of 1 that held
    True in a later row (or partition) showed only the 1, and the in-memory refusal of such
    levels, run on the sample, let an outcome's True be fitted as the level 1."""
    shown = [frame.iloc[:SAMPLE_ROWS]]
    for c in cover:
        boolean = boolean_cells(frame[c])
        kinds = (boolean, ~boolean) if boolean.any() and not boolean.all() else (slice(None),)
        shown += [frame[rows].drop_duplicates(subset=[c]) for rows in kinds]
    return pd.concat(shown)


def _concat_samples(samples: list[pd.DataFrame]) -> pd.DataFrame:
    """The partitions' samples stacked, a column that is a Categorical in every partition
    kept one, its categories those of the first partition and then each new one in partition
    order, as dask's compute() stacks them. pd.concat makes Categoricals whose categories
    differ objects, sorted as text: a fit of partitions that made their own categories
    (``astype("category")`` in ``map_partitions``) took another reference, and another
    baseline for a factor, than the same fit of ``ddf.compute()``."""
    out = pd.concat(samples)
    for name in out.columns:
        columns = [s[name] for s in samples]
        if isinstance(out[name].dtype, pd.CategoricalDtype) or not all(
            isinstance(c.dtype, pd.CategoricalDtype) for c in columns
        ):
            continue
        try:
            out[name] = union_categoricals(columns)  # by position: labels repeat
        except TypeError:  # ordered Categoricals of other categories: no order joins them
            continue
    return out


def numeric_kinds(frame: pd.DataFrame, names: tuple) -> dict[str, ValueKinds]:
    """The kinds of values of columns whose meta says numbers (a few of them where the
    partition holds numbers): a partition of text among them, which the sample may not show
    (its first rows stand for the first partition), is refused as in memory."""
    kinds = {}
    for name in names:
        column = frame[name]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            kinds[name] = value_kinds(column)
        else:
            shown = column.iloc[:64].dropna()  # the whole column only when those are missing
            shown = shown if len(shown) else column.dropna()
            kinds[name] = ValueKinds(numbers=tuple(shown.iloc[:3].tolist()))
    return kinds
