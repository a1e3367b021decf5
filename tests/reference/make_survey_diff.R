# Reference values for survey designs drawn at random by make_survey_diff.py (one numpy seed
# each; column `case`), for tests/test_survey_diff_reference.py.
#
#   design: svydesign(ids = ~psu, strata = ~st, weights = ~w, fpc = ~fpc (unless none),
#           nest = opt_nest, data) under options(survey.lonely.psu = opt_lonely);
#           degf_design is degf() of that whole design.
#   binary: svyglm(y ~ x1 + x2 + g, subset(design, sub), quasibinomial(), epsilon 1e-14),
#           refitted from its own estimates (so that vcov's working weights are theirs):
#           coefficients, vcov, glm's convergence, degf() of the design it fitted, and
#           regTermTest(method = "Wald") of g and of x1 as chi2 (its F times its numerator
#           df; R's message where it stops).
#   psus_minus_strata: #PSU - #strata of the whole design, rows of weight 0 included.
#   multi:  (draws with opt_k3) y3 ~ x1 + x2 (reference "a"): the weighted Newton fit of
#           survey_mnl.R on R's model matrix of the rows of the fit (in sub, x1 not missing)
#           and vcov(svytotal(~h, design)) of its influence functions on the design subset to
#           those rows; the Wald chi2 of x1's two coefficients from that covariance.
# Where R stops (an error, or a coefficient svyglm leaves NA) its message is stored.
#
# Run from this folder: Rscript make_survey_diff.R IN.csv.gz OUT.json

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")
args <- commandArgs(trailingOnly = TRUE)
all_rows <- read.csv(args[1], stringsAsFactors = FALSE)

wald <- function(b, V) {
  as.numeric(t(b) %*% solve(V, b))
}

one_case <- function(d) {
  d$sub <- as.logical(d$sub)
  d$g <- factor(d$g, levels = c("A", "B", "C"))
  about <- list(case = d$case[1], nest = as.logical(d$opt_nest[1]), fpc = d$opt_fpc[1],
                subpop = d$opt_subpop[1], lonely_psu = d$opt_lonely[1],
                k3 = as.logical(d$opt_k3[1]))
  options(survey.lonely.psu = about$lonely_psu)
  design <- tryCatch(
    if (about$fpc == "none") {
      svydesign(ids = ~psu, strata = ~st, weights = ~w, data = d, nest = about$nest)
    } else {
      svydesign(ids = ~psu, strata = ~st, weights = ~w, fpc = ~fpc, data = d, nest = about$nest)
    }, error = function(e) e)
  if (inherits(design, "error")) return(c(about, list(design_error = conditionMessage(design))))
  about$degf_design <- degf(design)
  # PSUs less strata of the whole design, rows of weight 0 included (degf() leaves out PSUs
  # whose rows all have weight 0)
  about$psus_minus_strata <- length(unique(paste(d$st, d$psu))) - length(unique(d$st))
  binary <- tryCatch({
    fit_glm <- function(start = NULL) {
      suppressWarnings(svyglm(y ~ x1 + x2 + g, subset(design, sub), family = quasibinomial(),
                              start = start,
                              control = glm.control(epsilon = 1e-14, maxit = 100)))
    }
    # again from its own estimates: svyglm's vcov uses the working weights of glm's last
    # step, taken before that step's update (5e-6 of a standard error off near separation)
    g <- fit_glm()
    g <- fit_glm(coef(g))
    if (any(is.na(coef(g)))) stop("coefficients NA (aliased): ",
                                  paste(names(coef(g))[is.na(coef(g))], collapse = ", "))
    V <- vcov(g)
    if (any(!is.finite(V))) stop("vcov not finite")
    chi2 <- function(term) tryCatch({
      tt <- regTermTest(g, term, method = "Wald")
      as.numeric(tt$Ftest) * tt$df
    }, error = function(e) conditionMessage(e))
    list(names = names(coef(g)), params = unname(coef(g)), cov = unname(V),
         converged = g$converged, iterations = g$iter,
         degf_R = degf(g$survey.design), chi2_g = chi2(~g), chi2_x1 = chi2(~x1))
  }, error = function(e) list(error = conditionMessage(e)))
  out <- c(about, list(binary = binary))
  if (about$k3) {
    out$multi <- tryCatch({
      rows <- d$sub & !is.na(d$x1)
      X <- model.matrix(~ x1 + x2, d[rows, ])
      f <- mnl_fit(d[rows, ], "y3", "a", d$w[rows], X)
      if (length(f$eqs) != 2) stop("outcome levels in the fit: ", length(f$levels))
      V <- linearised(design, f, rows)
      idx <- c(2, 5)
      chi2 <- tryCatch(wald(as.vector(f$B)[idx], V[idx, idx]),
                       error = function(e) conditionMessage(e))
      list(params = as.vector(f$B), cov = V, chi2_x1 = chi2)
    }, error = function(e) list(error = conditionMessage(e)))
  }
  out
}

cases <- lapply(split(all_rows, all_rows$case), one_case)
names(cases) <- NULL
out <- list(
  generated_by = "tests/reference/make_survey_diff.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = paste("params and cov equation-major: (Intercept), x1, x2, gB, gC (binary);",
               "(Intercept), x1, x2 in each equation (multi)"),
  cases = cases
)
write_json(out, args[2], digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote", args[2], "with", length(cases), "cases\n")
