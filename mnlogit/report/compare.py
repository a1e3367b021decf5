"""Several fits side by side (Stata's esttab, R's modelsummary): one column per model, one
block of terms per non-reference outcome, fit statistics at the bottom. Every number is read
from the fits' tidy tables (``to_frame()``); the renderings only lay out the same cells."""

from __future__ import annotations

import html
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from tabulate import tabulate

from .._checks import check_alpha, check_flag, critical_value
from .._immutable import Immutable
from .._once import cached_property
from .._other_options import answering_other_options
from .._unsupported import explain_models
from ..exceptions import called_by_user
from ._compare_checks import check_names, check_results, check_se
from ._compare_notes import FLAG, diverges, table_notes
from ._format import (
    NO_MATH,
    NOT_SHOWN,
    count,
    csv_cell,
    csv_shown,
    csv_text,
    level_text,
    md,
    num,
    ratio,
    ratio_std_error,
    stat,
    text_width,
    visible,
    wrap,
)
from ._latex import latex_escape, latex_labels, latex_title, tex_cell
from ._summary_content import converged_text

__all__ = ["ComparisonTable", "compare"]

STARS = ((0.001, "***"), (0.01, "**"), (0.05, "*"))
STATISTICS_TITLE = "Model statistics"  # two words: no term of a formula is named so
_NOT_SHOWN = NOT_SHOWN


@answering_other_options
def compare(
    results: Any,
    names: Any = None,
    odds_ratios: bool = False,
    stars: bool = False,
    se: str = "parentheses",
    alpha: float = 0.05,
) -> ComparisonTable:
    """A table of several fits side by side.

    Parameters
    ----------
    results : list of MNLogitResults
        Fits of the same outcome with the same reference (and so the same equations); their
        terms may differ (nested models, say). A different outcome or reference is refused.
    names : list of str, optional
        Column headers; default ``(1)``, ``(2)``, ...
    odds_ratios : bool
        Show relative-risk ratios exp(b) (their standard errors exp(b) se(b) by the delta
        method, intervals exp of the Wald interval) instead of coefficients.
    stars : bool
        Mark p < 0.05, 0.01, 0.001 with ``*``, ``**``, ``***`` (the p-values of b = 0).
    se : {"parentheses", "brackets", "ci", "none"}
        What goes under each estimate: its standard error in parentheses or brackets, its
        ``1 - alpha`` interval, or nothing.
    alpha : float
        Error rate of the intervals of ``se="ci"``, in (0, 0.5]: ``1 - alpha`` intervals.

    Returns
    -------
    ComparisonTable
        ``str()`` is the text table; ``_repr_html_``, :meth:`~ComparisonTable.as_latex`
        (booktabs), :meth:`~ComparisonTable.as_markdown`, :meth:`~ComparisonTable.as_csv`
        render it; :meth:`~ComparisonTable.to_frame` is the tidy source.

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> fits = [mnlogit.fit(f, df, ref="car") for f in
    ...         ["mode ~ np.log(distance)", "mode ~ np.log(distance) + region"]]
    >>> table = mnlogit.compare(fits, names=["distance", "+ region"])
    >>> "region[T.urban]" in str(table)
    True
    """
    return ComparisonTable(
        results, names=names, odds_ratios=odds_ratios, stars=stars, se=se, alpha=alpha
    )


