"""Cell formatting and escaping shared by every rendering: numbers, p-values, LaTeX,
HTML and Markdown labels, wrapped notes."""

from __future__ import annotations

import html
import math
import re
import textwrap
from typing import Any

__all__ = ["latex_escape", "num", "pval", "wrap"]


# --- numbers and escaping ------------------------------------------------------------------------
def num(x: float) -> str:
    """Four decimals in the everyday range, otherwise 4 significant digits in e-notation."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    a = abs(x)
    if a == 0 or 1e-4 <= a < 1e6:
        return f"{x + 0.0:.4f}"  # + 0.0 turns -0.0 into 0.0
    return f"{x:.3e}"


def pval(p: float) -> str:
    p = float(p)
    if math.isnan(p):
        return "nan"
    return "<0.0001" if p < 5e-5 else f"{p:.4f}"


_TEX = str.maketrans(
    {
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
    }
)


def latex_escape(text: Any) -> str:
    """``text`` with every character that is special to LaTeX escaped for text mode.

    Design-column names such as ``C(g)[T.b]``, ``x1:group[T.urban]``, ``np.log(x)``,
    ``Sepal.Length`` or ``I(x ** 2)`` compile as they read.

    Parameters
    ----------
    text : object
        Converted with ``str()`` first.

    Returns
    -------
    str
        The text with ``\\ & % $ # _ { } ~ ^ < > |`` and brackets escaped.

    Examples
    --------
    >>> from mnlogit.report import latex_escape
    >>> print(latex_escape("x1:group[T.urban]"), latex_escape("50%_a&b"))
    x1:group{[}T.urban{]} 50\\%\\_a\\&b
    """
    return str(text).translate(_TEX)


def tex_label(label: str) -> str:
    return latex_escape(label).replace("chi2", r"$\chi^2$").replace("R2", r"R$^2$")


def html_label(label: str) -> str:
    return html.escape(label).replace("chi2", "&chi;<sup>2</sup>").replace("R2", "R<sup>2</sup>")


_MD = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: Any) -> str:
    return _MD.sub(r"\\\1", str(text))


def wrap(text: str, width: int, indent: str = "") -> str:
    return textwrap.fill(
        text, width, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False
    )
