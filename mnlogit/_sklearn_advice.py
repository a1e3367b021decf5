"""The classifier's advice for X that a scikit-learn step before it made unusable, right
for the step that made it.

The classifier sees X, not the Pipeline: the advice names the option of every common step
that gives dense columns, and for collinear columns reads which kind of step made them from
the columns themselves. Sparse output was answered with OneHotEncoder(sparse_output=False)
after a KBinsDiscretizer (whose option is encode='onehot-dense'), and a spline basis beside
the intercept with OneHotEncoder(drop='first') (its option is include_bias=False), and a
column constant on the rows fitted (a rare level's indicator 0 on every row of a
cross-validation training fold) with OneHotEncoder(drop='first') too, which leaves it in.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["DENSE_STEPS", "identifiable_advice"]

# every scikit-learn step whose output may be sparse, by the option that makes it dense
DENSE_STEPS = (
    "in a Pipeline set the step before to give dense columns: "
    "OneHotEncoder(sparse_output=False), KBinsDiscretizer(encode='onehot-dense'), "
    "SplineTransformer(sparse_output=False), or ColumnTransformer(..., sparse_threshold=0)"
)

_ONE_HOT = (
    "a one-hot encoding beside the intercept is identifiable without one level's column: "
    "OneHotEncoder(drop='first'), or for KBinsDiscretizer's bins "
    "KBinsDiscretizer(encode='ordinal') then OneHotEncoder(drop='first')"
)
_SPLINE = (
    "a spline basis sums to 1 in every row, as the intercept does: "
    "SplineTransformer(include_bias=False) keeps it identifiable"
)
_ONES = (
    "a column of ones beside the intercept: PolynomialFeatures(include_bias=False) leaves it out"
)
_CONSTANT = (
    "a column constant on the rows fitted, as a rare level's indicator is on a "
    "cross-validation training fold without that level, is left out of each fit by "
    "VarianceThreshold() as the step before the classifier"
)
_ANY = (
    "a step's columns that sum to 1 in every row, as the intercept does, are identifiable "
    "without one of them: OneHotEncoder(drop='first'), SplineTransformer(include_bias=False), "
    "PolynomialFeatures(include_bias=False)"
)


def identifiable_advice(design: np.ndarray, names: Sequence[str], message: str) -> str:
    """What keeps the columns the rank refusal ``message`` names identifiable, by what they
    hold: a column of ones is PolynomialFeatures' bias, another constant column one that
    VarianceThreshold drops (no coding of the step before changes a column of zeros), 0/1
    columns a one-hot encoding, other columns within [0, 1] a spline basis; anything else,
    every such step's option."""
    named = [j for j, name in enumerate(names) if repr(str(name)) in message]
    if not named:
        return _ANY
    cols = design[:, named]
    constant = np.all(cols == cols[:1], axis=0) & (cols[0] != 1.0)
    if constant.any():
        rest = cols[:, ~constant]
        if not rest.shape[1]:
            return _CONSTANT
        return f"{_CONSTANT}; {_advice_for(rest)}"
    return _advice_for(cols)


def _advice_for(cols: np.ndarray) -> str:
    """The step's option that keeps ``cols`` (none constant but ones) identifiable beside the
    intercept."""
    if np.all(cols == 1.0, axis=0).any():
        return _ONES
    if np.isin(cols, (0.0, 1.0)).all():
        return _ONE_HOT
    if ((cols >= 0.0) & (cols <= 1.0)).all():
        return _SPLINE
    return _ANY
