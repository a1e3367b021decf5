# Reference values for mnlogit's marginal effects on a reference grid of variables that enter
# through transforms (a log, a square, an interaction of two numeric variables, a B-spline with
# given knots), and for intervals at a confidence level other than 95%, on nnet::multinom fits
# of the bundled travel data (mnlogit/data/travel.csv without the rows missing income; income
# and age in hundreds, `inc` and `ag`; reference car). emmeans (mode = "prob"; factors not set
# equally weighted, numeric variables not set at their means): grid probabilities, and the
# slope of a variable as the central difference of the grid probabilities at x -/+ h,
# h = 1e-4 x, written as one linear contrast so that its standard error is emmeans' own delta
# method; differences of slopes between regions likewise (adjust = "none"). Intervals are
# emmeans' own at level 0.90 with df = Inf (Wald z, as Stata and mnlogit give them; emmeans'
# default for multinom is t on nnet's edf).
#
# Why not emtrends: its slope is the forward difference (f(x + h) - f(x)) / h, whose default h
# (a thousandth of the variable's range, 0.14 for distance) leaves the slope of log(distance)
# at distance = 2 6% off, and with h = 1e-6 its standard errors were up to 10% off (at
# distance = 10) where its estimates agreed to 1e-7.
# Why income in hundreds: nnet's Hessian, and so vcov(fit), which emmeans uses, is far off for
# columns in the thousands (I(income^2), income:age): 0.011 for the intercept's standard error
# where VGAM and the exact information give 0.214. In hundreds nnet's standard errors agree
# with VGAM's (Fisher scoring to epsilon 1e-14) to `vgam_se_agreement`, stored per fit.
#
# Run from this folder:  Rscript margins_trends.R   -> margins_trends.json
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(splines)
  library(VGAM)
  library(jsonlite)
})
df <- read.csv("../../mnlogit/data/travel.csv", stringsAsFactors = TRUE)
df <- df[!is.na(df$income), ]
df$mode <- relevel(df$mode, ref = "car")
df$inc <- df$income / 100
df$ag <- df$age / 100
fit_multinom <- function(formula) {
  eval(bquote(multinom(.(formula), data = df, Hess = TRUE, trace = FALSE, maxit = 10000,
                       reltol = 1e-16, abstol = 1e-300)))
}
# the largest relative difference between nnet's standard errors and VGAM's, and between the
# log-likelihoods
vgam_check <- function(fit) {
  v <- vglm(formula(fit), multinomial(refLevel = "car"), data = df, epsilon = 1e-14,
            maxit = 100)
  se_v <- sqrt(diag(vcov(v)))                       # term-major
  K <- length(fit$lev) - 1
  se_n <- as.vector(matrix(sqrt(diag(vcov(fit))), nrow = K, byrow = TRUE))
  list(se = max(abs(se_n - se_v) / se_v),
       loglik = abs(as.numeric(logLik(fit)) - as.numeric(logLik(v))))
}
tidy <- function(x) {
  s <- as.data.frame(summary(update(x, df = Inf), level = 0.90, infer = c(TRUE, FALSE)))
  s <- s[, setdiff(names(s), c("df", "z.ratio", "p.value"))]
  names(s)[names(s) %in% c("prob", "estimate")] <- "estimate"
  names(s)[names(s) == "SE"] <- "se"
  names(s)[names(s) == "asymp.LCL"] <- "lower"
  names(s)[names(s) == "asymp.UCL"] <- "upper"
  names(s)[names(s) == "mode"] <- "outcome"
  for (j in seq_along(s)) if (is.factor(s[[j]])) s[[j]] <- as.character(s[[j]])
  s
}
# d P / d var at var = x, by outcome and `by` (set by `at` or a factor's levels)
slope <- function(fit, var, x, by = character(), at = list()) {
  h <- 1e-4 * abs(x)
  at[[var]] <- c(x - h, x + h)
  em <- emmeans(fit, as.formula(paste("~", var, "|", paste(c("mode", by), collapse = " + "))),
                at = at, mode = "prob")
  s <- tidy(contrast(em, list(slope = c(-1, 1) / (2 * h))))
  s$contrast <- NULL
  s[[var]] <- x
  s
}
# the slope in one region less the slope in another, every pair (emmeans' pairs order)
slope_pairs <- function(fit, var, x, at) {
  h <- 1e-4 * abs(x)
  at[[var]] <- c(x - h, x + h)
  regions <- levels(df$region)
  em <- emmeans(fit, as.formula(paste("~", var, "* region | mode + ag")), at = at,
                mode = "prob")                      # var varies fastest within region
  one <- function(r) {
    w <- numeric(2 * length(regions))
    w[2 * match(r, regions) - c(1, 0)] <- c(-1, 1) / (2 * h)
    w
  }
  pairs <- combn(regions, 2, simplify = FALSE)
  methods <- setNames(lapply(pairs, function(p) one(p[1]) - one(p[2])),
                      sapply(pairs, paste, collapse = " - "))
  s <- tidy(contrast(em, methods))
  names(s)[names(s) == "contrast"] <- "region"
  s
}

