# Reference values for margins and tests of a multinomial survey fit for a domain, as Stata's
# svy, subpop(): mlogit followed by margins, and for designs of strata without PSUs
# (tests/test_survey_domain_margins_reference.py).
#
# Data: apistrat.csv (written by make_survey.R).
#
# Part 1, "domain": design strata = school type, PSUs = districts nested in strata, fpc = the
# column fpc (a population count per stratum), weights pw; `meals` set missing in the rows
# whose snum is a multiple of 7 (dropped from the fit, their PSUs kept, as svyglm's
# design[-nas, ]); subpopulation mobility < 20. Model perf ~ meals * awards + ell (a factor
# interacted with a number), reference "low". The estimates are the weighted Newton fit of
# survey_mnl.R and their covariance vcov(svytotal(~h, design)) of the influence functions
# h_i = A^-1 u_i on the design subset to the rows of the fit. From them, by the delta method
# with that covariance (covariates held fixed, Stata's default vce(delta) after svy), t
# intervals and p-values on degf() of the whole design (Stata's #PSU - #strata under subpop()):
#   - margins with awards set to each level in every row of the fit (Stata's margins awards),
#     averaged with the weights;
#   - margins at meals = 50, 10 crossed with ell = 30, 5 (Stata's at(meals=(50 10) ell=(30 5)):
#     the first variable's values outermost);
#   - the discrete change of awards (Yes less No) at meals = 20 and 60 (Stata's
#     margins, dydx(awards) at(meals=(20 60)));
#   - Wald tests of restrictions across the outcomes, W = (R b)' (R V R')^-1 (R b) and Stata's
#     adjusted F = (d - k + 1) / (d k) W on (k, d - k + 1) df.
#
# Part 2, "no_psu": strata without PSUs (each row its own PSU, svydesign(ids = ~1)), strata =
# school type with rows 6 and 7 moved to strata of their own ("Z" and "Y": one row each, a
# lonely PSU each), weights pw, model perf ~ meals + ell (reference "low"), under each
# survey.lonely.psu option, for every row and for the subpopulation stype != "H" without
# row 7 (stratum Y then holds no row of the fit, and neither does stratum H, which leaves
# the count of strata "average" scales by); and with weights wz (pw, with 0 on the rows of
# stratum H) for every row: those rows stay in the design, so H counts among the strata
# "average" scales by, as svyglm counts it. Each case: estimates, covariance and the
# overall margins (probabilities averaged over the fit's rows) with their standard errors.
#
# Run from this folder: Rscript make_survey_domain_margins.R  (writes survey_domain_margins.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")

# probabilities of every outcome (levels sorted, as mnl_fit's) at the rows of X
probabilities <- function(fit, X) {
  eta <- matrix(0, nrow(X), length(fit$levels), dimnames = list(NULL, fit$levels))
  eta[, fit$eqs] <- X %*% fit$B
  P <- exp(eta - apply(eta, 1, max))
  P / rowSums(P)
}

# the weighted mean of each outcome's probability and its Jacobian (rows: outcomes, columns:
# coefficients equation-major), d m_k / d b_e = sum_i w_i P_ik (1[k = e] - P_ie) x_i / sum_i w_i
mean_and_jacobian <- function(fit, X, w) {
  P <- probabilities(fit, X)
  est <- colSums(w * P) / sum(w)
  J <- t(sapply(fit$levels, function(k) {
    unlist(lapply(fit$eqs, function(e) colSums(X * (w * P[, k] * ((k == e) - P[, e]))) / sum(w)))
  }))
  list(est = est, J = J)
}

t_table <- function(est, J, V, df) {
  se <- sqrt(rowSums((J %*% V) * J))
  tq <- qt(0.975, df)
  list(estimate = unname(est), std_error = unname(se), lower = unname(est - tq * se),
       upper = unname(est + tq * se), pvalue = unname(2 * pt(-abs(est / se), df)))
}

design_matrix <- function(d) {
  yes <- as.numeric(d$awards == "Yes")
  cbind(Intercept = 1, meals = d$meals, awards = yes, ell = d$ell, meals_awards = d$meals * yes)
}

# --- part 1: a domain of a stratified cluster design -----------------------------------------------
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$meals[d$snum %% 7 == 0] <- NA
options(survey.lonely.psu = "fail")
design <- svydesign(ids = ~dnum, strata = ~stype, fpc = ~fpc, weights = ~pw, data = d, nest = TRUE)
rows <- d$mobility < 20 & !is.na(d$meals)
X <- design_matrix(d[rows, ])
w <- d$pw[rows]
fit <- mnl_fit(d[rows, ], "perf", "low", w, X = X)
V <- linearised(design, fit, rows)
df <- degf(design)

