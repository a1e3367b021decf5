"""The refusals of a rank-deficient design: which columns are combinations of the others, which
are 0 on every row (of positive weight), and what to drop, from a formula or from X."""

from __future__ import annotations

import numpy as np

from .exceptions import RankError

__all__ = [
    "ZERO_WEIGHT_ROWS",
    "positive_weight_subpop",
    "rank_deficient",
    "weighted_rank_deficient",
    "zero_sampling_weight_rows",
]


# why a formula's columns are collinear in the weighted sums and not in the rows, when
# frequency weights of 0 leave out the rows that tell them apart
ZERO_WEIGHT_ROWS = (
    "they are not so in the data: what tells them apart is in the rows of weight 0 (a level "
    "of a factor, its baseline, whose rows all have weight 0, say): drop those rows, and the "
    "levels they alone hold go with them"
)


def positive_weight_subpop(column: str | None) -> str:
    """The ``subpop=`` of the rows whose sampling weights (``column``; None or "": given as
    values) are positive, as a message writes it."""
    if not column:
        return "subpop=<the weights> > 0"
    return f'subpop="{column if column.isidentifier() else f"`{column}`"} > 0"'


def zero_sampling_weight_rows(column: str | None) -> str:
    """:data:`ZERO_WEIGHT_ROWS` for sampling weights of 0, ``column`` naming the weights
    (None or "": given as values). Dropping those rows would take their PSUs out of the
    design, where they count in n_h; a subpopulation leaves them in it and learns the
    factor's levels from its own rows, with the same estimates and standard errors."""
    return (
        "they are not so in the data: what tells them apart is in the rows of sampling weight "
        "0 (a level of a factor, its baseline, whose rows all have weight 0, say): give the "
        f"rows of positive weight as the subpopulation ({positive_weight_subpop(column)}, "
        "joined with 'and' to a subpopulation already given), which keeps every PSU in the "
        "design and leaves the levels only rows of weight 0 hold out of the model; dropping "
        "the rows from the data would drop their PSUs from the design too"
    )


def weighted_rank_deficient(names: tuple, aliased: list[int], blame: str) -> RankError:
    """The refusal of ``aliased`` columns that only the weights make collinear, ``blame``
    saying how."""
    err = RankError(
        f"the weighted sums are rank deficient: column(s) "
        f"{', '.join(repr(names[j]) for j in aliased)} are combinations of the others in "
        f"them, but {blame}"
    )
    err.weights_only = True
    return err


def rank_deficient(
    names: tuple,
    aliased: list[int],
    zero: np.ndarray,
    *,
    weighted: bool,
    where: str,
    sampling: str | None = None,
) -> RankError:
    """The refusal of the design's ``aliased`` columns (positions in ``names``), to be dropped
    from ``where`` ("the formula" or "X"). Those that are 0 on every row of positive weight
    (``zero``, a mask over all columns: a factor level whose rows all have weight 0) are said
    to be so, with their own advice, not called combinations of the others, which asked to
    drop a dummy from the formula. ``sampling``: the column of a survey's sampling weights
    ("" given as values), whose rows of weight 0 are left out of the subpopulation rather
    than dropped (their PSUs stay in the design)."""
    named = [", ".join(repr(names[j]) for j in aliased if zero[j] == z) for z in (True, False)]
    if (
        not weighted
        and where == "the formula"
        and all(":" in str(names[j]) for j in aliased if zero[j])
    ):
        # a formula cannot drop one column of a term: "drop them from the formula" led nowhere
        empty = (
            "are 0 on every row: interactions of levels (or values) that never occur together, "
            "empty cells. Leave the interaction out, or fit the cells that occur as one "
            "factor: a column pasting the factors' levels together, in C()"
        )
    elif not weighted:
        empty = f"are 0 on every row: drop them from {where}"
    elif where == "X":  # a column of X stays when rows are dropped: "drop those rows" left it 0
        empty = (
            "are 0 on every row of positive weight: drop them from X, or give weight to rows "
            "where they are not 0"
        )
    elif sampling is not None:  # a survey's rows of weight 0 keep their PSUs in its design
        empty = (
            "are 0 on every row of positive weight (a level whose rows all have sampling "
            "weight 0, say): give the rows of positive weight as the subpopulation "
            f"({positive_weight_subpop(sampling)}), which leaves that level out of the model "
            "and keeps every PSU in the design"
        )
    else:  # a formula's level goes with its rows
        empty = (
            "are 0 on every row of positive weight (a level whose rows all have weight 0, "
            "say): drop those rows"
        )
    combined = "are linear combinations of the others (or constant beside the intercept): "
    if where == "the formula" and all(":" in str(names[j]) for j in aliased if not zero[j]):
        # one column of an interaction cannot be dropped from a formula either: with factors,
        # an empty cell whose dummies are not all 0 (g*h without the baselines' cell) is this
        combined += (
            "columns of an interaction, which a formula cannot drop one by one; with factors, "
            "the levels of some cell never occur together (an empty cell). Leave the "
            "interaction out, or fit the cells that occur as one factor: a column pasting the "
            "factors' levels together, in C()"
        )
    else:
        combined += f"drop them from {where}"
    why = [empty, combined]
    found = "; ".join(f"column(s) {cols} {w}" for cols, w in zip(named, why, strict=True) if cols)
    return RankError(f"the design is rank deficient: {found}")
