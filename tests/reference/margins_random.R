# emmeans' answers for the random draws of margins_random_draws.py (the differential test of
# mnlogit's margins): for each draw, nnet::multinom (reltol 1e-14, restarted) and emmeans
# (mode = "prob", df = Inf, the spec's level): the grid over f1, over f1 x f2, over f1 at two
# values of x1, pairwise (unadjusted and Bonferroni), trt.vs.ctrl over f1 and over f2 and
# contrasts of the outcomes, proportional
# weights for models of factors alone, and the slope of x1 on the grid over f1 as a central
# difference of emmeans' probabilities written as one linear contrast.
# From this folder:
#   python margins_random_draws.py DIR FIRST LAST && Rscript margins_random.R DIR
# writes DIR/emmeans.json; margins_random_compare.py compares it with mnlogit, and its
# `pack DIR SEED...` writes margins_random.json.
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})
emm_options(rg.limit = 1e6)

args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
specs <- fromJSON(file.path(dir, "specs.json"), simplifyVector = FALSE)

source("emmeans_tidy.R")  # tidy(): an emmeans summary as a data frame of named columns

one <- function(spec) {
  df <- read.csv(file.path(dir, sprintf("draw_%d.csv", spec$seed)),
                 na.strings = c("", "NA"))
  df$y <- factor(df$y)
  df$f1 <- factor(df$f1)
  lev2 <- unlist(spec$f2_levels)
  if (!is.null(spec$f2_unused)) lev2 <- setdiff(lev2, spec$f2_unused)
  df$f2 <- factor(df$f2, levels = lev2, ordered = spec$f2_kind == "ordered")
  formula <- as.formula(spec$r_formula)
  # poly() refuses missing values: drop the rows the fit drops first
  keep <- complete.cases(df[, intersect(c(all.vars(formula), "w"), names(df))])
  df <- droplevels(df[keep, ])
  fit_from <- function(start) {
    # emmeans reads the formula, data and weights back from the call
    call <- bquote(multinom(.(formula), data = df, Hess = TRUE, trace = FALSE,
                            maxit = 100000, reltol = 1e-14, abstol = 1e-300, MaxNWts = 1e5))
    if (isTRUE(spec$weighted)) call$weights <- quote(w)
    if (!is.null(start)) call$Wts <- start
    eval(call)
  }
  fit <- fit_from(NULL)
  # BFGS stops short on the larger fits (poly() inside an interaction): restart it from
  # where it stopped until the log-likelihood settles
  for (restart in 1:10) {
    again <- fit_from(fit$wts)
    settled <- abs(as.numeric(logLik(again)) - as.numeric(logLik(fit))) < 1e-11
    fit <- again
    if (settled) break
  }
  level <- 1 - spec$alpha
  rows <- df
  # x1:f2 without x1 is not a nesting of x1 in f2: grids cross every variable
  em <- function(specs, ...) emmeans(fit, specs, mode = "prob", nesting = NULL, ...)
  out <- list(seed = spec$seed, loglik = as.numeric(logLik(fit)),
              converged = fit$convergence == 0, restarts = restart, nobs = nrow(df),
              means = lapply(list(x1 = rows$x1, x2 = rows$x2), mean))
  g1 <- em(~ f1 | y)
  out$grid_f1 <- tidy(g1, level)
  out$pairs_f1 <- tidy(pairs(g1), level)
  out$pairs_f1_bonferroni <- tidy(pairs(g1), level, adjust = "bonferroni")
  out$trt_f1 <- tidy(contrast(g1, "trt.vs.ctrl"), level)
  g12 <- em(~ f1 | f2 + y)
  out$grid_f1f2 <- tidy(g12, level)
  out$pairs_f1_by_f2 <- tidy(pairs(g12), level)
  out$pairs_f1_by_f2_bonferroni <- tidy(pairs(g12), level, adjust = "bonferroni")
  # f2's first level: R's first category of a Categorical, the first of an ordered factor
  out$trt_f2 <- tidy(contrast(em(~ f2 | y), "trt.vs.ctrl"), level)
  out$outcome_pairs <- tidy(pairs(em(~ y | f1)), level)
  if (isTRUE(spec$factor_only)) {
    gp <- em(~ f1 | y, weights = "proportional")
    out$prop_f1 <- tidy(gp, level)
    out$prop_pairs_f1 <- tidy(pairs(gp), level)
  }
  if (!is.null(spec$at_x1)) {
    at <- list(x1 = unlist(spec$at_x1))
    out$at_f1_x1 <- tidy(em(~ f1 * x1 | y, at = at), level)
    gx <- em(~ x1 | f1 + y, at = at)
    out$pairs_x1 <- tidy(pairs(gx), level)
    m <- mean(rows$x1)
    h <- 1e-4 * sd(rows$x1)
    gs <- em(~ x1 | f1 + y, at = list(x1 = c(m - h, m + h)))
    out$slope_x1 <- tidy(contrast(gs, list(slope = c(-1, 1) / (2 * h))), level)
  }
  out
}

draws <- lapply(specs, function(spec) {
  tryCatch(one(spec), error = function(e) list(seed = spec$seed, error = conditionMessage(e)))
})
versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 emmeans = as.character(packageVersion("emmeans")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, draws = draws), file.path(dir, "emmeans.json"),
           digits = NA, auto_unbox = TRUE, na = "null", null = "null")
