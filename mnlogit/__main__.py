"""The command line: fit a model from a CSV file or a bundled data set and print its summary.

::

    mnlogit fit DATA.csv "risk ~ age + income" --ref low [--weights COL]
                [--cov robust|cluster --groups COL] [--method newton|firth] [--odds-ratios]
                [--alpha A] [--csv OUT] [--latex OUT] [--iia] [--sep SEP]
                [--na-values TEXT [TEXT ...]]
    mnlogit fit --dataset travel "mode ~ np.log(distance) + income" --ref car
    mnlogit compare DATA.csv "f1" "f2" [...] --ref L [--names A,B] [--odds-ratios] [--stars]
                [--se parentheses|brackets|ci|none] [--latex OUT] [--csv OUT]
    mnlogit datasets [NAME]

A CSV file's outcome column, the columns the formula uses only as ``C(column)`` and the
``--groups`` column are read as written: "0", "00" and "1" are three levels, "1" and "1.0"
two, and ``--ref`` names a level by exactly its text. Only empty cells are missing,
plus any text given to ``--na-values``; the rows dropped for missing values are counted on
stderr, column by column. The outputs of ``--csv`` and ``--latex`` may not be the data file.
When the maximum-likelihood fit finds separation, the bias-reduced (Firth) fit is printed too.
Errors are one line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import inspect
import numbers
import os
import re
import sys
import warnings
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd
from tabulate import tabulate

from . import __version__, datasets
from ._columns import COMMA_NUMBER
from ._levels import near_level
from ._methods import METHODS
from ._terms import factor_only
from .api import fit
from .covariance import COVARIANCES, Spelling
from .exceptions import ConvergenceWarning, LevelError, MNLogitError, SeparationWarning
from .formula import check_formula_safe, parse_formula, required_columns
from .model import MNLogit
from .report.cli import iia_text
from .report.compare import compare
from .results import MNLogitResults

__all__ = ["main"]

EXIT_ERROR = 2
# the covariance rules' messages, with the options named as this command line spells them
FLAGS = Spelling(cov_type="--cov {}", groups="--groups", groups_hint=" COL")


class UsageError(Exception):
    """A command-line mistake: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would print the usage block and exit
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _default(option: str) -> Any:
    """The default of ``mnlogit.fit``'s ``option``, so that the command line's is the same."""
    return inspect.signature(fit).parameters[option].default


