"""What the entry points answer to a keyword argument they do not take: R's or Stata's name
for one of their options, an option the other entry point takes, a parameter of
scikit-learn's ``LogisticRegression`` that the classifier has not, or the option spelled
alike (:func:`answering_other_options`), where Python's error names only the argument; and
another package's name for a result's attribute (:data:`OTHER_ATTRIBUTES`).

:func:`mnlogit.fit` takes the data's options (weights, groups, design, ...) beside the fit's;
:meth:`mnlogit.MNLogit.fit` only the fit's, the model taking the others when it is built
(``MNLogit(y, X, ...)``, ``MNLogit.from_formula(formula, df, ...)``). So each hint is written
for each entry point, under the decorated function's qualified name.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable
from types import FunctionType
from typing import Any, TypeVar, cast

# the entry points of predictions and margins, keys of OTHER_OPTIONS as the others are here
from ._call_arity import refuse_wrong_arity
from ._other_attributes import OTHER_ATTRIBUTES
from ._other_prediction_options import (
    ALPHA,
    CONTRAST,
    FIGURES,
    MARGINAL_EFFECTS,
    MARGINS,
    MARGINS_FRAME,
    PLOT,
    PREDICT,
    PREDICTION_INTERVALS,
    PREDICTIONS_OPTIONS,
)
from ._other_test_options import ANOVA, LR_TEST, RES_LR_TEST, TEST_OPTIONS
from ._statsmodels_options import FIT, MODEL, MODEL_FIT, STATSMODELS_OPTIONS, WALD_TEST
from .exceptions import InputTypeError, checks_arguments_only

__all__ = [
    "CONTRAST",
    "FIGURES",
    "MARGINAL_EFFECTS",
    "MARGINS",
    "MARGINS_FRAME",
    "OTHER_ATTRIBUTES",
    "OTHER_OPTIONS",
    "PLOT",
    "PREDICT",
    "PREDICTION_INTERVALS",
    "RES_LR_TEST",
    "WALD_TEST",
    "answering_other_options",
    "other_option_hint",
]

FROM_FORMULA = "MNLogit.from_formula"  # mnlogit.MNLogit.from_formula(formula, df, ...)
SUMMARY = "RenderingMixin.summary"  # res.summary(...)
CONF_INT = "EstimatesMixin.conf_int"  # res.conf_int(...)

# where MNLogit.fit's hints send options of the data: the model is built with them
_MODEL = "MNLogit(y, X, {0}) or MNLogit.from_formula(formula, df, {0})"
_REF = "the reference outcome is ref= (a fit's res.with_ref(level) changes it without refitting)"
_MODEL_REF = (
    f"the reference outcome is the model's: {_MODEL.format('ref=...')} (a fit's "
    "res.with_ref(level) changes it without refitting)"
)
# VGAM's refLevel = is a position (default the last level): with codes 0, 1, 2, refLevel = 1 is 0
_BY_POSITION = (
    "; ref= takes the level itself, not VGAM's position (refLevel = 2 is the second level, "
    "and VGAM's default the last; without ref= the first level is the reference)"
)

# Stata's vce(robust) after mlogit is HC0 times n/(n-1); said wherever Stata's name for the
# robust covariance is answered with cov_type='robust', whose standard errors are smaller
STATA_ROBUST = (
    "cov_type='robust' is the HC0 sandwich, without the n/(n-1) factor of Stata's "
    "vce(robust): cov_type='cluster' with each row its own group has it (without frequency "
    "weights)"
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
        FIT: f"the covariance is cov_type= ('robust', or 'cluster' with groups=); {STATA_ROBUST}",
        MODEL_FIT: (
            "the covariance is cov_type= ('robust', or 'cluster' with the model's groups=: "
            f"{_MODEL.format('groups=...')}); {STATA_ROBUST}"
        ),
    },
    # statsmodels' fit(cov_type=..., cov_kwds={'groups': g}), pyfixest's vcov=, and the
    # standard errors asked as se= or cov= (compare's se= is what its table shows)
    **{
        name: {
            FIT: "the standard errors' covariance is cov_type= ('nonrobust', 'robust', or "
            "'cluster' with groups=)",
            MODEL_FIT: "the standard errors' covariance is cov_type= ('nonrobust', 'robust', or "
            f"'cluster' with the model's groups=: {_MODEL.format('groups=...')})",
        }
        for name in ("se", "cov", "covariance", "vcov", "std_errors")
    },
    "cov_kwds": {
        FIT: "clusters are groups='column' beside cov_type='cluster' (what statsmodels takes "
        "in cov_kwds)",
        MODEL_FIT: "clusters are the model's groups=, beside fit(cov_type='cluster'): "
        + _MODEL.format("groups=..."),
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
    "refLevel": {FIT: _REF + _BY_POSITION, MODEL_FIT: _MODEL_REF + _BY_POSITION},
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
    "robust": _both(f"robust standard errors are cov_type='robust'; {STATA_ROBUST}"),
    # R's glm(control = list(maxit = , epsilon = )), Stata's maximize options
    "control": _both("the fit's settings are arguments of their own: max_iter=, tol="),
    **{
        name: {
            FIT: (
                f"{name}= is a survey design's: design=mnlogit.SurveyDesign(weights=..., "
                f"{name}=...)"
            ),
            MODEL_FIT: (
                "a survey design is the model's: "
                + _MODEL.format(f"design=mnlogit.SurveyDesign({name}=...)")
            ),
        }
        for name in ("strata", "psu", "fpc", "lonely_psu")
    },
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
# and those of the estimation, which the model's fit() takes
_ESTIMATION = ("cov_type", "method", "max_iter", "tol", "threads", "verbose", "penalty", "C")

# how each constructor builds a model, for its hints
_BUILT = {MODEL: "MNLogit(y, X)", FROM_FORMULA: "MNLogit.from_formula(formula, df)"}


def _built(hint: str) -> dict[str, str]:
    """A hint for both constructors, ``{model}`` in it the call that builds the model."""
    return {entry: hint.format(model=call) for entry, call in _BUILT.items()}


_NO_MISSING = (
    "MNLogit(y, X) refuses missing values: drop those rows first, or build the model with "
    "MNLogit.from_formula(formula, df, missing='drop') (R's na.omit)"
)
_FROM_FORMULA = "a formula and a DataFrame build the model with MNLogit.from_formula(formula, df)"
_CONSTRUCTORS: dict[str, dict[str, str]] = {
    **{n: _built(f"{n}= is the fit's: {{model}}.fit({n}=...)") for n in _ESTIMATION},
    "maxit": _built("the iteration limit is the fit's max_iter=: {model}.fit(max_iter=...)"),
    "vce": _built(
        "the covariance is the fit's cov_type=: {model}.fit(cov_type='robust'), or "
        "cov_type='cluster' with groups= here; " + STATA_ROBUST
    ),
    "cluster": _built(
        "clusters are groups= here, with {model}.fit(cov_type='cluster') (a survey design's: psu=)"
    ),
    "weight": _built("the weights are weights="),
    "robust": _built(
        "robust standard errors are the fit's: {model}.fit(cov_type='robust'); " + STATA_ROBUST
    ),
    "control": _built("the fit's settings are its arguments: {model}.fit(max_iter=..., tol=...)"),
    **{
        name: _built(f"{name}= is a survey design's: design=mnlogit.SurveyDesign({name}=...)")
        for name in ("strata", "psu", "fpc", "lonely_psu")
    },
    "pweight": _built("sampling weights are weights=..., weight_type='probability', or a design="),
    **{n: _built(_REF) for n in ("baseoutcome", "base", "reference")},
    **{n: _built(OTHER_OPTIONS[n][FIT]) for n in ("family", "rrr", "level")},
    "subset": {
        MODEL: (
            "for survey data, subpop= estimates for a subpopulation with the whole design in "
            "the variance (R's subset(design, ...), Stata's svy, subpop()); otherwise build the "
            "model on the rows themselves: MNLogit(y[rows], X[rows])"
        ),
        FROM_FORMULA: OTHER_OPTIONS["subset"][MODEL_FIT].replace("the model's subpop=", "subpop="),
    },
    "na_action": {MODEL: _NO_MISSING, FROM_FORMULA: OTHER_OPTIONS["na_action"][FIT]},
    "missing": {MODEL: _NO_MISSING},
    "safe_formula": {
        FROM_FORMULA: (
            "from_formula evaluates the formula as given: check one first with "
            "mnlogit.formula.check_formula_safe(formula), or fit it with "
            "mnlogit.fit(formula, df, safe_formula=True)"
        )
    },
    "data": {MODEL: _FROM_FORMULA},
    "formula": {MODEL: _FROM_FORMULA},
}
for _name, _hints in _CONSTRUCTORS.items():
    OTHER_OPTIONS.setdefault(_name, {}).update(_hints)

# LogisticRegression's parameters the classifier does not take, and mnlogit's options of the
# data (clusters, weights), which are the fit's sample_weight or mnlogit's own entry points
CLASSIFIER = "MNLogitClassifier.__init__"  # mnlogit.sklearn.MNLogitClassifier(...)
CLASSIFIER_FIT = "MNLogitClassifier.fit"
# MNLogit(y, X) adds no intercept: the advice with X as the classifier took it fitted the model
# without one, silently another model than the classifier's
_CLUSTERS = (
    "clusters are no parameter of the classifier: fit the same data with "
    "mnlogit.MNLogit(y, X1, groups=g).fit(cov_type='cluster') for cluster-robust standard "
    "errors, X1 being X with a column of ones first for the intercept the classifier adds "
    "(MNLogit adds none; X itself with fit_intercept=False), or mnlogit.fit(formula, df, "
    "cov_type='cluster', groups=...)"
)
_BALANCED = "sample_weight=sklearn.utils.class_weight.compute_sample_weight('balanced', y)"
_LIBLINEAR = "it is LogisticRegression's for its liblinear solver, which the classifier has not"
# LogisticRegressionCV's search over C, which a grid search of the classifier does (cv=5 was
# asked "did you mean C=?", a penalty's strength for the number of folds)
_SEARCH = (
    "it is LogisticRegressionCV's, which searches C by cross-validation: "
    "GridSearchCV(MNLogitClassifier(penalty='l2'), {'C': np.logspace(-4, 4, 10)}) does "
    "that search, with the folds and the scoring given to GridSearchCV"
)
_CLASSIFIER_OPTIONS: dict[str, str] = {
    **dict.fromkeys(("Cs", "cv", "scoring", "refit", "l1_ratios"), _SEARCH),
    "class_weight": f"the classifier has no class weights: give fit() {_BALANCED}",
    # R's relevel(ref=), VGAM's refLevel, Stata's baseoutcome(), as mnlogit.fit answers them
    **dict.fromkeys(
        ("base", "baseline", "baseoutcome", "reference", "refLevel", "ref_level"),
        "the reference class of results_ is ref= (it changes no prediction)",
    ),
    "solver": "the fit is Fisher scoring, method='newton', or Firth's, method='firth'",
    "multi_class": "the fit is always multinomial: one softmax over the classes",
    "warm_start": "every fit starts afresh, from the intercept-only fit: there is no warm start",
    "l1_ratio": (
        "an l1_ratio of 0, scikit-learn's spelling of its L2 penalty since 1.8, is "
        "penalty='l2' here (with C as LogisticRegression's); L1 and elastic-net penalties "
        "(l1_ratio > 0) are not offered"
    ),
    "n_jobs": (
        "the fit runs on the cores through threads of its own; a grid search or "
        "cross-validation takes its own n_jobs"
    ),
    "random_state": "the fit is deterministic: there is nothing random to seed",
    "verbose": "the classifier prints nothing; mnlogit.fit(..., verbose=True) shows the iterations",
    "dual": _LIBLINEAR,
    "intercept_scaling": _LIBLINEAR,
    "alpha": (  # "C is its inverse" was n times off: C weighs a sum, alpha a mean
        "the penalty's strength is given by C=, as in LogisticRegression: the fit maximises the "
        "summed log-likelihood less ||coef||^2 / (2C), so a penalty alpha * ||coef||^2 / 2 on "
        "the mean log-loss of n rows (SGDClassifier's alpha, glmnet's lambda) is "
        "penalty='l2', C=1 / (alpha * n)"
    ),
    "groups": _CLUSTERS,
    "cluster": _CLUSTERS,
    "weights": "the weights are fit()'s sample_weight=",
}
# the results' methods with intervals: R's confint(level=) and Stata's level(), rrr, eform
_ALPHA = ALPHA
_RRR = "relative-risk ratios are odds_ratios=True (Stata's rrr, eform)"
ODDS_RATIOS, TO_FRAME = "EstimatesMixin.odds_ratios", "RenderingMixin.to_frame"
TO_CSV, TO_LATEX = "RenderingMixin.to_csv", "RenderingMixin.to_latex"
for _entry in (SUMMARY, CONF_INT, ODDS_RATIOS, TO_FRAME, TO_CSV, TO_LATEX):
    OTHER_OPTIONS["level"][_entry] = _ALPHA
# R's relevel(y, ref = ), VGAM's multinomial(refLevel = ), Stata's baseoutcome()
WITH_REF = "ReferenceMixin.with_ref"
for _name in ("ref", "base", "baseoutcome", "reference", "refLevel", "ref_level"):
    OTHER_OPTIONS.setdefault(_name, {})[WITH_REF] = (
        "with_ref takes the new reference outcome as its one argument: res.with_ref(level)"
    )
for _name in ("rrr", "eform"):
    OTHER_OPTIONS.setdefault(_name, {})[SUMMARY] = _RRR
    OTHER_OPTIONS[_name].update({e: OTHER_OPTIONS["rrr"][e] for e in (FIT, MODEL_FIT)})
# Stata's mlogit options that the fit names otherwise, or has not: "did you mean weights=?"
# was the answer to aweight=, "formula=?" to eform=
_NOT_WEIGHTS = (
    "Stata's aweights and iweights are not fitted (weight_type='aweight' says why): "
    "frequency weights are {0}, sampling weights with weight_type='probability'"
)
_SURVEY_DESIGN = (
    "a survey design (R's svydesign(), Stata's svyset) is design=mnlogit.SurveyDesign("
    "weights=..., strata=..., psu=..., fpc=...), and a subpopulation (Stata's svy, subpop()) "
    "is subpop="
)
_INTERCEPT = "a model without an intercept is written in the formula: 'y ~ 0 + x'"
for _name, _hints in {
    "fweight": {
        FIT: "frequency weights are weights=, the default weight_type",
        MODEL_FIT: f"frequency weights are the model's: {_MODEL.format('weights=...')}",
    },
    **{
        name: {
            FIT: _NOT_WEIGHTS.format("weights="),
            MODEL_FIT: _NOT_WEIGHTS.format(f"the model's {_MODEL.format('weights=...')}"),
        }
        for name in ("aweight", "iweight")
    },
    "iterate": _both("the iteration limit is max_iter="),
    # R's svydesign() object and Stata's svyset are one argument, however it is spelled
    **{
        name: {
            FIT: _SURVEY_DESIGN,
            MODEL: _SURVEY_DESIGN,
            FROM_FORMULA: _SURVEY_DESIGN,
            MODEL_FIT: (
                "a survey design is the model's: "
                f"{_MODEL.format('design=mnlogit.SurveyDesign(...)')}"
            ),
        }
        for name in ("svy", "survey", "svydesign", "survey_design")
    },
    **{
        name: _both("the convergence tolerance is tol=")
        for name in ("tolerance", "ltolerance", "nrtolerance")
    },
    "noconstant": _both(_INTERCEPT),
    "nocons": _both(_INTERCEPT),
    "constraints": _both(
        "constrained fits are not offered; res.wald_test('bus:x = train:x') tests restrictions"
    ),
    "nolog": _both("the fit prints no iteration log unless verbose=True"),
    "technique": _both(
        "the fit chooses Fisher scoring or L-BFGS itself; method= is maximum likelihood "
        "('newton') or Firth's ('firth')"
    ),
}.items():
    OTHER_OPTIONS.setdefault(_name, {}).update(_hints)
# mnlogit.compare([res, ...]): esttab's eform, modelsummary's and summary_col's headers
COMPARE = "compare"
_HEADERS = "the column headers are names= (a list of one per model)"
for _name, _hint in {
    "level": "intervals under the estimates are se='ci', at alpha=, the error rate (0.05: 95%)",
    "rrr": _RRR,
    "eform": _RRR,
    "labels": _HEADERS,
    "model_names": _HEADERS,
    "column_labels": _HEADERS,
    # esttab's and estimates table's options
    "mtitles": _HEADERS,
    "mlabels": _HEADERS,
    **dict.fromkeys(
        ("keep", "drop", "order"),
        "the table shows every coefficient of every fit; compare(...).to_frame() holds them, "
        "rows (model, outcome, term), to select from",
    ),
    **dict.fromkeys(
        ("stats", "scalars"),
        "N, the log-likelihood, AIC, BIC and McFadden R2 are under the table, and in "
        "compare(...).statistics",
    ),
    **dict.fromkeys(
        ("b", "fmt", "digits", "decimals"),
        "the cells are rounded for show; compare(...).to_frame() holds the numbers unrounded",
    ),
}.items():
    OTHER_OPTIONS.setdefault(_name, {})[COMPARE] = _hint
for _name, _hint in _CLASSIFIER_OPTIONS.items():
    OTHER_OPTIONS.setdefault(_name, {})[CLASSIFIER] = _hint

for _name, _hints in [
    *PREDICTIONS_OPTIONS.items(),
    *STATSMODELS_OPTIONS.items(),
    *TEST_OPTIONS.items(),
]:
    OTHER_OPTIONS.setdefault(_name, {}).update(_hints)
for _name in ("groups", "cluster"):
    OTHER_OPTIONS[_name][CLASSIFIER_FIT] = _CLUSTERS
OTHER_OPTIONS["weights"][CLASSIFIER_FIT] = "the weights are sample_weight="
OTHER_OPTIONS["class_weight"][CLASSIFIER_FIT] = (
    f"the classifier has no class weights: give {_BALANCED}"
)
# the reference is the classifier's parameter: fit(X, y, ref='b'), as mnlogit.fit takes it,
# was told only that fit takes X, y, sample_weight
for _name in ("ref", "base", "baseline", "baseoutcome", "reference", "refLevel", "ref_level"):
    OTHER_OPTIONS.setdefault(_name, {})[CLASSIFIER_FIT] = (
        "the reference class is the classifier's ref=: MNLogitClassifier(ref=...), or "
        "clf.set_params(ref=...) (it changes no prediction)"
    )
# check_separation reads rows: a fit's options of a design or a covariance have no bearing
CHECK = "check_separation"
_CHECK_TAKES = "; it takes formula, data, ref, weights, weight_type, missing, safe_formula"
OTHER_OPTIONS["design"][CHECK] = (
    "the check reads rows, not a survey design: pass the design's weights as weights= with "
    "weight_type='probability' (rows of weight 0 are left out), or read res.separation of the "
    "survey fit" + _CHECK_TAKES
)
OTHER_OPTIONS["subpop"][CHECK] = (
    "the check reads the rows it is given: pass the subpopulation's rows (df[df['in_sub']]), "
    "or read res.separation of the fit of that subpopulation" + _CHECK_TAKES
)
for _name in ("groups", "cov_type", "method"):
    OTHER_OPTIONS.setdefault(_name, {})[CHECK] = (
        "separation is a property of the rows and the design's columns alone, whatever the "
        "fit's covariance or method" + _CHECK_TAKES
    )
# the results' tests: R's anova(test = "Chisq") and car::Anova(test.statistic = "Wald"),
# Stata's mlogtest, iia (every level in turn, or base() for one)
IIA_TABLE = "AnalysesMixin.iia_table"
IIA_TABLE_FUNCTION = "iia_table"  # mnlogit.iia.iia_table, the same table as a function
_WHICH_TEST = (
    "which test follows the fit's covariance: likelihood-ratio tests with the model-based "
    "one, Wald tests with cov_type='robust' or 'cluster' (refit with one); res.wald_test(term) "
    "is a term's Wald test with any covariance"
)
for _name in ("test", "test_statistic", "statistic"):
    OTHER_OPTIONS.setdefault(_name, {}).update({ANOVA: _WHICH_TEST, LR_TEST: _WHICH_TEST})
# Stata's test and testparm options on res.wald_test
_JOINT = "restrictions tested jointly are one call: a list or a string separated by commas"
for _name, _hint in {
    "mtest": "each restriction's own test is a call of its own; p-values are not adjusted",
    "accumulate": _JOINT,
    "notest": _JOINT,
    "constant": (
        "'[bus]' and '[bus = train]' leave the constant out, as Stata's test does; "
        "'bus:Intercept' in a restriction names it"
    ),
    "common": "'[bus = train]: x z' compares the columns named after the colon",
    "equal": "equal coefficients are restrictions, 'bus:x = train:x = walk:x'",
    "equation": "a coefficient of one equation is '<outcome>:<column>', 'bus:x'",
    "df": "the test is chi2, and a survey fit's the adjusted Wald F on its design df",
}.items():
    OTHER_OPTIONS.setdefault(_name, {})[WALD_TEST] = _hint
# Stata's lrtest, force (beside vce(robust)) and lrtest, stats
OTHER_OPTIONS.setdefault("force", {})[LR_TEST] = (
    "the test is refused beside a robust or cluster covariance, which assumes no true "
    "likelihood; the fits refitted with cov_type='nonrobust' have the same log-likelihoods, "
    "and their test is Stata's lrtest, force"
)
OTHER_OPTIONS.setdefault("stats", {})[LR_TEST] = (
    "the fits' AIC and BIC are res.aic and res.bic (Stata's lrtest, stats), side by side in "
    "mnlogit.compare([smaller, larger])"
)
for _name in ("force", "stats"):
    OTHER_OPTIONS[_name][RES_LR_TEST] = OTHER_OPTIONS[_name][LR_TEST].replace(
        "mnlogit.compare([smaller, larger])", "mnlogit.compare([other, res])"
    )
for _name in ("omit", "omitted", "level", "base"):
    OTHER_OPTIONS.setdefault(_name, {})[IIA_TABLE] = (
        "iia_table omits every outcome level in turn; res.iia_test(omit) tests one"
    )
    OTHER_OPTIONS[_name][IIA_TABLE_FUNCTION] = (
        "iia_table omits every outcome level in turn; iia_test(res, omit) tests one"
    )

_F = TypeVar("_F", bound=Callable[..., Any])


def answering_other_options(func: _F) -> _F:
    """``func`` refusing keyword arguments it does not take with what :data:`OTHER_OPTIONS`
    says of them for it (by its qualified name), or the option spelled alike, and a call of
    the wrong arity with how it is called; its signature and docstring stay its own."""
    signature = inspect.signature(func)
    parameters = signature.parameters
    taken = [name for name in parameters if name not in ("self", "cls")]
    accepted = frozenset(parameters)
    entry = func.__qualname__
    shown = entry.removesuffix(".__init__")  # MNLogit(), as the user wrote it
    if shown.split(".")[0].endswith("Mixin"):  # a method of the results: res.summary()
        shown = "res." + shown.split(".")[-1]
    # a misspelt option of another entry point (weigths=) is matched to the name the hint
    # is for
    options = (*_DATA, *_ESTIMATION)
    elsewhere = {n: h[entry] for n, h in OTHER_OPTIONS.items() if n in options and entry in h}
    # a method that hands its **kwargs on (res.plot_odds_ratios) leaves their names to the
    # function that takes them, which answers them itself
    passed_on = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    # a table's as_csv(), as_latex(), ... given a file: they return the text, written by the
    # caller (a fit's res.to_csv(path) and res.to_latex(path) write their own)
    returns_text = _WRITE_TEXT.format(func.__name__) if func.__name__.startswith("as_") else ""

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        for name in kwargs:
            if name not in accepted and not passed_on:
                hint = other_option_hint(entry, name, taken, elsewhere)
                raise InputTypeError(
                    f"{shown}() got an unexpected keyword argument {name!r}; {hint}" + returns_text
                )
        refuse_wrong_arity(shown, signature, args, kwargs, returns_text)
        return func(*args, **kwargs)

    checks_arguments_only(cast(FunctionType, checked).__code__)
    return cast(_F, checked)


_WRITE_TEXT = (
    "; it returns the text, which a file takes as pathlib.Path(path).write_text(table.{0}())"
)


def other_option_hint(
    entry: str, name: str, taken: list[str], elsewhere: dict[str, str] | None = None
) -> str:
    """What ``entry`` (a qualified name of :data:`OTHER_OPTIONS`) answers to the option
    ``name`` it does not take (``taken``: those it takes): the table's hint, or one alike."""
    return OTHER_OPTIONS.get(name, {}).get(entry) or _spelt_alike(name, taken, elsewhere or {})


def _spelt_alike(name: str, taken: list[str], elsewhere: dict[str, str]) -> str:
    names = [*taken, *elsewhere]
    by_case = {n.lower(): n for n in names}  # REF= is ref=
    close = difflib.get_close_matches(name.lower(), list(by_case), n=1)
    if not close:
        return f"it takes {', '.join(taken)}" if taken else "it takes no options"
    found = by_case[close[0]]
    return " ".join([f"did you mean {found}=?", elsewhere.get(found, "")]).rstrip()
