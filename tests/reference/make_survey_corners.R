# Reference values for survey designs whose corners meet in one fit
# (tests/test_survey_corners_reference.py), for two and three outcomes, under each of R's
# survey.lonely.psu options "adjust", "average", "certainty" and "remove".
#
# Data: apistrat.csv (written by make_survey.R). Design: strata = county (cname), PSUs =
# districts (dnum) nested in counties, fpc = three times the districts sampled in each county
# (a population count of districts), sampling weights pw, or w0: pw with the rows of Butte
# (a county of one district) given weight 0. 16 of the 40 counties have one district.
# `meals` is set missing
#   - in the rows whose snum is a multiple of 7,
#   - in every row of Alameda (three districts) outside district 507: one PSU of the county
#     holds rows of the fit, the others stay in the design with totals of zero,
#   - in every row of Amador (one district): the lonely county leaves the fit, and with it
#     the count of strata that "average" scales by (survey:::onestage's nstrat).
# Rows missing `meals` are dropped as svyglm drops them (design[-nas, ]: their PSUs keep
# counting in n_h). With and without the subpopulation comp_imp == "Yes".
#
#   binary: svyglm(quasibinomial) of `awards ~ meals + ell + mobility` (reference "No").
#   multi:  `perf ~ meals + ell + mobility` (reference "low"): the weighted Newton fit of
#           survey_mnl.R and vcov(svytotal(~h, design)) of its influence functions on the
#           design subset to the rows of the fit, as svyglm computes its own.
#
# degf_R is R's degf() of the design the model is fitted on (PSUs with rows of positive
# weight); mnlogit, as Stata's svy, uses the whole design's #PSU - #strata.
#
# Run from this folder: Rscript make_survey_corners.R  (writes survey_corners.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$meals[d$snum %% 7 == 0] <- NA
d$meals[d$cname == "Alameda" & d$dnum != 507] <- NA
d$meals[d$cname == "Amador"] <- NA
d$w0 <- ifelse(d$cname == "Butte", 0, d$pw)
d$ncty <- ave(d$dnum, d$cname, FUN = function(x) 3 * length(unique(x)))

binary <- function(design) {
  g <- svyglm(I(awards == "Yes") ~ meals + ell + mobility, design, family = quasibinomial(),
              control = glm.control(epsilon = 1e-14, maxit = 100))
  list(params = unname(coef(g)), cov = unname(vcov(g)), degf_R = degf(g$survey.design))
}

cases <- list()
for (option in c("adjust", "average", "certainty", "remove")) {
  options(survey.lonely.psu = option)
  for (w in c("pw", "w0")) {
    design <- svydesign(ids = ~dnum, strata = ~cname, fpc = ~ncty,
                        weights = as.formula(paste0("~", w)), data = d, nest = TRUE)
    for (sub in c(FALSE, TRUE)) {
      domain <- if (sub) d$comp_imp == "Yes" else rep(TRUE, nrow(d))
      about <- list(lonely_psu = option, weights = w, subpop = sub)
      b <- binary(if (sub) subset(design, comp_imp == "Yes") else design)
      cases[[paste(option, w, if (sub) "subpop" else "all", "binary", sep = "/")]] <- c(
        b, about, list(formula = "awards ~ meals + ell + mobility", ref = "No"))
      rows <- domain & !is.na(d$meals)
      f <- mnl_fit(d[rows, ], "perf", "low", d[[w]][rows])
      cases[[paste(option, w, if (sub) "subpop" else "all", "multi", sep = "/")]] <- c(
        list(params = as.vector(f$B), cov = linearised(design, f, rows)), about,
        list(formula = "perf ~ meals + ell + mobility", ref = "low"))
    }
  }
}

out <- list(
  generated_by = "tests/reference/make_survey_corners.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = "params and cov equation-major (Intercept, meals, ell, mobility in each equation)",
  cases = cases
)
write_json(out, "survey_corners.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_corners.json with", length(cases), "cases\n")
