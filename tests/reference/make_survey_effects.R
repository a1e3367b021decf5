# Reference values for average marginal effects of survey fits with a factor and its
# interaction (tests/test_survey_effects_reference.py): the derivative of a slope that an
# interaction modifies, and the discrete changes of a factor's levels from its baseline,
# averaged over a subpopulation's rows with the sampling weights, with delta-method standard
# errors from the design-based covariance (covariates held fixed, Stata's default vce(delta)
# after svy), t intervals on the whole design's df (#PSU - #strata, as Stata's svy, subpop()).
#
# Data: apistrat.csv (written by make_survey.R); `hi` = api00 > 650, `band` = api00 cut at 580
# and 660 ("lo", "md", "up": every band in every school type of the subpopulation, where
# `perf` has no "high" high school and its fit diverges). Design: strata = school
# type, PSUs = districts nested in strata, weights pw; subpopulation meals > 10.
#   binary: svyglm(quasibinomial) of hi ~ meals * stype + ell (converged to epsilon 1e-14),
#           reference "n", its vcov;
#   multi:  band ~ meals * stype + ell (reference "lo"): the weighted Newton fit of
#           survey_mnl.R on R's model matrix, vcov(svytotal(~h, design)) of its influence
#           functions.
# The effect of meals: dP_k/dmeals = P_k (g_k - sum_j P_j g_j), g_j = d eta_j / d meals (the
# meals column and its interactions' dummies), averaged; of a level L of stype: the average
# of P_k with every row's stype set to L less that with it set to "E". Their Jacobians in
# the coefficients are central differences (step 1e-6) of those averages.
#
# proportions: an intercept-only fit's margins are the subpopulation's estimated shares of
# the outcome levels, svymean(~factor(perf), subset(design, meals > 10)): its estimates and
# linearised standard errors.
#
# Run from this folder: Rscript make_survey_effects.R  (writes survey_effects.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")

d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
d$hi <- ifelse(d$api00 > 650, "y", "n")
d$band <- as.character(cut(d$api00, c(-Inf, 580, 660, Inf), labels = c("lo", "md", "up")))
design <- svydesign(ids = ~dnum, strata = ~stype, weights = ~pw, data = d, nest = TRUE)
rows <- d$meals > 10
sub <- subset(design, meals > 10)
nd <- d[rows, ]
w <- d$pw[rows]
df <- degf(design)
rhs <- ~ meals * stype + ell
X_of <- function(frame) {
  frame$stype <- factor(frame$stype, levels = c("E", "H", "M"))
  model.matrix(rhs, frame)
}
X <- X_of(nd)
up <- nd; up$meals <- up$meals + 1
G <- X_of(up) - X  # d x / d meals: exact, as the columns are linear in meals

probs <- function(Xm, B, levels, eqs) {
  eta <- matrix(0, nrow(Xm), length(levels), dimnames = list(NULL, levels))
  eta[, eqs] <- Xm %*% B
  P <- exp(eta - apply(eta, 1, max))
  P / rowSums(P)
}
effects <- function(b, p, levels, eqs) {
  B <- matrix(b, p)
  P <- probs(X, B, levels, eqs)
  g <- matrix(0, nrow(X), length(levels), dimnames = list(NULL, levels))
  g[, eqs] <- G %*% B
  dP <- P * (g - rowSums(P * g))
  out <- c(meals = colSums(w * dP) / sum(w))
  at <- function(level) {
    frame <- nd
    frame$stype <- level
    colSums(w * probs(X_of(frame), B, levels, eqs)) / sum(w)
  }
  base <- at("E")
  c(out, H = at("H") - base, M = at("M") - base)
}
delta <- function(b, V, p, levels, eqs) {
  est <- effects(b, p, levels, eqs)
  J <- sapply(seq_along(b), function(j) {
    e <- rep(0, length(b)); e[j] <- 1e-6
    (effects(b + e, p, levels, eqs) - effects(b - e, p, levels, eqs)) / 2e-6
  })
  se <- sqrt(diag(J %*% V %*% t(J)))
  tq <- qt(0.975, df)
  list(names = names(est), dydx = unname(est), std_error = unname(se),
       lower = unname(est - tq * se), upper = unname(est + tq * se))
}

g <- svyglm(I(hi == "y") ~ meals * stype + ell, sub, family = quasibinomial(),
            control = glm.control(epsilon = 1e-14, maxit = 100))
binary <- c(list(formula = "hi ~ meals * stype + ell", ref = "n", params = unname(coef(g)),
                 bse = unname(sqrt(diag(vcov(g))))),
            delta(coef(g), vcov(g), ncol(X), c("n", "y"), "y"))

fit <- mnl_fit(nd, "band", "lo", w, X)
V <- linearised(design, fit, rows)
multi <- c(list(formula = "band ~ meals * stype + ell", ref = "lo", levels = fit$levels,
                params = as.vector(fit$B), bse = sqrt(diag(V))),
           delta(as.vector(fit$B), V, ncol(X), fit$levels, fit$eqs))

shares <- svymean(~factor(perf), sub)
proportions <- list(formula = "perf ~ 1", ref = "low", levels = sort(unique(nd$perf)),
                    estimate = unname(coef(shares)), std_error = unname(SE(shares)))

out <- list(
  generated_by = "tests/reference/make_survey_effects.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  design = list(weights = "pw", strata = "stype", psu = "dnum"),
  subpop = "meals > 10",
  df_design = df,
  note = paste("effects named meals.<outcome>, H.<outcome>, M.<outcome>; params and bse",
               "equation-major in R's model-matrix order"),
  binary = binary,
  multi = multi,
  proportions = proportions
)
write_json(out, "survey_effects.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_effects.json\n")
