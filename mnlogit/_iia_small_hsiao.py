"""The Small–Hsiao (1985) test of IIA: a likelihood-ratio test on a random half of the data,
the ``run`` of its entry in :data:`mnlogit.iia.METHODS`."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from ._alike import level_said
from ._data import ModelData
from ._iia_methods import (
    IIATestResult,
    _failed,
    _fit_failure,
    _full_fit,
    _rank_deficient,
    _refit,
    _restricted_data,
    _result,
    _saturated,
)
from ._in_memory_data import InMemoryData
from ._levels import same_level
from ._lr_gain import Maximum, gain_statistic
from ._solvers import FitResult
from .exceptions import DataError
from .separation import detect, exact_check_runs

if TYPE_CHECKING:  # for annotations only: iia imports this module, results imports iia
    from .iia import IIAMethod
    from .results import MNLogitResults

__all__ = ["MAX_SPLIT"]

# numpy draws a multivariate hypergeometric sample ("marginals") from fewer than 1e9 items
MAX_SPLIT = 10**9


def _split_weights(w: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Half A's weights: a random half of the observations, frequency-weighted rows split;
    refused when the weights count more observations than the draw can split."""
    observations = float(np.sum(w))
    if not observations < MAX_SPLIT:
        raise DataError(
            f"Small-Hsiao: the frequency weights count {observations:.6g} observations; its "
            f"random split of the observations into halves draws from fewer than {MAX_SPLIT:.0e} "
            "(rescale the weights if they are not counts, or use method='hausman' or "
            "method='suest', which need no split)"
        )
    counts = np.rint(w).astype(np.int64)
    total = int(counts.sum())
    # drawn over the observations only: rows of weight 0 are none, yet each took a draw of
    # the sequence, so the same seed split the same observations otherwise beside them
    # (omitting 'bus' from travel with a fifth of its rows weighted 0: 11.69 where the data
    # without those rows give 2.13)
    observed = counts > 0
    half = np.zeros(len(counts))
    half[observed] = rng.multivariate_hypergeometric(
        counts[observed], total // 2, method="marginals"
    )
    return half


def _half(data: InMemoryData, w: np.ndarray, name: str) -> tuple[InMemoryData, str]:
    """The rows of half ``name`` (weights ``w``), and why the test cannot use it ("" when it
    can): a half without an outcome fits none of its coefficients. That is the luck of the
    draw with a rare outcome, so the test is reported as not computed, not refused: a refusal
    stopped iia_table at that level, with no test of the others."""
    half = replace(data, w=w).subset_rows(w > 0)
    counts = half.outcome_counts()
    core_to_level = half.coding.core_to_level
    lacking = np.flatnonzero(counts <= 0)
    if not len(lacking):
        return half, ""
    missing = ", ".join(level_said(half.levels[core_to_level[c]]) for c in lacking)
    single = data.outcome_counts()[lacking].min() < 2  # in no split in both halves
    return half, (
        f"half {name} of the random split has no observations with outcome {missing}, and "
        "the test needs every outcome in both halves ("
        + ("a single observation is never in both; " if single else "try another seed, or ")
        + "use method='hausman' or 'suest', which need no split)"
    )


@dataclass
class _Halves:
    """The random halves of one split and what of them does not depend on the omitted
    outcome: the full model's fits of each half, and why one cannot be used. An iia_table
    shares them between its levels, which refitted the same halves for every level (50 s
    of a 30-outcome table)."""

    full: InMemoryData
    core_f: FitResult
    half_a: InMemoryData
    half_b: InMemoryData
    lacks: str  # why a half cannot be used for want of an outcome ("" when both can)
    rank: str | None = None  # why a half is rank deficient ("" when neither is); lazily
    fits: tuple[FitResult, FitResult] | None = None  # the full model on each half; lazily

    def rank_deficient(self) -> str:
        if self.rank is None:
            self.rank = (
                _rank_deficient(self.half_a, "full model on half A", DRAW)
                or _rank_deficient(self.half_b, "full model on half B", DRAW)
                or ""
            )
        return self.rank

    def fitted(self, res: MNLogitResults) -> tuple[FitResult, FitResult]:
        if self.fits is None:
            self.fits = (_refit(res, self.half_a), _refit(res, self.half_b))
        return self.fits


# a half without a rare factor level is the luck of the draw, as one without an outcome;
# aliasing by the omitted outcome's rows is the design's, which no other split mends
DRAW = "try another seed, or use method='hausman' or 'suest', which need no split"


def _halves(res: MNLogitResults, ref: Any, seed: int, shared: dict[str, Any]) -> _Halves:
    """The halves of the split drawn by ``seed`` of the full model against ``ref``, from
    ``shared`` when an earlier level of the same table drew them."""
    kept = shared.setdefault("small-hsiao halves", [])
    for ref_k, seed_k, halves in kept:
        if seed_k == seed and same_level(ref_k, ref):
            return halves
    full, core_f = _full_fit(res, ref)
    rng = np.random.default_rng(seed)
    w_a = _split_weights(full.w, rng)  # raises NotInMemoryError for rows held elsewhere
    assert isinstance(full, InMemoryData)
    half_a, lacks = _half(full, w_a, "A")
    half_b, lacks_b = _half(full, full.w - w_a, "B")
    halves = _Halves(full, core_f, half_a, half_b, lacks or lacks_b)
    kept.append((ref, seed, halves))
    return halves


