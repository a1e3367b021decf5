# Margins' influence functions for a multinomial fit of survey_mnl.R, and that fit on
# apistrat's subpopulation, shared by
# make_survey_unconditional.R and make_survey_unconditional_lonely.R.

# probabilities of every level at design Xm; a complex B (the complex step) is shifted by
# the real part's largest linear predictor
mnl_probs <- function(Xm, B, levels, eqs) {
  eta <- matrix(0 + 0i, nrow(Xm), length(levels), dimnames = list(NULL, levels))
  eta[, eqs] <- Xm %*% B
  P <- exp(eta - apply(Re(eta), 1, max))
  P / rowSums(P)
}

# each margin's estimate and influence at every row, z_i = (g_i - m) / W + J A^-1 u_i, for
# `margin_rows`: name -> function of the (p, q) coefficients giving the values at the rows
# (n, K); J by complex-step differences in the coefficients (equation-major)
margin_influences <- function(margin_rows, fit, p, w) {
  b <- as.vector(fit$B)
  W <- sum(w)
  labels <- NULL
  estimates <- NULL
  Z <- NULL
  for (name in names(margin_rows)) {
    f <- margin_rows[[name]]
    G <- Re(f(matrix(b + 0i, p)))
    est <- colSums(w * G) / W
    J <- sapply(seq_along(b), function(j) {
      e <- rep(0, length(b))
      e[j] <- 1e-30
      Im(colSums(w * f(matrix(b + 1i * e, p)))) / W / 1e-30
    })
    for (k in seq_along(fit$levels)) {
      labels <- rbind(labels, data.frame(margin = name, outcome = fit$levels[k]))
      estimates <- c(estimates, est[k])
      Z <- cbind(Z, (G[, k] - est[k]) / W + drop(fit$h %*% J[k, ]))
    }
  }
  colnames(Z) <- paste0("z", seq_len(ncol(Z)))
  list(b = b, labels = labels, estimates = estimates, Z = Z)
}

# perf ~ meals + ell + stype (ref "low") by the weighted Newton fit on apistrat's
# subpopulation comp_imp == "Yes" (R's model matrix); X_of encodes other rows alike
apistrat_subpop_fit <- function(d) {
  rows <- d$comp_imp == "Yes"
  nd <- d[rows, ]
  X_of <- function(frame) {
    frame$stype <- factor(frame$stype, levels = c("E", "H", "M"))
    model.matrix(~ meals + ell + stype, frame)
  }
  X <- X_of(nd)
  list(rows = rows, nd = nd, w = nd$pw, X_of = X_of, X = X,
       fit = mnl_fit(nd, "perf", "low", nd$pw, X))
}
