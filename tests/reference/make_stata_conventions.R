# Stata's conventions after mlogit, computed by hand in R from their documented formulas on
# the bundled travel data (mode ~ income + age + region, base outcome car):
#   vce(robust):      N/(N-1) * HC0 sandwich ([P] _robust: ML estimators use N/(N-1))
#   vce(cluster id):  G/(G-1) * cluster sandwich (no (N-1)/(N-K): that factor is regress's)
#   estat ic:         AIC = -2 ll + 2 k, BIC = -2 ll + k ln(N), N = observations used
#   rrr:              exp(b), CI = exp of the coefficient's Wald CI
#   test [bus=train]: every coefficient but the constant equal in both equations (Wald)
#   test [bus]:       every coefficient of bus but the constant 0 (Wald)
# Run from the repository root: Rscript tests/reference/make_stata_conventions.R
suppressMessages({
  library(nnet)
  library(jsonlite)
})
d <- read.csv("mnlogit/data/travel.csv", stringsAsFactors = FALSE)
d <- d[complete.cases(d[, c("mode", "income", "age", "region")]), ]
d$mode <- relevel(factor(d$mode), ref = "car")
d$region <- factor(d$region)
m <- multinom(mode ~ income + age + region, data = d, trace = FALSE, reltol = 1e-14,
              maxit = 1000)
X <- model.matrix(~ income + age + region, d)
B <- t(coef(m))
V <- vcov(m)
N <- nrow(X); p <- ncol(X); q <- ncol(B)
eta <- cbind(0, X %*% B)
P <- exp(eta - apply(eta, 1, max)); P <- P / rowSums(P)
Y <- sapply(c("car", colnames(B)), function(l) as.numeric(d$mode == l))
U <- do.call(cbind, lapply(1:q, function(k) X * (Y[, k + 1] - P[, k + 1])))
hc0 <- V %*% crossprod(U) %*% V
g <- d$household; G <- length(unique(g))
cl <- V %*% crossprod(rowsum(U, g)) %*% V * G / (G - 1)
ll <- as.numeric(logLik(m)); k <- length(B)
b <- as.vector(B); se <- sqrt(diag(V)); z <- qnorm(0.975)
wald <- function(R) {
  d <- R %*% b
  as.numeric(t(d) %*% solve(R %*% V %*% t(R), d))
}
slopes <- 2:p  # the columns but the constant
R_eq <- t(sapply(slopes, function(j) {
  r <- rep(0, k); r[j] <- 1; r[p + j] <- -1; r  # bus:x - train:x
}))
R_bus <- t(sapply(slopes, function(j) {
  r <- rep(0, k); r[j] <- 1; r
}))
out <- list(
  r_version = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  labels = colnames(V),  # outcome:column, equation by equation
  params = b,
  se_robust_stata = sqrt(diag(hc0) * N / (N - 1)),
  se_cluster_stata = sqrt(diag(cl)),
  clusters = G,
  nobs = N,
  llf = ll,
  aic = -2 * ll + 2 * k,
  bic = -2 * ll + log(N) * k,
  rrr = exp(b),
  rrr_lower = exp(b - z * se),
  rrr_upper = exp(b + z * se),
  wald_bus_equals_train = wald(R_eq),
  wald_bus = wald(R_bus),
  wald_df = length(slopes)
)
write_json(out, "tests/reference/stata_conventions.json", digits = NA, auto_unbox = TRUE,
           pretty = TRUE)
