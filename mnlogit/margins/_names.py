"""The model's variable names in refusals: the list quoted, and a hint for a name that is
none of them."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["listed_names", "near_name"]


def listed_names(names: Any) -> str:
    """The variables quoted for a refusal (for an intercept-only model it ended "are ")."""
    return ", ".join(map(repr, names)) or "none: the formula has no variables"


def near_name(name: Any, names: list[str]) -> str:
    """A hint for ``name``, which is no variable of ``names``: the variable it names in other
    letter case ('Age'), the factor whose design column it is ('region[T.urban]', as the
    effects' rows are labelled), or the variables a term of the formula reads ('C(region)',
    'np.log(Q("dist.km"))', refused with the list alone); empty when there is none."""
    if not isinstance(name, str):
        return ""
    # 'café' written with a combining accent for the model's 'café' printed as one of its
    # names, with nothing of why it was no variable
    alike = [
        v
        for v in names
        if isinstance(v, str)
        and v != name
        and unicodedata.normalize("NFKC", v) == unicodedata.normalize("NFKC", name)
    ]
    if alike:
        form = next((f for f in ("NFC", "NFD") if unicodedata.is_normalized(f, alike[0])), "")
        fix = f", e.g. unicodedata.normalize({form!r}, name)" if form else ""
        return (
            f"; the model's {alike[0]!r} ({alike[0]!a}) differs from it ({name!a}) only in "
            f"its Unicode form: write it as the model does{fix}"
        )
    cased = {v.lower(): v for v in names}
    if name.lower() in cased:
        return f"; did you mean {cased[name.lower()]!r}?"
    factor = name.split("[", 1)[0]
    if "[" in name and factor in names:
        return f"; {name!r} is a column of the factor {factor!r}: name it"
    # a term of the formula (C(region), np.log(Q("dist.km")), `x.y`): its variables
    read = [v for v in names if re.search(rf"(?<![\w.]){re.escape(v)}(?![\w.])", name)]
    if read:
        return f"; {name!r} is a term of the formula: name the variables it reads, " + ", ".join(
            map(repr, read)
        )
    return ""
