# Reference values for a multinomial survey fit at several edges at once, and for what is
# computed from it (tests/test_survey_margins_reference.py): margins, t intervals and the
# adjusted Wald F on the design df.
#
# Data: apistrat.csv (written by make_survey.R). Design: strata = school type, PSUs =
# districts nested in strata, fpc = districts per stratum in the population, with the high
# schools' stratum sampled in full (its fpc equals its sampled districts: certainty PSUs that
# add no variance); `meals` set missing in the rows whose snum is a multiple of 7 (dropped
# from the fit, their PSUs kept, as svyglm's design[-nas, ]); subpopulation comp_imp == "Yes".
# Model: perf ~ meals + ell + mobility, reference "low".
#
# The estimates are weighted Newton (make_survey.R's mnl_fit); their covariance is
# vcov(svytotal(~h, design)) of the influence functions h_i = A^-1 u_i on the subset design,
# as svyglm computes its own. Margins: predicted probabilities at meals = 20 and 80 averaged
# with the weights over the rows of the fit, standard errors by the delta method with that
# covariance (covariates held fixed, Stata's default vce(delta) after svy), intervals and
# p-values on the t distribution with the design df of the whole design (#PSU - #strata, as
# Stata's svy, subpop()). Wald test of ell in both equations: Stata's adjusted F,
# F = (d - k + 1) / (d k) W on (k, d - k + 1) df.
#
# Run from this folder: Rscript make_survey_margins.R  (writes survey_margins.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")

d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$meals[d$snum %% 7 == 0] <- NA
n_high <- length(unique(d$dnum[d$stype == "H"]))
d$districts <- c(E = 400, H = n_high, M = 350)[d$stype]
options(survey.lonely.psu = "fail")
design <- svydesign(ids = ~dnum, strata = ~stype, fpc = ~districts, weights = ~pw, data = d,
                    nest = TRUE)
rows <- d$comp_imp == "Yes" & !is.na(d$meals)
fit <- mnl_fit(d[rows, ], "perf", "low", d$pw[rows])
V <- linearised(design, fit, rows)
df <- degf(design)

# --- margins at meals = 20 and 80 ----------------------------------------------------------------
X <- cbind(Intercept = 1, as.matrix(d[rows, predictors]))
w <- d$pw[rows]
p <- ncol(X); q <- length(fit$eqs)
margins <- list()
for (m in c(20, 80)) {
  Xm <- X
  Xm[, "meals"] <- m
  eta <- matrix(0, nrow(Xm), length(fit$levels), dimnames = list(NULL, fit$levels))
  eta[, fit$eqs] <- Xm %*% fit$B
  P <- exp(eta - apply(eta, 1, max))
  P <- P / rowSums(P)
  for (k in fit$levels) {
    est <- sum(w * P[, k]) / sum(w)
    # d m_k / d b_e = sum_i w_i P_ik (1[k = e] - P_ie) x_i / sum_i w_i, equation by equation
    J <- unlist(lapply(fit$eqs, function(e) {
      colSums(Xm * (w * P[, k] * ((k == e) - P[, e]))) / sum(w)
    }))
    se <- sqrt(drop(t(J) %*% V %*% J))
    tq <- qt(0.975, df)
    margins[[length(margins) + 1]] <- list(
      meals = m, outcome = k, estimate = est, std_error = se,
      lower = est - tq * se, upper = est + tq * se,
      pvalue = 2 * pt(-abs(est / se), df)
    )
  }
}

# --- coefficients' t tests and the adjusted Wald F of ell ------------------------------------------
b <- as.vector(fit$B)
se <- sqrt(diag(V))
idx <- which(fit$names %in% paste0(fit$eqs, ":ell"))
W <- drop(t(b[idx]) %*% solve(V[idx, idx]) %*% b[idx])
k <- length(idx)
F <- (df - k + 1) / (df * k) * W

out <- list(
  generated_by = "tests/reference/make_survey_margins.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  formula = "perf ~ meals + ell + mobility", ref = "low", levels = fit$levels,
  subpop = "comp_imp == 'Yes'", districts = list(E = 400, H = n_high, M = 350),
  order = fit$names, params = b, cov = V, bse = se,
  pvalues = 2 * pt(-abs(b / se), df), df_design = df, n_rows = sum(rows),
  wald_ell = list(chi2 = W, F = F, df_num = k, df_den = df - k + 1,
                  pvalue = pf(F, k, df - k + 1, lower.tail = FALSE)),
  margins = margins
)
write_json(out, "survey_margins.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_margins.json\n")
