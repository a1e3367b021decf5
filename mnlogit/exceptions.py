"""One small hierarchy of errors and warnings.

Every error a user can cause is an :class:`MNLogitError`; most are also a built-in
``ValueError``, ``TypeError`` or ``KeyError`` so that generic handlers still catch them.
Messages quote the bad value and say what is allowed.
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from types import CodeType, FrameType


class MNLogitError(Exception):
    """Base class of every error raised by mnlogit.

    The message quotes the bad value and says what is allowed. Most subclasses are also a
    built-in ``ValueError``, ``TypeError`` or ``KeyError``.

    A refusal that counts the rows dropped for missing values keeps the words that count them
    in ``rows_dropped_said`` ("the 2 rows dropped for missing values"), and the columns it
    names beside them as those missing values in ``rows_dropped_columns`` (empty when it names
    none): a caller that says those rows itself (the command line, with the data file's count
    of rows) completes these words rather than counting the rows a second time.

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> try:
    ...     mnlogit.fit("mode ~ distance", df, ref="plane")
    ... except mnlogit.MNLogitError as err:
    ...     print(type(err).__name__, isinstance(err, ValueError))
    LevelError True
    """

    rows_dropped_said: str = ""
    rows_dropped_columns: tuple[str, ...] = ()


class DataError(MNLogitError, ValueError):
    """The data cannot be used as given (empty, missing values, infinities, bad weights)."""


class InputTypeError(DataError, TypeError):
    """An argument has the wrong type: data that are not a DataFrame, a column that is not
    numeric where numbers are needed, a date where a number or category is needed."""


class ColumnNotFoundError(MNLogitError, KeyError):
    """A formula or argument names a column that the data do not have."""

    column: str | None = None  # the name not found, when one name is

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0]) if self.args else ""


class FormulaError(MNLogitError, ValueError):
    """The formula cannot be parsed or does not describe a multinomial model."""


class LevelError(MNLogitError, ValueError):
    """An outcome level (reference, omitted level, ...) is not among the levels."""


class OptionError(MNLogitError, ValueError):
    """An option string or number is outside its allowed values."""


class RankError(MNLogitError, ValueError):
    """The design matrix is rank deficient; the message names the aliased columns.

    ``weights_only`` is True when the columns are collinear only in the weighted sums, not
    in the data (weights so far apart that most rows are below rounding): then the advice is
    about the weights, not the columns. ``centring_only`` is True when every column named
    is estimable once centred (a large offset, x + 1e9, beside the intercept): then the
    advice is to centre them, not to drop them; ``needs_centring`` is True when some are,
    which a penalty does not make estimable either (its fit fails numerically).
    """

    weights_only: bool = False
    centring_only: bool = False
    needs_centring: bool = False


class ModelComparisonError(MNLogitError, ValueError):
    """Two fits cannot be compared (different rows, levels or non-nested designs)."""


class EstimationError(MNLogitError, RuntimeError):
    """The estimator could not produce a usable result."""


class MemoryLimitError(EstimationError, MemoryError):
    """A matrix the request needs (the information matrix of a fit with very many
    parameters) would not fit in the memory available; the message gives its size and what
    to ask for instead (fewer columns, or ``cov_params(terms=[...])``)."""


class NotInMemoryError(DataError):
    """The rows of a distributed fit stay in their partitions; what was asked needs them in
    memory. Not an ``AttributeError``: code asks ``data.in_memory`` instead of probing."""


class OutputError(MNLogitError, OSError):
    """A table could not be written where asked: the folder does not exist, the path is a
    folder, or the system refused the write; the message names the path."""


class MissingDependencyError(MNLogitError, ImportError):
    """An optional dependency is needed; the message names the extra that installs it."""


class MNLogitWarning(UserWarning):
    """Base class of every warning issued by mnlogit.

    Examples
    --------
    >>> import warnings
    >>> import mnlogit
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", mnlogit.MNLogitWarning)  # all of mnlogit's
    ...     res = mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"))
    >>> res.converged
    False
    """


class ConvergenceWarning(MNLogitWarning):
    """The fit stopped before the convergence criteria were met.

    The message says what to change (``max_iter``) or what went wrong (diverging
    coefficients); ``res.converged`` is then False. A fit that converged warns so too when
    the rounding of its score's sums, with weights far apart, is beyond
    ``SCORE_ROUNDING_NOTED`` standard errors: ``res.converged`` is then True, and the
    message says how far estimates that close are not distinguishable.

    Examples
    --------
    >>> import warnings
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     res = mnlogit.fit("mode ~ np.log(distance)", df, ref="car", max_iter=1)
    >>> caught[0].category.__name__, res.converged
    ('ConvergenceWarning', False)
    """


class SeparationWarning(MNLogitWarning):
    """The data are (quasi-)separated: some maximum-likelihood estimates are infinite.

    The message names the outcomes and terms involved (as ``res.separation`` does) and
    suggests ``method="firth"``.

    Examples
    --------
    >>> import warnings
    >>> import mnlogit
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     res = mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"), ref="low")
    >>> caught[0].category.__name__, res.separation.kind
    ('SeparationWarning', 'complete')
    """


class CollinearityWarning(MNLogitWarning):
    """Design columns are so nearly collinear that standard errors lose precision.

    The design is still estimable (a column whose residual on the others is at most 1e-7 of
    its length, R's QR tolerance, is refused with a :class:`RankError` instead); the message
    names the columns and the number of digits the standard errors keep.

    Examples
    --------
    >>> import warnings
    >>> import numpy as np
    >>> import pandas as pd
    >>> import mnlogit
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=300), "y": rng.choice(list("abc"), 300)})
    >>> df["x2"] = df["x"] + 1e-6 * rng.normal(size=300)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     res = mnlogit.fit("y ~ x + x2", df)
    >>> caught[0].category.__name__
    'CollinearityWarning'
    """


class RareLevelWarning(MNLogitWarning):
    """An outcome level has only one or two observations, or none.

    Its equation rests on those rows, so its coefficients are barely estimable and often
    separated; the message names the level and its count. A category of a Categorical
    outcome that no row used has is left out of the model, with this warning too.

    Examples
    --------
    >>> import warnings
    >>> import pandas as pd
    >>> import mnlogit
    >>> df = pd.DataFrame({"x": range(20), "y": ["a", "b"] * 9 + ["c", "a"]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     res = mnlogit.fit("y ~ x", df)
    >>> caught[0].category.__name__
    'RareLevelWarning'
    """


class IIATestWarning(MNLogitWarning):
    """A test of Independence of Irrelevant Alternatives could not be computed as asked.

    The test result then has a NaN statistic and a note saying why (a restricted model that
    did not converge, a singular information matrix, separation).

    Examples
    --------
    >>> import warnings
    >>> import mnlogit
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     res = mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"), ref="low")
    ...     test = res.iia_test("high")  # the separated full model cannot be compared
    >>> caught[-1].category.__name__, test.pvalue
    ('IIATestWarning', nan)
    """


class InferenceWarning(MNLogitWarning):
    """Values read from a fit that it cannot support: NaN, or not final.

    They are NaN because this kind of fit cannot give them, or not final because the fit
    stopped short of its estimates. An L2-penalised fit has no standard errors, tests or
    intervals; a survey fit no AIC, BIC or pseudo-R2; a covariance of rank 0 no z
    statistics; a design without degrees of freedom no t p-values or intervals. A fit that
    stopped before converging (max_iter reached, without separation: ``res.converged`` is
    False) gives those of the point where it stopped. Reading them (``res.bse``,
    ``res.conf_int()``, ``res.to_frame()``, ...) warns once per call, saying why and what to
    do instead; the summary and the comparison tables say it in their notes instead.

    Examples
    --------
    >>> import warnings
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ parking", df, ref="car", penalty="l2", C=0.5)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     se = res.bse
    >>> caught[0].category.__name__, bool(se.isna().all().all())
    ('InferenceWarning', True)
    """


# the package's folder, with its separator: code in files under it is the package's own
_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep

# Categories a caller asks to have issued in place of the package's own (see
# :func:`issued_as`); a context variable, so that fits in other threads keep theirs.
_ISSUED_AS: ContextVar[Mapping[type[Warning], type[Warning]] | None] = ContextVar(
    "issued_as", default=None
)


# Text a caller adds to the package's warnings of a category (see :func:`issued_as`).
_NOTES: ContextVar[Mapping[type[Warning], str] | None] = ContextVar("notes", default=None)
# How a caller words the package's warnings in its own terms (see :func:`issued_as`).
_WORDING: ContextVar[Callable[[str], str] | None] = ContextVar("wording", default=None)


@contextlib.contextmanager
def issued_as(
    categories: Mapping[type[Warning], type[Warning]],
    notes: Mapping[type[Warning], str] | None = None,
    wording: Callable[[str], str] | None = None,
) -> Iterator[None]:
    """Within the block, :func:`warn` issues each key's warnings as its value (a subclass of
    it): the scikit-learn classifier's convergence warnings are then also scikit-learn's, so
    that a grid search's filter for those catches them. ``notes``: text added to the
    warnings of a category, what they mean for the caller's own outputs. ``wording``: the
    caller's rewording of every warning's text (the classifier's advice speaks of X and y,
    not of a df). Only this thread's (or task's) warnings change."""
    token = _ISSUED_AS.set({**(_ISSUED_AS.get() or {}), **categories})
    noted = _NOTES.set({**(_NOTES.get() or {}), **(notes or {})})
    worded = _WORDING.set(wording or _WORDING.get())
    try:
        yield
    finally:
        _WORDING.reset(worded)
        _NOTES.reset(noted)
        _ISSUED_AS.reset(token)


# the code of wrappers that only check a call's arguments before making it (the refusal of
# options a method does not take): their frame is not the caller's
_ARGUMENT_CHECKS: set[CodeType] = set()


def checks_arguments_only(code: CodeType) -> None:
    """Have :func:`called_by_user` look past frames of ``code``, a wrapper's that only
    checks the arguments of the call it makes."""
    _ARGUMENT_CHECKS.add(code)


def called_by_user(depth: int = 1) -> bool:
    """Whether the function ``depth`` frames above this call was called from code outside
    the package's files (the user's, or a doctest's), not by the package itself."""
    try:
        caller: FrameType | None = sys._getframe(depth + 1)
    except ValueError:  # called from no Python code at all
        return True
    while caller is not None and caller.f_code in _ARGUMENT_CHECKS:
        caller = caller.f_back
    return caller is None or not caller.f_code.co_filename.startswith(_PACKAGE)


def warn(message: str, category: type[Warning]) -> None:
    """Issue a warning that points at the user's line: the first caller outside mnlogit,
    however deep inside the package it was raised (as the category :func:`issued_as` puts
    in its place, if any)."""
    note = (_NOTES.get() or {}).get(category)
    if note:
        message = f"{message} {note}"
    wording = _WORDING.get()
    if wording is not None:
        message = wording(message)
    category = (_ISSUED_AS.get() or {}).get(category, category)
    frame: FrameType | None = sys._getframe(0)
    level = 1
    while frame is not None and frame.f_globals.get("__name__", "").split(".")[0] == "mnlogit":
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)
