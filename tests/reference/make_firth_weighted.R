# Reference values for a Firth fit with frequency weights (zeros among them) and a factor
# whose level separates one outcome (tests/test_firth_weighted_reference.py).
#
# Data: womenlf.csv with every "parttime" row of region Atlantic recoded "not.work" (so no
# parttime row is in Atlantic, the baseline region: quasi-complete separation in the
# parttime equation's intercept and region dummies), frequency weights w = 1 + (row %% 3)
# with the first five rows given weight 0. partic ~ hincome + children + region, reference
# "not.work". brmultinom(type = "AS_mean") fits the Jeffreys-penalised likelihood of the
# weighted data; its log-likelihood, vcov and the penalised log-likelihood
# loglik - log det vcov / 2 are stored.
#
# Run from this folder: Rscript make_firth_weighted.R  (writes firth_weighted.json)

suppressMessages({
  library(brglm2)
  library(jsonlite)
})
source("womenlf_separated.R")
d <- womenlf_separated()
fit <- brmultinom(partic ~ hincome + children + region, data = d, weights = w,
                  type = "AS_mean", ref = 1, epsilon = 1e-12, maxit = 1000)
B <- coef(fit)  # rows: fulltime, parttime
V <- vcov(fit)  # equation by equation, as mnlogit's
out <- c(fit_header("tests/reference/make_firth_weighted.R"), list(
  converged = fit$converged,
  terms = TERMS,
  outcomes = rownames(B),
  params = unname(B),
  vcov = unname(V),
  loglik = as.numeric(logLik(fit)),
  penalized_loglik = as.numeric(logLik(fit)) - 0.5 * as.numeric(determinant(V)$modulus)
))
write_json(out, "firth_weighted.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote firth_weighted.json\n")
