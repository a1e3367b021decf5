# Reference values for tests/test_scales_random_reference.py: 36 seeded designs, each combining
# several hostile features, fitted by VGAM::vglm(multinomial) on the model matrix itself.
# Features drawn per case (set.seed(9000 + case)): a column x1 in units 10^u (u from -8 to 8),
# x2 far from zero (1e6 + N(0, 1)), a nearly collinear pair x3, x4 (correlation 1 - 1e-8,
# full rank), an outcome level with 3 to 5 rows, K = 3 to 8 outcomes, integer frequency
# weights from 1 to 1e6 (log-uniform), a factor f whose last level has K + 1 rows, the
# interaction x2:g of the far-from-zero column with a factor, no intercept in some.
# The rare outcome's rows and the rare level's rows are spread over the other factor's cells
# so that the cells (level, outcome) of those hold rows; an outcome rare by chance may still
# have no row at a level of f (see `separated` below).
# vglm runs at epsilon 1e-14, maxit 200 on the model matrix itself. Its estimate is kept
# (`method` "vglm") where it converged (fewer than 200 iterations, finite coefficients) to a
# score criterion U'I^-1U below 1e-6; on 10 of the 34 fitted designs it did not (NaN, or
# stopped at a criterion up to 1e-2), and the estimate is nnet::multinom's on an orthonormal
# basis of the columns polished by Newton steps (`qr_fit`; `method` says why). Every fitted
# design is also fitted by `qr_fit` (`nnet`: coefficients, SEs, criterion), the largest gap
# between the two in vglm's standard errors stored as `nnet_gap`. R's attainable precision:
# `crit_basis`, U'I^-1U at the estimate computed on an orthonormal basis of the columns (its
# square root bounds, to first order, the distance to the maximum in standard errors), and
# `step`, the Newton step I^-1 U on the model matrix itself.
# Stored per case: coefficients and standard errors (sqrt(diag(vcov))) by column and equation,
# llf, llnull (the intercept-only fit; NA without an intercept), the LR statistic and df of
# the last term (both models fitted by qr_fit), the rank of R's model matrix (qr, tol 1e-11)
# and of I equilibrated by its diagonal (eigenvalues against the largest times 1e-13).
# Designs with an outcome without rows at a level of f are quasi-completely separated (no
# maximum; vglm stops where those rows' probabilities underflow): stored as `separated`,
# with the empty cells.
# Run from this folder:  Rscript make_scales_random.R
# Writes scales_random.csv.gz and scales_random.json.
suppressPackageStartupMessages({
  library(VGAM)
  library(nnet)
  library(jsonlite)
})
probs <- function(X, B) {
  eta <- cbind(X %*% B, 0); P <- exp(eta - apply(eta, 1, max)); P / rowSums(P)
}
# score and exact information of the multinomial logit; Y's columns: equations, then reference
score_info <- function(X, Y, w, B) {
  p <- ncol(X); q <- ncol(B)
  P <- probs(X, B)[, 1:q, drop = FALSE]; info <- matrix(0, p * q, p * q)
  for (a in 1:q) for (b in 1:q) {
    wt <- w * P[, a] * ((a == b) - P[, b])
    info[(a - 1) * p + 1:p, (b - 1) * p + 1:p] <- crossprod(X * wt, X)
  }
  list(info = info, score = as.vector(crossprod(X, w * (Y[, 1:q, drop = FALSE] - P))))
}
# I^-1 U with I equilibrated by its diagonal (columns at 1e-8 and 1e8 put I's condition past
# what solve() accepts, not past what the equilibrated system can be solved to)
nsolve <- function(info, u) {
  dd <- sqrt(diag(info)); as.vector(solve(info / outer(dd, dd), u / dd, tol = 0) / dd)
}
# U'I^-1U at an estimate B of X's columns, computed on an orthonormal basis Q of X (X = QR,
# B_Q = R B), where I is well conditioned: to first order |B_j - B*_j| <= sqrt(crit) SE_j, so
# sqrt(crit) bounds how far B is from the maximum in units of standard errors
crit_basis <- function(X, Y, w, B) {
  qx <- qr(X, tol = 1e-11); nr <- nrow(X)
  Q <- qr.Q(qx) * sqrt(nr); Rm <- qr.R(qx) / sqrt(nr)
  si <- score_info(Q, Y, w, Rm %*% B[qx$pivot, , drop = FALSE])
  sum(si$score * solve(si$info, si$score))
}
loglik <- function(X, Y, w, B) sum(w * rowSums(Y * log(probs(X, B))))

