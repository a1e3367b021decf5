# Robust (HC0) and cluster-robust covariances of Firth fits on data that are not separated
# (tests/test_firth_sandwich_reference.py): the sandwich of the likelihood's row scores at
# the bias-reduced estimates, bread the inverse information there (brglm2's vcov).
#
# Two outcomes: womenlf.csv with `working = partic != "not.work"`, `working ~ hincome +
# children + region`, `glm(method = "brglmFit", type = "AS_mean", epsilon = 1e-12)`, and
# sandwich's `sandwich()` (HC0, estfun.glm's scores) and `vcovCL(cluster = cl, type = "HC0",
# cadjust = TRUE)` (Stata's G/(G-1)), clusters `cl = (row - 1) %/% 5` (53).
# Three outcomes: `partic ~ hincome + children + region` (reference not.work) by
# `brmultinom(type = "AS_mean", epsilon = 1e-12)`; sandwich has no estfun for it, so the
# scores x_i (y_ik - p_ik) are formed here from fitted(m), and the sandwich is
# vcov %*% meat %*% vcov, the meat summed over rows or over clusters (times G/(G-1)).
# Stored: coefficients and standard errors as outcome -> column -> value.
#
# Run from this folder: Rscript make_firth_sandwich.R (writes firth_sandwich.json).
suppressPackageStartupMessages({ library(brglm2); library(sandwich); library(jsonlite) })
d <- read.csv("womenlf.csv")
d$partic <- factor(d$partic, levels = c("not.work", "fulltime", "parttime"))
d$children <- factor(d$children, levels = c("absent", "present"))
d$region <- factor(d$region)
d$working <- as.numeric(d$partic != "not.work")
d$cl <- (seq_len(nrow(d)) - 1) %/% 5

named <- function(v) as.list(setNames(unname(v), names(v)))
b <- glm(working ~ hincome + children + region, binomial, d, method = "brglmFit",
         type = "AS_mean", epsilon = 1e-12, maxit = 1000)
binary <- list(
  converged = b$converged,
  coef = list(yes = named(coef(b))),
  se_robust = list(yes = named(sqrt(diag(sandwich(b))))),
  se_cluster = list(yes = named(sqrt(diag(vcovCL(b, cluster = ~cl, type = "HC0",
                                                 cadjust = TRUE)))))
)

m <- brmultinom(partic ~ hincome + children + region, data = d, type = "AS_mean",
                epsilon = 1e-12, maxit = 1000)
B <- coef(m)                       # (K - 1) x p
X <- model.matrix(~ hincome + children + region, d)
P <- fitted(m)                     # n x K, columns in level order
Y <- model.matrix(~ partic - 1, d)
R <- (Y - P)[, -1, drop = FALSE]   # scores of the non-reference equations
S <- do.call(cbind, lapply(seq_len(ncol(R)), function(k) X * R[, k]))  # equation-major
V <- vcov(m)                       # same order: equation by equation
sandwich_of <- function(U, factor = 1) factor * V %*% crossprod(U) %*% V
Ucl <- rowsum(S, d$cl)
G <- nrow(Ucl)
se_table <- function(C) {
  s <- sqrt(diag(C))
  out <- list()
  for (k in seq_len(nrow(B))) {
    idx <- (k - 1) * ncol(B) + seq_len(ncol(B))
    out[[rownames(B)[k]]] <- as.list(setNames(s[idx], colnames(B)))
  }
  out
}
coef_table <- function(B) {
  out <- list()
  for (k in rownames(B)) out[[k]] <- as.list(setNames(unname(B[k, ]), colnames(B)))
  out
}
multinomial <- list(
  converged = m$converged,
  coef = coef_table(B),
  se_robust = se_table(sandwich_of(S)),
  se_cluster = se_table(sandwich_of(Ucl, G / (G - 1)))
)
out <- list(
  binary = binary,
  multinomial = multinomial,
  versions = list(R = R.version.string, brglm2 = as.character(packageVersion("brglm2")),
                  sandwich = as.character(packageVersion("sandwich")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "firth_sandwich.json")
