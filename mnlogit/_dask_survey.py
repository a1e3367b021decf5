"""Survey designs in the dask backend: the pass that learns the design from every row, the
coding of each partition's strata and PSUs, and the per-partition sums of the design-based
covariance (see :meth:`mnlogit._dask_data.DaskModelData.design_meat`).

As in memory (:func:`mnlogit.survey.resolve_design`), the design is that of all rows: a scan
over every partition checks the weights, strata, PSUs and fpc (raising the in-memory errors,
which name the rows) and returns one row per PSU, or per stratum when each row is its own
PSU; the model's rows are then those of the subpopulation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from . import _fisher
from ._checks import WeightType
from ._clusters import refuse_type_twins
from ._dask_parts import Part, _complete
from ._levels import boolean_cells
from ._survey_fpc import checked_fpc, stratum_fractions
from ._survey_inputs import (
    check_weight_total,
    checked_weights,
    ids_in_several_strata,
    subpop_mask,
)
from ._survey_spellings import refuse_column_list, refuse_survey_groups
from .exceptions import DataError, InputTypeError, OptionError
from .survey import (
    DesignInfo,
    SurveyDesign,
    check_psus_used,
    checked_codes,
    design_info,
    design_values,
    survey_design,
    weight_scale,
)

__all__ = ["SurveyCodes", "column_name", "survey_options", "survey_rows"]


def survey_options(
    kind: WeightType, design: Any, weights: Any, groups: Any, subpop: Any
) -> SurveyDesign | None:
    """The survey design of a dask fit (None for frequency weights), its parts given as
    column names; the options that do not go with it refused."""
    if not kind.design_based:
        if subpop is not None:
            raise OptionError(
                "subpop= estimates for a subpopulation of a survey design; without probability "
                "weights or a design, fit the rows of interest instead"
            )
        return None
    spec = survey_design(design, weights)
    refuse_survey_groups(groups)
    for role in ("weights", "strata", "psu", "fpc", "subpop"):
        column_name(role, subpop if role == "subpop" else getattr(spec, role))
    return spec


def survey_rows(
    data: Any,
    spec: SurveyDesign,
    subpop: str | None,
    used: tuple,
    needed: tuple,
    compute: Callable,
    factors: tuple = (),
) -> tuple[list, tuple[DesignInfo, SurveyCodes]]:
    """Scan every row for the design; the delayed partitions of the subpopulation's rows
    (all rows without one) with the columns the model needs; the design and its coding.

    ``needed``: the outcome and predictor columns (a row missing one is dropped from the
    fit); ``compute(items, combine)`` computes a tree reduction with the active scheduler.
    """
    import dask  # optional dependency

    columns = data._meta.columns
    if subpop is not None and subpop in columns:
        _refuse_text_flags(subpop, data._meta[subpop].dtype)
    if subpop is not None and subpop not in columns:  # an expression: any column may be used
        full = data
    else:
        full = data[list(dict.fromkeys([*used, *([subpop] if subpop else [])]))]
    raw = full.to_delayed()
    task = dask.delayed(_design_scan_or_refusal, pure=True)
    scan = compute([task(d, spec, subpop, needed, factors) for d in raw], _merge_design_scans)
    if isinstance(scan, _Refused):
        raise scan.refusal()
    if int(scan.table["rows"].sum()) == 0:  # as in memory, before the design's own checks
        raise DataError("data: the DataFrame has no rows")
    info, codes = _survey_from_scan(scan.table, spec, subpop)
    survey = replace(info, outside_levels=_outside_only(scan.levels)), codes
    if subpop is not None:
        raw = [dask.delayed(_in_subpop, pure=True)(d, subpop) for d in raw]
    return raw, survey


@dataclass(frozen=True)
class SurveyCodes:
    """How a partition's rows get their stratum and PSU codes (the design is learned from all
    rows by :func:`_design_scan`)."""

    design: SurveyDesign  # column names only
    strata: pd.Index  # stratum labels in code order
    psus: pd.MultiIndex | None  # (stratum code, PSU id) in code order; None: PSU = row
    weight_scale: float = 1.0  # DesignInfo.weight_scale: the fit's weights are divided by it

    def codes(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray | None]:
        d = self.design
        s = (
            np.zeros(len(frame), np.intp)
            if d.strata is None
            else self.strata.get_indexer(frame[d.strata]).astype(np.intp)
        )
        if self.psus is None:
            return s, None
        pairs = pd.MultiIndex.from_arrays([s, frame[d.psu].to_numpy()])
        return s, self.psus.get_indexer(pairs).astype(np.intp)


def column_name(role: str, value: Any, columns: Any = None) -> None:
    """Refuse a ``role`` that is not a column's name; ``columns``: the data's, whose labels
    that are numbers (5) are named as text, as in the formula (weights='5')."""
    refuse_column_list(role, value)
    if value is not None and not isinstance(value, str):
        labels = [] if columns is None else [c for c in columns if not isinstance(c, str)]
        if any(str(c) == str(value) and type(c) is not bool for c in labels):
            raise InputTypeError(
                f"{role}: got {value!r}, which is the label of a column of the data; column "
                f"names are text here, as in the formula: {role}={str(value)!r}"
            )
        raise InputTypeError(
            f"{role}: with a dask DataFrame, give the name of a column; got "
            f"{type(value).__name__} (values per row cannot be matched to the partitions)"
            # a condition is read on each partition, which the message did not say
            + (
                ", or a condition on the columns as text (subpop='age >= 18'); put computed "
                "booleans in a column first (ddf.assign(sub=...), subpop='sub')"
                if role == "subpop"
                else ""
            )
        )


def _survey_from_scan(
    table: pd.DataFrame, spec: SurveyDesign, subpop: str | None
) -> tuple[DesignInfo, SurveyCodes]:
    """The design's facts and the partitions' coding from the scan's per-PSU table (as
    :func:`mnlogit.survey.resolve_design` finds them in memory)."""
    for role, unit in (("strata", "strata"), ("psu", "PSUs")):
        if getattr(spec, role) is not None:  # each partition was checked on its own rows
            column = "stratum" if role == "strata" else "psu"
            _refuse_boolean_twins(table, column, f"{role} column {getattr(spec, role)!r}", unit)
            refuse_type_twins(
                f"{role} column {getattr(spec, role)!r}",
                unit,
                table[column].unique(),
                lambda i, j: " in different partitions",
            )
    table = table.assign(held_psus=(table["held"] > 0).astype(np.int64))
    by_stratum = table.groupby("stratum", sort=True).agg(
        rows=("rows", "sum"),
        psus=("rows", "size"),
        fpc_min=("fpc_min", "min"),
        fpc_max=("fpc_max", "max"),
        sub_rows=("sub_rows", "sum"),
        fit_rows=("fit_rows", "sum"),
        held=("held", "sum"),
        held_psus=("held_psus", "sum"),
    )
    strata = by_stratum.index
    labels = tuple(strata) if spec.strata is not None else ("(one stratum)",)
    clustered = spec.psu is not None
    n_psu = (by_stratum["psus"] if clustered else by_stratum["rows"]).to_numpy(np.intp)
    fraction = np.zeros(len(labels))
    if spec.fpc is not None:
        fraction = stratum_fractions(
            by_stratum["fpc_min"].to_numpy(), by_stratum["fpc_max"].to_numpy(), n_psu, labels, spec
        )
    # PSUs holding a row of the fit with positive weight (rows as PSUs: such rows)
    domain_psus = (by_stratum["held_psus"] if clustered else by_stratum["held"]).to_numpy(np.intp)
    with np.errstate(over="ignore"):  # each partition's sum was checked on its own
        population = float(table["weight"].sum())
    check_weight_total(population, float(table["weight_max"].max()), spec)
    if subpop is not None and not table["sub_rows"].any():
        raise DataError(f"subpop: {subpop!r} selects no rows")
    check_psus_used(int(domain_psus.sum()), subpop)
    info = design_info(
        spec,
        labels=labels,
        n_psu=n_psu,
        domain_psus=domain_psus,
        fraction=fraction,
        present=by_stratum["fit_rows"].to_numpy() > 0,  # as in memory: rows of the fit
        n_rows=int(table["rows"].sum()),
        population=population,
        clustered=clustered,
        subpop=subpop,
        subpop_size=float(table["fit_weight"].sum()) if subpop is not None else float("nan"),
    )
    psus = None
    if clustered:
        codes = strata.get_indexer(table["stratum"])
        psus = pd.MultiIndex.from_arrays([codes, table["psu"].to_numpy()])
    # from the weights of the rows of the fit, as in memory: taken from every row (or the
    # subpopulation's, rows missing a value among them), a fit that drops rows missing x and
    # its smaller model on subpop="x.notna()" ran their weights divided by two powers of two,
    # and the likelihood-ratio test of the two was refused as of other outcomes
    with np.errstate(over="ignore"):  # at most the population, checked above
        fitted = float(table["fit_weight"].sum())
    scale = weight_scale(fitted, int(table["fit_rows"].sum()))
    crossed = ids_in_several_strata(table["psu"]) if clustered else 0
    info = replace(info, weight_scale=scale, crossed=crossed)
    return info, SurveyCodes(spec, pd.Index(strata), psus, scale)


def _refuse_boolean_twins(table: pd.DataFrame, column: str, name: str, unit: str) -> None:
    """Refuse identifiers that are True in one partition and 1 in another (False and 0), which
    the scan's table holds as one key whose rows are booleans in part, as in memory."""
    keys = [column] if column == "stratum" else ["stratum", column]
    by_key = table.groupby(keys, sort=False)[["rows", f"{column}_bools"]].sum()
    mixed = (by_key[f"{column}_bools"] > 0) & (by_key[f"{column}_bools"] < by_key["rows"])
    if mixed.any():
        value = table.loc[table.set_index(keys).index.isin(by_key.index[mixed]), column].iloc[0]
        twins = pd.Series([bool(value), int(value)], dtype=object)
        refuse_type_twins(name, unit, twins.unique(), column=twins)


