# Firth (Jeffreys-penalised) fits of three outcomes under sum-to-zero and Helmert contrasts,
# with a factor x numeric interaction, frequency weights with zeros, a rare outcome level,
# quasi-complete separation by a factor level and a column in units of 1e6, against
# brglm2::brmultinom(type = "AS_mean"); and the penalised likelihood-ratio tests of those fits
# (mnlogit's anova() of a Firth fit, as logistf's drop1 / anova for two outcomes) by hand:
# each restricted model maximises the larger model's penalised log-likelihood
# l(B) + log det I(B) / 2 (I the expected information of the larger model's design, frequency
# weights counting rows) with the tested coefficients held at 0, by Newton steps on the
# free coefficients (in units of each column's largest value) with central-difference
# derivatives, halving steps that do not rise, from optim's BFGS maximum (BFGS alone stops
# 3e-4 short on the completely separated case); the statistic is twice the difference of
# the two penalised log-likelihoods.
# Data (written to firth_codings_lr.csv, set.seed(78)): 160 rows, y in a, b, c with c
# rare (6 rows), x standard normal, f in p, q, r (no row of r is b: b's equation separated
# quasi-completely by f), g in u, v; w = frequency weights 0-3 (every 8th row 0); xbig = x * 1e6;
# yc = b where x > 0.4, c where x < -0.8, else a (complete separation by x).
# The test against the intercept-only model holds every slope at 0 likewise.
# Type II tests of the sum-coded model's main effects x and f: the model without x:f fitted by
# brmultinom, each main effect dropped under that model's penalty.
# Run from this folder:  Rscript make_firth_codings_lr.R
suppressPackageStartupMessages({
  library(brglm2)
  library(jsonlite)
})
set.seed(78)
n <- 160
x <- round(rnorm(n), 4)
f <- factor(sample(c("p", "q", "r"), n, replace = TRUE))
g <- factor(sample(c("u", "v"), n, replace = TRUE))
eta_b <- 0.3 + 0.8 * x + 0.5 * (g == "v")
pb <- exp(eta_b) / (1 + exp(eta_b))
y <- ifelse(runif(n) < pb, "b", "a")
y[f == "r" & y == "b"] <- "a"
rare <- which(y == "a")[c(3, 17, 29, 41, 55, 70)]
y[rare] <- "c"
w <- sample(1:3, n, replace = TRUE)
w[seq(8, n, by = 8)] <- 0
yc <- ifelse(x > 0.4, "b", ifelse(x < -0.8, "c", "a"))
d <- data.frame(y = factor(y, levels = c("a", "b", "c")), x = x, f = f, g = g, w = w,
                xbig = x * 1e6, yc = factor(yc, levels = c("a", "b", "c")))
write.csv(d, "firth_codings_lr.csv", row.names = FALSE)

ctrl <- list(epsilon = 1e-12, maxit = 2000)
cases <- list(
  sum_weighted = list(r = "y ~ x * C(f, contr.sum) + g", py = "y ~ x * C(f, Sum) + g",
                      weights = TRUE, drop = list(g = "g", x_f = "x:C(f, Sum)")),
  helmert = list(r = "y ~ x * C(f, contr.helmert) + g", py = "y ~ x * C(f, Helmert) + g",
                 weights = FALSE, drop = list(g = "g", x_f = "x:C(f, Helmert)")),
  treatment_weighted = list(r = "y ~ x * f + g", py = "y ~ x * f + g", weights = TRUE,
                            drop = list(g = "g", x_f = "x:f")),
  complete_sum = list(r = "yc ~ x + C(f, contr.sum)", py = "yc ~ x + C(f, Sum)",
                      weights = TRUE, drop = list(x = "x", f = "C(f, Sum)")),
  xbig_sum = list(r = "y ~ xbig + C(f, contr.sum) + g", py = "y ~ xbig + C(f, Sum) + g",
                  weights = TRUE, drop = list(xbig = "xbig", g = "g"))
)

# the multinomial logit's log-likelihood, score and expected information, K - 1 = 2
# equations, coefficients stacked equation by equation (mnlogit's order)
probs <- function(X, B) {
  eta <- cbind(0, X %*% B)
  m <- apply(eta, 1, max)
  e <- exp(eta - m)
  e / rowSums(e)
}
info <- function(X, P, w) {
  q <- ncol(P) - 1
  p <- ncol(X)
  I <- matrix(0, p * q, p * q)
  for (k in 1:q) for (l in 1:q) {
    wk <- w * P[, k + 1] * ((k == l) - P[, l + 1])
    I[(k - 1) * p + 1:p, (l - 1) * p + 1:p] <- crossprod(X, X * wk)
  }
  I
}
penalised <- function(beta, X, Y, w, free) {
  full <- numeric(ncol(X) * (ncol(Y) - 1))
  full[free] <- beta
  B <- matrix(full, ncol(X))
  P <- probs(X, B)
  ll <- sum(w * rowSums(Y * log(P)))
  ll + 0.5 * as.numeric(determinant(info(X, P, w))$modulus)
}
restricted_max <- function(X, Y, w, free, start) {
  # in units of each column's largest value, so that xbig's coefficient is not 1e-6
  s <- rep(apply(abs(X), 2, max), ncol(Y) - 1)[free]
  fn <- function(b) -penalised(b / s, X, Y, w, free)
  o <- optim(start * s, fn, method = "BFGS", control = list(maxit = 5000, reltol = 1e-14))
  b <- o$par
  for (it in 1:50) {  # Newton polish with numerical derivatives
    h <- 1e-5
    k <- length(b)
    gr <- numeric(k)
    H <- matrix(0, k, k)
    for (i in 1:k) {
      e <- numeric(k); e[i] <- h
      gr[i] <- (fn(b + e) - fn(b - e)) / (2 * h)
      for (j in i:k) {
        f2 <- numeric(k); f2[j] <- h
        H[i, j] <- H[j, i] <- (fn(b + e + f2) - fn(b + e - f2) - fn(b - e + f2) +
                                 fn(b - e - f2)) / (4 * h * h)
      }
    }
    step <- solve(H, gr)
    t <- 1  # halved while the penalised log-likelihood does not rise
    while (fn(b - t * step) > fn(b) && t > 1e-8) t <- t / 2
    b <- b - t * step
    if (max(abs(t * step)) < 1e-10) break
  }
  list(par = b / s, value = -fn(b), grad = max(abs(gr)))
}

