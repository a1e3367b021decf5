"""Other programs' and the textbooks' names for the covariance types (statsmodels' 'HC0',
Stata's 'vce(cluster id)', 'linearized'), answered with the ``cov_type=`` that gives them:
what :mod:`mnlogit.covariance`'s refusals, the command line and the classifier say."""

from __future__ import annotations

import re
from typing import Any

from ._other_options import STATA_ROBUST
from .exceptions import OptionError

__all__ = ["design_spelling", "other_name_hint"]


# other packages' names for these covariances (statsmodels' 'HC0', Stata's 'vce(cluster)')
_OTHER_NAMES = {
    "hc0": "statsmodels' HC0 is cov_type='robust' here",
    **{
        f"hc{k}": f"HC{k}'s small-sample correction is not offered; cov_type='robust' is the "
        "HC0 sandwich (cov_type='cluster' with each row its own group scales it by n/(n-1), "
        "as Stata's vce(robust) does)"
        for k in (1, 2, 3)
    },
    **dict.fromkeys(("clustered", "clusters", "vce(cluster)"), "write cov_type='cluster'"),
    **dict.fromkeys(("oim", "model", "model-based", "classic"), "write cov_type='nonrobust'"),
    **dict.fromkeys(("sandwich", "huber", "white"), "write cov_type='robust'"),
    "vce(robust)": STATA_ROBUST,
    # pyfixest's and fixest's names (vcov='hetero', 'iid', 'CRV1'; CRV3 is a jackknife)
    "hetero": "pyfixest's 'hetero' (HC1) is closest to cov_type='robust' (HC0) here; "
    + STATA_ROBUST,
    "iid": "write cov_type='nonrobust'",
    "crv1": "pyfixest's CRV1 is closest to cov_type='cluster' with groups= here (scaled by "
    "G/(G-1) only, as Stata's maximum-likelihood commands)",
    # Stata's vce() of other kinds, which no package fits here
    **dict.fromkeys(
        ("opg", "bootstrap", "jackknife", "crv3", "vce(bootstrap)", "vce(jackknife)"),
        "outer-product, bootstrap and jackknife covariances are not offered; cov_type= is "
        "'nonrobust' (the inverse information, Stata's oim), 'robust' or 'cluster'",
    ),
}


def other_name_hint(cov_type: Any) -> str | None:
    """Which covariance another package's name for it (statsmodels' 'HC0', 'sandwich') is
    here, or None for a name of no other package.

    Examples
    --------
    >>> other_name_hint("vce(cluster school)")
    "write cov_type='cluster', groups='school'"
    """
    if not isinstance(cov_type, str):
        return None
    # Stata's vce(cluster id) names the clusters' column too, written with or without vce()
    clustered = re.fullmatch(
        r"vce\(\s*cl(?:uster)?\s+([^\s()]+)\s*\)|cl(?:uster)?\s+([^\s()]+)", cov_type.strip()
    )
    if clustered:
        return f"write cov_type='cluster', groups={clustered[1] or clustered[2]!r}"
    return _OTHER_NAMES.get(cov_type.strip().lower())


# Stata's, R's and the textbooks' names for the design-based covariance
_DESIGN_NAMES = frozenset(
    {"design", "design-based", "linearized", "linearised", "linearization", "linearisation"}
    | {"taylor", "svy", "survey", "vce(linearized)"}
)


def design_spelling(exc: OptionError, cov_type: Any, survey: bool) -> OptionError:
    """The refusal of a ``cov_type`` that names no covariance: the list of the others said
    nothing of 'design', the only one a survey fit takes, and Stata's 'linearized' (or
    'Design') got that list."""
    key = cov_type.strip().lower() if isinstance(cov_type, str) else None
    if key in _DESIGN_NAMES:
        what = (
            "the default of a survey fit: leave cov_type unset"
            if survey
            else "which needs a survey design (weight_type='probability' or design=...)"
        )
        return OptionError(
            f"cov_type={cov_type!r}: the design-based (linearised) covariance is "
            f"cov_type='design', {what}"
        )
    if survey:
        return OptionError(
            f"cov_type={cov_type!r}: a survey fit (probability weights or a design) takes "
            "only the design-based (linearised) covariance, cov_type='design', its default: "
            "leave cov_type unset"
        )
    return exc
