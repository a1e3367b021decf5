# How R reads numbers written as a formula's own terms (tests/test_formula_numbers.py): a
# removal of the intercept inside parentheses ('(hincome - 1)', '(0 + hincome)'), which R
# applies to the whole model and formulaic ignores there, and a number subtracted other than
# 1 or 0 ('hincome - 2', R's error; 'hincome - 1.0', R's removal of the intercept), which
# formulaic ignores, and 1 or 0 joined to a term by ':', '*', '/' ('1:hincome', '0:region',
# '(hincome + 1):children'), no term in R (0 removes R's intercept too; but 'hincome*1' is
# hincome and 'hincome^1' an error), the term in formulaic; a removal after '+' ('hincome + -hincome'), which R applies to no term and
# formulaic to the model; beside formulas both read alike. For each formula: R's terms() intercept
# and term labels, or the error R gives. Variables of womenlf.csv (no data is needed to read
# a formula); and nnet::multinom fits of R's formulas beside the formulas the refusals advise.
# Run from this folder:  Rscript make_formula_numbers.R
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

formulas <- c(
  "partic ~ (hincome - 1)", "partic ~ (0 + hincome)", "partic ~ hincome + (0)",
  "partic ~ (0) + hincome", "partic ~ hincome + (-1)", "partic ~ (hincome + 0)",
  "partic ~ ((0)) + hincome", "partic ~ (hincome + children - 1)*region",
  "partic ~ (hincome - 1):children", "partic ~ region:(hincome - 1)",
  "partic ~ hincome + (children - 1)", "partic ~ (hincome + children + 0)^2",
  "partic ~ hincome + (0 + children)", "partic ~ 1 + (hincome - 1)",
  "partic ~ (hincome + 1) + (children - 1)", "partic ~ (1 - 1) + hincome",
  "partic ~ hincome - 2", "partic ~ hincome - 10", "partic ~ (hincome - 10)",
  "partic ~ hincome - 0.5", "partic ~ hincome - 1.0", "partic ~ hincome - 01",
  "partic ~ hincome - 1e0", "partic ~ 1:hincome", "partic ~ hincome:1", "partic ~ 1/hincome",
  "partic ~ children + 1:hincome", "partic ~ (hincome + children):1", "partic ~ 1:region",
  "partic ~ 0:region", "partic ~ hincome + 0:region", "partic ~ (hincome + 1):children",
  "partic ~ region:(1 + hincome)", "partic ~ hincome*1*hincome", "partic ~ 1 + 0:region",
  # the side of the 1 matters to R: x*1 and x/1 are x, 1*x and 1/x none, x^1 an error
  "partic ~ hincome*1", "partic ~ hincome/1", "partic ~ 1*hincome", "partic ~ hincome^1",
  "partic ~ (hincome + children)*1", "partic ~ hincome*0",
  # a removal after '+': R removes the term from nothing (keeps it), formulaic from the model
  "partic ~ hincome + -hincome", "partic ~ hincome + children + -children",
  "partic ~ hincome*children + -hincome:children", "partic ~ hincome + children + - children",
  "partic ~ hincome + children +-children", "partic ~ log(hincome) + children + -log(hincome)",
  "partic ~ (hincome + children + -children)", "partic ~ hincome + -children + children",
  # read alike
  "partic ~ hincome - 1", "partic ~ hincome + children + (-children)",
  "partic ~ -children + hincome", "partic ~ hincome + children + -1",
  "partic ~ hincome + children + -0", "partic ~ 0 + hincome", "partic ~ -1 + hincome",
  "partic ~ hincome + (1)", "partic ~ (hincome + 1) - 1", "partic ~ hincome - 0",
  "partic ~ hincome + 1 - 0", "partic ~ hincome - 0 - 1", "partic ~ hincome - -1",
  "partic ~ hincome - 1 + 1", "partic ~ 0 + hincome + 1", "partic ~ hincome + 1 + 0",
  "partic ~ (hincome + children)*region", "partic ~ hincome + (children + region)",
  "partic ~ (hincome + children + region)^2 - 1", "partic ~ I(hincome - 1) + children"
)

read <- function(f) {
  t <- tryCatch(terms(as.formula(f)), error = function(e) conditionMessage(e))
  if (is.character(t)) return(list(formula = f, error = t))
  list(formula = f, intercept = attr(t, "intercept") == 1,
       terms = I(attr(t, "term.labels")))
}

# what the refusals advise, beside R's formula: nnet::multinom (reltol 1e-16) log-likelihood
# of R's formula on womenlf.csv (reference not.work), and the formula mnlogit is given
df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, ref = "not.work")
advised <- list(
  c("partic ~ (0 + hincome) + children", "partic ~ 0 + hincome + children"),
  c("partic ~ hincome + (children - 1)", "partic ~ hincome + children - 1"),
  c("partic ~ (hincome + region - 1)", "partic ~ 0 + hincome + region")
)
fitted <- lapply(advised, function(pair) {
  fit <- multinom(as.formula(pair[1]), data = df, trace = FALSE, maxit = 100000,
                  reltol = 1e-16, abstol = 1e-300)
  list(r_formula = pair[1], formula = pair[2], loglik = as.numeric(logLik(fit)),
       coef = unname(coef(fit)), columns = colnames(coef(fit)), convergence = fit$convergence)
})

ref <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  cases = lapply(formulas, read),
  advised = fitted
)
writeLines(toJSON(ref, auto_unbox = TRUE, pretty = TRUE, digits = NA), "formula_numbers.json")
