"""The command line's argument parser: a mistake is one line (not argparse's usage block), and
an option given twice with different values is refused."""

from __future__ import annotations

import argparse
import ast
import difflib
import itertools
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from ._cli_advice import near_choice, option_for_the_command_line
from ._cli_errors import UsageError, home_file, refuse_undecodable, shell_word
from ._other_options import FIT, OTHER_OPTIONS, SUMMARY
from ._weight_words import weight_kind
from .covariance import COVARIANCES, other_name_hint
from .report._compare_checks import other_se_refusal

__all__ = ["Parser", "alpha_value", "misread_words", "refuse_two_formulas"]


def alpha_value(text: str) -> float:
    """``--alpha``'s value as a float; a decimal comma ('0,05') or a percentage ('5%') is
    refused with the number to write, where argparse said only "invalid float value"."""
    try:
        value = float(text)
    except ValueError:
        pass
    else:
        if value == 0.0 and any(c in "123456789" for c in text.split("e")[0].split("E")[0]):
            # 1e-400 underflows: the range refusal said "got 0", which was not written
            raise argparse.ArgumentTypeError(
                f"expected a number in (0, 0.5]; got {text!r}, which is 0 in double "
                "precision (the error rate: 0.05 gives 95% intervals)"
            )
        return value
    written = text.strip()
    scale = 100.0 if written.endswith("%") else 1.0
    try:
        meant = float(written.rstrip("%").replace(",", ".")) / scale
    except ValueError:
        hint = ""
    else:
        # '95%' or '0,95' is the intervals' level, whose 'write 0.95' the range refused
        level = 0.5 < meant < 1
        said = f" ({text!r} is the intervals' level)" if level else ""
        hint = f"; write {1 - meant if level else meant:g}{said}"
    raise argparse.ArgumentTypeError(
        f"expected a number written with a point, such as 0.05 (the error rate: 0.05 gives "
        f"95% intervals); got {text!r}{hint}"
    )


def _value_word(word: str) -> bool:
    """Whether argparse reads ``word`` as a value, not an option: a negative number is one."""
    return not word.startswith("-") or re.fullmatch(r"-\d+\.?\d*|-\.\d+", word) is not None


def _refuse_taken(values: list[str]) -> None:
    """Refuse values of --na-values that are a formula or a file, not a cell's text."""
    lost = [w for w in values if ("~" in w and w.strip() != "~") or os.path.isfile(w)]
    if lost:
        raise UsageError(
            f"--na-values took {', '.join(map(repr, lost))} as cell texts that mean a missing "
            "value: give --na-values after the data file and the formulas, or end its values "
            "with --"
        )


