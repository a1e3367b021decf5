# Stateful transforms learned on the rows used beside R's model.frame, which learns them on
# every row before na.omit drops the rows missing another column
# (tests/test_learned_rows_reference.py): nesting_forms.csv with z missing wherever x > 1
# (44 of 400 rows), nnet::multinom (reltol 1e-16, reference ant): `y ~ poly(x, 2) + z` and
# `y ~ scale(x) + z` (R's basis and centre of all 400 rows: other coefficients, the same fit),
# `y ~ splines::bs(x, df = 4) + z` (R's knot and bounds of all 400 rows: another fit), and
# the same spline with R's knots given, as mnlogit writes them (bs(x, knots=[...],
# lower_bound=..., upper_bound=...)), and `y ~ scale(log(1 - x)) + z`, whose log is NaN on
# exactly the rows missing z, which R's scale() leaves out (the same coefficients as
# mnlogit's). Log-likelihoods, coefficients, R's knots and bounds.
# Run from this folder:  Rscript make_learned_rows.R
suppressPackageStartupMessages({
  library(nnet)
  library(splines)
  library(jsonlite)
})

d <- read.csv("nesting_forms.csv", stringsAsFactors = TRUE)
d$z[d$x > 1] <- NA
fit <- function(f) multinom(as.formula(f), d, trace = FALSE, reltol = 1e-16, maxit = 10000)
one <- function(f) {
  m <- fit(f)
  list(formula = f, loglik = as.numeric(logLik(m)), nobs = nrow(model.matrix(m)),
       columns = colnames(model.matrix(m)), coef = unname(t(coef(m))))
}
basis <- bs(d$x, df = 4)
knots <- unname(attr(basis, "knots"))
bounds <- unname(attr(basis, "Boundary.knots"))
given <- sprintf("y ~ bs(x, knots = c(%s), Boundary.knots = c(%s)) + z",
                 paste(sprintf("%.17g", knots), collapse = ", "),
                 paste(sprintf("%.17g", bounds), collapse = ", "))
out <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  splines = as.character(packageVersion("splines")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  n_missing = sum(is.na(d$z)),
  poly = one("y ~ poly(x, 2) + z"),
  scale = one("y ~ scale(x) + z"),
  bs = one("y ~ bs(x, df = 4) + z"),
  bs_given = one(given),
  scale_log = suppressWarnings(one("y ~ scale(log(1 - x)) + z")),  # log's NaNs warn
  knots = I(knots),
  bounds = bounds
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "learned_rows.json")