_DESIGN_SUMS = [
    "rows",
    "fpc_min",
    "fpc_max",
    "weight",
    "weight_max",
    "sub_weight",
    "fit_weight",
    "sub_rows",
    "fit_rows",
    "held",
    "stratum_bools",
    "psu_bools",
]


def _design_scan(
    df: pd.DataFrame, design: SurveyDesign, subpop: str | None, needed: tuple, factors: tuple
) -> _Scan:
    """One partition's share of the design: per (stratum, PSU), or per stratum when every row
    is its own PSU, its rows, fpc range, weight total, subpopulation share, rows of the fit
    (``fit_rows``: in the subpopulation and with every ``needed`` column) with their weight
    (``fit_weight``, the subpopulation's size) and those of positive weight (``held``). The
    in-memory checks run here, so a bad value raises the same error naming its rows."""
    n = len(df)
    values = design_values(design, df, n)
    w = np.ones(n) if values["weights"] is None else checked_weights(values["weights"], design, df)
    keys: dict[str, Any] = {}
    # rows whose identifier is a boolean: True and 1 in two partitions are one key below
    bools = {
        f"{key}_bools": np.zeros(n, np.int64)
        if values[role] is None
        else boolean_cells(pd.Series(values[role])).astype(np.int64)
        for role, key in (("strata", "stratum"), ("psu", "psu"))
    }
    if values["strata"] is not None:
        checked_codes(values["strata"], "strata", design, df)
        keys["stratum"] = values["strata"]
    else:
        keys["stratum"] = np.zeros(n, np.intp)
    if values["psu"] is not None:
        checked_codes(values["psu"], "psu", design, df)
        keys["psu"] = values["psu"]
    f = np.full(n, np.nan) if values["fpc"] is None else checked_fpc(values["fpc"], design, df)
    sub = np.ones(n, bool) if subpop is None else subpop_mask(subpop, df, n, allow_empty=True)
    complete = _complete(df, needed)
    frame = pd.DataFrame(
        {
            **keys,
            "rows": 1,
            "fpc_min": f,
            "fpc_max": f,
            "weight": w,
            "weight_max": w,
            "sub_weight": np.where(sub, w, 0.0),
            "fit_weight": np.where(sub & complete, w, 0.0),
            "sub_rows": sub.astype(np.int64),
            "fit_rows": (sub & complete).astype(np.int64),
            "held": (sub & (w > 0) & complete).astype(np.int64),
            **bools,
        }
    )
    levels = () if subpop is None else _levels_by_side(df, needed, sub, factors)
    return _Scan(_merge_design_frames(frame, list(keys)), levels)


