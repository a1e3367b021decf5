# Reference values for a quadratic in calendar years, y ~ year + I(year^2) (reference "a"),
# whose square lies within 1.8e-5 of the span of the intercept and year (relative to its
# length): a fit in the columns' own basis loses digits of the standard errors
# (tests/test_near_collinear.py).
#
# Data: year_quadratic.csv, 3000 rows, year uniform on 1990..2020 and y in a, b, c drawn
# from a multinomial logit quadratic in year - 2005 (numpy, seed 8; the generator is in the
# test). The model is fitted by VGAM::vglm(multinomial) on the centred years c = year - 2005
# (well conditioned), and mapped exactly to the coefficients of 1, year, year^2:
# b0 + b1 c + b2 c^2 = (b0 - 2005 b1 + 2005^2 b2) + (b1 - 2 * 2005 b2) year + b2 year^2,
# with the covariance A V A'. Stored: coefficients and covariance equation by equation (as
# mnlogit's cov_params), the log-likelihood and the Wald chi2 of I(year^2) in both equations.
#
# Run from this folder: Rscript make_year_quadratic.R  (writes year_quadratic.json)

suppressMessages({
  library(VGAM)
  library(jsonlite)
})
d <- read.csv("year_quadratic.csv", stringsAsFactors = TRUE)
d$c <- d$year - 2005
fit <- vglm(y ~ c + I(c^2), multinomial(refLevel = "a"), data = d,
            control = vglm.control(epsilon = 1e-12, maxit = 100))
# VGAM orders the coefficients term by term ((Intercept):1, (Intercept):2, c:1, ...);
# mnlogit equation by equation (b: Intercept, year, square; then c)
order <- c(1, 3, 5, 2, 4, 6)
b <- coef(fit)[order]
V <- vcov(fit)[order, order]
A1 <- rbind(c(1, -2005, 2005^2), c(0, 1, -2 * 2005), c(0, 0, 1))
A <- kronecker(diag(2), A1)
B <- as.vector(A %*% b)
VB <- A %*% V %*% t(A)
sq <- c(3, 6)
wald <- as.numeric(t(B[sq]) %*% solve(VB[sq, sq], B[sq]))
out <- list(
  generated_by = "tests/reference/make_year_quadratic.R",
  R_version = R.version.string,
  VGAM_version = as.character(packageVersion("VGAM")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  formula = "y ~ year + I(year**2)", ref = "a",
  terms = c("Intercept", "year", "I(year ** 2)"),
  outcomes = c("b", "c"),
  params = matrix(B, nrow = 3),  # terms x outcomes
  vcov = unname(VB),
  loglik = as.numeric(logLik(fit)),
  wald_square = wald
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "year_quadratic.json")
