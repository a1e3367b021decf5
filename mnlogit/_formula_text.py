"""The Python code inside a formula, read as text: R's ``^``, the safe-formula whitelist and
the columns a formula reads.

formulaic evaluates every function call in a formula (``np.log(x)``, ``I(x**2)``, ``{x + 1}``)
as Python, with Python's built-ins in reach, so a formula is code. This module works on that
code as text and syntax trees only; nothing here evaluates anything. :mod:`mnlogit.formula`
finds the Python parts of a formula with formulaic's tokenizer and calls these functions.
A formula written with plain names only (``y ~ a + b``) is recognised here from its text too.
"""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Iterable
from typing import Any

from ._alike import levels_listed
from ._backticks import (
    inside_call,
    keyword_advice,
    python_names,
    refuse_ticked_strings,
    ticked_note,
    unquote,
)
from ._levels import near_level
from ._python_spellings import attribute_refusal, date_level_hint, refuse_unreadable_numbers
from ._r_between_terms import refuse_formula_level
from ._r_spellings import (
    R_CALL,
    R_FUNCTIONS,
    outcome_refusal,
    r_call_example,
    refuse_r_argument_text,
    refuse_r_arguments,
    refuse_r_contrasts,
    refuse_r_formula_forms,
)
from ._stata_spellings import refuse_stata_spellings
from .exceptions import FormulaError, LevelError

__all__ = [
    "ADDED_FUNCTIONS",
    "SAFE_FUNCTIONS",
    "SAFE_NUMPY",
    "check_python",
    "check_treatment_base",
    "evaluation_message",
    "python_names",
    "python_part",
    "python_power",
    "python_reads",
    "refuse_expression_names",
    "refuse_keyword_names",
    "refuse_lookalikes",
    "refuse_r_readings",
    "refuse_unsafe_text",
    "refuse_unsupported",
    "required_columns",
    "unquoted_tilde",
]

# the transforms formulaic documents (its TRANSFORMS table and patsy shims), plus sqrt, which
# formulaic has not (R's sqrt(x)): the design is encoded with ADDED_FUNCTIONS in its context
SAFE_FUNCTIONS = frozenset(
    {
        "I", "C", "Q", "log", "log2", "log10", "exp", "exp2", "exp10", "sqrt",
        "bs", "cr", "cs", "cc", "center", "scale", "standardize", "poly", "lag",
        "Treatment", "Sum", "Helmert", "Poly", "Diff",
    }
)  # fmt: skip
ADDED_FUNCTIONS = frozenset({"sqrt"})
# element-wise numpy functions, called as np.<name>
SAFE_NUMPY = frozenset(
    {
        "log", "log1p", "log2", "log10", "exp", "expm1", "exp2", "sqrt", "cbrt", "square",
        "power", "float_power", "abs", "absolute", "fabs", "sign", "reciprocal",
        "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "hypot",
        "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "deg2rad", "rad2deg",
        "floor", "ceil", "trunc", "rint", "round", "around", "clip",
        "minimum", "maximum", "fmin", "fmax", "where", "heaviside",
        "isnan", "isfinite", "logical_and", "logical_or", "logical_not",
    }
)  # fmt: skip
SAFE_NUMPY_CONSTANTS = frozenset({"pi", "e"})
# formulaic's contrasts, as C(g, contr.treatment("b"))
SAFE_CONTRASTS = frozenset({"treatment", "sum", "helmert", "poly", "diff", "custom"})

_NODES = (
    ast.Expression, ast.Load, ast.Constant, ast.Name, ast.Attribute, ast.Call, ast.keyword,
    ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.List, ast.Tuple, ast.Set, ast.Dict,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow,
    ast.BitAnd, ast.BitOr, ast.BitXor, ast.USub, ast.UAdd, ast.Not, ast.Invert, ast.And, ast.Or,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
)  # fmt: skip
_WHAT = {
    ast.Subscript: "indexing",
    ast.Slice: "indexing",
    ast.Lambda: "a lambda",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension",
    ast.NamedExpr: "an assignment",
    ast.Starred: "unpacking",
    ast.JoinedStr: "an f-string",
    ast.IfExp: "a conditional expression",
}
_QUOTED = re.compile(r"`[^`]*`|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")
_DUNDER = re.compile(r"(?<![\w`])__\w*")
_KEYWORDS = re.compile(r"(?<![\w.`])(lambda|yield|await|import|for|async|def|class)(?![\w`])")