class _StoreOnce(argparse._StoreAction):
    """argparse's ``store``, refusing a second, different value: argparse keeps the last, so
    ``--weights w --weights n`` (a default in a script, then an override) fitted with n, and
    ``--ref a --ref b`` printed b as the reference, with nothing said. The same value twice
    changes nothing and is taken."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        given = vars(namespace).setdefault("_given", {})
        flag = option_string or self.metavar or self.dest
        if self.dest in given and given[self.dest][0] != values:
            before, first = given[self.dest]
            # two spellings of one option (R's --data beside --dataset): name both
            said = (
                f"{flag} given twice, {before!r} and then {values!r}"
                if first == flag
                else f"{first} {before!r} and {flag} {values!r} both given, and they set the "
                f"same thing"
            )
            raise argparse.ArgumentError(None, f"{said}: give it once")
        given[self.dest] = (values, flag)
        super().__call__(parser, namespace, values, option_string)


class Parser(argparse.ArgumentParser):
    """The command line's parser (and, through ``add_subparsers``, its commands' parsers)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # no option by a prefix of its name: fit's --se robust (meant as the covariance) was
        # read as --sep robust and refused as a delimiter
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._intermixing = False
        self._words: list[str] = []
        self.register("action", None, _StoreOnce)
        self.register("action", "store", _StoreOnce)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """A command's options anywhere among its data file and formulas: argparse reads
        positionals only as one run, so ``fit d.csv --ref a "y ~ x"`` took the file for the
        formula and refused the formula as an 'unrecognized argument'."""
        if self._subparsers is not None or self._intermixing:  # the commands' own parsers only
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(self._dashed_values(args), namespace)
        finally:
            self._intermixing = False

    def _dashed_values(self, args: Sequence[str] | None) -> list[str] | None:
        """``args`` with a value that starts with '-' joined to its option by '='
        (``--names -a,b`` as ``--names=-a,b``): argparse took '-a,b' for an option and
        refused '--names' as 'expected one argument'. A value naming one of the command's
        options, or starting with '--', stays the option it looks like."""
        if args is None:
            return None
        words = self._words = list(args)
        takes_one = {
            flag
            for action in self._actions
            # --names, given once per formula, takes one value each time
            if isinstance(action, (_StoreOnce, argparse._AppendAction)) and action.nargs is None
            for flag in action.option_strings
        }
        joined: list[str] = []
        k = 0
        while k < len(words):
            word = words[k]
            after = words[k + 1] if k + 1 < len(words) else ""
            if (
                word in takes_one
                and after.startswith("-")
                and not after.startswith("--")
                and len(after) > 1
                and after.split("=", 1)[0] not in self._option_string_actions
            ):
                joined.append(f"{word}={after}")
                k += 2
                continue
            joined.append(word)
            k += 1
        return joined

    def error(self, message: str) -> NoReturn:  # argparse would print the usage block and exit
        hint = self._frequency_hint(message) or _survey_hint(message)
        hint = hint or _analysis_hint(message)
        hint = hint or _se_covariance(message)
        hint = hint or self._written_otherwise(message)
        hint = hint or _other_option(message) or _other_value(message)
        hint = hint or self._spelt_alike(message) or self._dash_hint(message)
        hint = hint or _formulas_hint(message) or self._command_first(message)
        hint = hint or near_choice(message)
        raise UsageError(f"{message}{hint} (see '{self._help_of()} --help')")

    def _help_of(self) -> str:
        """Whose --help lists the options: this parser refuses a command's unknown words."""
        subs = [a.choices for a in self._actions if isinstance(a, argparse._SubParsersAction)]
        command = next((w for w in self._words if any(w in s for s in subs)), None)
        return f"{self.prog} {command}" if command else self.prog

    def _frequency_hint(self, message: str) -> str:
        """``--weight-type fweight`` (Python's weight_type=) was told that the command line
        fits no survey designs, though frequency weights are what --weights fits."""
        if not message.startswith("unrecognized arguments: "):
            return ""
        for word, after in itertools.pairwise([*self._words, ""]):
            flag, _, value = word.partition("=")
            kind = weight_kind(value or after)
            if flag in ("--weight-type", "--weight_type") and kind == "frequency":
                return (
                    f"; {value or after!r} weights are what --weights COL fits, the command "
                    "line's only kind: give --weights alone"
                )
        return ""

    def _dash_hint(self, message: str) -> str:
        """How to give a value that starts with '-' which stays an option to argparse
        (``--ref --a``, ``--na-values -x``)."""
        wanted = re.fullmatch(r"argument (--[\w-]+): expected (?:at least )?one argument", message)
        if wanted is None:
            return ""
        flag = wanted[1]
        for word, after in itertools.pairwise(self._words):
            known = after.split("=", 1)[0] in self._option_string_actions  # a value left out
            if word == flag and after[:1] == "-" and not known:  # options are given in full
                joined = f"{flag}={after}"
                return f"; a value that starts with '-' is joined to its option by '=': {joined}"
        return ""

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """The arguments, refusing a data file or formula that --na-values took as its values
        (it takes several): ``fit --na-values NA d.csv "y ~ x"`` was refused as "the
        following arguments are required: FORMULA", ``fit d.csv --na-values NA "y ~ x"`` as
        "'d.csv' is the data file, and no formula follows it", each formula having been
        given."""
        words = list(sys.argv[1:] if args is None else args)
        if self._subparsers is not None:  # the whole command line, for the refusals' hints
            self._words = words
        try:
            parsed = super().parse_args(words, namespace)
        except UsageError as exc:
            if str(exc).startswith("the following arguments are required"):
                for k, word in enumerate(words):
                    if word == "--na-values":
                        # argparse takes a negative number (--na-values -99) as a value too
                        after = itertools.takewhile(_value_word, words[k + 1 :])
                        _refuse_taken(list(after))
            raise
        _refuse_taken(getattr(parsed, "na_values", []))
        refuse_undecodable(parsed)
        return parsed

    def _command_first(self, message: str) -> str:
        """Where a command's option goes when it is given before the command: ``mnlogit
        --ref car fit ...`` was told "invalid choice: 'car' (choose from 'fit', ...)"."""
        if not self._words or "invalid choice" not in message:
            return ""
        flag = self._words[0].split("=", 1)[0]
        taking = [
            name
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name, sub in action.choices.items()
            if flag in sub._option_string_actions
        ]
        if not taking:
            return ""
        return f"; {flag} is an option of {' and '.join(taking)}: give it after the command"

    def _written_otherwise(self, message: str) -> str:
        """ "; did you mean --max-iter?" for ``--max_iter``, one of the command's own options
        written with other separators or case: another program's option of that bare name
        (statsmodels' maxiter) was answered instead, as if the option were foreign."""
        if not message.startswith("unrecognized arguments: "):
            return ""
        commands = {
            name: _shown_options(sub)
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name, sub in action.choices.items()
        }
        command = next((w for w in self._words if w in commands), None)
        own = commands.get(command, set()) if command else set()
        for word in message.removeprefix("unrecognized arguments: ").split():
            flag = word.split("=", 1)[0]
            meant = sorted(o for o in own if flag.startswith("--") and _bare(o) == _bare(flag))
            if meant and flag not in meant:
                return f"; did you mean {meant[0]}?"
        return ""

    def _spelt_alike(self, message: str) -> str:
        """ "; did you mean --ref?" for an unrecognised ``--reff``: argparse names only the
        word. The commands' options are read from their parsers, which leave their unknown
        words to this one. An option of another command, or of this one after '--' (which
        ends the options), was asked "did you mean" itself: "--stars; did you mean --stars?"."""
        if not message.startswith("unrecognized arguments: "):
            return ""
        options: dict[str, set[str]] = {}
        shown: set[str] = set()  # not the hidden aliases (--data): --help names the others
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    options[name] = set(sub._option_string_actions)
                    shown.update(_shown_options(sub))
        command = next((w for w in self._words if w in options), None)
        own = options.get(command, set()) if command else set()
        known = _shown_options(self) | shown
        for word in message.removeprefix("unrecognized arguments: ").split():
            flag = word.split("=", 1)[0]
            if not flag.startswith("--"):
                continue
            others = [name for name, flags in options.items() if flag in flags]
            if flag in own and "--" in self._words:
                return (
                    f"; {flag} follows '--', which ends the options: every word after it is "
                    f"read as the data file or a formula; give {flag} before the '--'"
                )
            if flag in own:  # before the command (mnlogit --ref=a fit ...)
                return f"; {flag} is an option of {' and '.join(others)}: give it after the command"

            if command and flag not in own and others:
                return f"; {flag} is an option of {' and '.join(others)}, not of {command}"
            # options are not taken from a prefix of their name: a prefix argparse once took
            # (--datas, --od) is told the option in full, which the spelling alone missed
            prefixed = sorted(o for o in (own & known or known) if o.startswith(flag))
            if flag != "--" and prefixed:
                return f"; did you mean {' or '.join(prefixed)}? (options are given in full)"
            close = difflib.get_close_matches(flag, sorted(known - {flag}), n=1)
            if close:
                return f"; did you mean {close[0]}?"
        return ""