r_label <- function(py) gsub("C\\(f, (Sum|Helmert)\\)", "C(f, contr.\\L\\1)", py, perl = TRUE)
# a term's test: its coefficients held at 0 under the penalty of the model of `formula`
drop_test <- function(formula, wt, term_py, start) {
  X <- model.matrix(as.formula(formula), d)
  Y <- model.matrix(as.formula(paste("~", all.vars(as.formula(formula))[1], "- 1")), d)
  cols <- which(attr(X, "assign") == which(attr(terms(as.formula(formula)), "term.labels") ==
                                               r_label(term_py)))
  held <- as.vector(outer(cols, (0:1) * ncol(X), "+"))
  free <- setdiff(seq_len(2 * ncol(X)), held)
  r <- restricted_max(X, Y, wt, free, start[free])
  list(chi2 = 2 * (penalised(start, X, Y, wt, seq_along(start)) - r$value), df = length(held),
       restricted_penalised = r$value, grad = r$grad)
}

out <- list(versions = list(R = R.version.string, brglm2 = as.character(packageVersion("brglm2")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            cases = list())
for (nm in names(cases)) {
  cs <- cases[[nm]]
  message(nm)
  wt <- if (cs$weights) d$w else rep(1, n)
  m <- brmultinom(as.formula(cs$r), data = cbind(d, wt = wt), weights = wt, type = "AS_mean",
                  ref = 1, control = ctrl)
  B <- t(coef(m))  # columns b, c
  V <- vcov(m)
  X <- model.matrix(as.formula(cs$r), d)
  Y <- model.matrix(as.formula(paste("~", all.vars(as.formula(cs$r))[1], "- 1")), d)
  pl_full <- penalised(as.vector(B), X, Y, wt, seq_along(B))
  tests <- list()
  assign <- attr(X, "assign")
  labels <- attr(terms(as.formula(cs$r)), "term.labels")
  for (tn in names(cs$drop)) {
    term <- which(labels == r_label(cs$drop[[tn]]))
    cols <- which(assign == term)
    held <- as.vector(outer(cols, (0:1) * ncol(X), "+"))
    free <- setdiff(seq_len(2 * ncol(X)), held)
    r <- restricted_max(X, Y, wt, free, as.vector(B)[free])
    tests[[cs$drop[[tn]]]] <- list(chi2 = 2 * (pl_full - r$value), df = length(held),
                                   restricted_penalised = r$value, grad = r$grad)
  }
  out$cases[[nm]] <- list(
    formula = cs$py, weights = cs$weights, converged = m$converged, columns = colnames(X),
    params = unname(B), bse = unname(matrix(sqrt(diag(V)), ncol(X))),
    loglik = as.numeric(logLik(m)), penalised_loglik = pl_full,
    penalised_loglik_vcov = as.numeric(logLik(m)) - 0.5 * as.numeric(determinant(V)$modulus),
    type3 = tests
  )
  # against the intercept-only model (mnlogit's lr_test()), under the full model's penalty
  held <- as.vector(outer(which(colnames(X) != "(Intercept)"), (0:1) * ncol(X), "+"))
  free <- setdiff(seq_len(2 * ncol(X)), held)
  r <- restricted_max(X, Y, wt, free, as.vector(B)[free])
  out$cases[[nm]]$null <- list(chi2 = 2 * (pl_full - r$value), df = length(held),
                               restricted_penalised = r$value, grad = r$grad)
  if (nm == "sum_weighted") {
    main <- "y ~ x + C(f, contr.sum) + g"
    m2 <- brmultinom(as.formula(main), data = cbind(d, wt = wt), weights = wt,
                     type = "AS_mean", ref = 1, control = ctrl)
    b2 <- as.vector(t(coef(m2)))
    out$cases[[nm]]$type2 <- list(x = drop_test(main, wt, "x", b2),
                                  "C(f, Sum)" = drop_test(main, wt, "C(f, Sum)", b2))
  }
}
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE), "firth_codings_lr.json")
