"""What follows "column NAME is not in the data": the column the user likely meant (one
differing only in Unicode form, white space or letter case, or a close spelling), with how
a formula names it."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["column_suggestion", "nfkc"]


def nfkc(text: str) -> str:
    """``text`` in the form Python reads a name in (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def column_suggestion(name: str, columns: Iterable[Any], in_formula: bool = False) -> str:
    """What follows "column NAME is not in the data": the column that differs from ``name``
    only in its Unicode form, white space or letter case, or close spellings ("" if none);
    ``in_formula``: a formula names it, and is told how (in backticks for ' x ')."""
    texts = [str(c) for c in columns]
    unescaped = name.replace("\\`", "`")
    if unescaped != name and unescaped in texts:  # `x\`y` is no way to write x`y either
        return (
            f"; the column {unescaped!r} has a backtick in its name, which a formula cannot "
            "write (formulaic keeps the backslash of \\`): rename it first, e.g. "
            f"df.rename(columns={{{unescaped!r}: {unescaped.replace('`', '_')!r}}})"
        )
    # Python reads a name in an expression in its NFKC form ("é" as one character, the micro
    # sign µ as the Greek μ), so a header written otherwise is not found by the same text in
    # the formula. Looked at before letter case, which folds µ to μ and ﬁ to fi as well and
    # would call the difference one of case
    alike = [c for c in texts if c != name and nfkc(c) == nfkc(name)]
    if alike:
        return (
            f"; the column {alike[0]!r} ({alike[0]!a}) differs from it ({name!a}) only in its "
            "Unicode form: write the names alike first, e.g. "
            "df.columns = df.columns.str.normalize('NFKC')"
        )
    # a header's ' y ' or 'Y' for the formula's y: named as what differs, which a list of
    # the columns hides
    for how, fold in (
        ("white space", str.strip),
        ("letter case", str.casefold),
        ("white space and letter case", lambda t: t.strip().casefold()),
    ):
        alike = [c for c in texts if fold(c) == fold(name)]
        if alike:
            said = f"; the column {alike[0]!r} differs from it only by {how}"
            if not in_formula:
                return said
            # the refusal said what differs, and nothing of how a formula names the column
            odd = sorted({c for c in alike[0] if c.isspace() and c != " "})
            if odd:
                # `x ` of a no-break space or a tab reads as a space, which names no column
                spaces = " and ".join(_space_name(c) for c in odd)
                return (
                    f"{said}, {spaces}, which a formula typed with spaces does not name: "
                    f"rename it first, e.g. df.rename(columns={{{alike[0]!r}: {name!r}}})"
                )
            written = alike[0] if alike[0].isidentifier() else f"`{alike[0]}`"
            return f"{said}: name it as written, {written}"
    close = difflib.get_close_matches(name, texts, n=3, cutoff=0.6)
    blank = next((c for c in close if re.fullmatch(r"Unnamed: \d+", c)), None)
    if blank is not None and name != blank:
        # 'Unnamed' for pandas' name of a blank header cell: `Unnamed: 1` reads in a formula
        # as the interaction Unnamed:1 without its backticks
        return (
            f"; did you mean {', '.join(repr(c) for c in close)}? {blank!r} is what a blank header "
            "cell is read as: name it, e.g. "
            f"df.rename(columns={{{blank!r}: 'x'}}), or write it in backticks, `{blank}`"
        )
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _space_name(char: str) -> str:
    """A white-space character other than the space, by its name and code point."""
    name = unicodedata.name(char, "").lower() or {"\t": "tab"}.get(char, "white space")
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name} (U+{ord(char):04X})"
