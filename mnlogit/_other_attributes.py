"""Other packages' names for a fit's attributes (statsmodels', scikit-learn's, Stata's e()
results and commands after ``mlogit``), answered by the results' ``__getattr__`` with the
attribute or method that gives them; and their names for the package's functions
(``mnlogit.multinom``, ``mnlogit.lrtest``), answered by the package's ``__getattr__``."""

from __future__ import annotations

__all__ = ["OTHER_ATTRIBUTES", "OTHER_FUNCTIONS"]

_SM = "statsmodels' "
OTHER_ATTRIBUTES: dict[str, str] = {
    "tvalues": f"{_SM}tvalues of MNLogit are z statistics: res.zvalues",
    "tstats": "z statistics are res.zvalues",
    "std_errors": "standard errors are res.bse",
    "stderr": "standard errors are res.bse",
    "se": "standard errors are res.bse",
    "coef": "the coefficients are res.params (terms x non-reference outcomes)",
    "coefficients": "the coefficients are res.params (terms x non-reference outcomes)",
    "coef_": "the coefficients are res.params (coef_ is MNLogitClassifier's)",
    "confint": "intervals are res.conf_int(alpha=0.05)",
    "vcov": "the covariance is res.cov_params()",
    "prsquared": f"{_SM}prsquared is McFadden's: res.pseudo_r2['mcfadden']",
    "rsquared": "pseudo-R2 are res.pseudo_r2 (McFadden, Cox-Snell, Nagelkerke)",
    "llr": "the LR test against the intercept-only model is res.lr_test() (.statistic)",
    "llr_pvalue": "the LR test against the intercept-only model is res.lr_test() (.pvalue)",
    "loglik": "the log-likelihood is res.llf",
    "logLik": "the log-likelihood is res.llf",
    "summary2": "the summary is res.summary()",
    "fittedvalues": "fitted probabilities are res.predict() (kind='link' for log-odds)",
    "fitted_values": "fitted probabilities are res.predict() (kind='link' for log-odds)",
    "resid": "residuals are not kept: res.predict() gives the fitted probabilities",
    "get_margeff": "marginal effects are res.marginal_effects(at='overall' | 'mean')",
    "t_test": "Wald tests are res.wald_test('bus:x = 0') (a term name tests every equation)",
    "f_test": "Wald tests are res.wald_test('bus:x = 0') (a term name tests every equation)",
    "odds_ratio": "relative-risk ratios are res.odds_ratios()",
    "rrr": "relative-risk ratios are res.odds_ratios()",
    "mle_retvals": "the fit's convergence is res.converged and res.n_iter",
    # counts of rows, as statsmodels counts them: observed levels by rows, predicted by columns
    "pred_table": (
        f"{_SM}pred_table() is pd.crosstab(y, res.predict(kind='class').astype("
        "pd.CategoricalDtype(res.outcomes)), dropna=False), y the outcome fitted"
    ),
    "get_prediction": (
        "probabilities with standard errors and intervals are res.prediction_intervals(newdata)"
    ),
    # scikit-learn's, which MNLogitClassifier has: a fit's are predict's kinds
    "predict_proba": "probabilities are res.predict(newdata) (MNLogitClassifier has predict_proba)",
    "predict_log_proba": "log-probabilities are np.log(res.predict(newdata))",
    "decision_function": "log-odds against the reference are res.predict(newdata, kind='link')",
    "classes_": "the outcome levels are res.outcomes (classes_ is MNLogitClassifier's)",
    "levels": "the outcome levels are res.outcomes, the reference res.ref",
    # Stata's e() results and its commands after mlogit, written as attributes
    "ll": "the log-likelihood is res.llf (Stata's e(ll))",
    "ll_0": "the null model's log-likelihood is res.llnull (Stata's e(ll_0))",
    "N": "the number of observations is res.nobs (Stata's e(N); the sum of frequency weights)",
    "r2_p": "McFadden's pseudo-R2 is res.pseudo_r2['mcfadden'] (Stata's e(r2_p))",
    "df_m": "the model's degrees of freedom are res.df_model (Stata's e(df_m))",
    "b": "the coefficients are res.params (Stata's e(b)), terms x non-reference outcomes",
    "V": "the covariance is res.cov_params() (Stata's e(V))",
    **dict.fromkeys(
        ("estat_ic", "ic", "information_criteria"),
        "AIC and BIC are res.aic and res.bic, BIC with n = res.nobs (Stata's estat ic)",
    ),
    **dict.fromkeys(
        ("test", "testparm"), "Wald tests are res.wald_test('bus:x = train:x') (Stata's test)"
    ),
    "lincom": (
        "a difference of two outcomes' coefficients, with its standard error and interval, is "
        "res.with_ref('train') (bus against train); any linear combination's test is "
        "res.wald_test('bus:x - train:x')"
    ),
    "lrtest": "the likelihood-ratio test of nested fits is res.lr_test(smaller) (Stata's lrtest)",
    # statsmodels' tests between fits and of terms, R's car and lmtest on a fit
    "compare_lr_test": (
        f"{_SM}compare_lr_test(restricted) is res.lr_test(restricted), the fits in either order"
    ),
    **dict.fromkeys(
        ("compare_lm_test", "compare_f_test"),
        "score (LM) and F tests of nested fits are not offered: the likelihood-ratio test of "
        "nested fits is res.lr_test(restricted)",
    ),
    "wald_test_terms": (
        f"{_SM}wald_test_terms() is res.anova(): per term, Wald tests with a robust or cluster "
        "covariance, likelihood-ratio tests with the model-based one (res.wald_test(term) is "
        "a term's Wald test with any)"
    ),
    "drop1": "R's drop1, each term dropped from the full model, is res.anova('III')",
    "Anova": "car's Anova is res.anova('II') or res.anova('III')",
    **dict.fromkeys(
        ("linearHypothesis", "linear_hypothesis", "waldtest"),
        "Wald tests of linear restrictions are res.wald_test('bus:x = train:x')",
    ),
    "mlogtest": "IIA tests are res.iia_table() (Stata's mlogtest, iia)",
    "suest": "the suest test of IIA is res.iia_test(level, method='suest')",
}

