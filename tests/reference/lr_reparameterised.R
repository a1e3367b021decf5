# Reference values for likelihood-ratio tests of models nested in their column spaces but not
# by the names of their design columns: a linear term inside a polynomial, a model without
# intercept inside one with a factor coded in full, treatment-coded main effects inside a
# sum-coded interaction. nnet::multinom fits (reltol 1e-16) on womenlf.csv (reference
# not.work); the statistic is R's anova(restricted, full) for multinom, the difference of
# the deviances, with (K - 1)(p_full - p_restricted) degrees of freedom; the models whose
# column spaces are the same (a factor in treatment and in sum coding) have equal
# log-likelihoods. Formulas as R writes them and as mnlogit writes them.
# Run from this folder:  Rscript lr_reparameterised.R   Writes lr_reparameterised.json.
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
fit <- function(f) multinom(f, data = df, trace = FALSE, maxit = 10000, reltol = 1e-16,
                            abstol = 1e-300)

cases <- list(
  poly = list(r = c(partic ~ hincome, partic ~ poly(hincome, 2)),
              py = c("partic ~ hincome", "partic ~ poly(hincome, 2)")),
  no_intercept = list(r = c(partic ~ 0 + hincome, partic ~ 0 + children + hincome),
                      py = c("partic ~ 0 + hincome", "partic ~ 0 + children + hincome")),
  sum_interaction = list(
    r = c(partic ~ hincome + children,
          partic ~ hincome * C(children, contr.sum) + C(region, contr.sum)),
    py = c("partic ~ hincome + children",
           "partic ~ hincome * C(children, Sum) + C(region, Sum)")),
  same_space = list(r = c(partic ~ region, partic ~ C(region, contr.sum)),
                    py = c("partic ~ region", "partic ~ C(region, Sum)"))
)

out <- list(versions = list(R = R.version.string,
                            nnet = as.character(packageVersion("nnet")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            cases = list())
for (name in names(cases)) {
  r <- fit(cases[[name]]$r[[1]])
  f <- fit(cases[[name]]$r[[2]])
  a <- anova(r, f)
  out$cases[[name]] <- list(
    formulas = cases[[name]]$py,
    loglik = c(as.numeric(logLik(r)), as.numeric(logLik(f))),
    chi2 = a[2, "LR stat."], df = a[2, "   Df"], pvalue = a[2, "Pr(Chi)"],
    converged = c(r$convergence, f$convergence))
}
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE), "lr_reparameterised.json")
