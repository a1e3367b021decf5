"""A scikit-learn classifier with mnlogit's inference attached: :class:`MNLogitClassifier`.

It follows scikit-learn's estimator contract (``fit``, ``predict``, ``predict_proba``,
``get_params``/``set_params``, ``clone``, pickling, :func:`~sklearn.utils.estimator_checks.
check_estimator`), so it works in pipelines, grid searches, cross-validation and calibration;
its ``results_`` is the fitted :class:`~mnlogit.MNLogitResults`, with the summary, tests,
margins and standard errors of the package. ``penalty="l2"`` reproduces
``sklearn.linear_model.LogisticRegression(C=C)``.

Needs the ``sklearn`` extra: ``pip install 'mnlogit[sklearn]'`` (scikit-learn 1.6 or later).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._alike import warn_alike
from ._checks import WEIGHT_TYPES, check_flag, check_option
from ._design_fill import row_major_copy
from ._other_options import CLASSIFIER, answering_other_options, other_option_hint
from ._quasi_newton import DEFAULT_TOL
from ._scores import linear_predictors, log_probabilities, new_row_probabilities
from ._sklearn_arrays import array_model
from ._sklearn_columns import check_column_order as _check_column_order
from ._sklearn_columns import column_labels as _column_labels
from ._sklearn_columns import feature_names as _column_names
from ._sklearn_columns import refuse_booleans_for_measures
from ._sklearn_fitted import CHECKED, check_unchanged, kept, lay_out
from ._sklearn_formula import as_arguments as _as_arguments
from ._sklearn_formula import formula_design as _formula_design
from ._sklearn_formula import formula_rhs as _formula_rhs
from ._sklearn_formula import outcome_name as _outcome_name
from ._sklearn_formula import refuse_dropped_rows as _refuse_dropped_rows
from ._sklearn_formula import weightless_levels
from ._sklearn_inputs import NEEDS_SKLEARN, NotFittedError, as_sklearn_warnings
from ._sklearn_inputs import check_aligned as _check_aligned
from ._sklearn_inputs import check_weights_aligned as _check_weights_aligned
from ._sklearn_inputs import checked_input as _checked
from ._sklearn_inputs import numeric_input as _numeric
from ._sklearn_keywords import answering_keywords
from ._sklearn_labels import NEEDS_LABELS
from ._sklearn_labels import check_ref as _check_ref
from ._sklearn_labels import classes_of as _classes
from ._sklearn_labels import plain_labels as _plain_labels
from ._sklearn_labels import python_values as _python_values
from ._sklearn_labels import ref_value as _ref_value
from ._sklearn_labels import refuse_missing_labels as _refuse_missing_labels
from ._sklearn_labels import refuse_no_labels as _refuse_no_labels
from ._sklearn_labels import rows_of as _rows_of
from ._sklearn_labels import true_labels as _true_labels
from ._sklearn_options import check_covariance as _check_covariance
from ._sklearn_options import check_method
from ._sklearn_options import firth_design_in_classifier_words as _firth_design
from ._sklearn_outcome import refuse_y_column as _refuse_y_column
from ._sklearn_rows import kept_labels, row_labels
from ._sklearn_tables import formula_frame as _formula_frame
from ._sklearn_tables import refuse_dask_fit as _refuse_dask_fit
from ._sklearn_weights import sample_weights as _sample_weights
from ._sklearn_weights import score_weights as _score_weights
from ._sklearn_weights import weighted_rows as _weighted_rows
from ._weight_words import refuse_weight_type_words as _refuse_weight_type_words
from .covariance import DEFAULT_COV_TYPE
from .exceptions import DataError, MissingDependencyError, OptionError
from .model import MNLogit, PenalisedMNLogit
from .results import MNLogitResults

try:
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.exceptions import NotFittedError as SklearnNotFittedError
    from sklearn.metrics import accuracy_score
    from sklearn.utils import Tags
    from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data
except ImportError as error:  # not installed, or older than 1.6 (no validate_data, Tags)
    raise MissingDependencyError(NEEDS_SKLEARN) from error

__all__ = ["MNLogitClassifier", "NotFittedError"]


@answering_keywords
class MNLogitClassifier(ClassifierMixin, BaseEstimator):
    """Multinomial logistic regression as a scikit-learn classifier, with inference attached.

    Parameters
    ----------
    formula : str, optional
        The right-hand side of a formula (``"age + income + C(region)"``), in
        :func:`mnlogit.fit`'s syntax; X must then be a DataFrame with the columns it uses,
        read by name (as ``ColumnTransformer`` reads its columns): new rows need those
        columns only, in any order, beside any others (not the outcome's). The encoding
        (categories, transforms) is learned from the rows ``fit`` sees and reused by
        ``predict``, so a test fold's levels never leak into the fit; a level unseen in
        training is an error at prediction. Without a formula, X is used as given (numeric
        columns) plus an intercept.
    ref : class label, optional
        The reference class of ``results_`` (default: the first of ``classes_``). It does not
        change the predictions.
    penalty : {None, "l2"}, optional
        ``"l2"``: scikit-learn's L2 penalty, so that the fit is that of
        ``LogisticRegression(C=C)`` (see :func:`mnlogit.fit`); ``results_`` then has no
        standard errors, p-values or tests. ``None``: maximum likelihood (or Firth).
    C : float
        Inverse strength of the penalty, as scikit-learn's ``C`` (used with ``penalty="l2"``
        only; another value without a penalty is refused at ``fit``).
    method : {"newton", "firth"}
        Maximum likelihood, or Firth's bias-reduced estimates (finite under separation).
    cov_type : {None, "nonrobust", "robust", "design"}, optional
        The covariance of ``results_``: ``None`` is :func:`mnlogit.fit`'s default (model-based,
        or ``"design"``, design-based, when the sample weights are probability weights). The
        cluster-robust one needs clusters, which the classifier does not take.
    fit_intercept : bool
        Add an intercept (with a formula: ``False`` appends ``- 1`` to it; a formula that
        removes it, ``"x - 1"``, fits without one either way). Without one, every column of X
        is penalised, a column of ones too, as ``LogisticRegression`` does.
    weight_type : {None, "frequency", "probability"}, optional
        What ``sample_weight`` means (see Notes). ``None``: frequency weights when every
        weight is a whole number, probability weights otherwise.
    max_iter : int
        Iteration limit.
    tol : float
        Convergence tolerance of :func:`mnlogit.fit`.

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
        The class labels, sorted (the order of ``predict_proba``'s columns).
    coef_ : ndarray of shape (1, n_coef) for two classes, (K, n_coef) otherwise
        For K >= 3, one row per class in ``classes_`` order: the log-odds of the class
        against the reference, whose row is zero. For two classes, as scikit-learn: one row,
        the log-odds of ``classes_[1]`` against ``classes_[0]``. Columns are the design
        columns other than the intercept (``coef_names_``): X's columns without a formula.
    intercept_ : ndarray of shape (1,) or (K,)
        Laid out as ``coef_`` (the reference's entry zero); zeros without an intercept.
    coef_names_ : ndarray of str
        The names of ``coef_``'s columns: X's column names, ``x`` and the label for column
        labels that are numbers (``x0`` the column labelled 0), else ``x0``, ``x1``... by
        position.
    n_features_in_ : int
        Number of columns of X seen by ``fit``.
    feature_names_in_ : ndarray of str
        X's column names, when X was a DataFrame with string column names.
    n_iter_ : ndarray of shape (1,)
        Iterations of the fit.
    results_ : MNLogitResults
        The fitted model: ``clf.results_.summary()``, ``bse``, ``wald_test``, ``margins``...
        It keeps the training design, as every fit does, so a pickled classifier holds it.
        Its outcome is named as ``y`` (``y`` if unnamed), ``_`` added while X has that column.

    The fitted attributes are read-only arrays: predictions come from ``results_``, whose
    estimates and tests an edit of ``coef_``, ``intercept_``, ``classes_`` or
    ``feature_names_in_`` would not change, so a prediction after one of them was replaced
    (or edited in a pickled copy) is refused; fit again to change the model. A fit that
    fails leaves the classifier as it was (unfitted, or fitted as before).

    Notes
    -----
    ``sample_weight`` is scikit-learn's: a row with weight k counts as k rows. Whole-number
    weights up to 2^53 are frequency weights (the fit and its inference are those of the data
    with each row repeated). Other weights (e.g. ``compute_sample_weight("balanced", y)``)
    give the same estimates, as the weighted likelihood, but are not counts of rows: they are
    taken as probability weights, whose standard errors are design-based (each row its own
    PSU, a sandwich) and which allow no likelihood-ratio tests. ``weight_type`` makes either
    choice explicit.

    Rows are paired by position, as scikit-learn pairs them; a pandas ``y`` or
    ``sample_weight`` whose index holds X's row labels in another order (X sorted without
    it) is refused rather than fitted with each row's class taken from another row, and so
    is an X whose columns labelled 0, 1, 2 come in another order than at ``fit``.

    Under separation (a ``SeparationWarning`` at ``fit``; ``results_.separation`` names the
    classes and columns) no maximum-likelihood estimate exists: the diverging entries of
    ``coef_`` are where the fit stopped, and so are probabilities between the separated
    groups. ``penalty="l2"`` or ``method="firth"`` give finite estimates. A fit that stops
    at ``max_iter`` warns with a ``ConvergenceWarning`` that is both mnlogit's and
    scikit-learn's, so that either's warning filter catches it.

    ``decision_function`` gives, for K >= 3, each class's linear predictor less their mean
    over the classes, as ``LogisticRegression`` gives them: log-probabilities less their
    mean, which no choice of ``ref`` changes (``CalibratedClassifierCV`` calibrates each
    column); for two classes the log-odds of ``classes_[1]``. ``coef_`` keeps the reference's
    row zero, so what reads it as importances (``SelectFromModel``, ``RFE``) can choose other
    columns for another ``ref``; ``importance_getter=lambda m: m.coef_ - m.coef_.mean(axis=0)``
    gives them ``LogisticRegression``'s rows, which no ``ref`` changes. With a formula,
    ``coef_``'s columns are the design's (``coef_names_``), not X's: those selectors, which
    take column j of ``coef_`` for column j of X, are for a classifier without one.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.sklearn import MNLogitClassifier
    >>> df = mnlogit.datasets.load("travel").dropna()
    >>> clf = MNLogitClassifier(formula="np.log(distance) + income", ref="car")
    >>> clf.fit(df, df["mode"]).predict_proba(df.head(2)).shape
    (2, 4)
    >>> list(clf.classes_), clf.coef_.shape
    (['bus', 'car', 'train', 'walk'], (4, 2))
    >>> clf.results_.bse.round(3)  # the inference of the fitted model
    outcome             bus  train   walk
    term
    Intercept         0.160  0.206  0.167
    np.log(distance)  0.061  0.075  0.084
    income            0.002  0.003  0.003
    """

    @answering_other_options
    def __init__(
        self,
        formula: str | None = None,
        ref: Any = None,
        penalty: str | None = None,
        C: float = 1.0,
        method: str = "newton",
        cov_type: str | None = None,
        fit_intercept: bool = True,
        weight_type: str | None = None,
        max_iter: int = 100,
        tol: float = DEFAULT_TOL,
    ) -> None:
        self.formula = formula
        self.ref = ref
        self.penalty = penalty
        self.C = C
        self.method = method
        self.cov_type = cov_type
        self.fit_intercept = fit_intercept
        self.weight_type = weight_type
        self.max_iter = max_iter
        self.tol = tol

    if not TYPE_CHECKING:  # a type checker would then let any attribute name pass

        def __getattr__(self, name: str) -> Any:
            # only names the class lacks reach here; the fit's results' names (clf.summary(),
            # clf.bse) are answered with results_, which holds them. self is not read: the
            # copy and pickle modules ask for names before __dict__ is filled.
            message = f"{type(self).__name__!r} object has no attribute {name!r}"
            found = not name.startswith("_") and hasattr(MNLogitResults, name)
            if found:
                call = "()" if callable(getattr(MNLogitResults, name)) else ""
                message += f"; the fit's results are clf.results_: clf.results_.{name}{call}"
            raise AttributeError(message, name=name, obj=self)

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        tags.classifier_tags.multi_class = True
        return tags

    def set_params(self, **params: Any) -> MNLogitClassifier:
        """Set parameters, as scikit-learn's estimators do.

        Parameters
        ----------
        **params
            Parameter name -> value; an unknown name is refused with the valid ones.

        Returns
        -------
        MNLogitClassifier
            The classifier itself.

        Examples
        --------
        >>> from mnlogit.sklearn import MNLogitClassifier
        >>> MNLogitClassifier().set_params(penalty="l2", C=0.5).C
        0.5
        """
        try:
            return super().set_params(**params)
        except ValueError as exc:  # scikit-learn's refusal of an unknown name, as ours
            taken = list(self.get_params())
            unknown = [n for n in params if n.partition("__")[0] not in taken]
            hint = other_option_hint(CLASSIFIER, unknown[0], taken) if unknown else ""
            if hint.startswith("it takes "):  # scikit-learn's message lists them already
                hint = ""
            raise OptionError(f"{str(exc).rstrip('.')}{'; ' if hint else ''}{hint}") from None

    # --- fit --------------------------------------------------------------------------------
    @answering_other_options
    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> MNLogitClassifier:
        """Fit the model to X and y.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), or DataFrame
            Numeric predictors, or with ``formula`` a DataFrame with the columns it uses.
        y : array-like of shape (n_samples,)
            Class labels.
        sample_weight : array-like of shape (n_samples,), optional
            Non-negative weights (see the class's Notes); rows of weight 0 are left out,
            and a class of weight 0 in every row is refused, as :func:`mnlogit.fit` does.

        Returns
        -------
        MNLogitClassifier
            The fitted classifier.

        Examples
        --------
        >>> import numpy as np
        >>> from mnlogit.sklearn import MNLogitClassifier
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((200, 2))
        >>> y = np.where(X[:, 0] + rng.standard_normal(200) > 0, "yes", "no")
        >>> MNLogitClassifier().fit(X, y).classes_.tolist()
        ['no', 'yes']
        """
        # A fit that fails leaves the classifier as it was: scikit-learn's input check takes
        # the new X's column names and count first, which beside the old coefficients made
        # X in the failed fit's column order acceptable, predicted by position
        before = dict(self.__dict__)
        try:
            return self._fit(X, y, sample_weight)
        except BaseException:
            self.__dict__.clear()
            self.__dict__.update(before)
            raise

    def _fit(self, X: Any, y: Any, sample_weight: Any) -> MNLogitClassifier:
        check_flag("fit_intercept", self.fit_intercept)
        _refuse_weight_type_words(self.weight_type, WEIGHT_TYPES)
        check_option("weight_type", self.weight_type, (None, *WEIGHT_TYPES))
        check_method(self.method, self.penalty, self.C)  # before any work on the data
        rhs = _formula_rhs(self.formula, self.fit_intercept)
        _refuse_y_column(X, y, rhs, at_fit=True)
        _refuse_no_labels(y, _rows_of(X), at_fit=True)
        _refuse_dask_fit(X, y, sample_weight)
        _check_aligned(X, y, "y")
        _check_weights_aligned(X, y, sample_weight)
        _refuse_missing_labels(y, NEEDS_LABELS, at_fit=True)
        given_name = getattr(y, "name", None)
        categorical = isinstance(getattr(y, "dtype", None), pd.CategoricalDtype)
        categories = tuple(y.dtype.categories.tolist()) if categorical else ()
        rows = row_labels(X, y)  # as a formula fit of X keeps them
        y = _plain_labels(y)
        if rhs is None:
            Xa, y = _numeric(validate_data, X, self, X, y, dtype=np.float64)
            self._column_labels = _column_labels(X)  # kept where scikit-learn keeps no names
        else:
            X = _formula_frame(X, self.formula)
            _checked(validate_data, self, X, y, skip_check_array=True)  # y None: refused
            y = _checked(column_or_1d, y, warn=True)
            if len(y) != len(X):
                raise DataError(f"y has {len(y)} values; X has {len(X)} rows")
        classes, outcome = _classes(y)
        plain_name = given_name if isinstance(given_name, str) else "y"
        if not categorical:  # as mnlogit.fit: a Categorical's categories are the user's choice
            warn_alike(_python_values(classes), plain_name, fix="y = pd.Series(y)")
        if len(classes) < 2:
            raise DataError(
                f"y: only one class ({_python_values(classes)[0]!r}) is present; a classifier "
                "needs at least 2 classes"
            )
        _check_ref(_ref_value(self.ref), classes, categories)
        weights, kind = _sample_weights(sample_weight, X, outcome, self.weight_type)
        _check_covariance(self.cov_type, weights, kind, self.weight_type)
        builder = MNLogit if self.penalty is None else PenalisedMNLogit
        keep = _weighted_rows(weights)  # a row of weight 0 is absent, as in scikit-learn
        given = X  # with the rows of weight 0, whose levels new data may hold
        if keep is not None and weights is not None:
            weights, outcome = weights[keep], outcome[keep]
            if rhs is None:
                Xa = Xa[keep]
            else:
                X = X.iloc[keep]
        name = plain_name if rhs is None else _outcome_name(given_name, X, rhs)
        # refusals of data=, weights= and the model's formula name X, sample_weight, formula=
        with _as_arguments(X, rhs, f"{name} ~ {rhs}", self.formula or "", outcome=name):
            if rhs is None:
                labels = pd.Series(outcome, name=name)
                model = array_model(
                    builder,
                    Xa,
                    tuple(self._feature_names(Xa.shape[1])),
                    labels,
                    _ref_value(self.ref),
                    weights=weights,
                    kind=kind,
                    rows=kept_labels(rows, keep),
                    fit_intercept=self.fit_intercept,
                )
            else:
                model = builder.from_formula(
                    f"{name} ~ {rhs}",
                    X.assign(**{name: outcome}),
                    _ref_value(self.ref),
                    weights=weights,
                    weight_type=kind,
                )
                _refuse_dropped_rows(model._data.n_dropped, self.formula)
        with as_sklearn_warnings(), _firth_design(self.cov_type, weights, kind, self.weight_type):
            res = model.fit(
                cov_type=DEFAULT_COV_TYPE if self.cov_type is None else self.cov_type,
                method=self.method,
                max_iter=self.max_iter,
                tol=self.tol,
                penalty=self.penalty,
                C=self.C,
            )
        self._set_fitted(res, classes)
        self._weightless = weightless_levels(given, keep, res._data)
        return self

    def _feature_names(self, p: int) -> list[str]:
        names = getattr(self, "feature_names_in_", None)
        return _column_names(names, getattr(self, "_column_labels", None), p)

    def _set_fitted(self, res: MNLogitResults, classes: np.ndarray) -> None:
        """The fitted attributes, laid out as the class docstring says (read-only)."""
        # the intercept is the column fit_intercept added (a column of X may have its name
        # when fit_intercept=False: its coefficients are slopes) or the formula's own
        added = self.fit_intercept or res._data.spec is not None
        fitted = lay_out(res, classes, added)
        self.results_ = res
        for name, values in fitted.public.items():
            setattr(self, name, values)
        self._fitted = kept(self, CHECKED)
        self._slopes, self._intercepts = fitted.slopes, fitted.intercepts  # (n_coef, K), (K,)
        self._by_column = fitted.by_column  # (p, K): every design column's row

    # --- prediction ---------------------------------------------------------------------------
    def _linear_predictors(self, X: Any) -> np.ndarray:
        """(n, K) in ``classes_`` order, centred over the classes for K >= 3 (a reference's
        column of 0 left its class out of a calibration of each column); past the largest
        float inf of the right sign (see :func:`mnlogit._scores.linear_predictors`)."""
        design, W, offset = self._design(X)
        if W.shape[1] > 2:  # centred coefficients: one rounding each, no sum that overflows
            W = W - (W / W.shape[1]).sum(axis=1, keepdims=True)
            offset = None if offset is None else offset - (offset / len(offset)).sum()
        return linear_predictors(design, W, offset)

    def _design(self, X: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """X's design and the coefficients (one column per class) and intercepts to apply."""
        try:
            check_is_fitted(self)
        except SklearnNotFittedError as exc:
            raise NotFittedError(str(exc)) from None
        check_unchanged(self, self._fitted)
        formula = self.results_._data.spec  # the fit's, not a formula set after it
        if formula is None:
            _check_column_order(X, self)
            Xa = _numeric(validate_data, X, self, X, dtype=np.float64, reset=False)
            refuse_booleans_for_measures(X, self.results_._data.X, self.results_._data.column_names)
            return Xa, self._slopes, self._intercepts
        # read by name, as ColumnTransformer reads the columns it selects: in any order, beside
        # any others. scikit-learn's check of every fitted name in its place refused new rows
        # without the outcome's column when X held it at fit, as the whole DataFrame does
        X = _formula_frame(X, str(self.results_.formula).split("~", 1)[-1].strip(), fitted=True)
        weightless = getattr(self, "_weightless", None)  # None: pickled by an older version
        return _formula_design(self.results_, X, weightless), self._by_column, None

    def decision_function(self, X: Any) -> np.ndarray:
        """Linear predictors, as ``LogisticRegression`` gives them.

        For two classes, (n,): the log-odds of ``classes_[1]`` against ``classes_[0]``;
        otherwise (n, K) in ``classes_`` order, each class's linear predictor less their
        mean over the classes (the same whatever ``ref`` is).

        Parameters
        ----------
        X : array-like or DataFrame
            As for ``fit``.

        Returns
        -------
        ndarray

        Examples
        --------
        >>> import numpy as np
        >>> from mnlogit.sklearn import MNLogitClassifier
        >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [1.5], [0.5]])
        >>> y = ["a", "a", "b", "b", "a", "b"]
        >>> MNLogitClassifier().fit(X, y).decision_function(X).shape
        (6,)
        """
        eta = self._linear_predictors(X)
        return eta[:, 1] - eta[:, 0] if len(self.classes_) == 2 else eta

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Log-probabilities of the classes, (n, K) in ``classes_`` order (log-sum-exp).

        Parameters
        ----------
        X : array-like or DataFrame
            As for ``fit``.

        Returns
        -------
        ndarray

        Examples
        --------
        >>> import numpy as np
        >>> from mnlogit.sklearn import MNLogitClassifier
        >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [1.5], [0.5]])
        >>> y = ["a", "a", "b", "b", "a", "b"]
        >>> bool((MNLogitClassifier().fit(X, y).predict_log_proba(X) < 0).all())
        True
        """
        # finite for every row, also where the predictors pass the largest float (x = 1e308),
        # which made them inf - inf = NaN
        return log_probabilities(*self._design(X))

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities of the classes, (n, K) in ``classes_`` order.

        Parameters
        ----------
        X : array-like or DataFrame
            As for ``fit``.

        Returns
        -------
        ndarray

        Examples
        --------
        >>> import numpy as np
        >>> from mnlogit.sklearn import MNLogitClassifier
        >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [1.5], [0.5]])
        >>> y = ["a", "a", "b", "b", "a", "b"]
        >>> MNLogitClassifier().fit(X, y).predict_proba(X).sum(axis=1).round(12).tolist()
        [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
        """
        # computed as results_.predict computes them, from its design and coefficients, so
        # that the two agree to the last digit and pick the same class where two tie (the
        # classes are results_.outcomes, in order)
        design, _, offset = self._design(X)
        if offset is not None and design.shape[1] < self.results_._data.p:
            design = row_major_copy(design, ones_first=True)[0]  # fit_intercept's ones
        res = self.results_
        return new_row_probabilities(design, res._core.B)[:, res._data.coding.level_to_core]

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class of each row.

        Parameters
        ----------
        X : array-like or DataFrame
            As for ``fit``.

        Returns
        -------
        ndarray of shape (n,)

        Examples
        --------
        >>> import numpy as np
        >>> from mnlogit.sklearn import MNLogitClassifier
        >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [1.5], [0.5]])
        >>> y = ["a", "a", "b", "b", "a", "b"]
        >>> MNLogitClassifier().fit(X, y).predict([[0.0], [3.0]]).tolist()
        ['a', 'b']
        """
        # the class of predict_proba's largest probability (the first of equal ones), as
        # scikit-learn's checks require: the largest linear predictor, summed another way,
        # was another class in 230 of 2000 rows where two classes' coefficients are equal
        # up to rounding (a design symmetric in them)
        P = self.predict_proba(X)  # first: it checks that the model is fitted
        return self.classes_[np.argmax(P, axis=1)]

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """The (weighted) proportion of rows whose class ``predict`` gives right.

        Parameters
        ----------
        X : array-like or DataFrame
            As for ``fit``.
        y : array-like of shape (n,)
            The true classes.
        sample_weight : array-like of shape (n,), optional
            Finite, non-negative weights, not all zero.

        Returns
        -------
        float

        Examples
        --------
        >>> import numpy as np
        >>> from mnlogit.sklearn import MNLogitClassifier
        >>> clf = MNLogitClassifier().fit(np.arange(6.0)[:, None], list("aababb"))
        >>> clf.predict(np.arange(6.0)[:, None]).tolist()  # the third and fourth wrong
        ['a', 'a', 'a', 'b', 'b', 'b']
        >>> weights = [1, 1, 0, 0, 1, 1]
        >>> clf.score(np.arange(6.0)[:, None], list("aababb"), sample_weight=weights)
        1.0
        """
        predicted = self.predict(X)  # first: it checks that the model is fitted
        _refuse_y_column(X, y)
        _refuse_no_labels(y, len(predicted))
        _check_aligned(X, y, "y")
        _check_weights_aligned(X, y, sample_weight)
        w = _score_weights(sample_weight, len(predicted), X)
        true = _true_labels(y, self.classes_)
        return float(_checked(accuracy_score, true, predicted, sample_weight=w))
