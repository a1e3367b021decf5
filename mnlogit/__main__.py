"""The command line: fit a model from a CSV file or a bundled data set and print its summary.

::

    mnlogit fit DATA.csv "risk ~ age + income" --ref low [--weights COL]
                [--cov robust|cluster --groups COL] [--method newton|firth] [--odds-ratios]
                [--alpha A] [--csv OUT] [--latex OUT] [--iia] [--sep SEP]
                [--na-values TEXT [TEXT ...]] [--decimal C] [--thousands C] [--skip N]
                [--encoding NAME]
    mnlogit fit --dataset travel "mode ~ np.log(distance) + income" --ref car
    mnlogit compare DATA.csv "f1" "f2" [...] --ref L [--names A,B] [--odds-ratios] [--stars]
                [--se parentheses|brackets|ci|none] [--alpha A] [--latex OUT] [--csv OUT]
    mnlogit datasets [NAME]

A CSV file's outcome column, the columns the formula uses only as ``C(column)`` and the
``--groups`` column are read as written: "0", "00" and "1" are three levels, "1" and "1.0"
two, and ``--ref`` names a level by exactly its text (a ``--groups`` column that a formula
reads as numbers, with one number written two ways, is refused). ``-`` as the data file (or a pipe
such as ``/dev/stdin``) reads standard input; a file or stream compressed with gzip, bzip2,
xz, zip or zstd is read as such. Its first line (after the ``--skip N`` lines) is the
header: a comment line there is refused with the lines to skip. Only empty cells are missing,
plus any text given to ``--na-values``; the rows dropped for missing values are counted on
stderr, column by column, and text that data files write for a missing value ("NA", ".")
in the outcome, a factor of text or the clusters is a level, pointed out in a note. The
outputs of ``--csv`` and ``--latex`` may not be the data file; ``--csv`` writes tabs when its
file's name ends .tsv or .tab, otherwise commas.
When the maximum-likelihood fit finds separation, the bias-reduced (Firth) fit is printed too.
Errors are one line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import inspect
import io
import numbers
import os
import sys
from typing import Any

import numpy as np
import pandas as pd
from tabulate import tabulate

from . import __version__, datasets
from ._cli_advice import for_the_command_line
from ._cli_datasets import describe as describe_dataset
from ._cli_errors import UsageError, home_file, one_line, refuse_iia_beside
from ._cli_files import formula_columns, read_data
from ._cli_header import FILE_NOTES, alike_names
from ._cli_labels import date_notes, label_notes, yyyymmdd_notes
from ._cli_names import check_formulas_safe
from ._cli_numbers import check_counts, check_numbers_with_text
from ._cli_outputs import check_outputs, compare_names, delimited, tab_separated
from ._cli_parser import Parser, alpha_value, misread_words, refuse_two_formulas
from ._cli_roles import check_roles, dropped_note, refusal_named, rows_dropped_said
from ._cli_show import (
    Shown,
    escape_what_stdout_cannot_encode,
    option_spelling,
    stdout_to_devnull,
    table_text,
    tell,
)
from ._cli_show import quiet as _quiet
from ._levels import near_level
from ._methods import METHODS
from .api import fit
from .covariance import COVARIANCES, DEFAULT_COV_TYPE, Spelling
from .exceptions import (
    LevelError,
    MNLogitError,
)
from .model import MNLogit
from .report._compare_checks import SE_STYLES
from .report._files import write_text
from .report._format import coverage, level_text
from .report.cli import compare_note, export_note, iia_text, rerun_note
from .report.compare import compare
from .results import MNLogitResults

__all__ = ["main"]

EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
# the covariance rules' messages, with the options named as this command line spells them
FLAGS = Spelling(cov_type="--cov {}", option="--cov", groups="--groups", groups_hint=" COL")


def _default(option: str) -> Any:
    """The default of ``mnlogit.fit``'s ``option``, so that the command line's is the same."""
    return inspect.signature(fit).parameters[option].default


def _choices(table: dict[str, Any]) -> str:
    return ", ".join(f"{name}: {entry.label}" for name, entry in table.items())


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="mnlogit", description="Multinomial logistic regression.")
    parser.add_argument("--version", action="version", version=f"mnlogit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{fit,compare,datasets}")

    f = sub.add_parser(
        "fit",
        help="fit a model and print its summary",
        description="Fit a multinomial logit and print its summary.",
    )
    f.add_argument(
        "data",
        nargs="?",
        metavar="DATA.csv",
        help="CSV file, or - for standard input (omit when --dataset is given)",
    )
    f.add_argument("formula", metavar="FORMULA", help='e.g. "risk ~ age + income"')
    f.add_argument("--dataset", metavar="NAME", help="use a bundled data set (mnlogit datasets)")
    f.add_argument("--data", dest="dataset", help=argparse.SUPPRESS)  # R's data = d.csv
    f.add_argument(
        "--ref",
        metavar="LEVEL",
        help="reference outcome (default: the first level, as R's multinom; Stata's "
        "mlogit takes the most frequent outcome)",
    )
    f.add_argument("--weights", metavar="COL", help="column of frequency weights")
    f.add_argument(
        "--cov",
        choices=tuple(COVARIANCES),
        default=_default("cov_type"),
        help=f"covariance ({_choices(COVARIANCES)}; default %(default)s)",
    )
    clustered = " or ".join(
        FLAGS.cov_type.format(n) for n, c in COVARIANCES.items() if c.needs_groups
    )
    f.add_argument("--groups", metavar="COL", help=f"column of cluster identifiers ({clustered})")
    f.add_argument(
        "--method",
        choices=tuple(METHODS),
        default=_default("method"),
        help=f"estimator ({_choices(METHODS)}; default %(default)s)",
    )
    f.add_argument(
        "--odds-ratios",
        action="store_true",
        help="show relative-risk ratios exp(coef) instead of coefficients",
    )
    f.add_argument(
        "--alpha",
        type=alpha_value,
        default=0.05,
        metavar="A",
        help="confidence intervals at level 1 - A (default 0.05)",
    )
    f.add_argument(
        "--csv",
        metavar="OUT",
        help="write the tidy coefficient table as CSV (tab-separated for a .tsv or .tab name)",
    )
    f.add_argument("--latex", metavar="OUT", help="write the coefficient table as LaTeX")
    f.add_argument(
        "--iia",
        action="store_true",
        help="also print Hausman-McFadden tests of IIA, each level omitted in turn",
    )
    f.add_argument(
        "--sep",
        metavar="SEP",
        help="the CSV file's delimiter, e.g. ';' or '\\t' (default: tab for .tsv and .tab "
        "files, otherwise a comma)",
    )
    f.add_argument(
        "--na-values",
        nargs="+",
        action="extend",
        default=[],
        metavar="TEXT",
        help="cell texts that mean a missing value, e.g. --na-values NA . "
        "(default: only empty cells are missing; such text in a column of labels is a "
        "level, which a note points out)",
    )
    _number_format_arguments(f)
    _max_iter_argument(f)

    _compare_parser(sub)

    d = sub.add_parser(
        "datasets",
        help="list the bundled data sets, or describe one",
        description="List the bundled data sets, or describe one.",
    )
    d.add_argument("name", nargs="?", metavar="NAME", help="the bundled data set to describe")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, or 2 after a one-line error, 130
    when interrupted)."""
    if sys.stdout is None:  # started with it closed (`>&-`): print() would drop every table
        print(
            "mnlogit: error: standard output is closed, so nothing could be shown; redirect "
            "it to a file or to /dev/null",
            file=sys.stderr,
        )
        return EXIT_ERROR
    escape_what_stdout_cannot_encode()
    try:
        args = _parser().parse_args(argv)
        if args.command == "fit":
            return _fit(args)
        if args.command == "datasets":
            return _datasets(args)
        if args.command == "compare":
            return _compare(args)
        raise UsageError(
            "choose a command: 'mnlogit fit ...', 'mnlogit compare ...' or 'mnlogit datasets' "
            "(see 'mnlogit --help')"
        )
    except KeyboardInterrupt:  # Ctrl-C: the user knows where it stopped, not a traceback
        tell("mnlogit: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading: not an error
        stdout_to_devnull()
        return 1
    except (
        UsageError,
        MNLogitError,
        OSError,
        pd.errors.ParserError,
        pd.errors.EmptyDataError,
        UnicodeDecodeError,
    ) as exc:
        told = misread_words(sys.argv[1:] if argv is None else argv) or one_line(exc)
        tell(f"mnlogit: error: {for_the_command_line(told)}")
        return EXIT_ERROR


# --- mnlogit datasets ---------------------------------------------------------------------------
def _datasets(args: argparse.Namespace) -> int:
    show = Shown()  # as fit's tables: a reader that leaves, a full disk
    if args.name is not None:
        show(describe_dataset(args.name))
        return show.status
    rows = []
    for name in datasets.list_datasets():
        d = datasets.info(name)
        rows.append((name, d["rows"], d["title"]))
    show(tabulate(rows, headers=("name", "rows", "description"), tablefmt="simple"))
    show(
        "\nDescribe one with 'mnlogit datasets NAME'; fit one with "
        "'mnlogit fit --dataset NAME \"y ~ x\" --ref LEVEL'."
    )
    return show.status


# --- mnlogit fit --------------------------------------------------------------------------------
def match_level(text: str, levels: tuple, outcome: str = "y", *, exact: bool = False) -> Any:
    """The outcome level that the command-line text ``text`` names.

    The text matches a level whose ``str()`` is the same; unless ``exact``, for numeric
    levels it also matches the same number ("2" matches 2.0), and "true"/"false" match
    boolean levels.
    """
    for lv in levels:
        if str(lv) == text:
            return lv
    for lv in () if exact else levels:
        if isinstance(lv, (bool, np.bool_)):
            if text.lower() == str(bool(lv)).lower():
                return lv
        elif isinstance(lv, numbers.Real):
            try:
                if float(text) == float(lv):
                    return lv
            except ValueError:
                pass
    # levels holding a comma ('1,200') are quoted, or the list reads as other levels
    # and ' 1' beside '1' too, as the summary shows it: the list read "levels are  1, 1"
    shown = map(repr if any("," in str(lv) for lv in levels) else level_text, levels)
    raise LevelError(
        f"--ref {text!r} is not a level of outcome {outcome!r}; levels are "
        f"{', '.join(shown)}{near_level(text, levels)}"
    )


def _check_alpha(alpha: float) -> None:
    if not 0 < alpha <= 0.5:
        raise UsageError(
            f"--alpha: expected a number in (0, 0.5]; got {alpha:g}. It is the error rate: "
            "--alpha 0.05 gives 95% intervals"
        )


def _fit(args: argparse.Namespace) -> int:
    _check_alpha(args.alpha)
    refuse_two_formulas(args.data, args.formula)
    _check_order("fit", args.data, args.formula, args.dataset)
    COVARIANCES[args.cov].check_groups(args.groups, FLAGS, given=args.cov is not DEFAULT_COV_TYPE)
    refuse_iia_beside(args.iia, args.cov, args.method)
    # a formula is code: only column names and transforms
    check_formulas_safe(args, [args.formula])
    df = read_data(args)
    check_outputs(args)
    outcome, predictors = formula_columns(args.formula, df)
    if args.data is not None:
        marks = (args.decimal, args.thousands)
        check_numbers_with_text(df, args.formula, predictors, args.weights, marks)
        named = [outcome, *predictors, args.weights, args.groups]
        for line in [
            *df.attrs.get(FILE_NOTES, []),
            *alike_names(df.columns, named),
            *label_notes(df, outcome, predictors, args.groups),
            *yyyymmdd_notes(df, [args.formula], predictors),
        ]:
            tell(line)
    check_counts(df, args.weights)
    check_roles(df, [outcome, *predictors], args.weights, args.groups, args.na_values)
    with rows_dropped_said(df, [outcome, *predictors]):
        model = _model(args, df, args.formula)
        res = _quiet(model.fit, method=args.method, cov_type=args.cov, max_iter=args.max_iter)
    # before anything is shown, so that a refusal (two outcome levels) is the only output;
    # a test not computed says why in the table's notes, so its warning is not repeated
    iia = _quiet(iia_text, res, for_the_command_line) if args.iia else None
    show = Shown()
    for line in date_notes(df, [args.formula], predictors) if args.data is not None else []:
        tell(line)
    if res.n_dropped:
        tell(dropped_note(df, [outcome, *predictors], res.n_dropped))
    show(option_spelling(res.summary(odds_ratios=args.odds_ratios, alpha=args.alpha)))
    if res.separation is not None and not res.solver.penalized:
        show()
        # a Firth fit's sandwich is refused on separated data: the refit is model-based
        model_based = {"cov_type": "nonrobust"} if args.cov != "nonrobust" else {}
        show(
            f"Separation ({res.separation.kind}): the maximum-likelihood estimates do not "
            f"exist.\nRefitting with --method firth (bias-reduced estimates, finite under "
            f"separation{'; model-based covariance' if model_based else ''}):\n"
        )
        options = {"cov_type": args.cov, "max_iter": args.max_iter, **model_based}
        firth = _quiet(model.fit, method="firth", **options)
        show(option_spelling(firth.summary(odds_ratios=args.odds_ratios, alpha=args.alpha)))
        if note := rerun_note(firth):  # the exports hold the other fit
            show(note)
    elif not (args.csv or args.latex) and (note := rerun_note(res)):
        show(note)  # the summary says it in Python; the exports' note says it with them
    # written here, so that a failure names the option given, not the method behind it
    if args.csv is not None:
        table = io.StringIO()
        res.to_csv(table, alpha=args.alpha)
        write_text(args.csv, delimited(table.getvalue(), args.csv), "--csv")
        # the columns are named lower and upper whatever --alpha is: read later, they pass
        # for 95% intervals
        level = "" if args.alpha == 0.05 else f" ({coverage(args.alpha)} intervals)"
        show(f"\nWrote the coefficient table to {args.csv}{_tabs(args.csv)}{level}")
    if args.latex is not None:
        tex = res.to_latex(alpha=args.alpha, odds_ratios=args.odds_ratios)
        write_text(args.latex, tex, "--latex")
        show(f"\nWrote the LaTeX table to {args.latex}")
    if (args.csv or args.latex) and (note := export_note(res, args.csv is not None)):
        show(note)
    if iia is not None:
        show()
        show(iia)
    return show.status


def _tabs(out: str) -> str:
    return " (tab-separated, as its name says)" if tab_separated(out) else ""


def _model(args: argparse.Namespace, df: pd.DataFrame, formula: str, name: str = "") -> MNLogit:
    """The model of ``formula``, built once, with the reference ``--ref`` names among the
    levels of the rows fitted (which only the built model knows); ``name``: its column of
    ``mnlogit compare``, which its warnings name."""
    roles = {"weights": args.weights, "groups": args.groups}
    model = _quiet(MNLogit.from_formula, formula, df, said_of=name, **roles)
    if args.ref is None:
        return model
    data = model._data
    try:
        # a data file's levels are text as written, and named by exactly that text
        ref = match_level(args.ref, data.levels, data.outcome_name, exact=args.data is not None)
    except LevelError:
        outcome = data.outcome_name
        if args.ref in getattr(args, "na_values", []):  # the rows dropped said only 'missing'
            raise LevelError(
                f"--ref {args.ref!r} is among --na-values, which read its cells in every "
                "column as missing, so no row of it is fitted: leave it out of --na-values, "
                "or name another reference"
            ) from None
        if outcome not in df.columns or not (df[outcome].astype(str) == args.ref).any():
            raise
        # the level is in the data: saying it is not a level sent the user to the file
        raise LevelError(
            f"--ref {args.ref!r}: outcome {outcome!r} has that level in the data, but none of "
            "its rows is fitted (each misses a value the formula uses, or has weight 0); the "
            f"levels fitted are {', '.join(map(level_text, data.levels))}"
        ) from None
    return model._with_ref(ref)


def _check_order(command: str, data: str | None, formula: str, dataset: str | None) -> None:
    """Refuse a formula given where the data file goes, or none: ``fit d.csv`` or
    ``fit "y ~ x" d.csv`` was refused as "formula 'd.csv' has no outcome"."""
    if ("~" in formula and not home_file(formula)) or dataset is not None:
        return
    if not os.path.exists(os.path.expanduser(formula)):
        return
    if data is None:
        raise UsageError(
            f"{formula!r} is the data file, and no formula follows it: mnlogit {command} "
            f'{formula} "outcome ~ predictors"'
        )
    if "~" in data:
        raise UsageError(
            f"the data file comes before the formula: mnlogit {command} {formula} {data!r}"
            + (" ..." if command == "compare" else "")
        )


# --- mnlogit compare ----------------------------------------------------------------------------
def _compare_parser(sub: Any) -> None:
    c = sub.add_parser(
        "compare",
        help="fit several formulas and print them side by side",
        description="Fit several formulas on the same data and print a table of them side "
        "by side (one column per model).",
    )
    c.add_argument(
        "data",
        nargs="?",
        metavar="DATA.csv",
        help="CSV file, or - for standard input (omit when --dataset is given)",
    )
    c.add_argument("formulas", nargs="+", metavar="FORMULA", help="two or more formulas")
    c.add_argument("--dataset", metavar="NAME", help="use a bundled data set (mnlogit datasets)")
    c.add_argument("--data", dest="dataset", help=argparse.SUPPRESS)  # R's data = d.csv
    c.add_argument(
        "--ref",
        metavar="LEVEL",
        help="reference outcome (default: the first level, as R's multinom; Stata's "
        "mlogit takes the most frequent outcome)",
    )
    c.add_argument("--weights", metavar="COL", help="column of frequency weights")
    c.add_argument(
        "--cov", choices=tuple(COVARIANCES), default=_default("cov_type"), help="covariance"
    )
    c.add_argument("--groups", metavar="COL", help="cluster column for --cov cluster")
    c.add_argument(
        "--method", choices=tuple(METHODS), default=_default("method"), help="estimation method"
    )
    c.add_argument(
        "--names",
        action="append",
        metavar="A,B,...",
        help='column headers, comma-separated (a name holding a comma in double quotes, "x, y"), '
        "or --names once per formula, each one name",
    )
    c.add_argument("--odds-ratios", action="store_true", help="relative-risk ratios exp(coef)")
    c.add_argument("--stars", action="store_true", help="mark p < 0.05, 0.01, 0.001")
    c.add_argument(
        "--se",
        choices=SE_STYLES,
        default=inspect.signature(compare).parameters["se"].default,
        help="what goes under each estimate (default: its standard error in parentheses)",
    )
    c.add_argument(
        "--alpha", type=alpha_value, metavar="A", help="--se ci: intervals at 1 - A (default 0.05)"
    )
    c.add_argument("--latex", metavar="OUT", help="write the table as LaTeX (booktabs)")
    c.add_argument(
        "--csv", metavar="OUT", help="write the table's cells as CSV (tabs for .tsv, .tab)"
    )
    c.add_argument("--sep", metavar="SEP", help="the CSV file's delimiter (as for fit)")
    c.add_argument(
        "--na-values",
        nargs="+",
        action="extend",
        default=[],
        metavar="TEXT",
        help="cell texts that mean a missing value (as for fit)",
    )
    _number_format_arguments(c)
    _max_iter_argument(c)


def _max_iter_argument(p: argparse.ArgumentParser) -> None:
    # a fit stopped by the limit says to raise it; the command line must offer the way
    p.add_argument(
        "--max-iter",
        type=_positive_int,
        default=_default("max_iter"),
        metavar="N",
        help="iteration limit of each fit (default %(default)s)",
    )


def _positive_int(text: str, least: int = 1) -> int:
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or int(digits) < least:
        what = "a positive whole number" if least else "a whole number, 0 or more"
        raise argparse.ArgumentTypeError(f"expected {what}; got {text!r}")
    return int(text)


def _number_format_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--decimal",
        metavar="CHAR",
        default=".",
        help="the decimal mark of the file's numbers, e.g. ',' for 12,5 (default: '.')",
    )
    p.add_argument(
        "--thousands",
        metavar="CHAR",
        help="the thousands separator of the file's numbers, e.g. ',' for 1,200",
    )
    p.add_argument(
        "--skip",
        type=lambda text: _positive_int(text, least=0),
        default=0,
        metavar="N",
        help="skip the N lines before the header, such as comment lines (default 0)",
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="the file's text encoding, e.g. cp1252 for Excel's 'CSV' on Windows or latin-1 "
        "(default: UTF-8, or UTF-16 by its byte-order mark)",
    )


