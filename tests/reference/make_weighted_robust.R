# Reference values of robust covariances with frequency weights from R's sandwich package
# (weighted_robust_r.json), beside make_weighted_robust.py's statsmodels values.
# Run from this folder:  Rscript make_weighted_robust.R   -> weighted_robust_r.json
#
# womenlf.csv (written by margins_womenlf.R), working = partic != "not.work",
# working ~ hincome + children + region, frequency weights w = row %% 4 (row from 1) with the
# rows of clusters 0, 1 and 2 at weight 0, clusters cl = (row - 1) %/% 5.
#  * glm(binomial) of the rows repeated w times: sandwich::vcovHC(type = "HC0") and
#    sandwich::vcovCL(cluster = ~cl, type = "HC0", cadjust = TRUE) (G / (G - 1), Stata's).
#    This is what a frequency weight means, and what mnlogit gives for the weighted rows.
#  * glm(binomial, weights = w) of the rows as given (w > 0): vcovHC(type = "HC0") sums
#    (w_i u_i)(w_i u_i)' over the rows, treating a row of weight 3 as one observation whose
#    score counts three times, not as three observations (sum_i w_i u_i u_i'): another
#    convention, kept to show the difference; vcovCL with the same clusters equals the
#    repeated rows' (a cluster's score is the sum of its rows' either way).
suppressPackageStartupMessages({
  library(sandwich)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
row <- seq_len(nrow(df))
df$cl <- (row - 1) %/% 5
df$w <- ifelse(df$cl < 3, 0, row %% 4)
df$working <- as.integer(df$partic != "not.work")
f <- working ~ hincome + children + region
ctl <- glm.control(epsilon = 1e-14, maxit = 100)

rep <- df[rep(row, df$w), ]
expanded <- glm(f, family = binomial, data = rep, control = ctl)
pos <- df[df$w > 0, ]
weighted <- glm(f, family = binomial, data = pos, weights = w, control = ctl)
stopifnot(isTRUE(all.equal(coef(expanded), coef(weighted), tolerance = 1e-10)))

m <- function(V) unname(V)
out <- list(
  source = "tests/reference/make_weighted_robust.R",
  formula = "working ~ hincome + children + region",
  terms = names(coef(expanded)),
  params = unname(coef(expanded)),
  nobs_repeated = nrow(rep),
  clusters = length(unique(rep$cl)),
  vcov_hc0_repeated = m(vcovHC(expanded, type = "HC0")),
  vcov_cluster_repeated = m(vcovCL(expanded, cluster = ~cl, type = "HC0", cadjust = TRUE)),
  vcov_hc0_prior_weights = m(vcovHC(weighted, type = "HC0")),
  vcov_cluster_prior_weights = m(vcovCL(weighted, cluster = ~cl, type = "HC0", cadjust = TRUE)),
  versions = list(
    R = R.version.string,
    sandwich = as.character(packageVersion("sandwich")),
    jsonlite = as.character(packageVersion("jsonlite"))
  )
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "weighted_robust_r.json")
