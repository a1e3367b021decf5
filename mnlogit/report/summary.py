"""Tables of a fit: text (tabulate), HTML, LaTeX, Markdown and CSV, all from ``to_frame()``.

:class:`Summary` reads the tidy table once, formats every number once into plain-text cells
and keeps the header items, warnings and notes as plain text; each rendering only escapes and
lays out those cells. Nothing in a summary depends on the date, the time or the machine.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pandas as pd
from tabulate import tabulate

from .._other_options import answering_other_options
from ..exceptions import called_by_user
from ._format import (
    NO_MATH,
    count,
    csv_safe,
    csv_text,
    level_items,
    level_text,
    text_width,
)
from ._format import html_label as _html_label
from ._format import md as _md
from ._format import visible as _visible
from ._format import wrap as _wrap
from ._latex import latex_escape, latex_labels, latex_title
from ._latex import tex_label as _tex_label
from ._summary_content import SummaryContent

if TYPE_CHECKING:  # for annotations only: results imports this module
    from ..results import MNLogitResults

__all__ = [
    "Summary",
    "frame_to_latex",
    "latex_escape",
    "penalised_estimates_note",
    "tidy_csv",
]

# scales the box that follows (up to its closing brace) down to the text width, never up
_FIT_WIDTH = r"\noindent\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{%"
_RULE = "="
# statsmodels' names for a summary's parts, answered by Summary.__getattr__
_STATSMODELS_PARTS = {
    "tables": (
        "statsmodels' summary().tables are text; the numbers of the coefficient table are "
        "the DataFrame s.frame (res.to_frame())"
    ),
    "as_html": "the HTML a notebook shows is s._repr_html_()",
    "extra_txt": "the notes are at the end of s.as_text()",
}


class Summary(SummaryContent):
    """Renderings of a fitted model: header, one coefficient block per equation, notes.

    Parameters
    ----------
    res : MNLogitResults
        The fit.
    odds_ratios : bool
        Show relative-risk ratios exp(b) with exp of the Wald interval (Stata's ``rrr``)
        instead of coefficients; their standard errors are exp(b) se(b) (delta method) and
        z and P>|z| still test b = 0.
    alpha : float
        Error rate, in (0, 0.5]: the confidence intervals are ``1 - alpha`` intervals.

    Notes
    -----
    ``str(summary)`` (or :meth:`as_text`) is the text table, ``_repr_html_`` shows it in
    notebooks, :meth:`as_markdown`, :meth:`as_latex` and :meth:`as_csv` export it. Every
    number comes from ``res.to_frame(alpha)``, kept as :attr:`frame`.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ np.log(distance) + income", mnlogit.datasets.load("travel"),
    ...                   ref="car")
    >>> s = res.summary(odds_ratios=True)
    >>> "bus vs car" in str(s) and "RRR" in str(s)
    True
    """

    if not TYPE_CHECKING:  # a type checker would then let any attribute name pass

        def __getattr__(self, name: str) -> Any:
            # only names the class lacks reach here: statsmodels' get this one's
            message = f"{type(self).__name__!r} object has no attribute {name!r}"
            hint = _STATSMODELS_PARTS.get(name)
            raise AttributeError(f"{message}; {hint}" if hint else message, name=name, obj=self)

    # --- text -------------------------------------------------------------------------------
    @answering_other_options
    def as_text(self) -> str:
        """The summary as a plain-text table (what ``str()`` gives).

        Returns
        -------
        str
            The title, the header in two columns, one coefficient block per equation, notes.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> print(res.summary().as_text())  # doctest: +ELLIPSIS
        Multinomial logit regression
        ==========...
        Formula    mode ~ parking
        Outcome    mode, 4 levels: bus, car, train, walk
        Reference  car
        ...
        bus vs car
          Intercept  -1.2404     0.0599  -20.7141  <0.0001   -1.3577   -1.1230
          parking     0.2645     0.0198   13.3607  <0.0001    0.2257    0.3033
        ...
        """
        top = tabulate(
            [(k, _visible(v)) for k, v in self._top], tablefmt="plain", disable_numparse=True
        )
        left, right = self._grid
        n = max(len(left), len(right))
        grid = [
            [
                *(left[k] if k < len(left) else ("", "")),
                "",
                *(right[k] if k < len(right) else ("", "")),
            ]
            for k in range(n)
        ]
        grid_text = tabulate(
            grid,
            tablefmt="plain",
            disable_numparse=True,
            colalign=("left", "right", "left", "left", "right"),
        )
        coef = self._text_coefficients()
        width = max(text_width(line) for line in (grid_text + "\n" + coef).splitlines())
        width = max(width, 72)
        if max(map(text_width, top.splitlines())) > width:
            # a formula of 30 predictors, or 40 outcome levels, set the width of every rule
            # and wrapped warning (hundreds of characters): their lines wrap instead
            top = _wrapped_items(self._top, width)
        rule = _RULE * width
        parts = [self.title]
        for message in self.warnings:
            parts.append(_wrap("WARNING: " + _visible(message), width))
        parts += [rule, top, "", grid_text, rule, coef, rule]
        if self.notes:
            parts.append("Notes:")
            parts += [
                _wrap(f"[{k}] {_visible(note)}", width, indent="    ")
                for k, note in enumerate(self.notes, 1)
            ]
        return "\n".join(parts)

    def _text_coefficients(self) -> str:
        rows = [[_visible(c) for c in row] for _, block in self.blocks for row in block]
        table = tabulate(
            rows,
            headers=self.columns,
            tablefmt="simple",
            disable_numparse=True,
            colalign=("left", *["right"] * 6),
        ).splitlines()
        lines = ["  " + line for line in table[:2]]
        body = iter(table[2:])
        for k, (title, block) in enumerate(self.blocks):
            if k:
                lines.append("")
            lines.append(_visible(title))
            lines += ["  " + next(body) for _ in block]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.as_text()

    def __repr__(self) -> str:
        return self.as_text()

    # --- HTML -------------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        """HTML for Jupyter: the header, one table section per equation, notes."""
        esc = html.escape
        left, right = self._grid
        out = [
            f'<div class="mnlogit-summary {NO_MATH}">',
            f"<p><strong>{esc(self.title)}</strong></p>",
        ]
        for message in self.warnings:
            out.append(
                f'<p style="color:#b00020"><strong>Warning:</strong> {esc(_visible(message))}</p>'
            )
        out.append('<table class="mnlogit-header">')
        for label, value in self._top:
            out.append(
                f'<tr><th style="text-align:left">{esc(label)}</th>'
                f'<td colspan="3" style="text-align:left">{esc(_visible(value))}</td></tr>'
            )
        for k in range(max(len(left), len(right))):
            cells = []
            for side in (left, right):
                label, value = side[k] if k < len(side) else ("", "")
                cells.append(
                    f'<th style="text-align:left">{_html_label(label)}</th>'
                    f'<td style="text-align:right">{esc(value)}</td>'
                )
            out.append(f"<tr>{''.join(cells)}</tr>")
        out.append("</table>")
        out.append(
            '<table class="mnlogit-coefficients"><thead><tr>'
            + "".join(f'<th style="text-align:right">{esc(c)}</th>' for c in self.columns)
            + "</tr></thead><tbody>"
        )
        for title, rows in self.blocks:
            out.append(
                f'<tr><th colspan="{len(self.columns)}" style="text-align:left">'
                f"{esc(title)}</th></tr>"
            )
            for row in rows:
                out.append(
                    f'<tr><th style="text-align:left">{esc(row[0])}</th>'
                    + "".join(f'<td style="text-align:right">{esc(c)}</td>' for c in row[1:])
                    + "</tr>"
                )
        out.append("</tbody></table>")
        if self.notes:
            out.append(
                "<p>Notes:</p><ol>"
                + "".join(f"<li>{esc(_visible(n))}</li>" for n in self.notes)
                + "</ol>"
            )
        out.append("</div>")
        return "\n".join(out)

    # --- Markdown ---------------------------------------------------------------------------
    @answering_other_options
    def as_markdown(self) -> str:
        """The summary in GitHub-flavoured Markdown (pipe tables).

        Returns
        -------
        str
            The title in bold, the header and one table per equation, notes as a list.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> print(res.summary().as_markdown().splitlines()[0])
        **Multinomial logit regression**
        """
        parts = [f"**{_md(self.title)}**", ""]
        for message in self.warnings:
            parts += [f"> **Warning:** {_md(message)}", ""]
        parts.append(
            tabulate(
                [(_md(k), _md(v)) for k, v in self.header],
                headers=["", ""],
                tablefmt="pipe",
                disable_numparse=True,
                colalign=("left", "left"),
            )
        )
        for title, rows in self.blocks:
            parts += ["", f"**{_md(title)}**", ""]
            parts.append(
                tabulate(
                    [[_md(c) for c in row] for row in rows],
                    headers=[_md(c) for c in self.columns],
                    tablefmt="pipe",
                    disable_numparse=True,
                    colalign=("left", *["right"] * 6),
                )
            )
        if self.notes:
            parts += ["", "Notes:", ""]
            parts += [f"{k}. {_md(note)}" for k, note in enumerate(self.notes, 1)]
        return "\n".join(parts)

    # --- LaTeX ------------------------------------------------------------------------------
    @answering_other_options
    def as_latex(self) -> str:
        """The summary as LaTeX (booktabs): a header tabular, the coefficient tabular, notes.

        Needs ``\\usepackage{booktabs}`` and ``\\usepackage{graphicx}``: a table wider than
        the text (long term names) is scaled down to the text width, never up. Every name is
        escaped (see :func:`latex_escape`), so the output compiles as is.

        Returns
        -------
        str
            LaTeX source to ``\\input`` into a document.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> print(res.summary().as_latex().splitlines()[1])
        \\begin{tabular}{lrlr}
        """
        left, right = self._grid
        # the title lines wrap at the text width instead of widening the table
        top = r"\multicolumn{4}{p{\dimexpr\linewidth-2\tabcolsep\relax}}{\raggedright "
        lines = [
            _FIT_WIDTH,
            r"\begin{tabular}{lrlr}",
            r"\toprule",
            top + rf"\textbf{{{latex_escape(self.title)}}}}} \\",
        ]
        tex, ref = self._latex_labels()
        res = self._res
        shown = {  # the levels as the tables below write them
            "Outcome": f"{latex_escape(level_text(res._data.outcome_name))}, "
            f"{len(res.outcomes)} levels: "
            + ", ".join(tex[item] for item in level_items(res.outcomes)),
            "Reference": tex[ref],
        }
        lines += [
            top + rf"{latex_escape(k)}: {shown.get(k) or latex_escape(_visible(v))}}} \\"
            for k, v in self._top
        ]
        lines.append(r"\midrule")
        for k in range(max(len(left), len(right))):
            cells = []
            for side in (left, right):
                label, value = side[k] if k < len(side) else ("", "")
                cells += [_tex_label(label), latex_escape(value)]
            lines.append(" & ".join(cells) + r" \\")
        lines += [r"\bottomrule", r"\end{tabular}}"]
        parts = ["\n".join(lines)]
        for message in self.warnings:
            parts.append(
                r"\par\smallskip\noindent\textbf{Warning:} " + latex_escape(_visible(message))
            )
        coefficients = self._latex_coefficients().rstrip("\n")
        parts.append("\n".join([r"\par\medskip", _FIT_WIDTH, coefficients + "}"]))
        if self.notes:
            notes = " ".join(
                f"[{k}] {latex_escape(_visible(n))}" for k, n in enumerate(self.notes, 1)
            )
            parts.append(r"\par\smallskip{\footnotesize\noindent Notes: " + notes + r"\par}")
        return "\n".join(parts) + "\n"

    def _latex_labels(self) -> tuple[dict[str, str], str]:
        """The LaTeX of the outcome levels and terms (those LaTeX would write alike written
        exactly: see :func:`latex_labels`), and the reference as the titles show it."""
        levels = [level_text(level) for level in self._res.outcomes]
        levels += level_items(self._res.outcomes)  # as the Outcome line lists them
        terms = [row[0] for _, rows in self.blocks for row in rows]
        return latex_labels(levels + terms), level_text(self._res.ref)

    def _latex_coefficients(self, warnings: bool = False) -> str:
        n = len(self.columns)
        lines = [
            rf"\begin{{tabular}}{{l{'r' * (n - 1)}}}",
            r"\toprule",
            " & ".join(latex_escape(c) for c in self.columns) + r" \\",
            r"\midrule",
        ]
        tex, ref = self._latex_labels()
        for k, (title, rows) in enumerate(self.blocks):
            if k:
                lines.append(r"\addlinespace")
            title = latex_title(title, ref, tex)
            lines.append(rf"\multicolumn{{{n}}}{{l}}{{\textit{{{title}}}}} \\")
            lines += [
                " & ".join([tex[row[0]], *map(latex_escape, row[1:])]) + r" \\" for row in rows
            ]
        # the table alone (res.to_latex: ``warnings``) goes into documents without the
        # summary's header and notes: what makes its numbers not final (no convergence,
        # separation) goes with it, and why some of its cells are empty
        messages = [("Warning:", m) for m in self.warnings] + [
            ("Note:", m) for m in self.table_notes
        ]
        res = self._res
        # a Firth fit's table, pasted into a paper, read as maximum-likelihood estimates
        messages.append(("Note:", penalised_estimates_note(res)))
        if res.solver.inference and not res.covariance.efficient:
            # robust, cluster-robust or design-based standard errors, which the table alone
            # did not say: pasted into a paper, they read as the model-based ones
            said = f"Standard errors: {res.covariance.describe(res._data)}"
            if res.df_design is not None:
                said += f"; t statistics on {count(res.df_design)} design degrees of freedom"
            messages.append(("Note:", said + "."))
        lines += [
            rf"\multicolumn{{{n}}}{{p{{0.9\linewidth}}}}{{\footnotesize\textbf{{{kind}}} "
            rf"{latex_escape(_visible(message))}}} \\"
            for kind, message in (messages if warnings else [])
            if message
        ]
        lines += [r"\bottomrule", r"\end{tabular}"]
        return "\n".join(lines) + "\n"

    # --- CSV --------------------------------------------------------------------------------
    @answering_other_options
    def as_csv(self) -> str:
        """The tidy table (``res.to_frame(alpha)``) as CSV text, full precision.

        The column of Wald statistics is headed by the statistic it holds, ``t`` for a survey
        fit (referred to t on its design degrees of freedom) and ``z`` otherwise, as the
        summary's column is: a file keeps none of the frame's ``attrs`` that say which.
        Labels that a spreadsheet would run as formulas or show as another number or as a
        date (``00``, ``1-2``), that pandas or R would read back as missing (``NA``), and
        that begin with ``'``, get a leading ``'`` (see
        :func:`~mnlogit.report._format.csv_safe`); numbers are written as they are.

        Returns
        -------
        str
            A header line, then one line per (outcome, term).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> print(res.summary().as_csv().splitlines()[0])
        outcome,term,estimate,std_error,z,pvalue,lower,upper,odds_ratio,or_lower,or_upper,diverged
        """
        if called_by_user():  # the text keeps none of the notes beside its NaN cells
            self._res._explain("summary.as_csv", self._frame)
        return tidy_csv(self._frame)

    @answering_other_options
    def to_frame(self) -> pd.DataFrame:
        """The tidy table the summary shows: ``res.to_frame(alpha)`` at its ``alpha``.

        A copy, as :meth:`mnlogit.ComparisonTable.to_frame` gives its table.

        Returns
        -------
        DataFrame
            One row per (outcome, term): estimate, std_error, z, pvalue, lower, upper,
            odds_ratio, or_lower, or_upper, diverged.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> round(float(res.summary(alpha=0.1).to_frame().loc[("bus", "parking"), "lower"]), 3)
        0.232
        """
        if called_by_user():  # the table keeps none of the notes beside its NaN cells
            self._res._explain("summary.to_frame", self._frame)
        return self._frame.copy()


def frame_to_latex(res: MNLogitResults, alpha: float = 0.05, odds_ratios: bool = False) -> str:
    """The coefficient table of ``res`` as a booktabs ``tabular`` (what ``res.to_latex`` writes).

    One panel per non-reference outcome; names are escaped so the table compiles.

    Parameters
    ----------
    res : MNLogitResults
        The fit.
    alpha : float
        Error rate, in (0, 0.5]: the intervals are ``1 - alpha`` Wald intervals.
    odds_ratios : bool
        Relative-risk ratios exp(b) and exp of the interval instead of coefficients.

    Returns
    -------
    str
        A ``tabular`` environment; needs ``\\usepackage{booktabs}``.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> print(mnlogit.report.frame_to_latex(res).splitlines()[0])
    \\begin{tabular}{lrrrrrr}
    """
    return Summary(res, odds_ratios=odds_ratios, alpha=alpha)._latex_coefficients(warnings=True)


def tidy_csv(frame: pd.DataFrame) -> str:
    """A fit's tidy table (:meth:`MNLogitResults.to_frame`) as the CSV text every export of
    it writes: labels passed through :func:`~mnlogit.report._format.csv_safe`, numbers in
    full, and the column ``z`` headed by the statistic it holds (``attrs["statistic"]``):
    a survey fit's file headed its t statistics z, with nothing left to say they are t.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> tidy_csv(res.to_frame()).splitlines()[0].split(",")[4]
    'z'
    """
    statistic = frame.attrs.get("statistic", "z")
    return csv_text(csv_safe(frame.rename(columns={"z": statistic})))


def penalised_estimates_note(res: MNLogitResults) -> str:
    """What the estimates of a penalised fit with standard errors (Firth's) are, said by a
    coefficient table kept apart from the summary, whose title names the method; or "".
    Pasted into a paper or saved as a frame, such a table read as maximum likelihood's.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.report.summary import penalised_estimates_note
    >>> df = mnlogit.datasets.load("travel")
    >>> penalised_estimates_note(mnlogit.fit("mode ~ parking", df, ref="car", method="firth"))
    'Estimates: bias-reduced (Firth).'
    """
    if not (res.solver.penalized and res.solver.inference):
        return ""
    pseudo = "pseudo-" if res._data.design is not None else ""
    return f"Estimates: {pseudo}{res.solver.label}."


def _wrapped_items(items: list[tuple[str, str]], width: int) -> str:
    """The header items as ``tabulate`` lays them out, each value wrapped at its spaces to
    ``width`` and continued under itself."""
    indent = max(len(key) for key, _ in items) + 2
    return "\n".join(
        _wrap(_visible(value), width, indent=" " * indent, initial=f"{key:<{indent}}")
        for key, value in items
    )
