# Reference values for mnlogit's margins against emmeans (mode = "prob", df = Inf) on data
# that make the fits awkward (margins_hostile.csv, made by make_margins_hostile.py):
# frequency weights 0 to 3 with 67 rows of weight 0, 6 rows missing x (dropped by every fit
# that reads x), a column z the formulas do not read with 68 missing values, at= values of x
# and x2 outside the data, a factor g interacted with a number, coded by treatment contrasts
# against a later level (R's relevel; mnlogit's C(g, Treatment('b'))) or by sum contrasts
# (R's contr.sum; C(g, Sum)), a whole number k read as a factor against its level 2
# (C(k, Treatment(2))), an orthogonal polynomial whose basis both learn on every row with x
# (weight 0 too; the margins do not depend on the basis), and a factor mnlogit is given with
# an unused level "d" (R's read.csv knows only the levels present).
# Margins averaged over the rows are emmeans' counterfactuals (every row of the fit with g,
# x or both set, averaged with wt.counter = the frequency weights: rows of weight 0 count
# for nothing); those on a grid set every number by at= and weigh the levels of the other
# factors equally. The slope of x is the central difference (h = 1e-4) of the
# probabilities as one linear contrast, on the grid and averaged over the rows (x set to
# each value in every row). Run from this folder:   Rscript margins_hostile.R
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})
source("emmeans_tidy.R")

df <- read.csv("margins_hostile.csv", stringsAsFactors = TRUE)
fit_multinom <- function(formula, weighted, contrasts = NULL) {
  if (weighted) {
    eval(bquote(multinom(.(formula), data = df, weights = w, Hess = TRUE, trace = FALSE,
                         maxit = 10000, reltol = 1e-16, abstol = 1e-300,
                         contrasts = .(contrasts))))
  } else {
    eval(bquote(multinom(.(formula), data = df, Hess = TRUE, trace = FALSE, maxit = 10000,
                         reltol = 1e-16, abstol = 1e-300, contrasts = .(contrasts))))
  }
}
# the rows a fit with x uses, and their weights, for emmeans' counterfactual averages
used <- !is.na(df$x)
slope <- function(fit, x, by) {
  h <- 1e-4
  out <- lapply(x, function(v) {
    em <- emmeans(fit, as.formula(paste("~ x |", by)), at = list(x = c(v - h, v + h)),
                  mode = "prob")
    s <- tidy(contrast(em, list(slope = c(-1, 1) / (2 * h))))
    s$x <- v
    s$contrast <- NULL
    s
  })
  do.call(rbind, out)
}
# d P / d x averaged over the rows with x set to each of ``x``: the central difference of
# emmeans' counterfactual margins, averaged with the weights ``wt``
rows_slope <- function(fit, x, wt) {
  h <- 1e-4
  out <- lapply(x, function(v) {
    em <- emmeans(fit, ~ x | y, mode = "prob", counterfactuals = "x", wt.counter = wt,
                  at = list(x = c(v - h, v + h)))
    s <- tidy(contrast(em, list(slope = c(-1, 1) / (2 * h))))
    s$x <- v
    s$contrast <- NULL
    s
  })
  do.call(rbind, out)
}
cases <- list()

# --- x * g + h, frequency weights with zeros -------------------------------------------------
fit1 <- fit_multinom(y ~ x * g + h, TRUE)
rows1 <- emmeans(fit1, ~ g | y, mode = "prob", counterfactuals = "g", wt.counter = df$w[used])
grid1 <- emmeans(fit1, ~ g | y * x, mode = "prob", at = list(x = c(-2, 1, 8)))
rows1x <- emmeans(fit1, ~ g * x | y, mode = "prob", counterfactuals = c("g", "x"),
                  wt.counter = df$w[used], at = list(x = c(-2, 8)))
cases$x_g_weighted <- list(
  formula = "y ~ x * g + h", weights = "w", loglik = as.numeric(logLik(fit1)),
  rows_g = tidy(rows1),
  rows_g_pairs = tidy(pairs(rows1)),
  rows_x = tidy(emmeans(fit1, ~ x | y, mode = "prob", counterfactuals = "x",
                        wt.counter = df$w[used], at = list(x = c(-2, 8)))),
  rows_g_x = tidy(rows1x),
  rows_g_x_trt = tidy(contrast(rows1x, "trt.vs.ctrl", ref = 1, by = c("x", "y"))),
  grid_g_x = tidy(grid1),
  grid_g_trt = tidy(contrast(grid1, "trt.vs.ctrl", ref = 1)),
  slope_x_by_g = slope(fit1, c(-2, 8), "y * g"),
  rows_slope_x = rows_slope(fit1, c(-2, 3, 8), df$w[used])
)

