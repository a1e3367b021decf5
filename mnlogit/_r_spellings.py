"""R's spellings that formulaic lacks, and what to write instead: R's functions (``factor()``,
``relevel()``, ``interaction()``, ...), R's ``.`` for every other column, written out from
the data's columns, ``update()`` and its ``. ~ . + z``, a package's prefix (``splines::``),
R's arguments and contrasts, and R's expressions as the outcome (what R and formulaic read
differently between a formula's terms: :mod:`mnlogit._r_between_terms`). Text only;
:mod:`mnlogit._formula_text` refuses them."""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Iterable
from typing import Any

from .exceptions import FormulaError

__all__ = [
    "R_CALL",
    "R_FUNCTIONS",
    "every_other",
    "outcome_refusal",
    "r_call_example",
    "refuse_r_argument_text",
    "refuse_r_arguments",
    "refuse_r_contrasts",
]

# R's functions that formulaic does not have, and what to write instead
R_FUNCTIONS = {
    "as.factor": "C(x) to use a column's values as categories",
    "factor": "C(x) to use a column's values as categories (C(x, levels=[...]) orders them)",
    "relevel": "C(x, Treatment('level')) to choose the baseline level",
    "ns": "cr(x, df=..., constraints='center') for a natural cubic spline beside the intercept",
    "as.numeric": "the column converted before the fit, e.g. df[col] = pd.to_numeric(df[col])",
    # formulaic read as.integer(x) as Python's attribute 'integer' ("invalid syntax") and
    # ordered(g) as a column not found
    "as.integer": "the column converted before the fit, e.g. df[col] = df[col].astype(int) "
    "(a factor's codes as R's: df[col].cat.codes + 1)",
    "as.character": "C(x) to use a column's values as categories",
    "as.ordered": "C(x, Poly) for R's coding of an ordered factor (contr.poly); "
    "C(x, Poly, levels=[...]) orders the levels",
    "ordered": "C(x, Poly) for R's coding of an ordered factor (contr.poly); "
    "C(x, Poly, levels=[...]) orders the levels",
    # survival's and mgcv's terms: formulaic named no such function and nothing of the fit
    "cluster": "cov_type='cluster', groups='column' in mnlogit.fit() for clustered standard "
    "errors (no term of the formula)",
    "strata": "design=mnlogit.SurveyDesign(strata='column') in mnlogit.fit() for a survey's "
    "strata (a conditional, stratified logit is not offered)",
    "s": "a spline basis, bs(x, df=...) or cr(x, df=...), whose coefficients are not penalised",
    "cut": "the column cut before the fit, e.g. df['band'] = pd.cut(df[col], bins), as C(band)",
    "interaction": "a:b for a factor of every pair of levels (beside the intercept the model "
    "of interaction(a, b), as a*b is)",
    # R's summaries of a column: np.mean() in a formula is refused as taken afresh from the
    # rows predicted (ColumnNotFoundError said only that numpy is available as np)
    "mean": "center(x) for x - mean(x), which keeps the fitted mean for new data, or the "
    "column computed before the fit",
    "sd": "scale(x) for (x - mean(x)) / sd(x), which keeps the fitted mean and standard "
    "deviation for new data, or the column computed before the fit",
    "median": "the column computed before the fit, e.g. df['x_c'] = df[col] - df[col].median() "
    "(a summary computed in the formula would be taken afresh from the rows predicted)",
}
R_CALL = re.compile(
    r"(?<![\w.`])("
    + "|".join(re.escape(n) for n in sorted(R_FUNCTIONS, key=len, reverse=True))
    + r")\s*\("
)


# backticked names and string literals, blanked where a formula's text is read as text
_QUOTED_TEXT = re.compile(r"`[^`]*`|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")


