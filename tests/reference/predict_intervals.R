# Reference values for mnlogit's prediction_intervals(): per-row predicted probabilities of
# nnet::multinom fits on womenlf.csv (carData's Womenlf, written by margins_womenlf.R), their
# delta-method standard errors sqrt(J V J') with J = dP_ik/dB = P_ik (delta_kl - P_il) x_i and
# V = vcov(fit), and 90% intervals taken on the logit scale, plogis(qlogis(P) -/+ z se / (P (1 - P))),
# which stay inside [0, 1]. emmeans (mode = "prob") at the same rows gives the same standard
# errors (stored as emmeans_se, a check of the hand computation). New rows: the factors as
# text, hincome inside and beyond the fitted range (1 to 45).
# Run from this folder:  Rscript predict_intervals.R   Writes predict_intervals.json.
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$w <- 1 + (seq_len(nrow(df)) %% 3)

new <- data.frame(hincome = c(2, 10, 25, 45, 60),
                  children = c("absent", "present", "absent", "present", "absent"),
                  region = c("Ontario", "Quebec", "BC", "Atlantic", "Prairie"),
                  stringsAsFactors = FALSE)
alpha <- 0.1
z <- qnorm(1 - alpha / 2)

rows <- function(fit) {
  nd <- new
  for (v in c("children", "region")) nd[[v]] <- factor(nd[[v]], levels = levels(df[[v]]))
  X <- model.matrix(delete.response(terms(fit)), nd, xlev = fit$xlevels,
                    contrasts.arg = fit$contrasts)
  B <- coef(fit)
  eta <- cbind(0, X %*% t(B))
  P <- exp(eta - apply(eta, 1, max))
  P <- P / rowSums(P)
  K <- ncol(P); p <- ncol(X)
  V <- vcov(fit)
  se <- matrix(0, nrow(P), K)
  for (i in seq_len(nrow(P))) {
    J <- matrix(0, K, (K - 1) * p)
    for (k in 1:K) for (l in 2:K) {
      J[k, ((l - 2) * p + 1):((l - 1) * p)] <- P[i, k] * ((k == l) - P[i, l]) * X[i, ]
    }
    se[i, ] <- sqrt(diag(J %*% V %*% t(J)))
  }
  half <- z * se / (P * (1 - P))
  list(P = P, se = se, lower = plogis(qlogis(P) - half), upper = plogis(qlogis(P) + half))
}

emmeans_se <- function(fit) {
  out <- matrix(NA_real_, nrow(new), length(fit$lev))
  for (i in seq_len(nrow(new))) {
    g <- emmeans(fit, ~ partic, mode = "prob",
                 at = list(hincome = new$hincome[i], children = new$children[i],
                           region = new$region[i]))
    s <- as.data.frame(summary(g))
    out[i, ] <- s$SE[match(fit$lev, as.character(s$partic))]
  }
  out
}

cases <- list(
  main = list(r = partic ~ hincome + children + region, weighted = FALSE,
              py = "partic ~ hincome + children + region"),
  log_interaction = list(r = partic ~ log(hincome) * children + region, weighted = FALSE,
                         py = "partic ~ np.log(hincome) * children + region"),
  weighted = list(r = partic ~ hincome + children + region, weighted = TRUE,
                  py = "partic ~ hincome + children + region")
)

out <- list()
for (name in names(cases)) {
  case <- cases[[name]]
  fit <- if (case$weighted) {
    eval(bquote(multinom(.(case$r), data = df, weights = w, Hess = TRUE, trace = FALSE,
                         maxit = 10000, reltol = 1e-16, abstol = 1e-300)))
  } else {
    eval(bquote(multinom(.(case$r), data = df, Hess = TRUE, trace = FALSE, maxit = 10000,
                         reltol = 1e-16, abstol = 1e-300)))
  }
  r <- rows(fit)
  out[[name]] <- list(formula = case$py, weights = if (case$weighted) "w" else "",
                      levels = fit$lev, prob = unname(split(r$P, row(r$P))),
                      se = unname(split(r$se, row(r$se))),
                      lower = unname(split(r$lower, row(r$lower))),
                      upper = unname(split(r$upper, row(r$upper))),
                      emmeans_se = unname(split(emmeans_se(fit), row(r$se))))
}

versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 emmeans = as.character(packageVersion("emmeans")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, alpha = alpha, newdata = new, cases = out),
           "predict_intervals.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
