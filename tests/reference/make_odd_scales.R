# Reference values for tests/test_odd_scales_reference.py: the cases make_odd_scales.py draws
# (odd_scales.csv.gz, odd_scales_specs.json) fitted in R. Each case keeps the rows complete in
# the formula's variables and the weights (R's na.omit, before poly() learns its basis); rows
# of weight 0 stay in the model frame (as in R's glm and multinom) but not in the fit. The
# fit is VGAM::vglm(multinomial) (epsilon 1e-13) on an orthonormal basis Q of the model
# matrix's columns (X = QR; columns at scales 1e-6 to 1e12 and offsets of 1e6 trouble VGAM's
# IRLS on X itself), polished by Newton steps with the exact information until the score
# criterion U'I^-1U is below 1e-24 (every case stored reaches 1e-16), and mapped back exactly
# to X's columns: B = R^-1 B_Q, V = (I kron R^-1) V_Q (I kron R^-1)'. Where R's model.matrix
# codes `f:g` with a column per cell beside the intercept (formulaic codes it with contrasts),
# the aliased columns are dropped as lm() does, and they are listed (`aliased`): the
# log-likelihood, tests and probabilities are the same model's, the coefficients are not
# comparable. Stored: log-likelihood, coefficients and standard errors (square roots of the
# diagonal of the exact inverse information) by equation, per term the type II
# likelihood-ratio statistic as car::Anova defines it for multinom (the term with the terms
# containing it removed from both models, each refitted as above) and the Wald statistic of
# the term's columns in every equation, and the probabilities at the new rows (R's
# model.frame of them; a row whose level the fit lacks is not there, and none of the stored
# cases has one). VGAM's own
# warnings (its half-steps at epsilon 1e-13, where rounding stops it) are stored as
# `warnings`; the Newton steps after it are what the criterion above checks.
# Run from this folder:  Rscript make_odd_scales.R   Writes odd_scales.json.
suppressPackageStartupMessages({
  library(VGAM)
  library(jsonlite)
})
specs <- fromJSON("odd_scales_specs.json", simplifyVector = FALSE)
rows <- read.csv(gzfile("odd_scales.csv.gz"), stringsAsFactors = FALSE, na.strings = "",
                 colClasses = c(y = "character"))
probs <- function(X, B) {
  eta <- cbind(X %*% B, 0); P <- exp(eta - apply(eta, 1, max)); P / rowSums(P)
}
# score and information of the multinomial logit on design X, outcome matrix Y (eqs then ref)
newton <- function(X, Y, w, B, steps = 5) {
  p <- ncol(X); q <- ncol(B)
  info_of <- function(B) {
    P <- probs(X, B)[, 1:q, drop = FALSE]; info <- matrix(0, p * q, p * q)
    for (a in 1:q) for (b in 1:q) {
      wt <- w * P[, a] * ((a == b) - P[, b])
      info[(a - 1) * p + 1:p, (b - 1) * p + 1:p] <- crossprod(X * wt, X)
    }
    list(info = info, score = as.vector(crossprod(X, w * (Y[, 1:q, drop = FALSE] - P))))
  }
  for (i in seq_len(steps)) {
    s <- info_of(B); d <- solve(s$info, s$score)
    if (sum(s$score * d) < 1e-24) break
    B <- B + matrix(d, p, q)
  }
  s <- info_of(B)
  list(B = B, V = solve(s$info), crit = sum(s$score * solve(s$info, s$score)))
}
loglik <- function(X, Y, w, B) sum(w * rowSums(Y * log(probs(X, B))))

