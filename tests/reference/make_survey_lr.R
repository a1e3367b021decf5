# Reference values for Rao and Scott's working likelihood-ratio test of nested survey fits
# (mnlogit.lr_test of two survey fits; tests/test_survey_lr.py).
#
# Data: apistrat.csv (written by make_survey.R). Two designs: strata = school type with the
# finite-population correction (ids = ~1, fpc = ~fpc), and districts as PSUs nested in the
# strata; weights pw.
#
# Two outcomes (awards, reference "No"): svyglm(quasibinomial) of
# awards01 ~ meals + ell + mobility + stype, converged to epsilon 1e-14, and
# regTermTest(method = "LRT", df = degf(design)) of ell, stype, ell + mobility and every
# term (against the intercept-only model): its
# chisq (the deviance difference, weights scaled to mean 1 as svyglm scales them), the
# design effects (lambda) and the p-value (lrt.approximation = "saddlepoint", the default).
# The design degrees of freedom are given as degf(design) (#PSU - #strata), the d that
# mnlogit's survey t and F tests use; regTermTest's own default is the fit's df.residual.
#
# The same fit on the subpopulation mobility < 20 (districts in strata), testing
# ell + mobility.
#
# Three outcomes (perf, reference "low"): the weighted Newton fit of survey_mnl.R of
# perf ~ meals + ell + mobility and of the fits without ell and without ell and mobility;
# the deviance difference with the weights scaled to mean 1; V = vcov(svytotal(~h, design))
# of the full fit's influence functions (design-based), V0 the inverse of its information
# with the weights scaled to mean 1 (svyglm's naive.cov); lambda the eigenvalues of
# V0[i, i]^-1 V[i, i] over the tested coefficients i in every equation, and the p-value of
# survey's pFsum(chisq, 1, lambda, ddf = degf(design), method = "saddlepoint"), as
# regTermTest computes them for a svyglm.
#
# tails: survey's pchisqsum and pFsum (saddlepoint, Satterthwaite where it is undefined) of
# chosen values.
#
# Run from this folder: Rscript make_survey_lr.R  (writes survey_lr.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")

d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$awards01 <- as.integer(d$awards == "Yes")
designs <- list(
  strat_fpc = svydesign(ids = ~1, strata = ~stype, fpc = ~fpc, weights = ~pw, data = d),
  strat_clus = svydesign(ids = ~dnum, strata = ~stype, weights = ~pw, data = d, nest = TRUE)
)
tests <- list(ell = ~ell, stype = ~stype, ell_mobility = ~ell + mobility,
              all = ~meals + ell + mobility + stype)

binary <- list()
for (name in names(designs)) {
  design <- designs[[name]]
  m <- svyglm(awards01 ~ meals + ell + mobility + stype, design = design,
              family = quasibinomial(), control = glm.control(epsilon = 1e-14, maxit = 100))
  for (t in names(tests)) {
    r <- regTermTest(m, tests[[t]], method = "LRT", df = degf(design))
    binary[[paste(name, t, sep = "/")]] <- list(
      chisq = unname(r$chisq), df = r$df, lambda = sort(unname(r$lambda)),
      p = unname(r$p), ddf = r$ddf)
  }
}

# a subpopulation (mobility < 20): svyglm on the subset design scales the weights to mean 1
# over the domain's rows; the design df are those of the whole design
sub <- subset(designs$strat_clus, mobility < 20)
m <- svyglm(awards01 ~ meals + ell + mobility + stype, design = sub,
            family = quasibinomial(), control = glm.control(epsilon = 1e-14, maxit = 100))
r <- regTermTest(m, ~ell + mobility, method = "LRT", df = degf(designs$strat_clus))
subpop <- list(chisq = unname(r$chisq), df = r$df, lambda = sort(unname(r$lambda)),
               p = unname(r$p), ddf = r$ddf)

# --- three outcomes ---------------------------------------------------------------------------
three <- list()
full_cols <- c("meals", "ell", "mobility")
kept <- list(ell = c("meals", "mobility"), ell_mobility = c("meals"))
for (name in names(designs)) {
  design <- designs[[name]]
  w1 <- d$pw / mean(d$pw)
  X <- cbind(Intercept = 1, as.matrix(d[, full_cols]))
  full <- mnl_fit(d, "perf", "low", d$pw, X)
  V <- linearised(design, full, rep(TRUE, nrow(d)))
  V0 <- solve(information(X, full$B, w1))
  ll_full <- loglik(X, full$B, d$perf, full$eqs, w1)
  for (t in names(kept)) {
    Xr <- cbind(Intercept = 1, as.matrix(d[, kept[[t]], drop = FALSE]))
    small <- mnl_fit(d, "perf", "low", d$pw, Xr)
    chisq <- 2 * (ll_full - loglik(Xr, small$B, d$perf, small$eqs, w1))
    tested <- setdiff(full_cols, kept[[t]])
    i <- which(rep(colnames(X), length(full$eqs)) %in% tested)
    lambda <- eigen(solve(V0[i, i]) %*% V[i, i], only.values = TRUE)$values
    p <- survey:::pFsum(chisq, rep(1, length(lambda)), lambda, ddf = degf(design),
                        method = "saddlepoint", lower.tail = FALSE)
    three[[paste(name, t, sep = "/")]] <- list(
      chisq = chisq, df = length(i), lambda = sort(Re(lambda)), p = p, ddf = degf(design))
  }
}

# the tail of sum_i lambda_i chi2_1 (/ (chi2_d / d)) itself, beside each approximation's
# edges: x at the mean (the saddlepoint undefined: Satterthwaite's), far in the tail,
# design effects of many sizes, few denominator df
tails <- list(
  list(x = 6, lambda = c(1, 1), ddf = Inf), list(x = 2, lambda = c(1, 1), ddf = Inf),
  list(x = 40, lambda = c(0.3, 2.5, 1), ddf = Inf), list(x = 0.5, lambda = c(0.3, 2.5), ddf = Inf),
  list(x = 6, lambda = 2, ddf = 50), list(x = 3, lambda = c(0.5, 1.3, 2), ddf = 30),
  list(x = 0.9, lambda = c(0.5, 1.3, 2), ddf = 30), list(x = 25, lambda = c(0.1, 4), ddf = 5),
  list(x = 1e-3, lambda = c(1e-3, 1), ddf = 12))
for (k in seq_along(tails)) {
  t <- tails[[k]]
  tails[[k]]$p <- if (is.infinite(t$ddf))
    pchisqsum(t$x, rep(1, length(t$lambda)), t$lambda, method = "saddlepoint", lower.tail = FALSE)
  else survey:::pFsum(t$x, rep(1, length(t$lambda)), t$lambda, ddf = t$ddf,
                      method = "saddlepoint", lower.tail = FALSE)
  tails[[k]]$ddf <- if (is.infinite(t$ddf)) "Inf" else t$ddf
}

out <- list(
  binary = binary, subpop = subpop, three = three, tails = tails,
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")),
                  jsonlite = as.character(packageVersion("jsonlite"))))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "survey_lr.json")
