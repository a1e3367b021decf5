# tidy(x, level, adjust): an emmeans summary (df = Inf, intervals and tests) as a data frame
# whose columns mnlogit's tables name alike (estimate, se, lower, upper, z, pvalue), factors
# as text; sourced by margins_emmeans_more.R and margins_random.R.
tidy <- function(x, level = 0.95, adjust = "none") {
  s <- as.data.frame(summary(x, infer = c(TRUE, TRUE), df = Inf, level = level,
                             adjust = adjust))
  names(s)[names(s) == "prob"] <- "estimate"
  names(s)[names(s) == "SE"] <- "se"
  names(s)[names(s) == "asymp.LCL"] <- "lower"
  names(s)[names(s) == "asymp.UCL"] <- "upper"
  names(s)[names(s) == "z.ratio"] <- "z"
  names(s)[names(s) == "p.value"] <- "pvalue"
  s$df <- NULL
  for (j in seq_along(s)) if (is.factor(s[[j]])) s[[j]] <- as.character(s[[j]])
  s
}
