"""Other packages' names for the options of the results' predictions, margins and figures
(R's ``predict(type=, se.fit=)``, statsmodels' ``get_margeff``, Stata's ``margins`` and
``marginsplot``, emmeans'), by entry point: the part of
:data:`mnlogit._other_options.OTHER_OPTIONS` that those methods answer from."""

from __future__ import annotations

__all__ = [
    "ALPHA",
    "CONTRAST",
    "FIGURES",
    "MARGINAL_EFFECTS",
    "MARGINS",
    "MARGINS_FRAME",
    "PLOT",
    "PREDICT",
    "PREDICTIONS_OPTIONS",
    "PREDICTION_INTERVALS",
]

# the results' methods with intervals: R's confint(level=) and Stata's level()
ALPHA = "intervals take alpha=, the error rate (alpha=0.05 for 95%)"

# R's predict(type=, se.fit=), statsmodels' predict(exog=, which=) and get_margeff(method=,
# dummy=, atexog=), Stata's margins, dydx() atmeans level() vce() and emmeans' specs, by,
# mode, weights and adjust, on the results' methods of predictions and margins
PREDICT = "RenderingMixin.predict"
PREDICTION_INTERVALS = "AnalysesMixin.prediction_intervals"
MARGINS = "AnalysesMixin.margins"
MARGINAL_EFFECTS = "AnalysesMixin.marginal_effects"
CONTRAST = "Margins.contrast"
MARGINS_FRAME = "Margins.to_frame"  # res.to_frame(alpha=) has one; margins keep theirs
PLOT = "Margins.plot"  # Stata's marginsplot options, matplotlib's
# the results' figures, res.plot_probabilities(...) and so on
FIGURES = ("plot_probabilities", "plot_odds_ratios", "plot_decision_regions")
_FIGURE = "the figure returned is matplotlib's: set it on it, e.g. fig.axes[0].set_{0}(...)"
_INTERVALS = "standard errors and intervals of the probabilities are res.prediction_intervals("
_MEANS = (
    "effects at the means are res.marginal_effects(at='mean') (Stata's atmeans); margins with "
    "average='grid' hold the numeric variables not set at their means, and average over the "
    "levels of a factor (emmeans), where Stata's atmeans sets its dummies at their means: "
    "probabilities there are not offered for a model with factors"
)
_COVARIANCE = (
    "the standard errors are of the fit's covariance (Stata's vce()): refit with "
    "mnlogit.fit(..., cov_type=...); they are the delta method's, holding the covariates "
    "fixed (Stata's vce(delta)); averaged over the rows with the covariates counted as "
    "sampled (Stata's vce(unconditional)) they are res.margins(kind='effect', "
    "vce='unconditional')"
)
_ELASTICITIES = (
    "elasticities (Stata's eyex(), dyex() and eydx()) are not offered; the effects dP/dx are "
    "res.margins(kind='effect') and res.marginal_effects()"
)
_OVER = "factors whose every level is a margin are over= (emmeans' specs and by)"
# Stata's margins, subpop(): the rows averaged are the fit's, so a domain is the fit's subpop=
_DOMAIN = (
    "{what} average over the rows of the fit, a survey fit's over those of its subpopulation: "
    "a domain is the model's, mnlogit.fit(..., subpop=...) (Stata's svy, subpop(): mlogit "
    "before margins); an average over some of a fit's rows (Stata's margins, subpop() "
    "after a fit of more rows) is not offered, and weighting res.predict() over those rows "
    "as margins weight them gives its estimates without standard errors"
)
_ONE_OUTCOME = {
    MARGINS: (
        "margins are of every outcome's probability (Stata's predict(outcome()) picks one): "
        "one outcome's are the rows of m.to_frame() with that outcome"
    ),
    MARGINAL_EFFECTS: (
        "effects are on every outcome's probability: one outcome's are the table's rows of "
        "that outcome, the index's level 'outcome'"
    ),
    PREDICT: "probabilities are a column per outcome: res.predict(newdata)[level]",
}
PREDICTIONS_OPTIONS: dict[str, dict[str, str]] = {
    "type": {
        PREDICT: (
            "what is predicted is kind=: 'prob' (R's type 'probs'), 'class' (type 'class') or "
            "'link' (the log-odds against the reference)"
        ),
        MARGINS: "margins are probabilities (emmeans' mode 'prob'); effects are kind='effect'",
    },
    "which": {
        PREDICT: "what is predicted is kind=: 'prob' (statsmodels' which 'mean'), 'class' or 'link'"
    },
    "exog": {PREDICT: "the new rows are newdata= (statsmodels' exog)"},
    "se_fit": {PREDICT: _INTERVALS + "newdata) (R's se.fit)"},
    "interval": {PREDICT: _INTERVALS + "newdata) (R's interval)"},
    "alpha": {PREDICT: _INTERVALS + "newdata, alpha=...)"},
    "level": {
        PREDICT: _INTERVALS + "newdata, alpha=...): alpha is the error rate",
        PREDICTION_INTERVALS: ALPHA,
        MARGINS: ALPHA,
        MARGINAL_EFFECTS: ALPHA,
        CONTRAST: "contrasts keep the level of their margins: res.margins(..., alpha=...)",
        PLOT: "the intervals drawn are those of the margins: res.margins(..., alpha=...)",
    },
    "dydx": {
        MARGINS: "effects are kind='effect', of variables=[...] (Stata's dydx())",
        MARGINAL_EFFECTS: "the variables are variables=[...] (Stata's dydx())",
    },
    "atmeans": {MARGINS: _MEANS, MARGINAL_EFFECTS: "effects at the means are at='mean'"},
    "specs": {MARGINS: _OVER},
    "by": {MARGINS: _OVER},
    "vce": {MARGINAL_EFFECTS: _COVARIANCE},
    "mode": {MARGINS: "margins are probabilities (emmeans' mode 'prob')"},
    "weights": {
        MARGINS: (
            "average='rows' weights the rows as the fit does (for a model of factors alone, "
            "emmeans' weights 'proportional'); average='grid' weighs the levels of the other "
            "factors equally (emmeans' weights 'equal'), the only grid offered"
        )
    },
    "nuisance": {
        MARGINS: (
            "average='rows' keeps the variables not set as observed (emmeans' nuisance factors "
            "averaged in proportion); average='grid' weighs the other factors' levels equally"
        )
    },
    "asobserved": {MARGINS: "average='rows', the default, is Stata's asobserved"},
    "subpop": {
        MARGINS: _DOMAIN.format(what="margins"),
        MARGINAL_EFFECTS: _DOMAIN.format(what="effects"),
    },
    # Stata's margins, predict(outcome(2)) and predict, outcome(2): one outcome's column
    **dict.fromkeys(("predict", "outcome"), _ONE_OUTCOME),
    "cov_reduce": {
        MARGINS: (
            "average='grid' holds the numeric variables not set at their (weighted) means; "
            "other values are at={...}"
        )
    },
    "method": {
        MARGINAL_EFFECTS: (
            "effects are dP/dx (statsmodels' method 'dydx'); elasticities are not offered"
        )
    },
    "dummy": {
        MARGINAL_EFFECTS: (
            "a factor's effect is the change from its baseline level (statsmodels' dummy True): "
            "give a 0/1 column as a factor, C(x) in the formula"
        )
    },
    "atexog": {
        MARGINAL_EFFECTS: "effects at chosen values are res.margins(at={...}, kind='effect')"
    },
    "title": {PLOT: "the figure returned is matplotlib's: set it on it, fig.suptitle(...)"},
    "xlabel": {PLOT: _FIGURE.format("xlabel")},
    "ylabel": {PLOT: _FIGURE.format("ylabel")},
    "xdimension": {PLOT: "the horizontal axis is x=, a variable set by at or over"},
    "ci": {
        PLOT: "the intervals are drawn with the margins; m.to_frame() holds the estimates alone"
    },
    "recast": {
        PLOT: (
            "numeric values are drawn as lines with bands, factors as points with bars; for "
            "another look, draw m.to_frame() with matplotlib"
        )
    },
    # Stata's margins, eyex(x) dyex(x) eydx(x): elasticities, which no method gives
    **{
        name: {MARGINS: _ELASTICITIES, MARGINAL_EFFECTS: _ELASTICITIES}
        for name in ("eyex", "dyex", "eydx")
    },
    "regrid": {MARGINS: "margins are probabilities already (emmeans' regrid 'response')"},
    "counterfactuals": {
        MARGINS: (
            "average='rows', the default, predicts every row of the fit with the values set "
            "by at= and over= (emmeans' counterfactuals) and averages them with the fit's weights"
        )
    },
    "reverse": {
        CONTRAST: (
            "method='pairwise' takes the earlier value minus the later one: negate the "
            "estimates and swap lower and upper for the reverse (emmeans' reverse = TRUE)"
        )
    },
    "interaction": {
        CONTRAST: (
            "contrasts of contrasts are chained: m.contrast('f').contrast('g') (emmeans' "
            "interaction = c('pairwise', 'pairwise'))"
        )
    },
    "adjust": {
        MARGINS: (
            "p-values are not adjusted; differences of margins are m.contrast(...), whose note "
            "gives the factor of Bonferroni's adjustment"
        ),
        CONTRAST: (
            "p-values are not adjusted (emmeans' adjust 'none'); the table's note gives the "
            "factor of Bonferroni's adjustment"
        ),
    },
}
for _entry in (PLOT, *FIGURES):
    PREDICTIONS_OPTIONS["title"][_entry] = PREDICTIONS_OPTIONS["title"][PLOT]
    for _axis in ("xlabel", "ylabel"):
        PREDICTIONS_OPTIONS[_axis][_entry] = _FIGURE.format(_axis)
for _entry in FIGURES[:2]:
    PREDICTIONS_OPTIONS["level"][_entry] = ALPHA
for _name in ("alpha", "level"):
    PREDICTIONS_OPTIONS[_name][MARGINS_FRAME] = (
        "the table keeps the level of its margins: res.margins(..., alpha=...)"
    )
