# Reference values for certainty PSUs beside lonely ones (tests/test_survey_certainty.py),
# under each of R's survey.lonely.psu options "adjust", "average", "certainty", "remove",
# with the fpc given as population PSU counts and as sampling fractions.
#
# Data: apistrat.csv (written by make_survey.R). Design: strata = county (cname) with one
# school moved to a stratum of its own ("Solo": a stratum of a single row), PSUs = districts
# (dnum) nested in counties, sampling weights pw. fpc, as counts (`npop`):
#   - Los Angeles: the districts sampled (a census stratum of several PSUs, f_h = 1),
#   - Butte: 1 (a single PSU sampled with certainty, f_h = 1: survey:::onestrat returns 0
#     for it before its lonely-PSU handling, so "average" counts it among the strata that
#     have a variance),
#   - San Diego: Inf (a stratum without correction),
#   - every other county: three times the districts sampled.
# As fractions (`frac`): the districts sampled over npop (0 where npop is Inf).
# With and without the subpopulation comp_imp == "Yes".
#
#   multi: `perf ~ meals + ell + mobility` (reference "low"): the weighted Newton fit of
#          survey_mnl.R and vcov(svytotal(~h, design)) of its influence functions on the
#          design subset to the rows of the fit.
#
# Run from this folder: Rscript make_survey_certainty.R  (writes survey_certainty.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$cname[d$snum == d$snum[d$cname == "Los Angeles"][1]] <- "Solo"
sampled <- ave(d$dnum, d$cname, FUN = function(x) length(unique(x)))
d$npop <- 3 * sampled
d$npop[d$cname == "Los Angeles"] <- sampled[d$cname == "Los Angeles"]
d$npop[d$cname == "Butte"] <- 1
d$npop[d$cname == "San Diego"] <- Inf
d$frac <- ifelse(is.infinite(d$npop), 0, sampled / d$npop)
stopifnot(sum(d$cname == "Solo") == 1, all(sampled[d$cname == "Butte"] == 1))

cases <- list()
for (option in c("adjust", "average", "certainty", "remove")) {
  options(survey.lonely.psu = option)
  for (fpc in c("npop", "frac")) {
    design <- svydesign(ids = ~dnum, strata = ~cname, fpc = as.formula(paste0("~", fpc)),
                        weights = ~pw, data = d, nest = TRUE)
    for (sub in c(FALSE, TRUE)) {
      rows <- if (sub) d$comp_imp == "Yes" else rep(TRUE, nrow(d))
      f <- mnl_fit(d[rows, ], "perf", "low", d$pw[rows])
      cases[[paste(option, fpc, if (sub) "subpop" else "all", sep = "/")]] <- list(
        params = as.vector(f$B), cov = linearised(design, f, rows), lonely_psu = option,
        fpc = fpc, subpop = sub, degf_R = degf(design))
    }
  }
}

out <- list(
  generated_by = "tests/reference/make_survey_certainty.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = "params and cov equation-major (Intercept, meals, ell, mobility in each equation)",
  formula = "perf ~ meals + ell + mobility", ref = "low",
  solo_snum = d$snum[d$cname == "Solo"],
  cases = cases
)
write_json(out, "survey_certainty.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_certainty.json with", length(cases), "cases\n")