def _restricted_luck(core_r: FitResult, design: ModelData, omit: Any) -> str:
    """The advice for a restricted fit of half B that diverged when the restricted model on
    all its rows is not separated (the exact check says so), or "": the note advised dropping
    the separating terms ('Intercept', 'x') from the formula of a model that another seed
    tests."""
    if not core_r.diverged or not exact_check_runs(design) or detect(design) is not None:
        return ""
    without = level_said(omit)
    return f"the restricted model on all the rows without {without} is not separated, so {DRAW}"


def _restricted_failure(res: MNLogitResults, design: ModelData) -> str | None:
    """Why the restricted model on all the rows ``design`` has no estimates (as Hausman's
    and suest's tests say it), or None."""
    return _fit_failure(_refit(res, design), "restricted model")


def _small_hsiao(
    test: IIAMethod,
    res: MNLogitResults,
    omit: Any,
    ref: Any,
    notes: list[str],
    *,
    seed: Any,
    shared: dict[str, Any],
) -> IIATestResult:
    if seed is None:  # drawn here and told, so that the test can be run again
        seed = int(np.random.default_rng().integers(2**32))
        notes.append(f"The random split was drawn with seed={seed}; pass it to run it again.")
    elif isinstance(seed, np.random.Generator):
        # from a copy: the caller's generator is not advanced (the same generator gives the
        # same split), and the integer drawn is told, which runs the split again
        seed = int(copy.deepcopy(seed).integers(2**32))
        notes.append(
            f"The random split was drawn with seed={seed}, from the Generator given; pass "
            "either to run it again."
        )
    halves = _halves(res, ref, seed, shared)
    full, core_f, half_a, half_b = halves.full, halves.core_f, halves.half_a, halves.half_b
    details = {"n_a": half_a.sum_weights, "n_b": half_b.sum_weights}
    # a separated model is separated on every subset of its rows: said of itself, not as
    # the fit of a half that "did not converge in 100 iterations"
    # a saturated design fits the restricted model on half B to the full model's estimates
    # there identically: SH then measured how half A differs from half B, a chi2 whose
    # p-value tests nothing of IIA, where Hausman and suest said there is nothing to compare
    failure = _fit_failure(core_f, "full model") or _saturated(full)
    if failure:
        return _failed(test, omit, ref, None, failure, notes, seed=seed, **details)
    design = _restricted_data(full, omit)
    reason = _rank_deficient(design, f"restricted model (the rows without {level_said(omit)})")
    if reason:
        return _failed(test, omit, ref, None, reason, notes, seed=seed, **details)
    # what a draw of the halves made unusable is the luck of the draw, told to try another
    # seed or Hausman's or suest's test, unless the restricted model on all the rows has no
    # estimates: then no draw is, nor are they (a tiny sample whose remaining outcomes x
    # separates was told to try another seed at every seed)
    reason = halves.lacks or halves.rank_deficient()
    if reason:
        reason = _restricted_failure(res, design) or reason
        return _failed(test, omit, ref, None, reason, notes, seed=seed, **details)
    rdata = _restricted_data(half_b, omit)
    reason = _rank_deficient(
        rdata, f"restricted model on half B (its rows without {level_said(omit)})", DRAW
    )
    if reason:
        reason = _restricted_failure(res, design) or reason
        return _failed(test, omit, ref, None, reason, notes, seed=seed, **details)
    fit_a, fit_b = halves.fitted(res)
    core_r = _refit(res, rdata)
    restricted = type(res)(rdata, core_r)  # model-based covariance
    # the full model on all the rows has its estimates (checked above): a half separated is
    # the luck of the draw, which dropping terms from the formula is not needed to mend
    luck = f"the full model on all the rows is not separated, so {DRAW}"
    reason = _fit_failure(fit_a, "full model on half A", luck) or _fit_failure(
        fit_b, "full model on half B", luck
    )
    if reason:
        reason = _restricted_failure(res, design) or reason
    else:
        reason = _fit_failure(
            core_r, "restricted model on half B", _restricted_luck(core_r, design, omit)
        )
    if reason:
        return _failed(test, omit, ref, restricted, reason, notes, seed=seed, **details)
    c = 1.0 / np.sqrt(2.0)
    b_ab = c * fit_a.B + (1.0 - c) * fit_b.B
    eqs = [full.coding.equation(eq) for eq in rdata.equations]
    # restricted model's likelihood: probabilities renormalised over the remaining outcomes
    b_0 = np.ascontiguousarray(b_ab[:, eqs])
    l0 = rdata.evaluator()(b_0, 0).loglik
    l1 = core_r.loglik
    # l1 maximises half B's restricted likelihood: l1 >= l0. Summed over the rows' gains:
    # beside weights of 4e6 the two sums, of order 1e9, left 6.8549943 for 6.8549943337
    stat = gain_statistic(rdata, Maximum(l1, core_r.B), Maximum(l0, b_0))
    details = {"ref": ref, "L0": l0, "L1": l1, "seed": seed, **details}
    return _result(stat, rdata.p * rdata.q, test, omit, restricted, notes, details)