def _choices(table: dict[str, Any]) -> str:
    return ", ".join(f"{name}: {entry.label}" for name, entry in table.items())


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mnlogit", description="Multinomial logistic regression.")
    parser.add_argument("--version", action="version", version=f"mnlogit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{fit,compare,datasets}")

    f = sub.add_parser(
        "fit",
        help="fit a model and print its summary",
        description="Fit a multinomial logit and print its summary.",
    )
    f.add_argument(
        "data", nargs="?", metavar="DATA.csv", help="CSV file (omit when --dataset is given)"
    )
    f.add_argument("formula", metavar="FORMULA", help='e.g. "risk ~ age + income"')
    f.add_argument("--dataset", metavar="NAME", help="use a bundled data set (mnlogit datasets)")
    f.add_argument("--ref", metavar="LEVEL", help="reference outcome (default: the first level)")
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
        type=float,
        default=0.05,
        metavar="A",
        help="confidence intervals at level 1 - A (default 0.05)",
    )
    f.add_argument("--csv", metavar="OUT", help="write the tidy coefficient table as CSV")
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
        "(default: only empty cells are missing)",
    )
    _number_format_arguments(f)

    _compare_parser(sub)

    d = sub.add_parser(
        "datasets",
        help="list the bundled data sets, or describe one",
        description="List the bundled data sets, or describe one.",
    )
    d.add_argument("name", nargs="?", metavar="NAME")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, or 2 after a one-line error)."""
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
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (
        UsageError,
        MNLogitError,
        OSError,
        pd.errors.ParserError,
        pd.errors.EmptyDataError,
        UnicodeDecodeError,
    ) as exc:
        print(f"mnlogit: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_ERROR


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"no such file: {exc.filename!r}"
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"cannot read {exc.filename!r}: {exc.strerror}"
    return " ".join(str(exc).split()) or type(exc).__name__


# --- mnlogit datasets ---------------------------------------------------------------------------
def _datasets(args: argparse.Namespace) -> int:
    if args.name is not None:
        print(datasets.describe(args.name))
        return 0
    rows = []
    for name in datasets.list_datasets():
        d = datasets.info(name)
        rows.append((name, d["rows"], d["title"]))
    print(tabulate(rows, headers=("name", "rows", "description"), tablefmt="simple"))
    print(
        "\nDescribe one with 'mnlogit datasets NAME'; fit one with "
        "'mnlogit fit --dataset NAME \"y ~ x\" --ref LEVEL'."
    )
    return 0


# --- mnlogit fit --------------------------------------------------------------------------------
_TAB_NAMES = {"\\t": "\t", "tab": "\t", "TAB": "\t"}
# a whole number as a program writes it (no sign, leading zero or decimals): as an integer it
# prints as it was written, and integer levels sort as numbers ("2" before "10")
_PLAIN_INTEGER = r"-?(0|[1-9][0-9]{0,17})"


def _read(args: argparse.Namespace) -> pd.DataFrame:
    if args.dataset is not None and args.data is not None:
        raise UsageError(
            f"give either a data file ({args.data!r}) or --dataset {args.dataset}, not both"
        )
    if args.dataset is not None:
        for flag, given in (
            ("--sep", args.sep),
            ("--na-values", args.na_values),
            ("--decimal", args.decimal != "."),
            ("--thousands", args.thousands),
        ):
            if given:
                raise UsageError(f"{flag} applies to a data file, not to --dataset")
        return datasets.load(args.dataset)
    if args.data is None:
        raise UsageError("give a data file (mnlogit fit DATA.csv FORMULA) or --dataset NAME")
    path = Path(args.data)
    if not path.is_file():
        raise UsageError(
            f"no such file: {args.data!r}" if not path.exists() else f"{args.data!r} is not a file"
        )
    if args.sep is not None:
        sep = _TAB_NAMES.get(args.sep, args.sep)
        if sep == "":
            raise UsageError("--sep: expected a delimiter such as ',' or ';'; got ''")
    else:
        sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    for flag, mark in (("--decimal", args.decimal), ("--thousands", args.thousands)):
        if mark is not None and len(mark) != 1:
            raise UsageError(f"{flag}: expected one character such as ',' or '.'; got {mark!r}")
    if args.thousands is not None and args.thousands == args.decimal:
        raise UsageError(f"--thousands and --decimal are both {args.decimal!r}")
    outcome = parse_formula(args.formula)[0]
    as_written = _columns_as_written(args, outcome)
    # a delimiter of several characters is a regular expression, which only the python
    # engine reads (the C engine falls back to it with a ParserWarning)
    engine = "python" if len(sep) > 1 else "c"
    try:
        _check_header(path, sep, engine, args.data)
        df = pd.read_csv(
            path,
            sep=sep,
            engine=engine,
            dtype=dict.fromkeys(as_written, str),  # "0" and "00", "1" and "1.0" stay apart
            keep_default_na=False,  # "NA" or "None" may be a level or a category
            na_values=["", *args.na_values],
            decimal=args.decimal,
            thousands=args.thousands,
        )
    except pd.errors.EmptyDataError:
        raise UsageError(f"{args.data!r} is empty: expected a header row of column names") from None
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found is None:
            raise UsageError(f"{args.data!r} cannot be read as CSV: {_one_line(exc)}") from None
        header, line, saw = found.groups()
        raise UsageError(
            f"{args.data!r}: line {line} has {saw} fields where the header has {header}; "
            f"quote the fields that hold the delimiter {sep!r}, or give the delimiter with --sep"
        ) from None
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{args.data!r} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at position "
            f"{exc.start}); save it as UTF-8 CSV"
        ) from None
    if args.sep is None and df.shape[1] == 1:
        only = str(df.columns[0])
        for mark, shown in ((";", ";"), ("\t", "\\t"), ("|", "|")):
            if mark in only:
                raise UsageError(
                    f"{args.data!r} reads as one column named {only[:60]!r}: its fields look "
                    f"separated by {shown!r}; pass --sep '{shown}'"
                )
    for name in as_written:
        if name in df.columns:
            df[name] = _as_written(df[name])
    return df


def _columns_as_written(args: argparse.Namespace, outcome: str) -> list[str]:
    """The columns whose values are labels, read as text as written: the outcome, and the
    columns (the ``--groups`` clusters among them) every formula uses only as ``C(column)``
    or not at all.

    Read as numbers, the codes "0" and "00" (or "1" and "1.0") were one value: two levels of
    a ``C(code)`` factor became one, and two clusters one, with nothing said.
    """
    formulas = getattr(args, "formulas", None) or [args.formula]
    if args.groups is not None and args.groups != outcome:
        # the clusters as if written C(...): labels, unless a formula reads them as numbers
        formulas = [*formulas, f"{_formula_word(outcome)} ~ C(Q({args.groups!r}))"]
    return [outcome, *sorted(_categories_only(formulas))]


def _categories_only(formulas: list[str]) -> set[str]:
    """The columns that every formula uses only as ``C(column)`` (or ``C(Q('column'))``)."""
    return factor_only(
        f for text in formulas for term in parse_formula(text)[1].rhs for f in term.factors
    )


def _check_header(path: Path, sep: str, engine: str, shown: str) -> None:
    """Refuse a header that names a column twice: pandas reads the second 'x' as 'x.1', so
    the formula's x would silently be the first of them (a data frame with duplicated
    names is refused as well)."""
    header = pd.read_csv(path, sep=sep, engine=engine, header=None, nrows=1, dtype=str)
    names = [str(v) for v in header.iloc[0].tolist()] if len(header) else []
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise UsageError(
            f"{shown!r}: the header names column(s) {', '.join(map(repr, repeated))} more than "
            "once; rename the duplicates so that the formula names one column each"
        )


def _as_written(column: pd.Series) -> pd.Series:
    """A column of labels read as text, as integers when every value is a whole number
    written plainly: each level still prints as written, and they sort as numbers."""
    text = column.dropna()
    if len(text) and text.str.fullmatch(_PLAIN_INTEGER).all():
        return column.astype("Int64")
    return column


def _formula_columns(formula: str, df: pd.DataFrame) -> tuple[str, list[str]]:
    """The outcome column and the predictor columns that ``formula`` reads from ``df``."""
    outcome, parsed = parse_formula(formula)
    factors = [f for term in parsed.rhs for f in term.factors]
    return outcome, required_columns(factors, parsed.rhs.required_variables, df.columns)


def _check_numbers_with_text(
    df: pd.DataFrame, formula: str, predictors: list[str], weights: str | None = None
) -> None:
    """Refuse a predictor or weights column of numbers with a few cells of text in it, such
    as "NA" or ".": read with only empty cells missing, it would be text, and a factor of
    every value (the library's message then quoted a weight of '1' as the bad value)."""
    categories = _categories_only([formula])  # on purpose: "NA" is then a level
    for name in [*predictors, *([weights] if weights else [])]:
        if name not in df.columns or df[name].dtype.kind in "biufcmM":
            continue
        if name != weights and name in categories:
            continue
        values = df[name].dropna().astype(str)
        numbers = pd.to_numeric(values, errors="coerce").notna()
        comma = values[~numbers].str.strip().str.fullmatch(COMMA_NUMBER)
        if comma.any():
            example = values[~numbers][comma].iloc[0]
            raise UsageError(
                f"column {name!r} holds numbers written with a thousands separator or a "
                f"decimal comma (e.g. {example!r}): pass --thousands ',' (1,200) or "
                f"--decimal ',' (12,5); to use the column as categories, write "
                f"C({_formula_word(name)}) in the formula"
            )
        texts = values[~numbers].value_counts()
        if numbers.sum() > (~numbers).sum() and 0 < len(texts) <= 3:
            found = ", ".join(f"{t!r} ({k} rows)" for t, k in texts.items())
            if name == weights:
                raise UsageError(
                    f"--weights column {name!r} holds numbers and the text {found}: every row "
                    "needs a number as its weight (a missing weight does not drop its row); "
                    "write 0 to leave a row out"
                )
            raise UsageError(
                f"column {name!r} holds numbers and the text {found}: if that text marks "
                f"missing values, add --na-values {' '.join(map(_shell_word, texts.index))}; "
                f"to use the column as categories, write C({_formula_word(name)}) in the formula"
            )


def _formula_word(name: str) -> str:
    """A column name as a formula writes it: in backticks unless it is an identifier."""
    return name if name.isidentifier() else f"`{name}`"


def _shell_word(text: str) -> str:
    return text if re.fullmatch(r"[\w.,:/+-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): then only the same path is the same
        return Path(a).resolve() == Path(b).resolve()


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse outputs that would overwrite the data file, or each other."""
    outputs = [(flag, out) for flag, out in (("--csv", args.csv), ("--latex", args.latex)) if out]
    for flag, out in outputs:
        folder = Path(out).parent
        if not folder.is_dir():
            raise UsageError(f"{flag} {out!r}: the folder {str(folder)!r} does not exist")
        if args.data is not None and _same_file(out, args.data):
            raise UsageError(
                f"{flag} {out!r} is the data file being read; write the table to another file"
            )
        _check_writable(flag, out)
    if len(outputs) == 2 and _same_file(args.csv, args.latex):
        raise UsageError(f"--csv and --latex both write {args.csv!r}; give them different files")


def _check_writable(flag: str, out: str) -> None:
    """Refuse an output that cannot be written before the fit, not after its summary: the
    file is opened for appending (nothing in it changes), and removed if it was not there."""
    existed = os.path.lexists(out)
    try:
        with open(out, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise UsageError(f"{flag} {out!r} cannot be written: {exc.strerror}") from None
    if not existed:
        os.remove(out)


def _dropped_note(df: pd.DataFrame, needed: list[str], n_dropped: int) -> str:
    """One line: how many rows were dropped for missing values, and in which columns."""
    present = [name for name in needed if name in df.columns]
    counts = df[present].isna().sum()
    where = ", ".join(f"{name} ({k})" for name, k in counts[counts > 0].items())
    return f"mnlogit: note: {n_dropped} of {len(df)} rows dropped for missing values in {where}"


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
    raise LevelError(
        f"--ref {text!r} is not a level of outcome {outcome!r}; levels are "
        f"{', '.join(map(str, levels))}{near_level(text, levels)}"
    )


def _fit(args: argparse.Namespace) -> int:
    if not 0 < args.alpha <= 0.5:
        raise UsageError(
            f"--alpha: expected a number in (0, 0.5]; got {args.alpha:g}. alpha is the error "
            "rate: alpha=0.05 gives 95% intervals"
        )
    COVARIANCES[args.cov].check_groups(args.groups, FLAGS)
    if args.iia and not (COVARIANCES[args.cov].efficient and not METHODS[args.method].penalized):
        # refused before the fit: after it, the summary printed and the refusal spoke of
        # method='suest', which the command line has no way to ask for
        raise UsageError(
            "--iia prints Hausman-McFadden tests, which compare maximum-likelihood fits with "
            f"the model-based covariance; got --cov {args.cov} --method {args.method} (use "
            "--cov nonrobust --method newton, or mnlogit.fit(...).iia_test(omit, "
            "method='suest') in Python for robust or clustered errors)"
        )
    check_formula_safe(args.formula)  # a formula is code: only column names and transforms
    df = _read(args)
    _check_outputs(args)
    outcome, predictors = _formula_columns(args.formula, df)
    if args.data is not None:
        _check_numbers_with_text(df, args.formula, predictors, args.weights)
    ref = None
    if args.ref is not None:
        data = MNLogit.from_formula(
            args.formula, df, weights=args.weights, groups=args.groups
        )._data
        # a data file's levels are text as written, and named by exactly that text
        ref = match_level(args.ref, data.levels, data.outcome_name, exact=args.data is not None)
    options = {"ref": ref, "weights": args.weights, "cov_type": args.cov, "groups": args.groups}

    res = _quiet_fit(args.formula, df, method=args.method, **options)
    if res.n_dropped:
        print(_dropped_note(df, [outcome, *predictors], res.n_dropped), file=sys.stderr)
    print(res.summary(odds_ratios=args.odds_ratios, alpha=args.alpha))
    if res.separation is not None and not res.solver.penalized:
        print()
        # a Firth fit's sandwich is refused on separated data: the refit is model-based
        model_based = {"cov_type": "nonrobust", "groups": None} if args.cov != "nonrobust" else {}
        print(
            f"Separation ({res.separation.kind}): the maximum-likelihood estimates do not "
            f'exist.\nRefitting with method="firth" (bias-reduced estimates, finite under '
            f"separation{'; model-based covariance' if model_based else ''}):\n"
        )
        firth = _quiet_fit(args.formula, df, method="firth", **{**options, **model_based})
        print(firth.summary(odds_ratios=args.odds_ratios, alpha=args.alpha))
    if args.csv is not None:
        res.to_csv(args.csv, alpha=args.alpha)
        print(f"\nWrote the coefficient table to {args.csv}")
    if args.latex is not None:
        res.to_latex(args.latex, alpha=args.alpha, odds_ratios=args.odds_ratios)
        print(f"\nWrote the LaTeX table to {args.latex}")
    if (args.csv or args.latex) and res.separation is not None and not res.solver.penalized:
        print(
            "(the exported tables hold the maximum-likelihood fit; rerun with --method firth "
            "to export the bias-reduced one)"
        )
    if args.iia:
        print()
        print(iia_text(res))
    return 0


def _quiet_fit(formula: str, df: pd.DataFrame, **options: Any) -> MNLogitResults:
    """Fit, showing warnings as one line each; separation and convergence are in the summary."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = fit(formula, df, **options)
    for w in caught:
        if not issubclass(w.category, (SeparationWarning, ConvergenceWarning)):
            print(f"mnlogit: warning: {' '.join(str(w.message).split())}", file=sys.stderr)
    return res


# --- mnlogit compare ----------------------------------------------------------------------------
def _compare_parser(sub: Any) -> None:
    c = sub.add_parser(
        "compare",
        help="fit several formulas and print them side by side",
        description="Fit several formulas on the same data and print a table of them side "
        "by side (one column per model).",
    )
    c.add_argument(
        "data", nargs="?", metavar="DATA.csv", help="CSV file (omit when --dataset is given)"
    )
    c.add_argument("formulas", nargs="+", metavar="FORMULA", help="two or more formulas")
    c.add_argument("--dataset", metavar="NAME", help="use a bundled data set (mnlogit datasets)")
    c.add_argument("--ref", metavar="LEVEL", help="reference outcome (default: the first level)")
    c.add_argument("--weights", metavar="COL", help="column of frequency weights")
    c.add_argument(
        "--cov", choices=("nonrobust", "robust", "cluster"), default="nonrobust", help="covariance"
    )
    c.add_argument("--groups", metavar="COL", help="cluster column for --cov cluster")
    c.add_argument("--method", choices=tuple(METHODS), default="newton", help="estimation method")
    c.add_argument("--names", metavar="A,B,...", help="column headers, comma-separated")
    c.add_argument("--odds-ratios", action="store_true", help="relative-risk ratios exp(coef)")
    c.add_argument("--stars", action="store_true", help="mark p < 0.05, 0.01, 0.001")
    c.add_argument(
        "--se",
        choices=("parentheses", "brackets", "ci", "none"),
        default="parentheses",
        help="what goes under each estimate (default: its standard error in parentheses)",
    )
    c.add_argument("--latex", metavar="OUT", help="write the table as LaTeX (booktabs)")
    c.add_argument("--csv", metavar="OUT", help="write the table's cells as CSV")
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


def _compare(args: argparse.Namespace) -> int:
    if args.dataset is not None and args.data is not None:  # the first formula, not a file
        args.formulas, args.data = [args.data, *args.formulas], None
    if args.groups is not None and args.cov != "cluster":
        raise UsageError("--groups is used with --cov cluster")
    if args.cov == "cluster" and args.groups is None:
        raise UsageError("--cov cluster needs --groups COL")
    if len(args.formulas) < 2:
        raise UsageError("compare needs at least two formulas")
    for formula in args.formulas:  # code: refused before the data are read, as by fit
        check_formula_safe(formula)
    names = None if args.names is None else [n.strip() for n in args.names.split(",")]
    args.formula = args.formulas[0]  # _read takes the outcome's column from it
    df = _read(args)
    _check_outputs(args)  # before anything is fitted: never over the data file read
    if args.data is not None:  # as fit: the command-line advice, not the library's
        for formula in args.formulas:
            _check_numbers_with_text(df, formula, _formula_columns(formula, df)[1], args.weights)
    ref = None
    if args.ref is not None:
        data = MNLogit.from_formula(
            args.formulas[0], df, weights=args.weights, groups=args.groups
        )._data
        ref = match_level(args.ref, data.levels, data.outcome_name, exact=args.data is not None)
    options = {"ref": ref, "weights": args.weights, "cov_type": args.cov, "groups": args.groups}
    fits = [_quiet_fit(f, df, method=args.method, **options) for f in args.formulas]
    table = compare(fits, names=names, odds_ratios=args.odds_ratios, stars=args.stars, se=args.se)
    print(table)
    if args.latex is not None:
        Path(args.latex).write_text(table.as_latex(), encoding="utf-8")
        print(f"\nWrote the LaTeX table to {args.latex}")
    if args.csv is not None:
        Path(args.csv).write_text(table.as_csv(), encoding="utf-8")
        print(f"\nWrote the table's cells to {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
