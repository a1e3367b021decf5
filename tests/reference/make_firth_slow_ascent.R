# The bias-reduced (Firth, "AS_mean") fit of firth_slow_ascent.csv (make_firth_slow_ascent.py)
# by brglm2::brmultinom run for 1000 iterations, y ~ x0 + x1 + x2 + x3 with reference "a":
# its quasi-Fisher scoring converges linearly there, and brglm2 reports converged = FALSE
# (its test asks the adjusted score below epsilon), but after 1000 iterations the
# coefficients had settled (they agree to 2e-8 with a Newton iteration on the penalised
# log-likelihood itself, differentiated by complex steps). Writes firth_slow_ascent.json.
# Run from tests/reference: Rscript make_firth_slow_ascent.R
suppressPackageStartupMessages({
  library(brglm2)
  library(jsonlite)
})

d <- read.csv("firth_slow_ascent.csv")
d$y <- relevel(factor(d$y), ref = "a")
fit <- suppressWarnings(brmultinom(y ~ x0 + x1 + x2 + x3, data = d, type = "AS_mean",
                                   control = list(epsilon = 1e-15, maxit = 1000)))
cm <- coef(fit)
out <- list(
  rownames = rownames(cm), colnames = colnames(cm), coef_matrix = unname(cm),
  loglik = as.numeric(logLik(fit)),
  penalised_loglik = as.numeric(logLik(fit)) -
    0.5 * as.numeric(determinant(vcov(fit), logarithm = TRUE)$modulus),
  iter = fit$iter, converged = fit$converged,
  `_about` = list(
    software = sprintf("%s, brglm2 %s", R.version.string, packageVersion("brglm2")),
    call = paste('brmultinom(y ~ x0 + x1 + x2 + x3, data, type = "AS_mean",',
                 'control = list(epsilon = 1e-15, maxit = 1000))'),
    layout = paste("coef_matrix rows = rownames (non-reference outcomes), columns = colnames;",
                   "penalised_loglik = loglik - log det(vcov) / 2")
  )
)
write_json(out, "firth_slow_ascent.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