# fit on an orthonormal basis of X's columns (X = Q R), so that columns at scales 1e-6 to
# 1e12 do not trouble VGAM's IRLS; the estimates and their covariance are mapped back exactly
qfit <- function(X, Y, w, refcol) {
  keep <- w > 0; X <- X[keep, , drop = FALSE]; Y <- Y[keep, , drop = FALSE]; w <- w[keep]
  qx <- qr(X, tol = 1e-11); if (qx$rank < ncol(X)) stop("rank deficient design")
  nr <- nrow(X); Q <- qr.Q(qx) * sqrt(nr); Rm <- qr.R(qx) / sqrt(nr)
  piv <- qx$pivot
  v <- vglm(Y ~ Q - 1, multinomial(refLevel = refcol), weights = w,
            control = vglm.control(epsilon = 1e-13, maxit = 300))
  nt <- newton(Q, Y, w, coef(v, matrix = TRUE), 30)
  Ri <- backsolve(Rm, diag(ncol(X)))
  B <- matrix(0, ncol(X), ncol(nt$B)); B[piv, ] <- Ri %*% nt$B
  q <- ncol(nt$B); Tm <- kronecker(diag(q), Ri)
  V <- Tm %*% nt$V %*% t(Tm); o <- as.vector(outer(piv, (seq_len(q) - 1) * ncol(X), "+"))
  Vb <- matrix(0, nrow(V), ncol(V)); Vb[o, o] <- V
  list(B = B, V = Vb, crit = nt$crit, iter = v@iter, ll = loglik(Q, Y, w, nt$B),
       llv = as.numeric(logLik(v)))
}
one <- function(s) {
  d <- rows[rows$case == s$seed & rows$role == "fit", ]
  nd <- rows[rows$case == s$seed & rows$role == "new", ]
  vars <- unlist(s$vars); if (isTRUE(s$weights)) vars <- c(vars, "w")
  d <- d[complete.cases(d[, c("y", vars)]), ]
  d$.w <- if (isTRUE(s$weights)) d$w else rep(1, nrow(d))
  d$f <- factor(d$f, levels = intersect(unlist(s$flev), d$f))
  d$g <- factor(d$g, levels = intersect(unlist(s$glev), d$g))
  nd$f <- factor(nd$f, levels = levels(d$f)); nd$g <- factor(nd$g, levels = levels(d$g))
  order <- as.character(unlist(s$order)); ref <- as.character(s$ref)
  d$y <- factor(d$y, levels = intersect(order, d$y))
  levs <- levels(d$y); eqs <- setdiff(levs, ref)
  fo <- as.formula(s$formula_r)
  out <- list(seed = s$seed, levels = I(levs), rows = nrow(d), nobs = sum(d$.w))
  warns <- character(0)
  r <- withCallingHandlers(tryCatch({
    mf <- model.frame(fo, d)
    X <- model.matrix(fo, mf); tt <- terms(mf)
    qx <- qr(X[d$.w > 0, , drop = FALSE], tol = 1e-11); aliased <- character(0)
    if (qx$rank < ncol(X) && "f:g" %in% attr(tt, "term.labels")) {
      # R's full set of cells beside the intercept: drop the aliased columns, as lm() does
      aliased <- colnames(X)[qx$pivot[-seq_len(qx$rank)]]
      X <- X[, sort(qx$pivot[seq_len(qx$rank)]), drop = FALSE]
    }
    Y <- sapply(c(eqs, ref), function(l) as.numeric(d$y == l))
    ft <- qfit(X, Y, d$.w, length(levs))
    B <- ft$B; colnames(B) <- eqs; rownames(B) <- colnames(X)
    se <- matrix(sqrt(diag(ft$V)), ncol(X), length(eqs), dimnames = dimnames(B))
    Xn <- model.matrix(delete.response(tt), model.frame(delete.response(tt), nd))
    Xn <- Xn[, colnames(X), drop = FALSE]
    Pn <- probs(Xn, B); colnames(Pn) <- c(eqs, ref)
    asg <- attr(model.matrix(fo, mf), "assign")[match(colnames(X), colnames(model.matrix(fo, mf)))]; tl <- attr(tt, "term.labels"); fac <- attr(tt, "factors") > 0
    llX <- function(cols) {
      fr <- qfit(X[, cols, drop = FALSE], Y, d$.w, length(levs))
      stopifnot(fr$crit < 1e-16)
      fr$ll
    }
    ll <- ft$ll
    a2 <- list(term = I(tl), chi2 = I(numeric(length(tl))), df = I(numeric(length(tl))),
               wald = I(numeric(length(tl))))
    for (ti in seq_along(tl)) {
      rel <- which(sapply(seq_along(tl), function(t2) t2 != ti && all(!(fac[, ti] & !fac[, t2]))))
      big <- !(asg %in% rel)
      a2$chi2[ti] <- 2 * (llX(which(big)) - llX(which(big & asg != ti)))
      a2$df[ti] <- length(eqs) * sum(asg == ti)
      idx <- as.vector(outer(which(asg == ti), (seq_along(eqs) - 1) * ncol(X), "+"))
      b <- as.vector(B)[idx]
      a2$wald[ti] <- as.numeric(t(b) %*% solve(ft$V[idx, idx], b))
    }
    if (length(aliased)) a2 <- NULL
    list(ok = TRUE, aliased = I(aliased), llf = ll, llf_vglm = ft$llv, crit = ft$crit, maxcoef = max(abs(B)),
         columns = I(colnames(X)),
         coef = lapply(eqs, function(e) I(unname(B[, e]))), se = lapply(eqs, function(e) I(unname(se[, e]))),
         eqs = I(eqs), predict = lapply(levs, function(l) I(unname(Pn[, l]))), anova2 = a2,
         vglm_iter = ft$iter)
  }, error = function(e) list(ok = FALSE, error = conditionMessage(e))),
  warning = function(w) { warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning") })
  c(out, r, list(warnings = I(unique(warns))))
}
res <- lapply(specs$cases, one)
stopifnot(all(sapply(res, function(r) isTRUE(r$ok) && r$crit < 1e-16)))
out <- list(versions = c(specs$versions,
                         list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                              jsonlite = as.character(packageVersion("jsonlite")))),
            cases = res)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "odd_scales.json")
