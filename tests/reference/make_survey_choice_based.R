# Reference values for choice-based samples: strata that are the outcome's levels within
# school types (tests/test_survey_choice_based.py), on apistrat.csv (written by make_survey.R),
# whose weights pw are constant within school type.
#
# Stratified by the outcome, a model of the school type alone has its coefficients fixed by
# the design: every PSU's score total equals its stratum's mean, and the linearised variance
# is zero (R: standard errors 0). With a slope beside it the variance is real.
#
#   rows:   svydesign(ids = ~1, strata = ~st, weights = ~pw), st = paste(stype, outcome)
#   pairs:  the same with PSUs of two schools of one stratum (consecutive by snum; in a
#           stratum of odd size the school of the largest snum is left out of the data),
#           nest = TRUE: every PSU's total is its stratum's mean again
#   binary: svyglm(quasibinomial) of `awards ~ stype` and `awards ~ stype + meals`
#           (reference "No"), strata stype x awards
#   multi:  `perf ~ stype` and `perf ~ stype + meals` (reference "low"), strata stype x perf:
#           the weighted Newton fit of survey_mnl.R on R's model matrix and
#           vcov(svytotal(~h, design)) of its influence functions
#
# Run from this folder: Rscript make_survey_choice_based.R  (writes survey_choice_based.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")
options(survey.lonely.psu = "fail")
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d <- d[order(d$snum), ]

paired <- function(d, outcome) {
  st <- paste(d$stype, d[[outcome]])
  rank <- ave(seq_len(nrow(d)), st, FUN = seq_along)
  size <- ave(seq_len(nrow(d)), st, FUN = length)
  keep <- !(size %% 2 == 1 & rank == size)
  d$pair <- (rank - 1) %/% 2
  d[keep, ]
}

binary <- function(formula, design) {
  g <- svyglm(formula, design, family = quasibinomial(),
              control = glm.control(epsilon = 1e-14, maxit = 100))
  list(params = unname(coef(g)), cov = unname(vcov(g)), columns = names(coef(g)))
}

multi <- function(formula, d, design) {
  X <- model.matrix(formula, d)
  f <- mnl_fit(d, "perf", "low", d$pw, X = X)
  list(params = as.vector(f$B), cov = linearised(design, f, rep(TRUE, nrow(d))),
       columns = colnames(X))
}

cases <- list()
for (psu in c("rows", "pairs")) {
  db <- if (psu == "pairs") paired(d, "awards") else d
  dm <- if (psu == "pairs") paired(d, "perf") else d
  ids <- if (psu == "pairs") ~pair else ~1
  db$st <- paste(db$stype, db$awards)
  dm$st <- paste(dm$stype, dm$perf)
  bd <- svydesign(ids = ids, strata = ~st, weights = ~pw, data = db, nest = TRUE)
  md <- svydesign(ids = ids, strata = ~st, weights = ~pw, data = dm, nest = TRUE)
  for (slope in c(FALSE, TRUE)) {
    rhs <- if (slope) "stype + meals" else "stype"
    key <- paste0(psu, if (slope) "/meals" else "/stype")
    cases[[paste0("binary/", key)]] <- c(
      binary(as.formula(paste("I(awards == 'Yes') ~", rhs)), bd),
      list(formula = paste("awards ~", rhs), ref = "No", strata = c("stype", "awards"),
           psu = psu, snum = db$snum))
    cases[[paste0("multi/", key)]] <- c(
      multi(as.formula(paste("~", rhs)), dm, md),
      list(formula = paste("perf ~", rhs), ref = "low", strata = c("stype", "perf"),
           psu = psu, snum = dm$snum))
  }
}

out <- list(
  generated_by = "tests/reference/make_survey_choice_based.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = paste("params and cov equation-major; snum lists the schools in the data of the",
               "case (pairs: consecutive by snum within a stratum)"),
  cases = cases
)
write_json(out, "survey_choice_based.json", digits = NA, auto_unbox = TRUE, pretty = TRUE,
           na = "null")
cat("wrote survey_choice_based.json with", length(cases), "cases\n")
for (k in names(cases)) cat(k, "max |cov|", max(abs(cases[[k]]$cov)), "\n")
