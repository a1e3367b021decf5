"""Survey designs: sampling weights, strata, primary sampling units (PSUs), finite-population
corrections and subpopulations.

:class:`SurveyDesign` is what the user gives (column names, or one value per row);
:func:`resolve_design` checks it against the data and returns a :class:`DesignInfo`, the
per-stratum facts the design-based covariance needs (PSU counts, sampling fractions), together
with the weights and the stratum and PSU codes of the rows the model uses. The covariance
itself is :class:`mnlogit.covariance.Design`.

The design is always that of every row of the data: rows outside a subpopulation, or dropped
for a missing value in a model variable, take no part in the estimates but their PSUs still
count, as in R's survey package (``subset(design, ...)``) and Stata's ``svy, subpop()``.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ._alike import warn_clusters_alike
from ._call_arity import refuse_wrong_arity
from ._checks import (
    WEIGHT_TYPES,
    WeightType,
    check_option,
    lookup_option,
)
from ._clusters import refuse_type_twins
from ._dtypes import exact_levels, missing_mask, native, refuse_dask, unmasked, usable, with_na
from ._polars import is_polars, refuse_expression
from ._survey_fpc import check_unweighted_fractions, checked_fpc, stratum_fractions
from ._survey_hints import (
    column_label,
    missing_design_column,
    number_label_hint,
    table_hint,
    tuple_label_hint,
)
from ._survey_inputs import (
    LONELY_PSU,
    LonelyPsu,
    check_psus_used,
    checked_weights,
    identifier_codes,
    ids_in_several_strata,
    lonely_refusal,
    missing_design_hint,
    role_key,
    role_name,
    row_list,
    same_role,
    shown_role,
    unhashable,
    weight_scale,
)
from ._survey_spellings import refuse_column_list, refuse_other_arguments, refuse_stata_lonely
from ._tables import listed_array, row_values
from ._weight_words import refuse_weight_type_words
from .exceptions import DataError, InputTypeError, OptionError

__all__ = [
    "LONELY_PSU",
    "DesignInfo",
    "LonelyPsu",
    "SurveyDesign",
    "resolve_design",
    "resolve_weight_type",
    "survey_design",
]


ROLES = ("weights", "strata", "psu", "fpc")


@dataclass(frozen=True)
class SurveyDesign:
    """The sampling design of survey data, as Stata's ``svyset`` or R's ``svydesign``.

    Parameters
    ----------
    weights : str or array-like, optional
        Sampling (probability) weights: the inverse of each row's inclusion probability.
        Without them every row has weight 1 (Stata's convention), and an ``fpc`` giving
        different sampling rates in different strata is refused: give the weights, N_h / n_h
        as R's ``svydesign`` derives them, or a column of ones to fit unweighted on purpose.
    strata : str or array-like, optional
        Stratum of each row; without it the sample is one stratum.
    psu : str or array-like, optional
        Primary sampling unit (cluster) of each row; without it each row is its own PSU.
        PSU identifiers are nested in strata: the same identifier in two strata is two PSUs
        (surveys often number the PSUs 1, 2, ... in every stratum).
    fpc : str or array-like, optional
        Finite-population correction, constant within a stratum: the number of PSUs in the
        stratum's population (``inf`` for none, as R reads ``Inf``: no correction), or (when
        every value is at most 1) the sampling fraction (0 for none, as R reads it).
    lonely_psu : {"fail", "adjust", "certainty", "remove", "average"}
        A stratum with a single PSU has no variance estimate of its own. ``"fail"`` (the
        default, as R's survey package) raises an error naming the stratum; ``"adjust"``
        centres its PSU total at zero, the population mean of the estimating equations, as
        ``options(survey.lonely.psu = "adjust")`` does; ``"certainty"`` and ``"remove"``
        leave the stratum out of the variance (as a PSU sampled with certainty), as R's
        options of those names do; ``"average"`` gives it the mean variance of the other
        strata the fit's rows are in. Each is R's ``survey.lonely.psu`` of that name. A
        stratum is lonely when the whole design has one PSU in it: one whose other PSUs hold
        no row of the fit (outside a subpopulation, or dropped for missing values) is not,
        and their totals of zero count in its centring, as in R's default
        (``survey.adjust.domain.lonely = FALSE``) and Stata's ``svy, subpop()``.

    Notes
    -----
    R's ``svydesign(ids = ~dnum, strata = ~stype, weights = ~pw, fpc = ~fpc, data = df)`` and
    Stata's ``svyset dnum [pweight = pw], strata(stype) fpc(fpc)`` are
    ``SurveyDesign(psu="dnum", strata="stype", weights="pw", fpc="fpc")``, the data going to
    :func:`mnlogit.fit`; a subpopulation is ``fit(..., subpop=...)``.

    Examples
    --------
    >>> import mnlogit
    >>> design = mnlogit.SurveyDesign(weights="pw", strata="stype", fpc="fpc")
    >>> design.strata
    'stype'
    """

    weights: Any = None
    strata: Any = None
    psu: Any = None
    fpc: Any = None
    lonely_psu: str = "fail"

    # help() and inspect show the arguments of __init__, not those of __new__ (set below)
    __signature__: ClassVar[inspect.Signature]

    def __new__(cls, *args: Any, **kwargs: Any) -> SurveyDesign:
        # R's and Stata's names for the arguments (ids=, probs=, repweights=) get an answer
        # that says what to write here, before __init__ would only name them
        refuse_other_arguments(kwargs, (*ROLES, "lonely_psu"))
        refuse_wrong_arity("SurveyDesign", cls.__signature__, args, kwargs)
        return super().__new__(cls)

    def __post_init__(self) -> None:
        refuse_stata_lonely(self.lonely_psu)
        check_option("lonely_psu", self.lonely_psu, LONELY_PSU)
        for role in ROLES:
            value = getattr(self, role)
            if value is None or isinstance(value, str):
                continue
            refuse_expression(value, role)
            try:  # a polars Series by its shape: numpy cannot read its 128-bit integers
                ndim = len(value.shape) if is_polars(value) else np.ndim(value)
            except ValueError:  # ragged nested lists
                ndim = -1
            if isinstance(value, (dict, set, frozenset)) or ndim != 1:
                shown = (
                    f"{type(value).__name__} {value!r}"[:120]
                    if ndim == 0
                    else f"{type(value).__name__} that is not one-dimensional"
                )
                hint = number_label_hint(role, value) or table_hint(role, value)
                raise InputTypeError(
                    f"{role} of a survey design must be a column name or one value per row (a "
                    f"list, array or Series); got {shown}{hint}"
                )

    def columns(self) -> dict[str, str]:
        """The roles given as column names: role -> column.

        Returns
        -------
        dict
            Only the roles given as a column name (not those given as values).

        Examples
        --------
        >>> import mnlogit
        >>> mnlogit.SurveyDesign(weights="pw", psu="school", strata=[1, 2]).columns()
        {'weights': 'pw', 'psu': 'school'}
        """
        return {r: getattr(self, r) for r in ROLES if isinstance(getattr(self, r), str)}

    def __eq__(self, other: object) -> bool:
        # the generated == compared the roles' tuples, asking an array for its truth value
        if not isinstance(other, SurveyDesign):
            return NotImplemented
        mine, theirs = (tuple(getattr(d, r) for r in ROLES) for d in (self, other))
        return self.lonely_psu == other.lonely_psu and all(map(same_role, mine, theirs))

    def __hash__(self) -> int:
        return hash((self.lonely_psu, *(role_key(getattr(self, r)) for r in ROLES)))

    def __repr__(self) -> str:
        given = [
            f"{r}={shown_role(getattr(self, r))}" for r in ROLES if getattr(self, r) is not None
        ]
        if not LONELY_PSU[self.lonely_psu].refuses:  # the default goes unsaid
            given.append(f"lonely_psu={self.lonely_psu!r}")
        return f"SurveyDesign({', '.join(given)})"


_init = inspect.signature(SurveyDesign.__init__)
SurveyDesign.__signature__ = _init.replace(parameters=list(_init.parameters.values())[1:])


_PER_STRATUM = ("n_psu", "domain_psus", "fraction")


class _Columns(dict):
    """A design's columns by role, read-only: ``res.design`` hands them out, and the
    covariance's label and the summary read them."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a fitted design's columns are read-only; copy them with dict() to edit")

    __setitem__ = __delitem__ = __ior__ = _refuse  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[_Columns], tuple[dict[str, str | None]]]:
        return (_Columns, (dict(self),))