def every_other(formula: str, tilde: int, columns: Iterable[Any] | None) -> str:
    """What to write for R's ``.`` in ``formula`` (every column but the outcome and those
    taken away with ``- name``), given the data's ``columns`` and where the formula's ``~``
    is (``tilde``); "" without them."""
    if columns is None:
        return ""
    lhs, rhs = formula[:tilde].strip(), formula[tilde + 1 :]
    # a column taken away as a whole term: '- log(x)' and '- x:g' leave no column out
    removed = r"-\s*(`[^`]*`|[A-Za-z_][\w.]*)(?=\s*(?:[-+)]|$))"
    dropped = re.findall(removed, rhs)
    left_out = {lhs.strip("`"), *(d.strip("`") for d in dropped)}
    # a header cell without a name: the row names R's write.csv (or pandas' to_csv) writes
    unnamed = [n for n in map(str, columns) if re.fullmatch(r"Unnamed: \d+", n)]
    kept = [n for n in map(str, columns) if n not in left_out and n not in unnamed]
    names = [
        n if n.isidentifier() and not keyword.iskeyword(n) else f"`{n}`"
        for n in kept
        if "`" not in n  # no formula can write it: named below, to be renamed
    ]
    listed = " + ".join(names[:30]) + (" + ..." if len(names) > 30 else "")
    rhs = re.sub(r"\s*" + removed, "", rhs)
    # R's .^2 and .:g bind the whole list: written out, it is put in parentheses
    bound = re.search(r"[:*/^]\s*\.(?![\w.])|(?<![\w.`])\.\s*[:*/^]", rhs)
    listed = f"({listed})" if bound else listed
    rhs = re.sub(r"(?<![\w.`])\.(?![\w.])", lambda _: listed, rhs, count=1)
    ticked = [n for n in kept if "`" in n]
    rename = (
        f"; {', '.join(map(repr, ticked))} cannot be written in a formula (a backtick in the "
        f"name): rename it first, e.g. df.rename(columns={{{ticked[0]!r}: "
        f"{ticked[0].replace('`', '_')!r}}})"
        if ticked
        else ""
    )
    nameless = (
        f"; {', '.join(map(repr, unnamed))}, without a name in the header, is left out: "
        "the row names that R's write.csv writes have none"
        if unnamed
        else ""
    )
    return (
        f", e.g. {lhs} ~ {rhs.strip()} (R's '.' also takes a weights or groups column)"
        f"{rename}{nameless}"
    )


def refuse_r_contrasts(node: ast.AST, code: str, formula: str) -> None:
    """Refuse R's spellings of contrasts that formulaic reads otherwise, in ``node`` of
    ``code`` (a Python part of ``formula``): a contrast named in quotes (``C(g, "contr.sum")``,
    which formulaic took for a matrix and failed on with an IndexError), and
    ``contr.treatment()`` given a number: R's base is the position of the baseline among
    the levels (its first argument their number), formulaic's the level itself, so
    ``base = 2`` of levels 0, 1, 2, 3 was the level 2 where R takes 1."""
    if not isinstance(node, ast.Call):
        return
    callee = ast.unparse(node.func)
    if callee == "C" and node.args:
        _refuse_r_c_arguments(node, code, formula)
    if callee in ("contr.sum", "contr.helmert", "contr.poly") and node.args:
        raise FormulaError(
            f"formula {formula!r}: in {code!r}, {callee}() is given arguments: R's "
            f"{callee}(n) is the matrix for n levels, formulaic's {callee} is the coding "
            f"itself, which finds the levels: write {callee} without a call, e.g. "
            f"C(g, {callee})"
        )
    if callee == "contr.treatment":
        given = [*node.args, *(k.value for k in node.keywords if k.arg == "base")]
        numbers = [
            a.value
            for a in given
            if isinstance(a, ast.Constant)
            and isinstance(a.value, (int, float))
            and not isinstance(a.value, bool)
        ]
        if numbers or len(node.args) > 1:
            raise FormulaError(
                f"formula {formula!r}: in {code!r}, contr.treatment() is given a number: R "
                "reads contr.treatment(n, base = 2) as the second of n levels, formulaic its "
                "base as the level itself (the level 2, where the factor has one). Name the "
                "baseline level: contr.treatment('b') or Treatment('b') (for a level that is "
                "a number, Treatment(2) is the level 2)"
            )


