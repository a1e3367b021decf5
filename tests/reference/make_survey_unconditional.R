# Reference values for margins of survey fits whose covariates count as sampled (mnlogit's
# margins(vce="unconditional"), Stata's margins, vce(unconditional); Korn and Graubard 1999)
# (tests/test_survey_unconditional_reference.py).
#
# A margin averaged over the rows, m = sum_i w_i g_i(b) / W, has the influence
#   z_i = (g_i - m) / W + J A^-1 u_i        (u_i the row's unweighted score, A the weighted
#                                            information, J = dm/db)
# at row i, and its design-based variance is vcov(svytotal(~z, design)) (svytotal weights
# z_i by w_i), as svyglm's covariance is that of the influence functions A^-1 u_i.
#
# binary: apiclus1.csv, one-stage cluster sample of districts (ids = ~dnum, weights pw,
#   fpc = districts in the population). svyglm(quasibinomial) of awards == "Yes" on
#   ell + mobility (epsilon 1e-14), and survey's svypredmeans(model, ~factor(stype)): it
#   refits the model with stype added (mnlogit's awards ~ ell + mobility + stype) and
#   predicts every row at each school type. Its variance is J V J' + vcov(svymean(fits)): it leaves out the
#   covariance of the two parts of z_i (zero in expectation under the model), which the
#   linearisation of z_i keeps. Stored: svypredmeans' estimates, its variance and its two
#   parts, and the variance of svytotal(~z) by hand; `cross` = the latter less the former.
# multi: apistrat.csv, strata = school type, districts nested in them, fpc = districts per
#   stratum with the high schools' stratum sampled in full, subpopulation comp_imp == "Yes"
#   (rows outside it keep their PSUs: linearised() of survey_mnl.R subsets the design):
#   perf ~ meals + ell + stype (reference "low") by the weighted Newton fit of survey_mnl.R
#   on R's model matrix; margins over stype, at meals = 20 and 80, the average effect of
#   meals (dP/dmeals) and the discrete changes of stype H and M from E, each averaged over
#   the subpopulation's rows with the weights; Jacobians by complex-step differences (exact
#   to rounding); their covariance vcov(svytotal(~z, design)) over all of them at once.
#
# Run from this folder: Rscript make_survey_unconditional.R  (writes survey_unconditional.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")
source("survey_influence.R")

# --- binary: svypredmeans ------------------------------------------------------------------------
d1 <- read.csv("apiclus1.csv", stringsAsFactors = FALSE)
des1 <- svydesign(ids = ~dnum, weights = ~pw, fpc = ~fpc, data = d1)
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
adjust <- svyglm(I(awards == "Yes") ~ ell + mobility, des1, family = quasibinomial(),
                 control = ctl)
pm <- svypredmeans(adjust, ~factor(stype))
types <- sort(names(coef(pm)))
idx <- match(types, names(coef(pm)))  # svypredmeans orders the groups as the rows hold them
pm_var <- unname(attr(pm, "var")[idx, idx])
parts <- lapply(attr(attr(pm, "var"), "parts"), function(v) unname(v[idx, idx]))

g1 <- svyglm(I(awards == "Yes") ~ ell + mobility + factor(stype), des1,
             family = quasibinomial(), control = ctl)