@dataclass(frozen=True)
class DesignInfo:
    """The facts about a design that its variance needs, per stratum (full design).

    ``n_psu[h]`` counts the PSUs of stratum h among all rows of the design (also those
    outside a subpopulation); ``fraction[h]`` is its sampling fraction (0 without fpc);
    ``domain_psus[h]`` counts its PSUs that hold a row of the fit with positive weight (the
    others' totals are zero).
    """

    n_psu: np.ndarray  # (H,) PSUs per stratum
    domain_psus: np.ndarray  # (H,) PSUs per stratum with a used row of positive weight
    fraction: np.ndarray  # (H,) sampling fraction f_h
    strata_labels: tuple
    lonely_psu: str
    columns: dict[str, str | None]  # role -> column name (None: not given, "" : values given)
    n_rows: int  # rows of the full design
    population: float  # sum of the weights over the full design
    clustered: bool  # PSUs were given (else every row is its own PSU)
    subpop: str | None = None  # what selected the subpopulation, when one did
    subpop_size: float = field(default=float("nan"))  # sum of the weights of its rows used
    outside_levels: tuple = ()  # (column, values) of factor levels only outside the subpop
    # The fit runs on the sampling weights divided by this power of two (see weight_scale).
    weight_scale: float = 1.0
    # lonely_psu="average": the strata the fit's rows are in over those of more than one PSU
    averaging: float = 1.0
    # PSU identifiers found in more than one stratum, each a PSU there (R's nest = TRUE)
    crossed: int = 0

    def __post_init__(self) -> None:
        # res.design hands these out, and the design-based covariance reads them when the
        # standard errors are first asked for: an edit must not reach the fit's numbers
        for name in _PER_STRATUM:
            values = np.array(getattr(self, name))
            values.setflags(write=False)
            object.__setattr__(self, name, values)
        object.__setattr__(self, "columns", _Columns(self.columns))

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)  # pickle and deepcopy make arrays writable again
        self.__post_init__()

    @property
    def n_strata(self) -> int:
        """Number of strata (1 without strata)."""
        return len(self.n_psu)

    @property
    def n_psu_total(self) -> int:
        """Number of PSUs over all strata."""
        return int(self.n_psu.sum())

    @property
    def df(self) -> int:
        """Design degrees of freedom: #PSU - #strata."""
        return self.n_psu_total - self.n_strata

    def rank_bound(self) -> int:
        """The rank of the design-based covariance at most: the number of independent
        restrictions a Wald test can have.

        Stratum h's centred PSU totals span at most min(m_h, n_h - 1) dimensions, with m_h
        its PSUs holding rows of the fit (the others' totals are zero), one for a lonely PSU,
        none in a census stratum (f_h = 1). The estimating equations sum to zero over the
        rows of the fit, so all the totals together span at most sum m_h - 1, unless some of
        those rows lie in census strata. Without a subpopulation this is the design df
        (plus one per lonely PSU); a subpopulation in a few PSUs has far fewer, and a Wald
        statistic of more restrictions divides by a zero of R V R' that rounding may leave
        nonzero (chi2 of 1e15).
        """
        m = self.domain_psus
        left_out = self.left_out()
        per = np.where(self.n_psu > 1, np.minimum(m, self.n_psu - 1), m)
        bound = int(per[~left_out].sum())
        if not (m[left_out] > 0).any():
            bound = min(bound, int(m.sum()) - 1)
        return max(bound, 0)

    @property
    def lonely(self) -> LonelyPsu:
        """What ``lonely_psu`` does with a stratum of a single PSU (see :data:`LONELY_PSU`)."""
        return LONELY_PSU[self.lonely_psu]

    def left_out(self) -> np.ndarray:
        """Strata that add nothing to the variance: sampled in full (f_h = 1), or of a single
        PSU under ``lonely_psu`` "certainty" or "remove"."""
        lonely = (self.n_psu == 1) & (not self.lonely.in_variance)
        return (self.fraction >= 1.0) | lonely

    def scale(self) -> np.ndarray:
        """Per stratum (1 - f_h) n_h / (n_h - 1); for a lonely PSU (1 - f_h), or 0 when
        ``lonely_psu`` is "certainty", "remove" or "average" (which multiplies every other
        stratum's by ``averaging``)."""
        n = self.n_psu.astype(np.float64)
        lonely = 1.0 if self.lonely.in_variance else 0.0
        ratio = np.divide(n, n - 1, out=np.full_like(n, lonely), where=n > 1)
        return (1.0 - self.fraction) * ratio * self.averaging

    def centred(self) -> np.ndarray:
        """Strata whose PSU totals are centred at their mean (all but lonely PSUs)."""
        return self.n_psu > 1

    def describe(self) -> str:
        """One line for the covariance label: strata, PSUs, fpc."""
        parts = []
        if self.n_strata > 1 or self.columns.get("strata") is not None:
            parts.append(f"{self.n_strata} {'stratum' if self.n_strata == 1 else 'strata'}")
        parts.append(f"{self.n_psu_total} PSUs" if self.clustered else "PSU = row")
        if self.columns.get("fpc") is not None:
            parts.append("fpc")
        return ", ".join(parts)