# the bare names R's C() reads as contrast functions, and formulaic's coding for each
_R_C_NAMES = {
    "sum": "Sum",
    "helmert": "Helmert",
    "poly": "Poly",
    "treatment": "Treatment()",
    "SAS": "contr.SAS",
}
_C_KEYWORDS = ("contrasts", "levels", "spans_intercept")


def _refuse_r_c_arguments(node: ast.Call, code: str, formula: str) -> None:
    """R's contrasts of ``C()`` that formulaic reads otherwise: named in quotes (formulaic
    took ``C(g, "contr.sum")`` for a matrix and failed with an IndexError), by one of the
    bare names R's C() maps to a contrast function (``C(g, sum)`` is R's contr.sum, which
    formulaic looked up as a column 'sum'), or with an argument R passes on to the contrast
    function (``C(g, contr.treatment, base = 2)``, a TypeError in formulaic)."""
    column = ast.unparse(node.args[0])
    given = [*node.args[1:2], *(k.value for k in node.keywords if k.arg in ("contrasts", "contr"))]
    one = given[0] if given else None
    named = (
        one.value
        if isinstance(one, ast.Constant) and isinstance(one.value, str)
        else one.id
        if isinstance(one, ast.Name) and one.id in _R_C_NAMES
        else None
    )
    if named is not None:
        quoted = isinstance(one, ast.Constant)
        how = "in quotes" if quoted else "by the short name R's C() reads as a function"
        written = f"C({column}, {_R_C_NAMES.get(named, named)})"
        raise FormulaError(
            f"formula {formula!r}: in {code!r}, the contrasts are named {how} ({named!r}); "
            f"formulaic takes the coding itself: write {written}"
            + (" without the quotes" if quoted and named not in _R_C_NAMES else "")
            + " (Sum, Helmert, Poly, Treatment('level'), or R's contr.sum, contr.helmert, "
            "contr.poly, contr.treatment('level'), contr.SAS)"
        )
    passed = [k.arg for k in node.keywords if k.arg not in _C_KEYWORDS]
    if "contr" in passed:
        contrasts = ast.unparse(next(k.value for k in node.keywords if k.arg == "contr"))
        raise FormulaError(
            f"formula {formula!r}: in {code!r}, contr= is R's name of C()'s contrasts; "
            f"formulaic's is contrasts=: write C({column}, {contrasts})"
        )
    if passed:
        arg = f"{passed[0]}=" if passed[0] else "keyword arguments (**)"
        baseline = (
            f"; for R's base = k, name the k-th level as the baseline: C({column}, "
            "Treatment('level'))"
            if passed[0] == "base"
            else ""
        )
        raise FormulaError(
            f"formula {formula!r}: in {code!r}, C() is given {arg}, which R passes on to the "
            "contrast function; formulaic's C() takes only the column, its contrasts, "
            f"levels= and spans_intercept={baseline}"
        )


# R's arguments of bs() that formulaic's basis_spline spells otherwise
_BS = ("bs", "basis_spline")


def refuse_r_arguments(node: ast.AST, code: str, formula: str) -> None:
    """Refuse R's spellings of arguments in ``node`` of ``code`` (a Python part of
    ``formula``) that formulaic fails on without saying why: ``bs()``'s ``intercept``
    (formulaic's ``include_intercept``) and a single knot given as a number (formulaic takes
    a list). R's ``c(...)`` is answered where the name is found missing."""
    if not isinstance(node, ast.Call):
        return
    callee = ast.unparse(node.func)
    _refuse_r_positions(node, callee, code, formula)
    if callee not in _BS:
        return
    for k in node.keywords:
        if k.arg == "intercept":
            raise FormulaError(
                f"formula {formula!r}: in {code!r}, bs()'s intercept= is R's; formulaic's bs() "
                "calls it include_intercept= (include_intercept=True for R's intercept = TRUE)"
            )
        one = k.value.operand if isinstance(k.value, ast.UnaryOp) else k.value
        # a number, not knots=None (formulaic's default, written out)
        if k.arg == "knots" and isinstance(one, ast.Constant) and type(one.value) in (int, float):
            raise FormulaError(
                f"formula {formula!r}: in {code!r}, knots= is given one number, R's spelling of "
                f"one knot; formulaic's bs() takes a list: write "
                f"knots=[{ast.unparse(k.value)}]"
            )


