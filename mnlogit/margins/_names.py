"""The model's variable names in refusals: the list quoted, and a hint for a name that is
none of them."""

from __future__ import annotations

from typing import Any

__all__ = ["listed_names", "near_name"]


def listed_names(names: Any) -> str:
    """The variables quoted for a refusal (for an intercept-only model it ended "are ")."""
    return ", ".join(map(repr, names)) or "none: the formula has no variables"


def near_name(name: Any, names: list[str]) -> str:
    """A hint for ``name``, which is no variable of ``names``: the variable it names in other
    letter case ('Age'), or the factor whose design column it is ('region[T.urban]', as the
    effects' rows are labelled); empty when there is none."""
    if not isinstance(name, str):
        return ""
    cased = {v.lower(): v for v in names}
    if name.lower() in cased:
        return f"; did you mean {cased[name.lower()]!r}?"
    factor = name.split("[", 1)[0]
    if "[" in name and factor in names:
        return f"; {name!r} is a column of the factor {factor!r}: name it"
    return ""
