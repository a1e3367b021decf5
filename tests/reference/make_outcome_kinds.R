# Outcomes of several kinds fitted by nnet::multinom: levels named like design columns
# ("Intercept", "x", "y[T.a]", "a:b") in an order of their own (an ordered factor, which
# multinom fits as unordered), the same with an empty level first (which multinom drops
# with a warning, "group 'aaa' is empty"), a logical outcome, and 200 levels of 4 rows
# each. tests/test_outcome_kinds_reference.py fits them as a pandas Categorical (ordered,
# and with an unused category), a bool column and an integer column.
# Run from tests/reference: Rscript make_outcome_kinds.R
suppressMessages(library(nnet))
library(jsonlite)
set.seed(53)
n <- 400
x <- round(rnorm(n), 4)
z <- round(rnorm(n), 4)
eta <- cbind(0, 0.5 + 0.8 * x, -0.3 - 0.5 * x + 0.4 * z, 0.2 * z)
p <- exp(eta) / rowSums(exp(eta))
order <- c("y[T.a]", "Intercept", "x", "a:b")
ys <- order[apply(p, 1, function(q) sample(4, 1, prob = q))]
yb <- x + rnorm(n) > 0
k <- 200
y200 <- rep(seq_len(k), each = 2)
x200 <- round(rnorm(2 * k) + (y200 %% 7) / 5, 4)
write.csv(data.frame(ys = ys, yb = yb, x = x, z = z, y200 = c(y200, rep(NA, n - 2 * k)),
                     x200 = c(x200, rep(NA, n - 2 * k))),
          "outcome_kinds.csv", row.names = FALSE, na = "")

fit <- function(m) {
  se <- sqrt(diag(vcov(m)))
  list(coef = unname(coef(m)), se = unname(matrix(se, nrow = nrow(as.matrix(coef(m))),
                                                   byrow = TRUE)),
       levels = m$lev, loglik = as.numeric(logLik(m)))
}
ordered_fit <- multinom(factor(ys, levels = order, ordered = TRUE) ~ x + z, trace = FALSE,
                        reltol = 1e-16, maxit = 1000)
empty_warning <- NULL
empty_fit <- withCallingHandlers(
  multinom(factor(ys, levels = c("aaa", order)) ~ x + z, trace = FALSE, reltol = 1e-16,
           maxit = 1000),
  warning = function(w) {
    empty_warning <<- conditionMessage(w)
    invokeRestart("muffleWarning")
  }
)
logical_fit <- multinom(yb ~ x + z, trace = FALSE, reltol = 1e-16, maxit = 1000)
many <- multinom(factor(y200) ~ x200, trace = FALSE, reltol = 1e-16, maxit = 10000,
                 MaxNWts = 10000)
out <- list(
  ordered = fit(ordered_fit),
  empty = c(fit(empty_fit), list(warning = empty_warning)),
  logical = c(fit(logical_fit),
              list(classes = as.character(predict(logical_fit, type = "class")))),
  many = list(loglik = as.numeric(logLik(many)), levels = many$lev,
              coef = unname(coef(many)), converged = many$convergence == 0,
              classes = as.character(predict(many, type = "class"))),
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "outcome_kinds.json")
