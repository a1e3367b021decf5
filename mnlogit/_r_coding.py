"""Formulas that R's ``model.matrix`` would code otherwise than formulaic: refused, not fitted.

R decides how a factor enters a term by a rule of its own (Chambers & Hastie 1992, p. 38;
``TermCode`` in R's model.c): a factor f in a term T is coded by contrasts when T without f
is empty or is contained in an earlier term (terms sorted by degree), else by a column per
level; without an intercept, the factors of the first term that has any are coded by a
column per level. formulaic decides as patsy does, by which margins earlier terms span. The
two agree on every formula whose terms come with their margins, and differ otherwise
(``x:z + g:x``: R takes x from x:z and codes g by contrasts, a model with one slope fewer).

R also reads a logical (a boolean column, ``I(x > 0)``) as a factor of FALSE and TRUE,
where formulaic reads it as the numbers 0 and 1: the same column where R codes it by
contrasts (``flagTRUE``), but one column for R's two where R codes it by a column per level
(``0 + flag``, ``flag:x`` without flag).

A design is compared with R's as the set of its elementary subterms: a factor coded by a
column per level spans the constant and its contrasts, so a term stands for every product
of its numbers, its contrast-coded factors and any subset of its fully coded ones. The
same set means the same column space (the same model, perhaps in other columns).
Nothing here imports formulaic: the ModelSpec's ``structure`` is read as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .exceptions import FormulaError

__all__ = ["check_r_coding"]

_MAX_FULL = 12  # fully coded factors of one term whose subsets are listed


def _subterms(fixed: Iterable[str], optional: Iterable[str]) -> set[frozenset[str]]:
    """Every ``fixed | S`` for S a subset of ``optional``."""
    base, options = frozenset(fixed), sorted(set(optional))
    out = set()
    for mask in range(1 << min(len(options), _MAX_FULL)):
        out.add(base | {f for i, f in enumerate(options) if mask >> i & 1})
    return out


def r_codes(terms: list[frozenset[str]], levelled: set[str], intercept: bool) -> list[dict]:
    """R's coding of each term's factors (``levelled``: the variables R reads as factors):
    1 by contrasts, 2 by a column per level, as ``TermCode`` and ``model.matrix`` decide."""
    codes = []
    first = not intercept
    for j, term in enumerate(terms):
        own = {}
        for f in term & levelled:
            rest = term - {f}
            own[f] = 1 if not rest or any(rest <= t for t in terms[:j]) else 2
        # R codes the first factor of the first term with one by a column per level; any
        # other factor of that term is so coded already (no earlier term holds a factor)
        if first and own:
            own = dict.fromkeys(own, 2)
            first = False
        codes.append(own)
    return codes


def _name(factor: Any) -> str:
    return str(factor.expr)


def _literal(factor: Any) -> bool:
    """Whether ``factor`` (a term's, or the evaluated one of a scoped term) is a constant."""
    method = getattr(factor, "eval_method", None) or getattr(factor.factor, "eval_method", None)
    return str(getattr(method, "value", method)) == "literal"


def check_r_coding(
    formula: str, structure: Any, categorical: set[str], booleans: set[str], intercept: bool
) -> None:
    """Refuse a design (``structure``: a ModelSpec's, in formulaic's term order, which is
    R's) that R's ``model.matrix`` would build otherwise: a boolean factor that R would code
    by a column for each of FALSE and TRUE, or a formula whose column space differs from R's.
    ``categorical``: the factors formulaic encodes as categories; ``booleans``: the factors
    whose values are booleans (formulaic's numbers, R's logicals)."""
    entries = [e for e in structure if any(not _literal(f) for f in e.term.factors)]
    terms = [frozenset(_name(f) for f in e.term.factors if not _literal(f)) for e in entries]
    levelled = set(categorical) | set(booleans)
    codes = r_codes(terms, levelled, intercept)
    for entry, own in zip(entries, codes, strict=True):
        flags = sorted(f for f, c in own.items() if c == 2 and f in booleans)
        if flags:
            raise _boolean_refusal(formula, str(entry.term), flags[0])
    r_set: set[frozenset[str]] = {frozenset()} if intercept else set()
    ours: set[frozenset[str]] = {frozenset()} if intercept else set()
    for term, own in zip(terms, codes, strict=True):
        full = {f for f, c in own.items() if c == 2}
        r_set |= _subterms(term - full, full)
    for entry in entries:
        for scoped in entry.scoped_terms:
            factors = [sf for sf in scoped.factors if not _literal(sf.factor)]
            full = {_name(sf.factor) for sf in factors if _name(sf.factor) in categorical}
            full -= {_name(sf.factor) for sf in factors if sf.reduced}
            ours |= _subterms({_name(sf.factor) for sf in factors} - full, full)
    if r_set != ours:
        raise _coding_refusal(formula, entries, terms, codes, categorical)


def _boolean_refusal(formula: str, term: str, flag: str) -> FormulaError:
    inner = flag[2:-1] if flag.startswith("I(") and flag.endswith(")") else flag
    return FormulaError(
        f"formula {formula!r}: {flag} holds booleans, which mnlogit reads as the numbers 0 "
        f"and 1 (one column), while R reads a logical as a factor and, in the term {term!r}, "
        f"codes it with a column for each of FALSE and TRUE: the two would fit different "
        f"designs. Write C({inner}) in place of {flag} for R's coding, or give the term its "
        f"margins (the main effects and intercept its interactions are built on)"
    )


def _coding_refusal(
    formula: str,
    entries: list[Any],
    terms: list[frozenset[str]],
    codes: list[dict],
    categorical: set[str],
) -> FormulaError:
    """The refusal of a formula R codes with another column space, naming the first term
    where R codes a factor by contrasts for an earlier term that merely contains its margin."""
    for j, (term, own) in enumerate(zip(terms, codes, strict=True)):
        for f, code in sorted(own.items()):
            rest = term - {f}
            if code != 1 or not rest or rest in terms[:j] or f not in categorical:
                continue
            holder = next(t for t in terms[:j] if rest <= t)
            margin = ":".join(sorted(rest))
            return FormulaError(
                f"formula {formula!r}: R's model.matrix codes {f} by contrasts in the term "
                f"{str(entries[j].term)!r} because the earlier term {':'.join(sorted(holder))!r} "
                f"contains {margin}, which is not a term of its own; formulaic codes it with a "
                f"column per level, so the two would fit different models. Write the margin "
                f"as a term (add {margin} to the formula), which both read alike"
            )
    return FormulaError(
        f"formula {formula!r}: R's model.matrix would code its factors into other columns "
        f"than formulaic does (their terms lack the margins they are built on), so the two "
        f"would fit different models; write every interaction with its margins (a*b in place "
        f"of a:b), which both read alike"
    )
