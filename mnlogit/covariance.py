"""Covariance estimators of the coefficients: one class each, picked by name from
:data:`COVARIANCES`.

Each class carries its name (the ``cov_type=`` value), the label the summary and the tests
print, whether it needs cluster identifiers or a survey design, whether it is the efficient
(model-based) covariance, whether likelihood-ratio tests are valid beside it, whether the
log-likelihood is one of the sample (so AIC, BIC and pseudo-R2 mean something), and the
degrees of freedom of its t statistics (None: normal). A new covariance type is one class
here and one entry in the table.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from ._checks import lookup_option
from ._covariance_names import design_spelling, other_name_hint
from ._data import ModelData
from .exceptions import DataError, OptionError

if TYPE_CHECKING:  # for annotations only
    from ._in_memory_data import InMemoryData
    from .survey import DesignInfo

__all__ = [
    "COVARIANCES",
    "DEFAULT_COV_TYPE",
    "KEYWORDS",
    "MODEL_KEYWORDS",
    "Cluster",
    "Covariance",
    "Design",
    "ModelBased",
    "Robust",
    "Spelling",
    "covariance_named",
    "lookup_covariance",
    "resolve_covariance",
]


@dataclass(frozen=True)
class Spelling:
    """How messages name the covariance option and the cluster identifiers: as the keyword
    arguments of :func:`mnlogit.fit` (:data:`KEYWORDS`) or, on the command line, as flags."""

    cov_type: str = "cov_type={!r}"  # formatted with the covariance's name
    option: str = "cov_type"  # the option itself
    groups: str = "groups="
    groups_hint: str = " (a column name or one value per row)"


KEYWORDS = Spelling()
# a model's fit(), whose clusters were the model's to take: fit(groups=...) is refused
MODEL_KEYWORDS = Spelling(
    groups="the model's groups=",
    groups_hint=(
        ", one value per row: MNLogit(y, X, groups=...), or "
        "MNLogit.from_formula(formula, df, groups=...) with a column name"
    ),
)


class Covariance(ABC):
    """A covariance estimator: A^-1 (model-based) or a sandwich A^-1 M A^-1."""

    name: ClassVar[str]
    label: ClassVar[str]  # "model-based", "robust (HC0)", ...
    needs_groups: ClassVar[bool] = False
    efficient: ClassVar[bool] = False  # the inverse information (what Hausman tests need)
    lr_valid: ClassVar[bool] = False  # likelihood-ratio tests are valid beside it
    # nested fits are compared by Rao and Scott's working likelihood-ratio test, whose
    # reference distribution takes the design effects from this covariance (R's survey)
    working_lr: ClassVar[bool] = False
    needs_design: ClassVar[bool] = False  # a survey design (weights, strata, PSUs)
    likelihood_valid: ClassVar[bool] = True  # llf is a likelihood of the sample (AIC, BIC)
    # how it differs from the covariance of the same name in Stata, said in the summary
    stata_difference: ClassVar[str] = ""
    linearises: ClassVar[bool] = False  # sums the rows' influences: see linearised()

    @abstractmethod
    def matrix(self, data: ModelData, B: np.ndarray, bread: np.ndarray) -> np.ndarray:
        """The (pq, pq) covariance at ``B``, given the inverse information ``bread``."""

    @abstractmethod
    def block(
        self, data: ModelData, B: np.ndarray, solved: np.ndarray, idx: np.ndarray
    ) -> np.ndarray:
        """The (k, k) covariance of the coefficients ``idx`` (equation-major positions) at
        ``B``, given ``solved``: those k columns of the inverse information (pq, k). No
        (pq)^2 matrix is formed: a sandwich's meat is summed over projected scores."""

    def describe(self, data: ModelData) -> str:
        """The label with what the data add to it (the number of clusters)."""
        return self.label

    def linearised(
        self, data: InMemoryData, B: np.ndarray, project: np.ndarray, extra: np.ndarray
    ) -> np.ndarray:
        """The (k, k) variance this covariance gives k statistics whose influence at row i
        is w_i (u_i' project + extra_i): the coefficients' (the score u_i, ``project`` the
        bread times the statistics' Jacobian) plus the row's own ``extra`` (n, k), summed
        over the units and with the factors of the coefficients' own variance (Stata's
        ``margins, vce(unconditional)``). Only covariances that sum the rows' influences
        (:attr:`linearises`) have it."""
        raise OptionError(f"the {self.label} covariance does not sum the rows' influences")

    def __setattr__(self, name: str, value: object) -> None:
        # one instance per covariance type, shared by every fit: res.covariance.label =
        # "HC1" (or lr_valid = True) relabelled, or let LR tests beside, every such fit
        raise AttributeError(
            f"{type(self).__name__} is shared by every fit with this covariance; cannot set "
            f"{name!r}"
        )

    def df(self, data: ModelData) -> float | None:
        """Degrees of freedom of t statistics and intervals; None for normal ones."""
        return None

    def rank_bound(self, data: ModelData) -> int | None:
        """The most independent restrictions a Wald test can have with this covariance (its
        rank at most); None when only the number of coefficients bounds it."""
        return None

    def rank_reason(self, data: ModelData) -> tuple[str, str]:
        """Why the rank is bounded (for a message: "rank at most b (<why>)"), and a sentence
        on what to do instead."""
        return "", "Test fewer coefficients at once."

    def units(self, data: ModelData) -> tuple[np.ndarray | None, str] | None:
        """The integer codes of the units whose score totals the meat sums (clusters, PSUs)
        for rows in memory (None for rows on partitions, which carry their units), and what
        a unit is called; None when each row is one."""
        return None

    def check_groups(
        self, groups: Any, spelling: Spelling = KEYWORDS, *, given: bool = True
    ) -> None:
        """Refuse cluster identifiers where they are not used, and their absence where they
        are; ``spelling`` names the options as the caller's user gave them, and ``given``
        says whether the user named this covariance or it is the default."""
        cov = spelling.cov_type.format
        if groups is not None and not self.needs_groups:
            users = " or ".join(cov(c.name) for c in COVARIANCES.values() if c.needs_groups)
            if not given:  # "got cov_type='nonrobust'" quoted a value the user never wrote
                raise OptionError(
                    f"{spelling.groups} is only used with {users}, and {spelling.option} was "
                    f"not given: add {users} for cluster-robust standard errors, or leave "
                    f"{spelling.groups} out"
                )
            raise OptionError(f"{spelling.groups} is only used with {users}; got {cov(self.name)}")
        if groups is None and self.needs_groups:
            raise DataError(f"{cov(self.name)} needs {spelling.groups}{spelling.groups_hint}")

    def owned(self, data: ModelData) -> np.ndarray:
        """Which design columns (p,) one unit's rows determine alone (see :mod:`._owned`):
        their sandwich variances hold nothing of their own sampling variance."""
        units = self.units(data)
        if units is None:
            return np.zeros(data.p, dtype=bool)
        return data.owned_columns(units[0])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} covariance: {self.label}>"


