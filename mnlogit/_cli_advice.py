"""The library's advice in Python code, said for the command line: a user of ``mnlogit fit``
has a data file, not a DataFrame, so ``df.rename(columns=...)`` or ``df['y'].str.strip()``
is no step they can take. Each rule rewrites one of the library's sentences that the command
line reaches (its tests run each through ``main``); other messages pass unchanged."""

from __future__ import annotations

import ast
import difflib
import re

from ._cli_errors import shell_word

__all__ = ["for_the_command_line", "near_choice", "option_for_the_command_line"]

_NAME = r"""(?:'[^']*'|"[^"]*")"""
_COLUMN = rf"df\[{_NAME}\]"
_STR_CALLS = r"(?:\.str\.\w+\([^()]*\))+"
_RULES = (
    # a fit stopped by its iteration limit (an IIA test's note, the summary's LR note)
    (re.compile(r"\ba larger max_iter\b"), "a larger --max-iter"),
    # two levels that print alike (Unicode forms, invisible characters, other spaces)
    (
        re.compile(rf"write them alike first, e\.g\. {_COLUMN} = {_COLUMN}{_STR_CALLS}"),
        "write them alike in the file",
    ),
    # --ref typed in another Unicode form than the file's level
    (
        re.compile(r"write it as the level is, unicodedata\.normalize\('(NF[CD])', \.\.\.\)"),
        r"give it as the file writes the level (Unicode form \1), e.g. copied from the file",
    ),
    # a column named as the intercept or as a function of the formula; the parentheses
    # around the example go with it, not one that closes a remark the example ends
    (
        re.compile(rf",? \(e\.g\. df\.rename\(columns=\{{{_NAME}: ({_NAME})\}}\)\)"),
        r" in the file's header (e.g. to \1)",
    ),
    (
        re.compile(rf",? e\.g\. df\.rename\(columns=\{{{_NAME}: ({_NAME})\}}\)"),
        r" in the file's header (e.g. to \1)",
    ),
    # a formula's name and the header's in two Unicode forms
    (
        re.compile(r"write the names alike first, e\.g\. df\.columns = .*?\.normalize\('NFKC'\)"),
        "write the names alike in the formula and the file's header",
    ),
    (
        re.compile(
            r"write the formula and the columns in one form, unicodedata\.normalize\('NFKC', "
            r"formula\) and df\.columns = df\.columns\.str\.normalize\('NFKC'\)"
        ),
        "write the formula and the file's header in one form",
    ),
    # a column of numbers and words: the words are made missing by --na-values
    (
        re.compile(
            rf"make the words missing first, e\.g\. {_COLUMN} = pd\.to_numeric\({_COLUMN}, "
            r"errors='coerce'\)"
        ),
        "make the words missing first, by giving them to --na-values",
    ),
    # levels that differ by the spaces around them
    (
        re.compile(rf"clean the column first \(e\.g\. {_COLUMN} = {_COLUMN}\.str\.strip\(\)\)"),
        "remove the spaces around the cells' text in the file",
    ),
    (
        re.compile(
            rf"clean the column first \(e\.g\. {_COLUMN} = {_COLUMN}"
            r"\.str\.strip\(\)\.str\.upper\(\)\)"
        ),
        "remove the spaces around the cells' text in the file and write each level in one "
        "letter case",
    ),
    # R's cluster() and lme4's (1|g): clustered standard errors are options of the command
    (
        re.compile(r"cov_type='cluster', groups=('[^']*') in mnlogit\.fit\(\)"),
        r"--cov cluster --groups \1",
    ),
    (
        re.compile(r"fit with cov_type='cluster', groups=('[^']*')"),
        r"fit with --cov cluster --groups \1",
    ),
    # R's relevel() or factor() on the outcome: the reference is an option
    (
        re.compile(r"and ref=(.+?) in mnlogit\.fit\(\)"),
        r"and give the level with --ref \1",
    ),
    # the reference of compare's later models, given to mnlogit.fit by --ref
    (
        re.compile(r"^ref=((?:'[^']*'|\"[^\"]*\"|\S+)) is not a level of outcome"),
        r"--ref \1 is not a level of outcome",
    ),
    # a level that only rows dropped for missing values held: the rows are in the file
    (
        re.compile(
            r"fill in the missing values to keep these rows, or drop the rows first "
            r"\(df\.dropna\(subset=\[\.\.\.\]\)\) to fit without this warning"
        ),
        "fill in the missing values in the file to keep these rows, or remove the rows from "
        "the file to fit without this warning",
    ),
    # a very rare outcome level: Firth's fit is an option; the bands are cut in the file
    # (with a robust or cluster-robust covariance, the model-based one Firth's fit takes)
    (
        re.compile(r"or use method='firth'( and cov_type='nonrobust')?\."),
        lambda m: f"or use --method firth{' and --cov nonrobust' if m[1] else ''}.",
    ),
    # a sandwich's standard errors of rare levels, or of levels in one cluster, beside which
    # the model-based ones are the comparison
    (
        re.compile(r"\(compare the model-based ones, cov_type='nonrobust'\)"),
        "(compare the model-based ones, --cov nonrobust)",
    ),
    (re.compile(r"cut it into bands first \(pd\.cut\)"), "cut it into bands in the file first"),
    # an outcome of a level per row or two, and more columns than rows: the command has no
    # penalty, which Python's fit takes
    (re.compile(r"cut it into bands \(pd\.cut\)"), "cut it into bands in a column of the file"),
    (
        re.compile(r", or fit with penalty='l2'"),
        ", or fit with an L2 penalty in Python: mnlogit.fit(formula, df, penalty='l2')",
    ),
    # an expression as the outcome: a data file's outcome is read as text, and --ref picks
    # the reference, where Python has a Categorical set the levels' order
    (
        re.compile(r"\(a pandas Categorical sets the levels' order\)"),
        "(--ref names the reference level)",
    ),
    (
        re.compile(
            r"Compute the outcome column first \(a pandas Categorical sets the level order\)"
        ),
        "Compute the outcome column in the file first",
    ),
    # R's functions in the formula whose advice was a step in pandas
    (
        re.compile(
            r"write the column converted before the fit, e\.g\. df\[col\] = "
            r"pd\.to_numeric\(df\[col\]\)"
        ),
        "write the column as it is: a column of the file that holds only numbers is read as "
        "numbers",
    ),
    (
        re.compile(
            r"write the column cut before the fit, e\.g\. df\['band'\] = "
            r"pd\.cut\(df\[col\], bins\), as C\(band\)"
        ),
        "write the bands in a column of the file, as C(band)",
    ),
    (
        re.compile(r"write (design=mnlogit\.SurveyDesign\(strata='column'\)) in mnlogit\.fit\(\)"),
        r"fit in Python with \1 in mnlogit.fit()",
    ),
    # integers past 2**53, a name in a call that is no column, a lag, a fill of missing
    # values and R's median(): each a column to compute, which a user of the command line
    # computes in the file
    (
        re.compile(
            rf"subtract a constant first, e\.g\. {_COLUMN} = {_COLUMN} - {_COLUMN}\.min\(\)"
        ),
        "subtract a constant from the column in the file first",
    ),
    (
        re.compile(
            r"a formula reads the data's columns, not Python variables: to use one, add it as "
            r"a column first \(df\.assign\(\w+=\w+\)\)"
        ),
        "a formula reads the file's columns: to use another value, add it as a column of the file",
    ),
    (
        re.compile(
            r"add the lagged column to the data \(df\.assign\(.*?\.shift\(1\)\) and name it in the "
            r"formula: rows where it is missing are dropped with missing='drop'"
        ),
        "add the lagged column to the file (shifted within groups where the rows are "
        "grouped) and name it in the formula: rows where it is missing are dropped",
    ),
    (
        re.compile(
            rf"fill in the column before the fit, e\.g\. {_COLUMN} = {_COLUMN}\.fillna\(0\)"
        ),
        "fill in the column in the file",
    ),
    (
        re.compile(r"the column computed before the fit, e\.g\. df\['x_c'\] = .*?\.median\(\)"),
        "the column computed before the fit, in the file",
    ),
    # a sandwich refused for a Firth fit of separated data, in the command's options
    (
        re.compile(r"\bcov_type='(\w+)' with method='(\w+)': the data are"),
        r"--cov \1 with --method \2: the data are",
    ),
    (
        re.compile(r"use cov_type='nonrobust', the model-based covariance of the penalised fit"),
        "use --cov nonrobust, the model-based covariance of the penalised fit",
    ),
    # a separated robust fit's advice: Firth's refit takes the model-based covariance
    (
        re.compile(r"""\band cov_type=(["'])nonrobust\1 for finite bias-reduced"""),
        "and --cov nonrobust for finite bias-reduced",
    ),
    # a Firth fit's notes: the likelihood-ratio tests of nested fits are run in Python only
    (
        re.compile(r"likelihood-ratio tests \(against the null, mnlogit\.lr_test, anova\)"),
        "likelihood-ratio tests (the summary's against the null; of nested fits, in Python, "
        "mnlogit.lr_test and anova)",
    ),
    (
        re.compile(
            r"test them by the penalised likelihood-ratio test, anova\(\) or mnlogit\.lr_test "
            r"of the fit without them\."
        ),
        "test them by the penalised likelihood-ratio test of the fit without them, which the "
        "command line does not run: in Python, res.anova() or mnlogit.lr_test(smaller, res).",
    ),
    # dates written as text: converted in the file, as the command line reads no dates
    (
        re.compile(
            r"convert the column first, e\.g\. df\[('[^']*'|\"[^\"]*\")\] = \(pd\.to_datetime\(.*?"
            r"\.dt\.days \(days since a date of your choice\)"
        ),
        r"add a column of numbers for it to the file (e.g. days since a date of your choice, "
        r"or the year) and use that in the formula",
    ),
    # a level written with a backtick, which no formula can hold: replaced in the file
    (
        re.compile(
            rf"replace it in the data first, e\.g\. {_COLUMN} = {_COLUMN}\.str\.replace\("
            r"'`', '_'\), and write"
        ),
        "replace it in the file first (e.g. by _), and write",
    ),
    # R's arguments after the formula (lm(y ~ x, data = df)): the command's are options
    (
        re.compile(
            r"give the formula alone, and the data and options as mnlogit\.fit's arguments, "
            r"mnlogit\.fit\('y ~ x', df, \.\.\.\)"
        ),
        "give the formula alone: the data file and options are the command's, "
        "mnlogit fit DATA.csv 'y ~ x' --weights COL",
    ),
    # the summary's note on Stata's vce(robust)
    (
        re.compile(r"cov_type='cluster' with each row its own group gives them"),
        "--cov cluster with --groups a column numbering the rows gives them",
    ),
    # Stata's weights written into the formula: frequency weights are the command's
    (
        re.compile(
            rf"give them as mnlogit\.fit\(({_NAME}), df, weights='([^']*)'"
            r"((?:, \w+=(?:'[^']*'|[\w.]+))*)\) \(frequency weights, the default\)"
        ),
        # the options after Stata's comma (ref=, cov_type=, groups=) are the command's too
        lambda m: (
            f"give them as --weights {m[2]}{option_for_the_command_line(m[3]).replace(',', '')}"
            f", with the formula {m[1]}"
        ),
    ),
    (
        re.compile(r"give them as (mnlogit\.fit\(.*weight_type='probability'\))"),
        r"the command line fits frequency weights only (--weights): sampling weights are "
        r"fitted in Python, \1",
    ),
    # Stata's options written into the formula
    (
        re.compile(
            r"are arguments of mnlogit\.fit: ref= for baseoutcome\(\), cov_type= and groups= "
            r"for vce\(\), summary\(odds_ratios=True\) for rrr, alpha= for level\(\)"
        ),
        "are options of the command: --ref for baseoutcome(), --cov and --groups for vce(), "
        "--odds-ratios for rrr, --alpha for level()",
    ),
)


