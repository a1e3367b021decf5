# Reference values for contrasts between the outcomes of a multinomial model's margins
# (mnlogit's Margins.contrast("outcome")): emmeans (mode = "prob") on the reference grid of
# partic ~ log(hincome) * children + region at hincome = 10 and 30, by hincome and children
# (region's levels equally weighted), and its contrasts of partic within each of them,
# "pairwise" and "trt.vs.ctrl" (adjust = "none"). R's multinom takes the first level
# (fulltime) as the reference, mnlogit's tests another one: differences of probabilities do
# not depend on it. Run from this folder:  Rscript margins_outcomes.R
# Reads womenlf.csv (written by margins_womenlf.R); writes margins_outcomes.json.
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)

fit <- multinom(partic ~ log(hincome) * children + region, data = df, Hess = TRUE,
                trace = FALSE, maxit = 10000, reltol = 1e-16, abstol = 1e-300)

tidy <- function(x) {
  s <- as.data.frame(summary(x, infer = FALSE))
  keep <- setdiff(names(s), c("df", "asymp.LCL", "asymp.UCL", "lower.CL", "upper.CL"))
  s <- s[, keep]
  names(s)[names(s) == "prob"] <- "estimate"
  names(s)[names(s) == "SE"] <- "se"
  names(s)[names(s) %in% c("partic", "contrast")] <- "outcome"
  for (j in seq_along(s)) if (is.factor(s[[j]])) s[[j]] <- as.character(s[[j]])
  s
}

em <- emmeans(fit, ~ partic | hincome * children, at = list(hincome = c(10, 30)),
              mode = "prob")
out <- list(
  formula = "partic ~ np.log(hincome) * children + region",
  levels = levels(df$partic),
  loglik = as.numeric(logLik(fit)),
  at = list(hincome = c(10, 30)),
  margins = tidy(em),
  pairwise = tidy(contrast(em, "pairwise", adjust = "none")),
  reference = tidy(contrast(em, "trt.vs.ctrl", ref = 1, adjust = "none"))
)

versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  emmeans = as.character(packageVersion("emmeans")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
write(toJSON(list(versions = versions, data = "womenlf.csv", case = out),
             auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "margins_outcomes.json")