# the roles that hold numbers (the others hold identifiers)
_NUMBERS = ("weights", "fpc")


def design_values(
    design: SurveyDesign, data: pd.DataFrame | None, n: int
) -> dict[str, np.ndarray | None]:
    """Each role's values for all ``n`` rows: a named column of ``data``, or the values given
    (a Series matched by the data's index)."""
    out: dict[str, np.ndarray | None] = {}
    for role in ROLES:
        value = getattr(design, role)
        if value is None:
            out[role] = None
            continue
        if isinstance(value, str):
            if data is None or data.columns.empty:  # arrays: a frame of y's index only
                raise InputTypeError(
                    f"{role}: a column name ({value!r}) needs the data as a DataFrame "
                    "(mnlogit.fit(formula, data, ...)); with arrays, pass one value per row"
                )
            label = column_label(data.columns, value, role)
            if label is None:
                raise missing_design_column(role, value, data.columns)
            column = usable(data[label], value, role)
            # a number's <NA> stays <NA> in the message that quotes it
            out[role] = with_na(column) if role in _NUMBERS else column.to_numpy()
            continue
        refuse_dask(value, role)
        value = row_values(unmasked(value), role)  # masked cells are missing, as NaN
        if isinstance(value, pd.Series) and data is not None and not value.index.equals(data.index):
            if not (
                value.index.is_unique and len(value) == n and value.index.isin(data.index).all()
            ):
                raise DataError(
                    f"{role}: the Series' index does not match the data's index one to one; "
                    "pass a column name, an array in the data's row order, or a Series with "
                    "its index"
                )
            value = value.reindex(data.index)
        a = listed_array(value)  # a list's text as objects: numpy's drops trailing NULs
        if a.ndim != 1 or len(a) != n:
            if data is not None:
                refuse_column_list(role, value, data.columns)
            raise DataError(
                f"{role}: expected one value per row of the data ({n}); got shape {a.shape}"
                + tuple_label_hint(role, value, None if data is None else data.columns)
            )
        out[role] = native(with_na(value) if role in _NUMBERS else a)
    # identifiers in long double: as float64, which pandas hashes them as, or refused
    return {r: v if r in _NUMBERS else exact_levels(v, r, r) for r, v in out.items()}