# a log, a square and an interaction of two numeric variables
fit_a <- fit_multinom(mode ~ log(distance) + I(inc^2) + inc:ag + region)
mean_inc <- mean(df$inc)
mean_distance <- mean(df$distance)
income_slope <- do.call(rbind, lapply(c(0.3, 0.6), function(a) {
  s <- slope(fit_a, "inc", mean_inc, by = "region", at = list(ag = a))
  s$ag <- a
  s
}))
income_slope_pairs <- do.call(rbind, lapply(c(0.3, 0.6), function(a) {
  s <- slope_pairs(fit_a, "inc", mean_inc, at = list(ag = a))
  s$ag <- a
  s
}))
distance_slope <- do.call(rbind, lapply(c(2, 10), function(x) {
  slope(fit_a, "distance", x, by = "region")
}))
probs <- emmeans(fit_a, ~ mode | region + inc, mode = "prob", at = list(inc = c(0.2, 0.6)))

# a B-spline with given knots (R's bs() and formulaic's bs() make the same basis), beside a
# log in an interaction with a numeric variable
fit_b <- fit_multinom(mode ~ bs(inc, knots = c(0.3, 0.6)) + log(distance) * ag)
spline_slope <- do.call(rbind, lapply(c(0.2, 0.5, 0.9), function(x) slope(fit_b, "inc", x)))
distance_by_age <- do.call(rbind, lapply(c(0.3, 0.6), function(a) {
  s <- slope(fit_b, "distance", mean_distance, at = list(ag = a))
  s$ag <- a
  s
}))

cases <- list(
  transforms = list(
    formula = "mode ~ np.log(distance) + I(inc**2) + inc:ag + region",
    loglik = as.numeric(logLik(fit_a)),
    vgam_se_agreement = vgam_check(fit_a),
    income_slope = income_slope,
    income_slope_pairs = income_slope_pairs,
    distance_slope = distance_slope,
    probs = tidy(probs)
  ),
  spline = list(
    formula = "mode ~ bs(inc, knots=[0.3, 0.6]) + np.log(distance) * ag",
    loglik = as.numeric(logLik(fit_b)),
    vgam_se_agreement = vgam_check(fit_b),
    income_slope = spline_slope,
    distance_slope_by_age = distance_by_age
  )
)
versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  emmeans = as.character(packageVersion("emmeans")),
  splines = as.character(packageVersion("splines")),
  VGAM = as.character(packageVersion("VGAM")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
write(toJSON(list(versions = versions, level = 0.90,
                  data = paste("mnlogit/data/travel.csv without the rows missing income;",
                               "inc = income / 100, ag = age / 100"),
                  cases = cases),
             auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "margins_trends.json")
