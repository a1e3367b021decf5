"""What a survey design's messages say was likely meant when a role names no column of the
data: the column whose label is a number, named as text as the formula names it; R's
one-sided formulas (``weights = ~pw``, ``ids = ~dnum + snum``, ``strata = ~a:b``) and
expressions of columns (``weights = "1/prob"``), whose values are passed instead; a table
given where one value per row is taken; and a close spelling otherwise."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ._columns import column_suggestion
from .exceptions import ColumnNotFoundError, DataError

__all__ = [
    "ONE_COLUMN",
    "column_label",
    "missing_design_column",
    "number_label_hint",
    "one_column_hint",
    "refuse_missing_roles",
    "table_hint",
    "tuple_label_hint",
]


def column_label(columns: pd.Index, name: str, what: str) -> Any:
    """The label of the column ``name`` names, or None: the name itself, or the one label
    that is a number and reads as it (a column labelled 9 is ``"9"``, as the formula and
    ``fit(weights=...)`` name it). A name of two columns is refused, as the formula refuses
    it."""
    alike = [c for c in columns if not isinstance(c, str) and str(c) == name]
    if (alike and name in columns) or len(alike) > 1:
        # as the formula refuses them (mnlogit._columns.column_labels)
        labels = ([name] if name in columns else []) + alike
        raise DataError(
            f"{what}: column name {name!r} reads as the columns labelled "
            f"{', '.join(map(repr, labels))} (as text or as a number); rename the duplicates"
        )
    label = name if name in columns else alike[0] if alike else None
    if label is not None and int((columns == label).sum()) > 1:
        # data[label] would be a DataFrame, and the checks on it tracebacks
        raise DataError(
            f"{what}: column {name!r} occurs more than once in the data; rename the duplicates"
        )
    return label


def number_label_hint(role: str, value: Any, columns: Any = None) -> str:
    """What to write for a column whose label is a number, given as that number (a single
    value, not one per row): its label as text, as the formula names it ("" otherwise)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        return ""
    if columns is None:  # not known yet: integers are the labels pandas gives
        if not isinstance(value, (int, np.integer)):
            return ""
    elif column_label(columns, str(value), role) is None:
        return ""
    return (
        f"; a column whose label is a number is named as text, as in the formula: "
        f"{role}={str(value)!r}"
    )


def table_hint(role: str, value: Any) -> str:
    """What to give for a table where a design takes one value per row ("" for other
    values): a DataFrame's one column by its name, two strata combined into one, an array
    of one column or row flattened."""
    shape = tuple(getattr(value, "shape", ()))
    if len(shape) != 2:
        return ""
    labels = list(getattr(value, "columns", []))  # pandas' or polars' DataFrame
    names = [str(c) for c in labels]
    if len(names) == 1:
        return one_column_hint(role, labels[0])
    if names and role == "strata":
        return "; " + ONE_COLUMN[role].format(first=names[0], second=names[1])
    if names:
        return f" (a table of {len(names)} columns): give one column"
    if 1 in shape:
        return f" (shape {shape}): flatten it to one value per row, e.g. np.ravel(values)"
    return ""


def one_column_hint(role: str, label: Any, named: bool = True) -> str:
    """What to give for a table of the one column ``label`` (df[["w"]]): the column itself,
    or (``named``: where a column name is taken, a formula's data) its name."""
    name = f", or its name, {role}={str(label)!r}" if named else ""
    return f" (a table of one column): pass the column, {role}=df[{label!r}]{name}"


def tuple_label_hint(role: str, value: Any, columns: Any = None) -> str:
    """What to write for a tuple given where a column is named, as pandas labels the columns
    of a MultiIndex (("w", "")): numpy read it as that many values. ``columns``: the data's,
    None where the values themselves are taken (MNLogit(y, X)). "" for other values."""
    if not isinstance(value, tuple) or not value:
        return ""
    column = f"the column itself, {role}=df[{value!r}]"
    if columns is None:
        return f": the tuple {value!r} is read as {len(value)} values; pass {column}"
    try:
        labelled = value in columns
    except TypeError:  # unhashable members: no label
        labelled = False
    flat = "_".join(map(str, value)).strip("_")
    if not labelled and flat in columns:
        return (
            f": the tuple {value!r} is read as {len(value)} values; name the column as text, "
            f"{role}={flat!r}"
        )
    if not labelled:
        return (
            f": the tuple {value!r} is read as {len(value)} values, and names no column of "
            f"the data; name a column as text ({role}='name') or give one value per row"
        )
    return (
        f": the tuple {value!r} is read as {len(value)} values, not as the label of the data's "
        f"column {value!r}; column names are text here, as in the formula: pass {column}, or "
        f"flatten the labels first (e.g. df.columns = ['_'.join(map(str, c)).strip('_') for c "
        f"in df.columns]) and give {role}={flat!r}"
    )


