# Reference values for Firth fits with frequency weights (zeros among them) on formula
# features that the other Firth references do not combine with weights: an orthogonal
# polynomial crossed with a factor, factor-specific slopes without an intercept, and a
# sum-coded factor crossed with another (tests/test_firth_weighted_formulas_reference.py).
#
# Data (written here as firth_weighted_formulas.csv): 90 rows drawn with set.seed(20261208),
# x normal, g in {a, b, c}, h in {u, v}, outcome y in {A, B, C} from a multinomial logit
# in x, g and h, frequency weights w = row %% 3 (a third of the rows weigh 0; poly()'s basis
# is computed on every row, as model.frame gives it to brmultinom). Each formula is fitted
# by brmultinom(type = "AS_mean", ref = 1, epsilon = 1e-12); its coefficients (rows: B, C;
# columns in model.matrix's order) and vcov (equation by equation) are stored.
#
# Run from this folder: Rscript make_firth_weighted_formulas.R
#   (writes firth_weighted_formulas.csv and firth_weighted_formulas.json)

suppressMessages({
  library(brglm2)
  library(jsonlite)
})
set.seed(20261208)
n <- 90
d <- data.frame(x = round(rnorm(n), 6), g = sample(c("a", "b", "c"), n, replace = TRUE),
                h = sample(c("u", "v"), n, replace = TRUE))
eta <- cbind(0, 0.6 * d$x + 0.5 * (d$g == "b"), -0.4 * d$x + 0.5 * (d$h == "v"))
p <- exp(eta) / rowSums(exp(eta))
d$y <- apply(p, 1, function(pr) sample(c("A", "B", "C"), 1, prob = pr))
d$w <- seq_len(n) %% 3
write.csv(d, "firth_weighted_formulas.csv", row.names = FALSE)

d <- read.csv("firth_weighted_formulas.csv")
d$y <- factor(d$y)
fits <- list(
  list(r = "y ~ poly(x, 2) * h", py = "y ~ poly(x, 2) * h"),
  list(r = "y ~ 0 + g + g:x", py = "y ~ g + g:x - 1"),
  list(r = "y ~ x + C(factor(g), contr.sum) * h", py = "y ~ x + C(g, Sum) * h")
)
out <- list(
  generated_by = "tests/reference/make_firth_weighted_formulas.R",
  R_version = R.version.string,
  brglm2_version = as.character(packageVersion("brglm2")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  ref = "A",
  fits = lapply(fits, function(f) {
    fit <- brmultinom(as.formula(f$r), data = d, weights = w, type = "AS_mean", ref = 1,
                      epsilon = 1e-12, maxit = 1000)
    list(formula = f$py, r_formula = f$r, converged = fit$converged,
         outcomes = rownames(coef(fit)), params = unname(coef(fit)),
         vcov = unname(vcov(fit)))
  })
)
write_json(out, "firth_weighted_formulas.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote firth_weighted_formulas.csv and firth_weighted_formulas.json\n")
