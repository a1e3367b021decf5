# Per-term and nested hypothesis tests of random multinomial fits against R
# (tests/test_hypothesis_random_reference.py). Each case draws its own data set
# (set.seed(5300 + case)): n of 80 to 300 rows, K = 2 to 4 outcomes A-D (a random reference),
# numbers x1 (off centre) and x2, factors f (2 to 4 levels, the last often rare) and g (2 or 3
# levels), integer frequency weights 0-4 in some cases, and a formula from the list below with
# f treatment coded or sum coded (`C(f, contr.sum)`, mnlogit's `C(f, Sum)`), without offset.
#  * nnet::multinom (reltol 1e-16), its estimates polished by Newton steps with the exact
#    information (the score's scaled norm U'I^-1U below 1e-20), the exact inverse information as the
#    model-based covariance and a robust HC0 sandwich A^-1 (sum_i w_i s_i s_i') A^-1, s_i one
#    row's score (a row of weight w is w observations).
#  * car::Anova type II and III likelihood-ratio tests (refits to reltol 1e-16, car_tight.R).
#  * Wald tests of each term, type III (the term's coefficients in every equation, by
#    car::linearHypothesis with `vcov.` and `coef.`) and type II (W(term and the terms
#    containing it) - W(those terms), car's Anova.II.default) with either covariance.
#  * anova(smaller, fit): the nested LR test of the formula without its last term, and the
#    fit against the intercept-only model.
#  * car::linearHypothesis of one restriction across equations with a right-hand side.
# Draws 11, 27 and 43 (f * g) have an empty cell: the rows of f's and g's last levels dropped,
# or weighted 0. Draws whose model matrix has a column of zeros on the rows of positive weight
# (an empty cell of f:g) are kept with `aliased` naming the columns: multinom fits them with
# the column's weight left at its random start and car counts it in the df, which no fit
# supports (mnlogit refuses such a design); nothing else is stored for them. Draws where the
# Newton polish finds no maximum (60 steps, or a singular information) are kept with
# `separated` and nothing else: R's numbers there are those of where nnet stopped.
# Run from this folder:  Rscript make_hypothesis_random.R  (writes hypothesis_random.csv.gz
# and hypothesis_random.json)
suppressPackageStartupMessages({
  library(nnet)
  library(car)
  library(jsonlite)
})
source("car_tight.R")  # tab(), anova_tight

FORMULAS <- list(
  c("y ~ x1 + F", "y ~ x1 + F"),
  c("y ~ x1 * F", "y ~ x1 * F"),
  c("y ~ F * g + x1", "y ~ F * g + x1"),
  c("y ~ x1 + x2 + x1:x2 + g", "y ~ x1 + x2 + x1:x2 + g"),
  c("y ~ F + g + x1:F", "y ~ F + g + x1:F"),
  c("y ~ x1 * F + x2 * g", "y ~ x1 * F + x2 * g"),
  c("y ~ x1 + I(x1^2) + F", "y ~ x1 + I(x1**2) + F"),
  c("y ~ g + x2 * F", "y ~ g + x2 * F")
)
N_CASES <- 48

