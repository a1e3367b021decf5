# Per-term Wald tests (type II and III) and linear hypotheses across equations of a
# multinomial logit (three outcomes) with sandwich covariances, where wald_tests.R has two
# outcomes only. car::Anova has only LR tests for nnet::multinom, but car's Anova.default
# reads a VGAM::vglm fit (its coefficients, vcov. and the "assign" of the VLM design), and
# car::linearHypothesis does too: type II by car's conjugate complement taken in the whole
# covariance, across the equations.
# sandwich has no estfun for vglm: the sandwich is built by hand. Row i's score for
# equation e (outcome o_e against the reference) is w_i (y_i == o_e - P_i(o_e)) x_i, laid
# out as vglm's coefficients (column j's equations together); the bread is vcov(fit); the
# meat sums the scores' outer products by row (HC0) or by cluster, times G / (G - 1).
# On womenlf.csv (written by margins_womenlf.R), with frequency weights w = 1 + (row %% 3)
# and clusters cl = (row - 1) %/% 5 (53), as wald_tests.R:
#  * cluster: partic ~ hincome * children + region (reference not.work), weighted and
#    clustered; and the same model against reference fulltime (mnlogit's with_ref), whose
#    sandwich is built again from that fit's scores;
#  * robust: partic ~ poly(hincome, 2) * children + region, unweighted, HC0.
# vglm warns of half-step sizes at epsilon 1e-14 (rounding, not a fit short of its maximum:
# the script stops unless the scores sum to below 1e-8); mnlogit's statistics agree to 2e-9.
# Run from this folder:  Rscript wald_multinomial.R   -> wald_multinomial.json
suppressPackageStartupMessages({
  library(car)
  library(VGAM)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
df$w <- 1 + (seq_len(nrow(df)) %% 3)
df$cl <- (seq_len(nrow(df)) - 1) %/% 5

fit <- function(f, ref, weights) {
  d <- df
  d$wt <- weights
  vglm(as.formula(f), multinomial(refLevel = ref), data = d, weights = wt,
       control = vglm.control(epsilon = 1e-14, maxit = 100))
}

sandwich_by_hand <- function(v, ref, weights, clusters = NULL) {
  X <- model.matrix(v, type = "lm")
  P <- fitted(v)
  eqs <- setdiff(levels(df$partic), ref)  # vglm's equations, in the levels' order
  U <- NULL
  for (j in seq_len(ncol(X))) for (e in eqs) {
    U <- cbind(U, weights * ((df$partic == e) - P[, e]) * X[, j])
  }
  stopifnot(max(abs(colSums(U))) < 1e-8)  # the scores sum to 0 at the maximum
  A <- vcov(v)
  if (is.null(clusters)) return(A %*% crossprod(U) %*% A)
  S <- rowsum(U, clusters)
  G <- nrow(S)
  A %*% crossprod(S) %*% A * G / (G - 1)
}

anova_table <- function(v, V, type) {
  a <- car:::Anova.default(v, type = type, vcov. = V)
  a <- a[rownames(a) != "(Intercept)", ]
  setNames(lapply(rownames(a), function(t) list(chi2 = a[t, "Chisq"], df = a[t, "Df"],
                                               p = a[t, "Pr(>Chisq)"])),
           rownames(a))
}

hypotheses <- function(v, V, hs) {
  lapply(hs, function(h) {
    l <- linearHypothesis(v, h$r, vcov. = V, test = "Chisq")
    list(mnlogit = h$py, chi2 = l[2, "Chisq"], df = l[2, "Df"], p = l[2, "Pr(>Chisq)"])
  })
}

named <- function(x) as.list(setNames(as.numeric(x), names(coef(v_cl))))

f_cl <- "partic ~ hincome * children + region"
v_cl <- fit(f_cl, "not.work", df$w)
V_cl <- sandwich_by_hand(v_cl, "not.work", df$w, df$cl)
# equations 1 and 2: fulltime and parttime against not.work
h_cl <- list(
  cross = list(r = "hincome:1 = hincome:2", py = "fulltime:hincome = parttime:hincome"),
  joint = list(r = c("childrenpresent:1 = 0", "hincome:childrenpresent:2 = 0"),
               py = "fulltime:children[T.present] = 0, parttime:hincome:children[T.present] = 0"),
  constant = list(r = "hincome:1 - hincome:2 = 0.05",
                  py = "fulltime:hincome - parttime:hincome = 0.05")
)

v_ft <- fit(f_cl, "fulltime", df$w)
V_ft <- sandwich_by_hand(v_ft, "fulltime", df$w, df$cl)
# equations 1 and 2: not.work and parttime against fulltime
h_ft <- list(
  own = list(r = "hincome:1 = 0", py = "not.work:hincome = 0"),
  cross = list(r = c("regionBC:1 = regionBC:2", "hincome:childrenpresent:2 = 0"),
               py = "not.work:region[T.BC] = parttime:region[T.BC], parttime:hincome:children[T.present] = 0")
)

f_hc <- "partic ~ poly(hincome, 2) * children + region"
ones <- rep(1, nrow(df))
v_hc <- fit(f_hc, "not.work", ones)
V_hc <- sandwich_by_hand(v_hc, "not.work", ones)

out <- list(
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                  VGAM = as.character(packageVersion("VGAM")),
                  car = as.character(packageVersion("car")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  cluster = list(formula = f_cl, ref = "not.work", weights = "w", groups = "cl",
                 coef = named(coef(v_cl)), bse = named(sqrt(diag(V_cl))),
                 anova_type2 = anova_table(v_cl, V_cl, 2),
                 anova_type3 = anova_table(v_cl, V_cl, 3),
                 wald = hypotheses(v_cl, V_cl, h_cl)),
  other_reference = list(formula = f_cl, ref = "fulltime", weights = "w", groups = "cl",
                         anova_type2 = anova_table(v_ft, V_ft, 2),
                         anova_type3 = anova_table(v_ft, V_ft, 3),
                         wald = hypotheses(v_ft, V_ft, h_ft)),
  robust = list(formula = f_hc, ref = "not.work",
                anova_type2 = anova_table(v_hc, V_hc, 2),
                anova_type3 = anova_table(v_hc, V_hc, 3))
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "wald_multinomial.json")
