"""What the entry points answer to a keyword argument they do not take: R's or Stata's name
for one of their options, an option the other entry point takes, or the option spelled
alike (:func:`answering_other_options`), where Python's error names only the argument.

:func:`mnlogit.fit` takes the data's options (weights, groups, design, ...) beside the fit's;
:meth:`mnlogit.MNLogit.fit` only the fit's, the model taking the others when it is built. So
each hint is written for each entry point, under the decorated function's qualified name.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, cast

from .exceptions import InputTypeError

__all__ = ["OTHER_OPTIONS", "answering_other_options"]

FIT = "fit"  # mnlogit.fit(formula, data, ...)
MODEL_FIT = "MNLogit.fit"  # mnlogit.MNLogit(y, X, ...).fit(...)

# where MNLogit.fit's hints send options of the data: the model is built with them
_MODEL = "MNLogit(y, X, {0}) or MNLogit.from_formula(formula, df, {0})"
_REF = "the reference outcome is ref= (a fit's res.with_ref(level) changes it without refitting)"
_MODEL_REF = (
    f"the reference outcome is the model's: {_MODEL.format('ref=...')} (a fit's "
    "res.with_ref(level) changes it without refitting)"
)


def _both(hint: str) -> dict[str, str]:
    return {FIT: hint, MODEL_FIT: hint}


def _model_option(name: str, value: str = "...") -> dict[str, str]:
    """The hint for an option of the data, which MNLogit.fit leaves to the model."""
    return {MODEL_FIT: f"{name}= is the model's: {_MODEL.format(f'{name}={value}')}"}


# What R (glm, nnet::multinom, survey::svyglm) and Stata (mlogit, svy) call options that the
# entry points name otherwise or have elsewhere, and the options of fit() that MNLogit takes
# when it is built; by entry point
OTHER_OPTIONS: dict[str, dict[str, str]] = {
    "subset": {
        FIT: (
            "for survey data, subpop= estimates for a subpopulation with the whole design in "
            "the variance (R's subset(design, ...), Stata's svy, subpop()); otherwise fit the "
            "rows themselves: mnlogit.fit(formula, df[df.x == 1], ...)"
        ),
        MODEL_FIT: (
            "for survey data, the model's subpop= estimates for a subpopulation with the whole "
            "design in the variance (R's subset(design, ...), Stata's svy, subpop()): "
            f"{_MODEL.format('design=..., subpop=...')}; otherwise build the model on the rows "
            "themselves: MNLogit.from_formula(formula, df[df.x == 1], ...)"
        ),
    },
    "weight": {
        FIT: "the weights are weights=",
        MODEL_FIT: f"the weights are the model's: {_MODEL.format('weights=...')}",
    },
    "pweight": {
        FIT: "sampling weights are weights=..., weight_type='probability', or a design=",
        MODEL_FIT: (
            "sampling weights are the model's: "
            + _MODEL.format("weights=..., weight_type='probability'")
            + ", or its design="
        ),
    },
    "family": _both("the multinomial logit takes no family"),
    "vce": {
        FIT: "the covariance is cov_type= ('robust', or 'cluster' with groups=)",
        MODEL_FIT: (
            "the covariance is cov_type= ('robust', or 'cluster' with the model's groups=: "
            f"{_MODEL.format('groups=...')})"
        ),
    },
    "cluster": {
        FIT: "clusters are cov_type='cluster', groups='column' (a survey design's: psu=)",
        MODEL_FIT: (
            "clusters are cov_type='cluster' with the model's groups=: "
            f"{_MODEL.format('groups=...')} (a survey design's: psu=)"
        ),
    },
    "baseoutcome": {FIT: _REF, MODEL_FIT: _MODEL_REF},
    "base": {FIT: _REF, MODEL_FIT: _MODEL_REF},
    "reference": {FIT: _REF, MODEL_FIT: _MODEL_REF},
    "na_action": {
        FIT: "missing='drop' is R's na.omit, missing='raise' its na.fail",
        MODEL_FIT: (
            "missing values are dealt with when the model is built: "
            "MNLogit.from_formula(formula, df, missing='drop') is R's na.omit, "
            "missing='raise' its na.fail; MNLogit(y, X) refuses them"
        ),
    },
    "maxit": _both("the iteration limit is max_iter="),
    "rrr": _both("relative-risk ratios are res.odds_ratios() and res.summary(odds_ratios=True)"),
    "level": _both(
        "intervals take alpha= (the error rate: alpha=0.05 for 95%) in summary(), conf_int()"
    ),
    # fit()'s options of the data, which MNLogit takes when it is built
    "ref": _model_option("ref"),
    "weights": _model_option("weights"),
    "groups": _model_option("groups"),
    "weight_type": _model_option("weight_type", "'probability'"),
    "design": _model_option("design"),
    "subpop": _model_option("subpop"),
    "missing": {
        MODEL_FIT: (
            "missing= is the model's: MNLogit.from_formula(formula, df, missing='raise'); "
            "MNLogit(y, X) refuses missing values"
        )
    },
    "safe_formula": {
        MODEL_FIT: (
            "the model's formula was evaluated when it was built: check one first with "
            "mnlogit.formula.check_formula_safe(formula), or fit it with "
            "mnlogit.fit(formula, df, safe_formula=True)"
        )
    },
}

# fit()'s options of the data, which MNLogit takes when it is built
_DATA = ("ref", "weights", "groups", "weight_type", "design", "subpop", "missing", "safe_formula")

_F = TypeVar("_F", bound=Callable[..., Any])


def answering_other_options(func: _F) -> _F:
    """``func`` refusing keyword arguments it does not take with what :data:`OTHER_OPTIONS`
    says of them for it (by its qualified name), or the option spelled alike; its signature
    and docstring stay its own."""
    parameters = inspect.signature(func).parameters
    taken = [name for name in parameters if name != "self"]
    accepted = frozenset(parameters)
    entry = func.__qualname__
    # a misspelt option of the data (weigths=) is matched to the name the hint is for
    elsewhere = {n: h[entry] for n, h in OTHER_OPTIONS.items() if n in _DATA and entry in h}

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        for name in kwargs:
            if name not in accepted:
                hint = OTHER_OPTIONS.get(name, {}).get(entry) or _spelt_alike(
                    name, taken, elsewhere
                )
                raise InputTypeError(
                    f"{entry}() got an unexpected keyword argument {name!r}; {hint}"
                )
        return func(*args, **kwargs)

    return cast(_F, checked)


def _spelt_alike(name: str, taken: list[str], elsewhere: dict[str, str]) -> str:
    close = difflib.get_close_matches(name, [*taken, *elsewhere], n=1)
    if not close:
        return f"it takes {', '.join(taken)}"
    return " ".join([f"did you mean {close[0]}=?", elsewhere.get(close[0], "")]).rstrip()
