"""Linear restrictions given as arrays: R (a matrix, or a DataFrame whose columns are the
coefficients' labels) and q, read in the coefficients' order, and the refusal of restrictions
that are not linearly independent (for those parsed from text too); R given in a list, which
is read as restriction text, answered with the tuple that takes it; and R b = q restated for
the Wald statistic, which it leaves unchanged (rows scaled, on an orthonormal basis).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd
from scipy import linalg

from ._checks import as_float
from ._data import ModelData
from .exceptions import DataError

__all__ = [
    "AMPLIFIED",
    "array_restrictions",
    "check_independent",
    "matrix_in_a_list",
    "orthonormal_rows",
    "scaled_rows",
    "span_amplified",
]


def _real(name: str, values: Any) -> np.ndarray:
    """``values`` as an array of real floats, or a DataError naming what they hold."""
    # masked entries (np.asarray keeps the values under the mask) and pandas' missing values
    # as NaN, which the check of finite entries names
    missing = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else None
    try:
        arr = np.asarray(values)
    except ValueError:  # rows of different lengths: numpy's "inhomogeneous shape" escaped
        sizes = [len(v) if hasattr(v, "__len__") else 1 for v in values][:5]
        raise DataError(
            f"(R, q): {name} must be a rectangular array of real numbers; got rows of "
            f"lengths {sizes}{' ...' if len(values) > 5 else ''}"
        ) from None
    if arr.dtype.kind == "O":  # numbers in an object column convert; anything else is refused
        missing = pd.isna(arr) if missing is None else missing | pd.isna(arr)
        try:
            arr = np.where(missing, np.nan, arr).astype(np.float64)
        except OverflowError:  # 10**400, Fraction(10**400, 3): inf, refused as not finite
            given = np.where(missing, np.nan, arr)
            arr = np.array([as_float(v) for v in given.ravel()]).reshape(arr.shape)
        except (TypeError, ValueError):
            pass
    if missing is not None and missing.any() and arr.dtype.kind in "biuf":
        arr = np.where(missing, np.nan, arr.astype(np.float64))
    if arr.dtype.kind not in "biuf":  # complex, text, objects, dates
        raise DataError(
            f"(R, q): {name} must hold real numbers; got an array of dtype {arr.dtype} "
            f"({np.ravel(arr)[:3].tolist()!r}{' ...' if arr.size > 3 else ''})"
        )
    return arr.astype(np.float64)


def _in_coefficient_order(data: ModelData, R: Any) -> Any:
    """A DataFrame ``R`` with its columns put in the coefficients' order (that of
    ``cov_params()``), read by label: a frame built from ``cov_params()`` or reordered by the
    user was otherwise read by position, testing other coefficients than its labels say.
    Columns labelled 0..k-1 (a frame of a plain array) stay positional. A Series is one
    restriction, its index the coefficients."""
    if isinstance(R, pd.Series):
        R = R.to_frame().T
    if not isinstance(R, pd.DataFrame):
        return R
    cols = list(R.columns)
    if cols == list(range(len(cols))):
        return R.to_numpy()
    pairs = [(o, c) for o in data.equations for c in data.column_names]
    keys: dict[Any, int] = {}
    twice: dict[str, list[tuple[Any, str]]] = {}  # 'a:b:c': outcome a's b:c and a:b's c
    for i, (o, c) in enumerate(pairs):
        keys[(o, c)] = keys[(str(o), c)] = keys[f"{o}:{c}"] = i
        twice.setdefault(f"{o}:{c}", []).append((o, c))
    found = [keys.get(c) for c in cols]
    where = [w for w in found if w is not None]
    if len(set(where)) != len(pairs) or len(cols) != len(pairs):
        unknown = [c for c, w in zip(cols, found, strict=True) if w is None]
        ref = str(data.ref)
        of_ref = [
            c
            for c in unknown
            if (isinstance(c, tuple) and len(c) == 2 and str(c[0]) == ref)
            or (isinstance(c, str) and c.startswith(f"{ref}:"))
        ]
        shared = [c for c in cols if isinstance(c, str) and len(twice.get(c, [])) > 1]
        missing = [pairs[i] for i in range(len(pairs)) if i not in set(where)]
        # only the coefficients tested, as one writes them: the others' zeros were left out
        fill = (
            "R.reindex(columns=res.cov_params().columns, fill_value=0)"
            if all(isinstance(c, tuple) for c in cols)
            else "add their columns, of zeros"
        )
        raise DataError(
            f"(R, q): R's columns must be the coefficients, each once, labelled as "
            f"cov_params() labels them ((outcome, column) pairs or 'outcome:column'), or "
            f"0..{len(pairs) - 1} by position; got {len(cols)} columns"
            + (f", of which {unknown[:3]!r} name no coefficient" if unknown else "")
            + (
                f"; {ref!r} is this fit's reference outcome, whose coefficients are 0 (R "
                "built for a fit against another reference, before with_ref?): build R "
                "from this fit's cov_params()"
                if of_ref
                else ""
            )
            + (
                f"; {shared[0]!r} labels two coefficients, {twice[shared[0]][0]!r} and "
                f"{twice[shared[0]][1]!r}: label R's columns by (outcome, column) pairs"
                if shared
                else ""
            )
            + (
                f"; {len(missing)} coefficient(s) have no column ({missing[:3]!r}"
                f"{' ...' if len(missing) > 3 else ''}): restrictions that leave them out "
                f"give them 0, {fill}"
                if missing and not unknown and not shared
                else ""
            )
        )
    values = np.empty((len(R), len(pairs)), dtype=object)
    values[:, where] = R.to_numpy(dtype=object)
    return values


def _in_row_order(R: Any, q: Any) -> Any:
    """A Series ``q`` put in the order of the rows of a DataFrame ``R`` when it holds the same
    labels in another order: paired by position, each restriction got another's value."""
    if (
        isinstance(R, pd.DataFrame)
        and isinstance(q, pd.Series)
        and not q.index.equals(R.index)
        and q.index.is_unique
        and R.index.is_unique
        and len(q) == len(R)
        and q.index.isin(R.index).all()
    ):
        return q.reindex(R.index)
    positional = pd.RangeIndex(len(q)) if isinstance(q, pd.Series) else None
    if (
        isinstance(R, pd.DataFrame)
        and isinstance(q, pd.Series)
        and not R.index.equals(pd.RangeIndex(len(R)))
        and not q.index.equals(positional)
        and not q.index.equals(R.index)
    ):
        # labels that only partly match were paired by position: another row's value
        raise DataError(
            f"(R, q): q's labels {q.index.tolist()[:4]!r} are not the labels of R's rows "
            f"{R.index.tolist()[:4]!r}; label q as R's rows are, or pass q.to_numpy() to "
            "pair them by position"
        )
    return q