def checked_codes(
    values: np.ndarray, role: str, design: SurveyDesign, data: pd.DataFrame | None
) -> tuple[np.ndarray, tuple]:
    s = pd.Series(values)
    missing = missing_mask(s)
    if missing.any():
        raise DataError(
            f"{role_name(design, role)} has missing values in {row_list(missing, data)}"
            + missing_design_hint("stratum" if role == "strata" else "PSU")
        )
    try:
        codes, uniques = identifier_codes(s)
    except TypeError:  # found only then: a loop over the rows costs seconds on millions
        odd = unhashable(s.to_numpy())
        if not odd.any():
            raise
        first = s.to_numpy()[odd][0]
        raise InputTypeError(
            f"{role_name(design, role)} holds {type(first).__name__} values ({first!r:.60}) in "
            f"{row_list(odd, data)}; {'strata' if role == 'strata' else 'PSUs'} are identified "
            "by single values (numbers, text, dates): convert the column first, e.g. "
            ".astype(str)"
        ) from None
    refuse_type_twins(
        role_name(design, role),
        "strata" if role == "strata" else "PSUs",
        uniques,
        lambda i, j: f" in {row_list((codes == i) | (codes == j), data)}",
        column=s,
    )
    column = getattr(design, role)
    many, one = ("strata", "stratum") if role == "strata" else ("PSUs", "PSU")
    warn_clusters_alike(uniques, column if isinstance(column, str) else None, role, many, one)
    return codes.astype(np.intp), tuple(uniques)


