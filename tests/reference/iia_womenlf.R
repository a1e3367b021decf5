# The data both IIA reference scripts (make_iia_reference.R, make_iia_suest.R) test on:
# carData's Womenlf (womenlf.csv), its outcome's levels in order, frequency weights
# w = 1 + (row %% 3), and the formula. Sourced by them from this folder.
suppressPackageStartupMessages({
  library(VGAM)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- factor(df$partic, levels = c("fulltime", "not.work", "parttime"))
df$w <- 1 + (seq_len(nrow(df)) %% 3)
formula <- partic ~ hincome + children + region