def for_the_command_line(message: str) -> str:
    """``message`` with the library's Python advice said as a step on the data file."""
    for pattern, replacement in _RULES:
        message = pattern.sub(replacement, message)
    return message


# the Python options that are the command's options, as the command spells them
_FLAGS = {"cov_type": "--cov", "max_iter": "--max-iter"} | {
    name: f"--{name}" for name in ("ref", "groups", "weights", "method", "alpha")
}
_OPTION = re.compile(rf"\b({'|'.join(_FLAGS)})=('[^']*'|[\w.]+)?")
# the Python hints' remarks on what only Python has, or said as the command line does it
_OPTION_RULES = (
    (
        re.compile(r"cov_type= \('(\w+)', or '(\w+)' with groups=\)"),
        r"--cov \1, or --cov \2 with --groups COL",
    ),
    (re.compile(r" \(a fit's res\.with_ref\(level\) changes it without refitting\)"), ""),
    (re.compile(r" \(a survey design's: psu=\)"), ""),
    (re.compile(r"res\.odds_ratios\(\) and res\.summary\(odds_ratios=True\)"), "--odds-ratios"),
    (re.compile(r"\bodds_ratios=True"), "--odds-ratios"),
    (re.compile(r" in summary\(\), conf_int\(\)"), ""),
    (re.compile(r"max_iter=, tol="), "--max-iter (a tolerance, tol=, is set in Python)"),
    (
        re.compile(r"missing='drop' is R's na\.omit, missing='raise' its na\.fail"),
        "rows with a missing value are dropped, as R's na.omit, and counted on stderr; "
        "--na-values names the cell texts that mean a missing value",
    ),
)