class ModelBased(Covariance):
    """The inverse Fisher information, efficient when the model is right."""

    name = "nonrobust"
    label = "model-based"
    efficient = True
    lr_valid = True

    def matrix(self, data: ModelData, B: np.ndarray, bread: np.ndarray) -> np.ndarray:
        return bread

    def block(
        self, data: ModelData, B: np.ndarray, solved: np.ndarray, idx: np.ndarray
    ) -> np.ndarray:
        return _symmetric(solved[idx])


class Robust(Covariance):
    """HC0 sandwich A^-1 M A^-1 from per-row scores, no small-sample factor."""

    name = "robust"
    label = "robust (HC0)"
    stata_difference = (
        " Stata's vce(robust) has a factor n/(n-1) more (n the observations, the sum of "
        "frequency weights), so its standard errors are these times sqrt(n/(n-1)); without "
        "frequency weights, cov_type='cluster' with each row its own group gives them."
    )

    def matrix(self, data: ModelData, B: np.ndarray, bread: np.ndarray) -> np.ndarray:
        return _sandwich(
            data,
            bread,
            lambda project: data.score_meat(B, cluster=False, project=project),
            label=self.label,
        )

    def block(
        self, data: ModelData, B: np.ndarray, solved: np.ndarray, idx: np.ndarray
    ) -> np.ndarray:
        return _symmetric(data.score_meat(B, cluster=False, project=solved))

    linearises = True

    def linearised(
        self, data: InMemoryData, B: np.ndarray, project: np.ndarray, extra: np.ndarray
    ) -> np.ndarray:
        return _symmetric(data.score_meat(B, cluster=False, project=project, extra=extra))

    def rank_bound(self, data: ModelData) -> int | None:
        # the meat sums the rows' scores, which add up to zero at the maximum: rank n - 1,
        # below the coefficients when there are no more rows than them
        return int(data.positive_counts().sum()) - 1

    def rank_reason(self, data: ModelData) -> tuple[str, str]:
        return "the rows less one", "Test fewer coefficients at once."


