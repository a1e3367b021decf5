"""The options of a table of margins that change what it is: ``kind=`` (:data:`KINDS`, what
is averaged: the outcome probabilities or their effects) and ``average=`` (:data:`AVERAGES`:
over the fit's rows, or at one point of a reference grid). Every module that words, bounds or
draws a table asks its kind here rather than comparing names. Other programs' names for these
options' values (Stata's ``dydx``, ``eyex`` and ``atmeans``, emmeans' ``response`` and
``equal``, statsmodels' ``at='median'``) are answered with what gives them here, or with what
is not offered (:func:`check_named`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._checks import check_option
from ..exceptions import OptionError

__all__ = [
    "AVERAGES",
    "GRID",
    "KINDS",
    "OTHER_AVERAGES",
    "OTHER_KINDS",
    "OTHER_POINTS",
    "ROWS",
    "MarginKind",
    "check_named",
    "margin_kind",
]

ROWS = "rows"  # averaged over the fit's rows (predictive margins, Stata's margins)
GRID = "grid"  # at the means of a reference grid (emmeans)
AVERAGES = (ROWS, GRID)


@dataclass(frozen=True)
class MarginKind:
    """One ``kind=`` of margins.

    Attributes
    ----------
    name : str
        As given (``"prob"``, ``"effect"``), and as :attr:`Margins.kind` reads.
    effects : bool
        Derivatives or changes of each probability: taken of ``variables=``, NaN where they
        run through a diverging coefficient, drawn about a line at zero.
    quantity : str
        What a margin is, ``{}`` the outcome's name.
    expression : str
        What the table's header adds to the quantity.
    rounding : float
        A margin's rounding in units of a probability's: an effect of a variable that is not
        one design column is a difference quotient of the design with relative step 1e-3
        (see ``_derivative.STEP``), 1e3 times as rounded.
    titles : tuple of str
        The table's title averaged over the rows, then on a grid.
    """

    name: str
    effects: bool
    quantity: str
    expression: str
    rounding: float
    titles: tuple[str, str]

    def title(self, average: str) -> str:
        """The table's title for ``average`` (one of :data:`AVERAGES`)."""
        return self.titles[AVERAGES.index(average)]


KINDS = {
    "prob": MarginKind(
        "prob",
        effects=False,
        quantity="Pr({})",
        expression="",
        rounding=1.0,
        titles=("Predictive margins", "Estimated marginal means"),
    ),
    "effect": MarginKind(
        "effect",
        effects=True,
        quantity="effect on Pr({})",
        expression=" (dP/dx of a numeric variable, change from the baseline of a factor)",
        rounding=1e3,
        titles=("Average marginal effects", "Marginal effects on a grid"),
    ),
}


def margin_kind(name: str) -> MarginKind:
    """The kind named ``name`` (checked by the caller against :data:`KINDS`)."""
    return KINDS[name]


def check_named(name: str, value: Any, allowed: tuple[str, ...], others: Mapping[str, str]) -> str:
    """``value`` if it is one of ``allowed``; else an OptionError listing them, which says
    what gives the option of that name in another program (``others``, keyed by the name in
    lower case) where it has one."""
    if isinstance(value, str) and value not in allowed:
        instead = others.get(value.strip().lower().removesuffix("."))
        if instead is not None:
            shown = ", ".join(map(repr, allowed))
            raise OptionError(f"{name}: expected one of ({shown}); got {value!r}: {instead}")
    return check_option(name, value, allowed)


_EFFECT = (
    'take kind="effect" (dP/dx of a numeric variable, the change from the baseline of a factor)'
)
_ELASTICITY = (
    "elasticities (Stata's eyex(), dyex() and eydx()) are not offered; the effects dP/dx are "
    'kind="effect"'
)
_PROB = 'take kind="prob": margins of every outcome\'s probability'
# the values of kind= that Stata's margins options, statsmodels' get_margeff and emmeans name:
# refused with the two kinds allowed and nothing of what they correspond to
OTHER_KINDS = {
    "dydx": _EFFECT + " (Stata's dydx())",
    **dict.fromkeys(("effects", "slope", "slopes", "trend", "trends", "emtrends"), _EFFECT),
    **dict.fromkeys(
        ("eyex", "dyex", "eydx", "elasticity", "elasticities", "elasticity.eyex"), _ELASTICITY
    ),
    **dict.fromkeys(("pr", "probs", "probability", "probabilities"), _PROB),
    "response": _PROB + " (emmeans' mode 'prob', regrid 'response')",
    **dict.fromkeys(
        ("xb", "link", "linear", "linear.predictor"),
        'margins are of the probabilities (kind="prob"); the log-odds against the reference '
        'at chosen rows are res.predict(newdata, kind="link")',
    ),
}

_GRID = (
    'take average="grid": numeric variables not set at their means, the levels of the other '
    "factors weighted equally (emmeans' weights 'equal')"
)
_ATMEANS = (
    _GRID + "; Stata's atmeans sets a factor's dummies at their means instead: effects at the "
    "mean of every design column are res.marginal_effects(at='mean')"
)
_ROWS = (
    'take average="rows", the default: every row of the fit predicted with the values set, '
    "averaged with the fit's weights"
)
# the values of average= that name Stata's and emmeans' ways of holding the other variables
OTHER_AVERAGES = {
    **dict.fromkeys(("atmeans", "means", "mean"), _ATMEANS),
    **dict.fromkeys(("equal", "cells", "emmeans", "reference grid", "ref_grid"), _GRID),
    **dict.fromkeys(("asobserved", "observed", "overall", "counterfactuals"), _ROWS),
    "proportional": _ROWS + " (for a model of factors alone, emmeans' weights 'proportional')",
}

_AT_VALUES = (
    "effects at chosen values are res.margins(at={{'x': ...}}, kind='effect'), a value for "
    "each numeric variable ({what}), factors at a level or averaged over the rows"
)
# the values of marginal_effects' at= in statsmodels' get_margeff and Stata's margins
OTHER_POINTS = {
    **dict.fromkeys(
        ("means", "atmeans"), "take at='mean', the effects at the mean of every design column"
    ),
    **dict.fromkeys(
        ("ame", "average", "asobserved", "all rows", "rows"),
        "take at='overall', the effects averaged over the rows",
    ),
    "median": _AT_VALUES.format(what="its median, statsmodels' at='median'"),
    "zero": _AT_VALUES.format(what="0, statsmodels' at='zero'"),
    "all": (
        "each row's own effects (statsmodels' at='all') are not offered; averaged over the "
        "rows they are at='overall', and at one row's values res.margins(at={...}, "
        "kind='effect')"
    ),
}