def _compare(args: argparse.Namespace) -> int:
    # the first formula, not a file; a file beside --dataset is refused by read_data
    if args.dataset is not None and args.data is not None and "~" in args.data:
        args.formulas, args.data = [args.data, *args.formulas], None
    COVARIANCES[args.cov].check_groups(args.groups, FLAGS, given=args.cov is not DEFAULT_COV_TYPE)
    for formula in args.formulas:
        _check_order("compare", args.data, formula, args.dataset)
    if len(args.formulas) < 2:
        raise UsageError("compare needs at least two formulas")
    if args.alpha is not None and args.se != "ci":  # the table has no other intervals
        raise UsageError(f"--alpha sets the intervals of --se ci; got --se {args.se}")
    _check_alpha(alpha := 0.05 if args.alpha is None else args.alpha)
    check_formulas_safe(args, args.formulas)  # code: refused before the data are read, as by fit
    names = compare_names(args.names, args.formulas)
    args.formula = args.formulas[0]  # read_data takes the outcome's column from it
    df = read_data(args)
    check_outputs(args)  # before anything is fitted: never over the data file read
    if args.data is not None:  # as fit: the command-line advice, not the library's
        used: list[str] = []
        for formula in args.formulas:
            predictors = formula_columns(formula, df)[1]
            marks = (args.decimal, args.thousands)
            check_numbers_with_text(df, formula, predictors, args.weights, marks)
            used += [name for name in predictors if name not in used]
        outcome = formula_columns(args.formulas[0], df)[0]
        named = [outcome, *used, args.weights, args.groups]
        notes = [
            *label_notes(df, outcome, used, args.groups),
            *yyyymmdd_notes(df, args.formulas, used),
        ]
        for line in [*df.attrs.get(FILE_NOTES, []), *alike_names(df.columns, named), *notes]:
            tell(line)
    check_counts(df, args.weights)
    for formula in args.formulas:  # each on the rows its fit keeps
        outcome, predictors = formula_columns(formula, df)
        check_roles(df, [outcome, *predictors], args.weights, args.groups, args.na_values)
    options = {"cov_type": args.cov, "max_iter": args.max_iter, "method": args.method}
    fits: list[MNLogitResults] = []
    for name, formula in zip(names, args.formulas, strict=True):
        outcome, predictors = formula_columns(formula, df)
        # a refusal names the model, and on the rows kept says which were dropped
        with refusal_named(name, formula), rows_dropped_said(df, [outcome, *predictors]):
            if not fits:
                first = _model(args, df, formula, name)
                ref = None if args.ref is None else first._data.ref  # else each one's first
                fits.append(_quiet(first.fit, said_of=name, **options))
                continue
            roles = {"weights": args.weights, "groups": args.groups}
            fits.append(_quiet(fit, formula, df, said_of=name, ref=ref, **roles, **options))
    for name, formula, res in zip(names, args.formulas, fits, strict=True):
        for line in date_notes(df, [formula], formula_columns(formula, df)[1]):
            tell(line.replace("note: ", f"note: {name}: ", 1))
        if res.n_dropped:  # as fit says it, and before compare may refuse a lost level
            outcome, predictors = formula_columns(formula, df)
            tell(dropped_note(df, [outcome, *predictors], res.n_dropped, name))
    table = compare(
        fits, names=names, odds_ratios=args.odds_ratios, stars=args.stars, se=args.se, alpha=alpha
    )
    show = Shown()
    show(table_text(table))
    if note := compare_note(fits, table.names):  # the table says it in Python
        show(note)
    if args.latex is not None:
        write_text(args.latex, table.as_latex(), "--latex")
        show(f"\nWrote the LaTeX table to {args.latex}")
    if args.csv is not None:
        write_text(args.csv, delimited(table.as_csv(), args.csv), "--csv")
        show(f"\nWrote the table's cells to {args.csv}{_tabs(args.csv)}")
    return show.status


if __name__ == "__main__":
    sys.exit(main())
