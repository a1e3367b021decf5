"""Tests of Independence of Irrelevant Alternatives (IIA).

Under IIA the odds between any two outcomes do not depend on which other outcomes exist, so a
model refitted without one outcome (its rows dropped, the level removed) estimates the same
coefficients for the remaining equations as the full model. Three tests compare the two fits:

* Hausman–McFadden (1984): H = d' V^+ d with d = b_restricted - b_full on the common
  coefficients and V = V_restricted - V_full (model-based covariances). Defaults follow
  Stata/SPost ``mlogtest, iia``; ``inverse="solve", df="k"`` follows R's ``mlogit::hmftest``.
* suest: a Wald test of the same d with the covariance of (b_full, b_restricted) estimated
  jointly from the stacked per-row scores, as Stata's ``suest`` does; positive semi-definite by
  construction.
* Small–Hsiao (1985): a likelihood-ratio test on a random half of the data.

Restricted models are fitted by the estimation core on recoded copies of the model's arrays; the
user's data and fit are never modified. Each test is one entry of :data:`METHODS` (its label, the
options it reads, how it is computed); a new test is one more entry. The tests themselves
are in :mod:`mnlogit._iia_methods` and :mod:`mnlogit._iia_small_hsiao`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._alike import level_said
from ._checks import check_flag, check_option, check_seed, lookup_option
from ._comparable import refuse_not_a_fit
from ._data import ModelData
from ._iia_methods import IIATestResult, _compare
from ._iia_rank import NEGATIVE_NOTE, hinted
from ._iia_small_hsiao import _small_hsiao
from ._iia_variances import difference_cov, suest_cov
from ._levels import near_level, refuse_several, same_level
from ._other_options import answering_other_options
from ._progress import Progress
from ._unsupported import explain_nan_rows
from .exceptions import (
    DataError,
    IIATestWarning,
    LevelError,
    NotInMemoryError,
    OptionError,
    called_by_user,
    warn,
)

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = ["METHODS", "IIAMethod", "IIATestResult", "iia_table", "iia_test"]

INVERSES = ("pinv", "solve")
DFS = ("rank", "k")
# The options of iia_test that select how a test is computed, with their defaults; each
# method reads some of them (IIAMethod.options) and refuses the others when they are changed.
DEFAULTS: dict[str, Any] = {
    "include_intercepts": True,
    "inverse": "pinv",
    "df": "rank",
    "seed": None,
}


# --- public entry points ---------------------------------------------------------------------
@answering_other_options
def iia_test(
    res: MNLogitResults,
    omit: Any,
    method: str = "hausman",
    *,
    include_intercepts: bool = True,
    inverse: str = "pinv",
    df: str = "rank",
    seed: Any = None,
) -> IIATestResult:
    """Test Independence of Irrelevant Alternatives by leaving the outcome ``omit`` out.

    Parameters
    ----------
    res : MNLogitResults
        A maximum-likelihood fit with at least three outcome levels.
    omit : level
        The outcome to leave out. Omitting the reference refits both models against the most
        frequent remaining level (by weighted count, a tie to the first in level order; the
        note says which), as ``mlogtest`` does.
    method : {"hausman", "suest", "small-hsiao"}
        Hausman–McFadden with model-based covariances (needs ``cov_type="nonrobust"``); Wald
        test with the jointly estimated (suest) sandwich covariance; or Small–Hsiao, a
        likelihood-ratio test (refused beside robust and cluster covariances, as
        :func:`mnlogit.lr_test` is).
    include_intercepts : bool
        Compare the intercepts too (Stata/SPost and mlogit default). Hausman and suest only.
        A column of one value (arrays with a column of 5s) is the intercept scaled, left
        out likewise; a design with no such column has none to leave out (the note says so).
    inverse : {"pinv", "solve"}
        Moore–Penrose inverse with Stata's rank tolerance, or a linear solve (mlogit::hmftest).
        The rank is read with each compared coefficient in units of its standard error (both
        fits' variances summed), so that a coefficient one fit leaves poorly determined does
        not raise the tolerance above the others' directions.
        Hausman-McFadden: an eigenvalue below the rounding of the two fits' covariances (dim
        * eps times their norm) counts as zero too, as V is their difference; one kept within
        10 times that rounding that moves the statistic by more than 1% (of it, or of 1)
        leaves it undetermined: not computed (NaN, with a note and a warning).
    df : {"rank", "k"}
        Degrees of freedom: the rank of the inverted matrix (Stata) or the number of compared
        coefficients (mlogit::hmftest).
    seed : int, Generator or None
        Random split of the data (Small–Hsiao only); a fixed seed reproduces the test. With
        None, a seed is drawn, and the note and ``details["seed"]`` give it. A Generator is
        not advanced: an integer seed is drawn from a copy of it, and told likewise.

    Returns
    -------
    IIATestResult
        When the user's code asks for it, a NaN p-value (a negative Hausman chi2) comes with
        an :class:`~mnlogit.exceptions.InferenceWarning` saying why, as its note does.

    Notes
    -----
    Hausman–McFadden: d = b_r - b_f over every coefficient of the remaining non-reference
    equations, V = V_r - V_f, H = d' V^+ d. V is often indefinite and H can be negative; H is
    then reported as is, with a NaN p-value and a note. When the design makes the two fits'
    estimates equal by construction (intercepts only, or factors with all their
    interactions), d and its covariance are rounding: the test is not computed (NaN, with a
    note and a warning).

    suest: with per-row scores g (the restricted model's are zero on the omitted rows), the
    influence of row i on d is t_i = V_r g_r,i - V_f g_f,i, Var(d) = n/(n-1) sum w_i t_i t_i'
    (clusters: G/(G-1) sum over clusters of the summed t), and W = d' Var(d)^+ d. With G
    clusters Var(d) has rank at most G - 1: a test of more coefficients is not computed
    (NaN, with a note and a warning), as for a Wald test; so is a test that compares the
    coefficients of a column only one cluster's rows carry, whose sampling variance the
    sandwich does not hold (their standard errors are NaN too).

    Small–Hsiao: random halves A and B (frequency weights split as repeated rows);
    b_AB = b_A / sqrt(2) + (1 - 1/sqrt(2)) b_B; L0 is the restricted log-likelihood on B at the
    remaining equations of b_AB, L1 the restricted maximum on B; SH = -2 (L0 - L1) with
    df = the restricted model's parameter count. A saturated design (as above) is not
    tested: its restricted estimates on B are the full model's there, so SH would measure
    how the halves differ, not IIA.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.iia import iia_test
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> iia_test(res, "walk").method
    'Hausman-McFadden test of IIA'
    >>> iia_test(res, "walk", method="small-hsiao", seed=1).df
    4.0
    """
    return tested(
        res,
        called_by_user(),
        omit,
        method,
        include_intercepts=include_intercepts,
        inverse=inverse,
        df=df,
        seed=seed,
    )


def tested(
    res: MNLogitResults, user: bool, omit: Any, method: str = "hausman", **options: Any
) -> IIATestResult:
    """The test of :func:`iia_test`, with an :class:`~mnlogit.exceptions.InferenceWarning`
    saying why its p-value is NaN (a negative Hausman chi2) when ``user`` (the user's code
    asked for it): the note says so, but ``test.pvalue`` read alone was a bare NaN."""
    refuse_not_a_fit(res, "iia_test(res, omit)")
    result = _run(res, omit, method, **options)
    if user:
        numbers = pd.DataFrame(
            {"statistic": [result.statistic], "df": [result.df], "pvalue": [result.pvalue]},
            # the level found, as the result names it: omit=1.0 was warned of as "1.0"
            index=pd.Index([result.omitted], name="omitted"),
        )
        _explain_nan(res, numbers, [result], "iia_test()")
    return result


@answering_other_options
def iia_table(
    res: MNLogitResults,
    method: str = "hausman",
    *,
    include_intercepts: bool = True,
    inverse: str = "pinv",
    df: str = "rank",
    seed: Any = None,
) -> pd.DataFrame:
    """:func:`iia_test` with every outcome level omitted in turn, as Stata's ``mlogtest, iia``.

    Parameters
    ----------
    res : MNLogitResults
        A maximum-likelihood fit with at least three outcome levels.
    method : {"hausman", "suest", "small-hsiao"}
        As for :func:`iia_test`.
    include_intercepts, inverse, df, seed
        As for :func:`iia_test`; Small-Hsiao splits the rows once for every level and fits
        the full model to each half once, the same numbers as :func:`iia_test` level by
        level (without a seed, the notes give the one drawn).

    Returns
    -------
    DataFrame
        Indexed by the omitted level; columns ``statistic``, ``df``, ``pvalue``,
        ``positive_definite`` and ``note``. When the user's code calls it, an
        :class:`~mnlogit.exceptions.InferenceWarning` names the rows of NaN cells (a
        negative Hausman chi2's p-value) and why: a table printed truncates ``note``.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.iia import iia_table
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> list(iia_table(res).index)
    ['bus', 'car', 'train', 'walk']
    """
    return tabled(
        res,
        called_by_user(),
        method,
        include_intercepts=include_intercepts,
        inverse=inverse,
        df=df,
        seed=seed,
    )


def tabled(
    res: MNLogitResults,
    user: bool,
    method: str = "hausman",
    *,
    include_intercepts: bool = True,
    inverse: str = "pinv",
    df: str = "rank",
    seed: Any = None,
) -> pd.DataFrame:
    """The table of :func:`iia_table`, with an
    :class:`~mnlogit.exceptions.InferenceWarning` naming its rows of NaN cells and why when
    ``user`` (the user's code asked for it): their reason is in the ``note`` column, which
    a table printed truncates. A test not computed was warned of when it ran
    (:class:`~mnlogit.exceptions.IIATestWarning`) and is not named again."""
    # named, not **options: an option it does not take was refused by a private helper,
    # iia_table(res, omit="bus") as "_run() got multiple values for argument 'omit'"
    options = {"include_intercepts": include_intercepts, "inverse": inverse, "df": df, "seed": seed}
    refuse_not_a_fit(res, "iia_table(res)")
    _refuse_level_as_method(res, method)
    rows = []
    told = ""
    # one split for every level, as mlogtest's: a seed drawn for each level was told in
    # each row's note, and passing one of them to iia_table reproduced none of the others
    if options.get("seed") is None and "seed" in _lookup_method(method).options:
        options["seed"] = int(np.random.default_rng().integers(2**32))
        told = f"The random split was drawn with seed={options['seed']}; pass it to run it again."
    progress = Progress(res._core.verbose, prefix="iia_table")
    shared: dict[str, Any] = {}  # what the levels' tests share (Small-Hsiao's halves)
    for k, lv in enumerate(res.outcomes):
        with progress.task(f"level {k + 1} of {len(res.outcomes)} ({level_said(lv)}) omitted"):
            rows.append(_run(res, lv, method, shared=shared, **options))
    table = pd.DataFrame(
        {
            "statistic": [r.statistic for r in rows],
            "df": [r.df for r in rows],
            "pvalue": [r.pvalue for r in rows],
            "positive_definite": [r.positive_definite for r in rows],
            "note": [" ".join(filter(None, (r.note, told))) for r in rows],
        },
        index=pd.Index(res.outcomes, name="omitted"),
    )
    if user:
        _explain_nan(res, table, rows, "iia_table()")
    return table


def _explain_nan(
    res: MNLogitResults, table: pd.DataFrame, rows: list[IIATestResult], called: str
) -> None:
    """Warn of the rows of ``table`` with NaN cells (a negative Hausman chi2's p-value)
    that no warning named when their test ran, each with its reason."""
    numbers = table[["statistic", "df", "pvalue"]]  # positive_definite is None off Hausman's
    nan = numbers.isna().any(axis=1).to_numpy()
    unsaid = [k for k, r in enumerate(rows) if nan[k] and not r.details.get("failed")]
    if not unsaid:
        return
    negative = hinted(NEGATIVE_NOTE, res._data.in_memory)
    reasons: dict[str, list[str]] = {}  # one reason said once for the levels it is of
    for k in unsaid:
        said = negative if negative in rows[k].note else rows[k].note
        reasons.setdefault(said, []).append(level_said(table.index[k]))
    why = " ".join(f"Omitting {', '.join(levels)}: {said}" for said, levels in reasons.items())
    explain_nan_rows(called, numbers.iloc[unsaid], why)


# --- validation and set-up -------------------------------------------------------------------
def _run(
    res: MNLogitResults,
    omit: Any,
    method: str,
    *,
    include_intercepts: bool = True,
    inverse: str = "pinv",
    df: str = "rank",
    seed: Any = None,
    shared: dict[str, Any] | None = None,
) -> IIATestResult:
    test = _lookup_method(method)
    given = {"include_intercepts": include_intercepts, "inverse": inverse, "df": df, "seed": seed}
    check_option("inverse", inverse, INVERSES)
    check_option("df", df, DFS)
    check_flag("include_intercepts", include_intercepts)
    _refuse_unused(test, given)
    check_seed(seed)
    if res.solver.penalized:
        raise OptionError(
            f"IIA tests compare maximum-likelihood fits; this fit used method={res.method!r}"
            + (f" with penalty={res.penalty!r}" if res.penalty is not None else "")
            + ". Refit with method='newton' and no penalty."
        )
    if res.covariance.needs_design:
        raise OptionError(
            "IIA tests are not available for survey data (probability weights or a design): "
            "Hausman-McFadden needs the efficient covariance, Small-Hsiao a likelihood, and "
            "suest here sandwiches independent rows, not the design's PSUs. To test IIA "
            # weights='w', weight_type='probability' has no design= to leave out: "without
            # the design" was followed with the weights kept, and refused again
            "in the sample, refit without the design and its sampling weights"
            f"{_suest_fit(res._data.design)}, and run "
            "iia_test(..., method='suest') on that fit: a test that is not design-based (it "
            "takes the sampling to be ignorable given the predictors)"
        )
    data = res._data
    # a dask fit refuses suest: said so, not advised (hausman and suest sent each other there)
    robust = "which allows for robust and clustered errors" + (
        ""
        if data.in_memory
        else f", on the rows in memory (a dask fit's stay in partitions: {data.in_memory_advice})"
    )
    if test.efficient_only and not res.covariance.efficient:
        others = " or ".join(
            f"method={m.name!r}" for m in METHODS.values() if m.variance and not m.efficient_only
        )
        raise OptionError(
            f"method={test.name!r} needs the efficient (model-based) covariance; this fit has "
            f"cov_type={res.cov_type!r}. Use {others}, {robust}."
        )
    if test.likelihood_ratio and not res.covariance.lr_valid:
        raise OptionError(
            f"method={test.name!r} is a likelihood-ratio test, not valid with the "
            f"{res.covariance.label} covariance (cov_type={res.cov_type!r}): the fit does "
            "not assume its likelihood is the true one (or its rows independent), so the "
            f"likelihood ratio has no chi2 distribution, as for lr_test. Use method='suest', "
            f"{robust}."
        )
    if test.in_memory_only and not data.in_memory:  # before any refit reads the partitions
        others = " or ".join(f"method={m.name!r}" for m in METHODS.values() if not m.in_memory_only)
        raise NotInMemoryError(
            f"method={test.name!r} {test.in_memory_only}, which needs in-memory data, but "
            f"this fit's rows stay in partitions: {data.in_memory_advice}; or use {others}, "
            "which refits through the partitions"
            + (
                ""
                if res.covariance.efficient
                else f" from a fit with the model-based covariance (cov_type='nonrobust', not "
                f"{res.cov_type!r})"
            )
        )
    levels = data.levels
    if len(levels) < 3:
        raise DataError(
            f"an IIA test needs at least 3 outcome levels (one to omit, two to "
            f"compare); the outcome has {len(levels)}: {levels!r}"
        )
    level = data.coding.find(omit)
    if level is None:
        refuse_several(omit, "omit", data.outcome_name, levels)
        raise LevelError(
            f"omit: {omit!r} is not an outcome level; the levels are {levels!r}"
            f"{near_level(omit, levels)}"
        )
    omit = level
    notes: list[str] = []
    ref = data.ref
    if same_level(omit, ref):
        ref, tied = _largest_remaining(data, omit)
        # a tie said as one: "the most frequent" named one of several equally frequent
        tie = (
            f" (as frequent as {', '.join(level_said(lv) for lv in tied)}; the first in level "
            "order)"
            if tied
            else ""
        )
        notes.append(
            f"{level_said(omit)} is the reference; both models were refitted with the most "
            f"frequent remaining outcome, {level_said(ref)}{tie}, as the reference."
        )
    options = {k: given[k] for k in test.options}
    if test.shares:
        options["shared"] = {} if shared is None else shared
    out = test.run(test, res, omit, ref, notes, **options)
    if out.details.get("failed"):
        # at the user's line whichever entry point (res.iia_test, mnlogit.iia.iia_test) and
        # wrapper it came through: a fixed stacklevel pointed one frame above the latter's
        warn(
            f"IIA test omitting {level_said(omit)} not computed: {out.details['failed']}",
            IIATestWarning,
        )
    return out


def _refuse_level_as_method(res: MNLogitResults, method: Any) -> None:
    """Refuse an outcome level given as iia_table's first argument, ``method``, with the
    call that tests that level: it was refused as a method not among them, with no word of
    iia_test (iia_table(res, "walk"), as iia_test(res, "walk") is written)."""
    if isinstance(method, str) and method in METHODS:
        return
    level = res._data.coding.find(method)
    if level is None:
        return
    raise OptionError(
        f"method: got {method!r}, an outcome level; iia_table omits every outcome level in "
        f"turn, so it takes no level: res.iia_test({level!r}), or iia_test(res, {level!r}), "
        f"tests one; the methods are {tuple(METHODS)!r}"
    )


def _refuse_unused(test: IIAMethod, given: dict[str, Any]) -> None:
    """Refuse options changed from their defaults that ``test`` does not read."""
    changed = [
        (k, v)
        for k, v in given.items()
        if k not in test.options and (v is not None if DEFAULTS[k] is None else v != DEFAULTS[k])
    ]
    if not changed:
        return
    shown = ", ".join(f"{k}={v!r}" for k, v in changed)
    users = {m.name for m in METHODS.values() for k, _ in changed if k in m.options}
    if len(users) == 1:  # one method reads them: name it
        raise OptionError(
            f"{shown}: only method={users.pop()!r} uses {'it' if len(changed) == 1 else 'them'}; "
            f"got method={test.name!r}"
        )
    raise OptionError(f"{shown}: not used by method={test.name!r} ({test.summary})")


def _largest_remaining(data: ModelData, omit: Any) -> tuple[Any, list[Any]]:
    """The level with the largest (weighted) count other than ``omit`` (ties: level order),
    and the others of that count."""
    counts = np.empty(len(data.levels))
    counts[data.coding.core_to_level] = data.outcome_counts()
    order = [i for i in range(len(data.levels)) if not same_level(data.levels[i], omit)]
    best = max(order, key=lambda i: (counts[i], -i))
    tied = [data.levels[i] for i in order if i != best and counts[i] == counts[best]]
    return data.levels[best], tied


# --- the table of methods -----------------------------------------------------------------------
@dataclass(frozen=True)
class IIAMethod:
    """One test of IIA: the entry ``method=`` selects. A new test is one entry in METHODS."""

    name: str
    label: str  # the test's name in its result
    run: Callable[..., IIATestResult]  # run(test, res, omit, ref, notes, **its options)
    options: tuple[str, ...]  # the options of DEFAULTS it reads; changing another is an error
    summary: str  # what the test is, for messages
    # Var(d) on the common coefficients, for the tests that compare the two fits' d
    variance: Callable[..., np.ndarray] | None = None
    # needs the model-based covariance: Var(d) is V_r - V_f, which may be indefinite (reported)
    efficient_only: bool = False
    # a likelihood-ratio test: refused beside a covariance that refuses them (robust, cluster)
    likelihood_ratio: bool = False
    # what the test needs of the rows in memory ("" when it refits through any data): a fit
    # of partitions is refused before its refits (suest read 7 passes before refusing)
    in_memory_only: str = ""
    # run also takes shared=, a dict that the runs of one iia_table share, for what does not
    # depend on the omitted outcome (the full fit at its maximum, Small-Hsiao's halves)
    shares: bool = False
    # what users write for it (Stata's mlogtest options, mlogit's hmftest), without case,
    # spaces, hyphens or underscores: answered with the name, not with the list of names
    spellings: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"<IIAMethod {self.name!r}: {self.label}>"


METHODS: dict[str, IIAMethod] = {
    m.name: m
    for m in (
        IIAMethod(
            "hausman",
            "Hausman-McFadden test of IIA",
            _compare,
            ("include_intercepts", "inverse", "df"),
            "d' (V_restricted - V_full)^+ d with model-based covariances",
            variance=difference_cov,
            efficient_only=True,
            shares=True,
            spellings=("hm", "hmftest", "mcfadden", "hausmanmcfadden", "hausmantest"),
        ),
        IIAMethod(
            "suest",
            "suest-based Hausman test of IIA",
            _compare,
            ("include_intercepts", "inverse", "df"),
            "a Wald test of d with the jointly estimated sandwich covariance",
            variance=suest_cov,
            in_memory_only="sums each row's scores of both fits",
            shares=True,
            spellings=("suesthausman", "suesttest"),
        ),
        IIAMethod(
            "small-hsiao",
            "Small-Hsiao test of IIA",
            _small_hsiao,
            ("seed",),
            "a likelihood-ratio test of every restricted coefficient",
            likelihood_ratio=True,
            in_memory_only="splits the rows into random halves",
            shares=True,
            spellings=("smhsiao", "smallhsiao", "sh", "hsiao", "smallhsiaotest"),
        ),
    )
}


def _lookup_method(method: Any) -> IIAMethod:
    """The entry of METHODS that ``method`` names; a spelling of one (``'smhsiao'``,
    ``'Hausman'``, ``'hausman-mcfadden'``) is refused with its name, which the list of names
    left to the user to match."""
    if isinstance(method, str) and method not in METHODS:
        said = re.sub(r"[\s_\-\u2010-\u2015]", "", method).lower()
        meant = next(
            (m for m in METHODS.values() if said in (m.name.replace("-", ""), *m.spellings)), None
        )
        if meant is not None:
            raise OptionError(
                f"method: got {method!r}; the {meant.label} ({meant.summary}) is "
                f"method={meant.name!r}; the methods are {tuple(METHODS)!r}"
            )
    return lookup_option("method", method, METHODS)


def _suest_fit(info: Any) -> str:
    """The fit whose suest test stands in for a survey fit's: clustered by its PSUs, by name,
    each PSU of a stratum a cluster of its own (the identifiers of a design whose PSUs are
    numbered within strata name several PSUs), on its subpopulation's rows. It said
    ``groups=<the PSU column>`` of every design: of one without PSUs, and of PSUs that
    clustering by that column would merge across strata."""
    psu, strata = info.columns.get("psu"), info.columns.get("strata")
    if not info.clustered:
        how = ", with cov_type='robust' (each row is its own PSU)"
    elif info.crossed and psu and strata:
        how = (
            f", clustered by the PSUs (cov_type='cluster', groups= the pair of {strata!r} and "
            f"{psu!r}, e.g. df[{strata!r}].astype(str) + '/' + df[{psu!r}].astype(str): "
            f"{info.crossed} PSU identifiers stand in several strata, each a PSU in each)"
        )
    elif info.crossed:
        how = (
            ", clustered by the PSUs (cov_type='cluster', groups= each row's stratum and PSU "
            f"together: {info.crossed} PSU identifiers stand in several strata)"
        )
    else:
        how = (
            f", clustered by the PSUs (cov_type='cluster', groups={psu!r})"
            if psu
            else (", clustered by the PSUs (cov_type='cluster', groups=<the PSU values>)")
        )
    if info.subpop is not None:
        how += f", on the subpopulation's rows ({info.subpop})"
    return how
