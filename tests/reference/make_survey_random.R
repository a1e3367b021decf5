# Reference values for 40 small survey samples drawn at random (tests/test_survey_random.py),
# each a design at several edges at once: survey_random.csv.gz, written by
# make_survey_random.py (strata of one to six PSUs nested in them, zero weights, fpc as counts,
# fractions or with a census stratum, rows missing x1, a subpopulation, and one of R's
# survey.lonely.psu options "adjust", "average", "certainty" and "remove").
#
#   binary: svyglm(quasibinomial) of `y ~ x1 + x2` (reference 0) on
#           svydesign(ids = ~psu, strata = ~st, weights = ~w, fpc = ~fpc, nest = TRUE),
#           subset to the subpopulation; rows missing x1 dropped as svyglm's design[-nas, ].
#   multi:  `y3 ~ x1 + x2` (reference "a"): the weighted Newton fit of survey_mnl.R and
#           vcov(svytotal(~h, design)) of its influence functions on the design subset to
#           the rows of the fit, as svyglm computes its own.
# An error (R's message) is stored where R refuses the case.
#
# Run from this folder: Rscript make_survey_random.R  (writes survey_random.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")
predictors <- c("x1", "x2")  # mnl_fit's design columns
all_rows <- read.csv("survey_random.csv.gz", stringsAsFactors = FALSE)

cases <- list()
for (k in sort(unique(all_rows$case))) {
  d <- all_rows[all_rows$case == k, ]
  d$sub <- as.logical(d$sub)
  about <- list(case = k, fpc = as.logical(d$opt_fpc[1]), subpop = as.logical(d$opt_subpop[1]),
                lonely_psu = d$opt_lonely[1])
  options(survey.lonely.psu = about$lonely_psu)
  design <- if (about$fpc) {
    svydesign(ids = ~psu, strata = ~st, weights = ~w, fpc = ~fpc, data = d, nest = TRUE)
  } else {
    svydesign(ids = ~psu, strata = ~st, weights = ~w, data = d, nest = TRUE)
  }
  binary <- tryCatch({
    g <- suppressWarnings(svyglm(y ~ x1 + x2, if (about$subpop) subset(design, sub) else design,
                                 family = quasibinomial(),
                                 control = glm.control(epsilon = 1e-14, maxit = 100)))
    list(params = unname(coef(g)), cov = unname(vcov(g)), degf_R = degf(g$survey.design))
  }, error = function(e) list(error = conditionMessage(e)))
  multi <- tryCatch({
    rows <- d$sub & !is.na(d$x1)
    f <- mnl_fit(d[rows, ], "y3", "a", d$w[rows])
    list(params = as.vector(f$B), cov = linearised(design, f, rows))
  }, error = function(e) list(error = conditionMessage(e)))
  cases[[paste0("case", k, "/binary")]] <- c(binary, about,
                                             list(formula = "y ~ x1 + x2", ref = 0))
  cases[[paste0("case", k, "/multi")]] <- c(multi, about,
                                            list(formula = "y3 ~ x1 + x2", ref = "a"))
}

out <- list(
  generated_by = "tests/reference/make_survey_random.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = "params and cov equation-major (Intercept, x1, x2 in each equation)",
  cases = cases
)
write_json(out, "survey_random.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_random.json with", length(cases), "cases\n")
