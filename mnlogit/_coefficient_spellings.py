"""A coefficient of a restriction written with its column spelled as the formula spelled it.

formulaic labels the column of ``I(x**2)`` as ``I(x ** 2)`` and that of ``np.log( x )`` as
``np.log(x)``: a term is found under either spelling, but a coefficient ``b:I(x**2)`` was
refused as naming no column. Read where the exact labels match nothing: the column after
``outcome:`` is compared with the model's without white space beside punctuation, with
either quote and with ``^`` as ``**`` (R's power, which the formula reads so inside ``I()``).
"""

from __future__ import annotations

from collections.abc import Mapping

from ._data import ModelData

__all__ = ["respelled_coefficient"]


def _word(ch: str) -> bool:
    return ch.isalnum() or ch in "_."


def _canonical(text: str) -> tuple[str, list[int]]:
    """``text`` without white space beside punctuation (kept between two names: ``x y`` is
    no ``xy``), ``"`` as ``'`` and ``^`` as ``**``, and for each of its characters the
    position in ``text`` just after the character it comes from."""
    out: list[str] = []
    ends: list[int] = []
    for k, ch in enumerate(text):
        if ch.isspace():
            before = text[:k].rstrip()
            after = text[k:].lstrip()
            if not (before and after and _word(before[-1]) and _word(after[0])):
                continue
        for c in {'"': "'", "^": "**"}.get(ch, ch):
            out.append(c)
            ends.append(k + 1)
    return "".join(out), ends


def respelled_coefficient(
    data: ModelData, side: str, i: int, outcome_spellings: Mapping[int, tuple[str, ...]]
) -> tuple[str, int] | None:
    """The coefficient written at ``side[i]`` as ``outcome:column`` with the column in
    another spelling (see the module), as (the text it takes, its equation-major position);
    None when no column, or more than one, is spelled so there. ``outcome_spellings`` maps
    each equation to the ways its outcome may be written (its label, in backticks)."""
    found: dict[int, int] = {}  # position -> end of the text read
    for j, spellings in outcome_spellings.items():
        for e in spellings:
            if not side.startswith(f"{e}:", i):
                continue
            start = i + len(e) + 1
            if side[start : start + 1].isspace():  # "b: x1" is refused, saying why
                continue
            rest, ends = _canonical(side[start:])
            for a, col in enumerate(data.column_names):
                target = _canonical(col)[0]
                if not target or not rest.startswith(target):
                    continue
                # the column ends the side, or an operator follows it
                if len(rest) > len(target) and rest[len(target)] not in "+-":
                    continue
                found[j * data.p + a] = start + ends[len(target) - 1]
    if len(found) != 1:
        return None
    (index, end), *_ = found.items()
    return side[i:end], index