def _allowed() -> str:
    names = ", ".join(sorted(SAFE_FUNCTIONS))
    return (
        f"a safe formula may use only column names (plain or in backticks), numbers, "
        f"arithmetic and comparisons, formulaic's operators, and calls of {names} and "
        f"np.<function> for element-wise numpy functions such as np.log, np.exp, np.sqrt"
    )


def _refuse(formula: str, piece: str, why: str, quoted: dict | None = None) -> FormulaError:
    shown = {k: f"`{name}`" for k, name in (quoted or {}).items()}  # placeholders as written
    piece = re.sub(r"_quoted\d+_", lambda m: shown.get(m.group(), m.group()), piece)
    piece = piece if len(piece) <= 60 else piece[:57] + "..."
    return FormulaError(f"formula {formula!r}: {piece!r} is not allowed ({why}); {_allowed()}")


def refuse_unsafe_text(formula: str) -> None:
    """Refuse dunder names and Python keywords that only code needs (``lambda``, ``import``,
    comprehensions) anywhere outside backticks and string literals, before any parsing."""
    bare = _QUOTED.sub(" ", formula)
    found = _DUNDER.search(bare)
    if found:
        raise _refuse(formula, found.group(0), "names with two leading underscores")
    found = _KEYWORDS.search(bare)
    if found:
        word = found.group(0)
        advice = keyword_advice(word, inside_call(bare, found.start()))
        raise _refuse(formula, word, f"Python statements and functions; {advice}")


# characters that look like a formula's operators (pasted from a document or a PDF)
_LOOKALIKES = {
    "\u223c": "~", "\uff5e": "~", "\u02dc": "~", "\u2212": "-", "\u2013": "-",
    "\u2014": "-", "\uff0b": "+", "\uff0d": "-", "\u00d7": "*", "\u2217": "*",
    "\uff1a": ":", "\u2236": ":",
}  # fmt: skip


def unquoted_tilde(formula: str) -> int:
    """The position of the first ``~`` of ``formula`` outside backticks and string
    literals (-1 without one): a right-hand side ```a~b` + x``, of a column named ``a~b``,
    was refused as a whole formula, with the advice to fit ``b` + x``."""
    blanked = _QUOTED.sub(lambda m: " " * len(m.group()), formula)
    return blanked.find("~")


def refuse_lookalikes(formula: str) -> None:
    """Refuse characters that look like an operator but are not one (a typographic minus,
    a full-width plus): formulaic reads them as unknown operators, or, for a tilde, the
    formula as having no outcome."""
    bare = _QUOTED.sub(" ", formula)
    for char, meant in _LOOKALIKES.items():
        if char in bare:
            raise FormulaError(
                f"formula {formula!r}: {char!r} (U+{ord(char):04X}) looks like {meant!r} but is "
                f"another character (text pasted from a document?): write {meant!r}"
            )


