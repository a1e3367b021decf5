"""The information matrix's memory: what computing and inverting it would take, and the guard
that refuses it with a message saying what to ask for instead.

The information of p*q parameters is (pq)^2 doubles, and computing and inverting it holds
several of them at once (see :func:`information_bytes`). Past the memory available a fit
still returns its coefficients (its L-BFGS phase reads only gradients), and the covariance of
selected coefficients comes from solves that never form the matrix
(:mod:`mnlogit._blocksolve`).
"""

from __future__ import annotations

import os
from pathlib import Path

from .exceptions import MemoryLimitError

__all__ = [
    "available_memory",
    "check_design_fits",
    "check_information_fits",
    "check_margins_fit",
    "check_separation_fits",
    "information_bytes",
    "information_fits",
    "separation_check_fits",
]

# Below this the information (with its copies) is never checked against the free memory.
ALWAYS_FITS_BYTES = 64 << 20
# Below this a design is never checked against the free memory.
DESIGN_ALWAYS_FITS_BYTES = 64 << 20
# Share of the available memory the information's computation may take.
MEMORY_SHARE = 0.8
# Peak bytes per nonzero entry of the exact separation check's linear program: its triplets
# and their copies, the sparse matrix and its negation, and HiGHS's own copy (193 measured
# at 20,000 rows x 50 columns x 5 outcomes).
LP_BYTES_PER_ENTRY = 200


def available_memory() -> int | None:
    """Bytes of memory available to a new allocation without swapping (Linux's
    MemAvailable), or None when the system does not say."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def information_bytes(n_params: int, threads: int) -> int:
    """Peak bytes of computing the (n_params, n_params) information and its inverse: two
    matrices per worker (its running sum and the chunk's product), their total, and the
    factorisation's scaled copy, factor and inverse with its symmetrisation."""
    return 8 * n_params * n_params * (2 * max(threads, 1) + 5)


def information_fits(n_params: int, threads: int) -> bool:
    """Whether computing and inverting the information fits in the memory available."""
    need = information_bytes(n_params, threads)
    if need < ALWAYS_FITS_BYTES:
        return True
    free = available_memory()
    return free is None or need <= MEMORY_SHARE * free


def check_information_fits(n_params: int, threads: int, firth: bool = False) -> None:
    """Raise :class:`MemoryLimitError` when the information would not fit (see above);
    ``firth``: for a Firth fit, whose every iteration needs it (no results to ask instead)."""
    if information_fits(n_params, threads):
        return
    one = 8 * n_params * n_params
    free = available_memory() or 0
    need = "a Firth fit needs, at every iteration, the" if firth else "the standard errors need the"
    advice = (
        "or fit by maximum likelihood (method='newton'), which gives the coefficients without "
        "the matrix and the covariance of the terms you need from "
        "res.cov_params(terms=[...])"
        if firth
        else "or ask for the covariance of the terms you need: res.cov_params(terms=[...]) "
        "(and wald_test on those terms) solves for their block without forming the whole "
        "matrix"
    )
    raise MemoryLimitError(
        f"{need} {n_params:,} x {n_params:,} information matrix of this fit: {_size(one)} "
        f"per copy, about {_size(information_bytes(n_params, threads))} to compute and invert "
        f"it, and {_size(free)} of memory are available. Fit fewer columns, {advice}"
    )


def check_design_fits(n: int, p: int, refused: BaseException | None = None) -> None:
    """Raise :class:`MemoryLimitError` when an (n, p) float64 design would take more than
    its share of the memory available, or when the system ``refused`` its allocation: a
    design larger than the memory was mapped lazily and the fill that touched it brought the
    out-of-memory killer, or the mapping failed with a bare ``OSError``."""
    need = 8 * n * p
    free = available_memory()
    if refused is None and (
        need < DESIGN_ALWAYS_FITS_BYTES or free is None or need <= MEMORY_SHARE * free
    ):
        return
    said = f" (the system refused it: {refused})" if refused is not None else ""
    raise MemoryLimitError(
        f"the design matrix of {n:,} rows x {p:,} columns takes {_size(need)}{said}, and "
        f"{_size(free or 0)} of memory are available. Fit fewer columns (each level of a "
        "factor is one), a sample of the rows, or a dask DataFrame, whose rows stay in its "
        "partitions"
    )


def check_margins_fit(n_rows: int, margins: int) -> None:
    """Raise :class:`MemoryLimitError` when the values of ``margins`` margins at each of
    ``n_rows`` rows, which ``margins(vce="unconditional")`` holds to sum their influences,
    would not fit: twice at the peak (the values of each combination and all of them, or all
    of them and their deviations among every row of the fit). 20 levels set by over= of 5
    outcomes' margins over 2 million rows are 1.6 GB a copy, and the copies it held before
    brought the out-of-memory killer, which takes a notebook's kernel with it."""
    need = 2 * 8 * n_rows * margins
    free = available_memory()
    if need < ALWAYS_FITS_BYTES or free is None or need <= MEMORY_SHARE * free:
        return
    raise MemoryLimitError(
        f"vce='unconditional' holds each margin's value at every row: {margins:,} margins "
        f"over {n_rows:,} rows take {_size(need)}, and {_size(free)} of memory are "
        "available. Ask fewer margins at a time (fewer at= values, over= levels or "
        "variables=), or use vce='delta', which holds the covariates fixed"
    )


def separation_check_fits(entries: int) -> bool:
    """Whether the exact separation check's linear program of ``entries`` nonzero entries
    (every row's design values, once per inequality it owns) fits in the memory available."""
    need = LP_BYTES_PER_ENTRY * entries
    if need < ALWAYS_FITS_BYTES:
        return True
    free = available_memory()
    return free is None or need <= MEMORY_SHARE * free


def check_separation_fits(entries: int) -> None:
    """Raise :class:`MemoryLimitError` when the exact separation check would not fit (see
    :func:`separation_check_fits`): building it was ended by the system's out-of-memory
    killer, which takes a notebook's kernel or a pool's worker with it."""
    if separation_check_fits(entries):
        return
    raise MemoryLimitError(
        f"the exact separation check is a linear program over every row, here of "
        f"{entries:,} nonzero entries: about {_size(LP_BYTES_PER_ENTRY * entries)} to build "
        f"and solve, and {_size(available_memory() or 0)} of memory are available. Check a "
        "sample of the rows (mnlogit.check_separation on it), or fit fewer columns"
    )


def _size(nbytes: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if nbytes < 1024 or unit == "GiB":
            return f"{nbytes:,.0f} {unit}" if unit == "bytes" else f"{nbytes:,.1f} {unit}"
        nbytes /= 1024
    return f"{nbytes:,.1f} TiB"  # pragma: no cover