# the options of a survey design, as R's svydesign() and Stata's svyset name them, and ours
_SURVEY_OPTIONS = frozenset(
    {"--strata", "--stratum", "--psu", "--fpc", "--subpop", "--design", "--ids", "--probs"}
    | {"--weight-type", "--weight_type", "--pweight", "--pweights", "--survey", "--svy"}
    | {"--lonely-psu", "--lonely_psu", "--singleunit"}
)


def _survey_hint(message: str) -> str:
    """Where to fit a survey design, for an option of one the command line does not take:
    ``--strata`` was asked "did you mean --stars?", an option of another command."""
    if not message.startswith("unrecognized arguments: "):
        return ""
    words = message.removeprefix("unrecognized arguments: ").split()
    given = [w.split("=", 1)[0] for w in words if w.split("=", 1)[0].lower() in _SURVEY_OPTIONS]
    if not given:
        return ""
    return (
        f"; the command line fits no survey designs ({given[0]}): sampling weights, strata, "
        "PSUs, fpc and subpopulations are fitted in Python, mnlogit.fit(formula, df, "
        "design=mnlogit.SurveyDesign(weights=..., strata=..., psu=..., fpc=...), subpop=...)"
    )


# Stata's commands after mlogit (and R's functions after a fit) written as options, and
# mlogit's options whose Python answer is no step here: what the command line prints
# instead, or the Python that gives them; "did you mean --latex?" was the
# answer to --lrtest, "--names?" to --atmeans, "--iia?" to --ic
_WALD = (
    "Wald tests are Python's res.wald_test('bus:income = train:income') (Stata's test); the "
    "summary's header tests every slope"
)
_MARGINS = (
    "margins and marginal effects are Python's res.margins(at={...}) and "
    "res.marginal_effects(at='mean') (Stata's margins, dydx(*) atmeans)"
)
_IC = (
    "AIC and BIC are in the summary's header, BIC with n the observations used, the sum of "
    "--weights where given (Stata's estat ic); "
    "mnlogit compare shows them for several formulas"
)
_IIA = (
    "--iia prints Hausman-McFadden tests, each level omitted in turn (Stata's mlogtest, iia); "
    "suest's is Python's res.iia_test(level, method='suest')"
)
_TABLE = "mnlogit compare prints fits side by side, --latex and --csv write them (esttab)"
_ANALYSES = {
    **dict.fromkeys(("test", "testparm", "lincom", "wald", "wald-test"), _WALD),
    **dict.fromkeys(("margins", "dydx", "atmeans", "at", "mfx", "marginal-effects"), _MARGINS),
    **dict.fromkeys(("estat", "ic", "aic", "bic"), _IC),
    **dict.fromkeys(("mlogtest", "suest", "hausman", "hausman-test"), _IIA),
    **dict.fromkeys(("esttab", "estout", "outreg", "outreg2", "estimates-table"), _TABLE),
    **dict.fromkeys(
        ("lrtest", "lr-test", "anova"),
        "the likelihood-ratio test of nested fits is Python's mnlogit.lr_test(smaller, larger) "
        "(Stata's lrtest); mnlogit compare prints their log-likelihoods side by side",
    ),
    "predict": "predictions are Python's res.predict(newdata), a column per outcome",
    "noconstant": "a model without an intercept is written in the formula: 'y ~ 0 + x'",
    "nocons": "a model without an intercept is written in the formula: 'y ~ 0 + x'",
    # mlogit's options whose Python answer names Python's keywords (tol=, verbose=)
    **dict.fromkeys(
        ("tolerance", "ltolerance", "nrtolerance"),
        "the command line fits to the default tolerance; Python's mnlogit.fit(..., tol=...) "
        "takes another",
    ),
    "nolog": "the command line prints no iteration log",
    # esttab's options of the table (mnlogit compare's)
    **dict.fromkeys(
        ("keep", "drop", "order"),
        "mnlogit compare shows every coefficient; --csv writes the table's cells to select from",
    ),
    **dict.fromkeys(
        ("stats", "scalars"),
        "N, the log-likelihood, AIC, BIC and McFadden R2 are under mnlogit compare's table",
    ),
    **dict.fromkeys(("mtitles", "mlabels"), "the column headers are --names A,B,..."),
    **dict.fromkeys(
        ("b", "fmt", "digits", "decimals"),
        "the cells are rounded for show; Python's mnlogit.compare([...]).to_frame() holds the "
        "numbers unrounded",
    ),
    "fweight": "frequency weights are --weights COL",
    **dict.fromkeys(
        ("aweight", "iweight"),
        "Stata's aweights and iweights are not fitted: --weights COL are frequency weights "
        "(whole numbers); sampling weights are fitted in Python, weight_type='probability'",
    ),
    "constraints": (
        "constrained fits are not offered; Wald tests of restrictions are Python's "
        "res.wald_test('bus:x = train:x')"
    ),
}


