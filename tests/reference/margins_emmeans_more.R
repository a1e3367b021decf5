# Reference values for mnlogit's margins against emmeans on fits of kinds the other scripts
# leave out, compared column by column (estimate, SE, statistic, p-value, interval bounds):
#  - a factor-by-numeric interaction through poly(hincome, 2) at chosen hincome, with
#    pairwise contrasts unadjusted and Bonferroni-adjusted (the note of mnlogit's contrast
#    gives the Bonferroni factor) and 90% intervals;
#  - a model of factors only, where margins averaged over the observed rows equal emmeans'
#    weights = "proportional" (the prediction depends on the factors alone), unweighted and
#    with frequency weights (emmeans' proportional weights are the model's weights);
#  - an ordered factor (R's contr.poly; mnlogit codes an ordered Categorical by treatment
#    contrasts, which changes no margin);
#  - log(hincome):region with no main effect of region, where every region's margin at
#    hincome = 1 is the same and the contrasts' standard errors are exactly 0;
#  - contrasts of contrasts (emmeans' interaction contrasts) of hincome * region, whose
#    Bonferroni adjustment counts every difference of the chain as one family: 10 tests for
#    the region pairs times the one hincome pair, 12 for 4 regions against the first times
#    3 pairs of outcomes.
# On carData's Womenlf (womenlf.csv, made by margins_womenlf.R). Run from this folder:
#   Rscript margins_emmeans_more.R
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, ref = "not.work")
df$w <- 1 + (seq_len(nrow(df)) %% 3)
df$region_o <- factor(df$region, levels = c("Atlantic", "Quebec", "Ontario", "Prairie", "BC"),
                      ordered = TRUE)

fit_multinom <- function(formula, weighted = FALSE) {
  # emmeans reads the formula (and the weights) back from the call
  if (weighted) {
    eval(bquote(multinom(.(formula), data = df, weights = w, Hess = TRUE, trace = FALSE,
                         maxit = 10000, reltol = 1e-16, abstol = 1e-300)))
  } else {
    eval(bquote(multinom(.(formula), data = df, Hess = TRUE, trace = FALSE, maxit = 10000,
                         reltol = 1e-16, abstol = 1e-300)))
  }
}

source("emmeans_tidy.R")  # tidy(): an emmeans summary as a data frame of named columns

cases <- list()

# --- poly(hincome, 2) * children + region ----------------------------------------------------
f1 <- partic ~ poly(hincome, 2) * children + region
fit1 <- fit_multinom(f1)
at1 <- list(hincome = c(5, 20, 40))
emm1 <- emmeans(fit1, ~ children | partic * hincome, mode = "prob", at = at1)
emm1r <- emmeans(fit1, ~ hincome | partic * children, mode = "prob", at = at1)
cases$poly_children <- list(
  formula = "partic ~ poly(hincome, 2) * children + region",
  loglik = as.numeric(logLik(fit1)),
  grid = tidy(emm1),
  grid_90 = tidy(emm1, level = 0.90),
  children_pairs = tidy(pairs(emm1), adjust = "none"),
  hincome_pairs = tidy(pairs(emm1r), adjust = "none"),
  hincome_pairs_bonferroni = tidy(pairs(emm1r), adjust = "bonferroni"),
  hincome_pairs_90 = tidy(pairs(emm1r), level = 0.90, adjust = "none")
)

# --- factors only: rows averaged = weights "proportional" -------------------------------------
f2 <- partic ~ children + region
for (weighted in c(FALSE, TRUE)) {
  fit2 <- fit_multinom(f2, weighted)
  emm2 <- emmeans(fit2, ~ children | partic, mode = "prob", weights = "proportional")
  emm2e <- emmeans(fit2, ~ children | partic, mode = "prob", weights = "equal")
  emm2r <- emmeans(fit2, ~ region | partic, mode = "prob", weights = "proportional")
  cases[[if (weighted) "factors_weighted" else "factors"]] <- list(
    formula = "partic ~ children + region",
    weights = if (weighted) "w" else "",
    loglik = as.numeric(logLik(fit2)),
    children_proportional = tidy(emm2),
    children_equal = tidy(emm2e),
    children_pairs_proportional = tidy(pairs(emm2)),
    region_proportional = tidy(emm2r),
    region_pairs_bonferroni = tidy(pairs(emm2r), adjust = "bonferroni")
  )
}

# --- an ordered factor (contr.poly in R) -------------------------------------------------------
f3 <- partic ~ hincome + children + region_o
fit3 <- fit_multinom(f3)
emm3 <- emmeans(fit3, ~ region_o | partic, mode = "prob")
cases$ordered <- list(
  formula = "partic ~ hincome + children + region_o",
  loglik = as.numeric(logLik(fit3)),
  levels = levels(df$region_o),
  grid = tidy(emm3),
  trt_vs_ctrl = tidy(contrast(emm3, "trt.vs.ctrl"))
)

# --- log(hincome):region, no main effect of region: contrasts at hincome = 1 are 0 ------------
f4 <- partic ~ log(hincome):region + children
fit4 <- fit_multinom(f4)
emm4 <- emmeans(fit4, ~ region | partic * hincome, mode = "prob",
                at = list(hincome = c(1, 10)))
cases$log_region <- list(
  formula = "partic ~ log(hincome):region + children",
  loglik = as.numeric(logLik(fit4)),
  grid = tidy(emm4),
  trt_vs_ctrl = tidy(contrast(emm4, "trt.vs.ctrl"))
)

# --- contrasts of contrasts: one family of their products ---------------------------------------
f5 <- partic ~ hincome * region + children
fit5 <- fit_multinom(f5)
at5 <- list(hincome = c(10, 30))
emm5 <- emmeans(fit5, ~ region * hincome | partic, mode = "prob", at = at5)
ic5 <- contrast(emm5, interaction = c("pairwise", "pairwise"))
emm5o <- emmeans(fit5, ~ region * partic | hincome, mode = "prob", at = at5)
ic5o <- contrast(emm5o, interaction = c("trt.vs.ctrl", "pairwise"))
cases$interaction <- list(
  formula = "partic ~ hincome * region + children",
  loglik = as.numeric(logLik(fit5)),
  region_by_hincome = tidy(ic5),
  region_by_hincome_bonferroni = tidy(ic5, adjust = "bonferroni"),
  region_by_outcome = tidy(ic5o),
  region_by_outcome_bonferroni = tidy(ic5o, adjust = "bonferroni")
)

versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  emmeans = as.character(packageVersion("emmeans")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
write(toJSON(list(versions = versions, data = "womenlf.csv, w = 1 + (row %% 3)",
                  ref = "not.work", cases = cases),
             auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"),
      "margins_emmeans_more.json")
