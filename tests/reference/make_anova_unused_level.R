# Per-term likelihood-ratio tests (car::Anova type II and III of nnet::multinom) of a
# factor x numeric interaction on womenlf.csv (reference not.work) where the factor has an
# unused level, the numeric predictor is missing in some rows and frequency weights include 0:
# region with an extra level "Yukon" that no row has,
# hincome missing on every 11th row (rows dropped), w = row %% 4 (a quarter of the rows 0).
# `partic ~ hincome * region + children` treatment-coded (types II and III) and
# `partic ~ hincome * C(region, contr.sum) + C(children, contr.sum)` (type III, whose tests
# of the main effects depend on the coding); car's refits run to reltol 1e-16 (car_tight.R).
# multinom's model.frame keeps the unused level (glm's and lm's drop it): its column is 0 on
# every row, car counts it in the df of region and hincome:region (10 where 8 restrictions are
# tested) and under contr.sum it makes hincome a sum of the interaction's columns (type III
# chi2 0). The reference is the fit of droplevels(df), what mnlogit fits (a Categorical's
# unused category dropped); the fits keeping the level are stored as `unused_kept`.
# Also the log-likelihoods, coefficients and `predict(type = "probs")` at new rows (factors
# with the data's levels); and for the treatment-coded fit car::linearHypothesis (chi2) with
# the model-based covariance (the exact inverse information at nnet's estimates) and with a
# robust (HC0) sandwich built by hand, A^-1 (sum_i w_i s_i s_i') A^-1 with s_i the row's
# score x_i (y_ik - p_ik) (the rows repeated w_i times): restrictions across the equations
# with a right-hand side, and the interaction's 8 coefficients.
# Run from this folder:  Rscript make_anova_unused_level.R
suppressPackageStartupMessages({
  library(nnet)
  library(car)
  library(jsonlite)
})
df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
row <- seq_len(nrow(df))
df$hincome[row %% 11 == 0] <- NA
df$region <- factor(as.character(df$region),
                    levels = c("Atlantic", "BC", "Ontario", "Prairie", "Quebec", "Yukon"))
df$w <- row %% 4
source("car_tight.R")  # tab(), anova_tight
fit <- function(f, data) {
  m <- multinom(as.formula(f), data = data, weights = w, trace = FALSE, maxit = 10000,
                reltol = 1e-16, abstol = 1e-300)
  m$call$formula <- as.formula(f)
  m
}
new <- data.frame(hincome = c(3, 15, 40),
                  region = factor(c("Atlantic", "Quebec", "BC"), levels = levels(droplevels(df)$region)),
                  children = factor(c("absent", "present", "absent"), levels = levels(df$children)))
cases <- list(
  treatment = list(r = "partic ~ hincome * region + children",
                   py = "partic ~ hincome * region + children", types = c(2, 3)),
  sum = list(r = "partic ~ hincome * C(region, contr.sum) + C(children, contr.sum)",
             py = "partic ~ hincome * C(region, Sum) + C(children, Sum)", types = c(2, 3))
)
out <- list(versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                            car = as.character(packageVersion("car")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            cases = list())
for (n in names(cases)) {
  cs <- cases[[n]]
  m <- fit(cs$r, droplevels(df))
  kept <- fit(cs$r, df)
  res <- list(formula = cs$py, loglik = as.numeric(logLik(m)), nobs_rows = nrow(m$residuals),
              coef = as.data.frame(coef(m)), new = new,
              probs = as.data.frame(predict(m, newdata = new, type = "probs")))
  res$unused_kept <- list(loglik = as.numeric(logLik(kept)))
  for (t in cs$types) {
    res[[c("II", "III")[t - 1]]] <- tab(anova_tight[[t - 1]](m))
    res$unused_kept[[c("II", "III")[t - 1]]] <- tab(anova_tight[[t - 1]](kept))
  }
  out$cases[[n]] <- res
}
# Wald tests of the treatment-coded fit
m <- fit(cases$treatment$r, droplevels(df))
keep <- !is.na(df$hincome)
X <- model.matrix(m)
P <- fitted(m)
wt <- df$w[keep]
Y <- model.matrix(~ partic - 1, df[keep, ])
q <- ncol(P) - 1
A <- matrix(0, ncol(X) * q, ncol(X) * q)
for (k in 1:q) for (l in 1:q) {
  A[(k - 1) * ncol(X) + 1:ncol(X), (l - 1) * ncol(X) + 1:ncol(X)] <-
    crossprod(X, X * (wt * P[, k + 1] * ((k == l) - P[, l + 1])))
}
S <- do.call(cbind, lapply(1:q, function(k) X * (Y[, k + 1] - P[, k + 1])))
Ainv <- solve(A)
V_model <- Ainv
V_hc0 <- Ainv %*% crossprod(S, S * wt) %*% Ainv
dimnames(V_model) <- dimnames(V_hc0) <- list(colnames(vcov(m)), colnames(vcov(m)))
hyps <- list(
  across = list(r = c("fulltime:hincome = parttime:hincome", "fulltime:childrenpresent = -2"),
                py = c("fulltime:hincome = parttime:hincome",
                       "fulltime:children[T.present] = -2")),
  rhs = list(r = "fulltime:regionQuebec - parttime:regionQuebec = 0.5",
             py = "fulltime:region[T.Quebec] - parttime:region[T.Quebec] = 0.5"),
  interaction = list(r = grep("hincome:region", colnames(V_model), value = TRUE),
                     py = "hincome:region")
)
out$wald <- list(formula = cases$treatment$py,
                 bse_model = sqrt(diag(V_model)), bse_hc0 = sqrt(diag(V_hc0)))
for (h in names(hyps)) {
  lh <- function(V) {
    a <- linearHypothesis(m, hyps[[h]]$r, vcov. = V, test = "Chisq")
    list(chi2 = a$Chisq[2], df = a$Df[2], pvalue = a[["Pr(>Chisq)"]][2])
  }
  out$wald[[h]] <- list(py = hyps[[h]]$py, model = lh(V_model), hc0 = lh(V_hc0))
}
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE), "anova_unused_level.json")
