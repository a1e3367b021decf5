# A factor with a level no row has, read by R code in the formula: as.integer(g) numbers the
# levels as the factor holds them (model.frame evaluates it before it drops unused levels,
# which it does for the factor's own encoding only). g has levels a, b, c, d and no row at
# b, so as.integer(g) is 1, 3 or 4 (renumbered without b it would be 1, 2, 3). Fitted by
# VGAM::vglm (IRLS to 1e-10), reference "u"; nnet::multinom (reltol 1e-16) gives the same
# log-likelihood (it keeps b's all-zero column, at a coefficient of 0, where VGAM drops it).
# The data are generated here and stored in the JSON.
# Run: Rscript unused_category_codes.R > unused_category_codes.json
suppressMessages({library(VGAM); library(nnet); library(jsonlite)})
set.seed(73)
n <- 150
g <- factor(sample(c("a", "c", "d"), n, replace = TRUE), levels = c("a", "b", "c", "d"))
x <- round(rnorm(n), 3)
eta_v <- 0.3 + 0.4 * as.integer(g) - 0.5 * x
eta_w <- -0.2 + 0.2 * as.integer(g) + 0.6 * x
den <- 1 + exp(eta_v) + exp(eta_w)
u <- runif(n)
y <- factor(ifelse(u < 1 / den, "u", ifelse(u < (1 + exp(eta_v)) / den, "v", "w")))
d <- data.frame(y = y, g = g, x = x)
ctl <- vglm.control(epsilon = 1e-10, maxit = 200)
models <- list(
  codes = list(r = y ~ as.integer(g) + x, python = "y ~ I(g.cat.codes + 1) + x",
               terms = c("Intercept", "I(g.cat.codes + 1)", "x")),
  factor_and_codes = list(r = y ~ g + x:as.integer(g),
                          python = "y ~ g + x:I(g.cat.codes + 1)",
                          terms = c("Intercept", "g[T.c]", "g[T.d]", "x:I(g.cat.codes + 1)"))
)
# VGAM orders coefficients term by term (term:1, term:2); mnlogit outcome by outcome
by_outcome <- function(v) as.vector(matrix(v, ncol = 2, byrow = TRUE))
fits <- lapply(models, function(m) {
  fit <- vglm(m$r, multinomial(refLevel = "u"), data = d, control = ctl)
  check <- multinom(m$r, data = d, reltol = 1e-16, maxit = 1000, trace = FALSE)
  list(formula = m$python, terms = m$terms, outcomes = c("v", "w"),
       params = by_outcome(coef(fit)), bse = by_outcome(sqrt(diag(vcov(fit)))),
       llf = as.numeric(logLik(fit)), llf_nnet = as.numeric(logLik(check)))
})
out <- list(
  data = list(y = as.character(d$y), g = as.character(d$g), x = d$x),
  levels = levels(g),
  models = fits,
  versions = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                  nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
cat(toJSON(out, digits = I(17), auto_unbox = TRUE, pretty = TRUE), "\n")
