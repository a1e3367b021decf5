# Reference values for mnlogit's margins on reference grids (average = "grid") of models whose
# factors and numeric variables enter in other ways than a main effect each: a factor coded
# sum-to-zero, a logical variable (a factor of two levels to both programs), a factor that
# enters only through its interaction with a numeric variable, a quadratic in an interaction
# evaluated beyond the data (hincome = 60, the data end at 45), and a B-spline. emmeans
# (mode = "prob", margins over the other factors' levels equally weighted) and its pairwise
# contrasts (adjust = "none"). Run from this folder:  Rscript margins_grid_codings.R
# Reads womenlf.csv (written by margins_womenlf.R); writes margins_grid_codings.json.
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(splines)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, ref = "not.work")
df$flag <- (seq_len(nrow(df)) %% 3) == 0          # a logical column: TRUE on every third row
df$region_sum <- df$region                         # mnlogit's C(region, Sum)
contrasts(df$region_sum) <- contr.sum(nlevels(df$region))

fit_multinom <- function(formula) {
  eval(bquote(multinom(.(formula), data = df, Hess = TRUE, trace = FALSE, maxit = 10000,
                       reltol = 1e-16, abstol = 1e-300)))
}

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

pairs_none <- function(em) tidy(contrast(em, "pairwise", adjust = "none"))

cases <- list()

fit <- fit_multinom(partic ~ hincome + region_sum + children)
cases$sum_coded <- list(
  formula = "partic ~ hincome + C(region, Sum) + children", loglik = as.numeric(logLik(fit)),
  over_region = tidy(emmeans(fit, ~ partic | region_sum, mode = "prob")),
  pairs_region = pairs_none(emmeans(fit, ~ region_sum | partic, mode = "prob")))

fit <- fit_multinom(partic ~ hincome * flag + children)
cases$logical <- list(
  formula = "partic ~ hincome * flag + children", loglik = as.numeric(logLik(fit)),
  over_flag_children = tidy(emmeans(fit, ~ partic | flag * children, mode = "prob")),
  pairs_flag = pairs_none(emmeans(fit, ~ flag | children * partic, mode = "prob")))

fit <- fit_multinom(partic ~ hincome:region + children)
cases$interaction_only <- list(
  formula = "partic ~ hincome:region + children", loglik = as.numeric(logLik(fit)),
  over_region = tidy(emmeans(fit, ~ partic | region, mode = "prob")))

fit <- fit_multinom(partic ~ hincome + I(hincome^2) * children + region)
cases$quadratic_beyond <- list(
  formula = "partic ~ hincome + I(hincome**2) * children + region",
  loglik = as.numeric(logLik(fit)),
  at_hincome_children = tidy(emmeans(fit, ~ partic | hincome * children,
                                     at = list(hincome = c(5, 60)), mode = "prob")),
  pairs_hincome = pairs_none(emmeans(fit, ~ hincome | children * partic,
                                     at = list(hincome = c(5, 60)), mode = "prob")))

fit <- fit_multinom(partic ~ bs(hincome, df = 4) + region)
cases$spline <- list(
  formula = "partic ~ bs(hincome, df=4) + region", loglik = as.numeric(logLik(fit)),
  at_hincome = tidy(emmeans(fit, ~ partic | hincome, at = list(hincome = c(10, 30)),
                            mode = "prob")),
  pairs_hincome = pairs_none(emmeans(fit, ~ hincome | partic, at = list(hincome = c(10, 30)),
                                     mode = "prob")))

versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  emmeans = as.character(packageVersion("emmeans")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
write(toJSON(list(versions = versions, data = "womenlf.csv, flag = row %% 3 == 0",
                  ref = "not.work", cases = cases),
             auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "margins_grid_codings.json")
