# How R reads numbers written as a formula's own terms (tests/test_formula_numbers.py): a
# removal of the intercept inside parentheses ('(hincome - 1)', '(0 + hincome)'), which R
# applies to the whole model and formulaic ignores there, and a number subtracted other than
# 1 or 0 ('hincome - 2', R's error; 'hincome - 1.0', R's removal of the intercept), which
# formulaic ignores, and 1 joined to a term by ':' or '/' ('1:hincome'), no term in R and
# the term in formulaic; beside formulas both read alike. For each formula: R's terms() intercept
# and term labels, or the error R gives. Variables of womenlf.csv (no data is needed to read
# a formula). Run from this folder:  Rscript make_formula_numbers.R
suppressPackageStartupMessages(library(jsonlite))

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
  # read alike
  "partic ~ hincome - 1", "partic ~ 0 + hincome", "partic ~ -1 + hincome",
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

ref <- list(
  versions = list(R = R.version.string, jsonlite = as.character(packageVersion("jsonlite"))),
  cases = lapply(formulas, read)
)
writeLines(toJSON(ref, auto_unbox = TRUE, pretty = TRUE, digits = NA), "formula_numbers.json")
