"""The classifier's options checked in its own terms: the covariances it can give (it takes
no clusters, and its sample weights decide between model- and design-based ones) and the
method, penalty and C, before any work on the data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from ._checks import WEIGHT_TYPES, check_option
from ._methods import METHODS, resolve_method
from .covariance import DEFAULT_COV_TYPE, other_name_hint, resolve_covariance
from .exceptions import EstimationError, MNLogitError, OptionError, RankError

__all__ = [
    "CLASSIFIER_COV_TYPES",
    "check_covariance",
    "check_method",
    "firth_design_in_classifier_words",
    "in_classifier_words",
    "speak_of_arguments",
    "speak_of_formula",
]

# mnlogit.fit's advice for R's '.', written out with the data's columns as a whole formula
_EVERY_OTHER = re.compile(r"e\.g\. .+? ~ (.*) \(R's '\.' also takes a weights or groups column\)")
_CLUSTERS = re.compile(r"drop the term and fit with (cov_type='cluster', groups=.+)$")


def check_method(method: str, penalty: str | None, C: float) -> None:
    """Refuse a method, penalty or C that :func:`mnlogit.fit` refuses, before the data are
    read; a C without a penalty, which a grid of penalty x C gives, says how to grid them."""
    try:
        resolve_method(method, penalty, C)
    except OptionError as exc:
        solver = METHODS.get(method) if isinstance(method, str) else None
        if solver is not None and not solver.takes_penalty:  # a grid of method x penalty or C
            raise OptionError(
                f"{exc} (in a grid search, give method={method!r} a grid of its own: "
                f"[{{'method': [{method!r}]}}, {{'penalty': ['l2'], 'C': [...]}}])"
            ) from None
        if penalty is None and "has no effect without one" in str(exc):
            raise OptionError(
                f"{exc} (in a grid search, give penalty=None a grid of its own: "
                "[{'penalty': [None]}, {'penalty': ['l2'], 'C': [...]}])"
            ) from None
        raise


# what cov_type takes in the classifier: no clusters (no groups=); "design" with probability
# weights only, which None also chooses for them
CLASSIFIER_COV_TYPES = (None, "nonrobust", "robust", "design")


# other packages' names of the covariances are answered as mnlogit.fit answers them (the
# classifier listed its own names only), but in its terms: it takes no clusters, and its
# design-based covariance is that of probability weights
_CLASSIFIER_COV_NAMES = {
    **{
        f"hc{k}": f"HC{k}'s small-sample correction is not offered; cov_type='robust' is the "
        "HC0 sandwich (probability weights, weight_type='probability', have the "
        "design-based one, which scales it by n/(n-1) as Stata's vce(robust) does)"
        for k in (1, 2, 3)
    },
    **dict.fromkeys(
        ("design-based", "linearized", "linearised", "taylor", "svy", "survey"),
        "the design-based (linearised) covariance is cov_type='design', of probability "
        "weights (weight_type='probability'), which cov_type=None chooses for them",
    ),
}
_CLUSTER_NAMES = ("cluster", "clustered", "clusters", "vce(cluster)")


def _check_cov_name(cov_type: Any) -> None:
    """Refuse a ``cov_type`` the classifier does not take, saying which one another
    package's name (statsmodels' 'HC0', Stata's 'linearized') is."""
    key = cov_type.strip().lower() if isinstance(cov_type, str) else None
    if key in _CLUSTER_NAMES:
        raise OptionError(
            f"cov_type={cov_type!r} needs the clusters (groups=), which are no parameter of "
            "the classifier: fit the same data with mnlogit.MNLogit(y, X1, groups=g).fit("
            "cov_type='cluster'), X1 being X with a column of ones first for the intercept the "
            "classifier adds (MNLogit adds none; X itself with fit_intercept=False), or "
            "mnlogit.fit(formula, df, cov_type='cluster', groups=...)"
        )
    try:
        check_option("cov_type", cov_type, CLASSIFIER_COV_TYPES)
    except OptionError as exc:
        hint = _CLASSIFIER_COV_NAMES.get(key or "") or other_name_hint(cov_type)
        if hint is None:
            raise
        raise OptionError(f"{exc}: {hint}") from None


def check_covariance(
    cov_type: str | None, weights: np.ndarray | None, kind: str, weight_type: str | None
) -> None:
    """Refuse a covariance the weights do not allow, in the classifier's terms: weights
    that are not whole numbers were taken as probability weights (see Notes), and the
    advice of :func:`mnlogit.fit` (a survey design) is no parameter of the classifier."""
    _check_cov_name(cov_type)
    design_based = WEIGHT_TYPES[kind].design_based
    if cov_type == "design" and not design_based:
        raise OptionError(
            "cov_type='design' is the covariance of probability weights: pass sample_weight "
            "with weight_type='probability' (leaving cov_type=None chooses it for them)"
        )
    cov = DEFAULT_COV_TYPE if cov_type is None else cov_type
    try:
        resolve_covariance(cov, survey=design_based)
    except OptionError:
        if weights is None or not design_based:
            raise
        why, instead = _probability_weights(weights, weight_type)
        raise OptionError(
            f"cov_type={cov_type!r} does not apply to these sample weights: {why}, "
            "whose covariance is design-based (each row its own PSU: the sandwich of "
            f"cov_type='robust' with the factor n/(n-1)). Leave cov_type=None, {instead}"
        ) from None