def _refuse_r_positions(node: ast.Call, callee: str, code: str, formula: str) -> None:
    """R's arguments that formulaic's functions have not in that place, which formulaic
    failed on with a TypeError: C()'s third, R's how.many, and poly() of more than one
    column, R's multivariate polynomial."""
    args = [ast.unparse(a) for a in node.args]
    if re.fullmatch(rf"\s*{re.escape(callee)}\s*\(.*\)\s*", code, flags=re.S):
        args = _arguments(code)[: len(args)]  # as written: `my var` is _quoted_ in the tree
    if callee == "C" and len(node.args) > 2:
        raise FormulaError(
            f"formula {formula!r}: in {code!r}, C()'s third argument is R's how.many, the "
            "number of contrasts kept; formulaic's C() keeps them all and takes the column and "
            f"its contrasts: write C({args[0]}, {args[1]}) (fewer contrasts: compute the "
            "columns before the fit)"
        )
    if callee == "poly" and len(node.args) > 1 and isinstance(node.args[1], ast.Name):
        first, second = args[0], args[1]
        raise FormulaError(
            f"formula {formula!r}: in {code!r}, poly() of {first} and {second} is R's "
            "polynomial in several columns; formulaic's poly() takes one column and its "
            f"degree: write the products meant, e.g. poly({first}, 2) + poly({second}, 2) + "
            f"{first}:{second} for R's poly({first}, {second}, degree = 2) (the same model)"
        )


def refuse_r_argument_text(code: str, formula: str) -> None:
    """Refuse R's ``Boundary.knots =`` in ``code`` (a Python part of ``formula``), which
    Python cannot parse, saying what formulaic's bs() calls the bounds."""
    if re.search(r"(?<![\w.])Boundary\.knots\s*=", code):
        raise FormulaError(
            f"formula {formula!r}: in {code!r}, Boundary.knots = c(a, b) is R's; formulaic's "
            "bs() takes the bounds as lower_bound=a, upper_bound=b"
        )


def _arguments(call: str) -> list[str]:
    """The arguments of ``call`` (``f(a, `b c`, d)``), split at its top-level commas."""
    inner = call[call.index("(") + 1 : call.rindex(")")]
    out, depth, start, quoted = [], 0, 0, False
    for i, ch in enumerate(inner):
        quoted = not quoted if ch == "`" else quoted
        if not quoted:
            depth += ch in "([{"
            depth -= ch in ")]}"
            if ch == "," and depth == 0:
                out.append(inner[start:i])
                start = i + 1
    out.append(inner[start:])
    return [a.strip() for a in out if a.strip()]


