# Reference values for IIA tests whose restricted model nearly aliases two columns: four
# outcomes a-d under IIA on x1, and x2 = x1 + s e with s = 1 on the rows of d and 1e-6 on
# the others, so that without the rows of d x2 is x1 to six digits (its residual on x1 there
# is about 1e-6, above the rank check's 1e-7). Omitting d, the Hausman-McFadden and suest
# statistics of `y ~ x1 + x2` are those of the same model written `y ~ x1 + u`, with
# u = (x2 - x1) / 1e-6 (an invertible map of the columns, which the statistics do not
# depend on): the restricted model is fitted on x1 and u, where it is well conditioned,
# the full model on x1 and x2, and both compared on (1, x1, u), where
# b(1, x1, x2) = (b_0, b_1 + b_2, 1e-6 b_2). Omitting c, nothing is nearly aliased: both
# fits and the comparison on x1 and x2 (where u is a million times larger on the rows of
# d, and Var(d) on (1, x1, u) too ill-scaled for its eigenvalues to keep six digits).
# Run from this folder:  Rscript make_iia_near_aliased.R
#   -> iia_near_aliased.csv (the data), iia_near_aliased.json
#
# Fits are VGAM::vglm(multinomial(refLevel = "a")) to epsilon 1e-14; each covariance is the
# inverse information computed from the fitted probabilities. Hausman-McFadden:
# H = d' V^+ d with V = V_restricted - V_full, the Moore-Penrose inverse at Stata's
# tolerance (k eps max |eigenvalue|), df = rank. suest: W = d' Var(d)^+ d with
# Var(d) = n / (n - 1) sum_i t_i t_i', t_i = V_r g_r,i - V_f g_f,i (g the row's score,
# zero in the restricted model on the omitted rows), as make_iia_suest.R.
suppressPackageStartupMessages({
  library(VGAM)  # its warnings of half-steps are answered by the Newton steps in fit()
  library(jsonlite)
})
set.seed(20261207)
n <- 400
x1 <- round(rnorm(n), 6)
e <- round(rnorm(n), 6)
eta <- cbind(0, 0.5 * x1, -0.3 * x1, 0.2 + 0.1 * x1)
P <- exp(eta) / rowSums(exp(eta))
y <- apply(P, 1, function(p) sample(c("a", "b", "c", "d"), 1, prob = p))
write.csv(data.frame(y = y, x1 = sprintf("%.6f", x1), e = sprintf("%.6f", e)),
          "iia_near_aliased.csv", row.names = FALSE, quote = FALSE)

df <- read.csv("iia_near_aliased.csv", stringsAsFactors = FALSE)
EPS <- 1e-6
df$x2 <- df$x1 + ifelse(df$y == "d", 1, EPS) * df$e
df$u <- (df$x2 - df$x1) / EPS
df$y <- factor(df$y, levels = c("a", "b", "c", "d"))

fit <- function(rows, columns) {
  data <- droplevels(df[rows, ])
  f <- vglm(as.formula(paste("y ~", paste(columns, collapse = " + "))),
            multinomial(refLevel = 1), data = data, epsilon = 1e-14, maxit = 1000)
  B <- coef(f, matrix = TRUE)
  levs <- levels(data$y)
  colnames(B) <- levs[-1]
  X <- cbind(1, as.matrix(data[, columns]))
  q <- ncol(B); p <- ncol(X)
  Y <- sapply(colnames(B), function(l) as.numeric(data$y == l))
  at <- function(B) {
    E <- cbind(0, X %*% B)
    P <- exp(E - apply(E, 1, max)); P <- P / rowSums(P)
    Pq <- P[, -1, drop = FALSE]
    info <- matrix(0, p * q, p * q)
    for (i in seq_len(nrow(X))) {
      info <- info + kronecker(diag(Pq[i, ], q) - tcrossprod(Pq[i, ]), tcrossprod(X[i, ]))
    }
    R <- Y - Pq
    G <- do.call(cbind, lapply(seq_len(q), function(k) R[, k] * X))  # equation-major scores
    list(info = info, G = G)
  }
  # VGAM ends some of these fits at a half-step short of the maximum (its warning):
  # Newton steps from there, with the information and score computed here, reach it
  for (step in 1:3) {
    here <- at(B)
    B <- B + matrix(solve(here$info, colSums(here$G)), p, q)
  }
  here <- at(B)
  list(B = B, V = solve(here$info), G = here$G, rows = which(rows), levels = colnames(B),
       score = max(abs(colSums(here$G))))
}

# the coefficients of (1, x1, x2) of each equation as those of (1, x1, u)
to_u <- matrix(c(1, 0, 0, 0, 1, 0, 0, 1, EPS), 3, 3)  # columns: b_0, b_1, b_2 -> rows

source("iia_pinv.R")  # pinv_form

full <- fit(rep(TRUE, n), c("x1", "x2"))
out <- list()
for (omit in c("d", "c")) {
  kept <- df$y != omit
  # the rows of d are where x2 is not x1 to six digits, and u a million times larger:
  # without them the model is compared on (1, x1, u), with them on (1, x1, x2)
  on_u <- omit == "d"
  restricted <- fit(kept, if (on_u) c("x1", "u") else c("x1", "x2"))
  A_f <- kronecker(diag(3), if (on_u) to_u else diag(3))
  A_r <- diag(6)
  b_f <- A_f %*% as.vector(full$B)
  V_f <- A_f %*% full$V %*% t(A_f)
  eqs <- match(restricted$levels, full$levels)
  idx <- as.vector(sapply(eqs, function(k) (k - 1) * 3 + 1:3))
  d <- as.vector(A_r %*% as.vector(restricted$B)) - b_f[idx]
  V_r <- A_r %*% restricted$V %*% t(A_r)
  hm <- pinv_form(d, V_r - V_f[idx, idx])
  Gr <- matrix(0, n, length(d))
  Gr[restricted$rows, ] <- restricted$G
  t_ <- Gr %*% t(A_r %*% restricted$V) - full$G %*% t(A_f %*% full$V)[, idx]
  su <- pinv_form(d, crossprod(t_) * n / (n - 1))
  out[[omit]] <- list(
    largest_score = max(full$score, restricted$score),
    hausman_chi2 = hm$chi2, hausman_df = hm$df,
    hausman_positive_definite = hm$pd,
    suest_chi2 = su$chi2, suest_df = su$df,
    residual_x2 = sqrt(sum(lm.fit(cbind(1, df$x1[kept]), df$x2[kept])$residuals^2) /
                       sum((df$x2[kept] - mean(df$x2[kept]))^2))
  )
}

result <- list(
  data = "iia_near_aliased.csv", x2 = "x1 + e (rows of d), x1 + 1e-6 e (others)",
  u = "(x2 - x1) / 1e-6", formula = "y ~ x1 + x2", reference = "a", omit = out,
  software = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
write(toJSON(result, auto_unbox = TRUE, digits = NA, pretty = TRUE), "iia_near_aliased.json")
