# Reference values for Firth fits with large frequency weights on separated data
# (tests/test_firth_weighted_reference.py): the data of make_firth_weighted.R (womenlf.csv,
# no parttime row in Atlantic, the baseline region, so the parttime equation's intercept and
# region dummies separate; weights w = 1 + (row %% 3), the first five 0) with every weight
# multiplied by k = 1e3 and 1e5. The Jeffreys penalty weighs about 1/k as much against the
# log-likelihood, so the separated coefficients move by about log(k) and the others towards
# their maximum-likelihood values; brmultinom converges at both (at k = 1e6 it stops at
# maxit with the same estimates to 7 digits, so larger k are left out).
#
# Run from this folder: Rscript make_firth_large_weights.R  (writes firth_large_weights.json)

suppressMessages({
  library(brglm2)
  library(jsonlite)
})
source("womenlf_separated.R")
d <- womenlf_separated()
fits <- lapply(c(1e3, 1e5), function(k) {
  d$wk <- d$w * k
  fit <- brmultinom(partic ~ hincome + children + region, data = d, weights = wk,
                    type = "AS_mean", ref = 1, epsilon = 1e-12, maxit = 1000)
  V <- vcov(fit)
  list(
    k = k,
    converged = fit$converged,
    params = unname(coef(fit)),  # rows: fulltime, parttime
    vcov = unname(V),  # equation by equation, as mnlogit's
    loglik = as.numeric(logLik(fit)),
    penalized_loglik = as.numeric(logLik(fit)) - 0.5 * as.numeric(determinant(V)$modulus)
  )
})
out <- c(fit_header("tests/reference/make_firth_large_weights.R"), list(
  terms = TERMS,
  outcomes = c("fulltime", "parttime"),
  fits = fits
))
write_json(out, "firth_large_weights.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote firth_large_weights.json\n")
