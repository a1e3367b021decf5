"""What each row gives at a coefficient matrix, on plain arrays: its outcome probabilities
(log-sum-exp), its score, and the middle of the sandwich summed from the scores (by row, by
cluster, or by PSU within strata). The conventions on ``X``, ``y``, ``w`` and ``B`` are those
of :mod:`mnlogit._fisher`, whose sums build on these probabilities.
"""

from __future__ import annotations

import numpy as np

from ._linalg import add_by_group
from ._near_certain import near_certain_predictors
from ._parallel import numeric_errstate, run_split

__all__ = [
    "design_meat",
    "least_margin",
    "least_of",
    "linear_predictors",
    "log_probabilities",
    "log_softmax",
    "moves_against",
    "new_row_probabilities",
    "probabilities",
    "projected_scores",
    "row_scores",
    "score_meat",
    "score_rounding",
]


def log_softmax(eta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Log-probabilities of the non-reference outcomes and of the reference.

    ``eta`` is (m, q); the reference's linear predictor is 0. Log-sum-exp with the row maximum
    taken out, so no exponential overflows; those that underflow are the zeros they mean,
    whatever numpy error handling the program set (``np.seterr(all="raise")``).
    """
    top = np.maximum(eta.max(axis=1), 0.0)
    shifted = eta - top[:, None]
    with numeric_errstate():
        lse = top + np.log(np.exp(shifted).sum(axis=1) + np.exp(-top))
    return eta - lse[:, None], -lse


def probabilities(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """(m, q+1) probabilities, reference last (underflowing to 0, as :func:`log_softmax`)."""
    logp, logp_ref = log_softmax(X @ B)
    with numeric_errstate():
        return np.exp(np.column_stack([logp, logp_ref]))


def new_row_probabilities(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """(m, q+1) probabilities of rows that are not the fitted ones (new data, margins' values
    set), reference last: those of :func:`probabilities`, but the exact limit for a finite row
    whose linear predictors pass the largest float (see :func:`log_probabilities`).

    X @ B sums each row's products in turn, so such a predictor was NaN (inf - inf) or an
    inf of the wrong sign: with a fused multiply-add, -inf + 2.5 x (-1.02e308) stays -inf
    where the exact predictor is +8.4e306. NaN came out as NaN probabilities, which callers
    replaced by the limit; the wrong sign came out as finite probabilities of another
    outcome, 1 where the limit's is 0, which nothing replaced. Underflow in the product (a
    subnormal x) is ignored, as in :func:`linear_predictors`, and so is the underflow of the
    limit's probabilities far below 1 (exp(-1e300) is the 0 it means)."""
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        eta = X @ B
        logp, logp_ref = log_softmax(eta)
    with numeric_errstate():
        P = np.exp(np.column_stack([logp, logp_ref]))
        past = ~np.isfinite(eta).all(axis=1) & np.isfinite(X).all(axis=1)
        if past.any():
            W = np.column_stack([B, np.zeros(len(B))])
            P[past] = np.exp(log_probabilities(X[past], W))
    return P


def linear_predictors(X: np.ndarray, W: np.ndarray, offset: np.ndarray | None = None) -> np.ndarray:
    """(m, K) linear predictors X @ W + offset, each the float nearest its exact value: one
    past the largest float is inf of its own sign.

    X @ W sums the products in turn, so a row whose products pass the largest float on the way
    gave NaN (inf - inf) or an inf of the wrong sign: 3.27 x 1e308 - 3.47 x 1e308, exactly
    -2e307, was inf. Such rows are scaled down as in :func:`log_probabilities` and scaled back.
    A subnormal x (1e-320) underflows in the product: it gives the value it rounds to,
    whatever numpy error handling the program set (``np.seterr(all="raise")``).
    """
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        eta = X @ W if offset is None else X @ W + offset
        bad = ~np.isfinite(eta).all(axis=1) & np.isfinite(X).all(axis=1)
        if bad.any():
            scaled, s, t = _scaled_predictors(X[bad], W, offset)
            # the smaller factor first: a product that is finite stays so on the way
            eta[bad] = scaled * np.minimum(s, t) * np.maximum(s, t)
    return eta


def _scaled_predictors(
    X: np.ndarray, W: np.ndarray, offset: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, float]:
    """(X @ W + offset) / (s t), s (m, 1) the largest |x| of each row and t the largest |W|
    and |offset|, computed without overflow, and s and t."""
    s = np.abs(X).max(axis=1, keepdims=True)
    s[s == 0.0] = 1.0
    t = float(np.abs(W).max(initial=0.0))
    if offset is not None:
        t = max(t, float(np.abs(offset).max(initial=0.0)))
    t = t if 0.0 < t < np.inf else 1.0
    scaled = (X / s) @ (W / t)
    if offset is not None:
        scaled += offset / t / s
    return scaled, s, t


