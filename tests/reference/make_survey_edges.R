# Reference values for survey designs at their edges (tests/test_survey_reference_edges.py):
# svyglm(quasibinomial) fits of `awards ~ meals + ell + mobility` (a two-outcome multinomial
# logit with reference "No") on R's `api` data, apistrat.csv written by make_survey.R.
#
#   zero_weight_psus: two districts' rows given weight 0; their PSUs stay in the design
#                     (n_h counts them), as in a design subset to the other rows.
#   strat_clus_fpc_subpop: strata, PSUs nested in strata, a population count of districts per
#                     stratum (fpc), and the subpopulation comp_imp == "Yes".
#   lonely_adjust_subpop: strata = county, PSU = district: 16 counties have one district,
#                     options(survey.lonely.psu = "adjust"), subpopulation comp_imp == "Yes".
#
# degf_R is R's degf() of the design the model is fitted on: R counts only PSUs and strata
# with rows of positive weight; mnlogit, as Stata's svy, uses those of the whole design.
#
# Run from this folder: Rscript make_survey_edges.R  (writes survey_edges.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$w0 <- ifelse(d$dnum %in% c(401, 259), 0, d$pw)
d$districts <- c(E = 400, H = 300, M = 350)[d$stype]

fit <- function(design) {
  g <- svyglm(I(awards == "Yes") ~ meals + ell + mobility, design, family = quasibinomial(),
              control = glm.control(epsilon = 1e-14, maxit = 100))
  list(params = unname(coef(g)), cov = unname(vcov(g)), degf_R = degf(design))
}

cases <- list()
options(survey.lonely.psu = "fail")
cases$zero_weight_psus <- c(
  fit(svydesign(ids = ~dnum, strata = ~stype, weights = ~w0, data = d, nest = TRUE)),
  list(python_design = list(weights = "w0", strata = "stype", psu = "dnum"), subpop = NA,
       lonely_psu = "fail")
)
full <- svydesign(ids = ~dnum, strata = ~stype, fpc = ~districts, weights = ~pw, data = d,
                  nest = TRUE)
cases$strat_clus_fpc_subpop <- c(
  fit(subset(full, comp_imp == "Yes")),
  list(python_design = list(weights = "pw", strata = "stype", psu = "dnum", fpc = "districts"),
       subpop = "comp_imp == 'Yes'", lonely_psu = "fail")
)
options(survey.lonely.psu = "adjust")
county <- svydesign(ids = ~dnum, strata = ~cname, weights = ~pw, data = d, nest = TRUE)
cases$lonely_adjust_subpop <- c(
  fit(subset(county, comp_imp == "Yes")),
  list(python_design = list(weights = "pw", strata = "cname", psu = "dnum"),
       subpop = "comp_imp == 'Yes'", lonely_psu = "adjust")
)

out <- list(
  generated_by = "tests/reference/make_survey_edges.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = "svyglm(quasibinomial) coefficients (Intercept, meals, ell, mobility) and vcov",
  cases = cases
)
write_json(out, "survey_edges.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
cat("wrote survey_edges.json with", length(cases), "cases\n")
