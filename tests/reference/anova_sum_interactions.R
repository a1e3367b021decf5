# Per-term likelihood-ratio tests and cross-equation linear hypotheses beyond anova_codings.R,
# anova_more.R and anova_three_way.R: a factor x factor interaction under sum-to-zero coding
# (type III of each main effect is then its test averaged over the other factor's levels),
# the same with frequency weights and rows missing a predictor, a sum-coded factor x numeric
# interaction with weights, and car::linearHypothesis of equalities across equations and a
# linear combination on the weighted fit with missing rows.
# Data: womenlf.csv (reference not.work); reg3 = region grouped east (Atlantic, Quebec),
# Ontario, west (BC, Prairie), its levels in the order Python sorts them (Ontario, east,
# west: R's locale may sort "east" first, which moves the level contr.sum leaves out);
# w = 1 + (row - 1) %% 3; hincome missing where row %% 17 == 0 (15 rows), dropped by
# multinom's na.omit as by mnlogit (car's refits read the fitted model matrix, so they
# keep those rows out). car's refits run to reltol 1e-16 (car_tight.R).
# Run from this folder:  Rscript anova_sum_interactions.R   Writes anova_sum_interactions.json.
suppressPackageStartupMessages({
  library(nnet)
  library(car)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
df$reg3 <- factor(c(Atlantic = "east", Quebec = "east", Ontario = "Ontario", BC = "west",
                    Prairie = "west")[as.character(df$region)],
                  levels = c("Ontario", "east", "west"))
df$w <- 1 + (seq_len(nrow(df)) - 1) %% 3
df$hmiss <- ifelse(seq_len(nrow(df)) %% 17 == 0, NA, df$hincome)
source("car_tight.R")  # tab(), anova_tight
fit <- function(f, weighted) {
  m <- if (weighted) {
    multinom(as.formula(f), data = df, weights = w, trace = FALSE, maxit = 10000,
             reltol = 1e-16, abstol = 1e-300)
  } else {
    multinom(as.formula(f), data = df, trace = FALSE, maxit = 10000, reltol = 1e-16,
             abstol = 1e-300)
  }
  m$call$formula <- as.formula(f)
  m
}
cases <- list(
  ff_sum = list(r = "partic ~ hincome + C(children, contr.sum) * C(reg3, contr.sum)",
                py = "partic ~ hincome + C(children, Sum) * C(reg3, Sum)", weighted = FALSE),
  ff_sum_weighted_missing = list(
    r = "partic ~ hmiss + C(children, contr.sum) * C(reg3, contr.sum)",
    py = "partic ~ hmiss + C(children, Sum) * C(reg3, Sum)", weighted = TRUE),
  ff_treatment_weighted_missing = list(
    r = "partic ~ hmiss + children * reg3",
    py = "partic ~ hmiss + children * reg3", weighted = TRUE),
  fn_sum_weighted = list(r = "partic ~ hincome * C(reg3, contr.sum) + children",
                         py = "partic ~ hincome * C(reg3, Sum) + children", weighted = TRUE)
)
out <- list(versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                            car = as.character(packageVersion("car")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            cases = list())
for (n in names(cases)) {
  cs <- cases[[n]]
  m <- fit(cs$r, cs$weighted)
  out$cases[[n]] <- list(formula = cs$py, weights = if (cs$weighted) "w" else NA,
                         nobs = nrow(model.matrix(m)),
                         loglik = as.numeric(logLik(m)),
                         II = tab(anova_tight[[1]](m)), III = tab(anova_tight[[2]](m)))
}
m <- fit(cases$ff_sum_weighted_missing$r, TRUE)
ch <- "C(children, contr.sum)1"
e <- "C(reg3, contr.sum)2"
o <- "C(reg3, contr.sum)1"
py_ch <- "C(children, Sum)[S.absent]"
py_e <- "C(reg3, Sum)[S.east]"
py_o <- "C(reg3, Sum)[S.Ontario]"
hyps <- list(
  cross = list(r = c(sprintf("fulltime:%s:%s = parttime:%s:%s", ch, e, ch, e),
                     sprintf("fulltime:%s = parttime:%s", o, o)),
               py = sprintf("fulltime:%s:%s = parttime:%s:%s, fulltime:%s = parttime:%s",
                            py_ch, py_e, py_ch, py_e, py_o, py_o)),
  combination = list(r = sprintf("fulltime:%s - 2*parttime:%s + fulltime:hmiss = 0.5", ch, ch),
                     py = sprintf("fulltime:%s - 2*parttime:%s + fulltime:hmiss = 0.5",
                                  py_ch, py_ch))
)
out$wald <- list(case = "ff_sum_weighted_missing",
                 tests = lapply(hyps, function(h) {
                   l <- linearHypothesis(m, h$r)
                   list(restrictions = h$py, chi2 = l$Chisq[2], df = l$Df[2],
                        pvalue = l[["Pr(>Chisq)"]][2])
                 }))
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE),
           "anova_sum_interactions.json")