@dataclass(frozen=True)
class _Scan:
    """The design scan's per-PSU table, and for a subpopulation the values that the outcome
    and each factor column take inside it and outside it, as (column, inside, outside)."""

    table: pd.DataFrame
    levels: tuple = ()


# a column with more distinct values than this is no factor to name levels of (numbers kept
# as text, identifiers): its values are not gathered to the driver
_MANY_LEVELS = 1000


def _levels_by_side(df: pd.DataFrame, needed: tuple, sub: np.ndarray, factors: tuple = ()) -> tuple:
    """Each of the outcome's (``needed[0]``) and the factor columns' (text, categories,
    booleans) distinct values in the subpopulation's rows and outside them: an outcome level
    or factor level only rows outside it have is named in a refusal of with_ref, wald_test
    or new data, as in memory. Numeric predictors are left out unless the formula reads them
    only as factors (``factors``: ``C(k)``): their values are many; so is a column of more
    than ``_MANY_LEVELS`` values (None for both sides)."""
    found: list[tuple] = []
    for i, column in enumerate(needed):
        values = df[column]
        numbers = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        if i and numbers and column not in factors:
            continue
        inside: tuple | None
        outside: tuple | None
        try:
            inside = tuple(pd.unique(values[sub].dropna()))
            outside = tuple(pd.unique(values[~sub].dropna()))
        except TypeError:  # unhashable values: refused by the design itself
            inside = outside = None
        if inside is None or outside is None or len(inside) + len(outside) > _MANY_LEVELS:
            found.append((column, None, None))
        else:
            found.append((column, inside, outside))
    return tuple(found)