def array_restrictions(
    data: ModelData, R_given: Any, q_given: Any
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """R, q and the hypothesis' label of restrictions ``R b = q`` given as arrays (see
    :func:`mnlogit._restrictions.restrictions`), refused unless R has a column per
    coefficient, q a value per row (or one for all), every entry is finite and the rows are
    linearly independent."""
    k = data.p * data.q
    R = np.atleast_2d(_real("R", _in_coefficient_order(data, R_given)))
    qv = _real("q", _in_row_order(R_given, q_given))
    if qv.ndim == 2 and qv.shape == (R.shape[0], 1) and not isinstance(q_given, pd.DataFrame):
        # a column of one value per row, as statsmodels' q_matrix and patsy's
        # LinearConstraint.constants hold them, was refused for its shape alone (a
        # DataFrame's rows would be paired by position, whatever their labels)
        qv = qv[:, 0]
    # one value for every row, or a vector of one per row: numpy's broadcasting error
    # escaped for another length
    fits = qv.ndim == 0 or (qv.ndim == 1 and len(qv) == R.shape[0])
    q = np.broadcast_to(qv, (R.shape[0],)).copy() if fits else None
    if (
        R.ndim != 2
        or R.shape[1] != k
        or q is None
        or (np.ndim(q_given) == 1 and len(q_given) != R.shape[0])
    ):
        raise DataError(
            f"(R, q): R must have {k} columns (p={data.p} x {data.q} equations, "
            f"equation-major) and q one value per row of R; got R of shape "
            f"{np.shape(R_given)} and q of shape {np.shape(q_given)}"
            + (matrix_in_a_list([R_given, q_given], k) if _positions([R_given, q_given]) else "")
        )
    if not R.shape[0]:  # nothing to test: the statistic's reductions failed on it
        raise DataError(f"(R, q): R has no rows; give one row of {k} coefficients per restriction")
    for name, values in (("R", R), ("q", q)):
        bad = np.argwhere(~np.isfinite(values))
        if len(bad):
            at = tuple(int(i) for i in bad[0])
            raise DataError(
                f"(R, q): every entry must be finite (none missing or masked); {name} has "
                f"{len(bad)} that are not (the first at {at if len(at) > 1 else at[0]}: "
                f"{values[at]})"
            )
    check_independent(R, q, [])
    k = R.shape[0]
    return R, q, [f"R b = q ({k} restriction{'s' if k > 1 else ''})"]


def check_independent(R: np.ndarray, q: np.ndarray, labels: list[str]) -> None:
    """Refuse restrictions that are not linearly independent, saying which: a row of R that
    restricts nothing, a set that no coefficients satisfy, or one implied by the others
    (``labels``: one per row of R to name them by, else the rows are named by number)."""

    def name(i: int) -> str:
        return repr(labels[i]) if len(labels) == R.shape[0] else f"row {i} of R"

    zero = np.flatnonzero(~(R != 0).any(axis=1))
    if len(zero):
        raise DataError(
            f"restriction {', '.join(name(int(i)) for i in zero)}: restricts no coefficient "
            "(its row of R is zero); drop it"
        )
    # each restriction scaled to a largest multiplier of 1, as the Wald statistic scales it:
    # the rank's tolerance is relative to the largest row, so "1e-20*a:x = 0, b:x = 0" was
    # refused as dependent
    size = np.abs(R).max(axis=1)
    with np.errstate(over="ignore"):
        R, q = R / size[:, None], q / size
    far = np.flatnonzero(~np.isfinite(q))
    if len(far):
        raise DataError(
            f"restriction {name(int(far[0]))}: its value divided by its largest multiplier is "
            "beyond the floating-point range (about 1.8e308); rescale it"
        )
    rank = int(np.linalg.matrix_rank(R))
    if rank == R.shape[0]:
        return
    Rq = np.column_stack([R, q])
    for i in range(1, R.shape[0]):
        if np.linalg.matrix_rank(R[: i + 1]) <= i:  # row i is a combination of the earlier
            if np.linalg.matrix_rank(Rq[: i + 1]) > i:
                raise DataError(
                    f"restriction {name(i)} contradicts the earlier ones: it sets a combination "
                    "of them to another value, so no coefficients satisfy them all; test them "
                    "separately"
                )
            raise DataError(
                f"the {R.shape[0]} restrictions are linearly dependent (rank {rank}): "
                f"{name(i)} is implied by the earlier ones; drop the redundant ones"
            )


def matrix_in_a_list(given: Any, k: int) -> str:
    """What a list of restrictions that is not all text holds instead, said for its refusal:
    rows of numbers are R, which goes in a tuple with q (a list is read as terms); positions
    of coefficients (``[1, 2]``) and R alone, as statsmodels' ``wald_test(R)`` takes it,
    are rows of R with q = 0 (``k``: the number of coefficients)."""
    if _positions(given):
        at = [int(i) for i in np.atleast_1d(given)]
        return (
            f" (positions of coefficients, in the order of cov_params(), are rows of the "
            f"identity: (np.eye({k})[{at}], 0) tests that they are zero)"
        )
    if isinstance(given, (np.ndarray, pd.DataFrame, pd.Series)) and given.ndim in (1, 2):
        return " (R alone: (R, 0) tests R b = 0, as statsmodels' wald_test(R) does)"
    if not isinstance(given, list) or not given:
        return ""
    i, item = next((i, g) for i, g in enumerate(given) if not isinstance(g, str))
    if len(given) == 2 and _ndim(given[0]) == 2:
        return " (a list [R, q]: pass the pair as a tuple, (R, q))"
    if _ndim(item) >= 1:
        return (
            f" (item {i} is a {type(item).__name__} of values, not a term or a restriction "
            "string: a matrix R of restrictions goes in a tuple with q, (R, q), as "
            "(R, np.zeros(len(R))) for R b = 0)"
        )
    return f" (item {i} is {type(item).__name__} {item!r}, not a term or a restriction string)"


def _positions(given: Any) -> bool:
    """Whether ``given`` is an integer or a non-empty list of integers (not booleans)."""
    items = given if isinstance(given, (list, tuple)) and given else [given]
    return all(isinstance(i, numbers.Integral) and not isinstance(i, bool) for i in items)


def _ndim(item: Any) -> int:
    """The dimensions of ``item`` read as an array; 0 for what is not one (rows of ragged
    lengths, which numpy refuses to stack)."""
    try:
        return int(np.ndim(item))
    except ValueError:
        return 0


# why W is NaN when orthonormal_rows gives None or span_amplified True: R V R' is then
# positive definite, and the reason for a singular one (a zero variance, as in a census) is
# not this one's
AMPLIFIED = (
    "These are nearly collinear restrictions (R's condition number past 1e8 in the fit's "
    "units) whose values q are not all 0, or that are fewer than the coefficients they "
    "involve: the rounding of q, or of R's multipliers, amplified as much in solving them, "
    "could be the value or the combination tested, so the Wald statistic is not given. "
    "State the hypothesis they imply directly ('a:x = b:x + 0.5, a:x = 1.000000001*b:x + "
    "0.5' is 'a:x = 0.5, b:x = 0'), or subtract one restriction from another."
)


def span_amplified(R: np.ndarray) -> bool:
    """Whether restrictions (rows of R, each scaled to a largest entry of 1) fewer than the
    coefficients they involve are so nearly dependent (condition past 1e8) that the rounding
    of their multipliers, amplified as much, could be the combinations tested: the span of
    the rows is then known only to that rounding ('a:x + b:x + c:z = 0, a:x +
    1.00000000000001*b:x + c:z = 0' is b:x = 0 and a:x + c:z = 0, whose chi2 came 5% off).
    As many rows as coefficients span them all, whatever the rounding: False."""
    involved = np.any(R != 0, axis=0)
    if R.shape[0] >= np.count_nonzero(involved) or (R != 0).sum(axis=0).max() <= 1:
        return False  # every coefficient involved, or rows on distinct ones (orthogonal)
    s = linalg.svdvals(R[:, involved])
    return bool(s.min() < 1e-8 * s.max())


def orthonormal_rows(R: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """R b = q restated on an orthonormal basis of R's rows (R = T' Q', so Q' b = T'^-1 q):
    the same hypothesis and the same W, with R V R' as well conditioned as V. Restrictions
    nearly dependent but not dependent ('a:x = b:x, a:x = 1.00001*b:x', which is a:x = b:x
    = 0) made R V R' singular to rounding (W NaN, said to be of collinear restrictions).
    None when q is not 0 and T so ill-conditioned that q's rounding, amplified by T'^-1,
    would be the value tested."""
    Q, T = np.linalg.qr(R.T)
    # T's condition, R's: the diagonal of T can be mild where T'^-1 amplifies 1e10-fold
    s = linalg.svdvals(T) if np.any(q != 0) else None
    if s is not None and s.min() < 1e-8 * s.max():
        return None
    with np.errstate(over="ignore", invalid="ignore"):  # q far beyond R b: W is +inf
        return Q.T, linalg.solve_triangular(T, q, trans="T", check_finite=False)


def scaled_rows(R: np.ndarray, q: np.ndarray, S: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """R S^-1 and q with each row divided by its largest entry of R S^-1, taken in logs: a
    multiplier of 1e300 on a column in units of 1e-300 is 1e600 in R S^-1, which overflowed
    (NaN, with numpy's warnings), and 1e-300 on one in units of 1e300 underflowed to a row
    of zeros (NaN, said to be a singular R V R')."""
    with np.errstate(divide="ignore"):  # log 0 = -inf: an entry of 0 stays 0
        logs = np.log(np.abs(R)) - np.log(S)
        top = logs.max(axis=1)
        top[~np.isfinite(top)] = 0.0
        Ru = np.sign(R) * np.exp(logs - top[:, None])
        with np.errstate(over="ignore"):  # q far beyond R b: W is +inf
            qs = np.sign(q) * np.exp(np.log(np.abs(q)) - top)
    return Ru, qs
