# Wald tests naming outcomes whose labels start with '-' (R's coef() names them '-2:hincome'),
# on womenlf.csv with partic relabelled not.work -> "0" (reference), fulltime -> "-2",
# parttime -> "3": car::linearHypothesis on nnet::multinom (reltol 1e-16), chi2 by R matrix.
# Run from tests/reference: Rscript wald_signed_outcome.R > wald_signed_outcome.json
suppressMessages({library(nnet); library(car); library(jsonlite)})
d <- read.csv("womenlf.csv")
d$y <- factor(c(not.work = "0", fulltime = "-2", parttime = "3")[d$partic], levels = c("0", "-2", "3"))
m <- multinom(y ~ hincome + children + region, data = d, trace = FALSE, reltol = 1e-16, maxit = 1000)
cn <- colnames(vcov(m))
row <- function(w) { v <- setNames(rep(0, length(cn)), cn); v[names(w)] <- w; matrix(v, 1) }
tests <- list(
  "3:hincome = -2:hincome" = list(row(c("3:hincome" = 1, "-2:hincome" = -1)), 0),
  "-2:hincome = 0" = list(row(c("-2:hincome" = 1)), 0),
  "3:hincome - -2:hincome = 0.1" = list(row(c("3:hincome" = 1, "-2:hincome" = -1)), 0.1),
  "2*-2:childrenpresent = 1" = list(row(c("-2:childrenpresent" = 2)), 1)
)
out <- lapply(tests, function(t) {
  r <- linearHypothesis(m, t[[1]], rhs = t[[2]], test = "Chisq")
  list(chi2 = r$Chisq[2], df = r$Df[2])
})
cat(toJSON(list(
  tests = out, coef_names = cn,
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  car = as.character(packageVersion("car")), jsonlite = as.character(packageVersion("jsonlite")))
), auto_unbox = TRUE, digits = 15, pretty = TRUE), "\n")
