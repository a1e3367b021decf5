# Reference values for mnlogit's Wald tests with sandwich covariances: type II and III
# per-term tests (anova) with a cluster-robust covariance and frequency weights, joint and
# cross-term restrictions (wald_test), and the design-based Wald chi2 and adjusted F of a
# survey fit.
# Run from this folder:  Rscript wald_tests.R   -> wald_tests.json
#
# Two outcomes, so that car's own Wald tests of a glm apply (car::Anova has only LR tests for
# nnet::multinom): a multinomial logit of two levels is the binomial glm.
#  * womenlf.csv (written by margins_womenlf.R): working = partic != "not.work",
#    working ~ hincome * children + region, frequency weights w = 1 + (row %% 3), clusters
#    cl = (row - 1) %/% 5 (53). glm(binomial, weights = w) and sandwich::vcovCL(type = "HC0",
#    cadjust = TRUE): A^-1 (sum_g u_g u_g') A^-1 G / (G - 1), with u_g the cluster's sum of
#    w_i times the row scores, as Stata's vce(cluster) with fweights. car::Anova(type = 2 / 3,
#    test.statistic = "Wald", vcov. = V) (type II by car's conjugate complement of each
#    term's relatives) and car::linearHypothesis(vcov. = V).
#  * apistrat.csv: awards ~ meals + ell + mobility + stype in a stratified design
#    (strata stype, fpc, weights pw), svyglm(quasibinomial) and survey::regTermTest
#    (method = "Wald"): its F times its df is the Wald statistic W (its F, W / k on
#    (k, df.residual) df, is kept as regTermTest for information); Stata's adjusted F,
#    (d - k + 1) / (d k) W on (k, d - k + 1) df with d = degf(design), is computed from it.
suppressPackageStartupMessages({
  library(car)
  library(sandwich)
  library(survey)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$working <- as.integer(df$partic != "not.work")
df$w <- 1 + (seq_len(nrow(df)) %% 3)
df$cl <- (seq_len(nrow(df)) - 1) %/% 5

g <- glm(working ~ hincome * children + region, family = binomial, data = df, weights = w,
         control = glm.control(epsilon = 1e-14, maxit = 100))
V <- vcovCL(g, cluster = ~cl, type = "HC0", cadjust = TRUE)

anova_table <- function(type) {
  a <- Anova(g, type = type, test.statistic = "Wald", vcov. = V)
  a <- a[rownames(a) != "(Intercept)", ]
  setNames(lapply(rownames(a), function(t) list(chi2 = a[t, "Chisq"], df = a[t, "Df"],
                                               p = a[t, "Pr(>Chisq)"])),
           rownames(a))
}

hypotheses <- list(
  hincome = "hincome = 0",
  region = c("regionBC = 0", "regionOntario = 0", "regionPrairie = 0", "regionQuebec = 0"),
  cross = "hincome + 10 * hincome:childrenpresent = 0"
)
wald <- lapply(hypotheses, function(h) {
  l <- linearHypothesis(g, h, vcov. = V, test = "Chisq")
  list(chi2 = l[2, "Chisq"], df = l[2, "Df"], p = l[2, "Pr(>Chisq)"])
})

d <- read.csv("apistrat.csv", stringsAsFactors = TRUE)
design <- svydesign(ids = ~1, strata = ~stype, fpc = ~fpc, weights = ~pw, data = d)
s <- svyglm(I(awards == "Yes") ~ meals + ell + mobility + stype, design,
            family = quasibinomial(), control = glm.control(epsilon = 1e-14, maxit = 100))
ddf <- degf(design)
survey_test <- function(terms) {
  r <- regTermTest(s, terms, method = "Wald")
  k <- r$df
  W <- as.numeric(r$Ftest) * k  # regTermTest's F is W / k, on (k, df.residual) df
  F <- (ddf - k + 1) / (ddf * k) * W
  list(chi2 = W, df = k, F = F, df_denom = ddf - k + 1,
       p = pf(F, k, ddf - k + 1, lower.tail = FALSE),
       regTermTest = list(F = as.numeric(r$Ftest), ddf = r$ddf, p = as.numeric(r$p)))
}

out <- list(
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                  car = as.character(packageVersion("car")),
                  sandwich = as.character(packageVersion("sandwich")),
                  survey = as.character(packageVersion("survey")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  cluster = list(
    formula = "working ~ hincome * children + region", ref = "no",
    coef = as.list(coef(g)), bse = as.list(sqrt(diag(V))),
    anova_type2 = anova_table(2), anova_type3 = anova_table(3), wald = wald
  ),
  survey = list(
    formula = "awards ~ meals + ell + mobility + stype", ref = "No", degf = ddf,
    coef = as.list(coef(s)),
    wald = list(stype = survey_test(~stype), meals_ell = survey_test(~meals + ell))
  )
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "wald_tests.json")
