# Reference values for the default reference of mnlogit's Margins.contrast(var, "reference"):
# the level the fit's coefficients are measured against. In R that is the first level, so a
# baseline set in the formula (mnlogit's C(region, Treatment('Ontario')), the fit's
# ref="parttime") is R's relevel(): emmeans' trt.vs.ctrl then compares with it by default.
# On womenlf.csv (written by margins_womenlf.R): partic ~ hincome + children + region with
# region relevelled to Ontario and partic to parttime, nnet::multinom (reltol 1e-16),
# emmeans (mode = "prob") grid margins over region, and over partic at hincome = 10 and 30,
# and their trt.vs.ctrl contrasts with the default reference (adjust = "none").
# Run from this folder:  Rscript margins_default_reference.R
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$region <- relevel(df$region, "Ontario")
df$partic <- relevel(df$partic, "parttime")

fit <- multinom(partic ~ hincome + children + region, data = df, Hess = TRUE,
                trace = FALSE, maxit = 10000, reltol = 1e-16, abstol = 1e-300)

tidy <- function(x) {
  s <- as.data.frame(summary(x, infer = FALSE))
  keep <- setdiff(names(s), c("df", "asymp.LCL", "asymp.UCL", "lower.CL", "upper.CL"))
  s <- s[, keep]
  names(s)[names(s) == "prob"] <- "estimate"
  names(s)[names(s) == "SE"] <- "se"
  names(s)[names(s) == "partic"] <- "outcome"
  for (j in seq_along(s)) if (is.factor(s[[j]])) s[[j]] <- as.character(s[[j]])
  s
}

by_region <- emmeans(fit, ~ region | partic, mode = "prob")
by_outcome <- emmeans(fit, ~ partic | hincome, at = list(hincome = c(10, 30)), mode = "prob")
con_region <- tidy(contrast(by_region, "trt.vs.ctrl", adjust = "none"))
names(con_region)[names(con_region) == "contrast"] <- "region"
con_outcome <- tidy(contrast(by_outcome, "trt.vs.ctrl", adjust = "none"))
names(con_outcome)[names(con_outcome) == "contrast"] <- "outcome"
out <- list(
  formula = "partic ~ hincome + children + C(region, Treatment('Ontario'))",
  ref = "parttime",
  loglik = as.numeric(logLik(fit)),
  region_reference = con_region,
  at = list(hincome = c(10, 30)),
  outcome_reference = con_outcome
)

versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  emmeans = as.character(packageVersion("emmeans")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
write(toJSON(list(versions = versions, data = "womenlf.csv", case = out),
             auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "margins_default_reference.json")
