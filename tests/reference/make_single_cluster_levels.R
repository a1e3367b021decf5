# Reference values for outcome levels whose rows all lie in one cluster
# (tests/test_single_cluster_levels.py): single_cluster_levels.csv (written by
# make_single_cluster_levels.py), y ~ x1 + x2 with frequency weights w against level a, by
# VGAM::vglm(multinomial(refLevel = 1)) to epsilon 1e-14: coefficients, model-based standard
# errors (sqrt of diag(vcov)) and the cluster-robust ones of clusters cl built by hand from
# the row scores, V (sum over clusters of s_g s_g') V * G / (G - 1) with s_g the sum of
# w_i (y_i - p_i) x_i over the cluster's rows (Stata's vce(cluster) of frequency weights; R's
# sandwich has no estfun for VGAM's multinomial). Levels f (6 observations), g (15) and h (2)
# each lie in one cluster: their cluster-robust standard errors are a fraction of the
# model-based ones.
#
# Run from this folder: Rscript make_single_cluster_levels.R  (writes single_cluster_levels.json)

suppressMessages({
  library(VGAM)
  library(jsonlite)
})

d <- read.csv("single_cluster_levels.csv")
d$y <- factor(d$y)
f <- suppressWarnings(vglm(y ~ x1 + x2, multinomial(refLevel = 1), data = d, weights = w,
                           control = vglm.control(epsilon = 1e-14, maxit = 300)))
X <- model.matrix(~ x1 + x2, d)
P <- fitted(f)
Y <- model.matrix(~ y - 1, d)
R <- (Y - P)[, -1, drop = FALSE] * d$w
U <- do.call(cbind, lapply(seq_len(ncol(X)), function(j) X[, j] * R))  # vglm's (term, equation)
V <- vcov(f)
S <- rowsum(U, d$cl)
G <- nrow(S)
Vc <- V %*% crossprod(S) %*% V * G / (G - 1)
levs <- levels(d$y)
p <- ncol(X)
cells <- function(v) {
  m <- matrix(v, nrow = p, byrow = TRUE)
  setNames(lapply(seq_len(ncol(m)), function(k) as.list(setNames(m[, k], c("Intercept", "x1", "x2")))), levs[-1])
}
out <- list(
  formula = "y ~ x1 + x2",
  ref = levs[1],
  loglik = as.numeric(logLik(f)),
  n_clusters = G,
  coef = cells(coef(f)),
  se = cells(sqrt(diag(V))),
  se_cluster = cells(sqrt(diag(Vc))),
  versions = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "single_cluster_levels.json")
