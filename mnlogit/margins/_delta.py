"""Averaged probabilities and slopes with their Jacobians with respect to the coefficients.

Plain arrays, core outcome order (the reference last), parameters equation-major (index
``l * p + a`` is column ``a`` of equation ``l``, the order of ``cov_params()``). The callers
label the results and turn Jacobians into standard errors with the fit's covariance.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from .. import _scores
from .._linalg import in_basis
from .._parallel import default_threads, run_split, single_threaded_blas
from ..exceptions import DataError

__all__ = [
    "check_bounded",
    "column_slopes",
    "delta_se",
    "difference",
    "known_part",
    "logit_se",
    "mean_probability",
    "row_probabilities",
    "row_slopes",
    "slope",
]

ROWS = 8192  # rows per block when accumulating Jacobians


def delta_se(J: np.ndarray, V: np.ndarray, T: np.ndarray | None = None) -> np.ndarray:
    """sqrt(diag(J V J')) for Jacobian rows J (m, p q); given ``T`` (p, p), V is the
    covariance of coefficients whose equations are mapped by T to those J is taken with
    (MNLogitResults._delta_coordinates), and the forms are (J (I kron T)) V (J (I kron T))'.

    Each row is divided by its largest entry first: a standard error of 1e158 (an effect per
    unit of a column in units of 1e-160) is a double, its square is not. A row that is not
    finite (past the largest double) has NaN.
    """
    J = in_basis(J, T)
    finite = np.isfinite(J).all(axis=1)
    Jf = np.where(finite[:, None], J, 0.0)
    top = np.abs(Jf).max(axis=1) if J.size else np.ones(len(J))
    top = np.where(top == 0.0, 1.0, top)
    Jn = Jf / top[:, None]
    V, unknown = known_part(V)
    se = top * np.sqrt(np.maximum(np.einsum("ka,ab,kb->k", Jn, V, Jn), 0.0))
    # only a Jacobian that runs through a coefficient without a variance has none itself
    return np.where(finite & ~(Jf[:, unknown] != 0).any(axis=1), se, np.nan)


def known_part(V: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``V`` with 0 in the rows and columns of the coefficients it gives no variance (NaN:
    those one PSU or cluster determines alone), and which those are.

    A margin or prediction whose gradient is 0 on them (a row whose value of such a column
    is 0, a factor's level set to one whose dummy is not) does not run through them, and
    its variance is that of the other coefficients, which keep theirs: with V as it was,
    0 * NaN made every standard error NaN as soon as one coefficient had none. When no
    coefficient has a variance (a penalised fit), ``V`` is returned as it is.
    """
    unknown = np.isnan(np.diag(V)) if V.size else np.zeros(0, dtype=bool)
    if not unknown.any() or unknown.all():
        return V, np.zeros(len(V), dtype=bool)
    V = V.copy()
    V[unknown, :] = V[:, unknown] = 0.0
    return V, unknown


def unit_weights(w: np.ndarray) -> np.ndarray:
    """``w`` divided by the power of two nearest its sum, which changes no digit of a
    weighted mean, and makes each weighted sum of the rows' effects a mean of them, no
    larger than the largest: effects of 1e200 (a column in units of 1e-200) summed with
    frequency weights of 1e299 passed the largest double, and so did effects of 1e305 (a
    column in units of 1e-306) summed over 3000 rows of weight 1."""
    top = float(np.max(w, initial=0.0))
    if not (np.isfinite(top) and top > 0):
        return w
    # in two steps, each exact: the sum of weights near the largest double is inf
    w = w / np.exp2(np.round(np.log2(top)))
    return w / np.exp2(np.round(np.log2(float(np.sum(w)))))


def weighted_mean(values: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The mean of ``values`` (n,) or (n, p) over rows with weights ``w``, summed with
    :func:`unit_weights`."""
    u = unit_weights(w)
    return u @ values / u.sum()


def mean_probability(
    X: np.ndarray, w: np.ndarray, B: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted mean of P_ik over rows (K,), of 1 - P_ik (K,), and the first's Jacobian
    (K, p q), core order.

    dP_ik/db_l = P_ik (delta_kl - P_il) x_i, with 1 - P_il summed from the other outcomes'
    probabilities, so that it keeps its digits where P_il rounds to 1 (the difference of
    P x and P^2 x cancels there, and overflows at x near the largest double). The mean of
    1 - P_ik is summed the same way: it holds the digits of a margin near 1, which
    :func:`difference` needs.
    """
    w = unit_weights(w)  # the sums of w times effects stay finite
    n, p = X.shape
    q = B.shape[1]
    K = q + 1
    mean = np.zeros(K)
    rest = np.zeros(K)
    J = np.zeros((K * q, p))
    own = np.arange(q)
    # past the largest float the sums are inf, and Margins says so. BLAS on one thread: its
    # products here are a few rows by p, too small to share, and its threads spinning on
    # a busy machine made margins(over=) of 150 levels x 6,000 rows take 20-38 s, not 3
    with np.errstate(over="ignore", invalid="ignore"), single_threaded_blas():
        for lo in range(0, n, ROWS):
            Xc, wc = X[lo : lo + ROWS], w[lo : lo + ROWS]
            P = _scores.new_row_probabilities(Xc, B)
            others = _others(P)
            mean += wc @ P
            rest += wc @ others
            A = P[:, :, None] * -P[:, None, :q]  # (m, K, q): P_k (delta_kl - P_l)
            A[:, own, own] = P[:, :q] * others[:, :q]
            A *= wc[:, None, None]
            J += A.reshape(len(Xc), K * q).T @ Xc
    W = w.sum()
    return mean / W, rest / W, J.reshape(K, q * p) / W


def row_probabilities(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """P_ik at each row (n, K), core order: what :func:`mean_probability` averages."""
    return _scores.new_row_probabilities(X, B)


def row_slopes(X: np.ndarray, D: np.ndarray, B: np.ndarray) -> np.ndarray:
    """dP_ik/dx at each row (n, K), core order, ``D`` being dX/dx: what :func:`slope`
    averages, summed as it sums them."""
    P = _scores.new_row_probabilities(X, B)
    G = np.zeros((len(X), 1, P.shape[1]))
    G[:, 0, :-1] = D @ B
    return _accurate_slopes(P, G)[0][:, 0]


def check_bounded(name: str, D: np.ndarray, B: np.ndarray, w: np.ndarray, X: np.ndarray) -> None:
    """Refuse rows whose derivative dX/dx of the variable ``name`` (``D``) the delta
    method's sums over rows of design ``X``, weights ``w``, cannot hold.

    They sum w_i (delta_kl - P_il) m_ik x_i over the rows, with m_ik = P_ik (g_ik - sum_j
    P_ij g_ij) and g_i = D_i B (and P_ik D_i): with unit weights (their sum near 1, see
    :func:`unit_weights`) each sum is at most 8 |D_i| |B| (1 + |x_i|) times that sum. A
    derivative past the bound (log(x) at x = 1e-307 has one of 1e307) would overflow them,
    and is refused as a NaN one is. A bound of 1e300 / (p (1 + |x|)) on |D_i| alone, blind to
    the coefficients, refused log(x) at x = 1e-300, whose effects (about 1e299) the sums
    hold, and x in units of 1e300 (derivative 1, coefficients 1e-300). Frequency weights of
    1e299 had every derivative of log(x) refused, as though x were 0, before the weights
    were taken as the sums take them."""
    with np.errstate(over="ignore", invalid="ignore"):
        largest = np.abs(D).max(axis=1)
        total = max(float(np.sum(unit_weights(w))), 1.0)
        reach = 1.0 + float(np.abs(X).max())
        # |g_ik| <= sum_j |D_ij| |B_jk|, taken without cancelling: the slopes themselves
        slopes = (np.abs(D) @ np.abs(B)).max(axis=1) if B.size else np.zeros(len(D))
        size = np.maximum(8.0 * slopes * reach, largest)
        n_bad = int((~(size <= 1e305 / total)).sum())
    if n_bad:
        worst = float(np.nanmax(np.where(np.isnan(largest), np.inf, largest)))
        values = float(np.abs(X).max())
        beside = f" beside design values up to {values:.1e}" if values > 1e100 else ""
        raise DataError(
            f"the design cannot be differentiated with respect to {name!r} "
            f"at {n_bad} row(s): the derivative reaches {worst:.1e}{beside}, past what the delta "
            "method's sums over the rows hold in floating point (e.g. log(x) or sqrt(x) at "
            "or near x = 0, such as log(x) at x = 1e-307); rescale the variable to units "
            "nearer 1 (e.g. x * 1e300, or x / 1e100 for values of 1e100) and refit"
        )


def difference(a: np.ndarray, rest_a: np.ndarray, b: np.ndarray, rest_b: np.ndarray) -> np.ndarray:
    """a - b for probabilities ``a``, ``b`` given with their complements 1 - a, 1 - b.

    Where both are above 1/2 it is (1 - b) - (1 - a): the complements are the smaller
    numbers and hold the digits (a - b of 1 - 1e-12 and 1 - 3e-12 keeps four, and none
    beyond 1 - 1e-16), so the change in the most probable outcome is as exact as the
    changes in the others, whichever outcome is the reference.
    """
    near_one = (a > 0.5) & (b > 0.5)
    return np.where(near_one, rest_b - rest_a, a - b)


def _others(P: np.ndarray) -> np.ndarray:
    """1 - P_ik for each row and outcome, as the sum of the row's other probabilities
    (sums of positive terms only: no cancellation where P_ik rounds to 1)."""
    zero = np.zeros((len(P), 1))
    before = np.cumsum(np.hstack([zero, P[:, :-1]]), axis=1)  # sum over l < k
    after = np.cumsum(P[:, :0:-1], axis=1)[:, ::-1]  # sum over l > k, for k < K - 1
    return before + np.hstack([after, zero])


def slope(
    X: np.ndarray, D: np.ndarray, w: np.ndarray, B: np.ndarray, scale: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted mean of dP_ik/dx over rows (K,) and its Jacobian (K, p q), core order.

    ``D`` is dX/dx at each row. With g_ik = D_i b_k (0 for the reference) and
    m_ik = dP_ik/dx = P_ik (g_ik - sum_j P_ij g_ij), the derivative with respect to b_l is
    (delta_kl - P_il)(m_ik x_i + P_ik D_i) - P_ik m_il x_i. Both are summed without
    cancelling where a probability rounds to 1 (see :func:`_accurate_slopes`). Given the
    columns' ``scale`` (p,), the Jacobian is with respect to scale * b, the coefficients of
    the columns divided by it, as the fit ran on them: m_ik of a column in units of 1e-200
    times a column in units of 1e200 passed the largest double.
    """
    w = unit_weights(w)  # the sums of w times effects stay finite
    n, p = X.shape
    q = B.shape[1]
    K = q + 1
    eff = np.zeros(K)
    J = np.zeros((K * q, p))
    with single_threaded_blas():  # as in mean_probability
        for lo in range(0, n, ROWS):
            Xc, Dc, wc = X[lo : lo + ROWS], D[lo : lo + ROWS], w[lo : lo + ROWS]
            m = len(Xc)
            P = _scores.new_row_probabilities(Xc, B)
            G = np.zeros((m, 1, K))
            G[:, 0, :q] = Dc @ B
            M, E = _accurate_slopes(P, G)
            M = M[:, 0]
            eff += wc @ M
            # x part: (delta_kl - P_l) m_k - P_k m_l; D part: (delta_kl - P_l) P_k
            A = (E * M[:, :, None] - P[:, :, None] * M[:, None, :q]) * wc[:, None, None]
            J += A.reshape(m, K * q).T @ _divided(Xc, scale)
            J += (E * (P * wc[:, None])[:, :, None]).reshape(m, K * q).T @ _divided(Dc, scale)
    W = w.sum()
    return eff / W, J.reshape(K, q * p) / W


def _divided(X: np.ndarray, scale: np.ndarray | None) -> np.ndarray:
    """The columns of ``X`` divided by their ``scale`` (powers of two: exact), or ``X``."""
    return X if scale is None else X / scale


def _accurate_slopes(P: np.ndarray, G: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """dP_ik/dx = P_ik (g_ik - sum_j P_ij g_ij) for rows of probabilities ``P`` (m, K) and
    slopes ``G`` (m, V, K) of V variables: (m, V, K); and delta_kl - P_il (m, K, K - 1).

    The slopes are taken relative to each row's most probable outcome c first (the
    difference is the same, as the P_ij sum to 1): for k = c it is then a sum of small
    terms, not g_c less nearly itself, and delta_kk - P_ik is the sum of the other outcomes'
    probabilities. Where P_ik rounds to 1 the slopes and their derivatives had no correct
    digit, and a margin's value and standard error depended on the reference outcome.
    """
    m, K = P.shape
    q = K - 1
    rows = np.arange(m)
    Gc = G - G[rows, :, P.argmax(axis=1)][:, :, None]
    M = P[:, None, :] * (Gc - np.einsum("ik,ivk->iv", P, Gc)[:, :, None])
    E = np.broadcast_to(-P[:, None, :q], (m, K, q)).copy()
    E[:, np.arange(q), np.arange(q)] = _others(P)[:, :q]
    return M, E


def column_slopes(
    X: np.ndarray,
    columns: list[int],
    w: np.ndarray,
    B: np.ndarray,
    scale: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`slope` of several variables at once, each of them one design column and nothing
    else (dX/dx = e_j in every row): effects (V, K) and Jacobians (V, K, p q), core order,
    with respect to ``scale`` * b as :func:`slope`'s.

    One pass over the rows for all of them, with no derivative rows to read: g_ik = b_jk is
    the same in every row, and the D_i term reduces to column j. Slabs of rows go to one
    worker per core (BLAS single-threaded meanwhile), as a fit's passes do.
    """
    w = unit_weights(w)  # the sums of w times effects stay finite
    n, p = X.shape
    q = B.shape[1]
    K = q + 1
    V = len(columns)
    cols = np.asarray(columns, dtype=np.intp)
    g = np.zeros((V, K))
    g[:, :q] = B[cols]
    rows = max(64, min(ROWS, (1 << 18) // (V * K * q)))  # the (rows, V K q) terms in L2
    threads = default_threads(n)
    bounds = np.linspace(0, n, threads + 1).astype(int)

    def slab(part: int) -> tuple[np.ndarray, ...]:
        eff = np.zeros((V, K))
        T = np.zeros((V * K * q, p))
        along = np.zeros((K, q))  # sum_i w_i (delta_kl - P_il) P_ik: the D term, at column j
        # The (V, K, q) terms of every row, rows last: numpy's loops then run along the
        # rows, not along q (4 at K = 5), and the buffers are reused: fresh (rows, V, K, q)
        # arrays with q innermost took 80% of marginal_effects() at 1e6 x 20 x 5, 5x this.
        A = np.empty((V, K, q, rows))
        other = np.empty((V, K, q, rows))
        for lo in range(bounds[part], bounds[part + 1], rows):
            hi = min(lo + rows, bounds[part + 1])
            Xc, wc = X[lo:hi], w[lo:hi]
            m = hi - lo
            Pt = _scores.new_row_probabilities(Xc, B).T  # (K, m)
            M, E = _constant_slopes(Pt, g)  # (V, K, m), (K, q, m)
            eff += M @ wc
            wP = Pt * wc
            along += np.einsum("klj,kj->kl", E, wP)
            E *= wc
            # w ((delta_kl - P_l) m_k - P_k m_l)
            a, b = A[..., :m], other[..., :m]
            np.multiply(E[None], M[:, :, None, :], out=a)
            np.multiply(wP[None, :, None, :], M[:, None, :q, :], out=b)
            np.subtract(a, b, out=a)
            T += a.reshape(V * K * q, m) @ _divided(Xc, scale)
        return eff, T, along

    with single_threaded_blas():
        parts = run_split(slab, threads)
    eff, T, along = (np.sum([x[i] for x in parts], axis=0) for i in range(3))
    J = T.reshape(V, K, q, p)
    J[np.arange(V), :, :, cols] += along if scale is None else along / scale[cols, None, None]
    W = w.sum()
    return eff / W, J.reshape(V, K, q * p) / W


def _constant_slopes(Pt: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_accurate_slopes` of slopes ``g`` (V, K) the same in every row, rows last:
    probabilities ``Pt`` (K, m); dP_ik/dx of each variable (V, K, m) and delta_kl - P_il
    (K, K - 1, m)."""
    K = Pt.shape[0]
    q = K - 1
    top = Pt.argmax(axis=0)
    Gc = g[:, :, None] - g[:, top][:, None, :]  # relative to each row's most probable outcome
    M = Gc - np.einsum("kj,vkj->vj", Pt, Gc)[:, None, :]
    M *= Pt[None]
    E = np.repeat(-Pt[None, :q], K, axis=0)
    E[np.arange(q), np.arange(q)] = _others(Pt.T)[:, :q].T
    return M, E


def logit_se(
    X: np.ndarray,
    B: np.ndarray,
    V: np.ndarray,
    s: np.ndarray | None = None,
    T: np.ndarray | None = None,
) -> tuple[np.ndarray, ...]:
    """Per-row log-probabilities, logits and the logits' delta-method standard errors, each
    (n, K) in core order; ``V`` is the covariance of the coefficients of the columns X / s
    (``s``: powers of two, the units the fit ran on; ones by default), B * s, or given ``T``
    of the columns (X / s) T (see :func:`delta_se`).

    logit(P_ik) = log P_ik - log sum_(j != k) P_ij, from the log-probabilities, so that it
    stays finite where P_ik rounds to 1 (logit(1.0) is inf, and an interval about it NaN).
    Its gradient is c' (x) x_i with c_l = delta_kl - P_il / sum_(j != k) P_ij (0 for l = k),
    and Var = c' Q c, Q_lm = x_i' V_lm x_i from one product per block of rows, x_i / s
    divided first by a power of two near its largest entry: X / s itself passed the largest
    float at x = -3e185 in a column the fit ran on in units of 2**-497, and every number of
    the row was NaN.
    """
    n, p = X.shape
    q = B.shape[1]
    K = q + 1
    logp = _scores.log_probabilities(X, np.column_stack([B, np.zeros(p)]))
    logit = np.empty_like(logp)
    se = np.empty_like(logp)
    V, unknown = known_part(V)
    units = np.zeros(p, dtype=np.int64) if s is None else np.rint(np.log2(s)).astype(np.int64)
    # a row's logits run through every equation's coefficient of each column it is not 0 in
    reading = (np.nan_to_num(X[:, unknown.reshape(q, p).any(axis=0)]) != 0).any(axis=1)
    V4 = V.reshape(q, p, q, p).transpose(1, 0, 2, 3).reshape(p, q * q * p)
    # rows of NaN (missing values) stay NaN; past the largest float the logits are +-inf
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for lo in range(0, n, ROWS):
            Lc = logp[lo : lo + ROWS]
            # each row over a power of two near its largest |x / s|: x' V x of x = 1e200
            # would overflow
            Xc, top = _row_scaled(X[lo : lo + ROWS], units)
            if T is not None:
                Xc = Xc @ T
            Q = np.einsum("ilmb,ib->ilm", (Xc @ V4).reshape(len(Xc), q, q, p), Xc)
            for k in range(K):
                others = np.delete(Lc, k, axis=1)
                rest = special.logsumexp(others, axis=1)
                logit[lo : lo + ROWS, k] = Lc[:, k] - rest
                c = -np.exp(Lc[:, :q] - rest[:, None])  # -P_l / sum_(j != k) P_j
                if k < q:
                    c[:, k] = 1.0
                var = np.maximum(np.einsum("il,ilm,im->i", c, Q, c), 0.0)
                se[lo : lo + ROWS, k] = np.ldexp(np.sqrt(var), top)
    se[reading] = np.nan
    return logp, logit, se


def _row_scaled(X: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """X / 2**units with each row divided by a power of two 2**r no smaller than its largest
    entry (r = 0 for rows of zeros or NaN), and those r; exact, and without the overflow
    that X / 2**units, or a row's largest entry, would have on the way."""
    with np.errstate(invalid="ignore"):
        exponent = np.frexp(X)[1] - units  # |x| / 2**units < 2**exponent
    exponent = np.where(np.isfinite(X) & (X != 0), exponent, np.iinfo(np.int64).min)
    top = exponent.max(axis=1, initial=np.iinfo(np.int64).min)
    top = np.where(top == np.iinfo(np.int64).min, 0, top)
    return np.ldexp(X, -(units[None, :] + top[:, None])), top