def _analysis_hint(message: str) -> str:
    """Where an analysis after the fit is, for its Stata name given as an option."""
    if not message.startswith("unrecognized arguments: "):
        return ""
    for word in message.removeprefix("unrecognized arguments: ").split():
        name = word.split("=", 1)[0].removeprefix("--").replace("_", "-").lower()
        if word.startswith("--") and name in _ANALYSES:
            return f"; {word.split('=', 1)[0]}: {_ANALYSES[name]}"
    return ""


# mnlogit.fit's options that the command line has not (it checks every formula is safe, and
# a survey design's are _SURVEY_OPTIONS)
_PYTHON_ONLY = frozenset({"tol", "threads", "verbose", "penalty"})


def _other_option(message: str) -> str:
    """What the Python API answers to R's or Stata's name for one of its options, said with
    the command's: ``--vce robust`` was asked "did you mean --se?", ``--baseoutcome car`` and
    ``--family multinomial`` were refused with no word of --ref or why."""
    if not message.startswith("unrecognized arguments: "):
        return ""
    for word in message.removeprefix("unrecognized arguments: ").split():
        name = word.split("=", 1)[0].removeprefix("--")
        if word.startswith("--") and name:
            answer = _option_answer(name)
            return f"; {answer}" if answer else ""
    return ""


