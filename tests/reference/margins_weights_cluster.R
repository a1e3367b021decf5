# Reference values for mnlogit's margins with frequency weights, with robust (HC0) and
# cluster-robust covariances, and for the effect of a variable that enters through several
# terms, on carData's Womenlf (womenlf.csv, written by margins_womenlf.R).
# Run from this folder:  Rscript margins_weights_cluster.R   -> margins_weights_cluster.json
#
# The sandwich is built by hand from nnet::multinom's fit (sandwich has no estfun for
# multinom): row scores u_i = (e_{y_i} - P_i) (x) x_i over the non-reference equations,
# bread vcov(fit), meat sum_g (sum_{i in g} w_i u_i)(...)', times G / (G - 1) for clusters
# (Stata's mlogit, vce(cluster)); no factor for HC0. emmeans is given the covariance through
# vcov. = ..., so its grid margins with it are a second, independent computation.
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- factor(df$partic, levels = c("fulltime", "not.work", "parttime"))
df$w <- 1 + (seq_len(nrow(df)) %% 3)               # frequency weights 1, 2, 3, 1, ...
df$cl <- (seq_len(nrow(df)) - 1) %/% 5              # 53 clusters of 5 (the last of 3) rows

fit_multinom <- function(formula, weighted = FALSE) {
  if (weighted) {
    eval(bquote(multinom(.(formula), data = df, weights = w, Hess = TRUE, trace = FALSE,
                         maxit = 10000, reltol = 1e-16, abstol = 1e-300)))
  } else {
    eval(bquote(multinom(.(formula), data = df, Hess = TRUE, trace = FALSE, maxit = 10000,
                         reltol = 1e-16, abstol = 1e-300)))
  }
}

design <- function(fit, newdata) {
  model.matrix(delete.response(terms(fit)), newdata, xlev = fit$xlevels,
               contrasts.arg = fit$contrasts)
}

probs <- function(X, B) {
  e <- cbind(0, X %*% t(B)); P <- exp(e - apply(e, 1, max)); P / rowSums(P)
}

sandwich_cov <- function(fit, w, clusters = NULL) {
  X <- design(fit, df)
  B <- coef(fit)
  P <- probs(X, B)
  Y <- model.matrix(~ partic - 1, df)
  K <- ncol(P); p <- ncol(X)
  U <- do.call(cbind, lapply(2:K, function(l) (Y[, l] - P[, l]) * X))  # vcov order
  U <- U * w
  if (is.null(clusters)) {
    meat <- crossprod(U); factor <- 1
  } else {
    S <- rowsum(U, clusters); meat <- crossprod(S)
    G <- nrow(S); factor <- G / (G - 1)
  }
  A <- vcov(fit)
  factor * A %*% meat %*% A
}

# margins averaged over the rows with weights w, Jacobian analytic:
# dP_ik / db_l = P_ik (delta_kl - P_il) x_i
row_margin <- function(fit, newdata, w, V) {
  X <- design(fit, newdata)
  P <- probs(X, coef(fit))
  K <- ncol(P); p <- ncol(X)
  J <- matrix(0, K, (K - 1) * p)
  for (k in 1:K) for (l in 2:K) {
    d <- w * P[, k] * ((k == l) - P[, l])
    J[k, ((l - 2) * p + 1):((l - 1) * p)] <- colSums(d * X) / sum(w)
  }
  list(P = colSums(w * P) / sum(w), J = J, se = sqrt(diag(J %*% V %*% t(J))))
}

set_values <- function(values) {
  nd <- df
  for (v in names(values)) {
    nd[[v]] <- if (is.factor(df[[v]])) factor(values[[v]], levels = levels(df[[v]])) else values[[v]]
  }
  nd
}

rows_table <- function(fit, w, V, settings) {
  out <- list(); parts <- list()
  for (s in settings) {
    r <- row_margin(fit, set_values(s), w, V)
    for (k in seq_along(fit$lev)) {
      out[[length(out) + 1]] <- c(s, list(outcome = fit$lev[k], estimate = r$P[k], se = r$se[k]))
    }
    parts[[length(parts) + 1]] <- r
  }
  list(table = out, parts = parts)
}

contrast_table <- function(fit, V, parts, labels, pairs) {
  out <- list()
  for (pr in pairs) {
    a <- parts[[pr[1]]]; b <- parts[[pr[2]]]
    J <- a$J - b$J
    se <- sqrt(diag(J %*% V %*% t(J)))
    for (k in seq_along(fit$lev)) {
      out[[length(out) + 1]] <- list(contrast = paste(labels[pr[1]], "-", labels[pr[2]]),
                                     outcome = fit$lev[k], estimate = a$P[k] - b$P[k],
                                     se = se[k])
    }
  }
  out
}

