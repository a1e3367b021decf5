# Reference values for mnlogit's fits and predictions of terms that compute with a logical
# column: R's I(flag * hincome) (a logical times a number is a number) and I(!flag), by
# VGAM::vglm (multinomial, reference fulltime, R's first level; Fisher scoring to epsilon
# 1e-14) on womenlf.csv with flag = row %% 3 == 0 and flag missing in rows 5 and 11 (R drops
# them, as mnlogit drops rows missing a column the formula reads). mnlogit's tests give flag
# as True/False held as Python objects (with None for the missing ones), as Arrow booleans and
# as numpy's bool, and the new rows' flag likewise; ~flag is Python's spelling of R's !flag.
# Run from this folder:  Rscript predict_logical_terms.R   Writes predict_logical_terms.json.
suppressPackageStartupMessages({
  library(VGAM)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$flag <- seq_len(nrow(df)) %% 3 == 0
df$flag[c(5, 11)] <- NA

new <- data.frame(hincome = c(3, 12.5, 12.5, 30, 45),
                  children = c("present", "absent", "present", "absent", "present"),
                  region = c("Ontario", "BC", "Quebec", "Atlantic", "Prairie"),
                  flag = c(TRUE, FALSE, TRUE, TRUE, FALSE), stringsAsFactors = FALSE)

cases <- list(
  product = list(r = partic ~ I(flag * hincome) + children,
                 py = "partic ~ I(flag * hincome) + children"),
  negation = list(r = partic ~ I(!flag) + hincome + region,
                  py = "partic ~ I(~flag) + hincome + region")
)

out <- list()
for (name in names(cases)) {
  fit <- vglm(cases[[name]]$r, multinomial(refLevel = "fulltime"), data = df,
              epsilon = 1e-14, maxit = 100)
  p <- predict(fit, newdata = new, type = "response")
  b <- coef(fit, matrix = TRUE)  # one row per design column, one column per equation
  out[[name]] <- list(formula = cases[[name]]$py, loglik = as.numeric(logLik(fit)),
                      nobs = nobs(fit), coef = unname(split(b, col(b))),
                      levels = colnames(p), probs = unname(split(p, row(p))))
}

versions <- list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, missing_rows = c(5, 11), newdata = new, cases = out),
           "predict_logical_terms.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