class ComparisonTable(Immutable):
    """Fits side by side: what :func:`compare` returns.

    Parameters
    ----------
    results : list of MNLogitResults
        Fits of the same outcome with the same reference.
    names : list of str, optional
        Column headers; default ``(1)``, ``(2)``, ...
    odds_ratios : bool
        Relative-risk ratios exp(b) instead of coefficients.
    stars : bool
        Mark p < 0.05, 0.01, 0.001.
    se : {"parentheses", "brackets", "ci", "none"}
        What goes under each estimate.
    alpha : float
        Error rate of the intervals of ``se="ci"``, in (0, 0.5]: ``1 - alpha`` intervals.

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> a = mnlogit.fit("mode ~ np.log(distance)", df, ref="car")
    >>> b = mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car")
    >>> table = mnlogit.ComparisonTable([a, b], names=["small", "large"])
    >>> list(table.statistics.columns)
    ['small', 'large']
    """

    results: tuple
    names: tuple[str, ...]
    odds_ratios: bool
    stars: bool
    se: str
    alpha: float
    _frames: tuple[pd.DataFrame, ...]

    def __init__(
        self,
        results: Any,
        names: Any = None,
        odds_ratios: bool = False,
        stars: bool = False,
        se: str = "parentheses",
        alpha: float = 0.05,
    ) -> None:
        fits = tuple(check_results(results, (names, odds_ratios, stars, se, alpha)))
        odds_ratios = check_flag("odds_ratios", odds_ratios)
        stars = check_flag("stars", stars)
        check_se(se)
        alpha = check_alpha(alpha)  # a float: Fraction(1, 20) failed in the notes' format
        critical_value(alpha)
        # Immutable, as the results: the renderings are computed when first asked for, from
        # these and from the statistics and notes, which are handed out as copies
        self._set(results=fits, names=tuple(check_names(names, len(fits))), alpha=alpha)
        self._set(odds_ratios=odds_ratios, stars=stars, se=se)
        self._set(_frames=tuple(res.to_frame(alpha) for res in fits))

    # --- the tidy source ---------------------------------------------------------------------
    @answering_other_options
    def to_frame(self) -> pd.DataFrame:
        """Every model's ``to_frame()`` stacked: rows (model, outcome, term).

        Returns
        -------
        DataFrame
            The columns of :meth:`MNLogitResults.to_frame`, every number at full precision;
            ``attrs["alpha"]`` is the error rate of the intervals, ``attrs["statistic"]``,
            ``attrs["df"]`` and ``attrs["covariance"]`` as in each fit's table, or model name
            -> its value where the fits differ (a survey fit's t beside another's z);
            ``attrs["note"]``, where a fit's table has one (why columns are NaN, or that its
            numbers are not final), likewise, naming only the fits that have one.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> fits = [mnlogit.fit("mode ~ parking", df, ref="car")] * 2
        >>> mnlogit.compare(fits).to_frame().index.names
        FrozenList(['model', 'outcome', 'term'])
        """
        if called_by_user():  # the table's notes do not go with it
            explain_models(
                "compare(...).to_frame()",
                "to_frame",
                zip(self.names, self.results, self._frames, strict=True),
            )
        frame = pd.concat(self._frames, keys=self.names, names=["model", "outcome", "term"])
        # pandas keeps the frames' attrs only where they agree: a survey fit's t beside
        # another fit's z left the column z with nothing to say which rows hold t
        for key in ("statistic", "df", "covariance"):
            fits = zip(self.names, self._frames, strict=True)
            values = {name: f.attrs.get(key) for name, f in fits}
            distinct = set(values.values())
            frame.attrs[key] = distinct.pop() if len(distinct) == 1 else values
        # why a fit's columns are NaN, or its numbers not final: dropped where the fits'
        # notes differed (a fit that stopped beside one that converged)
        fits = zip(self.names, self._frames, strict=True)
        notes = {name: f.attrs["note"] for name, f in fits if f.attrs.get("note")}
        if notes:
            same = len(notes) == len(self.names) and len(set(notes.values())) == 1
            frame.attrs["note"] = next(iter(notes.values())) if same else notes
        frame.attrs["alpha"] = self.alpha  # the level of lower/upper, kept with the table
        return frame

    @property
    def statistics(self) -> pd.DataFrame:
        """Fit statistics, one column per model (a copy, to change freely).

        Rows N, log-likelihood, AIC, BIC, McFadden R2 and covariance (as each summary's
        Covariance line says it: ``"cluster-robust (12 clusters)"``), the method
        when the fits were not all fitted by the same one (a Firth fit beside a maximum-
        likelihood one, say) or by a penalised one, and whether each converged when one did
        not. A survey fit's log-likelihood is left out (NaN), as its summary leaves it out: it
        is the weighted pseudo-log-likelihood, on the scale of the sampling weights, not
        comparable with another fit's. A fit without standard errors (an L2 penalty) has
        covariance "none".

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> mnlogit.compare([res]).statistics.loc["N", "(1)"]
        3052.0
        """
        if called_by_user():
            fits = ((name, res, None) for name, res in zip(self.names, self.results, strict=True))
            explain_models("compare(...).statistics", "statistics", fits)
        return self._statistics.copy()

    @cached_property
    def _statistics(self) -> pd.DataFrame:
        # named unless every fit is unpenalised: a table of Firth fits alone never said so
        mixed = len({res.solver.label for res in self.results}) > 1 or any(
            res.solver.penalized for res in self.results
        )
        unconverged = not all(res.converged or res.separation for res in self.results)
        columns = {}
        for name, res in zip(self.names, self.results, strict=True):
            survey = res._data.design is not None
            column = {
                "N": res.nobs,
                "Log-likelihood": np.nan if survey else res.llf,
                "AIC": res.aic,
                "BIC": res.bic,
                "McFadden R2": res.pseudo_r2["mcfadden"],
                # as the summary says it: two fits clustered on other groups both read
                # "cluster-robust", where their summaries count the clusters
                "Covariance": res.covariance.describe(res._data)
                if res.solver.inference
                else "none",
            }
            if mixed:  # a survey fit's, as its summary says it
                column["Method"] = f"pseudo-{res.solver.label}" if survey else res.solver.label
            if unconverged:
                column["Converged"] = converged_text(res)  # "no (diverged)", as its summary
            columns[name] = column
        return pd.DataFrame(columns)

    # --- cells --------------------------------------------------------------------------------
    @cached_property
    def _blocks(self) -> list[tuple[str, list[tuple[str, list[str], list[str]]]]]:
        """Per equation: (title, [(term, estimate cells, cells under them)])."""
        first = self.results[0]
        out = []
        for eq in first.equations:
            terms = list(
                dict.fromkeys(t for f in self._frames for t in f.loc[eq].index.get_level_values(0))
            )
            rows = []
            for term in terms:
                top, under = [], []
                for f in self._frames:
                    a, b = self._cells(f, eq, term)
                    top.append(a)
                    under.append(b)
                rows.append((level_text(term), top, under))
            out.append((f"{level_text(eq)} vs {level_text(first.ref)}", rows))
        return out

    def _cells(self, frame: pd.DataFrame, eq: Any, term: str) -> tuple[str, str]:
        if (eq, term) not in frame.index:
            return "", ""
        row = frame.loc[(eq, term)]
        if self.odds_ratios:
            est, spread = row["odds_ratio"], ratio_std_error(frame.loc[[(eq, term)]])[0]
            lo, hi = row["or_lower"], row["or_upper"]
        else:
            est, spread, lo, hi = row["estimate"], row["std_error"], row["lower"], row["upper"]
        # the estimate's and its bounds' format; a ratio's distance from 1 read from the
        # coefficient or bound it is exp of
        shown, shown_lo, shown_hi = (
            [partial(ratio, log=row[c]) for c in ("estimate", "lower", "upper")]
            if self.odds_ratios
            else [num] * 3
        )
        if bool(row.get("diverged", False)):
            # a diverging coefficient has no relative-risk ratio (NaN): '--', as the summary
            cell = shown(est) if np.isfinite(est) else _NOT_SHOWN
            return f"{cell} {FLAG}", _NOT_SHOWN if self.se != "none" else ""
        if self.odds_ratios and np.isnan(est):  # past the float range: the notes say why
            return _NOT_SHOWN, _NOT_SHOWN if self.se != "none" else ""
        mark = ""
        if self.stars and np.isfinite(row["pvalue"]):
            mark = next((s for cut, s in STARS if row["pvalue"] < cut), "")
        under = {
            "parentheses": f"({num(spread)})",
            "brackets": f"[{num(spread)}]",
            "ci": f"[{shown_lo(lo)}, {shown_hi(hi)}]",
            "none": "",
        }[self.se]
        has_spread = np.isfinite([lo, hi]).all() if self.se == "ci" else np.isfinite(spread)
        if self.se != "none" and not has_spread:  # no standard errors, or a bound past the range
            under = _NOT_SHOWN
        return shown(est) + mark, under

    @cached_property
    def _bottom(self) -> list[tuple[str, list[str]]]:
        """Fit statistics as (label, cells)."""
        s = self._statistics
        rows = [("N", [count(v) for v in s.loc["N"]])]
        # a fit with diverging coefficients has the last iterate's log-likelihood, short of
        # the supremum it rises to: it and what is made of it carry the flag, as in the summary
        flags = [f" {FLAG}" if diverges(f) else "" for f in self._frames]
        for label in ("Log-likelihood", "AIC", "BIC", "McFadden R2"):
            shown = num if label == "McFadden R2" else stat
            # NaN where the fit has no likelihood (survey fits): left blank, as esttab does
            cells = [
                shown(v) + flag if np.isfinite(v) else ""
                for v, flag in zip(s.loc[label], flags, strict=True)
            ]
            rows.append((label, cells))
        rows += [
            (label, [str(v) for v in s.loc[label]])
            for label in ("Covariance", "Method", "Converged")
            if label in s.index
        ]
        return rows

    @property
    def notes(self) -> list[str]:
        """Footnotes: the cells, the stars, separation, unconverged fits (a copy, to change).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> mnlogit.compare([res]).notes[1]
        'Standard errors in parentheses.'
        """
        return list(self._notes)

    @cached_property
    def _notes(self) -> tuple[str, ...]:
        return table_notes(self)

    def _grid(self, ruled: bool = True) -> tuple[list[str], list[list[str]], list[int], int]:
        """(header, rows, indices of block-title rows, index of the first statistics row).
        Not ``ruled`` (CSV and Markdown, which draw no rule above the statistics), a title
        row heads them when a term is named as one of them: a term ``N`` or ``AIC`` read
        as the statistic of that name."""
        header = ["", *self.names]
        rows: list[list[str]] = []
        titles = []
        for title, terms in self._blocks:
            titles.append(len(rows))
            rows.append([title] + [""] * len(self.names))
            for term, top, under in terms:
                rows.append([term, *top])
                if self.se != "none":
                    rows.append(["", *under])
        start = len(rows)
        named = {label for label, _ in self._bottom} & {r[0] for r in rows}
        if not ruled and named:
            titles.append(start)
            rows.append([STATISTICS_TITLE] + [""] * len(self.names))
        rows += [[label, *cells] for label, cells in self._bottom]
        return header, rows, titles, start

    # --- renderings ---------------------------------------------------------------------------
    @answering_other_options
    def as_text(self) -> str:
        """The table as plain text (what ``str()`` gives).

        Returns
        -------
        str

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> "bus vs car" in mnlogit.compare([res]).as_text()
        True
        """
        header, rows, _, start = self._grid()
        table = tabulate(
            [[visible(c) for c in row] for row in rows],
            headers=[visible(h) for h in header],
            tablefmt="simple",
            disable_numparse=True,
            colalign=("left", *["center"] * len(self.names)),
        ).splitlines()
        # in columns, as tabulate pads the cells: a combining accent counted one each made
        # the rules longer than the rows beneath them
        width = max(text_width(line) for line in table)
        body = table[:2] + table[2 : 2 + start] + ["-" * width] + table[2 + start :]
        parts = ["=" * width, *body, "=" * width]
        parts += [wrap(visible(n), max(width, 60)) for n in self._notes]
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.as_text()

    def __repr__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        esc = html.escape
        header, rows, titles, start = self._grid()
        n = len(header)
        out = [f'<div class="{NO_MATH}"><table class="mnlogit-compare"><thead><tr>']
        out += [f'<th style="text-align:center">{esc(visible(h))}</th>' for h in header]
        out.append("</tr></thead><tbody>")
        for i, row in enumerate(rows):
            style = ' style="border-top:1px solid"' if i == start else ""
            if i in titles:
                title = f"<em>{esc(row[0])}</em>"
                out.append(f'<tr><th colspan="{n}" style="text-align:left">{title}</th></tr>')
                continue
            cells = "".join(f'<td style="text-align:center">{esc(c)}</td>' for c in row[1:])
            out.append(f'<tr{style}><th style="text-align:left">{esc(row[0])}</th>{cells}</tr>')
        out.append("</tbody></table>")
        out += [f"<p><small>{esc(visible(note))}</small></p>" for note in self._notes]
        return "\n".join([*out, "</div>"])

    @answering_other_options
    def as_latex(self) -> str:
        """A booktabs ``tabular`` (needs ``\\usepackage{booktabs}``); names are escaped.

        Returns
        -------
        str
            Stars as superscripts; the notes in a last row under the bottom rule.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> mnlogit.compare([res]).as_latex().splitlines()[:2]
        ['\\\\begin{tabular}{lc}', '\\\\toprule']
        """
        header, rows, titles, start = self._grid()
        n = len(header)
        # model names, outcome levels and terms LaTeX would write alike are written exactly
        first = self.results[0]
        ref = level_text(first.ref)
        tex = latex_labels([*header, *map(level_text, first.outcomes), *(r[0] for r in rows)])
        lines = [
            rf"\begin{{tabular}}{{l{'c' * (n - 1)}}}",
            r"\toprule",
            " & ".join(tex[h] for h in header) + r" \\",
            r"\midrule",
        ]
        for i, row in enumerate(rows):
            if i == start:
                lines.append(r"\midrule")
            if i in titles:
                if i:
                    lines.append(r"\addlinespace")
                title = latex_title(row[0], ref, tex)
                lines.append(rf"\multicolumn{{{n}}}{{l}}{{\textit{{{title}}}}} \\")
                continue
            # only estimates carry stars: a term named `rating*` is a name
            cells = [tex[row[0]], *(tex_cell(c, self.stars) for c in row[1:])]
            lines.append(" & ".join(cells) + r" \\")
        lines.append(r"\bottomrule")
        notes = " ".join(latex_escape(note) for note in self._notes)
        lines.append(rf"\multicolumn{{{n}}}{{p{{0.9\linewidth}}}}{{\footnotesize {notes}}} \\")
        lines.append(r"\end{tabular}")
        return "\n".join(lines) + "\n"

    @answering_other_options
    def as_markdown(self) -> str:
        """The table in GitHub-flavoured Markdown (a pipe table and the notes).

        Returns
        -------
        str

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> mnlogit.compare([res]).as_markdown().startswith("|")
        True
        """
        header, rows, titles, _ = self._grid(ruled=False)
        cells = [
            [f"*{md(r[0])}*" if i in titles else md(r[0]), *map(md, r[1:])]
            for i, r in enumerate(rows)
        ]
        table = tabulate(
            cells,
            headers=[md(h) for h in header],
            tablefmt="pipe",
            disable_numparse=True,
            colalign=("left", *["center"] * len(self.names)),
        )
        # a blank line between notes: lines a single break apart are one paragraph in
        # Markdown, which ran every note into the next
        return table + "\n\n" + "\n\n".join(md(n) for n in self._notes) + "\n"

    @answering_other_options
    def as_csv(self) -> str:
        """The displayed cells as CSV, one row per cell row, each saying what it is.

        Columns ``outcome``, ``term`` and ``statistic``, then one per model: a row of
        estimates (``statistic`` ``estimate``, or ``odds_ratio`` with ``odds_ratios=True``)
        and the row under it (``std_error``, or ``interval`` for ``se="ci"``) both carry their
        outcome and term, so the file reads back with pandas as it is (no row depends on the
        rows above it). The model statistics follow (``statistic`` ``model statistic``, the
        statistic in ``term``), then the notes (``note``, the text in ``term``), as esttab
        writes them: what the cells are and what the stars mean travel with the table.
        ``to_frame().to_csv()`` has every number in full.

        Labels (terms, outcomes, model names, notes) a spreadsheet would run as a formula or
        read as a number or date (``00``, ``1-2``), or pandas as missing (``NA``), get a
        leading ``'``; numbers as shown, a standard error with one (``(0.12)`` reads -0.12).
        A model named as one of the first three columns leaves that column's header empty.

        Returns
        -------
        str

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> print("\\n".join(mnlogit.compare([res]).as_csv().splitlines()[:3]))
        outcome,term,statistic,'(1)
        bus,Intercept,estimate,-1.2404
        bus,Intercept,std_error,'(0.0599)
        """
        top = "odds_ratio" if self.odds_ratios else "estimate"
        under = {"parentheses": "std_error", "brackets": "std_error", "ci": "interval"}
        below = under.get(self.se)
        rows = []
        for eq, (_, terms) in zip(self.results[0].equations, self._blocks, strict=True):
            outcome = csv_cell(level_text(eq))
            for term, estimates, spreads in terms:
                label = csv_cell(term)
                rows.append([outcome, label, top, *map(csv_shown, estimates)])
                if below is not None:
                    rows.append([outcome, label, below, *map(csv_shown, spreads)])
        blank = [""] * len(self.names)
        rows += [["", csv_cell(k), "model statistic", *map(csv_shown, v)] for k, v in self._bottom]
        rows += [["", csv_cell(note), "note", *blank] for note in self._notes]
        models = [csv_cell(name) for name in self.names]
        # a model named 'term' beside the label column read back as 'term.1'
        labels = [c if c not in models else "" for c in ("outcome", "term", "statistic")]
        return csv_text(pd.DataFrame(rows, columns=[*labels, *models]), index=False)
