# Reference values of tests/test_two_factor_separation_reference.py, from
# two_factor_separation.csv (make_two_factor_separation.py).
# Type II LR tests (car::Anova on nnet::multinom) of the terms whose compared models are not
# separated: x, f and g of y1 ~ x + f * g (only f:g's coefficients diverge); x of
# y2 ~ x * f2 + g2 on the rows without the rare levels r and s (in the limit those rows are
# fitted exactly in both models, so the statistic is that of the other rows); and the
# probabilities of y2 ~ x + f2 + g2 on those rows at two new rows, which the separated fit's
# finite part approaches.
# Run from this folder: Rscript make_two_factor_separation.R
suppressMessages({library(nnet); library(car); library(jsonlite)})
d <- read.csv("two_factor_separation.csv", stringsAsFactors = TRUE)
m1 <- multinom(y1 ~ x + f * g, d, trace = FALSE, maxit = 5000, reltol = 1e-16)
a1 <- Anova(m1, type = "II")
kept <- droplevels(subset(d, f2 != "r" & g2 != "s"))
m2 <- multinom(y2 ~ x * f2 + g2, kept, trace = FALSE, maxit = 5000, reltol = 1e-16)
a2 <- Anova(m2, type = "II")
m3 <- multinom(y2 ~ x + f2 + g2, kept, trace = FALSE, maxit = 5000, reltol = 1e-16)
new <- data.frame(x = c(0, 1), f2 = c("a", "c"), g2 = c("u", "w"))
probs <- predict(m3, new, type = "probs")
out <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  car = as.character(packageVersion("car")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  interaction_cell = as.list(setNames(a1[c("x", "f", "g"), "LR Chisq"], c("x", "f", "g"))),
  two_rare_levels_x = a2["x", "LR Chisq"],
  new_rows = list(x = new$x, f2 = new$f2, g2 = new$g2),
  probabilities = lapply(as.data.frame(probs), identity)
)
write_json(out, "two_factor_separation.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
