# Reference values for tests/test_random_formulas_reference.py: the random cases drawn by
# make_random_formulas.py (random_formulas.csv.gz, random_formulas_specs.json) fitted in R.
# Each case is fitted by VGAM::vglm(multinomial(refLevel = ref)) (epsilon 1e-13) on its
# complete rows (those R's na.omit keeps, dropped before the formula's poly(), bs(), ns() and
# scale() learn their bases, as mnlogit learns them); standard errors are the square roots of
# the diagonal of the exact inverse information at VGAM's estimate (VGAM's vcov() comes from
# the weights of an earlier iterate, 2% off in nearly flat fits); nnet::multinom's
# log-likelihood (reltol 1e-14) is stored beside VGAM's as a check. Stored: log-likelihood,
# the null log-likelihood as mnlogit defines it (intercept-only when the design spans the
# constant, else every coefficient zero), AIC, BIC (n = the sum of the weights),
# coefficients and standard errors by equation, the same against a second reference
# (ref2), likelihood-ratio tests of every term of models with an intercept as car::Anova
# defines them for multinom (type II: the term with the terms containing it removed from both
# models; type III: the term's columns dropped from the full design), each model refitted by
# vglm on R's model matrix, the Wald statistic of one main-effect term (exact information),
# and the probabilities at the new rows (R's predvars, VGAM's coefficients).
# Run from this folder:  Rscript make_random_formulas.R   Writes random_formulas.json.
suppressPackageStartupMessages({
  library(nnet)
  library(VGAM)
  library(splines)
  library(jsonlite)
})

specs <- fromJSON("random_formulas_specs.json", simplifyVector = FALSE)
rows <- read.csv(gzfile("random_formulas.csv.gz"), stringsAsFactors = FALSE, na.strings = "")

prep <- function(d, s) {
  d$f <- factor(d$f, levels = unlist(s$flev))
  d$g <- factor(d$g, levels = c("q", "p", "r"))  # the Categorical's order, less its unused level
  d$o <- factor(d$o, levels = c("lo", "mid", "hi"))  # mnlogit codes an ordered Categorical so
  d$oo <- factor(d$o, levels = c("lo", "mid", "hi"), ordered = TRUE)  # C(o, Poly): contr.poly
  d
}

by_equation <- function(x, eqs) {  # VGAM names coefficients column:j (column alone for K = 2)
  nm <- names(x)
  if (length(eqs) == 1) {
    j <- rep(1L, length(nm)); col <- nm
  } else {
    j <- as.integer(sub(".*:", "", nm)); col <- sub(":[0-9]+$", "", nm)
  }
  out <- list()
  for (e in seq_along(eqs)) out[[eqs[e]]] <- setNames(as.list(unname(x[j == e])), col[j == e])
  out
}

vfit <- function(fo, d, ref) {
  vglm(fo, multinomial(refLevel = ref), data = d, weights = .w,
       control = vglm.control(epsilon = 1e-13, maxit = 300))
}

# exact inverse information at the estimate, in VGAM's order of coefficients
exact_vcov <- function(X, B, y, ref, w) {
  eqs <- setdiff(levels(y), ref)
  eta <- cbind(X %*% B, 0); colnames(eta) <- c(eqs, ref)
  P <- exp(eta - apply(eta, 1, max)); P <- (P / rowSums(P))[, eqs, drop = FALSE]
  p <- ncol(X); q <- length(eqs); info <- matrix(0, p * q, p * q)
  for (a in 1:q) for (b in 1:q) {
    wt <- w * P[, a] * ((a == b) - P[, b])
    info[(a - 1) * p + 1:p, (b - 1) * p + 1:p] <- crossprod(X * wt, X)
  }
  o <- as.vector(t(matrix(seq_len(p * q), p, q)))  # equation blocks -> VGAM's interleaving
  solve(info)[o, o]
}

