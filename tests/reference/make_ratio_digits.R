# Reference values for relative-risk ratios close to 1 (tests/test_ratio_digits_reference.py):
# a slope in small units, household income in dollars (hincome x 1000) on womenlf.csv,
# `partic ~ hdollars + children` (reference not.work), fitted by VGAM::vglm (multinomial;
# nnet's vcov is far off for a column in the thousands, see margins_trends.R): the ratios
# exp(coef) and exp of the Wald intervals (confint, levels 0.95 and 0.90), one entry per
# equation and design column, with the coefficients' z statistics.
# Run from this folder:  Rscript make_ratio_digits.R   Writes ratio_digits.json.
suppressPackageStartupMessages({
  library(VGAM)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$hdollars <- df$hincome * 1000
fit <- vglm(partic ~ hdollars + children, multinomial(refLevel = "not.work"), data = df,
            epsilon = 1e-12)
outcomes <- setdiff(levels(df$partic), "not.work")  # equation j is the j-th other level
columns <- c("Intercept", "hdollars", "children[T.present]")  # formulaic's names, same order
b <- coef(fit)
z <- coef(summary(fit))[, "z value"]
ci95 <- exp(confint(fit, level = 0.95))
ci90 <- exp(confint(fit, level = 0.90))
rows <- list()
for (j in seq_along(outcomes)) {
  for (c in seq_along(columns)) {
    i <- (c - 1) * length(outcomes) + j  # VGAM orders coefficients column by column
    rows[[length(rows) + 1]] <- list(
      outcome = outcomes[j], term = columns[c], coef = unname(b[i]), z = unname(z[i]),
      ratio = exp(unname(b[i])), lower95 = unname(ci95[i, 1]), upper95 = unname(ci95[i, 2]),
      lower90 = unname(ci90[i, 1]), upper90 = unname(ci90[i, 2]))
  }
}
versions <- list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, formula = "partic ~ hdollars + children",
                ref = "not.work", loglik = as.numeric(logLik(fit)), rows = rows),
           "ratio_digits.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
