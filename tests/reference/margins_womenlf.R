# Reference values for mnlogit's margins: R's emmeans (mode = "prob") on reference grids and a
# hand delta-method computation of row-averaged margins, on carData's Womenlf (Fox 2016:
# labour-force participation of 263 Canadian women; a 3-level outcome, a numeric covariate and
# two factors). Run from this folder:  Rscript margins_womenlf.R
# Writes womenlf.csv (the data as fitted) and margins_womenlf.json.
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(carData)
  library(jsonlite)
})

df <- Womenlf
write.csv(df, "womenlf.csv", row.names = FALSE)

fit_multinom <- function(formula) {
  # tight convergence, so the coefficients agree with an exact Newton fit to ~1e-9
  # emmeans reads the formula back from the call, so the call must hold the formula itself
  eval(bquote(multinom(.(formula), data = df, Hess = TRUE, trace = FALSE, maxit = 10000,
                       reltol = 1e-16, abstol = 1e-300)))
}

tidy <- function(x) {
  s <- as.data.frame(summary(x, infer = FALSE))
  keep <- setdiff(names(s), c("df", "asymp.LCL", "asymp.UCL", "lower.CL", "upper.CL"))
  s <- s[, keep]
  names(s)[names(s) == "prob"] <- "estimate"
  names(s)[names(s) == "SE"] <- "se"
  for (j in seq_along(s)) if (is.factor(s[[j]])) s[[j]] <- as.character(s[[j]])
  s
}

# --- hand delta method for margins averaged over the observed rows -----------------------------
# P_ik = softmax over (0, x_i'b_2, ..., x_i'b_K); dP_ik / db_l = P_ik (delta_kl - P_il) x_i.
probs_and_jacobian <- function(fit, newdata) {
  X <- model.matrix(delete.response(terms(fit)), newdata,
                    xlev = fit$xlevels, contrasts.arg = fit$contrasts)
  B <- coef(fit)                         # (K-1) x p, one row per non-reference level
  eta <- cbind(0, X %*% t(B))
  P <- exp(eta - apply(eta, 1, max))
  P <- P / rowSums(P)
  K <- ncol(P); p <- ncol(X)
  J <- matrix(0, K, (K - 1) * p)         # rows: outcomes; columns: vcov order (level:column)
  for (k in 1:K) for (l in 2:K) {
    d <- P[, k] * ((k == l) - P[, l])
    J[k, ((l - 2) * p + 1):((l - 1) * p)] <- colMeans(d * X)
  }
  list(P = colMeans(P), J = J, levels = fit$lev)
}

row_margins <- function(fit, settings) {
  out <- list(); Js <- list()
  for (s in settings) {
    nd <- df
    for (v in names(s)) {
      nd[[v]] <- if (is.factor(df[[v]])) factor(s[[v]], levels = levels(df[[v]])) else s[[v]]
    }
    r <- probs_and_jacobian(fit, nd)
    se <- sqrt(diag(r$J %*% vcov(fit) %*% t(r$J)))
    for (k in seq_along(r$levels)) {
      out[[length(out) + 1]] <- c(s, list(outcome = r$levels[k], estimate = r$P[k], se = se[k]))
    }
    Js[[length(Js) + 1]] <- r
  }
  list(table = out, parts = Js)
}

row_contrast <- function(fit, parts, labels, pairs) {
  out <- list()
  for (pr in pairs) {
    a <- parts[[pr[1]]]; b <- parts[[pr[2]]]
    J <- a$J - b$J
    se <- sqrt(diag(J %*% vcov(fit) %*% t(J)))
    for (k in seq_along(a$levels)) {
      out[[length(out) + 1]] <- list(contrast = paste(labels[pr[1]], "-", labels[pr[2]]),
                                     outcome = a$levels[k], estimate = a$P[k] - b$P[k],
                                     se = se[k])
    }
  }
  out
}

