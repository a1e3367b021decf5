# Reference values for predictions and margins that do not run through a coefficient one PSU
# determines alone (tests/test_survey_owned_margins.py): psu_dummies.csv (make_psu_dummies.R),
# svydesign(ids = ~psu, strata = ~st, weights = ~w, nest = TRUE), and
# svyglm(quasibinomial) of y ~ x + own, own a dummy for PSU 3 of stratum A (its coefficient
# is fitted to that PSU's rows alone: mnlogit leaves its standard error NaN).
#
#   rows:   predict(g, newdata, type = "response", se.fit = TRUE) at x = -1, 0.5, 2 with
#           own = 0 (rows of the other PSUs: their predictions do not read own's coefficient)
#   margin: the probability with own set to 0 in every row, averaged over the rows with
#           the weights w; its standard error by the delta method with vcov(g), the
#           Jacobian sum_i w_i p_i (1 - p_i) x_i / sum_i w_i being 0 in own's coefficient.
#
# Run from this folder: Rscript make_survey_owned_margins.R  (writes survey_owned_margins.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
d <- read.csv("psu_dummies.csv", stringsAsFactors = FALSE)
d$own <- as.numeric(d$st == "A" & d$psu == 3)
design <- svydesign(ids = ~psu, strata = ~st, weights = ~w, data = d, nest = TRUE)
g <- svyglm(y ~ x + own, design, family = quasibinomial(),
            control = glm.control(epsilon = 1e-14, maxit = 100))
new <- data.frame(x = c(-1, 0.5, 2), own = 0)
p <- predict(g, newdata = new, type = "response", se.fit = TRUE)
X0 <- cbind(1, d$x, 0)
p0 <- plogis(drop(X0 %*% coef(g)))
J <- colSums(d$w * p0 * (1 - p0) * X0) / sum(d$w)
out <- list(
  generated_by = "make_survey_owned_margins.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  degf = degf(design),
  terms = names(coef(g)),
  params = unname(coef(g)),
  se = unname(sqrt(diag(vcov(g)))),
  rows = list(x = new$x, prob = unname(as.vector(p)), se = unname(as.vector(attr(p, "var"))^0.5)),
  margin = list(prob = sum(d$w * p0) / sum(d$w), se = sqrt(drop(t(J) %*% vcov(g) %*% J)))
)
write_json(out, "survey_owned_margins.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote survey_owned_margins.json\n")
