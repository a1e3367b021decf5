"""A call whose arguments do not bind to the function's signature (too many positional ones,
a required one missing, one given twice) refused as the project's error, with how the
function is called: Python's own error names a mixin class, or a dataclass's generated
``__init__``."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

from .exceptions import InputTypeError

__all__ = ["refuse_wrong_arity"]


def refuse_wrong_arity(
    shown: str,
    signature: inspect.Signature,
    args: tuple,
    kwargs: Mapping[str, Any],
    hint: str = "",
) -> None:
    """Refuse a call of ``shown`` whose arguments do not bind to ``signature`` (too many
    positional ones, a required one missing, one given twice), saying how it is called:
    Python's error names a mixin class, or a dataclass's generated ``__init__``."""
    try:
        signature.bind(*args, **kwargs)
    except TypeError as exc:
        raise InputTypeError(
            f"{shown}(): {exc}; it is called as {_call_form(shown, signature.parameters)}{hint}"
        ) from None


def _call_form(shown: str, parameters: Mapping[str, inspect.Parameter]) -> str:
    """``shown`` with its parameters as a call is written: the positional ones, then ``*``
    and those taken by keyword only, each optional one with ``=...``."""
    words: list[str] = []
    for name, parameter in parameters.items():
        if name in ("self", "cls"):
            continue
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and "*" not in words:
            words.append("*")
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            words.append(f"*{name}")
        elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
            words.append(f"**{name}")
        else:
            optional = parameter.default is not inspect.Parameter.empty
            words.append(f"{name}=..." if optional else name)
    return f"{shown}({', '.join(words)})"
