# Reference values for what a design of one stage gives beside R's two-stage variance
# (tests/test_survey_two_stage.py), which mnlogit does not compute: the refusal of a second
# stage's fpc says which way each way out lies, and these numbers back it.
#
# Data: R's apiclus2 (districts, then schools within them; apiclus2.csv is its columns
# written by make_survey.R, fpc = fpc1, the districts in the population). Model:
# svyglm(I(awards == "Yes") ~ meals, quasibinomial) on
#   two_stage:   svydesign(ids = ~dnum + snum, fpc = ~fpc1 + fpc2)   (weights = pw)
#   first_fpc:   svydesign(ids = ~dnum, fpc = ~fpc1, weights = ~pw)
#   no_fpc:      svydesign(ids = ~dnum + snum, weights = ~pw)         (the ultimate cluster)
#
# Run from this folder: Rscript make_survey_two_stage.R  (writes survey_two_stage.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
data(api)
stopifnot(max(abs(weights(svydesign(ids = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2))
                  - apiclus2$pw)) < 1e-9)
designs <- list(
  two_stage = svydesign(ids = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2),
  first_fpc = svydesign(ids = ~dnum, fpc = ~fpc1, weights = ~pw, data = apiclus2),
  no_fpc = svydesign(ids = ~dnum + snum, weights = ~pw, data = apiclus2)
)
cases <- lapply(designs, function(design) {
  g <- svyglm(I(awards == "Yes") ~ meals, design, family = quasibinomial(),
              control = glm.control(epsilon = 1e-14, maxit = 100))
  list(params = unname(coef(g)), se = unname(SE(g)))
})
out <- list(
  generated_by = "tests/reference/make_survey_two_stage.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  formula = "awards ~ meals", ref = "No",
  cases = cases
)
write_json(out, "survey_two_stage.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_two_stage.json\n")
