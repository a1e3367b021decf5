# Effects on a reference grid far beyond the data (tests/test_effects_undetermined.py):
# emmeans' delta-method effects (mode = "prob", df = Inf) of hincome (emtrends, whose forward
# difference takes a step delta.var = 1e-3, not 0.001 of the range: 1.5e-3 off) and of
# children (pairs, present - absent) at hincome = 30, 1000 and 5000 (emmeans fails beyond);
# and, at 1000, 5000 and 1e5, a witness computed here from the log-probabilities: the
# coefficients moved from the estimate along V a / sqrt(a' V a), a the gradient of the logit
# of the grid margin of parttime, by t = -sign(logit) min(|logit| / se(logit), z) (a point of
# the ellipsoid (b - b^)' V^-1 (b - b^) <= z^2 whose first-order logit is 0), and the grid
# effects of hincome there.
# Run from tests/reference: Rscript make_effects_undetermined.R
suppressMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})
d <- read.csv("womenlf.csv", stringsAsFactors = FALSE)
d$partic <- factor(d$partic, levels = c("not.work", "fulltime", "parttime"))
d$children <- factor(d$children)
fit <- multinom(partic ~ hincome + children, data = d, trace = FALSE, reltol = 1e-16,
                maxit = 1000)
B <- coef(fit)  # rows fulltime, parttime; columns (Intercept), hincome, childrenpresent
V <- vcov(fit)  # equation-major: fulltime:(Intercept), ..., parttime:...
lev <- levels(d$partic)
z <- qnorm(0.975)
lse <- function(v) { m <- max(v); m + log(sum(exp(v - m))) }
at_emmeans <- c(30, 1000, 5000)
tr <- summary(emtrends(fit, ~ partic | hincome, var = "hincome", delta.var = 1e-3,
                       at = list(hincome = at_emmeans), mode = "prob", df = Inf))
ch <- summary(pairs(emmeans(fit, ~ children | partic * hincome,
                            at = list(hincome = at_emmeans), mode = "prob", df = Inf),
                    reverse = TRUE))
grid_effects <- function(Bm, h) {
  # the grid: children's two levels, weighted equally, as emmeans averages them
  X <- rbind(c(1, h, 0), c(1, h, 1))
  eta <- cbind(0, X %*% t(Bm))
  P <- exp(eta - apply(eta, 1, lse))
  g <- c(0, Bm[, 2])  # d eta / d hincome
  colMeans(P * (matrix(g, 2, 3, byrow = TRUE) - drop(P %*% g)))
}
witness <- list()
k <- 3  # parttime
for (h in c(1000, 5000, 1e5)) {
  X <- rbind(c(1, h, 0), c(1, h, 1))
  u <- c(0.5, 0.5)
  eta <- cbind(0, X %*% t(B))
  logP <- eta - apply(eta, 1, lse)
  log1m <- apply(logP[, -k, drop = FALSE], 1, lse)
  log_m <- lse(log(u) + logP[, k])
  log_1m <- lse(log(u) + log1m)
  rho <- u * exp(logP[, k] + log1m - log_m - log_1m)
  a <- rep(0, length(B))
  for (i in 1:2) {
    cc <- -exp(logP[i, ] - log1m[i])
    cc[k] <- 1
    a <- a + rho[i] * as.vector(t(outer(cc[-1], X[i, ])))
  }
  s <- sqrt(drop(t(a) %*% V %*% a))
  logit <- log_m - log_1m
  t <- -sign(logit) * min(abs(logit) / s, z)
  Bw <- B + t * matrix(drop(V %*% a) / s, nrow = 2, byrow = TRUE)
  e <- grid_effects(Bw, h)
  witness[[length(witness) + 1]] <- data.frame(hincome = h, outcome = lev, t = t,
                                               logit = logit, se_logit = s, effect = unname(e),
                                               row.names = NULL)
}
res <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  emmeans = as.character(packageVersion("emmeans")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  formula = "partic ~ hincome + children", ref = "not.work",
  loglik = as.numeric(logLik(fit)), z = z,
  emtrends = data.frame(hincome = tr$hincome, outcome = as.character(tr$partic),
                        effect = tr$hincome.trend, se = tr$SE),
  children = data.frame(hincome = ch$hincome, outcome = as.character(ch$partic),
                        effect = ch$estimate, se = ch$SE),
  witness = do.call(rbind, witness))
write_json(res, "effects_undetermined.json", digits = NA, pretty = TRUE, auto_unbox = TRUE)