def _option_answer(name: str) -> str:
    """The command line's answer to another program's option ``name``, or ''."""
    # --base-outcome and --ref-level are Stata's baseoutcome() and VGAM's refLevel
    spellings = [k for k in OTHER_OPTIONS if _bare(k) == _bare(name)]
    for spelt in sorted(spellings, key=lambda k: k != name) or [name.replace("-", "_")]:
        # fit's missing= is R's na.action, which the command line answers
        answered = OTHER_OPTIONS.get("na_action" if spelt == "missing" else spelt, {})
        # the command's options are fit()'s and summary()'s (Stata's eform is summary's)
        hint = option_for_the_command_line(answered.get(FIT) or answered.get(SUMMARY, ""))
        # a hint whose step is Python code (R's subset=, rows of a DataFrame) is none
        if hint and not re.search(r"\bdf\b|mnlogit\.|\bres\.", hint):
            return hint
        if spelt in _PYTHON_ONLY:  # --tol was asked "did you mean --method?"
            return (
                f"{spelt}= is an option of mnlogit.fit in Python, which the command line "
                f"does not take: mnlogit.fit(formula, df, {spelt}=...)"
            )
    return ""


def _named_argument(argv: Sequence[str]) -> str | None:
    """The refusal of an argument written as R and Python write them, ``name=value``
    (``family=multinomial``, ``cov_type=robust``, ``data=d.csv``), or None: it was read as
    the formula ("formula 'family=multinomial' has no outcome") or refused as an
    'unrecognized argument', with no word of the option that gives it."""
    words = list(argv)
    if not words or words[0] not in ("fit", "compare"):
        return None
    for word in words[1:]:
        given = re.fullmatch(r"([A-Za-z_][\w.]*)\s*=(?!=)\s*(.*)", word, re.DOTALL)
        if given is None or "~" in word or os.path.exists(word):
            continue
        name, value = given[1], shell_word(given[2].strip().strip("'\""))
        flag = option_for_the_command_line(f"{name}=")
        if name == "data":
            answer = (
                f"the data file is the first argument after the command, mnlogit {words[0]} "
                f"{value} FORMULA"
            )
        elif flag != f"{name}=":  # cov_type=robust is --cov robust
            answer = f"give it as an option, {flag} {value}"
        else:
            answer = _option_answer(name)
        if answer:
            return f"{word!r} is written as an argument of R or Python: {answer}"
    return None


def _shown_options(parser: argparse.ArgumentParser) -> set[str]:
    """The options ``parser`` names in its help: not a hidden alias (fit's --data)."""
    return {
        flag
        for action in parser._actions
        if action.help != argparse.SUPPRESS
        for flag in action.option_strings
    }


def _bare(name: str) -> str:
    return re.sub(r"[-_.]", "", name).lower()


def _se_covariance(message: str) -> str:
    """The covariance option, for ``fit --se robust``: --se is compare's (what its table
    shows under an estimate), and fit's refusal said only that."""
    words = message.removeprefix("unrecognized arguments: ")
    given = re.search(r"(?:^| )--se(?:=| )(\S+)", words) if words != message else None
    if given is None:
        return ""
    value = given[1].strip("'\"")
    if value.lower() in COVARIANCES:
        return f"; the standard errors' covariance is --cov {value.lower()}"
    hint = other_name_hint(value)
    return (
        f"; the standard errors' covariance is --cov: {option_for_the_command_line(hint)}"
        if hint
        else ""
    )