@dataclass(frozen=True)
class ResolvedDesign:
    """A design checked against the data: its facts and the used rows' weights and codes."""

    info: DesignInfo
    weights: np.ndarray  # (n_used,) sampling weights divided by info.weight_scale
    strata: np.ndarray  # (n_used,) stratum codes
    psu: np.ndarray | None  # (n_used,) PSU codes, nested in strata (None: PSU = row)


def resolve_design(
    design: SurveyDesign,
    data: pd.DataFrame | None,
    n: int,
    used: np.ndarray,
    *,
    subpop: str | None = None,
    subpop_rows: np.ndarray | None = None,
    outside_levels: tuple = (),
) -> ResolvedDesign:
    """Check ``design`` on all ``n`` rows and return it with the ``used`` rows' values.

    ``used``: positions of the rows the model is fitted on; ``subpop_rows``: the
    subpopulation's mask (given: its size is that of its ``used`` rows), ``subpop`` a
    description of it, ``outside_levels`` its factors' levels found only outside it.
    """
    values = design_values(design, data, n)
    raw_w = values["weights"]
    w = np.ones(n) if raw_w is None else checked_weights(raw_w, design, data)
    if values["strata"] is None:
        strata, labels = np.zeros(n, np.intp), ("(one stratum)",)
    else:
        strata, labels = checked_codes(values["strata"], "strata", design, data)
    H = len(labels)
    # rows of the fit with positive weight: a PSU without one has a total of zero
    held = used[w[used] > 0]
    crossed = 0
    if values["psu"] is None:
        psu = None
        n_psu = np.bincount(strata, minlength=H)
        domain_psus = np.bincount(strata[held], minlength=H)
    else:
        psu_raw, _ = checked_codes(values["psu"], "psu", design, data)
        # nested in strata: a PSU is a (stratum, identifier) pair
        pairs = pd.MultiIndex.from_arrays([strata, psu_raw])
        psu, uniques = pd.factorize(pairs, sort=True)
        psu = psu.astype(np.intp)
        crossed = ids_in_several_strata(uniques.get_level_values(1))
        psu_stratum = uniques.get_level_values(0).to_numpy(np.intp)
        n_psu = np.bincount(psu_stratum, minlength=H)
        domain_psus = np.bincount(psu_stratum[np.unique(psu[held])], minlength=H)
    fraction = np.zeros(H)
    if values["fpc"] is not None:
        f = checked_fpc(values["fpc"], design, data)
        lo, hi = np.full(H, np.inf), np.full(H, -np.inf)
        np.minimum.at(lo, strata, f)
        np.maximum.at(hi, strata, f)
        fraction = stratum_fractions(lo, hi, n_psu, labels, design)
    used_strata = strata[used]
    check_psus_used(int(domain_psus.sum()), subpop)
    present = np.zeros(H, bool)
    present[used_strata] = True
    info = design_info(
        design,
        labels=labels,
        n_psu=n_psu,
        domain_psus=domain_psus,
        fraction=fraction,
        present=present,
        n_rows=n,
        population=float(w.sum()),
        clustered=psu is not None,
        subpop=subpop,
        # the rows the domain's estimates describe: a row dropped for a missing value is
        # outside it, as R's svyglm treats it (so "Subpop. size" pairs with its rows used)
        subpop_size=float(w[used].sum()) if subpop_rows is not None else float("nan"),
    )
    scale = weight_scale(float(w[used].sum()), len(used))
    info = replace(info, weight_scale=scale, crossed=crossed, outside_levels=outside_levels)
    return ResolvedDesign(info, w[used] / scale, used_strata, None if psu is None else psu[used])