_FIT = "fits are mnlogit.fit('y ~ x + g', df, ref='level')"
_RESULT = "res = mnlogit.fit(...)"
# what R's, Stata's, statsmodels' and scikit-learn's users reach for at the package's top level
OTHER_FUNCTIONS: dict[str, str] = {
    **dict.fromkeys(("mlogit", "multinom", "vglm", "MNLogit_fit", "logit", "mnlogit"), _FIT),
    "from_formula": f"{_FIT} (or mnlogit.MNLogit.from_formula(formula, df))",
    **dict.fromkeys(
        ("brmultinom", "firth", "firthlogit"),
        "bias-reduced fits are mnlogit.fit(..., method='firth')",
    ),
    **dict.fromkeys(
        ("svydesign", "svyset", "svyglm", "svymultinom", "svy_vglm"),
        "survey fits are mnlogit.fit(..., design=mnlogit.SurveyDesign(weights=..., psu=..., "
        "strata=...))",
    ),
    **dict.fromkeys(
        ("lrtest", "lrt", "likelihood_ratio_test"),
        "the likelihood-ratio test of nested fits is mnlogit.lr_test(smaller, larger)",
    ),
    **dict.fromkeys(
        ("anova", "Anova"), f"per-term likelihood-ratio tests are res.anova() ({_RESULT})"
    ),
    **dict.fromkeys(
        ("wald_test", "waldtest", "linearHypothesis", "test", "testparm"),
        f"Wald tests are res.wald_test('bus:x = 0') ({_RESULT})",
    ),
    **dict.fromkeys(
        ("hausman", "mlogtest", "iia_test", "suest", "small_hsiao"),
        f"IIA tests are res.iia_test(level) and res.iia_table() ({_RESULT})",
    ),
    **dict.fromkeys(
        ("emmeans", "margins_of", "marginal_effects", "avg_slopes", "get_margeff"),
        f"margins are res.margins(...) and res.marginal_effects() ({_RESULT})",
    ),
    **dict.fromkeys(
        ("LogisticRegression", "MNLogitClassifier"),
        "the scikit-learn classifier is mnlogit.sklearn.MNLogitClassifier "
        "(from mnlogit.sklearn import MNLogitClassifier)",
    ),
    # a fit's own name for it: "then res.<name>" led to res.coef, which a fit has not
    "summary": f"that is a method of a fit: res.summary() ({_RESULT})",
    "predict": f"that is a method of a fit: res.predict(new_df) ({_RESULT})",
    **{
        name: f"of a fit, {OTHER_ATTRIBUTES[name]} ({_RESULT})"
        for name in ("coef", "confint", "vcov")
    },
}