draw <- function(case) {
  set.seed(5300 + case)
  n <- sample(c(80, 120, 200, 300), 1)
  K <- sample(2:4, 1, prob = c(0.2, 0.45, 0.35))
  nf <- sample(2:4, 1)
  pf <- c(rep(1, nf - 1), sample(c(1, 0.3), 1))
  f <- factor(sample(letters[1:nf], n, replace = TRUE, prob = pf), levels = letters[1:nf])
  ng <- sample(2:3, 1)
  g <- factor(sample(c("p", "q", "r")[1:ng], n, replace = TRUE, prob = c(2, 1, 1)[1:ng]))
  x1 <- round(rnorm(n, sample(c(0, 3, 10), 1), sample(c(1, 2), 1)), 3)
  x2 <- round(runif(n, -1, 1), 3)
  form <- FORMULAS[[(case - 1) %% length(FORMULAS) + 1]]
  sum_coded <- case %% 3 == 0
  fr <- if (sum_coded) "C(f, contr.sum)" else "f"
  fp <- if (sum_coded) "C(f, Sum)" else "f"
  d <- data.frame(f = f, g = g, x1 = x1, x2 = x2)
  mm <- model.matrix(as.formula(sub("y ", "", gsub("F", "f", form[1]))), d)
  B <- matrix(rnorm(ncol(mm) * (K - 1), 0, 0.5), ncol(mm), K - 1)
  B[1, ] <- B[1, ] + rnorm(K - 1, 0, 0.3)
  # slopes of x1 scaled to its spread, so the outcome depends on it without separating
  B[grepl("x1", colnames(mm)), ] <- B[grepl("x1", colnames(mm)), ] / sd(x1)
  repeat {  # every outcome on a few rows, the coefficients shrunk until it is
    eta <- cbind(0, mm %*% B)
    p <- exp(eta - apply(eta, 1, max))
    p <- p / rowSums(p)
    y <- LETTERS[1:K][apply(p, 1, function(r) sample.int(K, 1, prob = r))]
    if (min(table(factor(y, levels = LETTERS[1:K]))) >= 4) break
    B <- B * 0.7
  }
  d$y <- factor(y, levels = LETTERS[1:K])
  weighted <- runif(1) < 0.4
  d$w <- if (weighted) sample(0:4, n, replace = TRUE, prob = c(0.1, 0.4, 0.2, 0.2, 0.1)) else 1
  # every outcome drawn has rows of positive weight
  for (k in unique(y)) if (sum(d$w[y == k]) == 0) d$w[y == k] <- 1
  if (case %% 16 == 11) {  # an empty cell of f:g: its rows dropped, or weighted 0
    cell <- d$f == levels(f)[nf] & d$g == levels(g)[ng]
    if (weighted) d$w[cell] <- 0 else d <- d[!cell, ]
  }
  d$y <- droplevels(d$y)
  list(d = d, ref = sample(levels(d$y), 1), weighted = weighted,
       formula_r = gsub("F", fr, form[1]), formula_py = gsub("F", fp, form[2]),
       smaller_r = NULL)
}

fit_mn <- function(f, data) {
  m <- multinom(as.formula(f), data = data, weights = w, trace = FALSE, maxit = 10000,
                reltol = 1e-16, abstol = 1e-300, model = TRUE)
  m$call$formula <- as.formula(f)
  m
}

# exact information, score and log-likelihood of B (p x q, column per non-reference level)
sums <- function(B, X, Y, w) {
  eta <- cbind(0, X %*% B)
  m <- apply(eta, 1, max)
  lse <- m + log(rowSums(exp(eta - m)))
  P <- exp(eta - lse)
  q <- ncol(B)
  p <- ncol(X)
  A <- matrix(0, p * q, p * q)
  for (k in 1:q) for (l in 1:q) {
    A[(k - 1) * p + 1:p, (l - 1) * p + 1:p] <-
      crossprod(X, X * (w * P[, k + 1] * ((k == l) - P[, l + 1])))
  }
  S <- do.call(cbind, lapply(1:q, function(k) X * (Y[, k + 1] - P[, k + 1])))
  list(ll = sum(w * rowSums(Y * eta)) - sum(w * lse), A = A, S = S, U = colSums(S * w))
}

polish <- function(B, X, Y, w) {
  for (it in 1:60) {
    s <- sums(B, X, Y, w)
    step <- tryCatch(solve(s$A, s$U, tol = 1e-30), error = function(e) NULL)
    if (is.null(step)) return(NULL)  # singular information
    if (sum(s$U * step) < 1e-20) return(if (rcond(s$A) > 1e-13) B else NULL)
    t <- 1
    repeat {
      Bn <- B + t * matrix(step, nrow(B))
      if (sums(Bn, X, Y, w)$ll >= s$ll - 1e-12 || t < 1e-6) break
      t <- t / 2
    }
    B <- Bn
  }
  NULL  # no maximum: the coefficients run off (separation)
}

wald <- function(b, V, idx) {
  if (length(idx) == 0) return(0)
  e <- b[idx]
  drop(t(e) %*% solve(V[idx, idx, drop = FALSE], e))
}