def refuse_unsupported(formula: str, columns: Iterable[Any] | None = None) -> None:
    """Refuse what an R user would read otherwise: ``.`` for every other column (named from
    the data's ``columns`` when given), ``offset()`` (no such function in formulaic), numbers
    beyond floats' range, R's functions formulaic lacks (``factor()``, ``relevel()``, ``ns()``;
    ``%in%``, which formulaic reads as nesting with the main effect, is refused after the
    parse where R reads it otherwise); formulaic's ``hashed()``, whose buckets a fit cannot
    treat as levels; and numbers as terms that formulaic ignores (``(x - 1)``, ``x - 2``)."""
    if any(m.group() == "``" for m in _QUOTED.finditer(formula)):
        # formulaic's tokenizer drops an empty name, and the term with it, silently; the
        # two backticks may be those of a column's name ('a``b', written bare)
        said = ticked_note(formula, columns) or (
            "; write the column's name between them (a column whose name is empty must be "
            "renamed first, e.g. df.rename(columns={'': 'x'}))"
        )
        raise FormulaError(f"formula {formula!r}: `` (empty backticks) names no column{said}")
    refuse_ticked_strings(formula)
    bare = _QUOTED.sub(" ", formula)
    refuse_stata_spellings(formula, bare, columns)
    refuse_unreadable_numbers(formula, bare)
    found = R_CALL.search(bare)
    tilde = unquoted_tilde(formula)
    if found and 0 <= found.start() < tilde:  # R's outcome: relevel(y, "b"), factor(y)
        raise outcome_refusal(formula, formula[:tilde].strip())
    if found:
        name = found.group(1)
        raise FormulaError(
            f"formula {formula!r}: {name}() is R's; formulaic has no such function: write "
            f"{R_FUNCTIONS[name]}{r_call_example(formula, name)}"
        )
    refuse_r_formula_forms(formula, columns)
    # lme4's random effects, (1 | g) or (1 + x || g): formulaic's parser only said that '|'
    # "is incorrectly used"
    random = re.search(r"\(\s*[01]\s*(?:\+[^()|]*)?\|\|?\s*([^()|]+?)\s*\)", bare)
    if random:
        raise FormulaError(
            f"formula {formula!r}: {random.group(0)!r} is lme4's random effect; mnlogit fits no "
            f"random effects: for standard errors that allow rows of one {random.group(1)} to "
            f"be correlated, drop the term and fit with cov_type='cluster', "
            f"groups={random.group(1)!r}"
        )
    if re.search(r"(?<![\w.`])offset\s*\(", bare):
        raise FormulaError(
            f"formula {formula!r}: offset() (a term whose coefficient is fixed at 1) is not "
            "supported: every term of the formula gets a coefficient in each equation"
        )
    if re.search(r"(?<![\w.`])hashed\s*\(", bare):
        raise FormulaError(
            f"formula {formula!r}: hashed() is not supported: its hash buckets are not levels "
            "(values that share a bucket share a coefficient without notice, an empty bucket "
            "is a column of zeros no fit can estimate, and a new value gets some bucket's "
            "coefficient); use the column as a factor, C(column)"
        )
    for r_op, python in (("%%", "% (x % 2)"), ("%/%", "// (x // 2)"), ("!", "~ (~(x > 0))")):
        if re.search(re.escape(r_op) + ("(?!=)" if r_op == "!" else ""), bare):
            raise FormulaError(
                f"formula {formula!r}: {r_op!r} is R's; a formula's expressions are Python: "
                f"write {python}"
            )
    refuse_formula_level(formula)


def refuse_expression_names(names: list[str], code: list[str], formula: str) -> None:
    """Refuse a backticked column ``names`` whose name is, as Python, one of the formula's
    expressions ``code``: formulaic takes ```I(x * 2)``` beside ``I(x*2)`` for one term, so
    the column was left out of the model with nothing said."""
    written = {_normal(c): c for c in code}
    written.pop(None, None)  # not Python (a backticked name inside): not a column's name
    for name in names:
        same = written.get(_normal(name))
        if same is not None:
            raise FormulaError(
                f"formula {formula!r}: the column `{name}` is named like the expression "
                f"{same!r}, which formulaic takes for the same term, so one of them would be "
                f"left out; rename the column, e.g. df.rename(columns={{{name!r}: 'x2'}})"
            )


def _normal(code: str) -> str | None:
    """``code`` as Python writes it back (spacing and redundant parentheses aside); None
    when it is not Python."""
    try:
        return ast.unparse(ast.parse(code, mode="eval"))
    except (SyntaxError, ValueError):
        return None


def refuse_r_readings(code: str, formula: str) -> None:
    """Refuse R code that Python reads otherwise in ``code``, a Python part of ``formula``.

    A comparison beside ``&`` or ``|`` without parentheses: R reads I(x > 0 & z > 0) as
    (x > 0) & (z > 0), Python as x > (0 & z) > 0, which failed with numpy's message, or, as
    I(k == 1 | 2), compared k with 3 where R compares it with 1. And R's log(x, base):
    numpy's log takes no base (its second argument is an array to write into). And R's
    spellings of contrasts and of arguments (:mod:`mnlogit._r_spellings`)."""
    text = unquote(code)
    refuse_r_argument_text(text, formula)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return  # formulaic's parser reports it

    def bare(side: ast.expr) -> bool:  # not in parentheses of its own: (k & 1) == 1 is meant
        before = text[: side.col_offset].rstrip()
        after = text[side.end_col_offset or 0 :].lstrip()
        return not (before.endswith("(") and after.startswith(")"))

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(
            isinstance(side, ast.BinOp)
            and isinstance(side.op, (ast.BitAnd, ast.BitOr))
            and bare(side)
            for side in (node.left, *node.comparators)
        ):
            raise FormulaError(
                f"formula {formula!r}: in {code!r}, Python applies & and | before comparisons "
                "(x > 0 & z > 0 is x > (0 & z) > 0), where R compares first: put each "
                "comparison in parentheses, e.g. I((x > 0) & (z > 0))"
            )
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) in ("log", "np.log", "numpy.log")
            and (len(node.args) > 1 or any(k.arg == "base" for k in node.keywords))
        ):
            raise FormulaError(
                f"formula {formula!r}: in {code!r}, log(x, base) is R's; numpy's log takes "
                "no base: write np.log(x) / np.log(base), or log2(x), log10(x)"
            )
        refuse_r_contrasts(node, code, formula)
        refuse_r_arguments(node, code, formula)