def design_info(
    design: SurveyDesign,
    *,
    labels: tuple,
    n_psu: np.ndarray,
    domain_psus: np.ndarray,
    fraction: np.ndarray,
    present: np.ndarray,
    n_rows: int,
    population: float,
    clustered: bool,
    subpop: str | None,
    subpop_size: float,
) -> DesignInfo:
    """The :class:`DesignInfo` of per-stratum facts, after refusing (``lonely_psu="fail"``)
    a stratum with a single PSU among those the model's rows are in (``present``)."""
    lonely = (n_psu == 1) & (fraction < 1.0)
    if LONELY_PSU[design.lonely_psu].refuses and (lonely & present).any():
        raise lonely_refusal(design, labels, lonely & present, domain_psus, n_psu)
    check_unweighted_fractions(design, fraction, labels)
    averaging = _averaging(design, lonely, present) if LONELY_PSU[design.lonely_psu].averaged else 1
    columns = {
        role: (getattr(design, role) if isinstance(getattr(design, role), str) else "")
        if getattr(design, role) is not None
        else None
        for role in ROLES
    }
    return DesignInfo(
        n_psu=np.asarray(n_psu, dtype=np.intp),
        domain_psus=np.asarray(domain_psus, dtype=np.intp),
        fraction=np.asarray(fraction, dtype=np.float64),
        strata_labels=tuple(labels),
        lonely_psu=design.lonely_psu,
        columns=columns,
        n_rows=n_rows,
        population=population,
        clustered=clustered,
        subpop=subpop,
        subpop_size=subpop_size,
        averaging=averaging,
    )


def _averaging(design: SurveyDesign, lonely: np.ndarray, present: np.ndarray) -> float:
    """What ``lonely_psu="average"`` multiplies the strata's variance by: the strata the fit's
    rows are in over those of them with more than one PSU, as survey:::onestage does."""
    others = int((present & ~lonely).sum())
    if others == 0:
        raise DataError(
            f"lonely_psu='average': every stratum of {role_name(design, 'strata')} that the fit's "
            "rows are in has a single PSU, so there is no other stratum's variance to average; "
            "merge strata, or use lonely_psu='adjust' (PSU totals centred at zero)"
        )
    return int(present.sum()) / others


def resolve_weight_type(weight_type: str | None, design: Any) -> WeightType:
    """The weight type a fit uses: ``weight_type``, or (None) probability weights with a
    survey design and frequency weights without one."""
    if design is not None and not isinstance(design, SurveyDesign):
        raise InputTypeError(
            f"design: expected a mnlogit.SurveyDesign(weights=, strata=, psu=, fpc=); got "
            f"{type(design).__name__}"
        )
    if weight_type is None:
        return WEIGHT_TYPES["probability" if design is not None else "frequency"]
    refuse_weight_type_words(weight_type, WEIGHT_TYPES)
    kind = lookup_option("weight_type", weight_type, WEIGHT_TYPES)
    if design is not None and not kind.design_based:
        raise OptionError(
            f"weight_type={weight_type!r} cannot be combined with design=: the weights of a "
            "survey design are probability (sampling) weights; leave weight_type unset"
        )
    return kind


def survey_design(design: SurveyDesign | None, weights: Any) -> SurveyDesign:
    """The design of a survey fit: ``design`` (or none: one stratum, each row its own PSU)
    with the sampling weights given to ``fit(weights=...)``."""
    spec = design if design is not None else SurveyDesign()
    if weights is not None:
        if spec.weights is not None:
            raise OptionError(
                "weights are given twice, as weights= and as design.weights; give them once"
            )
        spec = replace(spec, weights=weights)
    return spec