set_awards <- lapply(c("No", "Yes"), function(level) {
  dd <- d[rows, ]
  dd$awards <- level
  m <- mean_and_jacobian(fit, design_matrix(dd), w)
  c(list(awards = level, outcome = fit$levels), t_table(m$est, m$J, V, df))
})

at_grid <- list()
for (meals in c(50, 10)) for (ell in c(30, 5)) {
  dd <- d[rows, ]
  dd$meals <- meals
  dd$ell <- ell
  m <- mean_and_jacobian(fit, design_matrix(dd), w)
  at_grid[[length(at_grid) + 1]] <- c(list(meals = meals, ell = ell, outcome = fit$levels),
                                      t_table(m$est, m$J, V, df))
}

awards_change <- lapply(c(20, 60), function(meals) {
  dd <- d[rows, ]
  dd$meals <- meals
  dd$awards <- "Yes"
  yes <- mean_and_jacobian(fit, design_matrix(dd), w)
  dd$awards <- "No"
  no <- mean_and_jacobian(fit, design_matrix(dd), w)
  c(list(meals = meals, outcome = fit$levels), t_table(yes$est - no$est, yes$J - no$J, V, df))
})

b <- as.vector(fit$B)
wald <- function(R) {
  W <- drop(t(R %*% b) %*% solve(R %*% V %*% t(R), R %*% b))
  k <- nrow(R)
  F <- (df - k + 1) / (df * k) * W
  list(chi2 = W, F = F, df_num = k, df_den = df - k + 1,
       pvalue = pf(F, k, df - k + 1, lower.tail = FALSE))
}
row_of <- function(plus, minus) {
  r <- numeric(length(b))
  r[match(plus, fit$names)] <- 1
  r[match(minus, fit$names)] <- -1
  r
}
wald_tests <- list(
  "high:meals = mid:meals" = wald(rbind(row_of("high:meals", "mid:meals"))),
  "high:ell = mid:ell, high:meals:C(awards)[T.Yes] = mid:meals:C(awards)[T.Yes]" = wald(rbind(
    row_of("high:ell", "mid:ell"), row_of("high:meals_awards", "mid:meals_awards")
  ))
)

domain <- list(
  formula = "perf ~ meals * C(awards) + ell", ref = "low", subpop = "mobility < 20",
  levels = fit$levels, order = fit$names, params = b, cov = V, df_design = df,
  n_rows = sum(rows), set_awards = set_awards, at_grid = at_grid,
  awards_change = awards_change, wald = wald_tests
)

# --- part 2: strata without PSUs, lonely strata of one row ----------------------------------------
e <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
e$st2 <- e$stype
e$st2[6] <- "Z"
e$st2[7] <- "Y"
e$wz <- ifelse(e$stype == "H", 0, e$pw)
inside <- e$stype != "H" & seq_len(nrow(e)) != 7
no_psu <- list()
for (option in c("adjust", "average", "certainty", "remove")) {
  options(survey.lonely.psu = option)
  for (case in c("all", "subpop", "zero_weights")) {
    if (case == "zero_weights" && option != "average") next
    wcol <- if (case == "zero_weights") "wz" else "pw"
    des <- svydesign(ids = ~1, strata = ~st2, weights = as.formula(paste0("~", wcol)), data = e)
    r <- if (case == "subpop") inside else rep(TRUE, nrow(e))
    Xe <- cbind(Intercept = 1, meals = e$meals[r], ell = e$ell[r])
    we <- e[[wcol]][r]
    f <- mnl_fit(e[r, ], "perf", "low", we, X = Xe)
    Ve <- suppressWarnings(linearised(des, f, r))
    m <- mean_and_jacobian(f, Xe, we)
    no_psu[[paste(option, case, sep = "/")]] <- c(
      list(lonely_psu = option, case = case, weights = wcol, params = as.vector(f$B), cov = Ve,
           outcome = f$levels),
      t_table(m$est, m$J, Ve, degf(des))[c("estimate", "std_error")]
    )
  }
}

out <- list(
  generated_by = "tests/reference/make_survey_domain_margins.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = "params and cov equation-major, outcomes' equations in sorted order",
  domain = domain,
  no_psu = list(formula = "perf ~ meals + ell", ref = "low", moved = list(Z = 6, Y = 7),
                subpop = "stype != 'H', without row 7", cases = no_psu)
)
write_json(out, "survey_domain_margins.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_domain_margins.json\n")