def refuse_keyword_names(code: str, formula: str) -> None:
    """Refuse a backticked column named like a Python keyword (```class```, ```True```) in
    ``code``, a Python part of ``formula``.

    formulaic writes such a name back without its backticks, so ``C(`class`)`` did not parse
    and ``I(`True` * x)`` read the constant True instead of the column: a fit of ``x``
    labelled as the product, with nothing said.
    """
    for name in re.findall(r"`([^`]*)`", code):
        if keyword.iskeyword(name):
            raise FormulaError(
                f"formula {formula!r}: the column {name!r} is named like the Python keyword "
                f"{name}, which formulaic cannot read inside {code!r} even in backticks; "
                f"rename the column, e.g. df.rename(columns={{{name!r}: {name + '_'!r}}}) "
                "(as a term on its own, `" + name + "` may stay)"
            )


def _np_name(node: ast.AST, allowed: frozenset) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and (
            (node.value.id == "np" and node.attr in allowed)
            or (node.value.id == "contr" and node.attr in SAFE_CONTRASTS)
        )
    )


def check_python(expr: str, formula: str) -> None:
    """Refuse ``expr``, a Python part of ``formula``, unless it is made only of what a safe
    formula allows (see :func:`mnlogit.formula.check_formula_safe`)."""
    tree, quoted = python_names(expr)  # the names in backticks as placeholders, shown back
    if tree is None:
        raise _refuse(formula, expr, "it is not a Python expression")
    callees = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            why = _WHAT.get(type(node), f"Python's {type(node).__name__}")
            raise _refuse(formula, ast.unparse(node), why, quoted)
        if isinstance(node, ast.Name) and node.id.startswith("__"):
            raise _refuse(formula, node.id, "names with two leading underscores", quoted)
        if isinstance(node, ast.keyword) and (node.arg is None or node.arg.startswith("__")):
            raise _refuse(formula, ast.unparse(node), "keyword unpacking", quoted)
        if isinstance(node, ast.Attribute):
            allowed = SAFE_NUMPY if id(node) in callees else SAFE_NUMPY_CONSTANTS
            if not _np_name(node, allowed):
                why = attribute_refusal(node, allowed, id(node) in callees)
                raise _refuse(formula, ast.unparse(node), why, quoted)
        if isinstance(node, ast.Call) and not (
            (isinstance(node.func, ast.Name) and node.func.id in SAFE_FUNCTIONS)
            or isinstance(node.func, ast.Attribute)  # checked as an attribute above
        ):
            raise _refuse(
                formula, ast.unparse(node.func), "a call of a function not listed", quoted
            )


def python_power(code: str) -> str:
    """``code`` with ``^`` outside string literals and backticks written as ``**``: in a
    formula's Python parts ``^`` means the power, as it does in R (``I(age^2)``)."""
    out = []
    quote = ""
    escaped = False
    for char in code:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote != "`":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char == "^":
            char = "**"
        out.append(char)
    return "".join(out)


# formulaic's stateful transforms: a Q("name") inside one of them finds no data to look the
# name up in (formulaic 1.2 evaluates their arguments without its context), so it is written
# as the backticked name they do read
STATEFUL = ("bs", "cr", "cs", "cc", "center", "scale", "standardize", "poly")
_STATEFUL_CALL = re.compile(rf"(?<![\w.])(?:{'|'.join(STATEFUL)})\s*\(")
_LOOKUP = re.compile(r"(?<![\w.])Q\(\s*('(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\")\s*\)")


