# brglm2::brmultinom's default bias-reduction type, and what it estimates for the multinomial
# logit: its default is type = "AS_mixed" (mean-bias reduction of the regression parameters,
# median-bias reduction of a dispersion parameter, which the multinomial logit has none of),
# so its estimates are those of type = "AS_mean", the maximiser of the Jeffreys-penalised
# log-likelihood that method="firth" computes. On the bundled risk data (completely separated),
# reference "low": the default's type, its coefficients and their largest difference from
# type = "AS_mean"'s.
# Run from tests/reference:  Rscript make_brglm2_default_type.R   Writes brglm2_default_type.json.
suppressPackageStartupMessages({
  library(brglm2)
  library(jsonlite)
})

d <- read.csv("../../mnlogit/data/risk.csv")
d$risk <- factor(d$risk)  # levels high, low, medium: ref = 2 is "low"
default <- brmultinom(risk ~ age + income, data = d, ref = 2, epsilon = 1e-12, maxit = 1000)
as_mean <- brmultinom(risk ~ age + income, data = d, ref = 2, type = "AS_mean",
                      epsilon = 1e-12, maxit = 1000)
co <- coef(default)
versions <- list(R = R.version.string, brglm2 = as.character(packageVersion("brglm2")),
                 jsonlite = as.character(packageVersion("jsonlite")))
out <- list(versions = versions, data = "mnlogit/data/risk.csv",
            r_call = "brmultinom(risk ~ age + income, data = d, ref = 2, epsilon = 1e-12, maxit = 1000)",
            default_type = default$type, reference = "low",
            equations = rownames(co), columns = colnames(co),
            coef = unname(split(co, row(co))),
            largest_difference_from_AS_mean = max(abs(co - coef(as_mean))))
write_json(out, "brglm2_default_type.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
