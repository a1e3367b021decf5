# Reference values for the suest test of IIA (Stata's suest after mlogit on the full and the
# restricted sample, as mlogtest, iia suest), robust and clustered, with frequency weights,
# on carData's Womenlf (womenlf.csv): partic ~ hincome + children + region, reference
# not.work, weights w = 1 + (row %% 3), clusters of four consecutive rows.
# Run from this folder:  Rscript make_iia_suest.R   -> iia_suest.json
#
# Omitting the reference refits both models against the largest remaining outcome (by
# weighted count), as mlogtest does. Fits are VGAM::vglm(multinomial(refLevel = ...)) to
# epsilon 1e-14; V is the inverse information. Each row's influence on
# d = b_restricted - b_full (the coefficients of the restricted model's equations) is
# t_i = V_r g_r,i - V_f g_f,i with g the per-row score (y_i - P_i) (x) x_i, zero in the
# restricted model on the omitted outcome's rows; Var(d) = n / (n - 1) sum_i w_i t_i t_i'
# with n = sum w (robust), or G / (G - 1) sum_g (sum_{i in g} w_i t_i)(...)' (clustered),
# Stata's _robust with its default minus(1). W = d' Var(d)^+ d, the Moore-Penrose inverse at
# the rank tolerance k * eps * max |eigenvalue|, df = rank.
source("iia_womenlf.R")  # df, its weights w, formula
df$cl <- (seq_len(nrow(df)) - 1) %/% 4
X_all <- model.matrix(formula, df)

fit <- function(rows, base) {
  data <- droplevels(df[rows, ])
  levs <- levels(data$partic)
  f <- vglm(formula, multinomial(refLevel = match(base, levs)), data = data, weights = w,
            epsilon = 1e-14, maxit = 1000)
  B <- coef(f, matrix = TRUE)
  colnames(B) <- setdiff(levs, base)
  X <- X_all[rows, , drop = FALSE]
  E <- cbind(X %*% B, 0)
  P <- exp(E - apply(E, 1, max)); P <- P / rowSums(P)
  q <- ncol(B); p <- ncol(X)
  Y <- sapply(colnames(B), function(l) as.numeric(data$partic == l))
  info <- matrix(0, p * q, p * q)
  for (i in seq_len(nrow(X))) {
    Pi <- P[i, 1:q]
    info <- info + data$w[i] * kronecker(diag(Pi, q) - tcrossprod(Pi), tcrossprod(X[i, ]))
  }
  R <- Y - P[, 1:q, drop = FALSE]                 # residuals, equation by equation
  G <- do.call(cbind, lapply(seq_len(q), function(k) R[, k] * X))  # equation-major scores
  names_ <- as.vector(outer(colnames(X), colnames(B), function(t, l) paste0(l, ":", t)))
  V <- solve(info); dimnames(V) <- list(names_, names_)
  colnames(G) <- names_
  list(b = setNames(as.vector(B), names_), V = V, G = G, rows = which(rows))
}

largest_remaining <- function(omit) {
  counts <- tapply(df$w, df$partic, sum)
  counts <- counts[names(counts) != omit]
  names(counts)[which.max(counts)]
}

source("iia_pinv.R")  # pinv_form

ref <- "not.work"
n <- nrow(df)
out <- list()
for (omit in levels(df$partic)) {
  base <- if (omit == ref) largest_remaining(omit) else ref
  full <- fit(rep(TRUE, n), base)
  kept <- df$partic != omit
  restricted <- fit(kept, base)
  common <- names(restricted$b)
  d <- restricted$b[common] - full$b[common]
  Gr <- matrix(0, n, length(common))
  Gr[restricted$rows, ] <- restricted$G[, common]
  t_ <- Gr %*% restricted$V[common, common] - full$G %*% full$V[, common]
  sw <- sum(df$w)
  robust <- crossprod(t_ * sqrt(df$w)) * sw / (sw - 1)
  sums <- rowsum(t_ * df$w, df$cl)
  ng <- nrow(sums)
  clustered <- crossprod(sums) * ng / (ng - 1)
  r <- pinv_form(d, robust)
  c_ <- pinv_form(d, clustered)
  out[[omit]] <- list(
    reference = base, coefficients = common,
    robust_chi2 = r$chi2, robust_df = r$df,
    cluster_chi2 = c_$chi2, cluster_df = c_$df, n_clusters = ng
  )
}

result <- list(
  data = "womenlf.csv", formula = "partic ~ hincome + children + region", reference = ref,
  weights = "w = 1 + (row %% 3)", clusters = "(row - 1) %/% 4", omit = out,
  software = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
write(toJSON(result, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"),
      "iia_suest.json")
