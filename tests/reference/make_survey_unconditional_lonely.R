# Reference values for unconditional margins (mnlogit's margins(vce="unconditional"), Stata's
# margins, vce(unconditional)) of a survey design with a stratum of one PSU, under each of
# R's survey.lonely.psu rules (tests/test_survey_unconditional_lonely_reference.py).
#
# apistrat.csv, strata = school type, districts nested in them, except the district `solo`
# (the first middle-school district with a school in the subpopulation), which is a stratum
# of its own ("solo"): one PSU in the whole design. Subpopulation comp_imp == "Yes", no fpc.
# perf ~ meals + ell + stype (ref "low") by the weighted Newton fit of survey_mnl.R; each
# margin's influence z_i = (g_i - m) / W + J A^-1 u_i (J by complex-step differences), and
# vcov(svytotal(~z, subset(design, rows))) with options(survey.lonely.psu = rule) for
# "adjust", "average", "certainty" and "remove". Margins: over stype, and the average
# effect of meals.
#
# Run from this folder: Rscript make_survey_unconditional_lonely.R  (writes
# survey_unconditional_lonely.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")
source("survey_influence.R")

d <- read.csv("apistrat.csv", stringsAsFactors = FALSE)
solo <- min(d$dnum[d$stype == "M" & d$comp_imp == "Yes"])
d$stratum <- ifelse(d$dnum == solo, "solo", d$stype)
sub <- apistrat_subpop_fit(d)
rows <- sub$rows; nd <- sub$nd; w <- sub$w; X_of <- sub$X_of; X <- sub$X; fit <- sub$fit
levels <- fit$levels; eqs <- fit$eqs; p <- ncol(X)

probs <- function(Xm, B) mnl_probs(Xm, B, levels, eqs)
margin_rows <- list()
for (s in c("E", "H", "M")) {
  local({
    frame <- nd
    frame$stype <- s
    Xs <- X_of(frame)
    margin_rows[[paste0("stype=", s)]] <<- function(B) probs(Xs, B)
  })
}
meals_step <- X_of(transform(nd, meals = meals + 1)) - X  # d x / d meals: linear in meals
margin_rows[["dydx meals"]] <- function(B) {
  P <- probs(X, B)
  g <- matrix(0 + 0i, nrow(X), length(levels), dimnames = list(NULL, levels))
  g[, eqs] <- meals_step %*% B
  P * (g - rowSums(P * g))
}

influences <- margin_influences(margin_rows, fit, p, w)
b <- influences$b
labels <- influences$labels
estimates <- influences$estimates
Z <- influences$Z
std_error <- list()
for (rule in c("adjust", "average", "certainty", "remove")) {
  options(survey.lonely.psu = rule)
  design <- svydesign(ids = ~dnum, strata = ~stratum, weights = ~pw, data = d, nest = TRUE)
  std_error[[rule]] <- sqrt(diag(linearised(design, list(h = Z), rows)))
}

out <- list(
  generated_by = "tests/reference/make_survey_unconditional_lonely.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  formula = "perf ~ meals + ell + stype", ref = "low", solo = solo,
  subpop = "comp_imp == 'Yes'",
  design = list(weights = "pw", strata = "stratum", psu = "dnum"),
  params = b,
  margin = labels$margin, outcome = labels$outcome, estimate = estimates,
  std_error = std_error
)
write_json(out, "survey_unconditional_lonely.json", digits = NA, auto_unbox = TRUE,
           pretty = TRUE)
cat("wrote survey_unconditional_lonely.json\n")
