# Reference values for a survey design whose PSUs are also in the formula
# (tests/test_survey_owned.py): psu_dummies.csv, two strata of eight PSUs (numbered 1-8 in
# each, nested), sampling weights w, a binary y and a slope x, drawn with a random effect
# per PSU. svyglm(quasibinomial) of y ~ x + factor(st):factor(psu) (the PSU dummies) and of
# y ~ x on svydesign(ids = ~psu, strata = ~st, weights = ~w, nest = TRUE).
#
# R reports standard errors for the intercept and the PSU dummies too; each of those
# coefficients is fitted to a single PSU's rows, so the linearised variance holds nothing of
# its own sampling variance, and mnlogit gives NaN for them. The slope's coefficient and
# standard error are compared.
#
# Run from this folder: Rscript make_psu_dummies.R  (writes psu_dummies.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
d <- read.csv("psu_dummies.csv", stringsAsFactors = FALSE)
d$unit <- factor(paste(d$st, d$psu, sep = "/"))
design <- svydesign(ids = ~psu, strata = ~st, weights = ~w, data = d, nest = TRUE)
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
with_dummies <- svyglm(y ~ x + unit, design, family = quasibinomial(), control = ctl)
plain <- svyglm(y ~ x, design, family = quasibinomial(), control = ctl)
summarise <- function(g) {
  list(terms = names(coef(g)), params = unname(coef(g)), se = unname(sqrt(diag(vcov(g)))))
}
out <- list(
  generated_by = "make_psu_dummies.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  degf = degf(design),
  with_dummies = summarise(with_dummies),
  plain = summarise(plain)
)
write_json(out, "psu_dummies.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