# nnet::multinom on an orthonormal basis Q of X's columns (X = QR; its BFGS stalls on X
# itself), then Newton steps there (U'I^-1U below 1e-24 or 30 steps), mapped back exactly:
# B = R^-1 B_Q, V = (R^-1 kron I) V_Q (R^-1 kron I)' in vglm's order (column, then equation)
qr_fit <- function(X, Y, w) {
  qx <- qr(X, tol = 1e-11); p <- ncol(X); nr <- nrow(X); q <- ncol(Y) - 1
  Q <- qr.Q(qx) * sqrt(nr); Rm <- qr.R(qx) / sqrt(nr)
  Ri <- matrix(0, p, p); Ri[qx$pivot, ] <- backsolve(Rm, diag(p))
  mm <- multinom(Y[, c(ncol(Y), 1:q)] ~ 0 + Q, weights = w, reltol = 1e-14, maxit = 10000,
                 trace = FALSE)
  B <- t(coef(mm))
  for (i in 1:30) {
    si <- score_info(Q, Y, w, B); dd <- solve(si$info, si$score)
    if (sum(si$score * dd) < 1e-24) break
    B <- B + matrix(dd, p, q)
  }
  si <- score_info(Q, Y, w, B)
  perm <- as.vector(t(matrix(1:(p * q), p, q)))
  Tm <- kronecker(Ri, diag(q))
  list(B = Ri %*% B, V = Tm %*% solve(si$info)[perm, perm] %*% t(Tm),
       crit = sum(si$score * solve(si$info, si$score)))
}

draw <- function(case) {
  set.seed(9000 + case)
  K <- sample(3:8, 1); n <- sample(120:220, 1)
  feats <- list(
    units = runif(1) < 0.8, far = runif(1) < 0.8, pair = runif(1) < 0.5,
    weights = runif(1) < 0.5, rare_f = runif(1) < 0.7, inter = runif(1) < 0.6,
    noint = runif(1) < 0.3
  )
  u <- sample(-8:8, 1)
  g <- factor(sample(c("a", "b"), n, replace = TRUE))
  nf <- if (feats$rare_f) K + 1 else 0
  f <- factor(c(sample(c("p", "q"), n - nf, replace = TRUE), rep("r", nf)),
              levels = if (feats$rare_f) c("p", "q", "r") else c("p", "q"))
  z1 <- rnorm(n); z2 <- rnorm(n); e <- rnorm(n)
  x1 <- z1 * 10^u
  x2 <- 1e6 + z2
  x3 <- e
  x4 <- e + 1.4142e-4 * rnorm(n)        # correlation about 1 - 1e-8
  eta <- cbind(sapply(1:(K - 1), function(k) {
    rnorm(1, 0, 0.3) + rnorm(1, 0, 0.7) * z1 + rnorm(1, 0, 0.7) * z2 +
      rnorm(1, 0, 0.5) * e + rnorm(1, 0, 0.5) * (f == "q") + rnorm(1, 0, 0.4) * z2 * (g == "b")
  }), 0)
  P <- exp(eta); P <- P / rowSums(P)
  yi <- apply(P, 1, function(p) sample.int(K, 1, prob = p))
  # the rare outcome: the last level (3-5 rows, over both levels of g and f's common levels)
  yi[yi == K] <- sample.int(K - 1, sum(yi == K), replace = TRUE)
  nr <- sample(3:5, 1)
  common <- which(f != "r")
  pick <- c(sample(common[g[common] == "a" & f[common] == "p"], 1),
            sample(common[g[common] == "b" & f[common] == "q"], 1))
  pick <- c(pick, sample(setdiff(common, pick), nr - 2))
  yi[pick] <- K
  if (feats$rare_f) {          # level r: every outcome once, one row more
    rr <- which(f == "r"); yi[rr] <- c(sample(1:K), sample.int(K, 1))
  }
  levs <- sample(c("alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"), K)
  y <- factor(levs[yi], levels = levs)
  w <- if (feats$weights) round(10^runif(n, 0, 6)) else rep(1, n)
  d <- data.frame(y = as.character(y), x1 = x1, x2 = x2, x3 = x3, x4 = x4,
                  f = as.character(f), g = as.character(g), w = w)
  terms <- c(if (feats$units) "x1", if (feats$far && !feats$inter) "x2",
             if (feats$pair) c("x3", "x4"), "f", if (feats$inter) "x2*g")
  if (!feats$units && !feats$far && !feats$inter) terms <- c("x1", terms)
  rhs <- paste(c(if (feats$noint) "0", terms), collapse = " + ")
  last <- if (feats$inter) "x2:g" else tail(terms[terms != "f"], 1)
  list(case = case, K = K, d = d, levels = levs, feats = feats, u = u,
       formula = paste("y ~", rhs), last = last, rare = levs[K])
}

