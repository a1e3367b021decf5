# Margins on a reference grid far beyond the data (tests/test_margins_undetermined.py):
# emmeans' delta-method margins (mode = "prob"), and, computed here from the log-probabilities
# so that no digit is lost where a margin rounds to 0 or 1, each margin's logit,
# log m - log(1 - m), and the delta-method standard error of that logit with vcov(fit).
# Run from tests/reference: Rscript make_margins_undetermined.R
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
lse <- function(v) { m <- max(v); m + log(sum(exp(v - m))) }
# emmeans fails past hincome = 5000 (its covariance of the margins is 0 there)
at_emmeans <- c(30, 1000, 5000)
em <- summary(emmeans(fit, ~ partic | hincome, at = list(hincome = at_emmeans),
                      mode = "prob", df = Inf))
at <- c(30, 1000, 5000, 1e7)
out <- list()
for (h in at) {
  # the grid: children's two levels, weighted equally, as emmeans averages them
  X <- rbind(c(1, h, 0), c(1, h, 1))
  u <- c(0.5, 0.5)
  eta <- cbind(0, X %*% t(B))  # (2, K), the reference's linear predictor 0
  logP <- eta - apply(eta, 1, lse)
  for (k in seq_along(lev)) {
    log1m <- apply(logP[, -k, drop = FALSE], 1, lse)  # log(1 - P_ik) from the others
    log_m <- lse(log(u) + logP[, k])
    log_1m <- lse(log(u) + log1m)
    rho <- u * exp(logP[, k] + log1m - log_m - log_1m)
    g <- rep(0, length(B))
    for (i in 1:2) {
      cc <- -exp(logP[i, ] - log1m[i])  # -P_il / (1 - P_ik)
      cc[k] <- 1
      g <- g + rho[i] * as.vector(t(outer(cc[-1], X[i, ])))  # equation-major
    }
    out[[length(out) + 1]] <- data.frame(hincome = h, outcome = lev[k], logit = log_m - log_1m,
                                         se_logit = sqrt(drop(t(g) %*% V %*% g)))
  }
}
res <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  emmeans = as.character(packageVersion("emmeans")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  formula = "partic ~ hincome + children", ref = "not.work",
  loglik = as.numeric(logLik(fit)),
  emmeans = data.frame(hincome = em$hincome, outcome = as.character(em$partic),
                       prob = em$prob, se = em$SE),
  logits = do.call(rbind, out))
write_json(res, "margins_undetermined.json", digits = NA, pretty = TRUE, auto_unbox = TRUE)