def log_probabilities(X: np.ndarray, W: np.ndarray, offset: np.ndarray | None = None) -> np.ndarray:
    """(m, K) log-probabilities of the outcomes whose linear predictors are X @ W + offset
    (every outcome a column of W, the reference's zero), finite for every finite row of X.

    Where the predictors of a finite row pass the largest float (x = 1e308), X @ W is inf or
    NaN (inf - inf), and so were the probabilities. Only differences between predictors
    matter, so such a row is scaled down by its largest |x| and the largest |W| before the
    product, its maximum taken out, and the differences scaled back up: those that overflow
    are -inf (a probability of 0) and the largest is 0. Rows of NaN stay NaN. Underflow
    gives the zeros it means, whatever numpy error handling the program set.
    """
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        eta = X @ W if offset is None else X @ W + offset
        bad = ~np.isfinite(eta).all(axis=1) & np.isfinite(X).all(axis=1)
        if bad.any():
            scaled, s, t = _scaled_predictors(X[bad], W, offset)
            eta[bad] = ((scaled - scaled.max(axis=1, keepdims=True)) * s) * t
        top = eta.max(axis=1, keepdims=True)
        shifted = eta - top
        return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def residuals(X: np.ndarray, y: np.ndarray, B: np.ndarray) -> np.ndarray:
    """(m, q) e_y - P of the equations' outcomes; 1 - P of a row's own outcome summed from
    the others' shares where it is near certain (see :mod:`mnlogit._near_certain`): as a
    difference it kept 1e-4 of its digits at 1 - P = 1e-12, and the sandwich of probability
    weights 1e12 times larger on one outcome's rows had standard errors 1e-4 off, 1e-2 at
    1e14 and 0.7 at 1e16."""
    q = B.shape[1]
    eta = X @ B
    logp, _ = log_softmax(eta)
    with numeric_errstate():
        P = np.exp(logp)
    resid = -P
    is_eq = y < q
    resid[np.flatnonzero(is_eq), y[is_eq]] += 1.0
    near = near_certain_predictors(eta, P)
    if near is not None:
        mine = (y[near.rows] == near.top) & (near.top < q)
        rows = near.rows[mine]
        resid[rows, y[rows]] = near.other[mine] / near.s[mine]
    return resid


def score_rounding(X: np.ndarray, y: np.ndarray, w: np.ndarray | None, B: np.ndarray) -> np.ndarray:
    """(p, q) the difference of two evaluations in float64 of the score's sums at ``B``
    whose rounding is independent: as the fit sums them, and with the rows reversed, the
    columns times 3 and the coefficients over 3 (which leaves every linear predictor as it
    is, in exact arithmetic, and rounds each product otherwise). A sample of the score's
    rounding, of the size of its error: bounds summed term by term over the rows are
    thousands of times larger where the heavy rows' terms cancel."""
    ones = np.ones(X.shape[0]) if w is None else w
    first = X.T @ (residuals(X, y, B) * ones[:, None])
    back = X[::-1] * 3.0
    second = back.T @ (residuals(back, y[::-1], B / 3.0) * ones[::-1, None]) / 3.0
    return first - second


def row_scores(
    X: np.ndarray, y: np.ndarray, B: np.ndarray, factor: np.ndarray | None = None
) -> np.ndarray:
    """Per-row scores, (m, p*q) equation-major: (e_y - P) (x) x, each row's times its
    ``factor`` (m,) when given (unweighted otherwise)."""
    m, p = X.shape
    q = B.shape[1]
    resid = _times(residuals(X, y, B), factor)
    return (resid[:, :, None] * X[:, None, :]).reshape(m, q * p)


def _times(resid: np.ndarray, factor: np.ndarray | None) -> np.ndarray:
    return resid if factor is None else resid * factor[:, None]


