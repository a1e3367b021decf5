# Reference for Wald tests of restrictions that are nearly dependent but not dependent:
# "bus:x1 = train:x1, bus:x1 = (1 + e)*train:x1" is the hypothesis bus:x1 = train:x1 = 0 for
# any e != 0, so its Wald statistic is that of the two zeros, whatever e.
# synthetic.csv, mode ~ x1 + group, reference car, fitted by VGAM::vglm(multinomial) (its
# covariance from the exact information; nnet's is a finite-difference Hessian). W of the two
# zeros from coef() and vcov(); and, for e = 1e-3, 1e-5 and 1e-7, R's own
# (R b)' (R V R')^-1 (R b) with the nearly dependent R, which loses digits as e shrinks
# (recorded to show why the statistic is computed on an orthonormal basis of R's rows).
# Run from this folder:  Rscript wald_near_dependent.R   -> wald_near_dependent.json
suppressPackageStartupMessages({
  library(VGAM)
  library(jsonlite)
})

df <- read.csv("synthetic.csv", stringsAsFactors = TRUE)
df$mode <- relevel(df$mode, ref = "car")
# VGAM's multinomial takes the reference as the last level
df$mode <- factor(df$mode, levels = c("bus", "train", "walk", "car"))
fit <- vglm(mode ~ x1 + group, multinomial(refLevel = "car"), data = df,
            control = vglm.control(epsilon = 1e-14, maxit = 100))
b <- coef(fit)
V <- vcov(fit)
idx <- c("x1:1", "x1:2")  # bus, train (VGAM numbers the linear predictors)
stopifnot(all(idx %in% names(b)))
two_zeros <- as.numeric(t(b[idx]) %*% solve(V[idx, idx], b[idx]))
near <- list()
for (e in c(1e-3, 1e-5, 1e-7)) {
  R <- rbind(c(1, -1), c(1, -(1 + e)))
  rb <- R %*% b[idx]
  M <- R %*% V[idx, idx] %*% t(R)
  w <- tryCatch(as.numeric(t(rb) %*% solve(M, rb)), error = function(err) NA)
  near[[format(e)]] <- w
}
# "bus:x1 + train:x1 + walk:x1 = 0, bus:x1 + (1 + e)*train:x1 + walk:x1 = 0", two
# restrictions on three coefficients, is train:x1 = 0 and bus:x1 + walk:x1 = 0: their span is
# known only to R's rounding amplified by 1/e, so mnlogit computes it for e = 1e-7 and gives
# NaN past 1e8; W of the direct statement
idx3 <- c("x1:1", "x1:2", "x1:3")  # bus, train, walk
D <- rbind(c(0, 1, 0), c(1, 0, 1))
Db <- D %*% b[idx3]
two_of_three <- as.numeric(t(Db) %*% solve(D %*% V[idx3, idx3] %*% t(D), Db))
out <- list(
  formula = "mode ~ x1 + group", ref = "car",
  coefficients = list(bus_x1 = unname(b["x1:1"]), train_x1 = unname(b["x1:2"])),
  wald_two_zeros = two_zeros,
  r_near_dependent = near,
  wald_two_of_three = two_of_three,
  versions = list(R = as.character(getRversion()),
                  VGAM = as.character(packageVersion("VGAM")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "wald_near_dependent.json")
