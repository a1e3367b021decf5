# A real survey design: the NHANES extract shipped with R's survey package (data(nhanes):
# 8591 examined persons, 15 strata SDMVSTRA, PSUs SDMVPSU numbered 1 and 2 within each
# stratum, weights WTMEC2YR; HI_CHOL missing for 745), written as nhanes.csv. Fitted as
# svydesign(ids = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = TRUE):
#   * HI_CHOL ~ agecat + factor(race) + RIAGENDR by svyglm(quasibinomial, epsilon 1e-14)
#     (rows missing HI_CHOL stay in the design, as svyglm keeps them): coefficients,
#     standard errors, car::Anova's type II Wald chi2 and degf(design);
#   * the same without RIAGENDR in the subpopulation RIAGENDR == 2 (subset(design, ...));
#   * race ~ agecat + RIAGENDR (reference 1) by the weighted Newton fit of survey_mnl.R with
#     vcov(svytotal) of the influence functions: coefficients, standard errors, the adjusted
#     Wald F of agecat ((d - k + 1) / (d k) W, d = degf) and margins over agecat averaged over
#     the rows with the weights, with delta-method standard errors (numDeriv).
# Run from this folder:  Rscript make_nhanes.R   -> nhanes.csv, nhanes.json
suppressPackageStartupMessages({
  library(survey); library(car); library(numDeriv); library(jsonlite)
})
source("survey_mnl.R")

data(nhanes)
write.csv(nhanes, "nhanes.csv", row.names = FALSE)
d <- read.csv("nhanes.csv")
ages <- c("(0,19]", "(19,39]", "(39,59]", "(59,Inf]")
d$agecat <- factor(d$agecat, levels = ages)
des <- svydesign(ids = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = TRUE, data = d)

g <- svyglm(HI_CHOL ~ agecat + factor(race) + RIAGENDR, des, family = quasibinomial(),
            epsilon = 1e-14, maxit = 100)
a2 <- Anova(g, type = "II")
women <- svyglm(HI_CHOL ~ agecat + factor(race), subset(des, RIAGENDR == 2),
                family = quasibinomial(), epsilon = 1e-14, maxit = 100)

X <- model.matrix(~ agecat + RIAGENDR, d)
m <- mnl_fit(d, "race", 1, d$WTMEC2YR, X)
V <- linearised(des, m, rep(TRUE, nrow(d)))
b <- as.vector(m$B)
i <- grep("agecat", m$names)
W <- as.numeric(t(b[i]) %*% solve(V[i, i], b[i])); dg <- degf(des); k <- length(i)
w <- d$WTMEC2YR
averaged <- function(beta, Xa) {
  E <- cbind(0, Xa %*% matrix(beta, ncol = length(m$eqs)))
  P <- exp(E - apply(E, 1, max)); P <- P / rowSums(P)
  colSums(P * w) / sum(w)
}
margins <- list()
for (a in ages) {
  da <- d; da$agecat <- factor(a, levels = ages)
  Xa <- model.matrix(~ agecat + RIAGENDR, da)
  J <- jacobian(function(beta) averaged(beta, Xa), b)
  margins[[a]] <- list(estimate = averaged(b, Xa), se = sqrt(diag(J %*% V %*% t(J))))
}

out <- list(
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")),
                  car = as.character(packageVersion("car")),
                  numDeriv = as.character(packageVersion("numDeriv")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  degf = dg,
  binary = list(columns = names(coef(g)), coef = unname(coef(g)),
                se = unname(sqrt(diag(vcov(g)))),
                anova2 = list(term = rownames(a2), chi2 = a2$Chisq, df = a2$Df)),
  women = list(coef = unname(coef(women)), se = unname(sqrt(diag(vcov(women))))),
  race = list(equations = m$eqs, columns = colnames(X), coef = b, se = sqrt(diag(V)),
              wald_agecat = W, f_agecat = (dg - k + 1) / (dg * k) * W, margins = margins)
)
write(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "nhanes.json")
