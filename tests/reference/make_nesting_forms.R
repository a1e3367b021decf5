# Formulas that nest, drop the intercept beside factors, cross a number with two factors
# without their margins, or cross poly() with factors, fitted by VGAM::vglm (multinomial,
# reference the first level "ant", epsilon 1e-14) on nesting_forms.csv (400 rows: outcome y
# with 4 levels, numbers x and z, factors a (p, q, r) and b (u, v), frequency weights w =
# 1 + (row - 1) %% 3): log-likelihood, design column names and coefficients
# (tests/test_nesting_forms_reference.py). And the type II and III likelihood-ratio tests of
# the weighted `y ~ x * C(a, contr.sum) * b + z` as car::Anova computes them for
# nnet::multinom (its Anova.II.multinom and Anova.III.multinom: the model matrix's columns of
# a term and its relatives dropped), with every refit converged (reltol 1e-16); car's own
# refits run at nnet's default tolerance and 100 iterations, so car::Anova's numbers, stored
# beside them, are up to 0.2 off for `y ~ poly(x, 3) * a` (also stored).
# Run from this folder:  Rscript make_nesting_forms.R
suppressPackageStartupMessages({
  library(VGAM)
  library(nnet)
  library(car)
  library(jsonlite)
})

d <- read.csv("nesting_forms.csv", stringsAsFactors = TRUE)

forms <- c(
  "y ~ a/x", "y ~ b/(x + z)", "y ~ (a + b)/x", "y ~ a/x*b", "y ~ a*b/x", "y ~ a/x/z",
  "y ~ x/(a + b)", "y ~ a + x %in% a", "y ~ a + (x + z) %in% a", "y ~ 0 + a/x",
  "y ~ a - 1 + x", "y ~ x*a*b - 1", "y ~ x:a:b + z", "y ~ b + x:a:b", "y ~ a + x:a:b",
  "y ~ x*b + x:a:b", "y ~ poly(x, 3)*a", "y ~ poly(x, 2):a", "y ~ a/poly(x, 2)"
)

one <- function(f) {
  m <- vglm(as.formula(f), multinomial(refLevel = 1), data = d,
            control = vglm.control(epsilon = 1e-14, maxit = 200))
  B <- coef(m, matrix = TRUE)
  list(formula = f, loglik = as.numeric(logLik(m)), columns = rownames(B),
       outcomes = levels(d$y)[-1], coef = unname(B))
}

mm <- function(f, wt) {
  multinom(f, data = cbind(d, wt = wt), weights = wt, trace = FALSE, reltol = 1e-16,
           maxit = 10000, MaxNWts = 1e5)
}

# the outcome on the columns of X kept (X has an intercept column, first)
mx <- function(X, keep, wt) {
  Xr <- X[, keep, drop = FALSE][, -1, drop = FALSE]
  f <- if (ncol(Xr) == 0) d$y ~ 1 else d$y ~ Xr
  multinom(f, weights = wt, trace = FALSE, reltol = 1e-16, maxit = 10000,
           MaxNWts = 1e5)
}

anova_converged <- function(f, wt) {
  m <- mm(as.formula(f), wt)
  X <- model.matrix(m)
  asg <- attr(X, "assign")
  fac <- attr(terms(m), "factors")
  nm <- attr(terms(m), "term.labels")
  ii <- iii <- numeric(length(nm))
  for (t in seq_along(nm)) {
    rels <- nm[car:::relatives(nm[t], nm, fac)]
    m1 <- mx(X, !(asg %in% match(c(nm[t], rels), nm)), wt)
    m2 <- if (length(rels) == 0) m else mx(X, !(asg %in% match(rels, nm)), wt)
    ii[t] <- deviance(m1) - deviance(m2)
    iii[t] <- deviance(mx(X, asg != t, wt)) - deviance(m)
  }
  car2 <- Anova(m, type = 2)
  car3 <- Anova(m, type = 3)
  list(formula = f, terms = nm, df = unname(car2$Df), type_ii = ii, type_iii = iii,
       car_type_ii = unname(car2[["LR Chisq"]]), car_type_iii = unname(car3[["LR Chisq"]]))
}

out <- list(
  versions = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                  nnet = as.character(packageVersion("nnet")),
                  car = as.character(packageVersion("car")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  forms = lapply(forms, one),
  anova = list(
    weighted_sum = anova_converged("y ~ x * C(a, contr.sum) * b + z", d$w),
    poly = anova_converged("y ~ poly(x, 3) * a", rep(1, nrow(d)))
  )
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "nesting_forms.json")
