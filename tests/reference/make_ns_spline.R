# R's natural spline ns(x, df = 3) beside the intercept, which mnlogit writes
# cr(x, df=3, constraints='center') (the README and the refusal of ns() say so): nnet::multinom
# of mode ~ ns(distance, df = 3) on the bundled travel data without the rows missing income,
# reference "car", BFGS to reltol 1e-16: log-likelihood and the fitted probabilities of the
# first five rows. ns() puts its inner knots at quantiles of all the values, formulaic's cr()
# at quantiles of the distinct ones; the travel distances have ties, so the JSON also gives
# ns()'s knots, with which cr(distance, knots=[...], constraints='center') is R's basis.
# Run from tests/reference:  Rscript make_ns_spline.R   Writes ns_spline.json.
suppressPackageStartupMessages({
  library(nnet)
  library(splines)
  library(jsonlite)
})

d <- read.csv("../../mnlogit/data/travel.csv")
d <- d[!is.na(d$income), ]
d$mode <- relevel(factor(d$mode), ref = "car")
fit <- multinom(mode ~ ns(distance, df = 3), data = d, maxit = 100000, reltol = 1e-16,
                abstol = 1e-300, trace = FALSE)
knots <- unname(attr(ns(d$distance, df = 3), "knots"))
p <- fitted(fit)[1:5, ]
versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 splines = as.character(packageVersion("splines")),
                 jsonlite = as.character(packageVersion("jsonlite")))
out <- list(versions = versions, rows = "travel.csv without the rows missing income",
            r_formula = "mode ~ ns(distance, df = 3)", knots = knots,
            loglik = as.numeric(logLik(fit)), convergence = fit$convergence,
            levels = colnames(p), probs = unname(split(p, row(p))))
write_json(out, "ns_spline.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
