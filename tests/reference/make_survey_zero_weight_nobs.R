# Reference values for rows of sampling weight 0 in a survey fit
# (tests/test_survey_zero_weight_nobs.py): what R counts as the observations of the fit.
#
# Data: apistrat.csv (written by make_survey.R). Design: strata = stype, PSUs = schools,
# sampling weights w0 = pw with the rows of Los Angeles given weight 0; and the same design
# with pw and the subpopulation cname != "Los Angeles" (subset(), which keeps every PSU).
# Model: svyglm(quasibinomial) of `awards ~ meals + ell` (reference "No").
# nobs() of a svyglm counts the rows of non-zero prior weight, in both designs, and the
# two fits have the same coefficients and standard errors (a row of weight 0 is a row
# outside the domain; its PSU stays in the design).
#
# Run from this folder: Rscript make_survey_zero_weight_nobs.R
#   (writes survey_zero_weight_nobs.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$w0 <- ifelse(d$cname == "Los Angeles", 0, d$pw)
fit <- function(design) {
  g <- suppressWarnings(svyglm(I(awards == "Yes") ~ meals + ell, design,
                               family = quasibinomial(),
                               control = glm.control(epsilon = 1e-14, maxit = 100)))
  list(nobs = nobs(g), params = unname(coef(g)), se = unname(SE(g)))
}
zero <- fit(svydesign(ids = ~1, strata = ~stype, weights = ~w0, data = d))
sub <- fit(subset(svydesign(ids = ~1, strata = ~stype, weights = ~pw, data = d),
                  cname != "Los Angeles"))
out <- list(
  generated_by = "tests/reference/make_survey_zero_weight_nobs.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  rows = nrow(d),
  rows_of_weight_zero = sum(d$w0 == 0),
  zero_weights = zero,
  subpop = sub
)
write_json(out, "survey_zero_weight_nobs.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("nobs", zero$nobs, sub$nobs, "of", nrow(d), "rows\n")
