"""polars' frames and Series read as the columns they stand for, before their Arrow export.

A polars frame is read through the Arrow data it exports (:func:`mnlogit._tables.from_arrow`),
and three of polars' types say something else there than in polars: an ``Object`` column
exports the addresses of its Python objects as 8 bytes each, a ``Categorical`` exports the
categories in the order polars first met them in the process (polars itself sorts them as
text), and a 128-bit integer does not export. A ``LazyFrame`` is a query, not rows.

Nothing here imports polars unless the data are polars' objects.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .exceptions import DataError, InputTypeError

__all__ = [
    "arrow_nan_refusal",
    "arrow_nan_values",
    "is_lazy",
    "is_polars",
    "objects_kept",
    "refuse_arrow_nan",
    "refuse_expression",
    "refuse_lazy",
    "refuse_outcome_nan",
    "unwrapped",
]


def unwrapped(data: Any) -> Any:
    """The frame or Series a narwhals object wraps (a polars one, a pandas one), read as that
    object is: through its Arrow export a narwhals frame of polars' had its Object columns
    read as addresses and its Categoricals in the order the process met them. Anything else
    as it is."""
    if type(data).__module__.split(".")[0] == "narwhals" and hasattr(data, "to_native"):
        return data.to_native()
    return data


def is_polars(data: Any) -> bool:
    """Whether ``data`` is one of polars' objects (by its class's module: polars is imported
    only when it already is)."""
    return type(data).__module__.split(".")[0] == "polars"


def is_lazy(cls: type) -> bool:
    """Whether objects of ``cls`` are polars LazyFrames."""
    return any(
        c.__name__ == "LazyFrame" and c.__module__.split(".")[0] in ("polars", "narwhals")
        for c in cls.__mro__
    )


def refuse_lazy(data: Any, what: str) -> None:
    """Refuse a polars LazyFrame, a query whose rows are computed when collected: it was
    refused as "expected a pandas DataFrame ... got LazyFrame", or by scikit-learn's "setting
    an array element with a sequence", which did not say to collect it."""
    if is_lazy(type(data)):
        raise InputTypeError(
            f"{what}: got a polars LazyFrame, a query whose rows are not computed yet; a "
            f"model reads rows in memory: pass {what}.collect()"
        )


def objects_kept(data: Any, what: str) -> tuple[Any, dict[str, list[Any]]]:
    """A polars DataFrame made ready for its Arrow export, and the values of its ``Object``
    columns as lists (their place in the export holds nulls), to be put back as columns of
    Python objects, as pandas holds them: exported, an object column is the 8-byte address of
    each object, which was fitted as a factor of addresses (two equal tuples two levels) with
    nothing said. A ``Categorical`` is read as its text, its levels sorted as polars sorts
    them (``pl.Categorical`` orders by text): its export lists the categories in the order
    the process first met them, so the reference level depended on what ran before (an
    ``Enum``, whose order is declared, keeps it). A 128-bit integer column is read as 64-bit
    integers when its values fit, and as Python's ints otherwise, as a pandas column holds
    integers past 64 bits (their use as numbers is refused where float64 would round them
    together): it has no Arrow export ("Invalid or unsupported format string: '_pli128'").
    Anything but a polars DataFrame is returned as it is."""
    data = unwrapped(data)
    refuse_lazy(data, what)
    if not (is_polars(data) and hasattr(data, "schema") and hasattr(data, "with_columns")):
        return data, {}
    import polars as pl  # the data are polars': it is installed and imported

    objects: dict[str, list[Any]] = {}
    changed = []
    for name, dtype in data.schema.items():
        if dtype == pl.Object:
            objects[name] = data.get_column(name).to_list()
            changed.append(pl.lit(None).alias(name))
        elif dtype == pl.Categorical and getattr(dtype, "ordering", None) != "physical":
            # polars before 1.32 sorted a Categorical(ordering="physical") in its export's order
            changed.append(pl.col(name).cast(pl.String))
        elif str(dtype) in ("Int128", "UInt128"):
            wide = _wide_integers(data.get_column(name))
            if wide is None:  # past 64 bits: Python's ints, as a pandas column holds them
                objects[name] = data.get_column(name).to_list()
                changed.append(pl.lit(None).alias(name))
            else:
                changed.append(pl.col(name).cast(wide))
    return (data.with_columns(changed) if changed else data), objects


def _wide_integers(column: Any) -> Any:
    """The 64-bit polars type that holds every value of a 128-bit integer column, or None."""
    import polars as pl

    low, high = column.min(), column.max()
    if low is None or (-(2**63) <= low and high < 2**63):
        return pl.Int64
    if low >= 0 and high < 2**64:
        return pl.UInt64
    return None


def arrow_nan_values(column: pd.Series) -> tuple[int, Any] | None:
    """How many NaN a pyarrow-backed float column (a polars frame's, or ``double[pyarrow]``)
    holds and the first one's row label (None when it holds none, or is no such column):
    there NaN is a number, not a missing value (null is), which isna() does not see."""
    if column.dtype.kind != "f" or isinstance(column.dtype, np.dtype):
        return None
    nan = np.isnan(column.to_numpy(np.float64, na_value=0.0))  # nulls apart: they are missing
    if not nan.any():
        return None
    row = column.index[int(np.flatnonzero(nan)[0])]
    return int(nan.sum()), row.item() if isinstance(row, np.generic) else row


