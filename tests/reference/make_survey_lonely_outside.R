# Reference values for strata of a single PSU that hold no row of a subpopulation
# (tests/test_survey_lonely_note.py): apistrat.csv (make_survey.R), counties as strata,
# districts as PSUs nested in them (16 of 40 counties have one district), weights pw, and
# svyglm(quasibinomial) of awards ~ meals on the subpopulation of the other 24 counties
# under each survey.lonely.psu option: the lonely counties take no part, and the standard
# errors are the same under every option.
#
# Run from this folder: Rscript make_survey_lonely_outside.R  (writes survey_lonely_outside.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$lone <- ave(d$dnum, d$cname, FUN = function(x) length(unique(x))) == 1
se <- list()
for (option in c("adjust", "average", "certainty", "remove")) {
  options(survey.lonely.psu = option)
  design <- svydesign(ids = ~dnum, strata = ~cname, weights = ~pw, data = d, nest = TRUE)
  g <- svyglm(I(awards == "Yes") ~ meals, subset(design, !lone), family = quasibinomial(),
              control = glm.control(epsilon = 1e-14, maxit = 100))
  se[[option]] <- unname(sqrt(diag(vcov(g))))
}
out <- list(
  generated_by = "make_survey_lonely_outside.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  lonely_strata = sum(tapply(d$lone, d$cname, any)),
  se = se
)
write_json(out, "survey_lonely_outside.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_lonely_outside.json\n")
