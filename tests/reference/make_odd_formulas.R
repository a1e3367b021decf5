# R's reading of odd but valid formulas (odd_formulas.tsv, written by make_odd_formulas.py),
# for tests/test_formula_odd.py: for each formula in R's spelling, on womenlf.csv with
# x = round(3 * sin(row), 4) and g = c("u", "v", "w")[(7 * row) %% 3 + 1] (row = 1..263):
# terms()'s intercept and term labels; the columns of model.matrix and its rank (qr, tol
# 1e-7), whether it has an offset, and nnet::multinom's log-likelihood (maxit 10000, reltol
# 1e-14) and whether it converged; or the error R gives.
# Run from this folder:  Rscript make_odd_formulas.R
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
row <- seq_len(nrow(df))
df$x <- round(3 * sin(row), 4)
df$g <- factor(c("u", "v", "w")[(7 * row) %% 3 + 1])
forms <- read.delim("odd_formulas.tsv", stringsAsFactors = FALSE, quote = "")

one <- function(f) {
  out <- tryCatch({
    fo <- as.formula(f)
    mf <- model.frame(fo, df)
    X <- model.matrix(fo, mf)
    off <- !is.null(model.offset(mf))
    fit <- multinom(fo, data = df, maxit = 10000, reltol = 1e-14, trace = FALSE,
                    MaxNWts = 100000)
    list(columns = I(colnames(X)), rank = qr(X)$rank, offset = off,
         loglik = as.numeric(logLik(fit)), converged = fit$convergence == 0)
  }, error = function(e) list(error = conditionMessage(e)))
  t <- tryCatch(terms(as.formula(f)), error = function(e) NULL)
  read <- if (is.null(t)) list() else
    list(intercept = attr(t, "intercept") == 1, terms = I(attr(t, "term.labels")))
  c(list(formula = f), read, out)
}

res <- lapply(forms$r, one)
names(res) <- forms$id
out <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  results = res
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "odd_formulas.json")
