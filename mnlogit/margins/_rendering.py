"""How a :class:`~mnlogit.margins.result.Margins` table is shown: as text and as HTML, from
the same cells."""

from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from .._checks import statistic_name
from ..report._format import (
    NO_MATH,
    count,
    level_text,
    num,
    pval,
    quantile_labels,
    shown_or_not,
    text_width,
    value_label,
    visible,
    wrap,
)
from ._kinds import margin_kind

if TYPE_CHECKING:  # for annotations only: result imports this module
    from .result import Margins

__all__ = ["html_table", "text"]


def text(m: Margins) -> str:
    """The table as text: its title, header lines, the table and its notes."""
    headers, rows = _cells(m)
    n_keys = len(m.at_columns) + 1
    table = tabulate(
        rows,
        headers=headers,
        tablefmt="simple",
        disable_numparse=True,
        colalign=("left",) * n_keys + ("right",) * 6,
    )
    width = max(72, *(text_width(line) for line in table.splitlines()))
    # the outcome's and variables' names as the table's header writes them: a line break
    # split the title or a note, a right-to-left override reversed the rest of its line
    parts = [visible(m.title), *map(visible, _header(m)), table]
    parts += [wrap(visible(note), width) for note in m._notes]
    return "\n".join(parts)


def html_table(m: Margins) -> str:
    """The table as HTML (a notebook's rendering), with the cells of :func:`text`."""
    headers, rows = _cells(m)
    esc = html.escape
    out = [f'<div class="{NO_MATH}">', f"<p><strong>{esc(visible(m.title))}</strong><br>"]
    out.append("<br>".join(esc(visible(line)) for line in _header(m)) + "</p>")
    out.append("<table><thead><tr>")
    out += [f"<th>{esc(h)}</th>" for h in headers]
    out.append("</tr></thead><tbody>")
    n_keys = len(m.at_columns) + 1
    for row in rows:
        cells = [f'<td style="text-align:left">{esc(c)}</td>' for c in row[:n_keys]]
        cells += [f'<td style="text-align:right">{esc(c)}</td>' for c in row[n_keys:]]
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    out += [f"<p>{esc(visible(note))}</p>" for note in m._notes]
    return "\n".join([*out, "</div>"])


def _cells(m: Margins) -> tuple[list[str], list[list[str]]]:
    lo, hi = quantile_labels(m.alpha)
    stat = statistic_name(m.df)  # as the summary's columns
    headers = [*map(visible, m.at_columns), "outcome", "estimate", "std err", stat]
    headers += [f"P>|{stat}|"]
    headers += [f"[{lo}", f"{hi}]"]
    rows = []
    # a p-value below the intervals' level keeps the decimals that show it below
    shown = {"pvalue": partial(pval, alpha=m.alpha)}
    for (_, key), (_, s) in zip(m._keys.iterrows(), m._stats.iterrows(), strict=True):
        rows.append(
            # a level read from a file can hold a line break, which would split the row,
            # or white space around it, which the table would strip
            [visible(level_text(_written(m, c, key[c]))) for c in m.at_columns]
            + [visible(level_text(key["outcome"]))]
            + [
                shown_or_not(shown.get(c, num), s[c])
                for c in ("estimate", "std_error", "z", "pvalue", "lower", "upper")
            ]
        )
    return headers, rows


def _written(m: Margins, column: str, value: Any) -> str:
    """A value of the table: a factor's level as its effects write it, else short."""
    return str(value) if column in m._factors else value_label(value)


def _header(m: Margins) -> list[str]:
    expression = f"{m.quantity} of each outcome"
    expression += margin_kind(m.kind).expression
    lines = [f"Expression: {expression}", f"Covariance: {m.covariance}"]
    if m.df is not None:
        lines.append(f"t and P>|t| on {count(m.df)} design degrees of freedom")
    return lines
