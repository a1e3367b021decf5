# A design whose near dependency builds up over several columns: y ~ year + I(year^2 - 4e6)
# on compound_collinear.csv (600 rows, year 1990..2020, outcome a/b/c, reference a). Each
# column's residual on the columns before it is above 1e-3 (4.6e-3 and 1.8e-3), yet the
# unit-scaled X'X has a condition number of 5.6e10. VGAM::vglm fits by IRLS on a QR of the
# weighted design, whose rounding grows with sqrt of that (about 5e-11 here); nnet::multinom's
# BFGS does not reach such accuracy and is left out. The same model with year centred and
# scaled, t = (year - 2005) / 10, is well conditioned: its log-likelihood is stored too, as a
# check. VGAM warns that its last steps were halved: the log-likelihood is at its rounding (the
# two fits' agree to 1e-12).
# Run: Rscript compound_collinear.R > compound_collinear.json
suppressMessages({library(VGAM); library(jsonlite)})
d <- read.csv("compound_collinear.csv")
d$y <- factor(d$y, levels = c("a", "b", "c"))
ctl <- vglm.control(epsilon = 1e-10, maxit = 200)
fit <- vglm(y ~ year + I(year^2 - 4e6), multinomial(refLevel = "a"), data = d, control = ctl)
d$t <- (d$year - 2005) / 10
fit_t <- vglm(y ~ t + I(t^2), multinomial(refLevel = "a"), data = d, control = ctl)
# VGAM orders coefficients term by term (term:1, term:2); mnlogit outcome by outcome
by_outcome <- function(v) as.vector(matrix(v, ncol = 2, byrow = TRUE))
out <- list(
  formula = "y ~ year + I(year**2 - 4e6)",
  terms = c("Intercept", "year", "I(year ** 2 - 4000000.0)"),
  outcomes = c("b", "c"),
  params = by_outcome(coef(fit)),
  bse = by_outcome(sqrt(diag(vcov(fit)))),
  llf = as.numeric(logLik(fit)),
  llf_t = as.numeric(logLik(fit_t)),
  versions = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
cat(toJSON(out, digits = I(17), auto_unbox = TRUE, pretty = TRUE), "\n")