fit_case <- function(cs) {
  d <- cs$d; d$y <- factor(d$y, levels = cs$levels); d$f <- factor(d$f); d$g <- factor(d$g)
  fo <- as.formula(cs$formula)
  X <- model.matrix(fo, d)
  Y <- model.matrix(~ 0 + y, d); Y <- cbind(Y[, -1, drop = FALSE], Y[, 1])  # eqs, then ref
  qx <- qr(X, tol = 1e-11)
  out <- list(case = cs$case, formula = cs$formula, levels = cs$levels, ref = cs$levels[1],
              features = cs$feats, u = cs$u, last = cs$last, rare = cs$rare,
              nobs = sum(d$w), colnames = colnames(X), rank_X = qx$rank, ncol_X = ncol(X))
  if (qx$rank < ncol(X)) return(c(out, list(fitted = FALSE, separated = FALSE)))
  # an outcome without rows at a level of f: quasi-complete separation, no maximum (vglm
  # stops where the rows' probabilities underflow, coefficients of 30 or more)
  empty <- which(table(d$f, d$y) == 0, arr.ind = TRUE)
  if (nrow(empty) > 0) return(c(out, list(
    fitted = FALSE, separated = TRUE,
    empty_cells = paste(levels(d$f)[empty[, 1]], cs$levels[empty[, 2]]))))
  q <- cs$K - 1; p <- ncol(X)
  warns <- character()
  vfit <- function(fo, data) withCallingHandlers(
    vglm(fo, multinomial(refLevel = 1), data = data, weights = w,
         control = vglm.control(epsilon = 1e-14, maxit = 200)),
    warning = function(wn) { warns <<- c(warns, conditionMessage(wn)); invokeRestart("muffleWarning") })
  m <- tryCatch(vfit(fo, d), error = function(e) conditionMessage(e))
  method <- "vglm"
  # vglm's own estimate is kept where it converged to a point whose score criterion U'I^-1U
  # is below 1e-6 (a thousandth of a standard error); else it is refitted on the QR basis
  crit_of <- function(b) tryCatch({
    si <- score_info(X, Y, d$w, matrix(b, p, q, byrow = TRUE))
    sum(si$score * nsolve(si$info, si$score))
  }, error = function(e) Inf)
  if (is.character(m) || m@iter >= 200 || !all(is.finite(coef(m))) ||
      !isTRUE(crit_of(coef(m)) < 1e-6)) {
    # vglm's IRLS fails on X itself: fit on an orthonormal basis Q of X's columns (X = QR),
    # mapped back exactly, B = R^-1 B_Q and V = (R^-1 kron I) V_Q (R^-1 kron I)'
    failure <- if (is.character(m)) m else if (m@iter >= 200) "maxit reached" else
      sprintf("stopped at score criterion %.3g", crit_of(coef(m)))
    qf <- qr_fit(X, Y, d$w)
    if (qf$crit > 1e-16) return(c(out, list(fitted = FALSE, separated = NA, method = failure)))
    bq <- as.vector(t(qf$B)); V <- qf$V
    method <- paste("nnet::multinom on a QR basis polished by Newton steps; vglm on X:", failure)
  } else {
    bq <- coef(m); V <- vcov(m)
  }
  # vglm's equations: log(mu[,k]/mu[,1]) for k = 2..K; coefficients interleaved by column
  B <- matrix(bq, p, q, byrow = TRUE)
  se <- matrix(sqrt(diag(V)), p, q, byrow = TRUE)
  si <- score_info(X, Y, d$w, B)
  dg <- sqrt(diag(si$info))
  ev <- eigen(si$info / outer(dg, dg), symmetric = TRUE, only.values = TRUE)$values
  step <- tryCatch(matrix(nsolve(si$info, si$score), p, q), error = function(e) NULL)
  llf <- loglik(X, Y, d$w, B)
  # the restricted fit, without the last term
  tl <- attr(terms(fo), "term.labels")
  fo0 <- update(fo, as.formula(paste(". ~ . -", cs$last)))
  X0 <- model.matrix(fo0, d)
  # the LR statistic from both models fitted by qr_fit (the full model's log-likelihood the
  # larger of vglm's and qr_fit's)
  llf0 <- loglik(X0, Y, d$w, qr_fit(X0, Y, d$w)$B)
  llf_q <- loglik(X, Y, d$w, qr_fit(X, Y, d$w)$B)
  tw <- tapply(d$w, d$y, sum); llnull <- if (attr(terms(fo), "intercept") == 1)
    sum(tw * log(tw / sum(tw))) else NA
  c(out, list(
    fitted = TRUE, method = method, warnings = warns,
    eqs = cs$levels[-1], coef = B, se = se, step = if (is.null(step)) NA else step,
    crit = if (is.null(step)) NA else sum(si$score * as.vector(step)),
    rank_info = sum(ev > max(ev) * 1e-13), llf = llf, llnull = llnull,
    lr = 2 * (max(llf, llf_q) - llf0), lr_df = (p - ncol(X0)) * q))
}