# average marginal effect of hincome (a derivative), Jacobian by central differences in b
ame_hincome <- function(fit) {
  f <- function(b) {
    B <- matrix(b, nrow = nrow(coef(fit)), byrow = TRUE)
    h <- 1e-6
    X1 <- model.matrix(delete.response(terms(fit)), transform(df, hincome = hincome + h),
                       xlev = fit$xlevels)
    X0 <- model.matrix(delete.response(terms(fit)), transform(df, hincome = hincome - h),
                       xlev = fit$xlevels)
    pr <- function(X) { e <- cbind(0, X %*% t(B)); P <- exp(e - apply(e, 1, max)); P / rowSums(P) }
    X <- model.matrix(delete.response(terms(fit)), df, xlev = fit$xlevels)
    P <- pr(X)
    G <- cbind(0, ((X1 - X0) / (2 * h)) %*% t(B))   # d eta / d hincome (exact for a linear term)
    colMeans(P * (G - rowSums(P * G)))
  }
  b <- as.vector(t(coef(fit)))
  est <- f(b)
  J <- sapply(seq_along(b), function(a) {
    s <- 1e-5 * max(1, abs(b[a])); u <- b; d <- b; u[a] <- u[a] + s; d[a] <- d[a] - s
    (f(u) - f(d)) / (2 * s)
  })
  se <- sqrt(diag(J %*% vcov(fit) %*% t(J)))
  lapply(seq_along(fit$lev), function(k) list(outcome = fit$lev[k], estimate = est[k], se = se[k]))
}

model_output <- function(fit, formula_py) {
  co <- coef(fit)
  list(
    formula_r = deparse(formula(fit)),
    formula = formula_py,
    ref = fit$lev[1],
    loglik = as.numeric(logLik(fit)),
    coefficients = lapply(split(co, row(co)), function(r) setNames(as.list(r), colnames(co))) |>
      setNames(rownames(co)),
    grid = list(
      over_children = tidy(emmeans(fit, ~ partic | children, mode = "prob")),
      over_region = tidy(emmeans(fit, ~ partic | region, mode = "prob")),
      at_hincome = tidy(emmeans(fit, ~ partic | hincome, mode = "prob",
                                at = list(hincome = c(10, 20, 30)))),
      at_region_hincome_over_children = tidy(emmeans(
        fit, ~ partic | children * hincome, mode = "prob",
        at = list(region = "Ontario", hincome = c(10, 30)))),
      pairwise_region = tidy(pairs(emmeans(fit, ~ region | partic, mode = "prob"),
                                   adjust = "none")),
      reference_region = tidy(contrast(emmeans(fit, ~ region | partic, mode = "prob"),
                                       "trt.vs.ctrl", adjust = "none")),
      pairwise_hincome = tidy(pairs(emmeans(fit, ~ hincome | partic, mode = "prob",
                                            at = list(hincome = c(10, 20, 30))),
                                    adjust = "none"))
    )
  )
}

main <- fit_multinom(partic ~ hincome + children + region)
inter <- fit_multinom(partic ~ log(hincome) * children + region)
out_main <- model_output(main, "partic ~ hincome + children + region")
out_inter <- model_output(inter, "partic ~ np.log(hincome) * children + region")

for (nm in c("main", "inter")) {
  fit <- if (nm == "main") main else inter
  at_h <- row_margins(fit, list(list(hincome = 10), list(hincome = 20), list(hincome = 30)))
  over_c <- row_margins(fit, list(list(children = "absent"), list(children = "present")))
  rows <- list(
    at_hincome = at_h$table,
    over_children = over_c$table,
    reference_children = row_contrast(fit, over_c$parts, c("absent", "present"), list(c(2, 1))),
    pairwise_hincome = row_contrast(fit, at_h$parts, c("10", "20", "30"),
                                    list(c(1, 2), c(1, 3), c(2, 3)))
  )
  if (nm == "main") rows$ame_hincome <- ame_hincome(fit)
  if (nm == "main") out_main$rows <- rows else out_inter$rows <- rows
}

versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  emmeans = as.character(packageVersion("emmeans")),
  carData = as.character(packageVersion("carData")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
write(toJSON(list(versions = versions, data = "carData::Womenlf (womenlf.csv)",
                  models = list(main = out_main, inter = out_inter)),
             auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "margins_womenlf.json")