def arrow_nan_refusal(
    name: str,
    dtype: Any,
    found: tuple[int, Any],
    what: str,
    factor: bool,
    condition: bool = False,
    use: str | None = None,
    rows: bool = True,
) -> DataError:
    """The refusal of the NaN :func:`arrow_nan_values` ``found`` in the column ``name`` of
    ``dtype`` (see :func:`refuse_arrow_nan`); a dask fit counts them over its partitions.
    ``use``: how the model reads the column, when not as a predictor or a factor ("as an
    outcome level"); ``rows``: whether the column's rows are the data's, to be named (not
    those of a sample)."""
    count, row = found
    use = use or (f"as a level of C({name})" if factor else "as a predictor")
    kind, how = _nan_as_missing(name, dtype)
    fix = f"make those values missing to drop their rows ({how})"
    if condition:
        use = "in a condition (" + (
            "polars counts it above every number, pyarrow's comparisons as no number)"
            if "pyarrow" in kind
            else "its comparisons are False, where a float64 column's NaN leaves the row undecided)"
        )
        fix = (
            f"make those values missing ({how}) and say in the condition where their rows "
            f"belong (e.g. '{name}.notna() & (...)')"
        )
    where = f" (e.g. in row {row!r}, {count} in all)" if rows else ""
    return DataError(
        f"{what}: column {name!r} holds NaN{where}, which in a column of dtype {dtype} ({kind})"
        f" is a number, not a missing value, and has no meaning {use}: {fix}"
    )


def _nan_as_missing(name: str, dtype: Any) -> tuple[str, str]:
    """What kind of column of ``dtype`` holds NaN apart from its missing values, and how to
    make them missing where the column is held. pandas' own masked floats (``Float64``, whose
    NaN stays a number as ``read_parquet(dtype_backend='numpy_nullable')`` or the option
    ``future.distinguish_nan_and_na`` leave it) are no polars column, and a pyarrow-backed
    one may be a pandas DataFrame's (``read_parquet(dtype_backend='pyarrow')``): polars'
    ``fill_nan`` alone cannot be followed there. ``astype('float64')`` makes NaN and <NA>
    alike pandas' missing NaN, in a pandas or dask DataFrame, whatever the options."""
    pandas_way = f"in pandas, df[{name!r}] = df[{name!r}].astype('float64')"
    if isinstance(dtype, pd.ArrowDtype) or str(dtype).endswith("[pyarrow]"):
        polars_way = f"in polars, pl.col({name!r}).fill_nan(None)"
        return "a pyarrow column, whose missing value is null", f"{pandas_way}; {polars_way}"
    return "a pandas masked column, whose missing value is <NA>", pandas_way


def refuse_arrow_nan(
    name: str, column: pd.Series, what: str, factor: bool, condition: bool = False
) -> None:
    """Refuse NaN in a pyarrow-backed float column a model reads (a polars frame's, or
    ``double[pyarrow]``): there NaN is a number, not a missing value (null is), so its row is
    not dropped as a missing value is; as a level of ``C()`` (``factor``) it made a design
    column 'C(k)[T.nan]' refused as "non-finite ... 300 rows in all", and as a number it was
    refused as if a transform had made it. In a row ``condition`` (``subpop="k > 0"``),
    where pandas' NaN is refused as undecided, a comparison of it was False, where polars
    counts NaN above every number (its ``k > 0`` is True): the row was put outside the
    subpopulation with nothing said."""
    found = arrow_nan_values(column)
    if found is not None:
        raise arrow_nan_refusal(name, column.dtype, found, what, factor, condition)


def refuse_outcome_nan(name: str, column: pd.Series, rows: bool) -> None:
    """:func:`refuse_arrow_nan` of the outcome ``column``, whose NaN was refused as "values
    that cannot be levels (nan)" without the fix; ``rows``: whether its rows are the data's,
    to be named (not a sample's)."""
    found = arrow_nan_values(column)
    if found is not None:
        use = "as an outcome level"
        raise arrow_nan_refusal(name, column.dtype, found, "outcome", False, use=use, rows=rows)


def refuse_expression(value: Any, what: str) -> None:
    """Refuse a polars expression (``pl.col("w")``, ``pl.col("x") > 0``) given for values per
    row: it holds no values until a frame evaluates it, and was refused as "the single value
    <Expr ...>; repeat it for every row (np.full(240, <Expr ...>))"."""
    if not (is_polars(value) and type(value).__name__ == "Expr"):
        return
    try:  # a bare column, pl.col("w"): its name is what mnlogit.fit takes
        name = value.meta.output_name() if value.meta.is_column() else None
    except Exception:  # polars' own errors, of any class
        name = None
    named = f" (in mnlogit.fit, its name: {what}={name!r})" if name else ""
    raise InputTypeError(
        f"{what}: got a polars expression ({value}), which holds no values until a frame "
        f"evaluates it; pass the values it stands for, df.select(expression).to_series()"
        f"{named}"
    )
