"""What a dask fit's first pass keeps of every partition's values: the rows to fit the
ModelSpec on (a few first rows and the first row showing each level of every factor column,
and of every factor the formula's own code computes, stacked over the partitions as
``ddf.compute()`` stacks them), the categories each partition's Categoricals are encoded
with, and the kinds of values of the columns whose meta says numbers (see
:func:`mnlogit._dask_parts._scan`) and of the object and text predictors (:func:`_kinds`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from ._columns import _unhashable
from ._levels import boolean_cells
from ._terms import c_column, categorical_factors
from ._value_kinds import ValueKinds, value_kinds
from .formula import categorical_values

SAMPLE_ROWS = 5  # complete rows of each partition kept to fit the ModelSpec on


def _plain_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """NA-valued string columns (Dask's default for text) as plain Python strings.

    formulaic 1.2 encodes ``StringDtype`` columns with ``pd.NA`` as numbers, not categories;
    rows with missing values are dropped before this is called.
    """
    cols = {
        c: object
        for c in frame.columns
        if isinstance(frame[c].dtype, pd.StringDtype) and frame[c].dtype.na_value is pd.NA
    }
    return frame.astype(cols) if cols else frame


def _sample(frame: pd.DataFrame, cover: tuple, computed: tuple = ()) -> pd.DataFrame:
    """The first few rows, and the first row showing each value of every ``cover`` column
    and of each of ``computed``: a factor the formula's code computes (``C(k.astype('str'))``,
    whose levels no column holds: evaluated on the rows as the encoding evaluates them), or
    a column that code reads, where it is a Categorical (``I(g.cat.codes)``, whose codes
    number its categories). Booleans are shown apart from numbers: True and 1 hash
    alike, so a column of 1 that held True in a later row (or partition) showed only the 1,
    and the in-memory refusal of such levels, run on the sample, let an outcome's True be
    fitted as the level 1."""
    shown = [frame.iloc[:SAMPLE_ROWS]]
    for c in cover:
        boolean = boolean_cells(frame[c])
        kinds = (boolean, ~boolean) if boolean.any() and not boolean.all() else (slice(None),)
        shown += [frame[rows].drop_duplicates(subset=[c]) for rows in kinds]
    columns = [frame[c] for c in computed if c in frame.columns and categorical(frame[c])]
    exprs = [c for c in computed if c not in frame.columns]
    made = categorical_values(_plain_strings(frame), exprs).values() if exprs else ()
    for values in [*columns, *made]:
        shown.append(frame.iloc[_first_of_each(values)])
    return pd.concat(shown)


def _first_of_each(values: pd.Series) -> np.ndarray:
    """The positions of the first value of each level among ``values``,
    booleans apart from numbers; none where they cannot be hashed (the design built on the
    sample refuses them, as in memory)."""
    try:
        boolean = boolean_cells(values)
        kinds = (boolean, ~boolean) if boolean.any() and not boolean.all() else (None,)
        found = [np.arange(len(values)) if rows is None else np.flatnonzero(rows) for rows in kinds]
        found = [at[~values.iloc[at].duplicated().to_numpy(dtype=bool)] for at in found]
    except TypeError:
        return np.empty(0, np.intp)
    return np.sort(np.concatenate(found))


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


def computed_factors(factors: Iterable[Any], meta: pd.DataFrame, spec: Any) -> tuple[str, ...]:
    """The Python factors among ``factors`` that are not a column written ``C(column)``,
    and that ``spec`` (when a dry run gave one) encodes as categories: their levels are the
    values their code computes, which every partition's rows are evaluated for (those that
    turn out not to be categories there are left out)."""
    categorical = None if spec is None else categorical_factors(spec)
    found = {
        str(f.expr)
        for f in factors
        if f.eval_method.value == "python"
        and c_column(f, levels=True) not in meta.columns
        and (categorical is None or str(f.expr) in categorical)
    }
    return tuple(sorted(found))


def stacked_categories(sample: pd.DataFrame, names: frozenset) -> dict[str, pd.Index]:
    """The categories of each Categorical column ``names``, in the order ``ddf.compute()``
    stacks every partition's (the sample's, which keeps each partition's whole dtype), as the
    in-memory fit's Python code reads them: with those no row used (``I(g.cat.codes)``
    numbers them as the user did, R's ``as.integer(g)``)."""
    found = [name for name in sorted(names) if categorical(sample[name])]
    return {name: sample[name].cat.categories for name in found}


def categorical(column: pd.Series) -> bool:
    """Whether ``column`` holds a pandas Categorical."""
    return isinstance(column.dtype, pd.CategoricalDtype)


def _kinds(df: pd.DataFrame, names: tuple[str, ...]) -> dict[str, ValueKinds]:
    """The kinds of values of one partition's object and text columns ``names``."""
    kinds = {}
    for name in names:
        try:
            kinds[name] = value_kinds(df[name])
        except TypeError:  # lists, dicts, sets: refused as in memory, not as unhashable
            raise _unhashable(df[name], name, "data") from None
    return kinds


def _merge_kinds(*parts: dict[str, ValueKinds]) -> dict[str, ValueKinds]:
    return {name: sum((p[name] for p in parts[1:]), parts[0][name]) for name in parts[0]}


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