X1 <- model.matrix(g1)
w1 <- weights(des1, "sampling")
mu <- fitted(g1)
A1 <- crossprod(X1, X1 * (w1 * mu * (1 - mu)))
h1 <- (X1 * (g1$y - mu)) %*% solve(A1)
Z1 <- NULL
est1 <- NULL
for (l in types) {
  nd <- d1
  nd$stype <- l
  Xl <- model.matrix(~ ell + mobility + factor(stype, levels = types), nd)
  f <- plogis(drop(Xl %*% coef(g1)))
  m <- sum(w1 * f) / sum(w1)
  J <- colSums(w1 * f * (1 - f) * Xl) / sum(w1)
  Z1 <- cbind(Z1, (f - m) / sum(w1) + drop(h1 %*% J))
  est1 <- c(est1, m)
}
colnames(Z1) <- paste0("z", seq_along(types))
full1 <- linearised(des1, list(h = Z1), rep(TRUE, nrow(d1)))
binary <- list(
  formula = "awards ~ ell + mobility + stype", ref = "No", outcome = "Yes",
  design = list(weights = "pw", psu = "dnum", fpc = "fpc"),
  stype = types,
  svypredmeans = unname(coef(pm)[types]),
  svypredmeans_var = unname(pm_var),
  svypredmeans_parts = parts,
  estimate = est1,
  var = full1,
  cross = full1 - pm_var,
  df_design = degf(des1)
)

# --- multi: the linearisation by hand --------------------------------------------------------------
d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
n_high <- length(unique(d$dnum[d$stype == "H"]))
d$districts <- c(E = 400, H = n_high, M = 350)[d$stype]
options(survey.lonely.psu = "fail")
design <- svydesign(ids = ~dnum, strata = ~stype, fpc = ~districts, weights = ~pw, data = d,
                    nest = TRUE)
sub <- apistrat_subpop_fit(d)
rows <- sub$rows; nd <- sub$nd; w <- sub$w; X_of <- sub$X_of; X <- sub$X; fit <- sub$fit
levels <- fit$levels; eqs <- fit$eqs; p <- ncol(X)

probs <- function(Xm, B) mnl_probs(Xm, B, levels, eqs)
with_set <- function(name, value) {
  frame <- nd
  frame[[name]] <- value
  X_of(frame)
}
meals_step <- X_of(transform(nd, meals = meals + 1)) - X  # d x / d meals: linear in meals
# each margin's values at the rows (n, K) given the coefficients b
margin_rows <- list()
for (s in c("E", "H", "M")) {
  local({
    Xs <- with_set("stype", s)
    margin_rows[[paste0("stype=", s)]] <<- function(B) probs(Xs, B)
  })
}
for (m in c(20, 80)) {
  local({
    Xm <- with_set("meals", m)
    margin_rows[[paste0("meals=", m)]] <<- function(B) probs(Xm, B)
  })
}
margin_rows[["dydx meals"]] <- function(B) {
  P <- probs(X, B)
  g <- matrix(0 + 0i, nrow(X), length(levels), dimnames = list(NULL, levels))
  g[, eqs] <- meals_step %*% B
  P * (g - rowSums(P * g))
}
XE <- with_set("stype", "E")
for (s in c("H", "M")) {
  local({
    Xs <- with_set("stype", s)
    margin_rows[[paste0("change stype=", s)]] <<- function(B) probs(Xs, B) - probs(XE, B)
  })
}

influences <- margin_influences(margin_rows, fit, p, w)
b <- influences$b
labels <- influences$labels
estimates <- influences$estimates
Z <- influences$Z
V <- linearised(design, list(h = Z), rows)
multi <- list(
  formula = "perf ~ meals + ell + stype", ref = "low", levels = levels,
  subpop = "comp_imp == 'Yes'", districts = list(E = 400, H = n_high, M = 350),
  design = list(weights = "pw", strata = "stype", psu = "dnum", fpc = "districts"),
  params = b,
  margin = labels$margin, outcome = labels$outcome, estimate = estimates,
  var = V, std_error = sqrt(diag(V)), df_design = degf(design)
)

out <- list(
  generated_by = "tests/reference/make_survey_unconditional.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = paste("var: vcov(svytotal(~z)) of the margins' influence functions; binary's",
               "svypredmeans_var = J V J' + vcov(svymean(fits)) (its parts, in that order),",
               "cross = var - svypredmeans_var (the covariance of the two parts, twice)"),
  binary = binary,
  multi = multi
)
write_json(out, "survey_unconditional.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_unconditional.json\n")
