# Reference values for mnlogit's codings and transforms of new data: nnet::multinom fits on
# womenlf.csv (carData's Womenlf) whose formulas use contrasts other than treatment and
# transforms not in predict_newdata.R: contr.sum, contr.helmert, contr.treatment with another
# base level, a centred column (scale(x, scale = FALSE), formulaic's center(x)), I(x^2) and a
# raw polynomial. The coefficients (one row per equation, columns in the design's order, which
# is formulaic's too) depend on the coding; the probabilities that predict(type = "probs")
# gives at new rows do not, and check that the centring and the levels learned from the
# fitted rows are applied to them.
# Run from this folder:  Rscript predict_codings.R   Writes predict_codings.json.
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)

# new rows: the fitted range's ends and values inside it (R's C() needs the factors as
# factors of the fitted levels; mnlogit is given them as text)
new <- data.frame(hincome = c(1, 6.5, 14, 23, 45),
                  children = factor(c("present", "absent", "present", "absent", "present"),
                                    levels = levels(df$children)),
                  region = factor(c("Atlantic", "BC", "Ontario", "Prairie", "Quebec"),
                                  levels = levels(df$region)))

cases <- list(
  sum_square = list(r = partic ~ I(hincome^2) + C(region, contr.sum),
                    py = "partic ~ I(hincome^2) + C(region, Sum)"),
  center_base = list(r = partic ~ scale(hincome, scale = FALSE) +
                       C(children, contr.treatment(2, base = 2)),
                     py = "partic ~ center(hincome) + C(children, Treatment('present'))"),
  raw_helmert = list(r = partic ~ poly(hincome, 2, raw = TRUE) + C(region, contr.helmert),
                     py = "partic ~ poly(hincome, 2, raw=True) + C(region, Helmert)")
)

out <- list()
for (name in names(cases)) {
  fit <- multinom(cases[[name]]$r, data = df, trace = FALSE, maxit = 10000,
                  reltol = 1e-16, abstol = 1e-300)
  p <- predict(fit, newdata = new, type = "probs")
  b <- coef(fit)
  out[[name]] <- list(formula = cases[[name]]$py, levels = colnames(p),
                      probs = unname(split(p, row(p))), equations = rownames(b),
                      r_columns = colnames(b), coef = unname(split(b, row(b))),
                      loglik = as.numeric(logLik(fit)))
}

versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, newdata = new, cases = out), "predict_codings.json",
           digits = NA, auto_unbox = TRUE, pretty = TRUE)
