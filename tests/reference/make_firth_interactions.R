# Firth's estimates where separation comes through an interaction of two factors, with
# frequency weights of 0 and rows missing a value (tests/test_firth_interactions_reference.py).
# Data: firth_interactions.csv and firth_binary_rows.csv, written by make_firth_interactions.py.
#
# brglm2's mean-bias reduction, type = "AS_mean", epsilon 1e-12: brmultinom (reference u) of
# y ~ a*b + x unweighted and with weights fw (rows of weight 0 count for nothing), and of
# y ~ a*b + z on the rows where z is not missing (mnlogit drops them); glm(method =
# "brglmFit") of the binary y ~ x + g (reference no) with weights fw on the complete rows.
# Stored: coefficients and standard errors as outcome -> column -> value, the log-likelihood,
# and the penalised log-likelihood loglik - log det vcov / 2.
#
# Run from this folder: Rscript make_firth_interactions.R (writes firth_interactions.json).
suppressPackageStartupMessages({ library(brglm2); library(jsonlite) })
d <- read.csv("firth_interactions.csv")
d$y <- factor(d$y); d$a <- factor(d$a); d$b <- factor(d$b)

table_of <- function(B) {
  out <- list()
  for (k in rownames(B)) out[[k]] <- as.list(setNames(unname(B[k, ]), colnames(B)))
  out
}
multinom_fit <- function(formula, data, weights = rep(1, nrow(data))) {
  data$wt <- weights
  m <- brmultinom(formula, data = data, weights = wt, ref = 1, type = "AS_mean",
                  epsilon = 1e-12, maxit = 5000)
  B <- coef(m); V <- vcov(m)
  S <- matrix(sqrt(diag(V)), nrow = nrow(B), byrow = TRUE, dimnames = dimnames(B))
  ll <- as.numeric(logLik(m))
  list(converged = m$converged, coef = table_of(B), se = table_of(S), loglik = ll,
       penalized_loglik = ll - as.numeric(determinant(V)$modulus) / 2)
}
bin <- read.csv("firth_binary_rows.csv")
bin$y <- factor(bin$y, levels = c("no", "yes")); bin$g <- factor(bin$g)
bin <- bin[complete.cases(bin), ]
mb <- glm(y ~ x + g, binomial, bin, weights = fw, method = "brglmFit", type = "AS_mean",
          epsilon = 1e-12, maxit = 2000)
Vb <- vcov(mb); llb <- as.numeric(logLik(mb))
out <- list(
  versions = list(R = R.version.string, brglm2 = as.character(packageVersion("brglm2")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  interaction = multinom_fit(y ~ a * b + x, d),
  interaction_weighted = multinom_fit(y ~ a * b + x, d, d$fw),
  interaction_missing = multinom_fit(y ~ a * b + z, d[!is.na(d$z), ]),
  binary_weighted = list(converged = mb$converged,
                         coef = list(yes = as.list(coef(mb))),
                         se = list(yes = as.list(sqrt(diag(Vb)))), loglik = llb,
                         penalized_loglik = llb - as.numeric(determinant(Vb)$modulus) / 2)
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "firth_interactions.json")
