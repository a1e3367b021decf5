# Reference values for a finite-population correction of Inf and of fractions within 1e-7 of 1
# (tests/test_survey_fpc_inf.py):
# R's survey package reads a population size of Inf as an infinite population, a stratum
# sampled without correction (survey:::onestrat: f <- ifelse(fpc == Inf, 1, ...)), so a design
# can give the correction in some strata and not in others. svyglm(quasibinomial) fits of
# `awards ~ meals + ell + mobility` (a two-outcome multinomial logit with reference "No") on
# apistrat.csv (written by make_survey.R).
#
#   rows_as_psus: strata = stype, each school its own PSU, fpc = the stratum's schools (fpc)
#                 except Inf in stratum E.
#   clusters_subpop: strata = stype, districts nested in them, fpc = districts per stratum
#                 (400, 300) in E and H and Inf in M, the subpopulation comp_imp == "Yes".
#   all_inf:      every fpc Inf: the design without fpc.
#   near_census:  districts nested in strata, sampling fractions 0.99999994 (1 in single
#                 precision less one unit in the last place) in E and 0.5 in H and M: R takes a
#                 stratum whose 1 - f is below 1e-7 as sampled in full (survey:::onestrat:
#                 all(f < 0.0000001)), the vcov of E at fraction 1.
#   all_near_census: those fractions in every stratum: a census, vcov 0.
#
# Run from this folder: Rscript make_survey_fpc_inf.R  (writes survey_fpc_inf.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$fpc_e_inf <- ifelse(d$stype == "E", Inf, d$fpc)
d$districts_m_inf <- c(E = 400, H = 300, M = Inf)[d$stype]
d$all_inf <- Inf
d$near <- ifelse(d$stype == "E", 0.99999994, 0.5)
d$all_near <- 0.99999994
d$e_census <- ifelse(d$stype == "E", 1, 0.5)
options(survey.lonely.psu = "fail")

fit <- function(design) {
  g <- svyglm(I(awards == "Yes") ~ meals + ell + mobility, design, family = quasibinomial(),
              control = glm.control(epsilon = 1e-14, maxit = 100))
  list(params = unname(coef(g)), cov = unname(vcov(g)))
}

cases <- list()
cases$rows_as_psus <- c(
  fit(svydesign(ids = ~1, strata = ~stype, fpc = ~fpc_e_inf, weights = ~pw, data = d)),
  list(python_design = list(weights = "pw", strata = "stype", fpc = "fpc_e_inf"), subpop = NA)
)
clusters <- svydesign(ids = ~dnum, strata = ~stype, fpc = ~districts_m_inf, weights = ~pw,
                      data = d, nest = TRUE)
cases$clusters_subpop <- c(
  fit(subset(clusters, comp_imp == "Yes")),
  list(python_design = list(weights = "pw", strata = "stype", psu = "dnum",
                            fpc = "districts_m_inf"),
       subpop = "comp_imp == 'Yes'")
)
cases$all_inf <- c(
  fit(svydesign(ids = ~dnum, strata = ~stype, fpc = ~all_inf, weights = ~pw, data = d,
                nest = TRUE)),
  list(python_design = list(weights = "pw", strata = "stype", psu = "dnum", fpc = "all_inf"),
       subpop = NA)
)
cases$near_census <- c(
  fit(svydesign(ids = ~dnum, strata = ~stype, fpc = ~near, weights = ~pw, data = d,
                nest = TRUE)),
  list(python_design = list(weights = "pw", strata = "stype", psu = "dnum", fpc = "near"),
       subpop = NA)
)
e_census <- fit(svydesign(ids = ~dnum, strata = ~stype, fpc = ~e_census, weights = ~pw,
                          data = d, nest = TRUE))
stopifnot(isTRUE(all.equal(e_census$cov, cases$near_census$cov, tolerance = 1e-12)))
cases$all_near_census <- c(
  fit(svydesign(ids = ~dnum, strata = ~stype, fpc = ~all_near, weights = ~pw, data = d,
                nest = TRUE)),
  list(python_design = list(weights = "pw", strata = "stype", psu = "dnum", fpc = "all_near"),
       subpop = NA)
)
stopifnot(all(cases$all_near_census$cov == 0))
no_fpc <- fit(svydesign(ids = ~dnum, strata = ~stype, weights = ~pw, data = d, nest = TRUE))
stopifnot(isTRUE(all.equal(no_fpc$cov, cases$all_inf$cov, tolerance = 1e-12)))

out <- list(
  generated_by = "tests/reference/make_survey_fpc_inf.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = "svyglm(quasibinomial) coefficients (Intercept, meals, ell, mobility) and vcov",
  cases = cases
)
write_json(out, "survey_fpc_inf.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
cat("wrote survey_fpc_inf.json with", length(cases), "cases\n")
