# Reference fits for data with one row far out along a column (tests/test_outlying_row.py):
# outlying_row.csv (make_outlying_row.py) without its first row, x = 1e12, which adds
# nothing to either likelihood at the maximum (its probability is 1 to rounding). y ~ x,
# reference "a": nnet::multinom (maximum likelihood, reltol 1e-16) and
# brglm2::brmultinom(type = "AS_mean") (Firth's bias reduction).
#
# Run from this folder: Rscript make_outlying_row.R  (writes outlying_row.json)

suppressMessages({
  library(nnet)
  library(brglm2)
  library(jsonlite)
})
d <- read.csv("outlying_row.csv")[-1, ]
d$y <- factor(d$y, levels = c("a", "b", "c"))
ml <- multinom(y ~ x, data = d, trace = FALSE, maxit = 100000, reltol = 1e-16,
               abstol = 1e-300)
firth <- brmultinom(y ~ x, data = d, type = "AS_mean", ref = 1, epsilon = 1e-12, maxit = 1000)
out <- list(
  generated_by = "tests/reference/make_outlying_row.R",
  R_version = R.version.string,
  nnet_version = as.character(packageVersion("nnet")),
  brglm2_version = as.character(packageVersion("brglm2")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  rows = nrow(d), formula = "y ~ x", ref = "a", outcomes = rownames(coef(firth)),
  ml = list(params = unname(coef(ml)), loglik = as.numeric(logLik(ml)),
            convergence = ml$convergence),
  firth = list(params = unname(coef(firth)), se = unname(matrix(sqrt(diag(vcov(firth))), nrow = 2, byrow = TRUE)),
               loglik = as.numeric(logLik(firth)), converged = firth$converged)
)
write_json(out, "outlying_row.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote outlying_row.json\n")
