# Reference values for Hausman-McFadden tests of IIA that omit the reference outcome, with
# frequency weights and factors, on carData's Womenlf (womenlf.csv, written by
# margins_womenlf.R): partic ~ hincome + children + region, reference not.work, weights
# w = 1 + (row %% 3).
# Run from this folder:  Rscript make_iia_reference.R   -> iia_reference.json
#
# As Stata/SPost's mlogtest, iia: omitting the reference refits both models against the
# largest remaining outcome (by weighted count); the restricted model drops the omitted
# outcome's rows; d = b_restricted - b_full over every coefficient of the restricted model's
# equations (intercepts included), V = V_restricted - V_full (model-based covariances),
# H = d' V^+ d with the Moore-Penrose inverse at Stata's rank tolerance
# (k * eps * max |eigenvalue|), df = rank(V); and H = d' V^-1 d, df = k, as mlogit::hmftest.
# The fits are VGAM::vglm(multinomial(refLevel = ...)) to epsilon 1e-14; each covariance is
# the inverse of the information sum_i w_i (diag(P_i) - P_i P_i') (x) x_i x_i', computed
# here from the fitted probabilities.
source("iia_womenlf.R")  # df, its weights w, formula

fit <- function(data, base) {
  levs <- levels(data$partic)
  f <- vglm(formula, multinomial(refLevel = match(base, levs)), data = data, weights = w,
            epsilon = 1e-14, maxit = 1000)
  B <- coef(f, matrix = TRUE)                    # columns: the non-base levels, in order
  colnames(B) <- setdiff(levs, base)
  X <- model.matrix(formula, data)
  E <- cbind(X %*% B, 0)
  P <- exp(E - apply(E, 1, max)); P <- P / rowSums(P)
  q <- ncol(B); p <- ncol(X)
  info <- matrix(0, p * q, p * q)                  # equation-major: (level, column)
  for (i in seq_len(nrow(X))) {
    Pi <- P[i, 1:q]
    info <- info + data$w[i] * kronecker(diag(Pi, q) - tcrossprod(Pi), tcrossprod(X[i, ]))
  }
  names_ <- as.vector(outer(colnames(X), colnames(B), function(t, l) paste0(l, ":", t)))
  V <- solve(info); dimnames(V) <- list(names_, names_)
  b <- setNames(as.vector(B), names_)
  list(b = b, V = V, loglik = logLik(f))
}

largest_remaining <- function(omit) {
  counts <- tapply(df$w, df$partic, sum)
  counts <- counts[names(counts) != omit]
  names(counts)[which.max(counts)]                 # ties: the first in level order
}

ref <- "not.work"
out <- list()
for (omit in levels(df$partic)) {
  base <- if (omit == ref) largest_remaining(omit) else ref
  full <- fit(df, base)
  rows <- droplevels(df[df$partic != omit, ])
  restricted <- fit(rows, base)
  common <- names(restricted$b)
  d <- restricted$b[common] - full$b[common]
  V <- restricted$V[common, common] - full$V[common, common]
  V <- (V + t(V)) / 2
  e <- eigen(V, symmetric = TRUE)
  tol <- length(d) * .Machine$double.eps * max(abs(e$values))
  keep <- abs(e$values) > tol
  z <- crossprod(e$vectors[, keep, drop = FALSE], d)
  H_mp <- sum(z^2 / e$values[keep])
  H_solve <- as.numeric(crossprod(d, solve(V, d)))
  out[[omit]] <- list(
    reference = base, coefficients = common,
    chi2_mp = H_mp, df_mp = sum(keep),
    p_mp = if (H_mp >= 0) pchisq(H_mp, sum(keep), lower.tail = FALSE) else NA,
    chi2 = H_solve, df = length(d),
    p = if (H_solve >= 0) pchisq(H_solve, length(d), lower.tail = FALSE) else NA,
    V_positive_definite = min(e$values) > tol,
    V_eigen_min = min(e$values), V_eigen_max = max(e$values)
  )
}

result <- list(
  data = "womenlf.csv", formula = "partic ~ hincome + children + region", reference = ref,
  weights = "w = 1 + (row %% 3)", omit = out,
  software = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
write(toJSON(result, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"),
      "iia_reference.json")
