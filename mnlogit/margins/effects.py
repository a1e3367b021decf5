"""Marginal effects (dP/dx of the raw variables) with delta-method standard errors.

Standard errors use analytic Jacobians with respect to the coefficients and the results' own
covariance (model-based, robust or cluster-robust). Under separation, what runs through a
diverging coefficient is not estimable: see :func:`diverging_columns`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._checks import (
    critical_value,
    no_t_note,
    statistic_name,
    two_sided_pvalues,
)
from .._clusters import few_clusters_note
from .._data import ModelData
from .._levels import same_level
from .._owned import owned_note
from .._penalised_notes import penalised_delta_note
from .._recession import moving_rows
from .._separation_advice import firth_advice
from .._terms import plain_column
from .._test_result import not_final
from .._wald import untestable
from ..exceptions import DataError, EstimationError, LevelError, OptionError
from . import _delta
from ._dates import date_mean, refuse_dates
from ._derivative import NoSlopeError, design_derivative
from ._discrete import discrete_variables, typical_discrete
from ._kinds import OTHER_POINTS, check_named
from ._left_out import LeftOut
from ._typical import typical_level
from ._variables import (
    Variable,
    counted_rows,
    design,
    raw_variables,
    select,
    set_column,
)

if TYPE_CHECKING:  # for annotations only: results imports this package
    from ..results import MNLogitResults

__all__ = [
    "ZERO_SE_NOTE",
    "binary_note",
    "check_final",
    "covariance_label",
    "diverging_columns",
    "estimates_note",
    "few_clusters",
    "inference_note",
    "marginal_effects",
    "means_said",
    "reading_diverging",
    "rows_averaged",
    "runs_through_separation",
    "separation_said",
]

AT = ("overall", "mean", "typical")
ZERO_SE_NOTE = (
    "{n} {what} have a standard error of zero, and so no {stat} or p-value (NaN): a probability "
    "of 0 or 1 to machine precision (values far from the data), an effect or difference that is "
    "0 whatever the coefficients (values the design does not tell apart, as x = 3 and 4 under "
    "np.maximum(x, 5)), or a design without sampling variance (a census)."
)


def separation_said(res: MNLogitResults, what: str, terms: str, stopped: str = "") -> str:
    """Why ``what``, which involve the diverging coefficients of ``terms`` (their names,
    quoted), are NaN under separation, then ``stopped`` (what the values kept are), and
    the advice the fit can follow (a sandwich fit's refit by Firth's method takes the
    model-based covariance; a survey fit's takes none)."""
    advice = firth_advice(res._data.in_memory, res.covariance, quote='"')
    return (
        f"separation: {what} that involve the diverging coefficients of {terms} are NaN: the "
        "maximum-likelihood estimates do not exist, so neither do their standard errors. "
        f"{stopped + ' ' if stopped else ''}{advice}."
    )


def diverging_columns(res: MNLogitResults) -> np.ndarray:
    """Indices of the design columns whose coefficient diverges in some equation (separation).

    Read from ``res.diverging``, the definition the standard errors, tests and summary share;
    empty for a fit without separation (and for penalised fits, which stay finite).
    """
    return np.flatnonzero(res.diverging.to_numpy(bool).any(axis=1))


def reading_diverging(res: MNLogitResults, X: np.ndarray) -> np.ndarray:
    """Which rows of the design ``X`` have predictions that separation leaves where the fit
    stopped: those whose linear predictors some separating direction moves, where the span
    of the directions is known (:func:`mnlogit._recession.moving_rows`), else those that read
    a diverging coefficient (a nonzero value in one of :func:`diverging_columns`). Which
    coefficients diverge depends on the coding (a rare baseline level makes the intercept
    diverge), which rows move does not: the rows of the other levels kept NaN standard
    errors under one coding that another gave them. A row without values (NaN) has no
    prediction, so none that the separation affects."""
    columns = diverging_columns(res)
    if not len(columns):
        return np.zeros(len(X), dtype=bool)
    moving = None if res._diverging_unchecked else moving_rows(res._data, X)
    if moving is not None:
        return moving
    return (np.nan_to_num(X[:, columns]) != 0).any(axis=1)


def runs_through_separation(res: MNLogitResults, *designs: np.ndarray, w: np.ndarray) -> bool:
    """Whether a weighted average over the rows of the ``designs`` (a margin's design, or
    also the derivative or base-level design of an effect) has rows of positive weight that
    :func:`reading_diverging` marks."""
    return any(bool(reading_diverging(res, X)[w > 0].any()) for X in designs)


def inference_note(res: MNLogitResults) -> str:
    """Why a fit gives no standard errors at all (a penalised fit), or no p-values and
    intervals (a survey design without degrees of freedom), or none for the coefficients
    one PSU or cluster determines alone, or ``""``."""
    if not res.solver.inference:
        return f"No standard errors, tests or intervals: {res.solver.note}"
    return " ".join(why for why in (no_t_note(res.df_design), owned_note(res)) if why)


def few_clusters(res: MNLogitResults) -> str:
    """The caveat of the summary on a cluster-robust covariance of few clusters, or "": the
    z statistics and intervals of margins, effects and predictions lean on many clusters as
    the coefficients' do, and a margins table said nothing of it beside z = -1054 on 2."""
    return few_clusters_note(res.covariance.needs_groups, res._data.n_clusters)


def covariance_label(res: MNLogitResults) -> str:
    """What the standard errors of margins, effects and predictions are (the header's
    Covariance line and ``attrs["covariance"]``): the fit's covariance in words, or
    ``"none"`` for a penalised fit, which gives none."""
    return res.covariance.describe(res._data) if res.solver.inference else "none"


def estimates_note(res: MNLogitResults) -> str:
    """Which estimates a penalised fit with standard errors (Firth's) computed these from, or
    ``""``: its margins and effects are those of the bias-reduced coefficients, not of the
    maximum-likelihood ones, and a table kept apart from the fit should say so."""
    if not (res.solver.penalized and res.solver.inference):
        return ""
    said = f"Computed from the {res.solver.label} estimates, not maximum-likelihood ones."
    # on separated data some of those estimates exist only through the penalty: the summary
    # and wald_test say their Wald errors are unreliable, and these errors are built on them
    penalised = penalised_delta_note(res)
    return f"{said} {penalised}" if penalised else said


def rows_averaged(data: ModelData) -> str:
    """The rows an average over the fit's rows runs over, in words: rows of weight zero are
    among the rows used but add nothing, and the note says how many."""
    if not data.weighted:
        return f"the {data.n_rows} rows used"
    zero = int(np.count_nonzero(data.w == 0))
    of_zero = f", {zero} of them of weight zero" if zero else ""
    return f"the {data.n_rows} rows used (with their {data.weight_type.label}{of_zero})"


def means_said(data: ModelData) -> str:
    """What a reference grid or a typical row holds numeric variables at: for a weighted fit
    the means weighted as the rows are averaged (the note said "their means" beside values
    that the rows' plain means, emmeans' grid, did not give)."""
    if not data.weighted:
        return "means"
    return f"means weighted by the fit's {data.weight_type.label}"


def binary_note(data: ModelData, variables: list[Variable]) -> str:
    """A note naming the numeric variables that hold only 0 and 1, or ``""``: their effect is
    the derivative dP/dx, as Stata's ``dydx(x)`` without ``i.`` and statsmodels give it,
    not the change from 0 to 1 that a factor gets (for children_present from arrays, -0.33
    beside the discrete change of -0.46 that the same model from a formula gives)."""
    binary = []
    for var in variables:
        if var.levels is not None:
            continue
        if var.column is not None:
            values = data.X[:, var.column]
        elif data.frame is not None:
            values = data.frame[var.name].to_numpy(np.float64)
        else:
            continue
        if len(values) and np.isin(values, (0.0, 1.0)).all() and np.ptp(values) == 1:
            binary.append(var.name)
    if not binary:
        return ""
    names = ", ".join(binary)
    return (
        f"Only 0 and 1 in {names}, taken as numbers: the effect is the derivative dP/dx, not "
        "the change from 0 to 1; for that, give it as a factor (C(x) in a formula, or a "
        "boolean or text column)."
    )


def check_final(res: MNLogitResults, what: str) -> None:
    """Refuse ``what`` of a fit that stopped before converging without separation.

    Its coefficients are not the estimates, so neither are probabilities or effects computed
    from them, nor their standard errors (the information away from the maximum). A fit that
    stopped for separation is served: what runs through its diverging coefficients is NaN,
    with the reason; the rest is final.
    """
    reason = not_final(res)
    if reason is None:
        return
    why, instead = reason
    raise EstimationError(
        f"{what}: the fit {why}, so its coefficients are not the estimates and {what} "
        f"computed from them would not be either; {instead}"
    )


def marginal_effects(
    res: MNLogitResults, at: str = "overall", variables: Any = None, alpha: float = 0.05
) -> pd.DataFrame:
    """dP(y = k)/dx for every outcome k (the reference included), with delta-method SEs.

    Parameters
    ----------
    res : MNLogitResults
    at : {"overall", "mean", "typical"}
        ``"overall"``: average marginal effects, the mean over the rows used of each row's
        effect, weighted by the fit's frequency or sampling weights. ``"mean"``: the effect
        at the mean of every design column, dummies and transformed columns included, as
        Stata's ``atmeans`` and statsmodels' ``at="mean"``; an interaction column is the
        mean of its products, as statsmodels has it, where Stata's ``atmeans`` multiplies
        the means of its parts (the note says so); so is a transformed column
        (``np.log(x)``, ``I(x**2)``), whose dX/dx is the mean of the rows' derivatives: the
        effect of such an x is the slope at no one value of it (the note says so too;
        ``"typical"`` takes the slope at its mean). ``"typical"``: the effect at one typical
        row, numeric variables at their weighted means and factors at their most frequent
        level (of tied levels the first in the model's order, ``C(g, levels=[...])``'s, as
        :func:`mnlogit.report.plotting.plot_probabilities` holds them).
    variables : str or list of str, optional
        Raw variables of the formula (default: all of them). For a model built from arrays,
        each design column except the intercept is a variable.
    alpha : float
        Error rate, in (0, 0.5]: the intervals are 1 - alpha Wald intervals.

    Returns
    -------
    DataFrame
        Indexed by (variable, outcome), outcomes in level order; columns ``dydx``,
        ``std_error``, ``z``, ``pvalue``, ``lower``, ``upper``. A factor (categorical, string or
        boolean variable, or a numeric one the formula encodes with ``C()``) gives one row per
        non-baseline level, labelled like formulaic's treatment columns (``"group[T.urban]"``):
        the discrete change in P from the baseline level to that level; so does a number read
        only as one computed factor's categories (``C(k % 3)``: ``"C(k % 3)[T.1]"``), as
        Stata's ``i.k3`` of ``k3 = mod(k, 3)``. A variable whose design has no derivative
        at some rows (``C(k > 4)`` at k = 4, ``np.sqrt(c)`` at 0) is left out of the table of
        every variable, the note naming it and the rows, and refused when named.
        ``attrs["at"]`` is the option, ``attrs["evaluated_at"]`` where the effects were
        evaluated (None for ``"overall"``; the design-column means for ``"mean"``; the raw
        values for ``"typical"``), ``attrs["note"]`` says so in words. Effects that run through a
        diverging coefficient (separation) are NaN, with the reason in ``attrs["note"]``.
        ``attrs["statistic"]`` is ``"t"`` for a survey fit, whose ``z`` column (named as in
        :meth:`MNLogitResults.to_frame`), p-values and intervals refer to the t distribution
        on ``attrs["df"]`` design degrees of freedom (``"z"`` and None otherwise);
        ``attrs["alpha"]`` is the error rate of the intervals, ``attrs["covariance"]`` the
        standard errors' kind (as the summary's Covariance line).

    Notes
    -----
    With g_ij = d eta_ij / dx (eta_i,ref = 0), dP_ik/dx = P_ik (g_ik - sum_j P_ij g_ij). The
    design derivative dX/dx comes from central differences at steps h_i and h_i / 2,
    h_i = 1e-3 clip(|x_i|, 1e-3 s, s) with s the variable's standard deviation, combined by
    Richardson extrapolation; where a step would leave the range a stateful transform
    (``bs()``, ``cr()``, ...) was fitted on, the one-sided three-point formula looks inward.
    At ``"mean"`` the design is the column means x-bar and dX/dx the mean of the rows'
    derivatives; a factor's change sets it to each level in every row before averaging.
    The Jacobian with respect to B is analytic; the covariance is the one of the fit.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ np.log(distance) + region", mnlogit.datasets.load("travel"),
    ...                   ref="car")
    >>> me = res.marginal_effects(at="mean")
    >>> me.attrs["at"], list(me.index.get_level_values("variable").unique())
    ('mean', ['distance', 'region[T.suburban]', 'region[T.urban]'])
    """
    if isinstance(at, dict):
        # Stata's margins, dydx(*) at(x = 10) and R's margins(at = list(...)) take values
        # here; this function takes a point only, and values go through margins()
        raise OptionError(
            f"at: expected one of {AT}; got the values {at!r}. Effects at chosen values are "
            f'res.margins(at={at!r}, kind="effect")'
        )
    check_named("at", at, AT, OTHER_POINTS)
    z = critical_value(alpha, res.df_design)
    check_final(res, "marginal effects")
    data = res._data
    B = res._core.B
    # the covariance of the coefficients the fit ran on (columns in extreme units rescaled by
    # powers of two): the user-unit covariance of a column of 1e-160 overflows
    S = res._scaled_cov[1]
    diverging = diverging_columns(res)
    available = discrete_variables(data, raw_variables(data))
    chosen = select(available, variables)
    if variables is None:
        chosen = [v for v in chosen if not v.date]
    refuse_dates(chosen, "variables")
    point = _Point(data, at)
    labels, effects, jacobians, depends = [], [], [], []
    left = LeftOut("marginal_effects", variables is not None, len(chosen))
    # Jacobians with respect to S * flat(B), whose covariance _scaled_cov is: w.r.t. flat(B),
    # that of a column in units of 1e-200 beside one in units of 1e200 passed the largest double
    scale = S[: data.p]
    batched = point.column_slopes(res, chosen, B, scale)
    for var in chosen:
        if var.name in batched:
            eff, J, dep = batched[var.name]
            labels.append(var.name)
            effects.append(eff)
            jacobians.append(J)
            depends.append(dep)
            continue
        if var.levels is None:
            try:
                X, D, w = point.slope_inputs(var, B)
            except NoSlopeError as exc:
                left.leave_out(var, exc)  # the table of the others, with a note
                continue
            eff, J = _delta.slope(X, D, w, B, scale)
            labels.append(var.name)
            effects.append(eff)
            jacobians.append(J)
            depends.append(runs_through_separation(res, X, D, w=w))
            continue
        X_base, w = point.design_at(var, var.base)
        base_p, base_rest, base_J = _delta.mean_probability(X_base, w, B)
        for i, lv in enumerate(var.levels):
            if same_level(lv, var.base):
                continue
            X_lv, _ = point.design_at(var, lv)
            p, rest, J = _delta.mean_probability(X_lv, w, B)
            labels.append(var.label(i))
            effects.append(_delta.difference(p, rest, base_p, base_rest))
            jacobians.append((J - base_J) / S)  # probabilities: no overflow
            depends.append(runs_through_separation(res, X_lv, X_base, w=w))
    if not labels:
        left.refuse_all()
        raise DataError("marginal_effects: the model has no variables to take effects of")
    order = data.coding.level_to_core  # level position -> core code
    K = len(data.levels)
    eff = np.concatenate([e[order] for e in effects])
    J = np.concatenate([j[order] for j in jacobians])
    se = _delta.delta_se(J, *res._delta_coordinates)
    nan = np.repeat(np.asarray(depends), K)
    eff[nan] = se[nan] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        zval = eff / se
    census = untestable(res)
    if census:  # a covariance of rank 0 (a census): its zeros are no divisors
        zval[:] = np.nan
    zero = se == 0
    zval[zero] = np.nan  # as in margins: est / 0 is inf (p = 0) or NaN, and no test either way
    index = pd.MultiIndex.from_tuples(
        [(lab, lv) for lab in labels for lv in data.levels], names=["variable", "outcome"]
    )
    out = pd.DataFrame(
        {
            "dydx": eff,
            "std_error": se,
            "z": zval,
            "pvalue": two_sided_pvalues(zval, res.df_design),
            "lower": eff - z * se,
            "upper": eff + z * se,
        },
        index=index,
    )
    out.attrs["at"] = at
    out.attrs["evaluated_at"] = point.evaluated_at
    # the statistic's column is named as in to_frame(): t on the design's df for a survey
    out.attrs["statistic"] = statistic_name(res.df_design)
    out.attrs["df"] = res.df_design
    out.attrs["alpha"] = float(alpha)  # the level of lower/upper, kept with the table
    out.attrs["covariance"] = covariance_label(res)  # what std_error is
    note = point.note
    left.leave_out_dates(available)
    for said in left.notes():
        note += f" {said}"
    binary = binary_note(data, chosen)
    note += f" {binary}" if binary else ""
    if any(depends):
        terms = ", ".join(repr(data.column_names[j]) for j in diverging)
        note += " " + separation_said(res, "effects", terms)
    if zero.any() and not census:  # NaN z and p-values, said why as margins() says it
        stat = statistic_name(res.df_design)
        note += " " + ZERO_SE_NOTE.format(n=int(zero.sum()), what="effect(s)", stat=stat)
    for why in (estimates_note(res), inference_note(res), census, few_clusters(res)):
        note += f" {why}" if why else ""
    out.attrs["note"] = note
    return out


class _Point:
    """Where effects are evaluated: the rows used (``"overall"``), their design means
    (``"mean"``) or one typical row (``"typical"``)."""

    def __init__(self, data: ModelData, at: str) -> None:
        self.data, self.at = data, at
        self.evaluated_at: pd.Series | None = None
        self.frame, self.X, self.w = counted_rows(data)
        if at == "overall":
            self.note = f"Effects averaged over {rows_averaged(data)}."
        elif at == "mean":
            means = _delta.weighted_mean(self.X, self.w)
            self.evaluated_at = pd.Series(means, index=list(data.column_names))
            self.note = (
                "Effects at the mean of every design column (dummies and transformed columns "
                "included), as "
            )
            products = _interactions(data)
            if products:
                # Stata's margins sets covariates, not design columns: c.x#i.g at atmeans is
                # x-bar times the share of g, where the mean of the products is taken here
                self.note += (
                    f"statsmodels' at='mean'. The interaction columns ({', '.join(products)}) "
                    "are the means of their products; Stata's atmeans builds them from the "
                    "means of their parts, so its effects differ from these."
                )
            else:
                self.note += "Stata's atmeans."
        else:
            self.frame, values = _typical_row(data)
            if self.frame is not None:
                _check_typical(data, self.frame, values)
            self.evaluated_at = pd.Series(values, dtype=object)
            self.note = (
                f"Effects at one typical row: numeric variables at their {means_said(data)}, "
                "factors at their most frequent level."
            )

    def _weights(self) -> np.ndarray:
        return np.ones(1) if self.at == "typical" else self.w

    def _collapse(self, X: np.ndarray) -> np.ndarray:
        """At ``"mean"``: the weighted mean row; otherwise the rows as they are."""
        return self._collapse_all(X) if self.at == "mean" else X

    def _collapse_all(self, X: np.ndarray) -> np.ndarray:
        return _delta.weighted_mean(X, self.w)[None, :]

    def column_slopes(
        self, res: MNLogitResults, chosen: list[Variable], B: np.ndarray, scale: np.ndarray
    ) -> dict[str, tuple[np.ndarray, np.ndarray, bool]]:
        """Average slopes (``"overall"``) of the numeric variables that are one design
        column and nothing else, all in one pass (:func:`_delta.column_slopes`): name ->
        (effects, Jacobian, whether they run through a diverging coefficient). The others,
        and the other ``at``, go one variable at a time."""
        if self.at != "overall":
            return {}
        data = self.data
        found = {}
        for var in chosen:
            if var.levels is None:
                column = var.column if var.column is not None else plain_column(data.spec, var.name)
                if column is not None:
                    found[var.name] = column
        if not found:
            return {}
        w = self._weights()
        effects, jacobians = _delta.column_slopes(self.X, list(found.values()), w, B, scale)
        rows = runs_through_separation(res, self.X, w=w)
        # the design's derivative in a column: 1 in every row's column, 0 elsewhere
        unit = np.eye(data.p)[list(found.values())]
        through = reading_diverging(res, unit)
        return {
            name: (effects[v], jacobians[v], rows or bool(through[v]))
            for v, name in enumerate(found)
        }

    def slope_inputs(
        self, var: Variable, B: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(design, dX/dx, weights) of the evaluation rows, for coefficients ``B``."""
        data = self.data
        if self.at == "typical":
            if self.frame is None:  # a model from arrays: its typical row is the design means
                X = self._collapse_all(self.X)
            else:
                X = design(data, self.frame)
        else:
            X = self.X
        D, kinked = design_derivative(data, self.frame, var, len(X), B, X)
        if kinked:
            self.note += f" {kinked}"
        if self.at == "mean":
            self._note_transformed(var, D)
            return self._collapse(self.X), self._collapse(D), np.ones(1)
        return X, D, self._weights()

    def _note_transformed(self, var: Variable, D: np.ndarray) -> None:
        """Say when ``var`` enters through a transformed column (np.log(x), I(x**2)) outside
        the interactions the note names already: that column is at its mean and its dX/dx the
        mean of the rows' derivatives, which is the slope at no one value of ``var`` (for
        np.log(x) at log x-bar, times mean(1/x)), where the note said "as Stata's atmeans"."""
        products = set(_interactions(self.data))
        # differences of a linear column carry rounding of about 1e-12 of the largest slope
        varies = np.ptp(D, axis=0) > 1e-6 * float(np.abs(D).max())
        columns = [
            name
            for j, name in enumerate(self.data.column_names)
            if varies[j] and name not in products
        ]
        if not columns:
            return
        self.note = self.note.replace(" as Stata's atmeans.", " as statsmodels' at='mean'.")
        self.note += (
            f" {var.name} enters through {', '.join(columns)}, at the column mean(s) with "
            f"dX/d{var.name} the mean of the rows' derivatives: its effect is not the slope "
            f"at any one value of {var.name}, and Stata's atmeans, which sets {var.name} at "
            "its mean and computes such columns from it, differs; at='typical' takes the "
            f"slope at the mean of {var.name}."
        )

    def design_at(self, var: Variable, level: Any) -> tuple[np.ndarray, np.ndarray]:
        """(design with factor ``var`` set to ``level`` in every row, weights)."""
        X = design(self.data, set_column(self.frame, var.name, level))
        if self.at == "mean":
            return self._collapse(X), np.ones(1)
        return X, self._weights()


def _interactions(data: ModelData) -> list[str]:
    """The design columns of terms with more than one factor (``x:g``, ``x*g``), by name."""
    spec = data.spec
    if spec is None:
        return []
    names = list(data.column_names)
    return [
        names[j]
        for term, columns in spec.term_slices.items()
        if len(term.factors) > 1
        for j in range(columns.start, columns.stop)
    ]


def _typical_row(data: ModelData) -> tuple[pd.DataFrame | None, dict]:
    """One raw row: numeric variables at their weighted means, factors at their weighted modes
    (a model from arrays has no raw variables: None and the design means)."""
    w = data.w
    if data.spec is None:
        return None, dict(zip(data.column_names, _delta.weighted_mean(data.X, w), strict=True))
    frame = data.frame.iloc[:1].copy()
    frame.index = pd.RangeIndex(1)
    values: dict[str, Any] = {}
    for var in discrete_variables(data, raw_variables(data)):
        col = data.frame[var.name]
        levels = var.levels
        if var.date:
            value: Any = date_mean(col, w)
        elif var.term:  # shown as its factor's level (C(k % 3) = 1), set as a value of k
            value, values[var.term] = typical_discrete(data, var, w)
        elif levels is None:
            value = float(_delta.weighted_mean(col.to_numpy(np.float64), w))
        else:
            value = typical_level(col, w, levels)
        values.update({} if var.term else {var.name: value})
        kept = var.levels is not None or var.date  # a number is a float, whatever its dtype
        frame[var.name] = pd.Series([value], index=frame.index, dtype=col.dtype if kept else None)
    return frame, values


def _check_typical(data: ModelData, frame: pd.DataFrame, values: dict) -> None:
    """Refuse a typical row the design cannot encode, saying which row it is: numbers at
    their means can make a computed category no row has (C(np.round(x / 3)) = 2 at the
    mean 4.9 of values near 0 and 10), which was refused as a "newdata" the user had not
    given."""
    try:
        design(data, frame)
    except (LevelError, DataError) as exc:
        shown = ", ".join(
            f"{k} = {v:.6g}" if isinstance(v, float) else f"{k} = {v!r}" for k, v in values.items()
        )
        raise type(exc)(
            f'at="typical": the typical row ({shown}: numeric variables at their means), '
            f"{str(exc).removeprefix('newdata: ')}; average the effects over the rows "
            '(at="overall"), or take them at chosen values with margins(at=..., kind="effect")'
        ) from None
