"""The result of :func:`mnlogit.margins.predictive.margins`: a tidy table, contrasts, renderings."""

from __future__ import annotations

import reprlib
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._checks import critical_value, statistic_name, two_sided_pvalues
from .._immutable import Immutable
from .._levels import same_level
from .._linalg import in_basis
from .._other_options import answering_other_options
from ..exceptions import ColumnNotFoundError, DataError
from ..report._format import value_label
from ..report.marginsplot import plot_margins
from . import _delta, _rounding, _undetermined
from ._at_values import in_data_dtypes
from ._contrast_terms import (
    MAX_COMBINATIONS,
    UNADJUSTED,
    check_method,
    check_size,
    default_reference,
    find,
    operand,
    pair_bounds,
    partners,
    unadjusted,
)
from ._kinds import MarginKind, margin_kind
from ._names import near_name
from ._rendering import html_table, text
from ._unconditional import DEFAULT_VCE, Sampled
from .effects import ZERO_SE_NOTE, separation_said

if TYPE_CHECKING:  # for annotations only: matplotlib is imported when a figure is drawn
    from matplotlib.figure import Figure, SubFigure

    from ..results import MNLogitResults

__all__ = ["MAX_COMBINATIONS", "Margins", "separation_note", "value_label"]


# What a separation note says is NaN in margins of probabilities, and in their contrasts. A
# margin is a level, kept at the fit's value as predict() keeps a probability; a difference
# of margins is a change, NaN where it runs through a diverging coefficient as the discrete
# change of marginal_effects() is, the same number (region BC less region Atlantic averaged
# over the rows was 0.3072 here and NaN there).
LEVELS_NAN = "standard errors and intervals of margins"
CHANGES_NAN = "differences of margins"
# ... and what those levels are: predict() warns that such rows' probabilities are where the
# fit stopped, while margins averaging the same predictions said only that their standard
# errors were NaN (Pr(C) with g set to a level that never has C was 4.9e-05, whose limit is 0)
LEVELS_STOPPED = (
    "The estimates of those margins are where the fit stopped, not values the data "
    "determine (other separating directions give others)."
)


def separation_note(res: MNLogitResults, kind: MarginKind, terms: str) -> str:
    """What a table of margins of ``kind`` says of those that read the diverging
    coefficients ``terms`` (their names, quoted): effects are NaN, probabilities keep the
    value where the fit stopped, without a standard error."""
    if kind.effects:
        return separation_said(res, "effects", terms)
    return separation_said(res, LEVELS_NAN, terms, stopped=LEVELS_STOPPED)


OVERFLOW_SE_NOTE = (
    "{n} margin(s) have no standard error (NaN): their derivatives with respect to the "
    "coefficients pass the largest double at values this far from the data; set values "
    "nearer the data."
)


