# The weighted maximum-likelihood estimates of y ~ x1 + x2 (reference "a") on the rows of
# heavy_stratum_11.csv with x1 > 0 (the subpopulation of a survey fit: its point estimates
# are those of the weighted fit of its rows), stratum B's rows weighing a million times the
# others'. Plain Newton from zero with step halving, stopped when the scaled gradient
# U'I^-1U (the squared Newton step in standard errors) is below 1e-18, the rounding
# its sums leave (nnet::multinom, a BFGS fit, stops far from it at these weights).
library(jsonlite)
d <- read.csv("heavy_stratum_11.csv")
d <- d[d$x1 > 0, ]
X <- cbind(1, d$x1, d$x2)
Y <- cbind(d$y == "b", d$y == "c") * 1
w <- d$w
p <- ncol(X); q <- ncol(Y)
loglik <- function(b) {
  B <- matrix(b, p, q)
  eta <- cbind(0, X %*% B)
  m <- apply(eta, 1, max)
  lse <- m + log(rowSums(exp(eta - m)))
  sum(w * (rowSums(Y * (X %*% B)) - lse))
}
stats <- function(b) {
  B <- matrix(b, p, q)
  eta <- cbind(0, X %*% B)
  m <- apply(eta, 1, max)
  P <- exp(eta - m)
  P <- (P / rowSums(P))[, -1, drop = FALSE]
  U <- as.vector(crossprod(X, w * (Y - P)))
  I <- matrix(0, p * q, p * q)
  for (j in 1:q) for (k in 1:q) {
    I[(j - 1) * p + 1:p, (k - 1) * p + 1:p] <- crossprod(X, (w * P[, j] * ((j == k) - P[, k])) * X)
  }
  list(U = U, I = I)
}
b <- rep(0, p * q)
for (it in 1:200) {
  s <- stats(b)
  step <- solve(s$I, s$U)
  g <- sum(s$U * step)
  if (g < 1e-18) break
  t <- 1
  while (loglik(b + t * step) < loglik(b) - 1e-12 * abs(loglik(b)) && t > 1e-10) t <- t / 2
  b <- b + t * step
}
s <- stats(b)
out <- list(
  coefficients = matrix(b, p, q, dimnames = list(c("Intercept", "x1", "x2"), c("b", "c"))),
  loglik = loglik(b), scaled_gradient = sum(s$U * solve(s$I, s$U)), iterations = it,
  nobs = nrow(d),
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "heavy_subpopulation.json")
