# A factor's baseline named in the formula, as the refusal of one taken from a statistic of
# the factor (C(region, Treatment(reference=region.max()))) advises: on womenlf.csv (reference
# not.work), partic ~ relevel(region, "Quebec") + hincome (mnlogit's
# C(region, Treatment('Quebec')); Quebec is region's largest level) and
# partic ~ relevel(children, "present") + hincome, by nnet::multinom (reltol 1e-16):
# coefficients (terms x outcomes) and log-likelihoods.
# Run from this folder: Rscript make_baseline_statistic.R  (writes baseline_statistic.json)
suppressMessages({library(nnet); library(jsonlite)})
d <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
d$partic <- factor(d$partic, levels = c("not.work", "fulltime", "parttime"))
fit_region <- multinom(partic ~ relevel(region, "Quebec") + hincome, data = d, trace = FALSE,
                       reltol = 1e-16, maxit = 1000)
fit_children <- multinom(partic ~ relevel(children, "present") + hincome, data = d,
                         trace = FALSE, reltol = 1e-16, maxit = 1000)
out <- list(
  generated_by = "tests/reference/make_baseline_statistic.R",
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  region = list(formula = "partic ~ C(region, Treatment('Quebec')) + hincome",
                params = t(coef(fit_region)), loglik = as.numeric(logLik(fit_region))),
  children = list(formula = "partic ~ C(children, Treatment('present')) + hincome",
                  params = t(coef(fit_children)), loglik = as.numeric(logLik(fit_children)))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "baseline_statistic.json")