def projected_scores(
    X: np.ndarray,
    y: np.ndarray,
    B: np.ndarray,
    project: np.ndarray,
    factor: np.ndarray | None = None,
) -> np.ndarray:
    """Per-row scores times ``project`` (pq, k): (m, k), without the (m, pq) scores when
    ``k`` is below p (the same multiply-adds either way); each row's times its ``factor``
    (m,) when given, before the projection.

    The factor (a row's weight, or its square root) comes first: the bread of an outcome
    whose rows weigh 1e-310 beside ones has entries near 1.5e308, and the scores projected
    on it before they were weighted overflowed, the design-based and robust standard errors
    of its equation NaN (with numpy's overflow warnings) where they are about 0.2."""
    m, p = X.shape
    q = B.shape[1]
    k = project.shape[1]
    if k >= p:
        # X times every column of project holds (m, q k) numbers, q times the (m, pq) scores
        # when k is pq: 2.6 GB a chunk for a whole covariance at p = 100, q = 20
        return row_scores(X, y, B, factor) @ project
    resid = _times(residuals(X, y, B), factor)
    D = project.reshape(q, p, k).transpose(1, 0, 2).reshape(p, q * k)
    XD = np.dot(X, D).reshape(m, q, k)
    return np.einsum("mj,mjk->mk", resid, XD)


def score_meat(
    X: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    B: np.ndarray,
    groups: np.ndarray | None = None,
    chunk: int = 8192,
    project: np.ndarray | None = None,
    threads: int = 1,
    extra: np.ndarray | None = None,
) -> np.ndarray:
    """Middle of the sandwich: sum of outer products of row (or cluster) scores.

    Frequency weights count repeated rows, so a row contributes w_i g_i g_i' (HC0 on the
    expanded data); a cluster (``groups``: codes 0..G-1) contributes
    (sum_i w_i g_i)(sum_i w_i g_i)'. With ``project`` (pq, k) the scores are projected first,
    g_i' project: the (k, k) meat project' M project, without M. ``extra`` (n, k), with
    ``project``: terms of each row's own added to its projected scores, g_i' project + e_i
    (a statistic's linearisation beside the coefficients'). ``threads`` workers each
    sum one contiguous slab of rows (callers limit BLAS to one thread meanwhile).
    """
    n, p = X.shape
    k = p * B.shape[1] if project is None else project.shape[1]
    bounds = np.linspace(0, n, max(threads, 1) + 1).astype(int)

    def scores(sl: slice, factor: np.ndarray) -> np.ndarray:
        if project is None:
            return row_scores(X[sl], y[sl], B, factor)
        g = projected_scores(X[sl], y[sl], B, project, factor)
        return g if extra is None else g + factor[:, None] * extra[sl]

    if groups is not None:
        G = int(groups.max()) + 1

        def cluster_sums(part: int) -> np.ndarray:
            sums = np.zeros((G, k))
            for lo in range(bounds[part], bounds[part + 1], chunk):
                sl = slice(lo, min(lo + chunk, bounds[part + 1]))
                add_by_group(sums, groups[sl], scores(sl, w[sl]))
            return sums

        parts = run_split(cluster_sums, len(bounds) - 1)
        sums = parts[0]
        for part in parts[1:]:
            sums += part
        return sums.T @ sums

    def meat_sum(part: int) -> np.ndarray:
        meat = np.zeros((k, k))
        for lo in range(bounds[part], bounds[part + 1], chunk):
            sl = slice(lo, min(lo + chunk, bounds[part + 1]))
            g = scores(sl, np.sqrt(w[sl]))
            meat += g.T @ g
        return meat

    parts = run_split(meat_sum, len(bounds) - 1)
    meat = parts[0]
    for part in parts[1:]:
        meat += part
    return meat


