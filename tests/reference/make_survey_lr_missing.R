# Reference values for Rao and Scott's working likelihood-ratio test of survey fits where one
# model's variable is missing in some rows (tests/test_survey_lr_designs.py).
#
# Data: apistrat.csv (written by make_survey.R), `ell` set missing where snum is a multiple
# of 7; districts as PSUs nested in school types as strata, weights pw. svyglm of
# awards01 ~ meals + ell + mobility (quasibinomial, epsilon 1e-14) on the domain of the rows
# with ell, subset(design, !is.na(ell)), and regTermTest(method = "LRT") of ell: chisq
# (weights scaled to mean 1 over the domain's rows), the design effect lambda and the
# saddlepoint p-value on df = degf() of the whole design. In mnlogit the model with ell drops
# those rows (keeping the design) and the model without it is fitted with
# subpop = "ell.notna()". (regTermTest of the svyglm fitted to the whole design, which drops
# the rows itself, refits the model without ell on every row, its deviance of 200 rows
# against the larger model's of 167: a chisq of 41.8.)
#
# Run from this folder: Rscript make_survey_lr_missing.R  (writes survey_lr_missing.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})

d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$awards01 <- as.integer(d$awards == "Yes")
d$ell[d$snum %% 7 == 0] <- NA
design <- svydesign(ids = ~dnum, strata = ~stype, weights = ~pw, data = d, nest = TRUE)
domain <- subset(design, !is.na(ell))
m <- svyglm(awards01 ~ meals + ell + mobility, design = domain, family = quasibinomial(),
            control = glm.control(epsilon = 1e-14, maxit = 100))
r <- regTermTest(m, ~ell, method = "LRT", df = degf(design))
out <- list(
  missing = sum(is.na(d$ell)),
  test = list(chisq = unname(r$chisq), df = r$df, lambda = unname(r$lambda), p = unname(r$p),
              ddf = r$ddf),
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")),
                  jsonlite = as.character(packageVersion("jsonlite"))))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "survey_lr_missing.json")
