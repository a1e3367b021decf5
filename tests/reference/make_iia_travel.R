# Reference values for IIA tests with four outcomes, where each restricted model keeps two
# or three equations (the womenlf references, three outcomes, keep one), so the
# cross-equation blocks of V and of the stacked sandwich are compared: the bundled travel
# data (../../mnlogit/data/travel.csv) without the rows missing income, inc = income / 100,
# mode ~ parking + inc + purpose, reference car, unweighted. Omitting each outcome in turn
# (car, the reference, refits both models against the largest remaining outcome, bus, as
# Stata/SPost's mlogtest, iia): Hausman-McFadden H = d' V^+ d (Moore-Penrose at Stata's rank
# tolerance, df = rank) and d' V^-1 d (df = k), V = V_restricted - V_full (model-based);
# suest W = d' Var(d)^+ d with each row's influence t_i = V_r g_r,i - V_f g_f,i, robust
# (n/(n-1)) and clustered by household (G/(G-1)).
# Fits: VGAM::vglm(multinomial(refLevel = ...)) to epsilon 1e-14; the informations and the
# scores computed here from the fitted probabilities.
# Run from this folder:  Rscript make_iia_travel.R   -> iia_travel.json
suppressPackageStartupMessages({
  library(VGAM)
  library(jsonlite)
})

df <- read.csv("../../mnlogit/data/travel.csv", stringsAsFactors = TRUE)
df <- df[!is.na(df$income), ]
df$inc <- df$income / 100
df$mode <- factor(df$mode, levels = c("bus", "car", "train", "walk"))
formula <- mode ~ parking + inc + purpose
X_all <- model.matrix(formula, df)
n <- nrow(df)

fit <- function(rows, base) {
  data <- droplevels(df[rows, ])
  levs <- levels(data$mode)
  f <- vglm(formula, multinomial(refLevel = match(base, levs)), data = data,
            epsilon = 1e-14, maxit = 1000)
  B <- coef(f, matrix = TRUE)
  colnames(B) <- setdiff(levs, base)
  X <- X_all[rows, , drop = FALSE]
  E <- cbind(X %*% B, 0)
  P <- exp(E - apply(E, 1, max)); P <- P / rowSums(P)
  q <- ncol(B); p <- ncol(X)
  Y <- sapply(colnames(B), function(l) as.numeric(data$mode == l))
  info <- matrix(0, p * q, p * q)
  for (i in seq_len(nrow(X))) {
    Pi <- P[i, 1:q]
    info <- info + kronecker(diag(Pi, q) - tcrossprod(Pi), tcrossprod(X[i, ]))
  }
  G <- do.call(cbind, lapply(seq_len(q), function(k) (Y[, k] - P[, k]) * X))
  names_ <- as.vector(outer(colnames(X), colnames(B), function(t, l) paste0(l, ":", t)))
  V <- solve(info); dimnames(V) <- list(names_, names_)
  colnames(G) <- names_
  list(b = setNames(as.vector(B), names_), V = V, G = G, rows = which(rows))
}

source("iia_pinv.R")  # pinv_form

ref <- "car"
out <- list()
for (omit in levels(df$mode)) {
  base <- ref
  if (omit == ref) {
    counts <- table(df$mode)
    counts <- counts[names(counts) != omit]
    base <- names(counts)[which.max(counts)]
  }
  full <- fit(rep(TRUE, n), base)
  kept <- df$mode != omit
  restricted <- fit(kept, base)
  common <- names(restricted$b)
  d <- restricted$b[common] - full$b[common]
  V <- restricted$V[common, common] - full$V[common, common]
  h <- pinv_form(d, V)
  H_solve <- as.numeric(crossprod(d, solve(V, d)))
  Gr <- matrix(0, n, length(common))
  Gr[restricted$rows, ] <- restricted$G[, common]
  t_ <- Gr %*% restricted$V[common, common] - full$G %*% full$V[, common]
  robust <- crossprod(t_) * n / (n - 1)
  sums <- rowsum(t_, df$household)
  ng <- nrow(sums)
  clustered <- crossprod(sums) * ng / (ng - 1)
  r <- pinv_form(d, robust)
  c_ <- pinv_form(d, clustered)
  out[[omit]] <- list(
    reference = base, coefficients = common,
    hausman_chi2 = h$chi2, hausman_df = h$df, hausman_positive_definite = h$pd,
    hausman_solve_chi2 = H_solve, hausman_solve_df = length(d),
    robust_chi2 = r$chi2, robust_df = r$df,
    cluster_chi2 = c_$chi2, cluster_df = c_$df, n_clusters = ng
  )
}

result <- list(
  data = "mnlogit/data/travel.csv without the rows missing income; inc = income / 100",
  formula = "mode ~ parking + inc + purpose", reference = ref, clusters = "household",
  omit = out,
  software = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
write(toJSON(result, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"),
      "iia_travel.json")
