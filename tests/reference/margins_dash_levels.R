# Reference values for contrasts over factor levels that begin or end with a dash or are in
# parentheses ("a -", "a", "- a", "(b)"), whose differences mnlogit labels "(a -) - a",
# "a - (- a)": emmeans' pairwise contrasts of grid margins over g, and its interaction
# contrasts over g x h (`interaction = c("pairwise", "pairwise")`, by outcome), which
# mnlogit's margins(over=["g", "h"], average="grid").contrast("g").contrast("h") gives.
# 600 rows drawn here (set.seed(77)), written to margins_dash_levels.csv; y ~ x + g * h with
# reference A, nnet::multinom (reltol 1e-16); emmeans with mode = "prob", df = Inf and
# adjust = "none". The contrasts are stored in emmeans' order (levels of g in the order
# above, earlier minus later), whose labels do not tell "a -" - "a" from "a" - "- a".
#
# Run from this folder:  Rscript margins_dash_levels.R
#   -> margins_dash_levels.csv, margins_dash_levels.json
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})
set.seed(77)
n <- 600
levels_g <- c("a -", "a", "- a", "(b)")
d <- data.frame(
  g = sample(levels_g, n, replace = TRUE),
  h = sample(c("p", "q"), n, replace = TRUE),
  x = round(rnorm(n), 6)
)
eta_b <- 0.3 * d$x + ifelse(d$g == "a", 0.5, 0) + ifelse(d$h == "q" & d$g == "- a", -0.8, 0)
eta_c <- -0.2 + ifelse(d$g == "(b)", 0.7, 0) + ifelse(d$h == "q", 0.4, 0)
p <- cbind(1, exp(eta_b), exp(eta_c))
p <- p / rowSums(p)
d$y <- apply(p, 1, function(pr) sample(c("A", "B", "C"), 1, prob = pr))
write.csv(d[, c("y", "g", "h", "x")], "margins_dash_levels.csv", row.names = FALSE)

d$g <- factor(d$g, levels = levels_g)
d$h <- factor(d$h)
d$y <- factor(d$y)
fit <- multinom(y ~ x + g * h, data = d, trace = FALSE, maxit = 10000, reltol = 1e-16,
                abstol = 1e-300)
emm_g <- emmeans(fit, ~ g | y, mode = "prob", df = Inf)
pairs_g <- as.data.frame(contrast(emm_g, "pairwise", adjust = "none"))
emm_gh <- emmeans(fit, ~ g * h | y, mode = "prob", df = Inf)
inter <- as.data.frame(contrast(emm_gh, interaction = c("pairwise", "pairwise"), by = "y",
                                adjust = "none"))
table_of <- function(t, label) {
  list(label = as.character(t[[label]]), outcome = as.character(t$y), estimate = t$estimate,
       se = t$SE)
}
out <- list(
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  emmeans = as.character(packageVersion("emmeans")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  loglik = as.numeric(logLik(fit)),
  levels_g = levels_g,
  pairs_g = table_of(pairs_g, "contrast"),
  interaction = table_of(inter, "g_pairwise")
)
write_json(out, "margins_dash_levels.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
