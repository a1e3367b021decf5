"""The classifier's advice for X that a scikit-learn step before it made unusable, right
for the step that made it.

The classifier sees X, not the Pipeline: the advice names the option of every common step
that gives dense columns, and for collinear columns reads which kind of step made them from
the columns themselves. Sparse output was answered with OneHotEncoder(sparse_output=False)
after a KBinsDiscretizer (whose option is encode='onehot-dense'), and a spline basis beside
the intercept with OneHotEncoder(drop='first') (its option is include_bias=False), and a
column constant on the rows fitted (a rare level's indicator 0 on every row of a
cross-validation training fold) with OneHotEncoder(drop='first') too, which leaves it in.
A StackingClassifier's class probabilities (one column per class of each estimator, summing
to 1) were answered as a spline basis, and its decision scores (summing to 0) with every
step's option, none of which is in a StackingClassifier.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

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


def identifiable_advice(
    design: np.ndarray, names: Sequence[str], message: str, y: pd.Series, intercept: bool
) -> str:
    """What keeps the columns the rank refusal ``message`` names identifiable, by what they
    hold: blocks of as many columns as ``y`` has classes from X's first (after the design's
    ``intercept``) summing to 1 or 0 in every row a StackingClassifier's predictions, a
    column of ones PolynomialFeatures' bias, another constant column one that
    VarianceThreshold drops (no coding of the step before changes a column of zeros), 0/1
    columns a one-hot encoding, other columns within [0, 1] a spline basis; anything else,
    every such step's option."""
    named = [j for j, name in enumerate(names) if repr(str(name)) in message]
    if not named:
        return _ANY
    first = int(intercept)
    stacked = _stacked_advice(design[:, first:], [j - first for j in named], y.nunique())
    if stacked:
        return stacked
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


def _stacked_advice(X: np.ndarray, named: Sequence[int], n_classes: int) -> str:
    """The advice for columns in blocks of ``n_classes`` at X's start that each sum to 1
    (class probabilities) or to 0 (decision scores, centred over the classes) in every row,
    as a StackingClassifier passes its estimators' predictions for three or more classes;
    '' when the columns ``named`` lie in no such block."""
    if n_classes < 3:  # for two classes StackingClassifier passes one column per estimator
        return ""
    blocks = []
    for start in range(0, X.shape[1] - n_classes + 1, n_classes):
        block = X[:, start : start + n_classes]
        sums = block.sum(axis=1)
        # the sums the estimators' own rounding leaves, far below any real column's spread
        slack = 1e-8 * max(1.0, float(np.abs(block).max()))
        if np.isin(block, (0.0, 1.0)).all():  # a one-hot encoding's, not predictions
            break
        if np.all(np.abs(sums - 1.0) <= slack):
            blocks.append((start, "class probabilities", "1"))
        elif np.all(np.abs(sums) <= slack):
            blocks.append((start, "decision scores", "0"))
        else:
            break
    ends = [start + n_classes - 1 for start, _, _ in blocks]
    if not any(end - n_classes < j <= end for end in ends for j in named):
        return ""
    kinds = " or ".join(sorted({f"{kind} sum to {total}" for _, kind, total in blocks}))
    return (
        f"the {n_classes} columns of each estimator's predictions, as a StackingClassifier "
        f"passes them, are dependent ({kinds} in every row); a final estimator that leaves "
        "out one class's column of each is identifiable: final_estimator=make_pipeline("
        f"ColumnTransformer([('drop', 'drop', {ends})], remainder='passthrough'), "
        "MNLogitClassifier())"
    )
