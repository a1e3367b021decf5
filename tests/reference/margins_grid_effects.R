# Reference values for mnlogit's marginal effects on a reference grid (margins(kind="effect",
# average="grid")), which no other reference covers: partic ~ log(hincome) * children + region
# on womenlf.csv (hincome enters through two terms and a log), nnet::multinom (reltol 1e-16).
# The effect of hincome is the central difference of emmeans' grid probabilities (mode =
# "prob", the other factors' levels equally weighted) at hincome -/+ h, h = 1e-4 hincome, as
# one linear contrast of the two, so that its standard error is emmeans' own delta method:
# at hincome's mean (where the grid holds it) by children, and at hincome = 10 and 30. The
# discrete changes of children and region are emmeans' trt.vs.ctrl contrasts (adjust =
# "none") against the first level, at hincome = 10 and 30.
# Run from this folder:  Rscript margins_grid_effects.R   -> margins_grid_effects.json
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
fit <- multinom(partic ~ log(hincome) * children + region, data = df, Hess = TRUE,
                trace = FALSE, maxit = 10000, reltol = 1e-16, abstol = 1e-300)

tidy <- function(x, rename = character()) {
  s <- as.data.frame(summary(x, infer = FALSE))
  keep <- setdiff(names(s), c("df", "asymp.LCL", "asymp.UCL", "lower.CL", "upper.CL",
                              "z.ratio", "p.value"))
  s <- s[, keep]
  names(s)[names(s) %in% c("estimate", "prob")] <- "estimate"
  names(s)[names(s) == "SE"] <- "se"
  names(s)[names(s) == "partic"] <- "outcome"
  for (old in names(rename)) names(s)[names(s) == old] <- rename[[old]]
  for (j in seq_along(s)) if (is.factor(s[[j]])) s[[j]] <- as.character(s[[j]])
  s
}

# d P / d hincome at x (each by children), from the grid at x - h and x + h
slope <- function(x, by) {
  h <- 1e-4 * x
  em <- emmeans(fit, as.formula(paste("~ hincome |", by)), at = list(hincome = c(x - h, x + h)),
                mode = "prob")
  tidy(contrast(em, list(slope = c(-1, 1) / (2 * h))), c(contrast = "variable"))
}

mean_hincome <- mean(df$hincome)
at <- c(10, 30)
slopes_at <- do.call(rbind, lapply(at, function(x) {
  s <- slope(x, "partic")
  s$hincome <- x
  s
}))
changes <- function(var) {
  em <- emmeans(fit, as.formula(paste("~", var, "| partic * hincome")),
                at = list(hincome = at), mode = "prob")
  s <- tidy(contrast(em, "trt.vs.ctrl", ref = 1, adjust = "none"))
  s$variable <- paste0(var, "[T.", sub(paste0(" - ", levels(df[[var]])[1]), "", s$contrast), "]")
  s$contrast <- NULL
  s
}

out <- list(
  formula = "partic ~ np.log(hincome) * children + region",
  ref = "not.work",
  loglik = as.numeric(logLik(fit)),
  mean_hincome = mean_hincome,
  at = list(hincome = at),
  slope_at_mean_by_children = slope(mean_hincome, "partic * children"),
  slope_at = slopes_at,
  changes = rbind(changes("children"), changes("region"))
)

versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  emmeans = as.character(packageVersion("emmeans")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
write(toJSON(list(versions = versions, data = "womenlf.csv", case = out),
             auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "margins_grid_effects.json")
