# Reference values for a Firth fit with sampling weights (tests/test_firth_survey_reference.py):
# mnlogit uses sampling weights divided by their mean in a Firth fit, so that the penalty
# log det I(B) / 2 weighs as it does for the sample whatever the weights' units. brglm2's
# brmultinom with those normalised weights (its Jeffreys penalty on the weighted information)
# must give the same estimates.
#
# Data: apistrat.csv (written by make_survey.R), perf ~ meals + ell, reference "low",
# weights pw / mean(pw). brmultinom fits through the Poisson trick, so R warns about
# non-integer counts; the estimates are those of the weighted multinomial likelihood.
#
# Run from this folder: Rscript make_firth_survey.R  (writes firth_survey.json)

suppressMessages({
  library(brglm2)
  library(jsonlite)
})
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$perf <- factor(d$perf, levels = c("low", "high", "mid"))
d$nw <- d$pw / mean(d$pw)
fit <- suppressWarnings(brmultinom(perf ~ meals + ell, data = d, weights = nw,
                                   type = "AS_mean", ref = 1, epsilon = 1e-12, maxit = 500))
B <- coef(fit)  # rows: high, mid; columns: (Intercept), meals, ell
out <- list(
  generated_by = "tests/reference/make_firth_survey.R",
  R_version = R.version.string,
  brglm2_version = as.character(packageVersion("brglm2")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  formula = "perf ~ meals + ell", ref = "low", converged = fit$converged,
  params = list(high = unname(B["high", ]), mid = unname(B["mid", ])),
  terms = c("Intercept", "meals", "ell")
)
write_json(out, "firth_survey.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote firth_survey.json\n")
