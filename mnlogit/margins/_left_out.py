"""Which variables a table of every variable's effects leaves out, and what it says of them.

A variable whose design has no derivative at some rows (``C(k > 4)`` at k = 4, ``np.sqrt(c)``
at c = 0, a step that makes categories the fit has none of) raises :class:`NoSlopeError`.
Named, alone or among others, it is refused: the user asked for that effect. In the table of
every variable it is left out, named in the table's note and warned of (a table's print does
not show its note), and the others' effects are those they have when named.
``marginal_effects()`` and ``margins(kind="effect")`` both ask :class:`LeftOut`: the second
refused the whole table where the first gave the others.
"""

from __future__ import annotations

from .._data import ModelData
from ..exceptions import MNLogitWarning, warn
from ._dates import dates_note
from ._derivative import NoSlopeError
from ._discrete import discrete_variables, no_slope_note
from ._variables import Variable

__all__ = ["LeftOut"]


class LeftOut:
    """The variables left out of one table of effects, for want of a derivative.

    Parameters
    ----------
    what : str
        The table, as its refusals name it (``"marginal_effects"``, ``"margins"``).
    named : bool
        Whether the user named the variables (``variables=``): then none is left out.
    count : int
        How many variables the table takes: one alone is refused with its own reason.
    data : ModelData, optional
        For a table that takes the numbers read only through one computed factor's categories
        (``C(k % 3)``) as numbers (``margins``): their note says that ``marginal_effects``
        takes them as that factor. ``marginal_effects`` (None) has done so already.
    """

    def __init__(self, what: str, named: bool, count: int, data: ModelData | None = None) -> None:
        self.what = what
        self.named = named
        self.refuses = named or count == 1
        self._dates = ""  # the dates the table of every variable leaves out
        self.data = data
        self.names: list[str] = []
        self._said: list[str] = []  # the notes the refusals carry
        self._categories: list[Variable] = []  # read through categories: one note for them

    def leave_out(self, var: Variable, exc: NoSlopeError) -> None:
        """Leave ``var`` out for ``exc``, or raise ``exc`` when the variables were named."""
        if self.refuses:
            raise exc
        if var.name in self.names:  # margins meet it again at another combination of values
            return
        self.names.append(var.name)
        if exc.left_out:
            self._said.append(exc.left_out)
        else:
            self._categories.append(var)

    def leave_out_dates(self, available: list[Variable]) -> None:
        """Note the dates among ``available`` that the table of every variable leaves out
        (:func:`dates_note`); the variables named leave nothing out."""
        if not self.named:
            self._dates = dates_note(available)

    def notes(self) -> list[str]:
        """What the table's note says of the variables left out, each also warned of (a
        table's print does not show its note; ``margins`` did not warn of the dates)."""
        said = [one for one in [self._dates, *self._notes()] if one]
        for one in said:
            warn(one, MNLogitWarning)
        return said

    def refuse_all(self) -> None:
        """Refuse the table when every variable was left out: there is nothing to give."""
        if not self.names:
            return
        listed = ", ".join(map(repr, self.names))
        raise NoSlopeError(
            f"{self.what}: no variable has a derivative at every row ({listed}), so no effect "
            f"is left to give. {' '.join(self._notes())}"
        )

    def _notes(self) -> list[str]:
        factors: list[str] = []
        if self.data is not None and self._categories:
            taken = discrete_variables(self.data, self._categories)
            factors = [v.name for v in taken if v.levels is not None]
        also = [v.name for v in self._categories if v.name not in factors]
        said = [no_slope_note(also), *self._said, *map(_factor_note, factors)]
        return [one for one in said if one]


def _factor_note(name: str) -> str:
    return (
        f"Left out: {name!r}, read only through the categories of one computed factor, which "
        f"have no slope in it; marginal_effects(variables={name!r}) gives the changes from "
        f"its baseline level, or compare values with "
        f"margins(at={{{name!r}: [a, b]}}).contrast({name!r})."
    )
