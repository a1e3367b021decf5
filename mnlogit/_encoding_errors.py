"""What formulaic, or a transform in a formula, raised while encoding data, as mnlogit's
errors: values outside a factor's levels, transforms that give missing values, splines asked
beyond their bounds, terms that encode new data into other columns than in fitting.
"""

from __future__ import annotations

import re

from ._formula_text import evaluation_message
from ._levels import UnseenLevels
from .exceptions import DataError, FormulaError, LevelError, MNLogitError

__all__ = ["encoding_error"]


def encoding_error(
    exc: BaseException, where: str, *, fitting: bool, factors: dict[str, list] | None = None
) -> MNLogitError:
    """The error to raise for ``exc``, raised while encoding the data ``where`` names (the
    formula's data when ``fitting``, else new data); ``factors``: the categorical factors
    whose unseen values new data may have, with their levels, named in the message."""
    if isinstance(exc, UnseenLevels):
        # the values as Python shows them: 9.0, not np.float64(9.0)
        found = re.sub(r"np\.\w+\(([^()]*)\)", r"\1", str(exc))
        allowed = "the formula's levels" if fitting else "the levels seen in fitting"
        if factors:
            allowed += (
                " ("
                + "; ".join(
                    f"{expr}: {', '.join(map(repr, levels))}" for expr, levels in factors.items()
                )
                + ")"
            )
        return LevelError(f"{where}: {found}; only {allowed} can be encoded")
    text = str(exc)
    # the expression may hold backticks itself (np.log(`my x`)): match up to the
    # message's closing one
    null = re.search(r": `(.+)` contains null values after evaluation", text)
    if null:
        expr = null.group(1)
        # scale(x) of a constant x divides by a standard deviation of 0, poly(x, 3) of
        # x with two values finds no third orthogonal polynomial
        if re.match(r"lag\(", expr):
            # formulaic's lag() shifts within whatever rows it is given, so its first rows
            # have no value in every data set, new data's one row included
            return DataError(
                f"{where}: {expr!r} has no value in its first row(s), whatever the data, and "
                "in new data it would shift within the rows given; add the lagged column "
                "to the data (df.assign(x_lag=df['x'].shift(1)), within groups with "
                "df.groupby(...)['x'].shift(1)) and name it in the formula: rows where it "
                "is missing are dropped with missing='drop'"
            )
        why = (
            "its column has too few distinct values: scale() and standardize() divide by "
            "its standard deviation, 0 for a constant, and poly(x, d) needs d + 1 values"
            if re.match(r"(scale|standardize|poly)\(", expr)
            else "e.g. log or sqrt of a negative number"
        )
        return DataError(
            f"{where}: {expr!r} gives missing values on rows where its inputs are "
            f"present ({why}); every predictor must be finite"
        )
    if "extend beyond upper and/or lower bounds" in text:
        factor = re.search(r"factor `(.+)`\. \[", text)
        return DataError(
            f"{where}: {factor.group(1) if factor else 'a spline'} is asked for values "
            "beyond its bounds (the range of the data it was fitted on, or its "
            "lower_bound= and upper_bound=), where its basis is not defined; keep to "
            "them, give extrapolation='extend' (which continues the end polynomials beyond "
            "them, as R's predict.bs does), or give bounds that cover the values"
        )
    term = re.search(r"Term `(.+)` has generated", text)
    if term and not fitting:
        return DataError(
            f"{where}: term {term.group(1)!r} does not encode into the columns it had in "
            f"fitting; check that its columns have the same type as in the fitted data "
            f"(numbers vs categories)"
        )
    return FormulaError(f"{where}: {evaluation_message(exc)}")