def _other_value(message: str) -> str:
    """What the Python API answers to another package's name for a covariance, or for what
    compare shows under an estimate, said with the command's options: ``--cov HC0`` and
    ``--se z`` got only argparse's list of choices, where ``cov_type='HC0'`` is answered
    "statsmodels' HC0 is cov_type='robust' here"."""
    given = re.fullmatch(
        r"argument --(cov|se): invalid choice: ('.*'|\".*\") \(choose from .*\)", message
    )
    if given is None:
        return ""
    value = ast.literal_eval(given[2])
    if given[1] == "cov":
        hint = other_name_hint(value)
        return f": {option_for_the_command_line(hint)}" if hint else ""
    refused = other_se_refusal(value)
    if refused is None:  # argparse's list of choices says it: 'expected one of' said it twice
        return ""
    hint = str(refused).split(": ", 1)[1]  # the Python answer after its "se='z': "
    hint = hint.replace("se= ", "--se ").replace("stars=True", "--stars")
    hint = hint.replace("compare(...).to_frame()", "Python's mnlogit.compare([...]).to_frame()")
    return f": {option_for_the_command_line(hint)}"


def _formulas_hint(message: str) -> str:
    """Where several formulas are fitted, for a second formula given to ``fit`` (which takes
    one): it was refused as "unrecognized arguments: y ~ x + g", with no word of compare."""
    words = message.removeprefix("unrecognized arguments: ")
    return "" if words == message or "~" not in words else f"; {_ONE_FORMULA}"


_ONE_FORMULA = (
    "fit takes one formula: to fit several side by side, give them to compare, "
    "mnlogit compare DATA.csv 'y ~ x' 'y ~ x + g' (or --dataset NAME in place of DATA.csv)"
)


def refuse_two_formulas(data: str | None, formula: str) -> None:
    """Refuse two formulas given to ``fit`` with --dataset, which read the first as the data
    file: "give either a data file ('y ~ x') or --dataset travel, not both"."""
    if data is not None and "~" in data and "~" in formula and not home_file(data):
        if home_file(formula):  # the formula first, then the file: said by the command
            return
        raise UsageError(f"two formulas, {data!r} and {formula!r}: {_ONE_FORMULA}")


def misread_words(argv: Sequence[str]) -> str | None:
    """The refusal of words the shell or a habit of R or Python made other than meant (a
    formula without quotes, ``name=value``), or None: it replaces the refusal they led to."""
    return _unquoted_formula(argv) or _named_argument(argv)


def _unquoted_formula(argv: Sequence[str]) -> str | None:
    """The refusal of a formula given without quotes (``mnlogit fit d.csv y ~ x + z``), or
    None: the shell splits it at its spaces and reads its ``~`` as the home folder, so the
    refusal was "unrecognized arguments: /home/ana x + z" (fit) or "formula 'y' has no
    outcome" (compare), with no word of the quotes."""
    home = os.path.expanduser("~")
    words = list(argv)
    if not words or words[0] not in ("fit", "compare"):
        return None
    for k in range(2, len(words)):
        tilde, before = words[k], words[k - 1]
        # a word the shell split holds no space, and the word before a formula's ~ is no
        # file: a quoted formula without its outcome ('~ x', after the data file) was told
        # to be quoted, as "d.csv ~ x"
        split = tilde == home or (tilde.startswith("~") and not any(c.isspace() for c in tilde))
        if not split or before.startswith("-") or "~" in before or os.path.isfile(before):
            continue
        rest = []
        for word in words[k + 1 :]:
            if word.startswith("-"):
                break
            rest.append(word)
        formula = " ".join([before, "~" + tilde[1:] if tilde != home else "~", *rest])
        read = f" and reads its ~ as your home folder ({home})" if tilde == home else ""
        return (
            f"the formula is several arguments ({', '.join(map(repr, words[k - 1 : k + 1]))}, "
            f"...): a formula goes in quotes, or the shell splits it at its spaces{read}; "
            f'write it as one argument: "{formula}"'
        )
    return None