def design_meat(
    X: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    B: np.ndarray,
    strata: np.ndarray,
    psu: np.ndarray | None,
    scale: np.ndarray,
    chunk: int = 8192,
    project: np.ndarray | None = None,
    centre: np.ndarray | None = None,
    extra: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Sums for a design-based (linearised) covariance, over rows of one block or data set.

    With t_j the weighted score total of PSU j (``psu``: codes nested in ``strata``; each row
    its own PSU when None) and c_h = ``scale[h]`` for its stratum h: sum_j c_h t_j t_j' (k, k)
    and the per-stratum sums S_h = sum_j t_j (H, k), from which the covariance takes
    sum_h c_h (sum_j t_j t_j' - S_h S_h' / n_h). ``project``: scores projected first, as in
    :func:`score_meat`, and so is ``extra``: the totals are then those of w_i (g_i' project +
    e_i).

    ``centre`` (H,): the design's PSUs per stratum (n_h, also those without rows here; 0 for
    a stratum whose totals are not centred). The totals are then shifted by their stratum's
    mean, t_j - S_h / n_h, before they are multiplied, a PSU without rows counting as
    -S_h / n_h, and the sums returned are those of the shifted totals (zero up to rounding):
    the same covariance, which the products of uncentred totals gave only as the difference
    of two large sums. Where every PSU's total equals its stratum's mean (a sample
    stratified by the outcome, as choice-based samples are, fixes an intercept-only fit's
    coefficient) they left 1e-8 of the model-based variance, standard errors of rounding and
    t statistics of 1e7, where R's survey package gives 0.
    """
    n, p = X.shape
    k = p * B.shape[1] if project is None else project.shape[1]
    H = len(scale)

    def totals(sl: slice) -> np.ndarray:
        if project is None:
            return row_scores(X[sl], y[sl], B, w[sl])
        t = projected_scores(X[sl], y[sl], B, project, w[sl])
        return t if extra is None else t + w[sl, None] * extra[sl]

    if psu is not None:
        # the PSUs these rows are in, numbered 0..m-1: a subpopulation in a few of many
        # PSUs sums into m rows, not one per PSU of the design
        held = np.bincount(psu) > 0
        codes = (np.cumsum(held) - 1)[psu]
        T = np.zeros((int(held.sum()), k))
        for lo in range(0, n, chunk):
            sl = slice(lo, lo + chunk)
            add_by_group(T, codes[sl], totals(sl))
        of = np.zeros(len(T), np.intp)
        of[codes] = strata  # a PSU lies in one stratum
        sums = np.zeros((H, k))
        add_by_group(sums, of, T)
        shift = _stratum_means(sums, centre)
        T -= shift[of]
        cross = (T * scale[of][:, None]).T @ T
        count = np.bincount(of, minlength=H)
    else:
        sums = np.zeros((H, k))
        for lo in range(0, n, chunk):
            sl = slice(lo, lo + chunk)
            add_by_group(sums, strata[sl], totals(sl))
        shift = _stratum_means(sums, centre)
        cross = np.zeros((k, k))
        for lo in range(0, n, chunk):
            sl = slice(lo, lo + chunk)
            t = totals(sl) - shift[strata[sl]]
            cross += (t * scale[strata[sl]][:, None]).T @ t
        count = np.bincount(strata, minlength=H)
    if centre is None:
        return cross, sums
    # the design's PSUs without rows here: totals of zero, shifted to -S_h / n_h
    absent = np.maximum(np.asarray(centre) - count, 0) * scale
    cross += (shift * absent[:, None]).T @ shift
    return cross, sums - np.asarray(centre, dtype=np.float64)[:, None] * shift


def _stratum_means(sums: np.ndarray, centre: np.ndarray | None) -> np.ndarray:
    """S_h / n_h for the strata centred over n_h PSUs (``centre``), zero for the others."""
    if centre is None:
        return np.zeros_like(sums)
    n = np.asarray(centre, dtype=np.float64)
    return np.divide(sums, n[:, None], out=np.zeros_like(sums), where=n[:, None] > 0)


# the most a direction moves a row away from its outcome, past this share of the most it moves
# any row's predictors, makes it no separating direction: above what the coefficients that a
# separated fit's last step still moves towards their finite limits leave (7e-3 at most in
# four draws of an outcome separated beside rows on the boundary, and 1e-17 a few steps
# later), below what heavy rows' separating direction leaves the light rows that bound
# their maximum (0.04 to 0.75)
AGAINST_TOL = 1e-3


def least_margin(X: np.ndarray, y: np.ndarray, w: np.ndarray, D: np.ndarray) -> float:
    """The least margin by which the direction ``D`` (p, q; the reference's 0 last) moves a
    row of positive weight towards its own outcome, min_i min_k x_i'(d_{y_i} - d_k) (0 for
    none): negative where ``D`` moves a row away from it. Weights play no part: a row of
    weight 1e-12 bounds the maximum as any other does."""
    keep = w > 0
    if not keep.any():
        return 0.0
    yk = np.asarray(y)[keep]
    eta = X[keep] @ np.column_stack([D, np.zeros(D.shape[0])])
    return float((eta[np.arange(len(yk)), yk] - eta.max(axis=1)).min())


def least_of(*margins: float) -> float:
    """The least of partitions' :func:`least_margin` (a combine of any number of them)."""
    return min(margins)


def moves_against(least: float, extent: np.ndarray, D: np.ndarray) -> bool:
    """Whether a row's ``least`` margin along ``D`` (see :func:`least_margin`) is a move away
    from its outcome, beyond ``AGAINST_TOL`` times the most ``D`` can move a row's predictor,
    max_k sum_a extent_a |d_ak| (``extent``: each column's largest |x|). Along a separating
    direction no row is moved away; where some is, the log-likelihood falls along ``D`` far
    enough out."""
    full = np.abs(np.column_stack([D, np.zeros(D.shape[0])]))
    with np.errstate(over="ignore", invalid="ignore"):
        reach = float((np.asarray(extent)[:, None] * full).sum(axis=0).max())
    return bool(least < -AGAINST_TOL * reach)