# --- C(g, Treatment('b')) * x + h, unweighted --------------------------------------------------
df_b <- df
df$g <- relevel(df$g, ref = "b")
fit2 <- fit_multinom(y ~ g * x + h, FALSE)
rows2 <- emmeans(fit2, ~ g | y, mode = "prob", counterfactuals = "g")
grid2 <- emmeans(fit2, ~ g | y * x, mode = "prob", at = list(x = c(0, 3, 7)))
cases$treatment_b <- list(
  formula = "y ~ C(g, Treatment('b')) * x + h", weights = "", loglik = as.numeric(logLik(fit2)),
  rows_g = tidy(rows2),
  rows_g_trt = tidy(contrast(rows2, "trt.vs.ctrl", ref = 1)),
  grid_g_x = tidy(grid2),
  grid_g_trt = tidy(contrast(grid2, "trt.vs.ctrl", ref = 1)),
  slope_x_by_g = slope(fit2, c(0, 7), "y * g")
)
df <- df_b

# --- C(k, Treatment(2)) * x + h, weighted: a whole number read as a factor -----------------
df$k <- relevel(factor(df$k), ref = "2")
fit7 <- fit_multinom(y ~ k * x + h, TRUE)
rows7 <- emmeans(fit7, ~ k | y, mode = "prob", counterfactuals = "k", wt.counter = df$w[used])
grid7 <- emmeans(fit7, ~ k | y * x, mode = "prob", at = list(x = c(-1, 7)))
cases$treatment_k <- list(
  formula = "y ~ C(k, Treatment(2)) * x + h", weights = "w", loglik = as.numeric(logLik(fit7)),
  rows_k = tidy(rows7),
  rows_k_trt = tidy(contrast(rows7, "trt.vs.ctrl", ref = 1)),
  grid_k_x = tidy(grid7),
  grid_k_trt = tidy(contrast(grid7, "trt.vs.ctrl", ref = 1))
)
df <- df_b

# --- C(g, Sum) + x:h, weighted; C(g, Sum) * x + h ----------------------------------------------
fit3 <- fit_multinom(y ~ g + x:h, TRUE, list(g = "contr.sum"))
grid3 <- emmeans(fit3, ~ g * h | y, mode = "prob", at = list(x = c(1, 9)))
cases$sum_xh <- list(
  formula = "y ~ C(g, Sum) + x:h", weights = "w", loglik = as.numeric(logLik(fit3)),
  grid_gh_x = tidy(emmeans(fit3, ~ g * h | y * x, mode = "prob", at = list(x = c(1, 9)))),
  grid_g_pairs = tidy(pairs(emmeans(fit3, ~ g | y * x, mode = "prob", at = list(x = c(1, 9)))))
)
fit4 <- fit_multinom(y ~ g * x + h, FALSE, list(g = "contr.sum"))
rows4 <- emmeans(fit4, ~ g | y, mode = "prob", counterfactuals = "g")
cases$sum_x <- list(
  formula = "y ~ C(g, Sum) * x + h", weights = "", loglik = as.numeric(logLik(fit4)),
  rows_g = tidy(rows4),
  grid_g_x = tidy(emmeans(fit4, ~ g | y * x, mode = "prob", at = list(x = c(-3, 2, 10)))),
  grid_g_trt = tidy(contrast(emmeans(fit4, ~ g | y * x, mode = "prob", at = list(x = c(-3, 10))),
                             "trt.vs.ctrl", ref = 1)),
  slope_x_by_g = slope(fit4, c(-3, 10), "y * g")
)

# --- poly(x, 2) * h + g, weighted: the basis learned on rows of weight 0 too in R ---------------
df <- df_b[used, ]  # R's poly() takes no missing values
fit5 <- fit_multinom(y ~ poly(x, 2) * h + g, TRUE)
cases$poly_weighted <- list(
  formula = "y ~ poly(x, 2) * h + g", weights = "w", loglik = as.numeric(logLik(fit5)),
  grid_h_x = tidy(emmeans(fit5, ~ h | y * x, mode = "prob", at = list(x = c(-3, 2, 10)))),
  rows_h = tidy(emmeans(fit5, ~ h | y, mode = "prob", counterfactuals = "h",
                        wt.counter = df$w)),
  slope_x_by_h = slope(fit5, c(-3, 10), "y * h")
)
df <- df_b

# --- log(x2) * h + g, weighted; every row used (x not read) ------------------------------------
fit6 <- fit_multinom(y ~ log(x2) * h + g, TRUE)
cases$log_weighted <- list(
  formula = "y ~ np.log(x2) * h + g", weights = "w", loglik = as.numeric(logLik(fit6)),
  grid_h_x2 = tidy(emmeans(fit6, ~ h | y * x2, mode = "prob",
                           at = list(x2 = c(0.01, 1, 100)))),
  rows_g = tidy(emmeans(fit6, ~ g | y, mode = "prob", counterfactuals = "g",
                        wt.counter = df$w))
)

versions <- list(R = paste(R.version$major, R.version$minor, sep = "."))
for (p in c("nnet", "emmeans", "jsonlite")) versions[[p]] <- as.character(packageVersion(p))
write(toJSON(list(versions = versions, cases = cases), digits = I(12), auto_unbox = TRUE,
             pretty = TRUE), "margins_hostile.json")
