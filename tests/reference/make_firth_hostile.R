# Firth's bias-reduced estimates on hostile data (tests/test_firth_hostile_reference.py):
# firth_hostile.csv and firth_hostile_k4.csv (written by make_firth_hostile.py).
#
# brglm2's mean-bias reduction, type = "AS_mean" (the maximiser of the Jeffreys-penalised
# likelihood for these canonical-link models, which mnlogit's method="firth" computes), by
# brmultinom for three or four outcomes and glm(method = "brglmFit") for two; epsilon 1e-12.
# Stored: coefficients and standard errors as outcome -> column -> value, the log-likelihood,
# and the penalised log-likelihood loglik - log det vcov / 2 (vcov is the inverse of the
# multinomial information). Also brglm2's median-bias reduction, type = "AS_median", of the
# first model, which is another estimator (Kenne Pagui, Salvan & Sartori 2017): mnlogit does
# not compute it, and the test checks that its Firth fit is the mean-bias one.
#
# Run from this folder: Rscript make_firth_hostile.R (writes firth_hostile.json).
suppressPackageStartupMessages({ library(brglm2); library(jsonlite) })
d <- read.csv("firth_hostile.csv"); d$y <- factor(d$y); d$g <- factor(d$g)
k4 <- read.csv("firth_hostile_k4.csv"); k4$y <- factor(k4$y); k4$g <- factor(k4$g)
k4$h <- factor(k4$h)

table_of <- function(B) {  # outcome -> column -> value
  out <- list()
  for (k in rownames(B)) out[[k]] <- as.list(setNames(unname(B[k, ]), colnames(B)))
  out
}
multinom_fit <- function(formula, data, ref = 1, weighted = FALSE, type = "AS_mean") {
  data$wt <- if (weighted) data$w else rep(1, nrow(data))
  m <- brmultinom(formula, data = data, weights = wt, ref = ref, type = type,
                  epsilon = 1e-12, maxit = 2000)
  B <- coef(m)
  V <- vcov(m)
  S <- matrix(sqrt(diag(V)), nrow = nrow(B), byrow = TRUE, dimnames = dimnames(B))
  ll <- as.numeric(logLik(m))
  list(converged = m$converged, coef = table_of(B), se = table_of(S), loglik = ll,
       penalized_loglik = ll - as.numeric(determinant(V)$modulus) / 2)
}
binary_fit <- function(data, weighted = FALSE) {
  data$wt <- if (weighted) data$w else rep(1, nrow(data))
  m <- glm(yb ~ x + g, binomial, data, weights = wt, method = "brglmFit", type = "AS_mean",
           epsilon = 1e-12, maxit = 2000)
  V <- vcov(m)
  ll <- as.numeric(logLik(m))
  list(converged = m$converged, coef = list(b = as.list(coef(m))),
       se = list(b = as.list(sqrt(diag(V)))), loglik = ll,
       penalized_loglik = ll - as.numeric(determinant(V)$modulus) / 2)
}
# two outcomes: the rows of a and b, every row of level w recoded a (separated again)
b <- d[d$y != "c", ]
b$yb <- as.numeric(b$y == "b")
b$yb[b$g == "w"] <- 0

out <- list(
  quasi = multinom_fit(y ~ x + g, d),
  quasi_weighted = multinom_fit(y ~ x + g, d, weighted = TRUE),
  quasi_xbig = multinom_fit(y ~ xbig + g, d),
  quasi_xsmall = multinom_fit(y ~ xsmall + g, d),
  quasi_ref_c = multinom_fit(y ~ x + g, d, ref = "c"),
  quasi_weighted_ref_c = multinom_fit(y ~ x + g, d, ref = "c", weighted = TRUE),
  quasi_median = multinom_fit(y ~ x + g, d, type = "AS_median"),
  binary = binary_fit(b),
  binary_weighted = binary_fit(b, weighted = TRUE),
  k4_weighted = multinom_fit(y ~ x * g + z + h, k4, weighted = TRUE),
  versions = list(R = R.version.string, brglm2 = as.character(packageVersion("brglm2")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "firth_hostile.json")
