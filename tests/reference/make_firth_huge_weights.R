# Reference values for Firth fits with frequency weights of 1e8 beside weights of 1 on
# quasi-separated data (tests/test_firth_huge_weights.py). firth_huge_weights.csv holds three
# cases of 30 rows: y in {a, b, c}, c exactly where x1 > 0 but for one row at x1 = 0 in each of
# a and c (quasi-complete separation of c), x2 noise, and w = 1e8 or 1 at random (numpy seeds
# 0, 3 and 21). brmultinom converges on all three; mnlogit's fits ran to max_iter at these
# estimates, the penalised log-likelihood rounding away every last step.
#
# Run from this folder: Rscript make_firth_huge_weights.R  (writes firth_huge_weights.json)

suppressMessages({
  library(brglm2)
  library(jsonlite)
})
d <- read.csv("firth_huge_weights.csv")
d$y <- factor(d$y, levels = c("a", "b", "c"))
fits <- lapply(split(d, d$case), function(dc) {
  fit <- brmultinom(y ~ x1 + x2, data = dc, weights = w, type = "AS_mean", ref = 1,
                    epsilon = 1e-12, maxit = 2000)
  list(
    case = dc$case[1],
    converged = fit$converged,
    params = unname(coef(fit))  # rows: b, c; columns: Intercept, x1, x2
  )
})
out <- list(
  generated_by = "tests/reference/make_firth_huge_weights.R",
  R_version = R.version.string,
  brglm2_version = as.character(packageVersion("brglm2")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  formula = "y ~ x1 + x2", ref = "a",
  terms = c("Intercept", "x1", "x2"),
  outcomes = c("b", "c"),
  fits = unname(fits)
)
write_json(out, "firth_huge_weights.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote firth_huge_weights.json\n")
