# Reference values for mnlogit's average marginal effects through a B-spline of an expression,
# bs(x1 - x2, df = 3), whose boundary knots are the range of x1 - x2, not of x1 or x2: at the
# rows where x1 - x2 is smallest or largest a difference step in x1 or x2 leaves them.
# synthetic.csv, nnet::multinom (reltol 1e-16, reference "car"); the average effect of x1 and
# of x2 by central differences of the design (step 1e-6; predict.bs continues the boundary
# polynomials beyond the knots, with a warning, which is the one-sided derivative there),
# Jacobian by central differences in the coefficients, standard errors with vcov(fit).
# Run from this folder:  Rscript margins_spline_bounds.R   -> margins_spline_bounds.json
suppressPackageStartupMessages({
  library(nnet)
  library(splines)
  library(jsonlite)
})
source("ame_delta.R")

df <- read.csv("synthetic.csv", stringsAsFactors = FALSE)
df$mode <- relevel(factor(df$mode), ref = "car")
df$group <- factor(df$group)
fit <- multinom(mode ~ bs(x1 - x2, df = 3) + group, data = df, Hess = TRUE, trace = FALSE,
                maxit = 10000, reltol = 1e-16, abstol = 1e-300)

average_effect <- function(var) {
  tt <- delete.response(terms(fit))
  design <- function(d) suppressWarnings(model.matrix(tt, d, xlev = fit$xlevels))
  h <- 1e-6
  up <- df; up[[var]] <- up[[var]] + h
  down <- df; down[[var]] <- down[[var]] - h
  X <- design(df)
  D <- (design(up) - design(down)) / (2 * h)
  r <- average_slopes(fit, X, D)
  lapply(seq_along(fit$lev), function(k)
    list(variable = var, outcome = fit$lev[k], estimate = r$estimate[k], se = r$se[k]))
}

versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  splines = as.character(packageVersion("splines")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
out <- list(
  versions = versions, data = "synthetic.csv",
  formula_r = "mode ~ bs(x1 - x2, df = 3) + group",
  formula = "mode ~ bs(x1 - x2, df=3) + group", ref = "car",
  loglik = as.numeric(logLik(fit)),
  ame = c(average_effect("x1"), average_effect("x2"))
)
write(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "margins_spline_bounds.json")