class Margins(Immutable):
    """Margins with delta-method standard errors: what :meth:`MNLogitResults.margins` returns.

    Each row of :meth:`to_frame` is one margin: the values it was computed at (one column per
    variable set by ``at``/``over``; ``variable`` for effects), the ``outcome``, then
    ``estimate``, ``std_error``, ``z`` (holding t statistics for a survey fit, as
    ``to_frame()`` of the fit does), ``pvalue`` (of estimate = 0) and the ``1 - alpha`` Wald
    interval ``lower``, ``upper``. The Jacobian of every margin with respect to the
    coefficients is kept, so :meth:`contrast` gives differences with exact standard errors.
    Immutable, as the results are: ``keys``, ``jacobian`` and ``notes`` are handed out as
    copies, which the caller may change.

    Attributes
    ----------
    keys : DataFrame
        The values each margin was computed at, and its outcome.
    jacobian : ndarray
        d margin / d coefficients, one row per margin (columns in ``cov_params()`` order).
    alpha : float
        Error rate of the intervals, in (0, 0.5].
    title, notes : str, list of str
        What the margins are and how they were computed.
    kind : {"prob", "effect"}
        Probabilities or marginal effects.
    contrasted : bool
        Whether these are differences made by :meth:`contrast`.
    df : float or None
        A survey design's degrees of freedom (t-based tests and intervals), else None.
    vce : {"delta", "unconditional"}
        Whether the standard errors hold the covariates fixed or count them as sampled.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ np.log(distance) + region", mnlogit.datasets.load("travel"),
    ...                   ref="car")
    >>> m = res.margins(over="region")
    >>> list(m.to_frame().columns[:2])
    ['region', 'outcome']
    >>> m.contrast("region", "reference").to_frame()["region"].unique().tolist()
    ['suburban - rural', 'urban - rural']
    """

    # set once in __init__ (see Immutable)
    _keys: pd.DataFrame
    _jacobian: np.ndarray
    _complement: np.ndarray | None
    _cov: np.ndarray
    _cov_scale: np.ndarray | None
    _basis: np.ndarray | None
    _depends: np.ndarray
    _nan_estimates: bool
    _given_notes: tuple[str, ...]
    _notes: tuple[str, ...]
    _stats: pd.DataFrame
    alpha: float
    title: str
    outcomes: tuple
    outcome_name: str
    covariance: str
    kind: str
    contrasted: bool
    df: float | None
    _baselines: dict[str, tuple[Any, str]]
    _rounding: tuple[np.ndarray, np.ndarray]
    _designs: np.ndarray
    _exact: np.ndarray
    _factors: tuple[str, ...]
    _family: tuple[tuple[str, int], ...]
    _sampled: Sampled | None = None  # the covariance of vce="unconditional"
    _undetermined: np.ndarray  # margins (or differences of them) the delta method fails
    vce: str = DEFAULT_VCE

    def __init__(
        self,
        *,
        keys: pd.DataFrame,
        estimate: np.ndarray,
        scaled_jacobian: np.ndarray,
        complement: np.ndarray | None = None,
        cov: np.ndarray,
        cov_scale: np.ndarray | None = None,
        basis: np.ndarray | None = None,
        depends: np.ndarray,
        nan_estimates: bool,
        alpha: float,
        title: str,
        notes: list[str],
        outcomes: tuple,
        outcome_name: str,
        covariance: str,
        kind: str = "prob",
        contrasted: bool = False,
        df: float | None = None,
        baselines: dict[str, tuple[Any, str]] | None = None,
        rounding: tuple[np.ndarray, np.ndarray] | None = None,
        designs: np.ndarray | None = None,
        exact: np.ndarray | None = None,
        factors: tuple[str, ...] = (),
        family: tuple[tuple[str, int], ...] = (),
        sampled: Sampled | None = None,
        undetermined: np.ndarray | None = None,
    ) -> None:
        # Immutable, as the results: contrasts read the keys, the Jacobian and alpha back,
        # so what is handed out (keys, jacobian, notes) are copies, and nothing is set after
        # d margin / d (cov_scale * b), whose covariance ``cov`` is (MNLogitResults._scaled_cov):
        # d / db of a column in units of 1e-200 beside one in units of 1e200 passes the doubles
        jacobian = np.array(scaled_jacobian, dtype=np.float64)
        self._set(_keys=keys.copy(), _jacobian=jacobian)
        # 1 - estimate summed from the other outcomes (margins of probabilities): contrasts
        # of margins near 1 are differences of these
        self._set(_complement=complement)
        # given ``basis`` T, ``cov`` is that of the coefficients T maps to cov_scale * b (see
        # MNLogitResults._delta_coordinates)
        self._set(_cov=cov, _cov_scale=cov_scale, _basis=basis, _depends=depends)
        self._set(_nan_estimates=nan_estimates, alpha=alpha, title=title)
        self._set(_given_notes=tuple(notes))  # without this table's own: contrasts redo them
        self._set(outcomes=outcomes, outcome_name=outcome_name, covariance=covariance)
        self._set(kind=kind, contrasted=contrasted)
        self._set(df=df)  # a survey design's degrees of freedom: t-based tests and intervals
        # column -> (the value the fit measures it against, whence), the default reference of
        # contrast(..., "reference"): a factor's treatment baseline, the fit's reference outcome
        self._set(_baselines=dict(baselines or {}))
        # the columns of a factor's levels, written as its effects' labels write them
        self._set(_factors=tuple(factors))
        # (variable, pairs) of each contrast that made these: one family of multiple tests
        self._set(_family=tuple(family))
        self._set(_sampled=sampled, vce=DEFAULT_VCE if sampled is None else sampled.vce)
        notes = list(notes)
        z = critical_value(alpha, df)
        est = np.array(estimate, dtype=np.float64)
        se = _delta.delta_se(jacobian, cov, basis)
        if sampled is not None:  # the covariates counted as sampled (vce="unconditional")
            se = sampled.se(se)
        se[depends] = np.nan
        loose = np.zeros(len(est), bool) if undetermined is None else np.array(undetermined)
        self._set(_undetermined=loose & ~np.asarray(depends, dtype=bool))
        if self._undetermined.any():
            se[self._undetermined] = np.nan
            n = int(self._undetermined.sum())
            notes.append(_undetermined.said(n, contrasted, alpha, margin_kind(kind).effects))
        # a Jacobian past the largest double has a NaN standard error (delta_se); say why
        overflowed = ~np.isfinite(jacobian).all(axis=1) & ~np.asarray(depends, dtype=bool)
        overflowed &= np.isfinite(est)
        if overflowed.any():
            notes.append(OVERFLOW_SE_NOTE.format(n=int(overflowed.sum())))
        if rounding is None:  # margins: bounds from their own values; contrasts pass theirs
            rounding = _rounding.bounds(
                est, complement, in_basis(jacobian, basis), cov, margin_kind(kind).rounding
            )
        self._set(_rounding=rounding)
        # each margin's design checksum, and whether a difference is 0 whatever the
        # coefficients (a margin is not): without checksums no standard error of 0 is
        # taken for rounding
        n_rows = len(est)
        self._set(_designs=np.zeros(n_rows, np.int64) if designs is None else designs)
        self._set(_exact=np.full(n_rows, designs is None) if exact is None else exact)
        if contrasted:
            no_se, zero = _rounding.unsupported(est, se, *rounding, self._exact)
            no_se &= ~np.asarray(depends, dtype=bool)
            if no_se.any():
                se[no_se] = np.nan
                est[zero & no_se] = 0.0
                n_zero = int((zero & no_se).sum())
                said = _rounding.ZERO_CLAUSE.format(n=n_zero) if n_zero else ""
                notes.append(_rounding.ROUNDING_NOTE.format(n=int(no_se.sum()), zero=said))
        if nan_estimates:
            est[depends] = np.nan
        with np.errstate(divide="ignore", invalid="ignore"):
            zval = est / se
        # a standard error of exactly zero (a probability of 0 or 1 to machine precision, or
        # a design without sampling variance) gives no test: est / 0 is inf or NaN, p 0 or NaN
        untestable = se == 0
        zval[untestable] = np.nan
        if untestable.any():
            stat = statistic_name(df)
            notes.append(ZERO_SE_NOTE.format(n=int(untestable.sum()), what="margin(s)", stat=stat))
        stats = pd.DataFrame(
            {
                "estimate": est,
                "std_error": se,
                "z": zval,
                "pvalue": two_sided_pvalues(zval, df),
                "lower": est - z * se,
                "upper": est + z * se,
            }
        )
        if len(stats) and stats["pvalue"].isna().all():
            # no p-value to adjust (a census): the note on multiplicity would speak of none
            notes = [n for n in notes if not n.startswith(UNADJUSTED)]
        self._set(_notes=tuple(notes), _stats=stats)

    @property
    def keys(self) -> pd.DataFrame:
        """The values each margin was computed at, and its outcome: a copy, to change freely.

        Examples
        --------
        >>> import mnlogit
        >>> travel = mnlogit.datasets.load("travel")
        >>> m = mnlogit.fit("mode ~ parking", travel, ref="car").margins(at={"parking": [0, 5]})
        >>> labels = m.keys
        >>> labels["parking"] = labels["parking"].map("{:g} EUR".format)  # for a plot
        >>> m.keys["parking"].tolist() == [0, 0, 0, 0, 5, 5, 5, 5]
        True
        """
        return self._keys.copy()

    @property
    def jacobian(self) -> np.ndarray:
        """d margin / d coefficients: a copy, one row per margin, columns as ``cov_params()``.

        Examples
        --------
        >>> import mnlogit
        >>> fit = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> fit.margins().jacobian.shape  # 4 outcomes' averaged probabilities
        (4, 6)
        """
        with np.errstate(over="ignore"):  # inf past the largest double, as in cov_params()
            return self._jacobian * (1.0 if self._cov_scale is None else self._cov_scale)

    @property
    def notes(self) -> list[str]:
        """How the margins were computed and why cells are NaN: a copy, to change freely.

        Examples
        --------
        >>> from mnlogit import datasets, fit
        >>> notes = fit("mode ~ parking", datasets.load("travel")).margins().notes
        >>> type(notes).__name__
        'list'
        """
        return list(self._notes)

    @property
    def at_columns(self) -> list[str]:
        """The columns of the values the margins were computed at.

        ``variable`` comes first for effects.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.margins(at={"parking": [0, 5]}).at_columns
        ['parking']
        """
        return [c for c in self._keys.columns if c != "outcome"]

    @answering_other_options
    def to_frame(self) -> pd.DataFrame:
        """The tidy table: one row per (outcome, combination of the values).

        Returns
        -------
        DataFrame
            The ``at``/``over`` values (a Categorical column of the data keeps its dtype;
            ``variable`` for effects), ``outcome``,
            ``estimate``, ``std_error``, ``z``, ``pvalue``, ``lower``, ``upper``; for a
            survey fit ``z`` holds t statistics (the column keeps its name, as in
            :meth:`MNLogitResults.to_frame`), and the tests and intervals refer to t on
            ``attrs["df"]`` design degrees of freedom (the text table heads the column
            ``t``). ``attrs["statistic"]`` says which (``"t"`` or ``"z"``),
            ``attrs["alpha"]`` is the error rate of the intervals, ``attrs["covariance"]``
            the standard errors' kind (the header's Covariance line), ``attrs["vce"]``
            whether they hold the covariates fixed (``"delta"``) or count them as sampled
            (``"unconditional"``); ``attrs["note"]``
            holds the notes (where the margins were evaluated, and why cells are NaN), as
            ``marginal_effects()``'s table does.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.margins(at={"parking": [0, 5]}).to_frame().shape
        (8, 8)
        """
        frame = pd.concat([self._keys, self._stats], axis=1)
        frame.attrs["statistic"] = statistic_name(self.df)
        frame.attrs["df"] = self.df
        frame.attrs["alpha"] = self.alpha  # the level of lower/upper, kept with the table
        frame.attrs["covariance"] = self.covariance  # what std_error is, as to_frame() says
        frame.attrs["vce"] = self.vce
        # why cells are NaN (separation, no design df, ...), for a table kept apart
        frame.attrs["note"] = " ".join(self._notes)
        return frame

    # --- contrasts --------------------------------------------------------------------------
    @answering_other_options
    def contrast(self, var: str, method: str = "pairwise", ref: Any = None) -> Margins:
        """Differences between the margins at the values of ``var``, with their tests.

        Parameters
        ----------
        var : str
            A variable set by ``at`` or ``over`` with at least two values, or ``"outcome"``:
            differences between the outcomes' margins at the same values (Pr(bus) -
            Pr(car), emmeans' ``pairs`` over the response of a multinomial model).
        method : {"pairwise", "reference"}
            ``"pairwise"``: every pair, earlier value minus later one (emmeans' ``pairs``), at
            most 10,000 pairs (those of 141 values);
            ``"reference"``: every value minus the reference (Stata's ``r.`` operator,
            emmeans' ``trt.vs.ctrl``).
        ref : value, optional
            The reference of ``"reference"``. By default the one the fit's coefficients
            are measured against: the fit's reference outcome for ``"outcome"``, a factor's
            treatment baseline (``C(g, Treatment("b"))``'s ``"b"``, else its first level);
            the first value where that is not among the values (a numeric variable, a
            contrast of contrasts). The labels (``"b - a"``) show it, and a note names it
            where it is not the first value. emmeans' ``trt.vs.ctrl`` takes the
            first level, which is the baseline in R, where the baseline is the first level.

        Returns
        -------
        Margins
            The ``var`` column holds labels such as ``"urban - rural"``; p-values are not
            adjusted for multiple comparisons, and a note gives the size of each family
            (the differences of a contrast of contrasts are one, as emmeans' interaction
            contrasts count them) and so Bonferroni's factor. Under separation a
            difference that runs through a diverging coefficient is NaN, estimate included,
            as the discrete change of :meth:`MNLogitResults.marginal_effects` is (the
            margins themselves keep their fitted values, with NaN standard errors).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> c = res.margins(at={"parking": [0, 2, 5]}).contrast("parking", "pairwise")
        >>> c.to_frame()["parking"].unique().tolist()
        ['0 - 2', '0 - 5', '2 - 5']
        >>> m = res.margins(at={"parking": 0}).contrast("outcome", "reference", ref="car")
        >>> m.to_frame()["outcome"].tolist()
        ['bus - car', 'train - car', 'walk - car']
        """
        check_method(method)
        var = self._set_column(var, "contrast", outcome=True)
        keys = self._keys
        values = list(dict.fromkeys(keys[var]))
        if len(values) < 2:
            raise DataError(f"contrast: {var!r} takes only one value here; nothing to compare")
        chosen: list[str] = []  # the note naming a default reference
        if method == "pairwise":
            if ref is not None:
                raise DataError('contrast: ref is used with method="reference" only')
            check_size(len(values), len(keys), var)
            pairs = [(a, b) for i, a in enumerate(values) for b in values[i + 1 :]]
        else:
            if ref is None:
                base, chosen = default_reference(self._baselines, var, values)
            else:
                base = find(values, ref, var)
            pairs = [(v, base) for v in values if not same_level(v, base)]
        others = [c for c in keys.columns if c != var]
        position = {v: i for i, v in enumerate(values)}
        # each margin's own value: Series.map of a Categorical maps its categories, and one
        # no margin has (a factor's unused level) was refused as not among the values
        codes = np.array([position[find(values, v, var)] for v in keys[var].tolist()])
        # the other values of each margin, column by column: joined into one text, the levels
        # ('a', 'b\x1fc') and ('a\x1fb', 'c') read alike and were paired with each other
        group = list(keys[others].astype(str).itertuples(index=False, name=None))
        rows, est, jac, dep, pair_rows, loose = [], [], [], [], [], []
        for a, b in pairs:
            ia = np.flatnonzero(codes == position[a])
            ib = partners(group, np.flatnonzero(codes == position[b]), var)
            for i in ia:
                j = ib.get(group[i])
                if j is None:
                    continue
                row = keys.iloc[i].to_dict()
                level = var in self._factors or var == "outcome"
                row[var] = f"{operand(a, level)} - {operand(b, level)}"
                rows.append(row)
                est.append(self._difference(int(i), int(j)))
                with np.errstate(invalid="ignore"):  # inf - inf: no standard error, noted
                    jac.append(self._jacobian[i] - self._jacobian[j])
                dep.append(self._depends[i] or self._depends[j])
                loose.append(self._undetermined[i] or self._undetermined[j])
                pair_rows.append((int(i), int(j)))
        kind = "pairwise differences" if method == "pairwise" else "differences from the reference"
        # outcomes contrasted (emmeans' pairs over the response): the labels are the outcomes
        between = var == "outcome"
        # the checksums of the differences' designs, and which are 0 whatever the coefficients
        index = np.array(pair_rows, dtype=np.intp).reshape(-1, 2)
        designs, exact = _rounding.same_design(self._designs, self._exact, index, between)
        family = (*self._family, (var, len(pairs)))
        return Margins(
            # the values not contrasted keep their dtype (a Categorical's categories)
            keys=in_data_dtypes(pd.DataFrame(rows, columns=list(keys.columns)), keys),
            estimate=np.array(est),
            scaled_jacobian=np.array(jac),
            cov=self._cov,
            cov_scale=self._cov_scale,
            basis=self._basis,
            depends=np.array(dep, dtype=bool),
            nan_estimates=True,  # changes: NaN through a diverging coefficient, as effects
            alpha=self.alpha,
            title=f"{self.title}: {kind} {'between outcomes' if between else f'over {var}'}",
            # a contrast of a contrast says it once, of its own differences
            notes=list(
                dict.fromkeys(
                    [
                        *(
                            n.replace(
                                f"separation: {LEVELS_NAN}", f"separation: {CHANGES_NAN}"
                            ).replace(f" {LEVELS_STOPPED}", "")
                            for n in self._given_notes
                            if not n.startswith(UNADJUSTED)
                        ),
                        *chosen,
                        unadjusted(family),
                    ]
                )
            ),
            outcomes=tuple(dict.fromkeys(r["outcome"] for r in rows)) if between else self.outcomes,
            outcome_name=self.outcome_name,
            covariance=self.covariance,
            kind=self.kind,
            contrasted=True,
            df=self.df,
            # the other columns keep their values, and so their baselines
            baselines={c: b for c, b in self._baselines.items() if c != var},
            rounding=pair_bounds(self._rounding, pair_rows),
            designs=designs,
            exact=exact,
            factors=self._factors,
            family=family,
            sampled=None if self._sampled is None else self._sampled.pairs(pair_rows),
            undetermined=np.array(loose, dtype=bool),
        )

    def _set_column(self, name: Any, what: str, outcome: bool = False) -> str:
        """The column of a variable set by ``at``/``over`` (or ``"outcome"``) that ``name``
        names, or a ColumnNotFoundError. A column label that is not text names the variable
        of its text, as ``margins(at={0: ...})`` names it; any other value is refused with
        the columns (pd.NA, an array or a Series raised pandas' or numpy's TypeError and
        ValueError about their truth value, from the membership test)."""
        settable = [c for c in self.at_columns if c != "variable"]
        allowed = [*settable, "outcome"] if outcome else settable
        if isinstance(name, str):
            if name in allowed:
                return name
        elif np.ndim(name) == 0 and not isinstance(name, dict) and str(name) in allowed:
            return str(name)
        shown = reprlib.repr(name)
        if np.ndim(name) != 0:  # a Series' repr runs over several lines
            shown = f"a {type(name).__name__} of {np.size(name)} values"
        nor = ", nor 'outcome'" if outcome else ""
        raise ColumnNotFoundError(
            f"{what}: {shown} is not a variable set by at or over{nor}; those are "
            f"{', '.join(map(repr, settable)) or 'none'}{near_name(name, allowed)}"
        )

    @property
    def _estimate_raw(self) -> np.ndarray:
        return self._stats["estimate"].to_numpy()

    def _difference(self, i: int, j: int) -> float:
        """Margin i less margin j, from their complements where both are near 1."""
        est = self._estimate_raw
        if self._complement is None:
            return float(est[i] - est[j])
        rest = self._complement
        return float(_delta.difference(est[i], rest[i], est[j], rest[j]))

    # --- renderings (see _rendering) ----------------------------------------------------------
    @property
    def quantity(self) -> str:
        """What the estimates are, in words (the y-axis label of :meth:`plot`).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.margins(kind="effect").quantity
        'effect on Pr(mode)'
        """
        what = margin_kind(self.kind).quantity.format(self.outcome_name)
        return f"difference in {what}" if self.contrasted else what

    def __str__(self) -> str:
        return text(self)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return html_table(self)

    @answering_other_options
    def plot(
        self,
        x: str | None = None,
        *,
        outcomes: Any = None,
        ax: Any = None,
        figsize: tuple[float, float] | None = None,
    ) -> Figure | SubFigure:
        """Draw the margins against a variable, as Stata's ``marginsplot`` (needs matplotlib).

        One line per outcome with pointwise bands; ``x`` defaults to the first variable set by
        ``at``/``over``.

        Parameters
        ----------
        x : str, optional
            A variable set by ``at``/``over`` for the horizontal axis.
        outcomes, ax, figsize
            Outcomes to draw (default: all), matplotlib Axes to draw into (one panel only),
            the size of a new figure: see :func:`mnlogit.report.marginsplot.plot_margins`.

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> fig = res.margins(at={"parking": [0, 2, 5]}).plot()
        >>> fig.axes[0].get_xlabel()
        'parking'
        """
        return plot_margins(self, x=x, outcomes=outcomes, ax=ax, figsize=figsize)