one <- function(s) {
  d <- prep(rows[rows$case == s$seed & rows$role == "fit", ], s)
  nd <- prep(rows[rows$case == s$seed & rows$role == "new", ], s)
  fo <- as.formula(s$formula_r)
  vars <- intersect(all.vars(fo), c(names(d), "oo")); vars[vars == "oo"] <- "o"
  if (isTRUE(s$weights)) vars <- c(vars, "w")
  d <- d[complete.cases(d[, c("y", vars)]), ]
  d$y <- factor(d$y)
  d$.w <- if (isTRUE(s$weights)) d$w else rep(1, nrow(d))
  w <- d$.w
  levs <- levels(d$y); eqs <- setdiff(levs, s$ref)
  v <- vfit(fo, d, s$ref)
  mn <- multinom(fo, data = d, weights = .w, trace = FALSE, maxit = 10000, reltol = 1e-14,
                 abstol = 1e-300, MaxNWts = 1e5)
  X <- model.matrix(fo, d); asg <- attr(X, "assign"); tl <- attr(terms(fo), "term.labels")
  stopifnot(all(colnames(X) == rownames(coef(v, matrix = TRUE))))
  cf <- coef(v); ll <- as.numeric(logLik(v)); npar <- length(cf)
  V <- exact_vcov(X, coef(v, matrix = TRUE), d$y, s$ref, w)
  se <- setNames(sqrt(diag(V)), names(cf))
  spans <- max(abs(qr.resid(qr(X), rep(1, nrow(X))))) < 1e-8
  llnull <- if (spans) as.numeric(logLik(vfit(y ~ 1, d, s$ref))) else sum(w) * log(1 / length(levs))
  res <- list(spec = s, nobs = sum(w), rows = nrow(d), levels = I(levs), llf = ll,
              llf_nnet = as.numeric(logLik(mn)), llnull = llnull, spans = spans,
              aic = -2 * ll + 2 * npar, bic = -2 * ll + log(sum(w)) * npar, npar = npar,
              columns = I(colnames(X)), coef = by_equation(cf, eqs), se = by_equation(se, eqs))
  fac <- attr(terms(fo), "factors") > 0
  llX <- function(cols) {
    dd <- data.frame(y = d$y, .w = w); dd$X <- X[, cols, drop = FALSE]
    as.numeric(logLik(vfit(y ~ X - 1, dd, s$ref)))
  }
  if (attr(terms(fo), "intercept") == 1) {
    q <- length(eqs)
    a2 <- a3 <- list(term = I(tl), chi2 = I(numeric(length(tl))), df = I(numeric(length(tl))))
    for (ti in seq_along(tl)) {
      # car's relatives: the terms that contain every variable of this one
      rel <- which(sapply(seq_along(tl), function(t2) t2 != ti && all(!(fac[, ti] & !fac[, t2]))))
      big <- !(asg %in% rel)
      a2$chi2[ti] <- 2 * (llX(which(big)) - llX(which(big & asg != ti)))
      a3$chi2[ti] <- 2 * (ll - llX(which(asg != ti)))
      a2$df[ti] <- a3$df[ti] <- q * sum(asg == ti)
    }
    res$anova2 <- a2; res$anova3 <- a3
  }
  if (!is.null(s$wald)) {
    ti <- match(deparse(parse(text = s$wald[[2]])[[1]]), tl)
    cols <- colnames(X)[asg == ti]
    col_of <- if (length(eqs) == 1) names(cf) else sub(":[0-9]+$", "", names(cf))
    idx <- which(col_of %in% cols)
    res$wald <- list(term = s$wald[[1]], df = length(idx),
                     chi2 = as.numeric(t(cf[idx]) %*% solve(V[idx, idx], cf[idx])))
  }
  tt <- delete.response(terms(mn))
  Xn <- model.matrix(tt, model.frame(tt, nd, xlev = mn$xlevels), contrasts.arg = mn$contrasts)
  eta <- cbind(Xn %*% coef(v, matrix = TRUE), 0); colnames(eta) <- c(eqs, s$ref)
  P <- exp(eta - apply(eta, 1, max)); P <- (P / rowSums(P))[, levs, drop = FALSE]
  res$predict <- setNames(lapply(levs, function(l) I(unname(P[, l]))), levs)
  v2 <- vfit(fo, d, s$ref2); eqs2 <- setdiff(levs, s$ref2)
  V2 <- exact_vcov(X, coef(v2, matrix = TRUE), d$y, s$ref2, w)
  res$ref2 <- list(llf = as.numeric(logLik(v2)), coef = by_equation(coef(v2), eqs2),
                   se = by_equation(setNames(sqrt(diag(V2)), names(coef(v2))), eqs2))
  res
}

out <- list(
  versions = c(specs$versions,
               list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                    nnet = as.character(packageVersion("nnet")),
                    jsonlite = as.character(packageVersion("jsonlite")))),
  cases = lapply(specs$cases, one)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "random_formulas.json")
