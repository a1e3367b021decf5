"""What a summary shows, as plain text: the title, the header items, the warnings, the notes
and the coefficient blocks, each number formatted once from ``to_frame()``. The renderings
(:class:`~mnlogit.report.summary.Summary`) only escape and lay out these cells.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._checks import check_alpha, check_flag, statistic_name
from .._clusters import few_clusters_note
from .._immutable import Immutable
from .._learned_rows import learned_note
from .._new_levels import unused_note
from .._null import NULL_ZERO
from .._once import cached_property
from .._ordered import ordered_by_treatment, ordered_note
from .._owned import owned_note
from .._penalty import L2
from .._progress import iterations
from .._separation_advice import firth_advice, kind_of
from .._shown_numbers import row_count
from .._stop_messages import FIRTH_NOTE, penalised_stall, penalised_stop, unseparated_stop
from .._terms import column_meanings
from ..exceptions import called_by_user
from ._format import (
    NOT_SHOWN,
    count,
    formula_text,
    level_list,
    level_text,
    quantile_labels,
    ratio,
    ratio_overflow_note,
    ratio_std_error,
    shown_or_not,
    stat,
)
from ._format import num as _num
from ._format import pval as _pval
from ._survey_notes import survey_notes

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .._test_result import TestResult
    from ..results import MNLogitResults

__all__ = ["FLAG", "SummaryContent", "converged_text"]

FLAG = "(!)"  # marks a diverging coefficient under separation
_NOT_SHOWN = NOT_SHOWN


def converged_text(res: MNLogitResults) -> str:
    """The Converged line of a summary (and row of a comparison): yes, no, or no (diverged)."""
    return "yes" if res.converged else "no (diverged)" if res.diverged else "no"


def _diverging(res: MNLogitResults) -> set[tuple[Any, str]]:
    """(outcome, design column) pairs that separation makes diverge: ``res.diverging``
    (:func:`mnlogit.separation.diverging_cells`, the one definition) as a set."""
    cells = res.diverging.T.stack()
    return set(cells.index[cells.to_numpy(bool)])


class SummaryContent(Immutable):
    """The content of a :class:`~mnlogit.report.summary.Summary`, as plain-text cells.

    Each part is made once and kept; the public ones hand out copies, so that a caller who
    edits the lists they were given (``s.notes.append(...)``, a cell of ``s.blocks``) edits
    their own, never what the summary's renderings read.
    """

    _res: MNLogitResults
    odds_ratios: bool
    alpha: float
    _frame: pd.DataFrame

    def __init__(self, res: MNLogitResults, odds_ratios: bool = False, alpha: float = 0.05) -> None:
        odds_ratios = check_flag("odds_ratios", odds_ratios)
        # Immutable, as the results: the renderings are made when first asked for, from
        # these (s.alpha = 0.1 headed 95% intervals [0.05 0.95]); the frame is handed out
        # as a copy
        alpha = check_alpha(alpha)  # a float: Fraction(1, 20) failed in the headers' format
        self._set(_res=res, odds_ratios=odds_ratios, alpha=alpha)
        self._set(_frame=res.to_frame(alpha))

    @property
    def frame(self) -> pd.DataFrame:
        """Every number of the summary: ``res.to_frame(alpha)``, as a copy to change freely.

        Examples
        --------
        >>> import mnlogit
        >>> fit = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> fit.summary(alpha=0.1).frame.columns[:2].tolist()
        ['estimate', 'std_error']
        """
        if called_by_user():  # the table keeps none of the notes beside its NaN cells
            self._res._explain("summary.frame", self._frame)
        return self._frame.copy()

    # --- content, as plain text ------------------------------------------------------------
    @cached_property
    def title(self) -> str:
        """First line of every rendering: the model and, for Firth fits, the method.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.summary().title
        'Multinomial logit regression'
        """
        if self._res.solver.penalized:
            return f"Multinomial logit regression, {self._res.solver.label}"
        return "Multinomial logit regression"

    @cached_property
    def _top(self) -> list[tuple[str, str]]:
        res, data = self._res, self._res._data
        # quoted when blank or holding a line break, as the levels are: y named '  ' read
        # "Formula    ~ design matrix" and "Outcome    , 3 levels"
        name = level_text(data.outcome_name)
        formula = formula_text(res.formula or f"{name} ~ design matrix ({data.p} columns)")
        levels = level_list(res.outcomes)
        top = [
            ("Formula", formula),
            ("Outcome", f"{name}, {len(res.outcomes)} levels: {levels}"),
            ("Reference", level_text(res.ref)),
        ]
        # a column g[T.b] names its level, not the one it is against; text levels are in
        # Python's order ("B" before "a"), which R's locale may not share
        if any("[T." in str(name) for name in res.params.index):
            found = (m for ms in column_meanings(data.spec).values() for m in ms)
            based = dict.fromkeys(
                f"{e} = {level_text(v)}" for e, kind, v in found if kind == "baseline"
            )
            if based:
                shown = list(based)[:6] + (["..."] if len(based) > 6 else [])
                top.append(("Baselines", ", ".join(shown)))
        return top

    @cached_property
    def _grid(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        res, data = self._res, self._res._data
        if data.design is not None:
            return self._survey_grid()
        left = [("Rows used", str(data.n_rows))]
        # rows of weight zero are kept (they have predictions) but add nothing to the fit;
        # Stata does not count them as observations, so the table says how many there are
        # (counted from the tally of positive rows: a dask fit's weights are never collected)
        zeros = data.n_rows - int(data.positive_counts().sum()) if data.weighted else 0
        if zeros:
            left.append(("Rows of weight zero", str(zeros)))
        if res.n_dropped:
            left.append(("Rows dropped (missing)", str(res.n_dropped)))
        if data.weighted:
            left.append(("Sum of weights", count(res.nobs)))
        converged = converged_text(res)
        left += [
            ("Outcome levels (K)", str(len(res.outcomes))),
            ("Parameters", str(res.n_params)),
            ("Method", res.solver.label),
            (
                ("Covariance", res.covariance.describe(data))
                if res.solver.inference
                else ("Standard errors", "none (see the notes)")
            ),
            ("Converged", converged),
            ("Iterations", str(res.n_iter)),
        ]
        # with diverging coefficients the log-likelihood is the last iterate's, short of the
        # supremum it rises to along them: it and what is made of it carry the flag. A test
        # or statistic not computed is '--', as in the coefficient table (the notes say why)
        flag = f" {FLAG}" if self._flagged else ""
        right = [("Log-likelihood", shown_or_not(stat, res.llf) + flag)]
        if res.solver.penalized and res.penalized_llf is not None:
            right.append(("Penalised log-likelihood", shown_or_not(stat, res.penalized_llf)))
        right.append(("Null log-likelihood", shown_or_not(stat, res.llnull)))
        if res.solver.inference:
            test = self._test
            if res.solver.penalized and "null" in test.details:
                right.append(("Penalised null log-lik.", shown_or_not(stat, test.details["null"])))
            kind = "LR" if res.covariance.lr_valid else "Wald"
            right += [
                (f"{kind} chi2({count(test.df)})", shown_or_not(stat, test.statistic)),
                ("Prob > chi2", shown_or_not(_pval, test.pvalue)),
            ]
        r2 = res.pseudo_r2
        right += [
            ("McFadden R2", shown_or_not(_num, r2["mcfadden"]) + flag),
            ("Cox-Snell R2", shown_or_not(_num, r2["cox_snell"]) + flag),
            ("Nagelkerke R2", shown_or_not(_num, r2["nagelkerke"]) + flag),
        ]
        if res.solver.inference:
            right += [
                ("AIC", shown_or_not(stat, res.aic) + flag),
                ("BIC", shown_or_not(stat, res.bic) + flag),
            ]
        return left, right

    def _survey_grid(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Survey fits: the design (strata, PSUs, population, design df) and the adjusted
        Wald F of every coefficient but the intercepts, as Stata's ``svy: mlogit`` header;
        no likelihood-based statistics (see :attr:`notes`)."""
        res, data = self._res, self._res._data
        info = data.design
        left = [
            ("Number of strata", str(info.n_strata)),
            ("Number of PSUs", str(info.n_psu_total)),
            ("Rows in the design", str(info.n_rows)),
            ("Population size", count(info.population)),
        ]
        if info.subpop is not None:
            left += [
                ("Subpop. rows used", str(data.n_rows)),
                ("Subpop. size", count(info.subpop_size)),
            ]
        else:
            left.append(("Rows used", str(data.n_rows)))
        # rows of weight 0 stay in the design (their PSUs count) but are outside the domain
        # fitted, as rows outside subpop= are: res.nobs does not count them (said as the
        # frequency weights' table says it)
        if data.n_rows > res.nobs:
            left.append(("Rows of weight zero", str(data.n_rows - int(res.nobs))))
        if res.n_dropped:
            left.append(("Rows dropped (missing)", str(res.n_dropped)))
        assert res.df_design is not None  # a survey fit has design degrees of freedom
        left += [("Design df", count(res.df_design))]
        converged = converged_text(res)
        right = [
            ("Outcome levels (K)", str(len(res.outcomes))),
            ("Parameters", str(res.n_params)),
            ("Method", f"pseudo-{res.solver.label}"),
            (
                ("Covariance", res.covariance.describe(data))
                if res.solver.inference
                else ("Standard errors", "none (see the notes)")
            ),
            ("Converged", converged),
            ("Iterations", str(res.n_iter)),
        ]
        test = self._overall_wald
        if test is not None:
            denom = test.df_denom
            label = "F"
            if denom is not None and np.isfinite(denom):
                label = f"F({count(test.df)}, {count(denom)})"
            right += [
                (label, shown_or_not(_num, test.statistic)),
                ("Prob > F", shown_or_not(_pval, test.pvalue)),
            ]
        return left, right

    @cached_property
    def _overall_wald(self) -> TestResult | None:
        """The adjusted Wald test of every slope, against the intercept-only model where the
        design spans the constant (none for a model without slopes, or for a fit without
        inference, such as a penalised one: its Wald tests are refused)."""
        if not self._res.solver.inference:
            return None
        test = self._res.wald_test_slopes()
        return test if test.df > 0 else None

    @cached_property
    def _test(self) -> TestResult:
        """The test of all slopes: likelihood-ratio, or Wald where the covariance refuses LR."""
        res = self._res
        return res.lr_test() if res.covariance.lr_valid else res.wald_test_slopes()

    @property
    def header(self) -> list[tuple[str, str]]:
        """Every header item as (label, formatted value), in display order.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.summary().header[:3]
        [('Formula', 'mode ~ parking'), ('Outcome', 'mode, 4 levels: bus, car, train, walk'),
         ('Reference', 'car')]
        """
        left, right = self._grid
        return [*self._top, *left, *right]

    @cached_property
    def _flagged(self) -> set[tuple[Any, str]]:
        """(outcome, term) cells whose coefficient diverges (``res.diverging``)."""
        return _diverging(self._res)

    @property
    def warnings(self) -> list[str]:
        """Messages shown prominently, right under the title (separation, no convergence).

        Examples
        --------
        >>> import warnings
        >>> import mnlogit
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     res = mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"))
        >>> [message[:22] for message in res.summary().warnings]
        ['Separation: complete s']
        """
        return list(self._warnings)

    @cached_property
    def _warnings(self) -> list[str]:
        res = self._res
        if res.separation is not None:
            which = (
                "All coefficients diverge"
                if len(self._flagged) == res.n_params
                else f"Coefficients marked {FLAG} diverge"
            )
            finding = getattr(res.separation, "finding", None) or str(res.separation)
            # as this fit can follow it (a dask fit's in memory, a sandwich's nonrobust)
            advice = firth_advice(res._data.in_memory, res.covariance, quote='"')
            supremum = kind_of(res.separation).supremum
            # a survey fit shows no log-likelihood, pseudo-R2, AIC or BIC to mark
            statistics = (
                "Along the diverging coefficients the weighted log-likelihood"
                if res._data.design is not None
                else f"The log-likelihood, pseudo-R2, AIC and BIC (marked {FLAG}) are those of "
                "the last iterate: along the diverging coefficients the log-likelihood"
            )
            return [
                f"Separation: {finding} {which}: their standard errors, "
                f"{statistic_name(res.df_design)} statistics, "
                f"p-values and intervals are not shown, and tests involving them are not "
                f"computed. {statistics} keeps rising, towards {supremum}, without a maximum. "
                f"{advice}."
            ]
        if res.diverged and res.solver.penalized:
            text = penalised_stop(res)
            return [f"The fit stopped before converging: {text}"]
        if res.diverged:
            return [unseparated_stop(res, FLAG)]
        if res._core.stalled and res.solver.penalized and res.solver.penalty is None:
            return [f"The fit stopped before converging: {penalised_stall(res)}"]
        if res._core.rounding is not None:  # (see FitResult.rounding)
            return [
                "The fit stopped at the rounding of its sums, short of convergence: the "
                "lightest rows' weights are below what float64 adds to the others' sums. The "
                "estimates are not final, and a larger max_iter does not change them."
            ]
        if not res.converged:
            return [
                f"The fit did not converge in {iterations(res.n_iter)}: the estimates are "
                f"not final. Increase max_iter."
            ]
        return []

    @property
    def notes(self) -> list[str]:
        """Footnotes shown under the coefficient table.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> mnlogit.fit("mode ~ income", df, ref="car").summary().notes
        ['80 rows with missing values were dropped; 2972 rows were used.']
        """
        return list(self._notes)

    @cached_property
    def _notes(self) -> list[str]:
        res, data = self._res, self._res._data
        notes = []
        if res.n_dropped:
            # a survey fit keeps them in its design (R's degf() and Stata's svy without
            # subpop() count only the PSUs of the rows used: say which df these are)
            kept = (
                " They stay in the survey design as rows outside a subpopulation do: its "
                "PSUs and design df count them."
                if data.design is not None
                else ""
            )
            verb = "was" if res.n_dropped == 1 else "were"
            dropped = f"{row_count(res.n_dropped)} with missing values {verb} dropped"
            notes.append(f"{dropped}; {data.n_rows} rows were used.{kept}")
        # R's default for an ordered factor is contr.poly: same fit, other coefficients
        notes.append(ordered_note(ordered_by_treatment(data.spec, data.raw_dtypes)))
        notes.append(learned_note(data.learned_on_used_rows, data.n_rows))
        notes.append(unused_note(data.unused_categories))
        if data.design is not None:
            notes += survey_notes(self._res, self._overall_wald)
        elif data.weighted:
            notes.append(
                f"Frequency weights: the {data.n_rows} rows stand for {count(res.nobs)} "
                f"observations, which BIC and the pseudo-R2 use."
            )
        if res.solver.inference:
            notes.append(owned_note(res))
        if res.solver.note:
            said = L2.said_of(res.solver.note, res._data.in_memory, res.df_design, res.covariance)
            if not res.covariance.lr_valid:
                # a Firth fit's note went on to say what its LR tests compare, beside a
                # covariance (a survey design's, a sandwich) that refuses them
                head, cut, _ = said.partition("; likelihood-ratio tests (against the null")
                said = f"{head}." if cut else said
            notes.append(said)
        # the z and P>|z| columns are Wald tests, which wald_test flags on these coefficients
        notes.append(res._penalised_wald_note())
        if res.solver.penalty is not None and data.weighted:
            notes.append(_weighted_penalty_note(res))
        maxima = res.penalized_maxima
        if len(maxima) > 1:
            # log-likelihoods, as the header shows them: with large weights two maxima of
            # -1342345.7 and -1342300.1 both read -1.342e+06
            shown = ", ".join(stat(m) for m in maxima)
            notes.append(
                f"The penalised log-likelihood has {len(maxima)} distinct local maxima among "
                f"the fit's starting points ({shown}); the estimates are at the highest."
            )
        if res.null_model == NULL_ZERO:
            notes.append(
                f"Null model: every coefficient zero (each of the {len(res.outcomes)} outcome "
                f"levels 1/{len(res.outcomes)}), the null nested in "
                f"{res._null_zero_because}; the null log-likelihood, the LR chi2 and the "
                "pseudo-R2 compare with it."
            )
        # a survey fit's header test is the adjusted Wald F, with its own notes
        if res.solver.inference and data.design is None:
            test = self._test
            if not res.covariance.lr_valid:
                notes.append(
                    f"Wald chi2: every slope = 0 in every equation, with the "
                    f"{res.covariance.label} covariance; a likelihood-ratio test is not valid "
                    f"with it.{res.covariance.stata_difference}"
                )
            # a Wald test's note opens with its hypothesis, said in the note above: only why
            # its statistic is missing is added
            said = test.note if res.covariance.lr_valid else test.details.get("reason", "")
            if res.solver.note:  # a Firth fit's method note says what its LR tests compare
                said = said.replace(FIRTH_NOTE, "").strip()
            if said:
                kind = "LR" if res.covariance.lr_valid else "Wald"
                if said in notes:  # a note of its own already (a single cluster's dummy)
                    said = f"not computed, as said above ({said.split(': ', 1)[0]})."
                notes.append(f"{kind} chi2: {said}")
            few = test.details.get("few_clusters")
            if few:  # the header's p-value, as the z column's, leans on many clusters
                notes.append(
                    f"Wald chi2: {few} The z statistics and intervals, referred to the normal, "
                    "are asymptotic in the number of clusters likewise."
                )
            else:  # no header test to say it beside: the z column leans on them
                notes.append(few_clusters_note(res.covariance.needs_groups, res._data.n_clusters))
        if self.odds_ratios:
            notes.append(self._ratio_note)
            notes.append(ratio_overflow_note(self._frame, errors=True))
        return [note for note in notes if note]

    @cached_property
    def _ratio_note(self) -> str:
        """What the columns of a table of relative-risk ratios hold."""
        res = self._res
        stat = statistic_name(res.df_design)
        return (
            f"RRR = exp(coef), the relative-risk ratio against {level_text(res.ref)}; its std "
            f"err is RRR x se(coef) (delta method); {stat} and P>|{stat}| test coef = 0; the "
            f"interval is exp of the Wald interval."
        )

    @property
    def table_notes(self) -> list[str]:
        """What the coefficient table printed alone (``res.to_latex()``) needs said.

        The summary's notes, which say it, do not go with that table: why cells are empty (a
        penalised fit has no standard errors, a design without degrees of freedom no
        p-values or intervals, and relative-risk ratios past the largest double none), and
        with relative-risk ratios what their standard errors, tests and intervals are (a fit
        that did not converge says so in :attr:`warnings`).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.summary().table_notes
        []
        """
        return list(self._table_notes)

    @cached_property
    def _table_notes(self) -> list[str]:
        # a census's t and p columns are NaN beside standard errors of 0: the table alone
        # said nothing of why
        notes = [self._res._empty_columns_note(), self._res._untestable_note()]
        # a Firth fit of separated data: which Wald cells are unreliable, which the summary's
        # notes say and the table pasted alone did not
        notes.append(self._res._penalised_wald_note() if self._res.solver.inference else "")
        # its z, P>|z| and interval columns lean on many clusters, which the summary's notes
        # say and the table pasted alone did not
        if self._res.solver.inference:
            res = self._res
            notes.append(few_clusters_note(res.covariance.needs_groups, res._data.n_clusters))
        if self.odds_ratios:
            # what its std err, tests and interval are: RRR +/- 1.96 std err is not the
            # interval shown, and a table alone did not say so
            notes.append(self._ratio_note if self._res.solver.inference else "")
            notes.append(ratio_overflow_note(self._frame, errors=True))
        return [note for note in notes if note]

    @property
    def columns(self) -> list[str]:
        """Column headers of the coefficient blocks (t and P>|t| for survey fits).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.summary(odds_ratios=True, alpha=0.1).columns
        ['', 'RRR', 'std err', 'z', 'P>|z|', '[0.05', '0.95]']
        """
        return list(self._columns)

    @cached_property
    def _columns(self) -> list[str]:
        lo, hi = quantile_labels(self.alpha)
        est = "RRR" if self.odds_ratios else "coef"
        stat = statistic_name(self._res.df_design)
        return ["", est, "std err", stat, f"P>|{stat}|", f"[{lo}", f"{hi}]"]

    @property
    def blocks(self) -> list[tuple[str, list[list[str]]]]:
        """One (title, rows of cells) per non-reference outcome, e.g. ("medium vs low", ...).

        Each row holds the term and six formatted cells, in the order of :attr:`columns`.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> [title for title, rows in res.summary().blocks]
        ['bus vs car', 'train vs car', 'walk vs car']
        """
        return [(title, [list(row) for row in rows]) for title, rows in self._blocks]

    @cached_property
    def _blocks(self) -> list[tuple[str, list[list[str]]]]:
        res, f = self._res, self._frame
        stat = f["z"]
        if self.odds_ratios:
            cols = [
                f["odds_ratio"],
                pd.Series(ratio_std_error(f)),
                stat,
                f["pvalue"],
                f["or_lower"],
                f["or_upper"],
            ]
        else:
            cols = [f["estimate"], f["std_error"], stat, f["pvalue"]]
            cols += [f["lower"], f["upper"]]
        values = np.column_stack([c.to_numpy(np.float64) for c in cols])
        # the coefficient and bounds each ratio is exp of, for its distance from 1
        logs = f[["estimate", "lower", "upper"]].to_numpy(np.float64)
        # kept below the error rate of the intervals beside it when it is below
        p_value = partial(_pval, alpha=self.alpha)
        out, i = [], 0
        for eq in res.equations:
            rows = []
            for term in res._data.column_names:
                v = values[i]
                # the estimate's and its bounds' format
                estimate, lower, upper = (
                    [partial(ratio, log=b) for b in logs[i]] if self.odds_ratios else [_num] * 3
                )
                i += 1
                label = level_text(term)  # a column ' x' beside 'x' is not shown as 'x'
                if (eq, term) in self._flagged:
                    shown = estimate(v[0]) if np.isfinite(v[0]) else _NOT_SHOWN  # RRR: NaN
                    rows.append([f"{label} {FLAG}", shown, *[_NOT_SHOWN] * 5])
                elif not res.solver.inference:  # a penalised fit: why, in the notes
                    rows.append([label, estimate(v[0]), *[_NOT_SHOWN] * 5])
                else:
                    # a ratio past the float range, a p-value or interval that cannot be
                    # computed (0 design degrees of freedom) is NaN: '--', as in compare()
                    # and the margins; the notes say why
                    formats = (estimate, _num, _num, p_value, lower, upper)
                    rows.append([label, *map(shown_or_not, formats, v[:6])])
            out.append((f"{level_text(eq)} vs {level_text(res.ref)}", rows))
        return out


def _weighted_penalty_note(res: MNLogitResults) -> str:
    """How an L2 penalty weighs against weights: scikit-learn's sample_weight multiply the
    log-loss and leave the penalty as it is, so the weights' units set its strength, which
    a survey fit's reader expects not to matter."""
    # the weights as given: a survey fit runs on them divided by a power of two
    total = count(res._data.sum_weights * res._weight_scale)
    text = (
        "With weights, the penalty is on the weighted log-likelihood sum_i w_i log p_i (as "
        "scikit-learn's sample_weight), not scaled by the number of rows or by the sum of the "
        f"weights ({total} here): weights multiplied by k weigh it 1/k as much."
    )
    if res._data.design is not None:
        text += (
            " So, unlike an unpenalised fit's, these estimates depend on the units of the "
            "sampling weights; weights rescaled to sum to the number of rows "
            "(w * n / w.sum()) give a penalty of the sample's size."
        )
    return text