def outcome_refusal(formula: str, outcome: str, predictors: Iterable[Any] = ()) -> FormulaError:
    """The refusal of ``outcome``, an expression on the left of ``formula``, with what to
    write for R's outcomes: ``cbind()`` of count columns (R's multinom fits aggregated
    counts), ``relevel(y, "b")`` (the reference), ``factor(y)`` / ``as.factor(y)``;
    ``predictors``: the columns the right-hand side reads."""
    call = re.match(r"\s*([A-Za-z_][\w.]*)\s*\(", outcome)
    name = call.group(1) if call and outcome.rstrip().endswith(")") else ""
    args = _arguments(outcome) if name else []
    if name == "cbind" and len(args) >= 2:
        counts = [a.strip("`") for a in args]
        ids = sorted({str(p) for p in predictors} - set(counts))
        return FormulaError(
            f"formula {formula!r}: cbind() of count columns is R's multinom response for "
            "aggregated data; mnlogit takes one row per row and outcome level, the count as "
            f"a frequency weight: long = df.melt(id_vars={ids!r}, value_vars={counts!r}, "
            f"var_name='outcome', value_name='n'), then mnlogit.fit('outcome ~ "
            f"{formula[formula.index('~') + 1 :].strip()}', long, weights='n', "
            f"ref={counts[0]!r}) (R's reference is the first column); the same "
            "log-likelihood and estimates"
        )
    if name == "relevel" and len(args) == 2:
        level = re.sub(r"^ref\s*=\s*", "", args[1])
        return FormulaError(
            f"formula {formula!r}: relevel() is R's; the reference outcome level is an "
            f"argument of the fit: write {args[0]} on the left and ref={level} in "
            "mnlogit.fit()"
        )
    # multinom fits an ordered outcome as any factor, so ordered(y) is y too
    if name in ("factor", "as.factor", "C", *_AS_CATEGORIES) and len(args) == 1:
        # C(y), as a factor is written on the right, was told to compute the outcome first
        whose = "is R's" if name != "C" else "is for predictors"
        return FormulaError(
            f"formula {formula!r}: the outcome must be a column name, not an expression; got "
            f"{outcome!r}: {name}() {whose}; an outcome is read as levels as it is: "
            f"write {args[0]} on the left (a pandas Categorical sets the levels' order)"
        )
    if name == "Q" and len(args) == 1 and re.fullmatch(r"""(["']).*\1""", args[0]):
        # Q('my y') quotes a name, as on the right: it was told to compute the column first
        column = args[0][1:-1]
        written = column if column.isidentifier() else f"`{column}`"
        return FormulaError(
            f"formula {formula!r}: the outcome must be a column name, not an expression; got "
            f"{outcome!r}: Q() quotes names on the right; on the left a name is written as "
            f"it is, in backticks if it needs quoting: {written} ~ "
            f"{formula[formula.index('~') + 1 :].strip()}"
        )
    return FormulaError(
        f"formula {formula!r}: the outcome must be a column name, not an expression; got "
        f"{outcome!r}. Compute the outcome column first (a pandas Categorical sets the level "
        "order)"
    )


# R's package prefix, splines::bs(x) or stats:::poly(x, 2): formulaic read '::' as an
# operator and said only that it "has insuffient arguments and/or is misplaced"
_PREFIX = re.compile(r"(?<![\w.`])([A-Za-z][\w.]*):::?\s*(?=[A-Za-z.])")


def _top_comma(text: str) -> int:
    """The position of the last comma of ``text`` outside parentheses and brackets (-1)."""
    depth, found = 0, -1
    for i, char in enumerate(text):
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            found = i
    return found


def _updated(old: str, new: str) -> str | None:
    """R's update(old, new) written out, '.' of ``new`` taken from ``old`` (None when
    either is not 'lhs ~ rhs')."""
    ot = _QUOTED_TEXT.sub(lambda m: " " * len(m.group()), old).find("~")
    nt = _QUOTED_TEXT.sub(lambda m: " " * len(m.group()), new).find("~")
    if ot < 0 or nt < 0:
        return None
    old_lhs, old_rhs = old[:ot].strip(), old[ot + 1 :].strip()
    new_lhs, new_rhs = new[:nt].strip(), new[nt + 1 :].strip()
    lhs = old_lhs if new_lhs in ("", ".") else new_lhs
    bound = re.search(r"[:*/^]\s*\.(?![\w.])|(?<![\w.`])\.\s*[:*/^]", new_rhs)
    rhs = old_rhs if not bound and "~" not in old_rhs else f"({old_rhs})"
    return f"{lhs} ~ " + re.sub(r"(?<![\w.`])\.(?![\w.])", lambda _: rhs, new_rhs)


