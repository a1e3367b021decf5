"""Tables the command line prints beside the summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tabulate import tabulate

from .._checks import statistic_name
from .._iia_rank import SUEST_HINT
from .._separation_advice import firth_advice
from .._test_result import not_final
from ._format import count, level_text, shown_or_not, stat, visible
from ._format import pval as _pval
from ._format import wrap as _wrap

__all__ = ["compare_note", "export_note", "iia_text", "rerun_note"]

_SUEST_HERE = (
    "the suest test, a generalized one, runs in Python: mnlogit.fit(...).iia_test(omit, "
    "method='suest')."
)


def iia_text(res: Any, said: Callable[[str], str] | None = None) -> str:
    """Hausman–McFadden IIA tests omitting each outcome in turn, as the command line prints them.

    Parameters
    ----------
    res : MNLogitResults
        A maximum-likelihood fit with model-based covariance and at least three outcomes.
    said : callable, optional
        Each note said otherwise before it is wrapped: the command line's advice in its own
        options (a fit stopped by its iteration limit is told ``--max-iter``, not Python's
        ``max_iter``).

    Returns
    -------
    str
        A title, one table row per omitted outcome (chi2, df, p-value, whether V is positive
        definite) and the numbered notes.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.report.cli import iia_text
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> print(iia_text(res))  # doctest: +ELLIPSIS
    Hausman-McFadden tests of Independence of Irrelevant Alternatives (H0: the odds between
    the remaining outcomes do not depend on the omitted one)
    omitted  chi2  df  P>chi2  V pos. def.  note
    ...
    """
    table = res.iia_table()
    notes: list[str] = []
    rows = []
    # column by column: a row of iterrows() is one Series, which turns the None of a test
    # not computed into NaN, and NaN reads as true ("yes")
    for omitted, chi2, df, p, pd_ok, note in zip(
        table.index,
        table["statistic"],
        table["df"],
        table["pvalue"],
        table["positive_definite"].tolist(),
        table["note"].tolist(),
        strict=True,
    ):
        # the command line has no way to ask for suest: it is Python's to run
        note = str(note or "").replace(SUEST_HINT, _SUEST_HERE)
        if note and said is not None:
            note = said(note)
        if note:
            notes.append(note)
        rows.append(
            [
                # as the summary shows levels: ' a' beside 'a', a line break kept on its row
                visible(level_text(omitted)),
                # a test not computed: '--', as the summary's cells (its note says why)
                # as a test's text and the summary show a chi2: 12345678.9012, not 1.235e+07
                shown_or_not(stat, chi2),
                shown_or_not(count, df),
                shown_or_not(_pval, p),
                "" if pd_ok is None else "yes" if pd_ok else "no",
                f"[{len(notes)}]" if note else "",
            ]
        )
    text = tabulate(
        rows,
        headers=("omitted", "chi2", "df", "P>chi2", "V pos. def.", "note"),
        tablefmt="simple",
        disable_numparse=True,
        colalign=("left", "right", "right", "right", "right", "left"),
    )
    lines = [
        _wrap(
            "Hausman-McFadden tests of Independence of Irrelevant Alternatives (H0: the "
            "odds between the remaining outcomes do not depend on the omitted one)",
            88,
        ),
        text,
    ]
    lines += [_wrap(f"[{k}] {note}", 88, indent="    ") for k, note in enumerate(notes, 1)]
    return "\n".join(lines)


def export_note(res: Any, csv: bool) -> str:
    """What the files written hold when it is not the fit's final estimates, or "".

    That is the maximum-likelihood fit of separated data (not the Firth refit shown), or the
    point where a fit that stopped short of its estimates stopped; of a Firth fit of
    separated data, a CSV file's Wald cells that are unreliable. A CSV keeps no note, so it
    is said here, where the run writes it.

    Parameters
    ----------
    res : MNLogitResults
        The fit whose tables were written.
    csv : bool
        Whether a CSV file was among them.

    Returns
    -------
    str
        The note, in brackets, with the command line's option to use; "" when the files hold
        the fit's final estimates.

    Examples
    --------
    >>> import warnings
    >>> import mnlogit
    >>> from mnlogit.report.cli import export_note
    >>> df = mnlogit.datasets.load("travel")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     stopped = mnlogit.fit("mode ~ income", df, ref="car", max_iter=1)
    >>> "--max-iter" in export_note(stopped, csv=True)
    True
    >>> export_note(mnlogit.fit("mode ~ income", df, ref="car"), csv=True)
    ''
    """
    if res.separation is not None and not res.solver.penalized:
        rerun = firth_advice(res._data.in_memory, res.covariance, verb="rerun with", gives="")
        return (
            f"(the exported tables hold the maximum-likelihood fit; {_as_options(rerun)} to "
            "export the bias-reduced one)"
        )
    silent = "; the CSV file does not say so" if csv else ""
    why = not_final(res)
    if why is not None:
        return (
            f"(the exported tables hold the values where the fit stopped, not final: it "
            f"{why[0]}{silent}; {_as_options(why[1])})"
        )
    # a Firth fit of separated data: the LaTeX table carries the summary's note, a CSV
    # file's Wald cells of the coefficients finite only through the penalty none
    if csv and res.solver.penalized and res.solver.inference and res._penalised_wald_note():
        return (
            f"(the CSV file's {statistic_name(res.df_design)} statistics, p-values and "
            "intervals of the coefficients finite "
            "only through Firth's penalty are Wald's, unreliable there, as the summary's note "
            f"says{silent})"
        )
    return ""


def _as_options(advice: str) -> str:
    """The library's advice with the command line's options for its keywords."""
    for python, option in (
        ("max_iter", "--max-iter"),
        ('method="firth"', "--method firth"),
        ("method='firth'", "--method firth"),
        ("cov_type='nonrobust'", "--cov nonrobust"),
    ):
        advice = advice.replace(python, option)
    return advice


def rerun_note(res: Any) -> str:
    """What to rerun a fit that is not final with, as the command line's options, or "".

    Its summary says it in Python ("Increase max_iter", 'refit with method="firth"'), which
    the command line writes ``--max-iter`` and ``--method firth``.

    Parameters
    ----------
    res : MNLogitResults
        The fit whose summary was shown.

    Returns
    -------
    str
        One line in parentheses, or "" when the fit's estimates are final.

    Examples
    --------
    >>> import warnings
    >>> import mnlogit
    >>> from mnlogit.report.cli import rerun_note
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     stopped = mnlogit.fit("mode ~ income", mnlogit.datasets.load("travel"), max_iter=1)
    >>> rerun_note(stopped).startswith("(the fit did not converge in 1 iteration: refit with")
    True
    >>> "--max-iter" in rerun_note(stopped)
    True
    """
    why = not_final(res)
    return "" if why is None else f"(the fit {why[0]}: {_as_options(why[1])})"


def compare_note(fits: Any, names: Any) -> str:
    """What ``mnlogit compare`` can rerun with, said as its options, or "".

    The table's notes say it in Python (refit with ``method="firth"``, with a larger
    ``max_iter``), which the command line writes ``--method firth`` and ``--max-iter``.

    Parameters
    ----------
    fits : list of MNLogitResults
        The fits of the table.
    names : list of str
        Their column headers.

    Returns
    -------
    str
        One line in parentheses, or "" when every fit converged without separation.

    Examples
    --------
    >>> import warnings
    >>> import mnlogit
    >>> from mnlogit.report.cli import compare_note
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     risk = mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"))
    >>> print(compare_note([risk], ["full"]))
    (full is separated: rerun with --method firth for finite bias-reduced estimates)
    """
    pairs = list(zip(names, fits, strict=True))
    separated = [n for n, r in pairs if r.separation and not r.solver.penalized]
    # stopped by the iteration limit: one that diverged or stalled has its own advice
    stopped = [n for n, r in pairs if not_final(r) and not (r.diverged or r._core.stalled)]
    said = []
    if separated:
        # as the fits can follow it: a robust one's Firth refit takes --cov nonrobust
        advice = {
            _as_options(firth_advice(r._data.in_memory, r.covariance, verb="rerun with")): 0
            for n, r in pairs
            if n in separated
        }
        said.append(
            f"{', '.join(map(visible, separated))} "
            f"{'is' if len(separated) == 1 else 'are'} separated: "
            f"{'; '.join(advice)}"
        )
    if stopped:
        said.append(
            f"{', '.join(map(visible, stopped))} stopped before converging: rerun with a "
            "larger --max-iter"
        )
    return f"({'; '.join(said)})" if said else ""