def _backticked(match: re.Match) -> str:
    name = ast.literal_eval(match.group(1))
    return match.group(0) if "`" in name else f"`{name}`"


def python_part(code: str) -> str:
    """``code``, a Python part of a formula, as formulaic should read it: ``^`` is the power
    (:func:`python_power`), and in a part that calls a stateful transform ``Q("name")`` is
    ```name``` (see STATEFUL)."""
    code = python_power(code)
    if "Q(" in code and _STATEFUL_CALL.search(_QUOTED.sub(" ", code)):
        code = _LOOKUP.sub(_backticked, code)
    return code


_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"


_IDENTIFIER_FORMULA = re.compile(
    rf"\s*({_IDENTIFIER})\s*~\s*({_IDENTIFIER}(?:\s*\+\s*{_IDENTIFIER})*)\s*"
)


def _identifier_formula(formula: object) -> tuple[str, list[str]] | None:
    """The outcome and predictors of ``"y ~ a + b + ..."`` written with plain identifiers only
    (repeats dropped, order kept), which formulaic reads as an intercept and one column per
    name; None for any other formula, which formulaic then parses."""
    match = _IDENTIFIER_FORMULA.fullmatch(formula) if isinstance(formula, str) else None
    if match is None:
        return None
    outcome = match.group(1)
    names = list(dict.fromkeys(name.strip() for name in match.group(2).split("+")))
    if outcome in names or any(keyword.iskeyword(v) for v in (outcome, *names)):
        return None  # left to parse_formula's errors
    return outcome, names


def python_reads(expr: str) -> tuple[set[str], set[str], dict[str, str]] | None:
    """What the Python part ``expr`` of a formula reads: the plain names in it, the names it
    quotes (```a b```, ``Q('a.b')``), and the names it calls or uses as a module (``C`` in
    ``C(g)``, ``np`` in ``np.log(x)``) with a description of each for messages; None when
    ``expr`` is not Python."""
    tree, quoted = python_names(expr)
    if tree is None:
        return None
    callables = {
        n.func.id: f"the function {n.func.id}()"
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    callables.update(  # d.dt.year reads a column; np.log the module formulaic provides
        (n.value.id, f"the module {n.value.id} ({n.value.id}.{n.attr})")
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute)
        and isinstance(n.value, ast.Name)
        and n.value.id in ("np", "numpy")
    )
    # a name is read as a variable where it is not the callee or the module itself: log(log)
    # calls log and reads the column log, which the caller refuses as ambiguous
    roles = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    roles |= {
        id(n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and getattr(n.value, "id", None) in ("np", "numpy")
    }
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in roles}
    # Q('a.b') names the column "a.b", which formulaic's required variables give as 'a'
    whole = {quoted[n] for n in names & set(quoted)}
    whole |= {name for n in ast.walk(tree) if (name := _q_name(n)) is not None}
    return names - set(quoted), whole, callables


