# Reference values for terms that make text (tests/test_text_terms.py): nnet::multinom fits on
# womenlf.csv (reference not.work) of R's ifelse() giving text, which a formula codes as a
# factor: partic ~ hincome + ifelse(hincome > 15, "high", "low") * children (mnlogit's
# np.where(hincome > 15, 'high', 'low')) and partic ~ ifelse(region == "Ontario", "ON",
# as.character(region)) + hincome (mnlogit's np.where(region == 'Ontario', 'ON', region)):
# coefficients and standard errors (sqrt(diag(vcov(fit)))), one row per equation, columns in
# the design's order, log-likelihoods and predict(type = "probs") at four new rows.
# Run from this folder:  Rscript make_text_terms.R   Writes text_terms.json.
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, ref = "not.work")
new <- data.frame(hincome = c(3, 14, 16, 40),
                  children = factor(c("absent", "present", "absent", "present"),
                                    levels = levels(df$children)),
                  region = factor(c("Ontario", "BC", "Quebec", "Atlantic"),
                                  levels = levels(df$region)))

cases <- list(
  ifelse_interaction = list(
    r = partic ~ hincome + ifelse(hincome > 15, "high", "low") * children,
    py = "partic ~ hincome + np.where(hincome > 15, 'high', 'low') * children"),
  ifelse_column = list(
    r = partic ~ ifelse(region == "Ontario", "ON", as.character(region)) + hincome,
    py = "partic ~ np.where(region == 'Ontario', 'ON', region) + hincome")
)

out <- list()
for (name in names(cases)) {
  fit <- multinom(cases[[name]]$r, data = df, trace = FALSE, maxit = 10000,
                  reltol = 1e-16, abstol = 1e-300)
  b <- coef(fit)
  se <- matrix(sqrt(diag(vcov(fit))), nrow = nrow(b), byrow = TRUE)
  p <- predict(fit, newdata = new, type = "probs")
  out[[name]] <- list(formula = cases[[name]]$py, equations = rownames(b),
                      r_columns = colnames(b), coef = unname(split(b, row(b))),
                      se = unname(split(se, row(se))), loglik = as.numeric(logLik(fit)),
                      levels = colnames(p), probs = unname(split(p, row(p))))
}

versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, newdata = new, cases = out), "text_terms.json",
           digits = NA, auto_unbox = TRUE, pretty = TRUE)
