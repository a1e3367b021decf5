# Firth's bias-reduced estimates of small separated data sets with a factor and frequency
# weights, each with more coefficients than rows (2 or 3 design columns beside the intercept
# times 3 or 4 equations), which a full-rank design identifies
# (tests/test_firth_fewer_rows_reference.py). The data are written here:
#   four:  8 rows, outcomes A-D, g in a, b, y ~ g + x (9 coefficients); weights w in 1-3;
#   five:  10 rows, outcomes A-E, g in a, b, c, y ~ g + x (16 coefficients); weights w with
#          a 0 (the row counts for nothing: 9 rows, 16 observations);
#   level: 8 rows, outcomes A-D, D only in level v of g, y ~ g + x (9 coefficients).
# Each is quasi- or completely separated (mnlogit's exact check), so no maximum-likelihood
# estimate exists. brglm2's brmultinom, type = "AS_mean" (the Jeffreys-penalised maximum, which
# mnlogit's method="firth" computes), reference A, epsilon 1e-12, unweighted and weighted.
# Stored: coefficients and standard errors as outcome -> column -> value, the log-likelihood,
# the penalised log-likelihood loglik - log det vcov / 2 (vcov the inverse information) and
# brglm2's convergence. On five, weighted, brglm2 converges to a local maximum of the penalised
# likelihood (-17.0982: gradient 2e-8, the Hessian's eigenvalues -0.0038 and below) below
# the one mnlogit keeps (-17.0756), the highest its starts find.
#
# Run from this folder: Rscript make_firth_fewer_rows.R  (writes firth_fewer_rows.json)
suppressPackageStartupMessages({
  library(brglm2)
  library(jsonlite)
})

sets <- list(
  four = data.frame(y = c("A", "B", "C", "D", "A", "B", "C", "D"),
                    g = c("a", "a", "a", "b", "b", "b", "a", "b"),
                    x = c(0.5, 1.2, 2.0, 2.6, 0.1, 1.9, 3.1, 0.8),
                    w = c(2, 1, 3, 1, 2, 2, 1, 3)),
  five = data.frame(y = c("A", "B", "C", "D", "E", "A", "A", "B", "C", "E"),
                    g = c("a", "b", "c", "a", "b", "c", "a", "b", "c", "a"),
                    x = c(0.3, 1.1, 0.7, 2.2, 1.5, 2.9, 0.2, 1.8, 2.4, 0.9),
                    w = c(1, 2, 1, 3, 0, 2, 1, 1, 2, 3)),
  level = data.frame(y = c("A", "A", "B", "B", "C", "C", "D", "D"),
                     g = c("u", "v", "u", "v", "u", "v", "v", "v"),
                     x = c(0.2, 1.4, 0.9, 2.1, 1.7, 0.4, 2.5, 1.1),
                     w = c(3, 1, 2, 1, 1, 2, 1, 2))
)

by_outcome <- function(values, m) {
  # vcov's names are outcome:column
  names <- dimnames(coef(m))
  out <- list()
  for (k in names[[1]]) {
    out[[k]] <- as.list(setNames(values[paste0(k, ":", names[[2]])], names[[2]]))
  }
  out
}

fit <- function(d, weighted) {
  d$y <- factor(d$y)
  d$wt <- if (weighted) d$w else rep(1, nrow(d))
  m <- brmultinom(y ~ g + x, data = d, weights = wt, type = "AS_mean",
                  control = list(epsilon = 1e-12, maxit = 2000))
  b <- coef(m)
  coefs <- setNames(as.vector(t(b)), paste0(rep(rownames(b), each = ncol(b)), ":", colnames(b)))
  list(coef = by_outcome(coefs, m), se = by_outcome(sqrt(diag(vcov(m))), m),
       loglik = as.numeric(logLik(m)),
       penalized_loglik = as.numeric(logLik(m)) - as.numeric(determinant(vcov(m))$modulus) / 2,
       converged = m$converged)
}

out <- list(
  versions = list(R = R.version.string, brglm2 = as.character(packageVersion("brglm2")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  call = "brmultinom(y ~ g + x, weights = ..., type = 'AS_mean', control = list(epsilon = 1e-12, maxit = 2000))"
)
for (name in names(sets)) {
  d <- sets[[name]]
  out[[name]] <- list(data = as.list(d), unweighted = fit(d, FALSE), weighted = fit(d, TRUE))
}
write_json(out, "firth_fewer_rows.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
