"""Stata's spellings of a model, and what to write instead: ``mlogit y x1 x2`` without a
``~``, factor-variable notation (``i.region``, ``ib2.region``, ``c.age``, ``a#b``, ``a##b``,
``c.x##c.x``), weights after the predictors (``[fw=w]``) and options after a comma
(``, baseoutcome(1)``; R's call arguments, ``, data = df``), which formulaic read as column
names it could not find or as operators it does not know (a column so named is read as the
column); and R's comments (``y ~ x  # + g``), which a formula does not have.
Text only; :mod:`mnlogit._formula_text` refuses them."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .exceptions import FormulaError

__all__ = ["refuse_stata_spellings", "stata_without_tilde"]

# not Python's use of a column c or i: c.astype(str), i.str.upper(), c.values[0]
_PREFIX = re.compile(r"(?<![\w.`])([icIC])\.([A-Za-z_]\w*)(?![\w.(\[])")
# a base level: ib2.g, ib(last).g, ib(#2).g, ibn.g, b2.g
_BASE = re.compile(r"(?<![\w.`])i?b(\d+|n|\((?:first|last|freq|#\d+)\))\.([A-Za-z_]\w*)")
# an interaction of variables, each with its prefix or none: c.x##c.x, i.g#c.x, a##b##c
_OPERAND = r"(?:[icIC]\.)?[A-Za-z_]\w*"
# not a chain's tail: in C(g)##x##x, x##x alone would leave g#x#x out
_INTERACTION = re.compile(rf"(?<![\w.`#)])({_OPERAND})((?:##?{_OPERAND})+)(?![\w.(])")
# an operand written in formulaic's terms: income, C(region), C(g, Treatment(2)), np.log(x)
_CALL = r"[\w.]+(?:\((?:[^()]|\([^()]*\))*\))?"
# Stata's weights after the varlist: [fw=w], [pweight = w]
_WEIGHTS = re.compile(r"\[\s*(fw|fweight|pw|pweight|aw|aweight|iw|iweight)\s*=\s*([^\]]*?)\s*\]")
_OPTIONS = re.compile(r"\s*(baseoutcome|base|vce|rrr|level|robust|cluster)\b")
_OPTIONS_SAID = (
    "are arguments of mnlogit.fit: ref= for baseoutcome(), cov_type= and groups= for "
    "vce(), summary(odds_ratios=True) for rrr, alpha= for level()"
)


def stata_without_tilde(formula: str) -> str:
    """For a formula without ``~`` written as Stata's varlist (``mode income distance``),
    the formula it stands for, said as a hint; "" otherwise."""
    words = formula.split()
    if len(words) >= 2 and all(re.fullmatch(r"[A-Za-z_]\w*", w) for w in words):
        return f" (Stata's 'mlogit {' '.join(words)}' is '{words[0]} ~ {' + '.join(words[1:])}')"
    return ""


def refuse_stata_spellings(formula: str, bare: str, columns: Iterable[Any] | None = None) -> None:
    """Refuse Stata's factor-variable notation and options in ``formula`` (``bare``: its
    text with backticked names blanked), saying what formulaic writes for them; a name that
    is one of the data's ``columns`` (R's dotted ``c.age``) is that column."""
    rhs = bare.split("~", 1)[-1]
    _refuse_weights(formula, rhs)
    named = set() if columns is None else {str(c) for c in columns}
    # b1.score is as likely a column's name: read as Stata's only where the columns are known
    bases = _BASE.finditer(rhs) if columns is not None else iter(())
    base = next((m for m in bases if m.group(0) not in named), None)
    if base:
        name = base.group(2)
        raise FormulaError(
            f"formula {formula!r}: {base.group(0)!r} is Stata's factor-variable notation with "
            f"a base level: write C({name}, Treatment(level)) with the baseline level itself "
            f"(Treatment(2) for the level 2, Treatment('b') for 'b'), or C({name}) for the "
            "first level"
        )
    _refuse_interaction(formula, rhs, named)
    found = next((m for m in _PREFIX.finditer(rhs) if m.group(0) not in named), None)
    if found:
        kind, name = found.group(1).lower(), found.group(2)
        meant = (
            f"C({name}) (a column of words is a factor already: {name})"
            if kind == "i"
            else f"{name} (a column of numbers is used as numbers)"
        )
        raise FormulaError(
            f"formula {formula!r}: {found.group(0)!r} is Stata's factor-variable notation: "
            f"write {meant}"
        )
    comment = re.search(r"(?:^|\s)#|#(?:\s|$)", bare)
    if comment:
        # R's parser reads a comment there; formulaic an unknown operator; nothing is read
        # as Stata's a#b, whose '#' stands between two names
        said = bare[comment.start() :].strip()
        raise FormulaError(
            f"formula {formula!r}: a formula has no comments, so {said!r} is not left out "
            "as R's as.formula() would: remove it (everything from '#' on). "
            "Stata's interaction is written without spaces, a#b; here it is a:b (a##b is a*b)"
        )
    if "#" in rhs:
        # the formula's own text: the blanked one has Treatment( ) for Treatment("b")
        _refuse_written_interaction(formula, formula.split("~", 1)[-1])
    after = _after_top_level_comma(rhs)
    option = _OPTIONS.match(after)
    argument = re.match(r"\s*(data|weights|subset|family|na\.action|ref)\s*=", after)
    if argument and not option:
        # R's lm(y ~ x, data = df) pasted whole: formulaic's "Unknown operator ','"
        raise FormulaError(
            f"formula {formula!r}: what follows the comma ({argument.group(1)}=...) is an "
            "argument of a call, not part of a formula: give the formula alone, and the "
            "data and options as mnlogit.fit's arguments, mnlogit.fit('y ~ x', df, ...)"
        )
    if option:
        raise FormulaError(
            f"formula {formula!r}: Stata's options after a comma ({option.group(1)}...) "
            + _OPTIONS_SAID
        )


def _refuse_interaction(formula: str, rhs: str, named: set[str]) -> None:
    """Refuse Stata's ``a#b`` and ``a##b`` with their prefixes, written as the whole term:
    the prefixes were refused one at a time ("'c.x' ...: write x"), which led from
    ``c.x##c.x`` to ``x*x``, a formula of x alone; Stata's is x and its square. A chain
    (``i.g##c.x##c.x``) is written whole too: its first pair alone lost ``g#x#x``."""
    # a dotted column (R's c.age) is that column, not Stata's prefix
    found = next(
        (
            m
            for m in _INTERACTION.finditer(rhs)
            if not any("." in x and x in named for x in re.split("##?", m[0]))
        ),
        None,
    )
    if found is None:
        return
    operators = set(re.findall("##?", found[0]))
    operands = [_operand(x) for x in re.split("##?", found[0])]
    if len(operators) > 1:
        meant = "its terms with ':' (an interaction alone) and '*' (with its main effects)"
    else:
        meant = _interaction_terms(operands, operators == {"##"})
    said = {
        "##": "'##' is Stata's full factorial",
        "#": "'#' is Stata's interaction",
    }.get("".join(operators), "'#' and '##' are Stata's interaction and full factorial")
    raise FormulaError(f"formula {formula!r}: {said}: write {meant} for {found[0]!r}")


def _refuse_written_interaction(formula: str, rhs: str) -> None:
    """Refuse ``#`` between operands that are not Stata's names (``C(region)##income``,
    after the prefixes were answered): the pair was read as names alone, so
    ``income##C(region)`` was answered 'write income*C'."""
    chain = re.search(rf"{_CALL}(?:\s*##?\s*{_CALL})+", rhs)
    operators = set(re.findall("##?", chain[0] if chain else rhs))
    said = {
        "##": "'##' is Stata's full factorial",
        "#": "'#' is Stata's interaction",
    }.get("".join(operators), "'#' and '##' are Stata's interaction and full factorial")
    if chain is None or len(operators) > 1:
        meant = "its terms with ':' (an interaction alone) and '*' (with its main effects)"
        raise FormulaError(f"formula {formula!r}: {said}: write {meant}")
    operands = [(o, False) for o in re.split(r"\s*##?\s*", chain[0])]
    meant = _interaction_terms(operands, operators == {"##"})
    raise FormulaError(f"formula {formula!r}: {said}: write {meant} for {chain[0]!r}")


def _interaction_terms(operands: list[tuple[str, bool]], full: bool) -> str:
    """The formula of Stata's ``a#b#...`` (``full``: ``a##b##...``, every sub-interaction
    too), a variable named twice or more a power of it, and what it holds."""
    names = [name for name, _ in operands]
    shown = {name: f"C({name})" if factor else name for name, factor in operands}
    # a factor written C(g) already is named once however often it is repeated
    factors = {name for name, factor in operands if factor or name.startswith("C(")}
    if len(set(names)) == len(names):
        if full:
            return f"{'*'.join(shown[n] for n in names)} (main effects and interactions)"
        return f"{':'.join(shown[n] for n in names)} (the interaction alone)"
    sizes = range(1, len(operands) + 1) if full else [len(operands)]
    terms: list[str] = []
    for size in sizes:
        for chosen in itertools.combinations(names, size):
            counts = Counter(chosen)
            pieces = [
                shown[n] if n in factors or k == 1 else f"I({n}**{k})" for n, k in counts.items()
            ]
            if ":".join(pieces) not in terms:
                terms.append(":".join(pieces))
    if len(set(names)) == 1 and not factors and len(names) == 2:
        said = f"{names[0]} and its square" if full else "its square"
    else:
        said = "Stata's terms of it, a variable named k times its k-th power"
    return f"{' + '.join(terms)} ({said})"


def _refuse_weights(formula: str, rhs: str) -> None:
    """Refuse Stata's ``[fw=w]`` after the predictors, which formulaic refused as "Unknown
    operator '='", saying which of fit()'s arguments gives those weights."""
    found = _WEIGHTS.search(rhs)
    if found is None:
        return
    kind, column = found[1][0], found[2]
    rest = formula.replace(found[0], "").strip()
    # Stata's options after them (', baseoutcome(1)') are the fit's arguments too: the
    # formula suggested kept them, and was refused in turn
    after = _after_top_level_comma(rest)
    arguments, psu, unread = "", None, ""
    if after and _OPTIONS.match(after):
        rest = rest[: len(rest) - len(after) - 1].rstrip()
        arguments, psu, unread = _options_as_arguments(after, probability=kind == "p")
    meant = {
        "f": (f"weights={column!r}{arguments}", "frequency weights, the default"),
        "p": (
            f"design=mnlogit.SurveyDesign(weights={column!r}, psu={psu!r}){arguments}"
            if psu
            else f"weights={column!r}, weight_type='probability'{arguments}",
            "or a survey design=" if not psu else "its clusters the design's PSUs",
        ),
    }.get(kind)
    said = (
        f"give them as mnlogit.fit({rest!r}, df, {meant[0]}) ({meant[1]})"
        if meant
        else "Stata's aweights and iweights are not fitted (weight_type='aweight' says why)"
    )
    if unread:
        said += f"; Stata's {unread} after the comma {_OPTIONS_SAID}"
    raise FormulaError(f"formula {formula!r}: {found[0]!r} is Stata's weights: {said}")


def _options_as_arguments(options: str, probability: bool) -> tuple[str, str | None, str]:
    """Stata's mlogit options (``baseoutcome(1) vce(cluster id)``) as the fit's arguments
    (``, ref=1, cov_type='cluster', groups='id'``), the clusters of sampling weights (the
    PSUs of a design, as their covariance is the design-based one), and the options not so
    written."""
    arguments, unread = [], []
    psu = None
    for name, value in re.findall(r"(\w+)\s*(?:\(([^()]*)\))?", options):
        value = value.strip()
        cluster = re.fullmatch(r"cl(?:uster)?\s+(\S+)", value) if name == "vce" else None
        if name in ("baseoutcome", "base", "b") and value:
            level = value.strip("\"'")
            arguments.append(f"ref={int(level) if level.isdigit() else level!r}")
        elif name == "robust" or (name == "vce" and value in ("robust", "r")):
            # sampling weights' covariance is the design-based one, each row its own PSU
            arguments += [] if probability else ["cov_type='robust'"]
        elif cluster or (name in ("cluster", "cl") and value):
            groups = cluster[1] if cluster else value
            if probability:
                psu = groups
            else:
                arguments.append(f"cov_type='cluster', groups={groups!r}")
        else:
            unread.append(f"{name}({value})" if value else name)
    return "".join(f", {a}" for a in arguments), psu, " ".join(unread)


def _operand(written: str) -> tuple[str, bool]:
    """A variable of Stata's interaction without its prefix, and whether ``i.`` made it a
    factor."""
    prefix, _, name = written.rpartition(".")
    return name, prefix.lower() == "i"


def _after_top_level_comma(text: str) -> str:
    """What follows the first comma outside parentheses (a call's arguments are inside)."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            return text[i + 1 :]
    return ""
