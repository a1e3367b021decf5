# Reference values for tests of models written without an intercept whose factor dummies add
# up to the constant (y ~ 0 + region + children is y ~ region + children in other columns),
# on carData's Womenlf (womenlf.csv, reference not.work). The null of every test keeps the
# constant, as the test against the intercept-only model does: the test of region is that of
# ~ children against ~ region + children (8 df), not also a test that the constant is zero.
# Likelihood-ratio tests from explicit nested nnet::multinom fits (reltol 1e-16; car's
# Anova refits at multinom's default tolerance and assumes an intercept column), and Wald
# tests of every slope with the model-based and the robust (HC0) covariance, the sandwich
# built by hand from the fit's row scores as in margins_weights_cluster.R, with frequency
# weights w = 1 + (row %% 3) for the robust case (meat sum_i w_i u_i u_i').
# Run from this folder:  Rscript no_intercept_tests.R   Writes no_intercept_tests.json.
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
df$w <- 1 + (seq_len(nrow(df)) %% 3)

fit <- function(formula, weighted = FALSE) {
  data <- df
  data$wt <- if (weighted) df$w else 1
  eval(bquote(multinom(.(formula), data = .(data), weights = wt, Hess = TRUE, trace = FALSE,
                       maxit = 10000, reltol = 1e-16, abstol = 1e-300)))
}

lr <- function(small, large) {
  chi2 <- 2 * (as.numeric(logLik(large)) - as.numeric(logLik(small)))
  df <- length(coef(large)) - length(coef(small))
  list(chi2 = chi2, df = df, pvalue = pchisq(chi2, df, lower.tail = FALSE))
}

# per-term LR tests; every term here has no relatives, so type II and III agree
terms <- list(
  list(formula = "partic ~ 0 + region + children",
       tests = list(region = lr(fit(partic ~ children), fit(partic ~ region + children)),
                    children = lr(fit(partic ~ region), fit(partic ~ region + children)))),
  list(formula = "partic ~ 0 + region + hincome",
       tests = list(region = lr(fit(partic ~ hincome), fit(partic ~ region + hincome)),
                    hincome = lr(fit(partic ~ region), fit(partic ~ region + hincome)))),
  list(formula = "partic ~ 0 + children + region:hincome",
       tests = list(children = lr(fit(partic ~ region:hincome),
                                  fit(partic ~ children + region:hincome)),
                    `region:hincome` = lr(fit(partic ~ children),
                                          fit(partic ~ children + region:hincome))))
)

# R's own anova of the no-intercept fit against the fit without region, whose formula R
# codes with both children dummies (they span the constant): the same test
r_anova <- anova(fit(partic ~ 0 + children), fit(partic ~ 0 + region + children))

probs <- function(X, B) {
  e <- cbind(0, X %*% t(B)); P <- exp(e - apply(e, 1, max)); P / rowSums(P)
}

# Wald test of every slope of partic ~ region + children (10 restrictions)
slopes_wald <- function(weighted, robust) {
  m <- fit(partic ~ region + children, weighted)
  X <- model.matrix(m)
  B <- coef(m)
  A <- vcov(m)
  V <- A
  if (robust) {
    P <- probs(X, B)
    Y <- model.matrix(~ partic - 1, df)
    U <- do.call(cbind, lapply(2:ncol(P), function(l) (Y[, l] - P[, l]) * X))
    wt <- if (weighted) df$w else rep(1, nrow(df))
    V <- A %*% crossprod(U * sqrt(wt)) %*% A
  }
  b <- as.vector(t(B))   # vcov order: outcome by outcome, columns within
  keep <- grep("(Intercept)", colnames(A), fixed = TRUE, invert = TRUE)
  stat <- drop(t(b[keep]) %*% solve(V[keep, keep], b[keep]))
  list(chi2 = stat, df = length(keep), pvalue = pchisq(stat, length(keep), lower.tail = FALSE))
}

out <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  terms = terms,
  r_anova_region = list(chi2 = r_anova[["LR stat."]][2], df = r_anova[["   Df"]][2]),
  slopes = list(
    formula = "partic ~ 0 + region + children",
    nonrobust = slopes_wald(FALSE, FALSE),
    robust = slopes_wald(FALSE, TRUE),
    robust_weighted = slopes_wald(TRUE, TRUE)
  )
)
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE), "no_intercept_tests.json")
