# Reference values for a sampling fraction of 0 among sampling fractions
# (tests/test_survey_fpc_zero.py): R's survey package reads fpc = 0 as a population of
# n_h / 0 = Inf PSUs, a stratum without correction, the fractions' spelling of the counts'
# inf (which among fractions is refused as a count).
#
# Data: apistrat.csv (written by make_survey.R). Design: strata = school type, PSUs =
# districts nested in strata, weights pw; fpc `f` = 0 for the elementary schools' stratum
# (no correction) and the sampling fraction 0.1 for the others. The same design with the
# fractions written as counts (inf, n_h / 0.1) is checked to give the same covariance.
# svyglm(quasibinomial) of `awards ~ meals + ell + mobility` (reference "No"), on the whole
# design and on the subpopulation comp_imp == "Yes".
#
# Run from this folder: Rscript make_survey_fpc_zero.R  (writes survey_fpc_zero.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$f <- ifelse(d$stype == "E", 0, 0.1)
d$N <- ifelse(d$stype == "E", Inf, ave(d$dnum, d$stype, FUN = function(x) length(unique(x))) / 0.1)
options(survey.lonely.psu = "fail")

fit <- function(design) {
  g <- svyglm(I(awards == "Yes") ~ meals + ell + mobility, design, family = quasibinomial(),
              control = glm.control(epsilon = 1e-14, maxit = 100))
  list(params = unname(coef(g)), cov = unname(vcov(g)))
}

fractions <- svydesign(ids = ~dnum, strata = ~stype, fpc = ~f, weights = ~pw, data = d,
                       nest = TRUE)
stopifnot(all(is.infinite(fractions$fpc$popsize[d$stype == "E"])))
counts <- svydesign(ids = ~dnum, strata = ~stype, fpc = ~N, weights = ~pw, data = d,
                    nest = TRUE)
cases <- list(
  whole = c(fit(fractions), list(subpop = NA)),
  subpop = c(fit(subset(fractions, comp_imp == "Yes")), list(subpop = "comp_imp == 'Yes'"))
)
stopifnot(isTRUE(all.equal(fit(counts)$cov, cases$whole$cov, tolerance = 1e-12)))

out <- list(
  generated_by = "tests/reference/make_survey_fpc_zero.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  degf = degf(fractions),
  cases = cases
)
write_json(out, "survey_fpc_zero.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