def _probability_weights(weights: np.ndarray, weight_type: str | None) -> tuple[str, str]:
    """Why the classifier took ``weights`` as probability weights, and the way to frequency
    weights instead."""
    if weight_type is not None:
        return (
            f"weight_type={weight_type!r}",
            "or weight_type='frequency' if the weights count repeated rows",
        )
    fractional = weights[weights != np.round(weights)]
    why = (
        f"they are not whole numbers (e.g. {fractional[0]:g}), so they are taken as "
        "probability weights"
        if len(fractional)
        else f"they reach {np.abs(weights).max():g}, past 2^53, where every number "
        "is whole, so they are taken as probability weights"
    )
    return why, "or, if the weights count repeated rows, pass whole numbers"


_SEPARATED = re.compile(r"the data are [\w-]+ separated \(terms [^)]*\)")


@contextmanager
def firth_design_in_classifier_words(
    cov_type: str | None, weights: np.ndarray | None, kind: str, weight_type: str | None
) -> Iterator[None]:
    """Word the refusal of a Firth fit's design-based covariance on separated data in the
    classifier's terms. With cov_type=None the classifier chose that covariance for sample
    weights it took as probability weights (balanced class weights, a boosting round's), so
    the refusal quoted cov_type='design', never given, and advised merging levels, where
    penalty='l2' fits such weights, as LogisticRegression does."""
    try:
        yield
    except EstimationError as exc:
        found = _SEPARATED.search(str(exc))
        chosen = cov_type is None and WEIGHT_TYPES[kind].design_based
        if weights is None or found is None or not chosen:
            raise
        if not str(exc).startswith("cov_type='design'"):
            raise
        why, instead = _probability_weights(weights, weight_type)
        exc.args = (
            f"method='firth' with these sample weights: {why}, whose covariance (that of "
            f"results_) is design-based, and {found.group(0)}: Firth's estimates exist there "
            "only through its penalty, and a sandwich of the row scores, which vanish along "
            "the separating direction, would understate their variance. penalty='l2' gives "
            f"finite estimates with any sample weights, as LogisticRegression does; {instead} "
            "(frequency weights, whose model-based covariance Firth's fit has)",
            *exc.args[1:],
        )
        raise


def speak_of_formula(exc: MNLogitError, model_formula: str, formula: str, added: str) -> None:
    """Word a refusal of the model's formula (``model_formula``, the outcome's name, ``~``
    and the classifier's ``formula`` with ``added``, `` - 1`` or nothing) in the classifier's
    terms, in place: it quoted a formula the user never wrote ('y ~ .'), and advised a whole
    formula ('e.g. y ~ x0 + x1'), which ``formula=`` refuses, or clusters, which the
    classifier takes none of."""
    text = str(exc)
    quoted = f"formula {model_formula!r}"
    if not text.startswith(quoted):
        return
    text = f"formula={formula!r}{text.removeprefix(quoted)}"

    def right_hand_side(found: re.Match[str]) -> str:
        rhs = found.group(1)
        return f"e.g. formula={(rhs.removesuffix(added) if added else rhs).strip()!r}"

    text = _EVERY_OTHER.sub(right_hand_side, text)
    text = _CLUSTERS.sub(
        r"drop the term; the classifier takes no clusters: fit the same data with "
        r"mnlogit.fit(formula, df, \1)",
        text,
    )
    exc.args = (text, *exc.args[1:])


# a DataFrame df in the advice of mnlogit.fit's refusals: df['g'] = df['g'].str..., df.rename
_DF = re.compile(r"\bdf(?=[\[.])")


def speak_of_arguments(exc: MNLogitError, outcome: str) -> None:
    """Word the advice of a refusal of the model's data in the classifier's arguments, in
    place: it told to clean ``df['y']`` (``outcome``, the labels, no column of any df; as
    ``df['y'].cat.remove_categories`` of the Categorical the classifier makes of them) and
    ``df['g']`` for a column of X. A formula's columns refused as collinear or 0 on every row
    get the way out X's have: a column 0 on the rows of a cross-validation's training fold
    (a rare level's indicator) cannot be dropped from that fold's formula alone, and
    ``penalty='l2'`` fits them, as ``LogisticRegression`` does."""
    text = in_classifier_words(str(exc), outcome)
    if isinstance(exc, RankError) and text.endswith(" from the formula"):
        if text.endswith("are 0 on every row: drop them from the formula"):
            text += (
                " (0 on the rows fitted, as a rare level's indicator is on a cross-validation "
                "training fold without that level)"
            )
        text += ", or fit them with penalty='l2', as LogisticRegression does"
    exc.args = (text, *exc.args[1:])


def in_classifier_words(text: str, outcome: str) -> str:
    """A refusal's or warning's ``text`` with its advice in the classifier's arguments (see
    :func:`speak_of_arguments`)."""
    text = text.replace(f"df[{outcome!r}] = df[{outcome!r}]", "y = pd.Series(y)")
    return _DF.sub("X", text)