def _outside_only(levels: tuple) -> tuple:
    """(column, values) of the values found only outside the subpopulation, as
    :func:`mnlogit._subpop_levels.subpopulation_design` gives them in memory."""
    found = []
    for column, inside, outside in levels:
        if inside is None:
            continue
        known = set(inside)
        values = [v for v in outside if v not in known]
        if values:
            found.append((column, values))
    return tuple(found)


def _merge_levels(*parts: tuple) -> tuple:
    merged: dict[Any, tuple[dict, dict] | None] = {}
    for part in parts:
        for column, inside, outside in part:
            have = merged.setdefault(column, ({}, {}))
            if have is None or inside is None:
                merged[column] = None
                continue
            have[0].update(dict.fromkeys(inside))
            have[1].update(dict.fromkeys(outside))
            if len(have[0]) + len(have[1]) > _MANY_LEVELS:
                merged[column] = None
    return tuple(
        (c, None, None) if sides is None else (c, tuple(sides[0]), tuple(sides[1]))
        for c, sides in merged.items()
    )


@dataclass(frozen=True)
class _Refused:
    """The first partition (in row order) whose design values the in-memory checks refuse,
    and how many partitions were refused: raised by the workers, the refusal was that of
    whichever partition the scheduler ran first, naming only its rows."""

    error: DataError
    partitions: int = 1

    def refusal(self) -> DataError:
        if self.partitions == 1 or " in row" not in str(self.error):
            return self.error
        # its count of rows is that partition's, not the data's (17 'in all' of 52)
        said = str(self.error).replace(" in all)", " in that partition)")
        return type(self.error)(
            f"{said} (the rows named are those of the first partition refused; "
            f"{self.partitions - 1} later partition(s) were refused too)"
        )


def _design_scan_or_refusal(
    df: pd.DataFrame, design: SurveyDesign, subpop: str | None, needed: tuple, factors: tuple
) -> _Scan | _Refused:
    try:
        return _design_scan(df, design, subpop, needed, factors)
    except DataError as err:
        return _Refused(err)


