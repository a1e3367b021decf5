# Reference values for contrasts of contrasts of margins on a reference grid (mnlogit's
# margins(over=[...], average="grid").contrast(a).contrast(b)): emmeans' interaction contrasts
# (`contrast(emm, interaction = c("pairwise", "pairwise"), by = "mode")`), and
# treatment-vs-control contrasts against a level other than the first (`trt.vs.ctrl`,
# `ref = "work"`), on the bundled travel data (mnlogit/data/travel.csv without the rows missing
# income; age in hundreds, `ag`; reference car). The model reads the grid's numeric variables
# through stateful transforms, which prediction must take with the fit's state: an
# orthogonal polynomial of ag (R's poly, formulaic's poly: the same column space) and
# log(distance). nnet::multinom (reltol 1e-16); emmeans with mode = "prob", numeric variables
# not set at their means, df = Inf (Wald z) and adjust = "none". nnet's standard errors are
# checked against VGAM's (Fisher scoring to epsilon 1e-14); the agreement is stored.
#
# Run from this folder:  Rscript margins_interaction_contrasts.R
#   -> margins_interaction_contrasts.json
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(VGAM)
  library(jsonlite)
})
df <- read.csv("../../mnlogit/data/travel.csv", stringsAsFactors = TRUE)
df <- df[!is.na(df$income), ]
df$mode <- relevel(df$mode, ref = "car")
df$ag <- df$age / 100
formula <- mode ~ region * purpose + poly(ag, 2) + log(distance)
fit <- eval(bquote(multinom(.(formula), data = df, Hess = TRUE, trace = FALSE, maxit = 10000,
                            reltol = 1e-16, abstol = 1e-300)))
v <- vglm(formula, multinomial(refLevel = "car"), data = df, epsilon = 1e-14, maxit = 100)
K <- length(fit$lev) - 1
se_n <- as.vector(matrix(sqrt(diag(vcov(fit))), nrow = K, byrow = TRUE))
se_v <- sqrt(diag(vcov(v)))
agreement <- list(se = max(abs(se_n - se_v) / se_v),
                  loglik = abs(as.numeric(logLik(fit)) - as.numeric(logLik(v))))

tidy <- function(x) {
  s <- as.data.frame(summary(update(x, df = Inf), infer = c(TRUE, FALSE)))
  s <- s[, setdiff(names(s), c("df", "z.ratio", "p.value"))]
  names(s)[names(s) %in% c("prob", "estimate")] <- "estimate"
  names(s)[names(s) == "SE"] <- "se"
  names(s)[names(s) == "asymp.LCL"] <- "lower"
  names(s)[names(s) == "asymp.UCL"] <- "upper"
  names(s)[names(s) == "mode"] <- "outcome"
  for (j in seq_along(s)) if (is.factor(s[[j]])) s[[j]] <- as.character(s[[j]])
  s
}

emm <- emmeans(fit, ~ region * purpose | mode, mode = "prob")
emm_age <- emmeans(fit, ~ purpose | mode * ag, mode = "prob", at = list(ag = c(0.3, 0.6)))
interaction <- contrast(emm, interaction = c("pairwise", "pairwise"), by = "mode",
                        adjust = "none")
versus_work <- contrast(emm_age, "trt.vs.ctrl", ref = "work", by = c("mode", "ag"),
                        adjust = "none")
out <- list(
  generated_by = "tests/reference/margins_interaction_contrasts.R",
  R_version = R.version.string,
  nnet_version = as.character(packageVersion("nnet")),
  emmeans_version = as.character(packageVersion("emmeans")),
  VGAM_version = as.character(packageVersion("VGAM")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  formula = "mode ~ region * purpose + poly(ag, 2) + np.log(distance)",
  ref = "car",
  loglik = as.numeric(logLik(fit)),
  vgam_agreement = agreement,
  grid = tidy(emm),
  interaction = tidy(interaction),
  grid_age = tidy(emm_age),
  versus_work = tidy(versus_work)
)
write_json(out, "margins_interaction_contrasts.json", digits = NA, auto_unbox = TRUE,
           pretty = TRUE)
cat("wrote margins_interaction_contrasts.json\n")
