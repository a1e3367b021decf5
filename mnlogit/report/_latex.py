"""LaTeX from any label: escaping (ASCII LaTeX that pdflatex compiles with its default
fonts and no packages), and a table's labels that the escaping would write alike told
apart."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

__all__ = ["latex_escape", "latex_labels", "latex_title", "tex_cell", "tex_label"]


_TEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    # a row starting with "[" would be read as the optional argument of the previous \\
    "[": "{[}",
    "]": "{]}",
    # the default (OT1) fonts set '"' as a closing quote, the glyph of the ligature "''":
    # the labels e"f and e''f read alike; the typewriter font's character 34 is straight
    '"': r"\texttt{\char34}",
}

# Combining marks, as the text accents of LaTeX's default (OT1) fonts
_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0306": "u",
    "\u0307": ".",
    "\u0308": '"',
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0323": "d",
    "\u0327": "c",
    "\u0331": "b",
}

_GREEK = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi o pi rho "
    "varsigma sigma tau upsilon phi chi psi omega"
).split()
# capitals that LaTeX writes as Latin letters have no command of their own
_CAPITALS = "A B Gamma Delta E Z H Theta I K Lambda M N Xi O Pi P - Sigma T Upsilon Phi X Psi Omega"

# Letters and signs without a decomposition into ASCII and accents
_TEX_OTHER = {
    "ß": r"\ss{}",
    "æ": r"\ae{}",
    "Æ": r"\AE{}",
    "œ": r"\oe{}",
    "Œ": r"\OE{}",
    "ø": r"\o{}",
    "Ø": r"\O{}",
    "ł": r"\l{}",
    "Ł": r"\L{}",
    "ı": r"\i{}",
    "ȷ": r"\j{}",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "Th",
    "ħ": "h",
    "Ħ": "H",
    "–": "--",
    "—": "---",
    "‘": "`",
    "’": "'",
    "‚": ",",
    "“": "``",
    "”": "''",
    "„": ",,",
    "«": r"\textless{}\textless{}",
    "»": r"\textgreater{}\textgreater{}",
    "…": r"\ldots{}",
    "•": r"\textbullet{}",
    "·": r"\ensuremath{\cdot}",
    "°": r"\ensuremath{^\circ}",
    "×": r"\ensuremath{\times}",
    "÷": r"\ensuremath{\div}",
    "±": r"\ensuremath{\pm}",
    "−": r"\ensuremath{-}",
    "≤": r"\ensuremath{\leq}",
    "≥": r"\ensuremath{\geq}",
    "≠": r"\ensuremath{\neq}",
    "≈": r"\ensuremath{\approx}",
    "→": r"\ensuremath{\to}",
    "←": r"\ensuremath{\leftarrow}",
    "∞": r"\ensuremath{\infty}",
    "√": r"\ensuremath{\surd}",
    "£": r"\pounds{}",
    "€": "EUR",
    "§": r"\S{}",
    "¶": r"\P{}",
    "©": r"\copyright{}",
    "¬": r"\ensuremath{\neg}",
    "⁄": "/",  # fraction slash, as in ½ = 1⁄2
    "\u00a0": "~",  # no-break space
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte-order mark
    "ϵ": r"\ensuremath{\epsilon}",
    "ε": r"\ensuremath{\varepsilon}",
    "ϑ": r"\ensuremath{\vartheta}",
    "ϕ": r"\ensuremath{\phi}",
    "φ": r"\ensuremath{\varphi}",
    "ϖ": r"\ensuremath{\varpi}",
    "ϱ": r"\ensuremath{\varrho}",
}
for _k, _name in enumerate(_GREEK):
    _TEX_OTHER.setdefault(chr(0x3B1 + _k), "o" if _name == "o" else rf"\ensuremath{{\{_name}}}")
for _k, _name in enumerate(_CAPITALS.split()):
    if _name != "-":  # U+03A2 is unassigned
        _TEX_OTHER[chr(0x391 + _k)] = _name if len(_name) == 1 else rf"\ensuremath{{\{_name}}}"


_DOTLESS = {"i": r"\i{}", "j": r"\j{}"}  # an accent replaces the dot


def _tex_char(c: str) -> str:
    """One character (not a combining mark) as LaTeX that pdflatex sets with its default
    fonts and no packages."""
    if c in _TEX:
        return _TEX[c]
    if " " <= c <= "~":
        return c
    if c in _TEX_OTHER:
        return _TEX_OTHER[c]
    category = unicodedata.category(c)
    if category == "Cf":  # invisible formatting marks (direction, joiners)
        return ""
    if category in ("Cc", "Zs", "Zl", "Zp"):  # control characters, tabs, line breaks, spaces
        return " "
    return rf"\textless{{}}U+{ord(c):04X}\textgreater{{}}"  # as R prints it: <U+4E2D>


def latex_labels(labels: Any) -> dict[str, str]:
    r"""Each of a table's labels as LaTeX: :func:`latex_escape`'s, except for labels that it
    writes alike (as LaTeX sets them, white space collapsed), which are written exactly, each
    character outside ASCII as its code point. ``latex_escape`` writes the full-width
    ``ｘ１`` as ``x1``, ``ǆ`` as ``dž`` and ``ﬁ`` as ``fi``: beside the columns ``x1``,
    ``dž`` or ``fi`` of the same design, two rows of a table read the same.

    Examples
    --------
    >>> tex = latex_labels(["x1", "ｘ１", "é"])
    >>> print(tex["x1"], tex["ｘ１"], tex["é"])
    x1 \textless{}U+FF58\textgreater{}\textless{}U+FF11\textgreater{} \'{e}
    """
    texts = {label: latex_escape(label) for label in dict.fromkeys(map(str, labels))}
    alike: dict[str, list[str]] = {}
    for label, tex in texts.items():
        alike.setdefault(" ".join(tex.split()), []).append(label)
    for group in alike.values():
        if len(group) > 1:
            for label in group:
                texts[label] = _exact_tex(label)
    return texts


def latex_title(title: str, ref: str, tex: Mapping[str, str]) -> str:
    """A panel's title, ``"<level> vs <reference>"`` (the levels as :func:`level_text` shows
    them), with each level written as ``tex`` (:func:`latex_labels`) writes it."""
    suffix = f" vs {ref}"
    head = title[: -len(suffix)]
    if title.endswith(suffix) and head in tex and ref in tex:
        return f"{tex[head]} vs {tex[ref]}"
    return tex.get(title) or latex_escape(title)


def _exact_tex(text: str) -> str:
    """``text`` as LaTeX with every character outside printable ASCII written as its code
    point (``<U+FF58>``): no two texts of one Unicode form alike."""
    return "".join(
        _TEX.get(c, c) if " " <= c <= "~" else rf"\textless{{}}U+{ord(c):04X}\textgreater{{}}"
        for c in unicodedata.normalize("NFC", text)
    )


def latex_escape(text: Any) -> str:
    r"""``text`` as LaTeX text that pdflatex compiles with the default fonts and no packages.

    Characters special to LaTeX are escaped: design-column names such as ``C(g)[T.b]``,
    ``x1:group[T.urban]``, ``np.log(x)``, ``Sepal.Length`` or ``I(x ** 2)`` compile as they
    read; a double quote is the typewriter font's straight one (``\texttt{\char34}``), since
    the default fonts set ``"`` as the closing quote that ``''`` also gives. Outside ASCII,
    accented letters become LaTeX accents (``é`` is ``\'{e}``), other letters LaTeX's letters
    (``ß`` is ``\ss{}``) or what they stand for (``ﬁ`` is ``fi``), superscripts and
    subscripts LaTeX's (``²`` is ``\ensuremath{^{\mathrm{2}}}``, not ``2``), Greek letters
    math symbols (``β`` is ``\ensuremath{\beta}``); control characters, tabs and line breaks
    are spaces (a blank line would end the paragraph inside a table row). Any other character
    is written as its code point, ``<U+4E2D>``, as R does.

    Parameters
    ----------
    text : object
        Converted with ``str()`` first.

    Returns
    -------
    str
        ASCII LaTeX for text mode.

    Examples
    --------
    >>> from mnlogit.report import latex_escape
    >>> print(latex_escape("x1:group[T.urban]"), latex_escape("50%_a&b"))
    x1:group{[}T.urban{]} 50\%\_a\&b
    >>> print(latex_escape("Größe_β [cm]"))
    Gr\"{o}\ss{}e\_\ensuremath{\beta} {[}cm{]}
    """
    text = str(text)
    if text.isascii() and text.isprintable():
        return "".join(_TEX.get(c, c) for c in text)
    out: list[str] = []
    accentable = False  # whether out[-1] is a letter that can take an accent
    for c in unicodedata.normalize("NFC", text):
        script = _script(c)
        if script:  # x² is not x2: a design of both had two rows that read x2
            out.append(script)
            accentable = False
            continue
        # é is e + acute, ǘ is u + diaeresis + acute, ﬁ is f + i
        parts = c if c.isascii() or c in _TEX_OTHER else unicodedata.normalize("NFKD", c)
        for d in parts:
            if unicodedata.combining(d):
                if accentable and d in _ACCENTS:
                    out[-1] = rf"\{_ACCENTS[d]}{{{_DOTLESS.get(out[-1], out[-1])}}}"
                continue  # a mark LaTeX has no accent for, or on a sign: left out
            out.append(_tex_char(d))
            accentable = d.isascii() and d.isalpha()
    return "".join(out)


_SCRIPTS = {"<super>": "^", "<sub>": "_"}
_SCRIPTABLE = frozenset("0123456789+-=()abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _script(c: str) -> str:
    """A superscript or subscript character (², ₂, ⁿ, ⁻) as a LaTeX one, or ``""``: written
    as its plain character it was another label's (x² and x2, CO₂ and CO2, both of which a
    formula reads as different columns)."""
    tag, _, _ = unicodedata.decomposition(c).partition(" ")
    if tag not in _SCRIPTS:
        return ""
    plain = unicodedata.normalize("NFKD", c).replace("\u2212", "-")
    if plain not in _SCRIPTABLE:
        return ""
    return rf"\ensuremath{{{_SCRIPTS[tag]}{{\mathrm{{{plain}}}}}}}"


def tex_label(label: str) -> str:
    return latex_escape(label).replace("chi2", r"$\chi^2$").replace("R2", r"R$^2$")


def tex_cell(cell: str, stars: bool) -> str:
    """A cell escaped for LaTeX, its significance stars (if the table has them) as a
    superscript."""
    stripped = cell.rstrip("*") if stars else cell
    n_stars = len(cell) - len(stripped)
    body = latex_escape(stripped)
    return body + (rf"$^{{{'*' * n_stars}}}$" if n_stars else "")