def _merge_design_frames(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    agg = {"fpc_min": "min", "fpc_max": "max", "weight_max": "max"}
    agg = {c: agg.get(c, "sum") for c in _DESIGN_SUMS}
    return frame.groupby(keys, sort=True, dropna=False).agg(agg).reset_index()


def _refuse_text_flags(subpop: str, dtype: Any) -> None:
    """A subpopulation column of text is refused, as in memory, saying where its text comes
    from: dask's from_pandas stores a column of Python objects, True and False among them,
    as text, where the same column in memory is the booleans it holds."""
    if isinstance(dtype, pd.StringDtype):
        raise InputTypeError(
            f"subpop: {subpop!r} must be True/False for each row; got dtype {dtype} (dask's "
            "from_pandas stores a column of Python objects, True and False among them, as text "
            "unless dask.config.set({'dataframe.convert-string': False}) is in force): make it "
            f"booleans first, ddf[{subpop!r}] = ddf[{subpop!r}] == 'True' for the text "
            f"'True' and 'False', or df[{subpop!r}].astype(bool) before from_pandas; a "
            "column of codes as text ('yes' and 'no') says which rows are in through a "
            f"condition, subpop=\"{_written(subpop)} == 'yes'\""
        )


def _written(name: str) -> str:
    return name if name.isidentifier() else f"`{name}`"


def _merge_design_scans(*frames: _Scan | _Refused) -> _Scan | _Refused:
    refused = [f for f in frames if isinstance(f, _Refused)]
    if refused:
        return replace(refused[0], partitions=sum(r.partitions for r in refused))
    scans = [f for f in frames if isinstance(f, _Scan)]
    keys = [c for c in scans[0].table.columns if c not in _DESIGN_SUMS]
    table = _merge_design_frames(pd.concat([f.table for f in scans], ignore_index=True), keys)
    return _Scan(table, _merge_levels(*(f.levels for f in scans)))


def outside_outcomes(data: Any, subpop: str, outcome: str, compute: Callable) -> tuple:
    """The outcome values of the rows outside the subpopulation, over every partition."""
    import dask  # optional dependency

    if subpop in data._meta.columns:  # else an expression: any column may be used
        data = data[list(dict.fromkeys([outcome, subpop]))]
    task = dask.delayed(_outside_outcomes, pure=True)
    return compute([task(d, subpop, outcome) for d in data.to_delayed()], _union)


def _outside_outcomes(df: pd.DataFrame, subpop: str, outcome: str) -> tuple:
    inside = subpop_mask(subpop, df, len(df), allow_empty=True)
    return tuple(pd.unique(df[outcome].to_numpy()[~inside]))


def _union(*parts: tuple) -> tuple:
    return tuple(dict.fromkeys(value for part in parts for value in part))


def _in_subpop(df: pd.DataFrame, subpop: str) -> pd.DataFrame:
    """The partition's rows in the subpopulation (a boolean column or an expression)."""
    return df[subpop_mask(subpop, df, len(df), allow_empty=True)]


def _part_row_meat(part: Part, B: np.ndarray) -> np.ndarray | None:
    """The partition's sum of w_i^2 g_i g_i' (None without rows: added as nothing)."""
    if len(part.y) == 0:
        return None
    return _fisher.score_meat(part.X, part.y, part.w * part.w, B)


# a difference of sums of N products is exact to about N eps of their size: within this many
# times that, what is left of a variance is rounding
ROUNDING_MARGIN = 4.0


def uncentred_meat(
    cross: np.ndarray, sums: np.ndarray, scale: np.ndarray, info: DesignInfo
) -> tuple[np.ndarray, np.ndarray]:
    """The design-based meat from products of uncentred PSU totals (``cross``, scaled) and
    the strata's sums, as the sums a centred computation gives (see
    :func:`mnlogit._scores.design_meat`): the meat, and sums of zero.

    The rows stay in their partitions, so the totals are not centred before their products
    are summed: the meat is the difference cross - sum_h c_h S_h S_h' / n_h. Along a score
    whose every PSU total equals its stratum's mean (a sample stratified by the outcome: the
    coefficients a choice-based design fixes) that difference is rounding, 1e-16 of the
    products, which gave standard errors of 1e-8 and t statistics of 1e9 where the totals
    centred in memory give 0 (and the fit NaN with its note). Such scores' rows and columns
    of the meat are set to 0, as the centred totals make them.
    """
    centred = info.centred()
    S = sums[centred]
    meat = cross - (S * (scale[centred] / info.n_psu[centred])[:, None]).T @ S
    terms = max(int(info.n_psu.sum()), 1)
    lost = np.diag(meat) <= ROUNDING_MARGIN * terms * np.finfo(float).eps * np.diag(cross)
    meat[lost, :] = 0.0
    meat[:, lost] = 0.0
    return meat, np.zeros_like(sums)


def _scaled_by_stratum(part: Part, root_scale: np.ndarray) -> Part:
    """The partition with each weight times sqrt(c_h) of its stratum, so that PSU score sums
    come out scaled (a PSU lies in one stratum)."""
    if part.s is None:
        return part
    return part._replace(w=part.w * root_scale[part.s])
