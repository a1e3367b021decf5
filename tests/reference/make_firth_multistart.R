# Bias-reduced (Firth, "AS_mean") fits by brglm2::brmultinom for the Firth multi-start tests:
#   glass: mlbench's Glass data (UCI glass identification, 214 rows, 6 types, 9 oxides),
#          Type ~ . with reference type 1. Quasi-completely separated; the Jeffreys-penalised
#          log-likelihood has several local maxima. brglm2 stops at maxit with converged =
#          FALSE, but at a stationary point (the adjusted score is zero to rounding there).
#   quasi: firth_quasi.csv (60 rows, y ~ x + dummy, dummy = 1 only with outcome "a",
#          quasi-complete separation), references "a" and "b".
# Writes firth_multistart.json and glass.csv. Run from tests/reference:
#   Rscript make_firth_multistart.R
suppressPackageStartupMessages({
  library(brglm2)
  library(mlbench)
  library(jsonlite)
})

penalised <- function(fit) {
  # l(B) + 1/2 log det I(B) = l(B) - 1/2 log det vcov(B)
  as.numeric(logLik(fit)) - 0.5 * as.numeric(determinant(vcov(fit), logarithm = TRUE)$modulus)
}

one <- function(formula, data, ref, maxit) {
  data[[all.vars(formula)[1]]] <- relevel(factor(data[[all.vars(formula)[1]]]), ref = ref)
  fit <- suppressWarnings(brmultinom(formula, data = data, type = "AS_mean",
                                      control = list(epsilon = 1e-12, maxit = maxit)))
  cm <- coef(fit)
  list(
    formula = deparse(formula), ref = ref,
    rownames = rownames(cm), colnames = colnames(cm),
    coef_matrix = unname(cm),
    vcov = unname(vcov(fit)), vcov_names = colnames(vcov(fit)),
    loglik = as.numeric(logLik(fit)), penalised_loglik = penalised(fit),
    iter = fit$iter, converged = fit$converged
  )
}

data(Glass)
write.csv(Glass, "glass.csv", row.names = FALSE)
quasi <- read.csv("firth_quasi.csv")

out <- list(
  glass = one(Type ~ RI + Na + Mg + Al + Si + K + Ca + Ba + Fe, Glass, "1", 1000),
  quasi_a = one(y ~ x + dummy, quasi, "a", 500),
  quasi_b = one(y ~ x + dummy, quasi, "b", 500),
  `_about` = list(
    software = sprintf("%s, brglm2 %s, mlbench %s", R.version.string,
                       packageVersion("brglm2"), packageVersion("mlbench")),
    call = 'brmultinom(formula, data, type = "AS_mean", control = list(epsilon = 1e-12, maxit))',
    layout = paste("coef_matrix rows = rownames (non-reference outcomes), columns = colnames;",
                   "vcov in vcov_names order (equation by equation); loglik unpenalised;",
                   "penalised_loglik = loglik - log det(vcov) / 2")
  )
)
write_json(out, "firth_multistart.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