second_tool <- function(cs) {
  d <- cs$d; d$y <- factor(d$y, levels = cs$levels); d$f <- factor(d$f); d$g <- factor(d$g)
  X <- model.matrix(as.formula(cs$formula), d)
  Y <- model.matrix(~ 0 + y, d); Y <- cbind(Y[, -1, drop = FALSE], Y[, 1])
  qf <- qr_fit(X, Y, d$w); p <- ncol(X)
  list(coef = qf$B, se = matrix(sqrt(diag(qf$V)), p, ncol(qf$B), byrow = TRUE), crit = qf$crit)
}

cases <- lapply(1:36, draw)
res <- lapply(cases, fit_case)
for (i in seq_along(res)) if (isTRUE(res[[i]]$fitted)) {
  st <- second_tool(cases[[i]])
  d <- cases[[i]]$d; d$y <- factor(d$y, levels = cases[[i]]$levels)
  d$f <- factor(d$f); d$g <- factor(d$g)
  X <- model.matrix(as.formula(cases[[i]]$formula), d)
  Y <- model.matrix(~ 0 + y, d); Y <- cbind(Y[, -1, drop = FALSE], Y[, 1])
  res[[i]]$crit_basis <- crit_basis(X, Y, d$w, res[[i]]$coef)
  st$crit_basis <- crit_basis(X, Y, d$w, st$coef)
  res[[i]]$nnet <- st
  res[[i]]$nnet_gap <- max(abs(st$coef - res[[i]]$coef) / res[[i]]$se)
}
rows <- do.call(rbind, lapply(cases, function(cs) cbind(case = cs$case, cs$d)))
con <- gzfile("scales_random.csv.gz", "w")
write.csv(rows, con, row.names = FALSE)
close(con)
writeLines(toJSON(list(
  R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
  nnet = as.character(packageVersion("nnet")),
  jsonlite = as.character(packageVersion("jsonlite")), cases = res),
  auto_unbox = TRUE, digits = I(17), null = "null", na = "null"), "scales_random.json")
