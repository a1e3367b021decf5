# Reference values for a fit quasi-separated by rare outcomes (tests/test_rare_outcome_cells.py):
# rare_outcome_cells.csv (written by make_rare_outcome_cells.py), y ~ x1 + x2 + x3 + g against
# the first level c00, where the rare levels r1_0, r2_1, r3_2, r5_3 and the common c09 never
# occur at some levels of g. No finite maximum exists; nnet::multinom run to convergence
# (maxit 20000, reltol 1e-16; x2 / 1e4 and x3 * 1e3 so that its optimiser sees columns of
# like size, mapped back to the columns' own units) reaches the finite limits of the
# coefficients that do not diverge, with their standard errors (sqrt of diag(vcov), its
# Hessian); the diverging ones stop at magnitudes of 10 to 40 with standard errors in the
# hundreds to millions. Also the log-likelihood it reaches (the supremum to about 1e-9) and the
# likelihood-ratio statistic of x1 (the fit without x1, run the same way).
#
# Run from this folder: Rscript make_rare_outcome_cells.R  (writes rare_outcome_cells.json)

suppressMessages({
  library(nnet)
  library(jsonlite)
})

d <- read.csv("rare_outcome_cells.csv")
d$y <- factor(d$y)
d$g <- factor(d$g)
d$x2s <- d$x2 / 1e4
d$x3s <- d$x3 * 1e3
full <- multinom(y ~ x1 + x2s + x3s + g, data = d, MaxNWts = 100000, maxit = 20000,
                 reltol = 1e-16, trace = FALSE, Hess = TRUE)
no_x1 <- multinom(y ~ x2s + x3s + g, data = d, MaxNWts = 100000, maxit = 20000,
                  reltol = 1e-16, trace = FALSE)
scale <- c(1, 1, 1e-4, 1e3, rep(1, 9))  # back to the columns' units
cf <- coef(full)
se <- suppressWarnings(sqrt(diag(vcov(full))))  # nnet: ginv of its Hessian
se <- matrix(se, nrow = nrow(cf), byrow = TRUE)
terms <- c("Intercept", "x1", "x2", "x3", paste0("g[T.", LETTERS[2:10], "]"))
stopifnot(identical(colnames(cf), c("(Intercept)", "x1", "x2s", "x3s", paste0("g", LETTERS[2:10]))))
as_cells <- function(m) {
  m <- sweep(m, 2, scale, "*")
  setNames(lapply(seq_len(nrow(m)), function(i) as.list(setNames(m[i, ], terms))), rownames(cf))
}
out <- list(
  formula = "y ~ x1 + x2 + x3 + g",
  ref = levels(d$y)[1],
  convergence = c(full = full$convergence, no_x1 = no_x1$convergence),
  loglik = as.numeric(logLik(full)),
  lr_x1 = 2 * (as.numeric(logLik(full)) - as.numeric(logLik(no_x1))),
  coef = as_cells(cf),
  se = as_cells(se),
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "rare_outcome_cells.json")