out <- list(versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                            car = as.character(packageVersion("car")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            cases = list())
rows <- list()
for (case in 1:N_CASES) {
  dr <- draw(case)
  d <- dr$d
  d$y <- relevel(d$y, dr$ref)
  rows[[case]] <- cbind(case = case, dr$d)
  res <- list(case = case, formula = dr$formula_py, formula_r = dr$formula_r, ref = dr$ref,
              weighted = dr$weighted)
  pos <- d[d$w > 0, ]
  Xpos <- model.matrix(as.formula(sub("y ", "", dr$formula_r)), pos)
  zero <- colnames(Xpos)[colSums(abs(Xpos)) == 0]
  if (length(zero) > 0 || qr(Xpos)$rank < ncol(Xpos)) {
    res$aliased <- zero
    out$cases[[case]] <- res
    next
  }
  m <- fit_mn(dr$formula_r, d)
  X <- model.matrix(m)
  lev <- levels(d$y)
  Y <- outer(as.character(d$y), lev, "==") * 1
  B0 <- if (length(lev) == 2) matrix(coef(m), ncol = 1) else t(coef(m))
  B <- polish(B0, X, Y, d$w)
  if (is.null(B)) {
    res$separated <- TRUE
    out$cases[[case]] <- res
    next
  }
  s <- sums(B, X, Y, d$w)
  Ainv <- solve(s$A)
  V <- list(model = Ainv, hc0 = Ainv %*% crossprod(s$S, s$S * d$w) %*% Ainv)
  b <- as.vector(B)
  eqs <- lev[-1]
  names(b) <- paste0(rep(eqs, each = ncol(X)), ":", rep(colnames(X), length(eqs)))
  for (v in names(V)) dimnames(V[[v]]) <- list(names(b), names(b))
  res$llf <- s$ll
  res$nobs <- sum(d$w)
  res$n_coef <- length(b)
  res$separated <- FALSE
  # terms and their columns (equation-major); a term's relatives contain it
  labels <- attr(terms(m), "term.labels")
  assign <- attr(X, "assign")
  parts <- lapply(strsplit(labels, ":"), sort)
  relatives <- lapply(seq_along(labels), function(i) {
    labels[vapply(seq_along(labels), function(j) {
      j != i && all(parts[[i]] %in% parts[[j]]) && length(parts[[j]]) > length(parts[[i]])
    }, TRUE)]
  })
  names(relatives) <- labels
  idx <- function(ts) which(rep(assign, length(eqs)) %in% match(ts, labels))
  lr <- list(II = tab(anova_tight[[1]](m)), III = tab(anova_tight[[2]](m)))
  res$anova_lr <- lr
  res$wald <- list()
  for (v in names(V)) {
    w3 <- lapply(labels, function(t) {
      R <- diag(length(b))[idx(t), , drop = FALSE]
      a <- linearHypothesis(m, R, vcov. = V[[v]], coef. = b, test = "Chisq")
      list(chi2 = a$Chisq[2], df = a$Df[2], pvalue = a[["Pr(>Chisq)"]][2])
    })
    w2 <- lapply(labels, function(t) {
      rel <- relatives[[t]]
      chi2 <- wald(b, V[[v]], idx(c(t, rel))) - wald(b, V[[v]], idx(rel))
      df <- length(idx(t))
      list(chi2 = chi2, df = df, pvalue = pchisq(chi2, df, lower.tail = FALSE))
    })
    names(w2) <- names(w3) <- labels
    res$wald[[v]] <- list(III = w3, II = w2)
  }
  res$relatives <- relatives
  # nested: without the last term (one that no other term contains)
  last <- labels[length(labels)]
  small_r <- if (length(labels) > 1) {
    paste("y ~", paste(labels[-length(labels)], collapse = " + "))
  } else {
    "y ~ 1"
  }
  m0 <- fit_mn(small_r, d)
  a <- anova(m0, m)
  res$nested <- list(dropped = last, formula_r = small_r,
                     chi2 = a[["LR stat."]][2], df = a[["   Df"]][2],
                     pvalue = a[["Pr(Chi)"]][2])
  mnull <- fit_mn("y ~ 1", d)
  a <- anova(mnull, m)
  res$null <- list(chi2 = a[["LR stat."]][2], df = a[["   Df"]][2], pvalue = a[["Pr(Chi)"]][2])
  # one restriction across equations, on the first column after the intercept
  R <- matrix(0, 1, length(b))
  R[1, 2] <- 1
  if (length(eqs) > 1) R[1, ncol(X) + 2] <- -1
  res$restriction <- list(column_r = colnames(X)[2], position = 1, rhs = 0.25,
                          equations = eqs[seq_len(min(2, length(eqs)))])
  for (v in names(V)) {
    a <- linearHypothesis(m, R, rhs = 0.25, vcov. = V[[v]], coef. = b, test = "Chisq")
    res$restriction[[v]] <- list(chi2 = a$Chisq[2], df = a$Df[2],
                                 pvalue = a[["Pr(>Chisq)"]][2])
  }
  out$cases[[case]] <- res
}
all_rows <- do.call(rbind, rows)
con <- gzfile("hypothesis_random.csv.gz", "w")
write.csv(all_rows, con, row.names = FALSE)
close(con)
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE, null = "null"),
           "hypothesis_random.json")