def option_for_the_command_line(hint: str) -> str:
    """The Python API's answer to another package's name for an option or a value (its
    table's ``cov_type='robust'``, ``groups=``) said with the command's options (``--cov
    robust``, ``--groups``).

    Examples
    --------
    >>> option_for_the_command_line("clusters are cov_type='cluster', groups='id'")
    'clusters are --cov cluster --groups id'
    """
    for pattern, replacement in _OPTION_RULES:
        hint = pattern.sub(replacement, hint)
    # two options that Python separates by a comma are two words of one command
    return re.sub(r"(--[\w-]+ [^\s,]+), (?=--)", r"\1 ", _OPTION.sub(_as_flag, hint))


def _as_flag(match: re.Match[str]) -> str:
    flag, value = _FLAGS[match[1]], match[2]
    if not value:
        return flag
    value = value.strip("'")
    return f"{flag} {'COL' if value == 'column' else shell_word(value)}"


_INVALID_CHOICE = re.compile(r"argument (\S+): invalid choice: ('.*'|\".*\") \(choose from (.*)\)")


def near_choice(message: str) -> str:
    """ "; did you mean 'robust'?" for argparse's refusal of a misspelt choice (``--cov
    robutst``), which names only the choices: the spelling nearest the word, or a choice
    it is in another letter case.

    Examples
    --------
    >>> near_choice("argument --cov: invalid choice: 'robutst' (choose from 'nonrobust', "
    ...             "'robust', 'cluster')")
    "; did you mean 'robust'?"
    >>> near_choice("argument --cov: invalid choice: 'xyz' (choose from 'robust', 'cluster')")
    ''
    """
    given = _INVALID_CHOICE.fullmatch(message)
    if given is None:
        return ""
    word = ast.literal_eval(given[2])
    choices = [ast.literal_eval(c) for c in re.findall(r"'[^']*'|\"[^\"]*\"", given[3])]
    folded = {c.casefold(): c for c in choices}
    close = [folded[word.casefold()]] if word.casefold() in folded else []
    close = close or difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
