"""The options of a table of margins that change what it is: ``kind=`` (:data:`KINDS`, what
is averaged: the outcome probabilities or their effects) and ``average=`` (:data:`AVERAGES`:
over the fit's rows, or at one point of a reference grid). Every module that words, bounds or
draws a table asks its kind here rather than comparing names."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AVERAGES", "GRID", "KINDS", "ROWS", "MarginKind", "margin_kind"]

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
