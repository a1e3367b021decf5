# Reference values for per-term likelihood-ratio tests of a model with an interaction, under
# treatment and sum-to-zero contrasts: car::Anova(nnet::multinom(...), type = 2 and 3) of
# partic ~ hincome * children + region on womenlf.csv (reference not.work). Type II does not
# depend on the coding; type III tests the main effects hincome and children where the other
# variable of hincome:children is zero, so hincome's test changes with the coding of children
# (at its base level under contr.treatment, averaged under contr.sum) and children's does not
# (hincome = 0 in both). Also car::linearHypothesis of restrictions across equations on the
# treatment-coded fit. mnlogit's formulas: the same with C(children, Sum) + C(region, Sum).
# Run from this folder:  Rscript anova_codings.R   Writes anova_codings.json.
suppressPackageStartupMessages({
  library(nnet)
  library(car)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
# car refits from the model's call, so the formula is written in it (not passed through a
# function argument, which car cannot find again)
treatment <- multinom(partic ~ hincome * children + region, data = df, trace = FALSE,
                      maxit = 10000, reltol = 1e-16, abstol = 1e-300)
sum_coded <- multinom(partic ~ hincome * C(children, contr.sum) + C(region, contr.sum),
                      data = df, trace = FALSE, maxit = 10000, reltol = 1e-16, abstol = 1e-300)
table <- function(a) list(term = rownames(a), chi2 = a[["LR Chisq"]], df = a[["Df"]],
                          pvalue = a[["Pr(>Chisq)"]])

h <- linearHypothesis(treatment, c("fulltime:hincome - 2*parttime:hincome = 0.1",
                                   "fulltime:(Intercept) = parttime:(Intercept)",
                                   "fulltime:hincome:childrenpresent = 0"))
out <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  car = as.character(packageVersion("car")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  treatment = list(formula = "partic ~ hincome * children + region",
                   II = table(Anova(treatment, type = 2)), III = table(Anova(treatment, type = 3))),
  sum = list(formula = "partic ~ hincome * C(children, Sum) + C(region, Sum)",
             II = table(Anova(sum_coded, type = 2)), III = table(Anova(sum_coded, type = 3))),
  wald = list(restrictions = paste("fulltime:hincome - 2*parttime:hincome = 0.1,",
                                   "fulltime:Intercept = parttime:Intercept,",
                                   "fulltime:hincome:children[T.present] = 0"),
              chi2 = h$Chisq[2], df = h$Df[2], pvalue = h[["Pr(>Chisq)"]][2])
)
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE), "anova_codings.json")
