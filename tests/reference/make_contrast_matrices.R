# A contrast matrix given to C() where R codes the factor by a column per level (no
# intercept, or an interaction without the factor's main effect): R ignores the contrasts
# there (tests/test_r_habits.py), where formulaic kept the matrix, a model of fewer columns.
# On womenlf.csv (reference not.work), children coded by the 2 x 1 matrix m = (1, 0):
# nnet::multinom (reltol 1e-16) log-likelihood and model.matrix columns of each formula,
# and the formula without the matrix that mnlogit fits for it (the same model).
# Run from this folder:  Rscript make_contrast_matrices.R
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, ref = "not.work")
m <- matrix(c(1, 0), 2)

# R's formula, whether it codes children by m, and the same model without the matrix
case <- function(r, coded, plain) list(r = r, coded = coded, plain = plain)
cases <- list(
  case("partic ~ 0 + C(children, m)", FALSE, "partic ~ 0 + children"),
  case("partic ~ 0 + hincome + C(children, m)", FALSE, "partic ~ 0 + hincome + children"),
  case("partic ~ C(children, m) + C(children, m):hincome", FALSE,
       "partic ~ children + children:hincome"),
  case("partic ~ hincome:C(children, m)", FALSE, "partic ~ hincome:C(children)"),
  case("partic ~ C(children, m)", TRUE, "partic ~ C(children, Treatment('present'))"),
  case("partic ~ hincome + C(children, m):hincome", TRUE,
       "partic ~ hincome + C(children, Treatment('present')):hincome")
)

out <- lapply(cases, function(c) {
  fit <- multinom(as.formula(c$r), data = df, trace = FALSE, maxit = 100000,
                  reltol = 1e-16, abstol = 1e-300)
  list(r_formula = c$r, coded_by_matrix = c$coded, formula = c$plain,
       columns = colnames(model.matrix(as.formula(c$r), df)),
       loglik = as.numeric(logLik(fit)), convergence = fit$convergence)
})

ref <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  matrix = m[, 1],
  cases = out
)
writeLines(toJSON(ref, auto_unbox = TRUE, pretty = TRUE, digits = NA), "contrast_matrices.json")
