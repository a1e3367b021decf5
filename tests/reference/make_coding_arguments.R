# Reference values for codings given arguments (tests/test_coding_arguments.py): nnet::multinom
# fits on womenlf.csv (reference not.work) of region coded by orthogonal polynomials at unequal
# scores, R's contr.poly(5, scores = c(1, 2, 4, 8, 16)) (mnlogit's C(region, Poly(scores=[1, 2,
# 4, 8, 16]))), and by successive differences, MASS's contr.sdif (mnlogit's C(region, Diff)):
# coefficients and standard errors (sqrt(diag(vcov(fit)))), one row per equation, columns in
# the design's order, and log-likelihoods; and R's refusal of tied scores.
# Run from this folder:  Rscript make_coding_arguments.R   Writes coding_arguments.json.
suppressPackageStartupMessages({
  library(nnet)
  library(MASS)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, ref = "not.work")

cases <- list(
  poly_scores = list(r = partic ~ hincome + C(region, contr.poly(5, scores = c(1, 2, 4, 8, 16))),
                     py = "partic ~ hincome + C(region, Poly(scores=[1, 2, 4, 8, 16]))"),
  diff = list(r = partic ~ hincome * children + C(region, contr.sdif),
              py = "partic ~ hincome * children + C(region, Diff)")
)

out <- list()
for (name in names(cases)) {
  fit <- multinom(cases[[name]]$r, data = df, trace = FALSE, maxit = 10000,
                  reltol = 1e-16, abstol = 1e-300)
  b <- coef(fit)
  se <- matrix(sqrt(diag(vcov(fit))), nrow = nrow(b), byrow = TRUE)
  out[[name]] <- list(formula = cases[[name]]$py, equations = rownames(b),
                      r_columns = colnames(b), coef = unname(split(b, row(b))),
                      se = unname(split(se, row(se))), loglik = as.numeric(logLik(fit)))
}
tied <- tryCatch(contr.poly(3, scores = c(1, 1, 2)), error = function(e) conditionMessage(e))

versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 MASS = as.character(packageVersion("MASS")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, cases = out, tied_scores_error = tied),
           "coding_arguments.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
