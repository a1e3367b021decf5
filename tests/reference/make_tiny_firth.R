# Firth's bias-reduced estimates of tiny data sets, where maximum likelihood has no finite
# estimate or as many coefficients as rows: brglm2's glm(method = "brglmFit") for two
# outcomes and brmultinom for three, type = "AS_mean", epsilon 1e-12.
# Run from tests/reference: Rscript make_tiny_firth.R (writes tiny_firth.json).
suppressPackageStartupMessages({ library(brglm2); library(jsonlite) })
ctl <- list(epsilon = 1e-12, maxit = 1000)
fit2 <- function(y, x) {
  d <- data.frame(y = as.numeric(y == "b"), x = x)
  b <- glm(y ~ x, binomial, d, method = "brglmFit", type = "AS_mean", control = do.call(brglmControl, ctl))
  list(y = y, x = x, coef = list(b = unname(coef(b))), se = list(b = unname(sqrt(diag(vcov(b))))))
}
fitk <- function(y, x) {
  m <- brmultinom(factor(y) ~ x, data = data.frame(y = y, x = x), type = "AS_mean", control = ctl)
  se <- matrix(sqrt(diag(vcov(m))), nrow = 2)  # b:(Intercept), b:x, c:(Intercept), c:x
  list(y = y, x = x,
       coef = list(b = unname(coef(m)["b", ]), c = unname(coef(m)["c", ])),
       se = list(b = se[, 1], c = se[, 2]))
}
out <- list(
  two_rows = fit2(c("a", "b"), c(1, 2)),                        # n = p, separated
  three_rows = fit2(c("a", "b", "a"), c(1, 2, 3)),
  saturated_k3 = fitk(c("a", "b", "c", "a"), c(1, 2, 3, 4)),    # n = p (K - 1), df_resid 0
  constant_within = fitk(rep(c("a", "b", "c"), each = 5), rep(c(1, 2, 3), each = 5)),
  versions = list(R = R.version.string, brglm2 = as.character(packageVersion("brglm2")))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "tiny_firth.json")