def refuse_r_formula_forms(formula: str, columns: Iterable[Any] | None) -> None:
    """Refuse R's formulas that are not one model's: ``update(old, new)`` (written out),
    update()'s ``. ~ . + z`` (whose dots are a fitted model's outcome and terms, read as
    every other column or by formulaic as its own '.', which failed naming formulaic's
    internals), ``.`` for every other column (written out by :func:`every_other`) and a
    package's prefix (``splines::bs(x)``)."""
    bare = _QUOTED_TEXT.sub(lambda m: " " * len(m.group()), formula)  # positions kept
    call = re.fullmatch(r"\s*update\s*\((.*)\)\s*", bare, flags=re.S)
    if call:
        inner = formula[call.start(1) : call.end(1)]
        comma = _top_comma(call.group(1))
        written = _updated(inner[:comma], inner[comma + 1 :]) if comma > 0 else None
        example = f", e.g. {written}" if written else ""
        raise FormulaError(
            f"formula {formula!r}: update() is R's; a formula is one model: write the "
            f"updated formula itself{example}"
        )
    tilde = bare.find("~")
    lhs = formula[:tilde].strip() if tilde >= 0 else "?"  # `my y` is blank in bare
    dot = re.search(r"(?<![\w.`])\.(?![\w.])", bare[tilde + 1 :])
    if lhs == "." or (lhs == "" and dot):
        raise FormulaError(
            f"formula {formula!r} is written as for R's update(), '.' standing for the "
            "outcome and terms of a model fitted before; mnlogit has no update(): write the "
            "whole formula, the outcome's column on the left and every term on the right "
            "(a result's .formula is the formula it fitted, e.g. 'y ~ x + z')"
        )
    if dot:
        raise FormulaError(
            f"formula {formula!r}: '.' (every other column) is not supported; name the "
            f"predictors{every_other(formula, tilde, columns)}"
        )
    prefix = _PREFIX.search(bare)
    if prefix:
        raise FormulaError(
            f"formula {formula!r}: '{prefix.group(0).strip()}' is R's package prefix; a "
            "formula's functions are formulaic's and numpy's (np.), found without one: write "
            f"the call without '{prefix.group(0).strip()}'"
        )


_AS_CATEGORIES = ("factor", "as.factor", "as.character", "ordered", "as.ordered")


def _as_list(text: str) -> str:
    """R's c('a', 'b') as Python's ['a', 'b']; other text as it is."""
    found = re.fullmatch(r"c\s*\((.*)\)", text.strip(), flags=re.S)
    return f"[{found.group(1)}]" if found else text


def r_call_example(formula: str, name: str) -> str:
    """'' or the call to write for the first call of R's ``name`` in ``formula`` (of a
    column as categories, a baseline or an ordered factor), with the column and levels as
    written: relevel(`my g`, ref = 'b') is C(`my g`, Treatment('b'))."""
    if name not in (*_AS_CATEGORIES, "relevel"):
        return ""
    blank = _QUOTED_TEXT.sub(lambda m: " " * len(m.group()), formula)
    start = next((m.start() for m in R_CALL.finditer(blank) if m.group(1) == name), -1)
    if start < 0:
        return ""
    depth, end = 0, -1
    for i in range(blank.index("(", start), len(blank)):
        depth += blank[i] == "("
        depth -= blank[i] == ")"
        if depth == 0:
            end = i
            break
    args = _arguments(formula[start : end + 1]) if end > 0 else []
    if not args or "=" in args[0]:
        return ""
    column, rest = args[0], args[1:]
    inner = re.fullmatch(r"(?:as\.)?factor\s*\(\s*([^,()]+?)\s*\)", column)
    column = inner.group(1) if inner else column
    named = dict(a.split("=", 1) for a in rest if re.match(r"[\w.]+\s*=", a))
    named = {k.strip(): v.strip() for k, v in named.items()}
    if name == "relevel":
        level = named.get("ref") or next((a for a in rest if "=" not in a), None)
        return f": here C({column}, Treatment({level}))" if level else ""
    levels = named.get("levels")
    parts = [column, *(["Poly"] if "ordered" in name else [])]
    parts += [f"levels={_as_list(levels)}"] if levels else []
    return f": here C({', '.join(parts)})"