def _q_name(node: ast.AST) -> str | None:
    """The column that ``Q('name')`` quotes, or None for any other node."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Q"
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None


def _method(factor: Any) -> str:
    """How formulaic evaluates a factor: "lookup", "python" or "literal"."""
    return str(getattr(factor.eval_method, "value", factor.eval_method))


def required_columns(
    factors: Iterable[Any], declared: Iterable[Any], columns: Iterable[Any]
) -> list[str]:
    """The data columns a formula reads, sorted.

    formulaic's ``required_variables`` misses variables inside stateful transforms
    (``center(x)``, ``scale(x)``) and splits quoted names (```Sepal.Length``` gives ``Sepal``),
    so the columns are read off the factors too: a looked-up factor is a column name, and a
    Python factor reads every name in its expression that is a column.
    """
    present = {str(c) for c in columns}
    found = {str(v) for v in declared}
    # formulaic declares the expression an attribute is read from ("(x - 1)" of
    # I((x - 1).abs())) as a variable, with backticked names rewritten: its variables are
    # the names of it that the factors read
    roots = {v for v in found if v.startswith("(") and v not in present}
    found -= roots
    lookups = set()
    quoted = set()
    callables: dict[str, str] = {}  # names the formula calls (C(g)) or uses as modules (np.)
    read: set[str] = set()  # names a Python part uses as variables
    for factor in factors:
        expr = str(factor.expr)
        if _method(factor) == "lookup":
            lookups.add(expr.strip("`"))
        elif _method(factor) == "python":
            names = python_reads(expr)
            if names is None:
                continue
            read |= names[0]
            quoted |= names[1]
            callables.update(names[2])
    # a function formulaic does not know is declared a variable (sqrt of sqrt(x))
    found -= ADDED_FUNCTIONS - present
    # and a quoted name an attribute is read from (`a.b`.abs()) by its rewrite (a_b, then with
    # 10 random letters after it): that is the quoted column (named if missing)
    rewritten = {_formulaic_identifier(q): q for q in quoted}
    found = {v if v in present else rewritten.get(re.sub(r"_[a-z]{10}$", "", v), v) for v in found}
    found |= (read | quoted) & present
    found |= read & {n for root in roots for n in (python_reads(root) or (set(),))[0]}
    # A column named like a function the formula calls (a column 'C' and C(g), 'np' and
    # np.log(x)) would shadow the function, as formulaic looks names up in the data first:
    # such a column is not read unless the formula uses it as a variable too, which is refused.
    found -= (set(callables) & present) - (quoted | lookups)
    clash = sorted(set(callables) & (found | read | lookups | quoted) & present)
    if clash:
        name = clash[0]
        raise FormulaError(
            f"column {name!r} has the name of {callables[name]}, which the formula also "
            f"uses, so one would hide the other; rename the column, e.g. "
            f"df.rename(columns={{{name!r}: {name + '_'!r}}})"
        )
    # a quoted dotted name is one column; formulaic's pieces of it are not, unless the
    # formula reads them too
    whole = lookups | quoted
    found = {
        v
        for v in found
        if v in read | whole
        or not any(w.startswith(v + ".") or w.startswith(v + "[") for w in whole)
    }
    return sorted(found | lookups)


def _formulaic_identifier(name: str) -> str:
    """The identifier formulaic rewrites the name ```name``` to first (sanitize_variable_name):
    each character that is not a word character an underscore, one before a leading digit."""
    base = re.sub(r"\W", "_", name)
    return "_" + base if base[:1].isdigit() else base


_R_CONSTANTS = {"TRUE": "True", "FALSE": "False", "T": "True", "F": "False"}


def evaluation_message(exc: BaseException, limit: int = 300) -> str:
    """The first line of what formulaic (or a transform) raised, with what to write for R's
    TRUE or FALSE when the formula used one (``poly(x, 2, raw=TRUE)``), which Python calls an
    undefined name."""
    line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    line = line if len(line) <= limit else line[: limit - 3] + "..."
    r_word = re.search(r"NameError: name '(TRUE|FALSE|T|F)' is not defined", str(exc))
    if r_word:
        line += f"; {r_word.group(1)} is R's: write {_R_CONSTANTS[r_word.group(1)]}"
    elif "NameError: name 'c' is not defined" in str(exc):  # bs(x, knots=c(10, 20))
        line += "; c(...) is R's: write a Python list, [...]"
    return line


_TREATMENT = ("Treatment", "contr.treatment")


def check_treatment_base(formula: str, expr: str, name: str, values: list) -> None:
    """Refuse the factor ``expr``, ``C(g, Treatment(base))`` (or ``contr.treatment``), whose
    base is not among ``values``, g's values in the rows used in their levels' order, listing
    them: formulaic's refusal listed none."""
    call = getattr(python_names(expr)[0], "body", None)
    spec = call.args[1] if isinstance(call, ast.Call) and len(call.args) > 1 else None
    if not isinstance(spec, ast.Call) or ast.unparse(spec.func) not in _TREATMENT:
        return
    # reference= is formulaic's other name of base=, -1 a constant as 1 is
    given = [*spec.args[:1], *(k.value for k in spec.keywords if k.arg in ("base", "reference"))]
    try:
        base = ast.literal_eval(given[0]) if given else None
    except (ValueError, TypeError, SyntaxError):
        return
    if base is None:
        return
    if base not in values:
        raise LevelError(
            f"formula {formula!r}: {ast.unparse(spec)} names {base!r}, which is no level of "
            f"{name!r} in the rows used; its levels are {levels_listed(values)}"
            # a date as text first: in a formula numpy names it (pandas is not there)
            + (date_level_hint(name, base, values) or near_level(base, values))
        )