class Cluster(Covariance):
    """Cluster-robust sandwich with the G/(G-1) factor, as Stata's ``vce(cluster)``."""

    name = "cluster"
    label = "cluster-robust"
    needs_groups = True

    def matrix(self, data: ModelData, B: np.ndarray, bread: np.ndarray) -> np.ndarray:
        G = data.n_clusters
        if G == 0:  # data without cluster identifiers
            self.check_groups(None)
        return _sandwich(
            data,
            bread,
            lambda project: data.score_meat(B, cluster=True, project=project),
            G / (G - 1),
            label=self.label,
        )

    def block(
        self, data: ModelData, B: np.ndarray, solved: np.ndarray, idx: np.ndarray
    ) -> np.ndarray:
        G = data.n_clusters
        if G == 0:
            self.check_groups(None)
        return _symmetric(data.score_meat(B, cluster=True, project=solved) * (G / (G - 1)))

    linearises = True

    def linearised(
        self, data: InMemoryData, B: np.ndarray, project: np.ndarray, extra: np.ndarray
    ) -> np.ndarray:
        G = data.n_clusters
        meat = data.score_meat(B, cluster=True, project=project, extra=extra)
        return _symmetric(meat * (G / (G - 1)))

    def describe(self, data: ModelData) -> str:
        return f"cluster-robust ({data.n_clusters} clusters)"

    def rank_bound(self, data: ModelData) -> int | None:
        # the meat sums G cluster scores, which add up to zero at the maximum: rank G - 1
        return data.n_clusters - 1

    def rank_reason(self, data: ModelData) -> tuple[str, str]:
        return (
            "the clusters less one",
            "Test fewer coefficients at once, or fit with more clusters.",
        )

    def units(self, data: ModelData) -> tuple[np.ndarray | None, str] | None:
        if data.groups is None:
            return None
        return (data.groups if data.in_memory else None), "cluster"