ONE_COLUMN = {
    "psu": (
        "a design here has one stage of sampling units: give the first stage's, psu={first!r} "
        "(R's svydesign(ids = ~a + b) without fpc= uses only the first stage's too)"
    ),
    "strata": (
        "give one column: combine them first, e.g. "
        "df[{first!r}].astype(str) + '/' + df[{second!r}].astype(str)"
    ),
    # the advice says what each way out gives: the first stage's fpc alone was advised
    # silently, and its standard errors are below R's two-stage ones (apiclus2: 0.5600
    # where svydesign(ids = ~dnum + snum, fpc = ~fpc1 + fpc2) gives 0.5656)
    "fpc": (
        "a later stage's finite-population correction is not supported (R's "
        "svydesign(ids = ~a + b, fpc = ~f1 + f2) adds the later stages' variance, scaled by "
        "the first stage's sampling fraction): fpc={first!r} gives the first stage's "
        "variance alone, which leaves that part out (smaller than R's), and no fpc= the "
        "ultimate-cluster variance of R's svydesign(ids = ~a + b) without fpc=; neither is "
        "R's two-stage variance"
    ),
    # fit()'s weights= too, whose weights count rows unless they are sampling weights
    "weights": (
        "weights= takes one column (a sample's weights of several stages: their product, "
        "df[{first!r}] * df[{second!r}])"
    ),
    # fit()'s groups=, as R's vcovCL(cluster = ~g + h) names two-way clusters: a KeyError
    "groups": (
        "groups= takes one column, clusters of one variable; for clusters of the "
        "combinations of {first!r} and {second!r}, make them a column first, df['cluster'] = "
        "df[{first!r}].astype(str) + '_' + df[{second!r}].astype(str), and give "
        "groups='cluster' (two-way clustering is not supported)"
    ),
}


def missing_design_column(
    role: str, value: str, columns: pd.Index, argument: bool = False
) -> ColumnNotFoundError:
    """The error for a role of a design that names a column the data lack, saying what was
    likely meant: R's formula for the role (``~pw``, ``~1``, ``~dnum + snum``), or the column
    that differs from it only in letter case or white space, or a close spelling.
    ``argument``: the role is an argument of ``fit()`` (``weights=``, ``groups=``), named as
    written."""
    shown = f"{', '.join(map(str, columns[:20]))}{', ...' if len(columns) > 20 else ''}"
    hint = (
        _r_formula_hint(role, value, columns)
        or _expression_hint(role, value, columns)
        or column_suggestion(value, columns)
    )
    said = (
        f"{role}={value!r} is not a column of the data"
        if argument
        else f"{role}: column {value!r} is not in the data"
    )
    error = ColumnNotFoundError(f"{said}{hint} (columns: {shown})")
    error.column = value
    return error


def refuse_missing_roles(roles: dict[str, str], columns: pd.Index) -> None:
    """Refuse a column named by an argument of ``fit()`` (``{"weights": "w"}``) that the
    data lack, naming the argument (the formula's refusal named only the column)."""
    for role, name in roles.items():
        if column_label(columns, name, role) is None:
            raise missing_design_column(role, name, columns, argument=True)


def _r_formula_hint(role: str, value: str, columns: pd.Index) -> str:
    """What to give for R's one-sided formula of svydesign() (``weights = ~pw``), "" when
    ``value`` is not one."""
    text = value.strip()
    tilde = text.startswith("~")
    # R's ~a + b, and its a:b and a*b, name two columns
    names = [n.strip().strip("`").strip() for n in re.split(r"[+:*]", text.lstrip("~"))]
    if role == "psu" and names in (["1"], ["0"]):
        return ": R's ids = ~1 makes each row its own PSU, which is what leaving psu unset does"
    if not (tilde or len(names) > 1) or not all(n in columns for n in names):
        return ""
    if len(names) == 1:
        # groups= and fit()'s weights= are no design's: "a design takes" named one they are not
        return f": {role}= takes the column's name, not R's formula: {role}={names[0]!r}"
    return ": " + ONE_COLUMN[role].format(first=names[0], second=names[1])


def _expression_hint(role: str, value: str, columns: pd.Index) -> str:
    """What to give for an expression of the data's columns (``weights="1/prob"``), "" when
    ``value`` is none: the close spelling suggested otherwise was a column it uses, the
    inclusion probabilities in place of the weights."""
    text = value.strip()
    inner = re.fullmatch(r"I\((.*)\)", text)
    text = inner.group(1).strip() if inner else text
    names = set(map(str, columns))
    word = r"(?<![\w.])[A-Za-z_]\w*(?!\w|\s*\()"  # a name, not an attribute or function
    if not re.search(r"[-+*/()%<>=]", text) or not any(w in names for w in re.findall(word, text)):
        return ""
    code = re.sub(
        word, lambda m: f"df[{m.group(0)!r}]" if m.group(0) in names else m.group(0), text
    )
    return (
        f": a design takes a column's name, not an expression of columns: pass the values it "
        f"gives, {role}={code}, or make them a column of the data first"
    )
