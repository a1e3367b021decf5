"""X read by the classifier's formula: its design at prediction (every row predictable), the
model's formula and outcome name, and the model's refusals said of the classifier's arguments
(``X``, ``sample_weight``, ``formula=``)."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

from . import exceptions
from ._columns import missing_column
from ._data import ModelData
from ._dtypes import inf_past_floats, missing_mask
from ._levels import distinct_values, level_key
from ._new_levels import python_scalar
from ._sklearn_columns import missing_in_x
from ._sklearn_options import in_classifier_words, speak_of_arguments, speak_of_formula
from ._sklearn_rhs import refuse_no_rhs
from .exceptions import ColumnNotFoundError, DataError, LevelError, MNLogitError
from .formula import required_columns
from .results import MNLogitResults

__all__ = [
    "as_arguments",
    "check_predictable",
    "formula_design",
    "formula_rhs",
    "outcome_name",
    "refuse_dropped_rows",
    "weightless_levels",
]

# values kept per column by weightless_levels: enough to name those a prediction meets
_KEPT = 50


def formula_design(
    results: MNLogitResults, X: pd.DataFrame, weightless: dict[str, set] | None = None
) -> np.ndarray:
    """X's design by the fitted formula, every row predictable (:func:`check_predictable`);
    the formula's refusals speak of X, the classifier's argument, not of newdata. A level
    only rows of sample weight 0 had at fit (``weightless``, :func:`weightless_levels`) is
    refused saying so."""
    try:
        design = results._new_design(X)[0]  # not _design: it warns of rows we refuse
    except ColumnNotFoundError as exc:  # the column is missing from X, not from "newdata"
        raise ColumnNotFoundError(
            str(exc.args[0]).replace(" is not in newdata", " is not in X", 1)
        ) from None
    except MNLogitError as exc:
        text = str(exc)
        if not text.startswith("newdata"):
            raise
        # values of another type than a level ('3' for 3), or that differ from it by white
        # space, letter case or rounding, are no rare level a fold lacks: handle_unknown=
        # 'ignore' would encode 'present ' as the baseline level, without a word
        near = "the level " in text.partition("not among the levels seen in fitting")[2]
        unweighted = _weightless_note(text, X, weightless or {})
        if isinstance(exc, LevelError) and unweighted:
            text += unweighted
        elif isinstance(exc, LevelError) and "not among the levels seen" in text and not near:
            text += (
                " (in cross-validation a training fold can lack a rare level): merge rare "
                "levels before fitting, or encode the column in a Pipeline with "
                "OneHotEncoder(drop='first', handle_unknown='ignore') and no formula, which "
                "predicts a level its training fold lacked as the first level (all zeros: "
                "scikit-learn warns of unknown categories)"
            )
        # the advice too: "(newdata['b'] == 1 if 1 means True)" named no argument of the
        # classifier's
        err = type(exc)("X" + text[len("newdata") :].replace("newdata[", "X["))
        speak_of_arguments(err, "")  # "df['x1'] = pd.to_numeric(df['x1'])": X's column
        raise err from None
    check_predictable(X, design, results._data)
    return design


def weightless_levels(X: Any, keep: np.ndarray | None, data: ModelData) -> dict[str, set]:
    """The values of the formula's columns of ``X`` that at fit only rows of sample weight 0
    (``~keep``) hold, as level keys (a few per column). Those rows are left out, as
    scikit-learn leaves them, so such a value is no level of the fit, which new data at it
    were refused as, "not among the levels seen in fitting", blaming a cross-validation
    fold that lacked a rare level, where fit had been given it."""
    spec = data.spec
    if keep is None or spec is None or not isinstance(X, pd.DataFrame):
        return {}
    names = {str(c): c for c in X.columns}
    found = {}
    for name in required_columns(spec.factors, spec.required_variables, X.columns):
        if name not in names:
            continue
        values = X[names[name]]
        try:
            seen = values.isin(values[keep].dropna()).to_numpy(bool)
            only = distinct_values(values[~keep & ~seen].dropna())[:_KEPT]
            keys = {level_key(python_scalar(v)) for v in only}
        except TypeError:  # values no level can be (lists a transform reads): nothing to say
            continue
        if keys:
            found[name] = keys
    return found


def _weightless_note(text: str, X: pd.DataFrame, weightless: dict[str, set]) -> str:
    """What to add to the refusal ``text`` of a level of X the fit did not see when the
    column it names held that level at fit on rows of sample weight 0 only."""
    names = {str(c): c for c in X.columns}
    for name, keys in weightless.items():
        if name not in names or not text.startswith(f"newdata: column {name!r}"):
            continue
        for value in distinct_values(X[names[name]].dropna()):
            value = python_scalar(value)
            if level_key(value) in keys:
                return (
                    f" ({value!r} of column {name!r} is held at fit only by rows of "
                    "sample_weight 0, which are left out of the fit, as scikit-learn leaves "
                    "them: give some of those rows a positive weight, or keep such rows out "
                    "of X)"
                )
    return ""


def check_predictable(X: pd.DataFrame, design: np.ndarray, data: ModelData) -> None:
    """Refuse the rows of X whose design (by the fitted formula) is not finite, saying why
    for the first: a missing value, an infinite one, or a transform outside its domain
    (``np.log(x)`` at x = 0), which are no missing values to impute."""
    bad = ~np.isfinite(design).all(axis=1)
    if not bad.any():
        return
    i = int(np.flatnonzero(bad)[0])
    spec = data.spec
    used = required_columns(spec.factors, spec.required_variables, X.columns) if spec else []
    row = X.iloc[i][[c for c in X.columns if str(c) in used]]
    missing = [str(c) for c in row.index[missing_mask(row)]]  # Decimal('sNaN') too
    if missing:
        raise DataError(
            f"X: {int(bad.sum())} row(s) have missing values in the formula's columns (first "
            f"at position {i}, column {missing[0]!r}); a classifier predicts every row: impute "
            "them first (e.g. a SimpleImputer in a Pipeline)"
        )
    numbers = pd.to_numeric(row.map(inf_past_floats), errors="coerce")  # 10**400: inf
    infinite = numbers[np.isinf(numbers.to_numpy(np.float64, na_value=0.0))]
    if len(infinite):
        why = f"an infinite value in column {str(infinite.index[0])!r} ({infinite.iloc[0]})"
    else:
        j = int(np.flatnonzero(~np.isfinite(design[i]))[0])
        why = (
            f"design column {data.column_names[j]!r} the value {design[i, j]} from finite "
            "values: a transform in the formula is not defined there or passes the largest float"
        )
    raise DataError(
        f"X: {int(bad.sum())} row(s) cannot be predicted (at position {i}: {why}); a "
        "classifier predicts from finite predictors: keep such rows out, or change the formula"
    )


def formula_rhs(formula: Any, fit_intercept: bool) -> str | None:
    """The formula's right-hand side, with ``- 1`` when there is to be no intercept (None
    without a formula); an outcome in it is refused."""
    if formula is None:
        return None
    refuse_no_rhs(formula)
    return formula if fit_intercept else f"{formula} - 1"


def refuse_dropped_rows(dropped: int, formula: str | None) -> None:
    """Refuse the rows a formula dropped for missing values: a classifier uses every row."""
    if dropped:
        raise DataError(
            f"X: {dropped} row(s) have missing values in the columns formula={formula!r} "
            "uses; a classifier uses every row it is given: impute them first (e.g. "
            "SimpleImputer().set_output(transform='pandas') in a Pipeline) or drop those rows"
        )


def outcome_name(name: Any, X: pd.DataFrame, rhs: str) -> str:
    """The outcome's name in the formula of ``results_``: y's own when it is a named
    Series whose name can stand in a formula, else ``"y"``; underscores added while X has
    a column of that name or the right-hand side uses it.

    A name the right-hand side uses would be read there as the outcome's column: y named
    ``np``, ``C`` or ``log`` broke ``np.log(d)``, ``C(g)`` or ``log(d)``."""
    if not (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)):
        name = "y"
    used = set(re.findall(r"[^\W\d]\w*", rhs))
    while name in X.columns or name in used:
        name += "_"
    return name


@contextmanager
def as_arguments(
    X: Any, rhs: str | None, model_formula: str = "", formula: str = "", outcome: str = "y"
) -> Iterator[None]:
    """Within the block (the model built from X, the outcome and the weights), the model's
    refusals speak of the classifier's arguments: ``X`` where they say ``data``,
    ``sample_weight`` where they say ``weights``, its ``formula`` where they quote the
    model's (``model_formula``; :func:`~mnlogit._sklearn_options.speak_of_formula`). A
    column the formula names but X lacks is looked for among X's columns only, where the
    outcome's column, which the classifier adds, was listed and offered as the fix ("column
    'Y' is not in the data; the column 'y' differs from it only by letter case")."""
    try:  # its warnings too: "clean the column first (e.g. df['g'] = df['g'].str.strip())"
        with exceptions.issued_as({}, wording=lambda text: in_classifier_words(text, outcome)):
            yield
    except ColumnNotFoundError as exc:
        if exc.column is None or rhs is None:
            raise
        raise missing_in_x(missing_column(exc.column, X, rhs, "X"), X) from None
    except MNLogitError as exc:
        text = str(exc)
        for theirs, ours in (("data: ", "X: "), ("weights: ", "sample_weight: ")):
            if text.startswith(theirs):
                exc.args = (ours + text.removeprefix(theirs), *exc.args[1:])
        if rhs is not None and model_formula:
            speak_of_formula(exc, model_formula, formula, rhs.removeprefix(formula))
        speak_of_arguments(exc, outcome)
        raise