class Design(Covariance):
    """Design-based (Taylor-linearised) covariance of a survey design, as R's survey package
    computes it for ``svyglm`` and Stata's ``svy:`` prefix.

    Notes
    -----
    With A the weighted information at the pseudo-maximum-likelihood estimate and u_i a row's
    score, the influence function of row i is h_i = w_i A^-1 u_i. Summed within PSUs
    (t_hj = sum of h_i over PSU j of stratum h) and centred within strata,

        V = sum_h (1 - f_h) n_h / (n_h - 1) sum_j (t_hj - tbar_h)(t_hj - tbar_h)'

    with n_h the stratum's PSUs and f_h its sampling fraction (0 without fpc). A stratum with
    one PSU fails, or with ``lonely_psu="adjust"`` contributes (1 - f_h) t t' (centred at
    zero), with "certainty" or "remove" nothing. Rows outside a subpopulation have h_i = 0
    but their PSUs count in n_h. The design degrees of freedom, #PSU - #strata, are those of
    the t statistics and the adjusted Wald F.
    """

    name = "design"
    label = "design-based (linearised)"
    needs_design = True
    likelihood_valid = False  # a pseudo-likelihood: weights are not counts
    working_lr = True

    def matrix(self, data: ModelData, B: np.ndarray, bread: np.ndarray) -> np.ndarray:
        return _sandwich(
            data, bread, lambda project: self._meat(data, B, project), label=self.label
        )

    def block(
        self, data: ModelData, B: np.ndarray, solved: np.ndarray, idx: np.ndarray
    ) -> np.ndarray:
        return _symmetric(self._meat(data, B, solved))

    linearises = True

    def linearised(
        self, data: InMemoryData, B: np.ndarray, project: np.ndarray, extra: np.ndarray
    ) -> np.ndarray:
        info = data.design
        sums = data.design_meat(B, info.scale(), project, extra)
        return _symmetric(self._centred(info, *sums))

    @staticmethod
    def _meat(data: ModelData, B: np.ndarray, project: np.ndarray | None = None) -> np.ndarray:
        info = data.design
        return Design._centred(info, *data.design_meat(B, info.scale(), project))

    @staticmethod
    def _centred(info: DesignInfo, cross: np.ndarray, sums: np.ndarray) -> np.ndarray:
        """sum_h c_h (sum_j t_j t_j' - S_h S_h' / n_h) from :meth:`ModelData.design_meat`'s
        sums (the strata not centred keep their uncentred products)."""
        scale, centred = info.scale(), info.centred()
        S = sums[centred]
        return cross - (S * (scale[centred] / info.n_psu[centred])[:, None]).T @ S

    def describe(self, data: ModelData) -> str:
        return f"linearised ({data.design.describe()})"

    def units(self, data: ModelData) -> tuple[np.ndarray | None, str] | None:
        if not data.in_memory:
            return (None, "PSU") if data.design is not None and data.design.clustered else None
        psu = getattr(data, "psu", None)
        return None if psu is None else (psu, "PSU")

    def df(self, data: ModelData) -> float | None:
        return float(data.design.df)

    def rank_bound(self, data: ModelData) -> int | None:
        return data.design.rank_bound()

    def rank_reason(self, data: ModelData) -> tuple[str, str]:
        info = data.design
        census = info.left_out()
        m = int(info.domain_psus[~census].sum())
        if m == 0 and (info.fraction[info.domain_psus > 0] < 1.0).any():
            return (  # in lonely strata left out of the variance, as R's options do
                "every row of the fit lies in a stratum of a single PSU, which "
                f"lonely_psu={info.lonely_psu!r} leaves out of the variance",
                "Such PSUs count as sampled with certainty: use lonely_psu='adjust' for a "
                "variance of them, or merge their strata with others.",
            )
        if m == 0:
            return (
                "every row of the fit lies in a stratum sampled in full: its fpc says every "
                "PSU of its population was sampled, so it has no sampling variance",
                "A census has no sampling variance: its estimates are the population's values.",
            )
        why = f"it sums the totals of the {m} PSU{'s' if m != 1 else ''} holding rows of the fit"
        if (info.domain_psus[census] > 0).any():
            why += " in strata that add to the variance"
        return (
            why + ", centred within strata",
            "Test fewer coefficients at once, or fit on rows that span more PSUs (a "
            "subpopulation in a few PSUs supports few joint tests).",
        )


def _symmetric(A: np.ndarray) -> np.ndarray:
    return (A + A.T) / 2


