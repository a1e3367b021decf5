# Reference values at the extremes of size (tests/test_extremes_reference.py):
#
# - rare_levels: rare_levels.csv (written by make_rare_levels.py), y with K = 30 levels, five
#   of them with 2 to 7 rows, y ~ x + z against the first level "L00": 87 coefficients;
# - three_rows: x = 1, 2, 3 with outcomes a, b, a, y ~ x (the slope exactly 0), unweighted
#   and with frequency weights 1e8, 3e8, 2e8.
#
# VGAM::vglm(multinomial(refLevel = 1)) to epsilon 1e-14: coefficients and standard errors
# (sqrt of diag(vcov)), equation by equation, and the log-likelihood; nnet::multinom (reltol
# 1e-16) as a cross-check of the log-likelihood.
#
# Run from this folder: Rscript make_extremes.R  (writes extremes.json)

suppressMessages({
  library(VGAM)
  library(nnet)
  library(jsonlite)
})

fit_case <- function(formula, d, weights = NULL) {
  d$w_ <- if (is.null(weights)) rep(1, nrow(d)) else weights
  f <- vglm(formula, multinomial(refLevel = 1), data = d, weights = w_,
            control = vglm.control(epsilon = 1e-14, maxit = 500))
  m <- multinom(formula, data = d, weights = w_, trace = FALSE, reltol = 1e-16, maxit = 10000)
  levs <- levels(d$y)
  p <- length(coef(f)) / (length(levs) - 1)
  B <- matrix(coef(f), nrow = p, byrow = TRUE)  # vglm orders (term, equation)
  S <- matrix(sqrt(diag(vcov(f))), nrow = p, byrow = TRUE)
  list(
    outcomes = levs[-1],
    params = unname(B),
    bse = unname(S),
    loglik = as.numeric(logLik(f)),
    loglik_nnet = as.numeric(logLik(m))
  )
}

k30 <- read.csv("rare_levels.csv")
k30$y <- factor(k30$y)
three <- data.frame(x = c(1, 2, 3), y = factor(c("a", "b", "a")))
out <- list(
  generated_by = "tests/reference/make_extremes.R",
  R_version = R.version.string,
  VGAM_version = as.character(packageVersion("VGAM")),
  nnet_version = as.character(packageVersion("nnet")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  terms = list(rare_levels = c("Intercept", "x", "z"), three_rows = c("Intercept", "x")),
  rare_levels = fit_case(y ~ x + z, k30),
  three_rows = fit_case(y ~ x, three),
  three_rows_weighted = fit_case(y ~ x, three, weights = c(1e8, 3e8, 2e8))
)
write_json(out, "extremes.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote extremes.json\n")
