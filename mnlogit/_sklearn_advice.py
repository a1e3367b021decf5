"""The classifier's advice for X that a scikit-learn step before it made unusable, right
for the step that made it.

The classifier sees X, not the Pipeline: the advice names the option of every common step
that gives dense columns, and for collinear columns reads which kind of step made them from
the columns themselves. Sparse output was answered with OneHotEncoder(sparse_output=False)
after a KBinsDiscretizer (whose option is encode='onehot-dense'), and a spline basis beside
the intercept with OneHotEncoder(drop='first') (its option is include_bias=False), and a
column constant on the rows fitted (a rare level's indicator 0 on every row of a
cross-validation training fold) with OneHotEncoder(drop='first') too, which leaves it in.
A StackingClassifier's class probabilities and a TargetEncoder's encodings (for three or
more classes, a block of one column per class of each estimator or feature, summing to 1)
were answered as a spline basis, and a StackingClassifier's decision scores (summing to 0)
with every step's option, none of which is in such a pipeline.
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
    hold: blocks of as many columns of X (the design after its ``intercept``) as ``y`` has
    classes summing to 1 or 0 in every row a StackingClassifier's predictions or a
    TargetEncoder's encodings, a column of ones PolynomialFeatures' bias, another constant
    column one that VarianceThreshold drops (no coding of the step before changes a column
    of zeros), 0/1 columns a one-hot encoding, other columns within [0, 1] a spline basis;
    anything else, every such step's option. Fewer distinct rows than design columns (rows
    repeated, or frequency weights on few rows) is said as such: any columns are then
    combinations of the others, and uniform numbers in [0, 1] were called a spline basis."""
    distinct = len(np.unique(design, axis=0))
    if distinct < design.shape[1]:  # no coding of a step makes so few rows tell them apart
        return (
            f"X holds {distinct} distinct rows, fewer than the {design.shape[1]} design "
            f"columns{' with the intercept' if intercept else ''}: rows repeated, or given "
            "frequency weights, tell no more columns apart than one row does, so at most "
            f"{distinct} columns are identified"
        )
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
    """The advice for columns in blocks of ``n_classes``, one column per class, that each sum
    to 1 (a StackingClassifier's class probabilities, a TargetEncoder's encodings of a
    feature for three or more classes) or to 0 (decision scores, centred over the classes)
    in every row; '' when the columns ``named`` lie in no such block."""
    if n_classes < 3:  # for two classes both give one column per estimator or feature
        return ""
    ends, sums_to = [], set()
    start = 0
    while start + n_classes <= X.shape[1]:
        block = X[:, start : start + n_classes]
        total = _block_total(block)
        if total is None:
            start += 1
            continue
        ends.append(start + n_classes - 1)
        sums_to.add(total)
        start += n_classes
    if not any(end - n_classes < j <= end for end in ends for j in named):
        return ""
    said = {
        1: "sum to 1 in every row, as the intercept does (a StackingClassifier's class "
        "probabilities of each estimator, or a TargetEncoder's encodings of each feature)",
        0: "sum to 0 in every row (a StackingClassifier's decision scores of each estimator)",
    }
    drop = f"ColumnTransformer([('drop', 'drop', {ends})], remainder='passthrough')"
    return (
        f"the columns in blocks of {n_classes}, one per class, "
        f"{' or '.join(said[t] for t in sorted(sums_to, reverse=True))}; leaving out one "
        f"class's column of each block keeps them identifiable: {drop} as the step before "
        "the classifier (for a StackingClassifier, final_estimator=make_pipeline(that step, "
        "MNLogitClassifier()))"
    )


def _block_total(block: np.ndarray) -> int | None:
    """1 or 0, what every row of ``block`` sums to, for class probabilities or encodings
    (none exactly 0: a spline basis' are, outside each function's support) and centred
    decision scores; None for other columns, a one-hot encoding's among them."""
    if np.isin(block, (0.0, 1.0)).all():
        return None
    sums = block.sum(axis=1)
    # the sums the estimators' own rounding leaves (float32 probabilities' too), far below
    # any real column's spread; only read once the rank check has refused the columns
    slack = 1e-6 * max(1.0, float(np.abs(block).max()))
    if np.all(np.abs(sums - 1.0) <= slack) and np.all(block > 0.0):
        return 1
    if np.all(np.abs(sums) <= slack):
        return 0
    return None