def _sandwich(
    data: ModelData,
    bread: np.ndarray,
    meat: Callable[[np.ndarray | None], np.ndarray],
    factor: float = 1.0,
    *,
    label: str,
) -> np.ndarray:
    """A^-1 M A^-1 (times ``factor``) from ``meat(project)``, the meat of the scores projected
    on ``project`` (None: as they are).

    Rows in memory have their scores projected on the bread first, sum (A^-1 g)(A^-1 g)':
    beside a column far from zero (x + 3e4) the products of A^-1 M A^-1 cancelled, and a
    cluster-robust Wald test of every slope was 96.313 where the same data with x centred
    give 96.417; and the projected scores' squares are of the covariance's own size, where M
    squares cluster totals past the float range with frequency weights near it (1e299).
    Partitions (Dask) are projected on the bread too; where that passes the float range,
    on a diagonal projection: D M D, D powers of two near the model-based standard errors,
    whose squares stay in range where M's underflowed (rows weighted 1e-200) or overflowed
    (cluster totals of weights near 1e295); where even it passes the float range, a
    :class:`DataError` says why.
    """
    if not data.in_memory:
        # projected on the bread as the rows in memory are: beside x + 1e6 the products of
        # D^-1 A^-1 D M D A^-1 D^-1 cancelled, and cluster-robust standard errors were 3e-4
        # (relative) from these
        with np.errstate(over="ignore", invalid="ignore"):
            V = meat(bread)
        if np.isfinite(V).all():
            return _symmetric(V * factor)
        # Partitions give the meat of each coefficient's scores times D (powers of two near
        # its model-based standard error), D M D: scores of rows weighted 1e-200 for one
        # outcome's equation had their squares underflow to 0 as they were, and its standard
        # errors came out at half the in-memory ones (0.091 where they are 0.176)
        D = _units(bread)
        with np.errstate(over="ignore", invalid="ignore"):
            M = meat(np.diag(D))
        if not np.isfinite(M).all():
            raise _meat_past_range(data, label)
        scaled = bread / D[None, :]
        return _symmetric(scaled @ M @ scaled.T * factor)
    with np.errstate(over="ignore", invalid="ignore"):
        V = meat(bread)
    if not np.isfinite(V).all():
        raise _bread_past_range(data, bread, label)
    return _symmetric(V * factor)


def _bread_past_range(data: ModelData, bread: np.ndarray, label: str) -> DataError:
    """What to say when the rows' scores projected on the bread pass the float range: the
    bread of an outcome whose rows weigh 1e-320 beside ones is past 1e308 (a weight that
    small has lost most of its digits too), and the sandwich's products of it were NaN."""
    largest = float(np.abs(np.diag(bread)).max())
    shown = f"{largest:.3g}" if np.isfinite(largest) else "past the largest float"
    w = np.asarray(data.w)
    why = (
        f"the weights run from {data.weight_unit:.3g} to {float(w.max()):.3g}, and the "
        "information of rows weighing that little beside the others is below the float range"
        if data.weighted
        else "the information of some coefficient is below the float range"
    )
    return DataError(
        f"the {label} covariance cannot be computed: its bread (the inverse information) "
        f"reaches {shown}, and the scores projected on it pass the largest float (about "
        f"1.8e308): {why}. Give the lightest rows weight 0, merge the outcome or level they "
        "hold with another, or fit without them"
    )


def _units(bread: np.ndarray) -> np.ndarray:
    """Powers of two near the square roots of the bread's diagonal (1 where it is not a
    positive finite number)."""
    d = np.diag(bread)
    ok = np.isfinite(d) & (d > 0)
    return np.where(ok, np.exp2(np.round(np.log2(np.where(ok, d, 1.0)) / 2)), 1.0)


