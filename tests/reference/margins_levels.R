# Reference values for mnlogit's margins of a factor whose levels are given in another order
# than sorted (formulaic's C(g, levels=[...]), R's factor(g, levels = ...)): the baseline of
# its discrete changes is the first level given, and its margins come in the order given.
# womenlf.csv (carData's Womenlf), nnet::multinom (reltol 1e-16), margins averaged over the
# observed rows with a hand delta method (analytic Jacobian P_ik (delta_kl - P_il) x_i) and
# vcov(fit); emmeans (mode = "prob") on its reference grid.
# Run from this folder:  Rscript margins_levels.R   -> margins_levels.json
suppressPackageStartupMessages({
  library(nnet)
  library(emmeans)
  library(jsonlite)
})
source("ame_delta.R")

df <- read.csv("womenlf.csv", stringsAsFactors = FALSE)
df$partic <- factor(df$partic)
df$region_g <- factor(df$region, levels = c("Ontario", "Atlantic", "BC", "Prairie", "Quebec"))
df$children_g <- factor(df$children, levels = c("present", "absent"))
df$region <- factor(df$region)
df$children <- factor(df$children)

fit_multinom <- function(formula) {
  eval(bquote(multinom(.(formula), data = df, Hess = TRUE, trace = FALSE, maxit = 10000,
                       reltol = 1e-16, abstol = 1e-300)))
}

probs_and_jacobian <- function(fit, newdata) {
  X <- model.matrix(delete.response(terms(fit)), newdata,
                    xlev = fit$xlevels, contrasts.arg = fit$contrasts)
  B <- coef(fit)
  eta <- cbind(0, X %*% t(B))
  P <- exp(eta - apply(eta, 1, max))
  P <- P / rowSums(P)
  K <- ncol(P); p <- ncol(X)
  J <- matrix(0, K, (K - 1) * p)
  for (k in 1:K) for (l in 2:K) {
    d <- P[, k] * ((k == l) - P[, l])
    J[k, ((l - 2) * p + 1):((l - 1) * p)] <- colMeans(d * X)
  }
  list(P = colMeans(P), J = J, levels = fit$lev)
}

at_level <- function(fit, var, level) {
  nd <- df
  nd[[var]] <- factor(level, levels = levels(df[[var]]))
  probs_and_jacobian(fit, nd)
}

# margins with the factor set to each level, and each level's change from the first level
factor_margins <- function(fit, var, label) {
  lv <- levels(df[[var]])
  parts <- lapply(lv, function(l) at_level(fit, var, l))
  V <- vcov(fit)
  margins <- list(); changes <- list()
  for (i in seq_along(lv)) {
    se <- sqrt(diag(parts[[i]]$J %*% V %*% t(parts[[i]]$J)))
    for (k in seq_along(fit$lev)) {
      margins[[length(margins) + 1]] <- setNames(
        list(lv[i], fit$lev[k], parts[[i]]$P[k], se[k]), c(label, "outcome", "estimate", "se"))
    }
    if (i == 1) next
    J <- parts[[i]]$J - parts[[1]]$J
    se <- sqrt(diag(J %*% V %*% t(J)))
    for (k in seq_along(fit$lev)) {
      changes[[length(changes) + 1]] <- list(
        variable = paste0(label, "[T.", lv[i], "]"), outcome = fit$lev[k],
        estimate = parts[[i]]$P[k] - parts[[1]]$P[k], se = se[k])
    }
  }
  list(order = lv, margins = margins, changes = changes)
}

# average effect of hincome, by central differences of the design, Jacobian by central
# differences in b (steps 1e-6 and 1e-5)
ame_hincome <- function(fit) {
  tt <- delete.response(terms(fit))
  design <- function(d) model.matrix(tt, d, xlev = fit$xlevels, contrasts.arg = fit$contrasts)
  h <- 1e-6
  X <- design(df)
  D <- (design(transform(df, hincome = hincome + h)) -
        design(transform(df, hincome = hincome - h))) / (2 * h)
  r <- average_slopes(fit, X, D)
  lapply(seq_along(fit$lev), function(k)
    list(variable = "hincome", outcome = fit$lev[k], estimate = r$estimate[k], se = r$se[k]))
}

grid <- function(fit, var, label) {
  s <- as.data.frame(summary(emmeans(fit, as.formula(paste("~ partic |", var)), mode = "prob"),
                             infer = FALSE))
  lapply(seq_len(nrow(s)), function(i) setNames(
    list(as.character(s[[var]][i]), as.character(s$partic[i]), s$prob[i], s$SE[i]),
    c(label, "outcome", "estimate", "se")))
}

cases <- list(
  region = list(
    formula_r = "partic ~ hincome + children + region_g",
    formula = "partic ~ hincome + children + C(region, levels=['Ontario', 'Atlantic', 'BC', 'Prairie', 'Quebec'])",
    var = "region_g", label = "region"),
  children = list(
    formula_r = "partic ~ hincome * children_g + region",
    formula = "partic ~ hincome * C(children, levels=['present', 'absent']) + region",
    var = "children_g", label = "children")
)
out <- list()
for (nm in names(cases)) {
  cs <- cases[[nm]]
  fit <- fit_multinom(as.formula(cs$formula_r))
  fm <- factor_margins(fit, cs$var, cs$label)
  out[[nm]] <- list(
    formula_r = cs$formula_r, formula = cs$formula, ref = fit$lev[1],
    loglik = as.numeric(logLik(fit)), levels = fm$order,
    over = fm$margins, changes = fm$changes, ame_hincome = ame_hincome(fit),
    grid = grid(fit, cs$var, cs$label))
}

versions <- list(
  R = R.version.string,
  nnet = as.character(packageVersion("nnet")),
  emmeans = as.character(packageVersion("emmeans")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
write(toJSON(list(versions = versions, data = "carData::Womenlf (womenlf.csv)", cases = out),
             auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "margins_levels.json")
