# Outcomes that overlap by a hair: rows of "a" at x = 0, 1/19, ..., 1 and one more at 1 + eps,
# rows of "b" at x = 1, 1 + 1/19, ..., 2. For eps > 0 no direction separates them, so the
# maximum-likelihood estimates exist (far out, with large standard errors); glm's IRLS
# finds them. Unweighted, and with frequency weights w = 1 + (row %% 3) with the last row 0.
# Run from tests/reference: Rscript make_near_tie_overlap.R (writes near_tie_overlap.json).
suppressPackageStartupMessages(library(jsonlite))
one <- function(eps, weighted) {
  x <- c(seq(0, 1, length.out = 20), 1 + eps, seq(1, 2, length.out = 20))
  y <- c(rep(0, 21), rep(1, 20))
  w <- if (weighted) c(1 + (seq_along(x)[-41] %% 3), 0) else rep(1, 41)
  f <- suppressWarnings(glm(y ~ x, binomial, data.frame(x, y), weights = w,
                            control = list(epsilon = 1e-14, maxit = 500)))
  list(eps = eps, weighted = weighted, converged = f$converged, coef = unname(coef(f)),
       se = unname(sqrt(diag(vcov(f)))), loglik = as.numeric(logLik(f)))
}
out <- list(
  fits = list(one(1e-7, FALSE), one(1e-8, FALSE), one(1e-7, TRUE)),
  versions = list(R = R.version.string)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "near_tie_overlap.json")