def _meat_past_range(data: ModelData, label: str) -> DataError:
    """What to do when the meat summed over partitions is not finite: the scores' squares
    are summed there in the weights' units, where the rows in memory are projected first."""
    where = (
        "a dask fit sums the scores' squares over its partitions as they are (a fit in "
        "memory projects each row's scores first and needs no such range)"
    )
    total = data.sum_weights
    # columns of 1e144 at most (refused beyond), sampling weights of a mean below 2^32:
    # only about 1e19 rows get here
    if not (data.weighted and data.weight_type.counts_rows):
        return DataError(
            f"the {label} covariance cannot be computed: the scores' squares, summed over "
            f"{data.n_rows} rows, pass the largest float (about 1.8e308); {where}. Rescale "
            "the columns to units nearer 1, or fit in memory (ddf.compute())"
        )
    power = max(1, int(np.ceil(np.log10(total))) - 12)  # a total near 1e12 after it
    return DataError(
        f"the {label} covariance cannot be computed: the frequency weights, summing to "
        f"{total:.3g}, put the scores' squares past the largest float (about 1.8e308); "
        f"{where}. Rescale the weights: frequency weights that large are not counts of rows "
        f"anyway; divide them by a constant and round them (e.g. (w / 1e{power}).round(), "
        "whole numbers still), which leaves the coefficients and the cluster-robust "
        "covariance as they are and multiplies the robust one by that constant. Or fit in "
        "memory (ddf.compute())"
    )


# what cov_type= selects; the design-based covariance comes with survey data instead
COVARIANCES: dict[str, Covariance] = {c.name: c for c in (ModelBased(), Robust(), Cluster())}
DESIGN = Design()
_BY_NAME: dict[str, Covariance] = {**COVARIANCES, DESIGN.name: DESIGN}


def lookup_covariance(cov_type: str) -> Covariance:
    """The covariance estimator named ``cov_type``, or an :class:`OptionError` listing them.

    Examples
    --------
    >>> lookup_covariance("robust").label
    'robust (HC0)'
    """
    try:
        return lookup_option("cov_type", cov_type, COVARIANCES)
    except OptionError as exc:
        hint = other_name_hint(cov_type)
        if hint is None:
            raise
        raise OptionError(f"{exc}: {hint}") from None


def covariance_named(name: str) -> Covariance:
    """Any covariance estimator by its name, the design-based one included (for results
    objects, which record the name of the covariance they were fitted with)."""
    return lookup_option("cov_type", name, _BY_NAME)


class _Default(str):
    """The default ``cov_type``: model-based, or design-based for survey data. It reads as
    ``"nonrobust"``, but is told apart from that value given explicitly, which survey data
    refuse."""

    __slots__ = ()


DEFAULT_COV_TYPE: str = _Default("nonrobust")


def resolve_covariance(cov_type: str, *, survey: bool, groups: bool = False) -> Covariance:
    """The covariance a fit uses: ``cov_type`` (by default model-based, or design-based for
    survey data), refused where it does not apply.

    Survey data (probability weights or a design) take the design-based covariance only:
    the inverse information treats the weights as counts of independent rows, which they
    are not. A model given clusters (``groups``) takes no default: the model-based
    covariance would set them aside without a word, and standard errors that look
    cluster-robust would not be.

    Examples
    --------
    >>> resolve_covariance(DEFAULT_COV_TYPE, survey=True).name
    'design'
    """
    if cov_type is DEFAULT_COV_TYPE:
        if groups and not survey:
            raise OptionError(
                "this model has clusters (groups=), which only cov_type='cluster' uses, and "
                "cov_type was not given: pass cov_type='cluster' for cluster-robust standard "
                "errors, or cov_type='nonrobust' or 'robust' to set the clusters aside"
            )
        return DESIGN if survey else COVARIANCES["nonrobust"]
    if isinstance(cov_type, str) and cov_type == DESIGN.name:
        covariance: Covariance = DESIGN
    else:
        try:
            covariance = lookup_covariance(cov_type)
        except OptionError as exc:
            raise design_spelling(exc, cov_type, survey) from None
    if survey and not covariance.needs_design:
        raise OptionError(
            f"cov_type={cov_type!r} does not apply to probability weights or a survey design: "
            "the weights are not counts of independent rows, so only the design-based "
            "(linearised) covariance is valid; leave cov_type unset (or 'design') and give "
            "the clusters as design=mnlogit.SurveyDesign(psu=...)"
        )
    if covariance.needs_design and not survey:
        raise OptionError(
            "cov_type='design' needs a survey design: pass weight_type='probability' or "
            "design=mnlogit.SurveyDesign(...)"
        )
    return covariance
