# Maximum-likelihood fits with more coefficients than rows: y = A, B, C, D, A on x = 0..4 (5
# rows, 4 outcomes, 2 design columns: 3 x 2 = 6 coefficients). The design has full column rank
# and no outcome is separated (each of B, C, D sits between two rows of A), so the estimates
# exist; nnet::multinom fits them (reltol 1e-16), VGAM's vglm agrees, and the same rows with
# frequency weights 2 (ten observations) give the same estimates, their standard errors
# divided by sqrt(2). Reference A (R's first level). Firth's bias-reduced estimates of the five
# rows by brglm2::brmultinom (type = "AS_mean", the Jeffreys-penalised likelihood's maximiser
# for this canonical model; epsilon 1e-12), which needs the same full-rank design.
# Run from tests/reference:  Rscript make_fewer_rows_than_coefficients.R
# Writes fewer_rows_than_coefficients.json.
suppressPackageStartupMessages({
  library(nnet)
  library(VGAM)
  library(brglm2)
  library(jsonlite)
})

d <- data.frame(y = factor(c("A", "B", "C", "D", "A")), x = c(0, 1, 2, 3, 4))
fit_nnet <- function(w) {
  m <- multinom(y ~ x, data = d, weights = w, reltol = 1e-16, abstol = 1e-300, maxit = 10000,
                trace = FALSE, Hess = TRUE)
  list(coef = coef(m), se = matrix(sqrt(diag(vcov(m))), nrow = 3, byrow = TRUE,
                                   dimnames = dimnames(coef(m))),
       loglik = as.numeric(logLik(m)), convergence = m$convergence)
}
fit_vgam <- function(w) {
  dw <- cbind(d, w = w)
  m <- vglm(y ~ x, multinomial(refLevel = 1), data = dw, weights = w,
            control = vglm.control(epsilon = 1e-14, maxit = 200))
  b <- coef(m)  # (Intercept):1..3, x:1..3
  se <- sqrt(diag(vcov(m)))
  list(coef = rbind(B = b[c(1, 4)], C = b[c(2, 5)], D = b[c(3, 6)]),
       se = rbind(B = se[c(1, 4)], C = se[c(2, 5)], D = se[c(3, 6)]),
       loglik = as.numeric(logLik(m)))
}
fit_firth <- function() {
  m <- brmultinom(y ~ x, data = d, type = "AS_mean", control = list(epsilon = 1e-12, maxit = 1000))
  se <- matrix(sqrt(diag(vcov(m))), nrow = 3, byrow = TRUE)  # B:(Intercept), B:x, C:...
  list(coef = coef(m), se = se, converged = m$converged)
}
versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 VGAM = as.character(packageVersion("VGAM")),
                 brglm2 = as.character(packageVersion("brglm2")),
                 jsonlite = as.character(packageVersion("jsonlite")))
out <- list(
  versions = versions,
  data = list(y = as.character(d$y), x = d$x),
  r_call = "multinom(y ~ x, weights = w, reltol = 1e-16, Hess = TRUE); coef rows B, C, D, columns (Intercept), x",
  unweighted = list(nnet = fit_nnet(rep(1, 5)), vgam = fit_vgam(rep(1, 5))),
  weights_two = list(nnet = fit_nnet(rep(2, 5)), vgam = fit_vgam(rep(2, 5))),
  firth = fit_firth()
)
write_json(out, "fewer_rows_than_coefficients.json", digits = NA, auto_unbox = TRUE,
           pretty = TRUE)
