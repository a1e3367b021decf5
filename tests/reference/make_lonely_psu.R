# Reference values for strata with a single PSU under R's survey.lonely.psu options
# "certainty", "remove" and "average" (tests/test_survey_lonely.py): strata = county, PSU =
# district on apistrat.csv (written by make_survey.R), where 16 of the 40 counties have one
# district. Under the first two such a stratum adds nothing to the linearised variance (its
# PSU total is centred at itself), as survey:::onestrat computes it; under "average" it adds
# the mean of the other strata's contributions (survey:::onestage: their sum times
# nstrat / nokstrat).
#
#   binary: svyglm(quasibinomial) of `awards ~ meals + ell + mobility` (reference "No"),
#           the whole design and the subpopulation comp_imp == "Yes".
#   multi:  `perf ~ meals + ell + mobility` (reference "low"): the weighted Newton fit of
#           survey_mnl.R and vcov(svytotal(~h, design)) of its influence functions.
#
# Run from this folder: Rscript make_lonely_psu.R  (writes lonely_psu.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)

binary <- function(design) {
  g <- svyglm(I(awards == "Yes") ~ meals + ell + mobility, design, family = quasibinomial(),
              control = glm.control(epsilon = 1e-14, maxit = 100))
  list(params = unname(coef(g)), cov = unname(vcov(g)))
}

cases <- list()
for (option in c("certainty", "remove", "average")) {
  options(survey.lonely.psu = option)
  county <- svydesign(ids = ~dnum, strata = ~cname, weights = ~pw, data = d, nest = TRUE)
  cases[[paste0(option, "/binary/full")]] <- c(binary(county), list(lonely_psu = option,
    formula = "awards ~ meals + ell + mobility", ref = "No", subpop = NA))
  cases[[paste0(option, "/binary/comp_imp")]] <- c(
    binary(subset(county, comp_imp == "Yes")),
    list(lonely_psu = option, formula = "awards ~ meals + ell + mobility", ref = "No",
         subpop = "comp_imp == 'Yes'"))
  rows <- d$comp_imp == "Yes"
  f <- mnl_fit(d[rows, ], "perf", "low", d$pw[rows])
  cases[[paste0(option, "/multi/comp_imp")]] <- list(
    params = as.vector(f$B), cov = linearised(county, f, rows), lonely_psu = option,
    formula = "perf ~ meals + ell + mobility", ref = "low", subpop = "comp_imp == 'Yes'")
}

out <- list(
  generated_by = "tests/reference/make_lonely_psu.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  design = list(weights = "pw", strata = "cname", psu = "dnum"),
  lonely_strata = sum(tapply(d$dnum, d$cname, function(x) length(unique(x))) == 1),
  note = "params and cov equation-major (Intercept, meals, ell, mobility in each equation)",
  cases = cases
)
write_json(out, "lonely_psu.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
cat("wrote lonely_psu.json with", length(cases), "cases\n")
