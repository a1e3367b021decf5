# Reference values for survey-weighted multinomial logits (tests/test_survey.py).
#
# Data: the `api` tables that ship with R's survey package (California Academic Performance
# Index, 2000; apistrat: stratified by school type, apiclus1: one-stage cluster sample of
# districts, apiclus2: two-stage cluster sample). The columns used are written to
# api{strat,clus1,clus2}.csv beside this script, with a derived three-level outcome `perf`.
#
# Estimates are pseudo-maximum-likelihood (weighted Newton, converged to 1e-13). The
# linearised covariance is computed by the survey package from the influence functions
# h_i = A^-1 u_i (u_i the row's unweighted score, A the weighted information): the covariance
# of the estimates is vcov(svytotal(~h, design)), which is svyrecvar() of the weighted h_i
# on the design, exactly what svyglm does (svy.varcoef). For K = 2 the svyglm(quasibinomial)
# fit is stored too and must agree.
#
# Run from this folder: Rscript make_survey.R  (writes survey.json and the CSV files)

suppressMessages({
  library(survey)
  library(jsonlite)
})
data(api)

perf <- function(api00) {
  as.character(cut(api00, c(-Inf, 600, 750, Inf), labels = c("low", "mid", "high")))
}
keep <- c("stype", "dnum", "cname", "snum", "pw", "fpc", "api00", "awards", "comp.imp",
          "meals", "ell", "mobility")
prep <- function(d, fpc = "fpc") {
  d$fpc <- d[[fpc]]
  d <- d[, keep]
  d$perf <- perf(d$api00)
  d$awards <- as.character(d$awards)
  d$comp.imp <- as.character(d$comp.imp)
  d$stype <- as.character(d$stype)
  d$cname <- as.character(d$cname)
  names(d) <- sub("comp.imp", "comp_imp", names(d), fixed = TRUE)
  d
}
tables <- list(apistrat = prep(apistrat), apiclus1 = prep(apiclus1),
               apiclus2 = prep(apiclus2, "fpc1"))
for (nm in names(tables)) {
  write.csv(tables[[nm]], paste0(nm, ".csv"), row.names = FALSE)
}

source("survey_mnl.R")

designs <- list(
  strat_fpc = list(table = "apistrat", call = quote(
    svydesign(ids = ~1, strata = ~stype, fpc = ~fpc, weights = ~pw, data = d)),
    python = list(weights = "pw", strata = "stype", psu = NA, fpc = "fpc")),
  weights_only = list(table = "apistrat", call = quote(
    svydesign(ids = ~1, weights = ~pw, data = d)),
    python = list(weights = "pw", strata = NA, psu = NA, fpc = NA)),
  clus1 = list(table = "apiclus1", call = quote(
    svydesign(ids = ~dnum, fpc = ~fpc, weights = ~pw, data = d)),
    python = list(weights = "pw", strata = NA, psu = "dnum", fpc = "fpc")),
  strat_clus = list(table = "apistrat", call = quote(
    svydesign(ids = ~dnum, strata = ~stype, weights = ~pw, data = d, nest = TRUE)),
    python = list(weights = "pw", strata = "stype", psu = "dnum", fpc = NA)),
  lonely_adjust = list(table = "apiclus2", lonely = "adjust", call = quote(
    svydesign(ids = ~dnum, strata = ~cname, weights = ~pw, data = d, nest = TRUE)),
    python = list(weights = "pw", strata = "cname", psu = "dnum", fpc = NA))
)
models <- list(
  binary = list(outcome = "awards", ref = "No"),
  multi = list(outcome = "perf", ref = "low")
)
domains <- list(full = NULL, comp_imp = "comp_imp == 'Yes'")

cases <- list()
for (dn in names(designs)) {
  spec <- designs[[dn]]
  d <- tables[[spec$table]]
  options(survey.lonely.psu = if (is.null(spec$lonely)) "fail" else spec$lonely)
  design <- eval(spec$call)
  for (dom in names(domains)) {
    if (!is.null(domains[[dom]]) && !(dn %in% c("strat_fpc", "strat_clus"))) next
    rows <- if (is.null(domains[[dom]])) rep(TRUE, nrow(d)) else
      with(d, eval(parse(text = domains[[dom]])))
    for (mn in names(models)) {
      m <- models[[mn]]
      fit <- mnl_fit(d[rows, ], m$outcome, m$ref, d$pw[rows])
      V <- linearised(design, fit, rows)
      sub <- if (all(rows)) design else subset(design, rows)
      case <- list(
        design = dn, table = spec$table, domain = dom, subpop = if (is.null(domains[[dom]])) NA else domains[[dom]],
        model = mn, formula = paste(m$outcome, "~", paste(predictors, collapse = " + ")),
        ref = m$ref, levels = fit$levels, equations = fit$eqs,
        lonely_psu = if (is.null(spec$lonely)) "fail" else spec$lonely,
        python_design = spec$python,
        R_call = paste(deparse(spec$call), collapse = " "),
        order = fit$names, params = as.vector(fit$B), cov = V, bse = sqrt(diag(V)),
        degf_full = degf(design), degf_subset_R = degf(sub),
        n_strata = length(unique(design$strata[, 1])),
        n_psu = length(unique(paste(design$strata[, 1], design$cluster[, 1]))),
        population = sum(weights(design)), subpop_size = sum(weights(design)[rows]),
        n_rows = sum(rows)
      )
      if (mn == "binary") {
        # glm's IRLS must converge far past its default: its working weights are those of the
        # last-but-one iterate, which would move the covariance by ~1e-5
        g <- svyglm(I(awards == "Yes") ~ meals + ell + mobility, sub, family = quasibinomial(),
                    control = glm.control(epsilon = 1e-14, maxit = 100))
        case$svyglm <- list(params = unname(coef(g)), cov = unname(vcov(g)))
        # Wald statistics of one term and of all slopes (chi2 form; the F forms are arithmetic)
        case$wald_ell <- as.numeric(regTermTest(g, ~ell, method = "Wald", df = Inf)$chisq)
        case$wald_slopes <- as.numeric(regTermTest(g, ~ meals + ell + mobility, method = "Wald",
                                        df = Inf)$chisq)
      }
      cases[[paste(dn, dom, mn, sep = "/")]] <- case
    }
  }
}

out <- list(
  generated_by = "tests/reference/make_survey.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = paste("params/cov are equation-major (order lists outcome:column);",
               "cov = vcov(svytotal(~h, design)) with h = A^-1 u_i;",
               "degf_full = #PSU - #strata of the full design"),
  cases = cases
)
write_json(out, "survey.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
cat("wrote survey.json with", length(cases), "cases\n")
