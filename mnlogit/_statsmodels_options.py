"""statsmodels' names for the options of a fit (``MNLogit(endog, exog)``, ``fit(disp=0,
method='bfgs', start_params=...)``, ``get_margeff(count=True)``, ``wald_test(scalar=True)``),
answered with what to write here: the part of :data:`mnlogit._other_options.OTHER_OPTIONS`
a statsmodels user meets first, where the entry points' own error only listed the options
they take. Also the names of the entry points that table is keyed by, and statsmodels'
optimisers, which ``method=`` answers (:func:`optimiser_hint`)."""

from __future__ import annotations

from typing import Any

from ._other_prediction_options import MARGINAL_EFFECTS

__all__ = [
    "FIT",
    "MODEL",
    "MODEL_FIT",
    "STATSMODELS_OPTIONS",
    "WALD_TEST",
    "optimiser_hint",
]

FIT = "fit"  # mnlogit.fit(formula, data, ...)
MODEL_FIT = "MNLogit.fit"  # mnlogit.MNLogit(y, X, ...).fit(...)
MODEL = "MNLogit.__init__"  # mnlogit.MNLogit(y, X, ...)
WALD_TEST = "AnalysesMixin.wald_test"  # res.wald_test(...)

_PRINTS = "the fit prints nothing unless verbose=True (which shows its iterations): leave {0} out"
_KEPT = (
    "the fit's convergence is res.converged and res.n_iter, and verbose=True shows its "
    "iterations: leave {0} out"
)
_START = (
    "every fit starts from the intercept-only fit (zero without an intercept) and goes to "
    "the maximum of the likelihood: leave start_params out"
)


def _both(hint: str) -> dict[str, str]:
    return {FIT: hint, MODEL_FIT: hint}


STATSMODELS_OPTIONS: dict[str, dict[str, str]] = {
    "disp": _both(_PRINTS.format("disp")),
    **{name: _both(_KEPT.format(name)) for name in ("full_output", "retall", "callback")},
    "start_params": _both(_START),
    "maxiter": _both("the iteration limit is max_iter="),
    "endog": {MODEL: "statsmodels' endog is y: MNLogit(y, X)"},
    "exog": {
        MODEL: (
            "statsmodels' exog is X: MNLogit(y, X), X with its column of ones for an "
            "intercept (sm.add_constant(X)), as statsmodels takes it"
        )
    },
    "cov_kwds": {MODEL: "clusters are groups= here, beside MNLogit(y, X).fit(cov_type='cluster')"},
    "hasconst": {
        MODEL: "the intercept is X's column of ones (sm.add_constant(X)): leave hasconst out"
    },
    "use_t": _both(
        "z statistics on the normal are given, statsmodels' default for MNLogit: leave use_t out"
    ),
    "scalar": {
        WALD_TEST: "the statistic is a number, res.wald_test(...).statistic: leave scalar out"
    },
    "count": {
        MARGINAL_EFFECTS: (
            "a count's effect is its derivative, dP/dx (statsmodels' count False); the change "
            "of one unit from each row's own value (statsmodels' count True) is not offered: "
            "margins at two values and their difference are "
            "res.margins(at={'k': [2, 3]}).contrast('k')"
        )
    },
}

# scipy's optimisers, which statsmodels' fit(method=...) takes beside 'newton'
_OPTIMISERS = frozenset(
    {"bfgs", "lbfgs", "nm", "powell", "cg", "ncg", "basinhopping", "minimize", "irls"}
)


def optimiser_hint(method: Any) -> str | None:
    """What ``method=`` answers to one of statsmodels' optimisers (``'bfgs'``), or None.

    Examples
    --------
    >>> optimiser_hint("bfgs")[:46]
    "statsmodels' optimiser 'bfgs' is not offered: "
    """
    if not isinstance(method, str) or method.strip().lower() not in _OPTIMISERS:
        return None
    return (
        f"statsmodels' optimiser {method!r} is not offered: maximum likelihood is "
        "method='newton' (Fisher scoring, which steps to the same maximum and checks it "
        "converged); leave method out"
    )