# average effect of hincome through every term it enters, with the Jacobian in b by central
# differences and the design's derivative by central differences in hincome
ame <- function(fit, w, V) {
  f <- function(b) {
    B <- matrix(b, nrow = nrow(coef(fit)), byrow = TRUE)
    h <- 1e-6
    X1 <- design(fit, transform(df, hincome = hincome + h))
    X0 <- design(fit, transform(df, hincome = hincome - h))
    X <- design(fit, df)
    P <- probs(X, B)
    G <- cbind(0, ((X1 - X0) / (2 * h)) %*% t(B))
    colSums(w * P * (G - rowSums(P * G))) / sum(w)
  }
  b <- as.vector(t(coef(fit)))
  est <- f(b)
  J <- sapply(seq_along(b), function(a) {
    s <- 1e-5 * max(1, abs(b[a])); u <- b; d <- b; u[a] <- u[a] + s; d[a] <- d[a] - s
    (f(u) - f(d)) / (2 * s)
  })
  se <- sqrt(diag(J %*% V %*% t(J)))
  lapply(seq_along(fit$lev), function(k) list(outcome = fit$lev[k], estimate = est[k], se = se[k]))
}

tidy <- function(x) {
  s <- as.data.frame(summary(x, infer = FALSE))
  s <- s[, setdiff(names(s), c("df", "asymp.LCL", "asymp.UCL", "lower.CL", "upper.CL"))]
  names(s)[names(s) == "prob"] <- "estimate"
  names(s)[names(s) == "SE"] <- "se"
  names(s)[names(s) == "partic"] <- "outcome"
  for (j in seq_along(s)) if (is.factor(s[[j]])) s[[j]] <- as.character(s[[j]])
  s
}

case <- function(formula_r, formula_py, weighted, cov_type) {
  fit <- fit_multinom(formula_r, weighted)
  w <- if (weighted) df$w else rep(1, nrow(df))
  V <- switch(cov_type,
              nonrobust = vcov(fit),
              robust = sandwich_cov(fit, w),
              cluster = sandwich_cov(fit, w, df$cl))
  at_h <- rows_table(fit, w, V, list(list(hincome = 10), list(hincome = 25)))
  over_r <- rows_table(fit, w, V, lapply(levels(df$region), function(r) list(region = r)))
  out <- list(
    formula = formula_py, weighted = weighted, cov_type = cov_type, ref = fit$lev[1],
    loglik = as.numeric(logLik(fit)),
    bse = as.list(sqrt(diag(V))),
    rows = list(
      at_hincome = at_h$table,
      over_region = over_r$table,
      reference_region = contrast_table(fit, V, over_r$parts, levels(df$region),
                                        lapply(2:nlevels(df$region), function(j) c(j, 1))),
      ame_hincome = ame(fit, w, V)
    )
  )
  if (!weighted) {  # emmeans' grid: covariates at their (unweighted) means
    out$grid <- list(
      over_region = tidy(emmeans(fit, ~ partic | region, mode = "prob", vcov. = V)),
      reference_region = tidy(contrast(emmeans(fit, ~ region | partic, mode = "prob", vcov. = V),
                                       "trt.vs.ctrl", adjust = "none"))
    )
  }
  out
}

f_main <- partic ~ hincome + children + region
f_terms <- partic ~ hincome + I(hincome^2) + hincome:region + children
py_main <- "partic ~ hincome + children + region"
py_terms <- "partic ~ hincome + I(hincome**2) + hincome:region + children"

cases <- list(
  main_weighted = case(f_main, py_main, TRUE, "nonrobust"),
  main_robust = case(f_main, py_main, FALSE, "robust"),
  main_cluster = case(f_main, py_main, FALSE, "cluster"),
  main_weighted_cluster = case(f_main, py_main, TRUE, "cluster"),
  terms_cluster = case(f_terms, py_terms, FALSE, "cluster"),
  terms_weighted = case(f_terms, py_terms, TRUE, "nonrobust")
)

versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  emmeans = as.character(packageVersion("emmeans")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
write(toJSON(list(versions = versions,
                  data = "womenlf.csv; w = 1 + (row %% 3), cl = (row - 1) %/% 5 (rows from 1)",
                  cases = cases),
             auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "margins_weights_cluster.json")
