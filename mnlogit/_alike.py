"""Labels that print alike: :func:`printed` shows a text as a table does (one Unicode form,
no invisible characters, every space an ASCII one), :func:`alike_fix` says how to write two
such texts alike, :func:`warn_alike` warns of levels that differ only by white space (or by
white space and letter case) or by rounding, and :func:`clusters_alike` finds clusters
written alike; :func:`level_said` names a level in a sentence as the tables print it."""

from __future__ import annotations

import itertools
import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from .exceptions import MNLogitWarning, warn

__all__ = [
    "INVISIBLE",
    "SPACES",
    "ClustersAlikeWarning",
    "alike_fix",
    "clusters_alike",
    "date_note",
    "decomposed_note",
    "first_few",
    "level_said",
    "printed",
    "warn_alike",
    "warn_clusters_alike",
]


# invisible characters (Unicode's default ignorable code points: soft hyphen, zero-width
# spaces and joiners, direction marks and isolates, variation selectors, fillers, tags, BOM),
# and the control characters a table prints as nothing (NUL, a fixed-width field's padding;
# ESC, BEL): 'lo' and 'lo\x00' were two outcomes, both shown as lo, and 'a' and 'a\ufe0f' (a
# variation selector, which keyboards add to some emoji and not to others) two levels, both
# shown as a. Tabs and line breaks are white space, told apart as such
INVISIBLE = (
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# spaces other than the ASCII one (no-break, thin, figure, ideographic), which tables show as
# one: "a b" and "a\xa0b" were two outcomes, summarised as "a b vs a b"
SPACES = "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"


def printed(text: str) -> str:
    """``text`` as a table shows it: in one Unicode form (NFC), without invisible characters,
    every space an ASCII one."""
    return re.sub(SPACES, " ", re.sub(INVISIBLE, "", unicodedata.normalize("NFC", text)))


def level_said(level: object) -> str:
    """A level named in a sentence (a test's text, a note, a warning): a text in quotes, as
    ``repr`` writes it, any other value as the tables show it: a date level read
    ``Timestamp('2020-01-01 00:00:00')`` there, where the summary reads
    ``2020-01-01 00:00:00``, and a numpy number ``np.float64(90.4)``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> level_said("walk"), level_said(np.float64(90.4)), level_said(pd.Timestamp("2020-01-01"))
    ("'walk'", '90.4', '2020-01-01 00:00:00')
    >>> level_said(np.datetime64("2020-01-01T00:00:00.000000"))
    '2020-01-01 00:00:00'
    >>> print(level_said("a  b"))
    'a \\x20b'
    """
    if isinstance(level, str):
        # a space after a space as its escape, as the tables write it: HTML, Markdown and
        # LaTeX collapse a run of spaces even inside quotes, so 'a  b' read as the level 'a b'
        return re.sub(r"(?<= ) ", r"\\x20", repr(level))
    if isinstance(level, (np.datetime64, np.timedelta64)):  # as the levels' pandas dtype
        return str(pd.Series([level]).iloc[0])
    return str(level)


def levels_listed(values: Iterable[object], limit: int = 12) -> str:
    """``values`` named in a sentence, each as :func:`level_said` writes it: all of them up to
    ``limit``, else the first ten and how many there are (a warning that named 278
    coefficients, twice, hid what it said).

    Examples
    --------
    >>> levels_listed(["a", "b"])
    "'a', 'b'"
    >>> levels_listed(range(30))
    '0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ... (30 in all)'
    """
    values = list(values)
    if len(values) <= limit:
        return ", ".join(map(level_said, values))
    return ", ".join(map(level_said, values[:10])) + f", ... ({len(values)} in all)"


def first_few(values: Sequence[object], limit: int, say: Callable[[object], str] = repr) -> str:
    """The first ``limit`` of ``values``, each as ``say`` writes it, and ", ..." when there
    are more: a refusal that quotes the bad values quotes a few, not thousands.

    Examples
    --------
    >>> first_few(["a", "b", "c"], 2)
    "'a', 'b', ..."
    >>> first_few([1, 2], 5, str)
    '1, 2'
    """
    return ", ".join(map(say, values[:limit])) + (", ..." if len(values) > limit else "")


def alike_fix(name: str, a: str, b: str) -> str:
    """How to write the texts ``a`` and ``b`` of column ``name``, which print alike, alike."""
    fix = f"df[{name!r}] = df[{name!r}]"
    if unicodedata.normalize("NFC", a) != a or unicodedata.normalize("NFC", b) != b:
        fix += ".str.normalize('NFC')"
    if re.search(INVISIBLE, a + b):
        fix += f".str.replace({INVISIBLE!a}, '', regex=True)"  # as escapes, copied whole
    if re.search(SPACES, a + b):
        fix += f".str.replace({SPACES!r}, ' ', regex=True)"
    return fix


def date_note(value: object, level: object) -> str:
    """A note for a ``value`` that is no level but names the date ``level`` (a Timestamp):
    as text or a ``datetime.date`` ('2021-01-01', which matches no date level), or as a
    Timestamp in another time zone, or in none; "" otherwise."""
    if not isinstance(level, pd.Timestamp) or isinstance(value, (numbers.Number, np.number)):
        return ""
    try:
        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
        zones = (stamp.tz is None) != (level.tz is None) or stamp.tz != level.tz
        same = stamp.tz_localize(None) == level.tz_localize(None) if zones else stamp == level
    except (TypeError, ValueError):
        return ""
    if not same:
        return ""
    if isinstance(value, pd.Timestamp):
        return f" ({value!r} and the level {level!r} are in different time zones)"
    return f" ({value!r} is a {type(value).__name__}; the level is the date {level!r}: give that)"


def decomposed_note(formula: str) -> str:
    """Why a formula that holds combining marks does not parse ("" when it holds none).

    A name typed or saved in decomposed Unicode ("e" and U+0301 for "é", as macOS file names
    are) is read by formulaic's tokenizer as a name followed by an unknown operator, although
    the formula names the column exactly as the data do."""
    marks = sorted({c for c in formula if unicodedata.combining(c)})
    if not marks:
        return ""
    shown = ", ".join(f"U+{ord(c):04X}" for c in marks)
    return (
        f" (the formula holds combining marks ({shown}): a name written in decomposed Unicode "
        "is read only in backticks, `name`; or write the formula and the columns in one form, "
        "unicodedata.normalize('NFKC', formula) and df.columns = df.columns.str.normalize('NFKC'))"
    )


def warn_alike(levels: list, name: str, what: str = "outcome", fix: str | None = None) -> None:
    """Warn of text levels that differ only by surrounding white space ("low" and "low "),
    and of numbers that differ only by rounding: they are fitted as outcomes (or, for a
    ``what="factor"`` of the predictors, as levels) of their own, which is a data-entry
    slip, not a choice.
    Letter case alone is left alone ("True" and "true" may be levels as written), but not
    beside white space (" f " and "F": the padding shows a slip of data entry, which the
    case is part of); a Categorical's categories are the user's own choice. ``fix``: the
    assignment the advice starts with (``df['y'] = df['y']``; the classifier's labels are no
    column of a df)."""
    fitted = "outcomes" if what == "outcome" else "levels"
    fix = fix or f"df[{name!r}] = df[{name!r}]"  # the column cleaned, as the advice writes it
    texts = [lv for lv in levels if isinstance(lv, str)]
    # ' f ' beside 'F' and 'M' was fitted as a third sex with nothing said: letter case alone
    # may be meant, but beside white space it is part of the same slip
    for how, key, clean, keep in (
        ("white space", str.strip, ".str.strip()", lambda g: True),
        (
            "white space and letter case",
            lambda t: t.strip().casefold(),
            ".str.strip().str.upper()",
            lambda g: len({t.strip() for t in g}) > 1 and any(t != t.strip() for t in g),
        ),
    ):
        groups: dict[str, list[str]] = {}
        for text in texts:
            groups.setdefault(key(text), []).append(text)
        alike = [g for g in groups.values() if len(g) > 1 and keep(g)]
        if alike:
            shown = "; ".join(", ".join(map(repr, g)) for g in alike[:3])
            warn(
                f"{what} {name!r}: levels {shown} differ only by {how} and are fitted as "
                f"different {fitted}; if each group is one level, clean the column "
                f"first (e.g. {fix}{clean})",
                MNLogitWarning,
            )
    # numbers that differ in their last digits only (1.0 and 1.0000000000000002, a computed
    # code): each is fitted as an outcome of its own
    real = [lv for lv in levels if isinstance(lv, numbers.Real) and not isinstance(lv, bool)]
    close = [
        (a, b)
        for a, b in itertools.pairwise(real)
        # whole numbers (ten-digit codes 1234567890 and 1234567891) differ by more than rounding
        if math.isclose(a, b, rel_tol=1e-9) and not (_whole(a) and _whole(b))
    ]
    if close:
        shown = "; ".join(f"{a!r} and {b!r}" for a, b in close[:3])
        warn(
            f"{what} {name!r}: levels {shown} differ only by rounding and are fitted as "
            f"different {fitted}; if each pair is one level, round the column first (e.g. "
            f"{fix}.round(6))",
            MNLogitWarning,
        )


def _whole(v: numbers.Real) -> bool:
    return isinstance(v, numbers.Integral) or float(v).is_integer()


class ClustersAlikeWarning(MNLogitWarning):
    """Clusters of ``groups=`` that differ only by white space, invisible characters or
    Unicode form (the command line says it in its own words, before the fit)."""


def clusters_alike(values: Iterable[object], kind: str = "clusters") -> str:
    """What is wrong with identifiers of text (clusters, or a survey's PSUs or strata:
    ``kind``) that differ only by the white space around them, invisible characters or their
    Unicode form (' 1' and '1' in a file padded by another program), as "clusters ' 1', '1'
    differ only by white space"; "" when none do.

    Read as written, each is a cluster of its own, and the clusters were split with nothing
    said, where the outcome's and a factor's such levels are warned of."""
    texts = pd.Series(pd.unique(np.array([v for v in values if isinstance(v, str)], object)))
    # only a text with white space around it or beyond ASCII prints as another one: the
    # others (a million identifiers took seconds through printed()) are looked at only
    # when they print as one of those
    stripped = texts.str.strip()
    # Python's str.isascii, one call per text (pandas' Series.str.isascii is pandas 3's only)
    beyond_ascii = np.fromiter((not text.isascii() for text in texts), bool, len(texts))
    odd = (stripped != texts).to_numpy(dtype=bool) | beyond_ascii
    if not odd.any():
        return ""
    keys = {printed(text).strip() for text in texts[odd]}
    groups: dict[str, list[str]] = {}
    for text in texts[odd | stripped.isin(keys).to_numpy(dtype=bool)]:
        groups.setdefault(printed(text).strip(), []).append(text)
    alike = [sorted(g) for g in groups.values() if len(g) > 1]
    if not alike:
        return ""
    shown = "; ".join(", ".join(map(repr, group)) for group in alike[:3])
    more = f", and {len(alike) - 3} more groups" if len(alike) > 3 else ""
    spaces = all(len({text.strip() for text in group}) == 1 for group in alike)
    how = "white space" if spaces else "white space, invisible characters or Unicode form"
    return f"{kind} {shown}{more} differ only by {how}"


def warn_clusters_alike(
    values: Iterable[object],
    name: str | None,
    role: str = "groups",
    kind: str = "clusters",
    one: str = "cluster",
) -> None:
    """Warn of identifiers written alike (:func:`clusters_alike`) of ``groups=`` (or of a
    survey design's ``role``), the column ``name`` or values given (``name`` None); they are
    still counted as written."""
    said = clusters_alike(values, kind)
    if not said:
        return
    what = f"{role}={name!r}" if name is not None else role
    fix = (
        f"clean the column first (e.g. df[{name!r}] = df[{name!r}].str.strip())"
        if name is not None and said.endswith("white space")
        else f"write each {one} one way first"
    )
    warn(
        f"{what}: {said} and are counted as different {kind}; if each group is one {one}, {fix}",
        # the command line says groups= of its own, before the fit
        ClustersAlikeWarning if role == "groups" else MNLogitWarning,
    )
