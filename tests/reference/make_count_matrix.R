# nnet::multinom of a matrix response (counts per outcome level, one row per covariate
# pattern): tests/test_count_matrix_outcome.py checks that the call mnlogit's refusal of such
# a y suggests gives these estimates, standard errors and log-likelihood.
# Run from tests/reference: Rscript make_count_matrix.R
suppressMessages(library(nnet))
library(jsonlite)
set.seed(1)
n <- 30
x <- round(rnorm(n), 3)
Y <- matrix(rpois(n * 3, 3), n, 3, dimnames = list(NULL, c("a", "b", "c")))
write.csv(data.frame(x = x, Y), "count_matrix.csv", row.names = FALSE)
m <- multinom(Y ~ x, trace = FALSE, reltol = 1e-14, maxit = 1000)
se <- matrix(sqrt(diag(vcov(m))), nrow = 2, byrow = TRUE)
out <- list(
  coef = unname(coef(m)), se = se, loglik = as.numeric(logLik(m)), total = sum(Y),
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "count_matrix.json")
