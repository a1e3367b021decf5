# nnet::multinom coefficients of R formulas an R user brings (tests/test_r_formula_forms_values.py),
# on womenlf.csv with derived columns (row = 1..263): g = c("u", "v", "w")[(7 * row) %% 3 + 1],
# an integer k = row %% 3 + 1, `my var` = round(cos(row), 4) and `größe` = round(sin(2 * row), 4)
# (names with a space and with non-ASCII letters). Reference not.work (R's first level).
# Also the log-likelihood of R spellings that mnlogit refuses, for the model its advice fits.
# Run from this folder:  Rscript make_r_formula_forms.R
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, ref = "not.work")
row <- seq_len(nrow(df))
df$g <- factor(c("u", "v", "w")[(7 * row) %% 3 + 1])
df$go <- factor(df$g, ordered = TRUE)
df$k <- as.integer(row %% 3 + 1)
df[["my var"]] <- round(cos(row), 4)
df[["größe"]] <- round(sin(2 * row), 4)

forms <- c(
  "partic ~ hincome * `my var` - hincome",
  "partic ~ (children + g + `my var`)^2",
  "partic ~ children / g",
  "partic ~ hincome + I(hincome^2) + I(hincome^3)",
  "partic ~ poly(hincome, 3, raw = TRUE)",
  "partic ~ log(hincome + 1)",
  "partic ~ factor(k)",
  "partic ~ relevel(g, ref = \"v\")",
  "partic ~ C(g, contr.sum)",
  "partic ~ C(g, contr.helmert)",
  "partic ~ go",
  "partic ~ hincome:g",
  "partic ~ 0 + g:hincome",
  "partic ~ g + g:hincome - 1",
  "partic ~ `größe` + `my var`:g",
  "partic ~ children + `my var`:children"
)

one <- function(f) {
  fo <- as.formula(f)
  X <- model.matrix(fo, df)
  fit <- multinom(fo, data = df, maxit = 10000, reltol = 1e-16, trace = FALSE)
  list(formula = f, columns = I(colnames(X)), rank = qr(X)$rank,
       outcomes = I(rownames(coef(fit))), coef = unname(coef(fit)),
       loglik = as.numeric(logLik(fit)), converged = fit$convergence == 0)
}

# R's spellings mnlogit refuses, with the log-likelihood of the model its advice fits
refused <- c("partic ~ poly(hincome, `my var`, degree = 2)")
loglik <- function(f) {
  fit <- multinom(as.formula(f), data = df, maxit = 10000, reltol = 1e-16, trace = FALSE)
  list(formula = f, loglik = as.numeric(logLik(fit)), converged = fit$convergence == 0)
}

out <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  ref = "not.work",
  cases = lapply(forms, one),
  refused = lapply(refused, loglik)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "r_formula_forms.json")
