# Reference values for Rao and Scott's working likelihood-ratio test of a coefficient whose
# design-based variance exists beside coefficients one PSU's rows determine alone
# (tests/test_survey_lr_designs.py).
#
# Data: apistrat.csv (written by make_survey.R), g = dnum %% 5 (as text) as the PSUs, weights
# pw, no strata: the intercept and the dummies of g are each carried by one PSU's rows alone
# (mnlogit gives them NaN standard errors; svyglm small ones). The test of ell in
# ~ meals + ell + g reads only ell's block of the covariance.
#
# Two outcomes (awards, reference "No"): svyglm(quasibinomial), epsilon 1e-14, and
# regTermTest(method = "LRT", df = degf(design)): chisq, lambda, saddlepoint p-value.
# Three outcomes (perf, reference "low"): the weighted Newton fits of survey_mnl.R of
# ~ meals + ell + g and ~ meals + g on R's model matrix, the deviance difference with the
# weights scaled to mean 1, lambda the eigenvalues of V0[i, i]^-1 V[i, i] over ell in both
# equations (V = vcov(svytotal(~h, design)) of the influence functions, V0 the inverse
# information with the scaled weights) and survey's pFsum(method = "saddlepoint"), as
# regTermTest computes them for a svyglm.
#
# Run from this folder: Rscript make_survey_lr_owned.R  (writes survey_lr_owned.json)

suppressMessages(library(survey))
library(jsonlite)
source("survey_mnl.R")  # mnl_fit, linearised, information, loglik

d <- transform(read.csv("apistrat.csv", stringsAsFactors = FALSE),
               awards01 = as.integer(awards == "Yes"), g = as.character(dnum %% 5))
design <- svydesign(ids = ~g, weights = ~pw, data = d)

m <- svyglm(awards01 ~ meals + ell + g, design = design, family = quasibinomial(),
            control = glm.control(epsilon = 1e-14, maxit = 100))
r <- regTermTest(m, ~ell, method = "LRT", df = degf(design))
binary <- list(chisq = unname(r$chisq), df = r$df, lambda = unname(r$lambda), p = unname(r$p),
               ddf = r$ddf)

w1 <- d$pw / mean(d$pw)
X <- model.matrix(~ meals + ell + g, d)
Xr <- model.matrix(~ meals + g, d)
full <- mnl_fit(d, "perf", "low", d$pw, X)
small <- mnl_fit(d, "perf", "low", d$pw, Xr)
V <- linearised(design, full, rep(TRUE, nrow(d)))
V0 <- solve(information(X, full$B, w1))
chisq <- 2 * (loglik(X, full$B, d$perf, full$eqs, w1) - loglik(Xr, small$B, d$perf, small$eqs, w1))
i <- which(rep(colnames(X), length(full$eqs)) == "ell")
lambda <- eigen(solve(V0[i, i]) %*% V[i, i], only.values = TRUE)$values
p <- survey:::pFsum(chisq, rep(1, length(lambda)), lambda, ddf = degf(design),
                    method = "saddlepoint", lower.tail = FALSE)
three <- list(chisq = chisq, df = length(i), lambda = sort(Re(lambda)), p = p, ddf = degf(design))

out <- list(
  binary = binary, three = three,
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")),
                  jsonlite = as.character(packageVersion("jsonlite"))))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "survey_lr_owned.json")
