# Reference values for the Small-Hsiao test of IIA (Small & Hsiao 1985, as Stata/SPost's
# mlogtest, smhsiao computes it), on the halves iia_small_hsiao.csv gives (written by
# make_iia_small_hsiao.py: the bundled travel data, frequency weights w = 1 + (row %% 3),
# w_a of each row's observations in half A, w - w_a in half B).
# mode ~ parking + distance + purpose, reference car; each outcome omitted in turn (car, the
# reference, refits against the largest remaining outcome by weighted count, as mlogtest).
#   b_A, b_B: the full model fitted to each half; b_AB = b_A / sqrt(2) + (1 - 1/sqrt(2)) b_B;
#   L0: the restricted log-likelihood of half B's rows without the omitted outcome at b_AB's
#       remaining equations (probabilities renormalised over the remaining outcomes);
#   L1: the restricted model's maximum on those rows; SH = -2 (L0 - L1), df = its parameters.
# Fits: VGAM::vglm(multinomial(refLevel = ...)) to epsilon 1e-14; log-likelihoods summed by
# hand (sum of w log p) from the coefficients.
# Run from this folder:  Rscript make_iia_small_hsiao.R   -> iia_small_hsiao.json
suppressPackageStartupMessages({
  library(VGAM)
  library(jsonlite)
})
df <- read.csv("iia_small_hsiao.csv", stringsAsFactors = TRUE)
df$w_b <- df$w - df$w_a
formula <- mode ~ parking + distance + purpose
X_all <- model.matrix(formula, df)

fit <- function(rows, base, weights) {
  data <- droplevels(df[rows, ])
  data$wt <- weights[rows]
  levs <- levels(data$mode)
  f <- vglm(formula, multinomial(refLevel = match(base, levs)), data = data, weights = wt,
            epsilon = 1e-14, maxit = 1000)
  B <- coef(f, matrix = TRUE)
  colnames(B) <- setdiff(levs, base)
  B
}
loglik <- function(rows, B, weights) {  # B's columns: the non-base levels; base at 0
  X <- X_all[rows, , drop = FALSE]
  E <- cbind(X %*% B, 0)
  colnames(E) <- c(colnames(B), "(base)")
  lse <- apply(E, 1, function(e) max(e) + log(sum(exp(e - max(e)))))
  y <- as.character(df$mode[rows])
  col <- ifelse(y %in% colnames(B), match(y, colnames(E)), ncol(E))
  sum(weights[rows] * (E[cbind(seq_along(y), col)] - lse))
}
largest_remaining <- function(omit) {
  counts <- tapply(df$w, df$mode, sum)
  counts <- counts[names(counts) != omit]
  names(counts)[which.max(counts)]
}

ref <- "car"
out <- list()
for (omit in levels(df$mode)) {
  base <- if (omit == ref) largest_remaining(omit) else ref
  b_a <- fit(df$w_a > 0, base, df$w_a)
  b_b <- fit(df$w_b > 0, base, df$w_b)
  b_ab <- b_a / sqrt(2) + (1 - 1 / sqrt(2)) * b_b
  rows <- df$w_b > 0 & df$mode != omit
  b_r <- fit(rows, base, df$w_b)
  l0 <- loglik(rows, b_ab[, colnames(b_r), drop = FALSE], df$w_b)
  l1 <- loglik(rows, b_r, df$w_b)
  out[[omit]] <- list(reference = base, L0 = l0, L1 = l1, chi2 = -2 * (l0 - l1),
                      df = length(b_r), n_a = sum(df$w_a), n_b = sum(df$w_b))
}
write_json(list(
  data = "iia_small_hsiao.csv", formula = "mode ~ parking + distance + purpose",
  reference = ref, weights = "w", seed = 20240613, omit = out,
  R = R.version.string, VGAM = as.character(packageVersion("VGAM"))
), "iia_small_hsiao.json", auto_unbox = TRUE, digits = NA, pretty = TRUE)
