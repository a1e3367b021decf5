# Reference values for anova() of survey fits (tests/test_survey_anova.py): per-term Wald
# tests with the design-based covariance, type II and III, and Stata's adjusted Wald F.
#
# Data: apistrat.csv (written by make_survey.R). Design: strata = school type, PSUs =
# districts nested in strata, sampling weights pw. Model: ~ meals * stype + ell.
#
# Two outcomes (awards, reference "No"): svyglm(quasibinomial), converged to epsilon 1e-14
# (its default, 1e-8, leaves chi2 of a few 1e-6 off), and car::Anova(type = 2 and 3,
# test.statistic = "Chisq"), car's own Wald tests of an svyglm fit with its vcov().
# Three outcomes (perf, reference "low"): the weighted Newton fit of survey_mnl.R on the
# model matrix, vcov(svytotal(~h, design)) of its influence functions, and the Wald chi2
# computed here: type III W = b_T' V_TT^-1 b_T over the term's coefficients in every equation;
# type II W(term and the terms containing it) - W(the terms containing it), which is what
# car's type II Wald test equals. Adjusted F = (d - k + 1) / (d k) W on (k, d - k + 1) df,
# d = degf(design).
#
# Run from this folder: Rscript make_survey_anova.R  (writes survey_anova.json)

suppressMessages({
  library(survey)
  library(car)
  library(jsonlite)
})
source("survey_mnl.R")

d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$awards01 <- as.integer(d$awards == "Yes")
design <- svydesign(ids = ~dnum, strata = ~stype, weights = ~pw, data = d, nest = TRUE)
df <- degf(design)
formula_rhs <- "meals * stype + ell"
terms_of <- c("meals", "stype", "ell", "meals:stype")
adjusted <- function(W, k) {
  F <- (df - k + 1) / (df * k) * W
  list(F = F, df_denom = df - k + 1, pvalue = pf(F, k, df - k + 1, lower.tail = FALSE))
}

# --- two outcomes: car on svyglm ---------------------------------------------------------------
m <- svyglm(as.formula(paste("awards01 ~", formula_rhs)), design = design,
            family = quasibinomial(), control = glm.control(epsilon = 1e-14, maxit = 100))
binary <- list()
for (ty in c(2, 3)) {
  a <- Anova(m, type = ty, test.statistic = "Chisq")
  a <- a[rownames(a) != "(Intercept)", ]
  binary[[paste0("type", ty)]] <- lapply(setNames(rownames(a), rownames(a)), function(t) {
    c(list(chi2 = a[t, "Chisq"], df = a[t, "Df"]), adjusted(a[t, "Chisq"], a[t, "Df"]))
  })
}

# --- three outcomes: Newton fit, linearised covariance, Wald by hand --------------------------
X <- model.matrix(as.formula(paste("~", formula_rhs)), d)
fit <- mnl_fit(d, "perf", "low", d$pw, X)
V <- linearised(design, fit, rep(TRUE, nrow(d)))
b <- as.vector(fit$B)
assign <- attr(X, "assign")
labels <- attr(terms(as.formula(paste("~", formula_rhs))), "term.labels")
coef_term <- rep(labels[pmax(assign, 1)], length(fit$eqs))
coef_term[rep(assign == 0, length(fit$eqs))] <- "(Intercept)"
wald <- function(ts) {
  idx <- which(coef_term %in% ts)
  drop(t(b[idx]) %*% solve(V[idx, idx], b[idx]))
}
containing <- list(meals = "meals:stype", stype = "meals:stype", ell = character(0),
                   "meals:stype" = character(0))
multi <- list(type2 = list(), type3 = list())
for (t in terms_of) {
  k <- sum(coef_term == t)
  W3 <- wald(t)
  rel <- containing[[t]]
  W2 <- if (length(rel)) wald(c(t, rel)) - wald(rel) else W3
  multi$type2[[t]] <- c(list(chi2 = W2, df = k), adjusted(W2, k))
  multi$type3[[t]] <- c(list(chi2 = W3, df = k), adjusted(W3, k))
}

out <- list(
  generated_by = "tests/reference/make_survey_anova.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  car_version = as.character(packageVersion("car")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  design = list(weights = "pw", strata = "stype", psu = "dnum", degf = df),
  formula_rhs = formula_rhs,
  binary = list(outcome = "awards", ref = "No", coefficients = as.list(coef(m)), tests = binary),
  multi = list(outcome = "perf", ref = "low", iterations = fit$iterations, tests = multi)
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "survey_anova.json")
