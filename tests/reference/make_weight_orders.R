# Reference values for frequency weights spread over four orders of magnitude (1, 7, 120 and
# 5000) with model-based, robust and cluster-robust covariances and the tests built on them
# (tests/test_weight_orders_reference.py).
#
# Data: weight_orders.csv (written by make_weight_orders.py), 200 rows simulated once (numpy
# seed 2026; three outcomes k1-k3, x, z, a factor g of three levels, weights w, cluster labels
# cl from 1 to 30, of which 29 occur). Model: y ~ x * g + z, reference k1.
#  * VGAM::vglm(multinomial(refLevel = 1), weights = w), epsilon 1e-16 (it ends at a half step
#    there, its deviance no longer changing): coefficients, log-likelihood, vcov.
#  * robust (HC0) and cluster-robust covariances built here from the rows' scores
#    u_i = w_i (y_i - p_i) x x_i: HC0 sums w_i s_i s_i' (s_i the score of one observation: a
#    row of weight w is w observations, the rows repeated), cluster sums the clusters' totals
#    of u_i, times G / (G - 1) (Stata's), both as A^-1 B A^-1 with A^-1 = vcov.
#  * anova type II as car::Anova gives it: likelihood-ratio tests of refits (a term against
#    the model without it and the terms containing it), and with a sandwich covariance Wald
#    tests W(term and the terms containing it) - W(the terms containing it), which is car's
#    Anova.II.default with vcov. (its hypothesis matrix, the conjugate complement in V).
#  * Wald tests of the term x:g in both equations, and of x:2 = 0.5 x:1 (one restriction).
#
# Run from this folder: Rscript make_weight_orders.R  (writes weight_orders.json)

suppressMessages({
  library(VGAM)
  library(jsonlite)
})

d <- read.csv("weight_orders.csv", stringsAsFactors = TRUE)
ctl <- vglm.control(epsilon = 1e-16, maxit = 500)
fit <- function(f) suppressWarnings(vglm(f, multinomial(refLevel = 1), data = d, weights = w,
                                         control = ctl))
m <- fit(y ~ x * g + z)
X <- model.matrix(~ x * g + z, d)
cols <- colnames(X)
# equation-major order (k2's coefficients, then k3's), as mnlogit's cov_params
names_em <- c(paste0(cols, ":1"), paste0(cols, ":2"))
b <- coef(m)[names_em]
A <- vcov(m)[names_em, names_em]
Y <- cbind(d$y == "k2", d$y == "k3") * 1
P <- fitted(m)[, c("k2", "k3")]
s <- cbind((Y - P)[, 1] * X, (Y - P)[, 2] * X)  # one observation's score, per row
B_hc0 <- crossprod(s * sqrt(d$w))
U <- rowsum(s * d$w, d$cl)
G <- nrow(U)
V <- list(
  nonrobust = A,
  robust = A %*% B_hc0 %*% A,
  cluster = G / (G - 1) * A %*% crossprod(U) %*% A
)

wald <- function(V, idx, R = NULL, q = NULL) {
  if (is.null(R)) {
    R <- diag(length(b))[idx, , drop = FALSE]
    q <- rep(0, nrow(R))
  }
  e <- R %*% b - q
  drop(t(e) %*% solve(R %*% V %*% t(R), e))
}
of_terms <- function(terms) {
  assign <- attr(X, "assign")
  labels <- attr(terms(~ x * g + z), "term.labels")
  which(rep(assign, 2) %in% match(terms, labels))
}
relatives <- list(x = "x:g", g = "x:g", z = character(0), "x:g" = character(0))
type2_wald <- function(V) {
  sapply(names(relatives), function(t) {
    rel <- relatives[[t]]
    w_all <- wald(V, of_terms(c(t, rel)))
    if (length(rel) == 0) w_all else w_all - wald(V, of_terms(rel))
  })
}
# likelihood-ratio type II: the model with the term's relatives dropped against it without
# the term too
ll <- function(f) as.numeric(logLik(fit(f)))
lr <- c(
  x = 2 * (ll(y ~ x + g + z) - ll(y ~ g + z)),
  g = 2 * (ll(y ~ x + g + z) - ll(y ~ x + z)),
  z = 2 * (as.numeric(logLik(m)) - ll(y ~ x * g)),
  "x:g" = 2 * (as.numeric(logLik(m)) - ll(y ~ x + g + z))
)
R1 <- matrix(0, 1, length(b))
R1[1, which(names_em == "x:2")] <- 1
R1[1, which(names_em == "x:1")] <- -0.5

out <- list(
  source = "tests/reference/make_weight_orders.R",
  formula = "y ~ x * g + z",
  ref = "k1",
  columns = cols,
  params = unname(b),
  llf = as.numeric(logLik(m)),
  bse = lapply(V, function(v) unname(sqrt(diag(v)))),
  n_clusters = G,
  anova_lr = as.list(lr),
  anova_wald = lapply(V[c("robust", "cluster")], function(v) as.list(type2_wald(v))),
  wald_interaction = lapply(V, function(v) wald(v, of_terms("x:g"))),
  wald_restriction = lapply(V, function(v) wald(v, NULL, R1, 0)),
  versions = list(
    R = paste(R.version$major, R.version$minor, sep = "."),
    VGAM = as.character(packageVersion("VGAM")),
    jsonlite = as.character(packageVersion("jsonlite"))
  )
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "weight_orders.json")
