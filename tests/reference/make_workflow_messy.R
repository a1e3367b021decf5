# Reference values for an applied workflow on a messy data set (workflow_messy.csv, written by
# make_workflow_messy.py): frequency weights with an interaction, log() and I() terms and a
# rare factor level, rows dropped for missing values, robust and cluster-robust covariances,
# per-term tests (LR and Wald, type II and III), Wald restrictions, nested LR tests, margins on
# the rows and on a grid with their contrasts under the cluster covariance, another reference,
# predictions on new rows, and a survey design of clusters with sampling weights.
# Run from this folder:  Rscript make_workflow_messy.R   -> workflow_messy.json
#
# Estimates: nnet::multinom (reltol 1e-16) polished by Newton steps on R's model matrix (the
# column of raw incomes, up to 1e6, leaves nnet's BFGS short of the maximum); the covariance is
# the inverse of the exact information there (nnet's vcov is far off for such a column).
# Sandwiches from the row scores u_i = (e_{y_i} - P_i) (x) x_i: HC0 meat sum w_i u_i u_i' (the
# rows repeated w times), clusters sum_g (sum_{i in g} w_i u_i)(...)' times G / (G - 1).
# car::Anova gives the LR tests; Wald tests by term are computed from the covariance (type III
# the term's coefficients, type II W(term and the terms containing it) - W(those terms), which
# is car's conjugate-complement test). Margins by analytic delta methods: over the rows with
# the weights, and on emmeans' reference grid, whose values (emmeans, mode = "prob", vcov. = the
# cluster covariance, from nnet's own coefficients) are stored as their largest distance from
# these (emmeans_gap_*). Effects: the design differenced centrally, the Jacobian by central
# differences in the coefficients. Survey: vcov(svytotal) of the influence functions
# (survey_mnl.R) on the design of all 600 rows, the rows used as a domain; Stata's adjusted F.
# Separation: y ~ log(income) + region * age, where the rare level is fitted exactly; the
# limits of the margins of the other levels (the fit without the rare level's rows) and
# car's type II tests of region and age under two baselines.
suppressPackageStartupMessages({
  library(nnet)
  library(car)
  library(emmeans)
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")  # linearised(): vcov(svytotal) of influence functions

raw <- read.csv("workflow_messy.csv", stringsAsFactors = FALSE)
raw$y <- factor(raw$y)
raw$edu <- factor(raw$edu, levels = c("primary", "secondary", "tertiary"))
raw$region <- factor(raw$region)
keep <- complete.cases(raw[, c("y", "income", "age", "edu", "region")])
df <- raw[keep, ]

f1 <- y ~ log(income) + edu * age + I(age^2) + region
f0 <- y ~ log(income) + edu + age + I(age^2) + region
f2 <- y ~ income + edu * age + region
py <- list(f1 = "y ~ np.log(income) + edu * age + I(age**2) + region",
           f0 = "y ~ np.log(income) + edu + age + I(age**2) + region",
           f2 = "y ~ income + edu * age + region")

probs <- function(X, B) {  # B: (K - 1) x p, rows the non-reference equations
  e <- cbind(0, X %*% t(B)); P <- exp(e - apply(e, 1, max)); P / rowSums(P)
}
info <- function(X, P, w) {
  K <- ncol(P); p <- ncol(X); I <- matrix(0, (K - 1) * p, (K - 1) * p)
  for (j in 2:K) for (l in 2:K) {
    v <- w * ((j == l) * P[, j] - P[, j] * P[, l])
    I[(j - 2) * p + 1:p, (l - 2) * p + 1:p] <- crossprod(X, X * v)
  }
  I
}
loglik <- function(X, Y, w, B) sum(w * log(rowSums(Y * probs(X, B))))
newton <- function(X, Y, w, B) {  # with step halving
  for (it in 1:100) {
    P <- probs(X, B)
    U <- as.vector(crossprod(X, w * (Y[, -1, drop = FALSE] - P[, -1, drop = FALSE])))
    I <- info(X, P, w)
    step <- solve(I, U)
    ll <- loglik(X, Y, w, B); s <- 1
    while (loglik(X, Y, w, B + s * matrix(step, nrow(B), byrow = TRUE)) < ll - 1e-9 && s > 1e-4)
      s <- s / 2
    B <- B + s * matrix(step, nrow(B), byrow = TRUE)
    if (max(abs(step) * sqrt(diag(I))) < 1e-12) break
  }
  P <- probs(X, B)
  list(B = B, I = info(X, P, w), P = P, ll = sum(w * log(rowSums(Y * P))), steps = it)
}
fit_model <- function(formula, data, w, ref = NULL) {
  if (!is.null(ref)) data$y <- relevel(data$y, ref)
  data$.w <- w
  m <- eval(bquote(multinom(.(formula), data = .(data), weights = .w, trace = FALSE,
                            maxit = 100000, reltol = 1e-16, abstol = 1e-300)))
  X <- model.matrix(delete.response(terms(m)), data, xlev = m$xlevels)
  Y <- model.matrix(~ y - 1, data)
  nt <- newton(X, Y, w, coef(m))
  V <- solve(nt$I)
  names <- as.vector(t(outer(m$lev[-1], colnames(X), paste, sep = ":")))
  dimnames(V) <- list(names, names)
  c(nt, list(nnet = m, X = X, Y = Y, w = w, V = V, lev = m$lev, names = names,
             nnet_ll = as.numeric(logLik(m)), data = data))
}
scores <- function(ft) {
  U <- do.call(cbind, lapply(2:ncol(ft$P), function(l) (ft$Y[, l] - ft$P[, l]) * ft$X))
  U
}
sandwich <- function(ft, clusters = NULL) {
  U <- scores(ft)
  if (is.null(clusters)) {
    meat <- crossprod(U, ft$w * U); fac <- 1
  } else {
    S <- rowsum(ft$w * U, clusters); meat <- crossprod(S); G <- nrow(S); fac <- G / (G - 1)
  }
  V <- fac * ft$V %*% meat %*% ft$V
  dimnames(V) <- dimnames(ft$V)
  V
}
wald <- function(ft, V, idx) {
  b <- as.vector(t(ft$B))[idx]
  as.numeric(t(b) %*% solve(V[idx, idx], b))
}
cols_of <- function(ft, cols) which(sub("^[^:]*:", "", ft$names) %in% cols)
eq_cols <- function(ft, term) {  # R's model-matrix columns of a term
  a <- attr(ft$X, "assign"); labs <- attr(terms(ft$nnet), "term.labels")
  colnames(ft$X)[a == match(term, labs)]
}
contains <- function(ft, term) {  # terms whose factors include all of term's
  fac <- attr(terms(ft$nnet), "factors"); labs <- colnames(fac)
  vars <- rownames(fac)[fac[, term] > 0]
  setdiff(labs[sapply(labs, function(t) all(fac[vars, t] > 0))], term)
}
wald_anova <- function(ft, V) {
  labs <- attr(terms(ft$nnet), "term.labels")
  out <- list()
  for (t in labs) {
    own <- cols_of(ft, eq_cols(ft, t))
    rel <- cols_of(ft, unlist(lapply(contains(ft, t), function(r) eq_cols(ft, r))))
    w3 <- wald(ft, V, own)
    w2 <- if (length(rel)) wald(ft, V, c(own, rel)) - wald(ft, V, rel) else w3
    out[[t]] <- list(df = length(own), chi2_II = w2, chi2_III = w3)
  }
  out
}
lin_wald <- function(ft, V, L, r = rep(0, nrow(L))) {
  b <- as.vector(t(ft$B)); d <- L %*% b - r
  as.numeric(t(d) %*% solve(L %*% V %*% t(L), d))
}
Lrow <- function(ft, coefs) {  # named coefficients "outcome:column" -> a row of L
  l <- setNames(rep(0, length(ft$names)), ft$names); l[names(coefs)] <- coefs; l
}
coef_table <- function(ft, V) {
  list(names = ft$names, estimate = as.vector(t(ft$B)), se = sqrt(diag(V)))
}

# --- fits with frequency weights --------------------------------------------------------------
m1 <- fit_model(f1, df, df$fw)
m0 <- fit_model(f0, df, df$fw)
m2 <- fit_model(f2, df, df$fw)
Vr1 <- sandwich(m1); Vc1 <- sandwich(m1, df$clinic)
Vc2 <- sandwich(m2, df$clinic)
null <- fit_model(y ~ 1, df, df$fw)

an2 <- Anova(m1$nnet, type = "II")
an3 <- suppressWarnings(Anova(m1$nnet, type = "III"))
# LR tests by hand with the Newton fits: type III drops the term's columns of R's design
lr3 <- sapply(attr(terms(m1$nnet), "term.labels"), function(t) {
  keepc <- !(colnames(m1$X) %in% eq_cols(m1, t))
  X <- m1$X[, keepc, drop = FALSE]
  B <- 0 * m1$B[, keepc, drop = FALSE]
  2 * (m1$ll - newton(X, m1$Y, m1$w, B)$ll)
})
# type II: the term dropped from the model without the terms that contain it
lr2 <- sapply(attr(terms(m1$nnet), "term.labels"), function(t) {
  rel <- unlist(lapply(contains(m1, t), function(r) eq_cols(m1, r)))
  sub <- function(drop) {
    keepc <- !(colnames(m1$X) %in% drop)
    newton(m1$X[, keepc, drop = FALSE], m1$Y, m1$w, 0 * m1$B[, keepc, drop = FALSE])$ll
  }
  2 * (sub(rel) - sub(c(rel, eq_cols(m1, t))))
})

restr <- list(
  list(text = "b:np.log(income) = c:np.log(income)",
       L = rbind(Lrow(m1, c("b:log(income)" = 1, "c:log(income)" = -1)))),
  list(text = "b:edu[T.tertiary]:age = d:edu[T.tertiary]:age, d:age = 0",
       L = rbind(Lrow(m1, c("b:edutertiary:age" = 1, "d:edutertiary:age" = -1)),
                 Lrow(m1, c("d:age" = 1)))),
  list(text = "2*c:np.log(income) + d:np.log(income) = -0.5",
       L = rbind(Lrow(m1, c("c:log(income)" = 2, "d:log(income)" = 1))), r = -0.5)
)
wald_restr <- lapply(restr, function(x) {
  r <- if (is.null(x$r)) rep(0, nrow(x$L)) else x$r
  list(text = x$text, df = nrow(x$L),
       nonrobust = lin_wald(m1, m1$V, x$L, r), robust = lin_wald(m1, Vr1, x$L, r),
       cluster = lin_wald(m1, Vc1, x$L, r))
})

# --- another reference: refitted, not transformed ---------------------------------------------
mc <- fit_model(f1, df, df$fw, ref = "c")
Vcc <- sandwich(mc, df$clinic)

# --- margins with the cluster covariance -------------------------------------------------------
design <- function(ft, newdata) {
  model.matrix(delete.response(terms(ft$nnet)), newdata, xlev = ft$nnet$xlevels)
}
row_margin <- function(ft, newdata, V) {
  X <- design(ft, newdata); P <- probs(X, ft$B); w <- ft$w
  K <- ncol(P); p <- ncol(X); J <- matrix(0, K, (K - 1) * p)
  for (k in 1:K) for (l in 2:K) {
    d <- w * P[, k] * ((k == l) - P[, l])
    J[k, ((l - 2) * p + 1):((l - 1) * p)] <- colSums(d * X) / sum(w)
  }
  list(P = colSums(w * P) / sum(w), J = J, se = sqrt(diag(J %*% V %*% t(J))))
}
set_edu <- function(ft, lev) { nd <- ft$data; nd$edu <- factor(lev, levels = levels(df$edu)); nd }
over_edu <- lapply(levels(df$edu), function(l) row_margin(m1, set_edu(m1, l), Vc1))
margins_rows <- list(levels = levels(df$edu), outcomes = m1$lev,
                     estimate = lapply(over_edu, `[[`, "P"), se = lapply(over_edu, `[[`, "se"))
diff_margin <- function(a, b, V) {
  J <- a$J - b$J; list(estimate = a$P - b$P, se = sqrt(diag(J %*% V %*% t(J))))
}
contrast_rows <- list(
  reference = lapply(2:3, function(j) c(list(contrast = paste(levels(df$edu)[j], "- primary")),
                                        diff_margin(over_edu[[j]], over_edu[[1]], Vc1))),
  pairwise = lapply(list(c(1, 2), c(1, 3), c(2, 3)), function(pr)
    c(list(contrast = paste(levels(df$edu)[pr[1]], "-", levels(df$edu)[pr[2]])),
      diff_margin(over_edu[[pr[1]]], over_edu[[pr[2]]], Vc1)))
)

# average effects through every term (design differenced centrally, Jacobian by central
# differences in the coefficients)
ame <- function(ft, V, var, rel) {
  f <- function(b) {
    B <- matrix(b, nrow = nrow(ft$B), byrow = TRUE)
    h <- rel * mean(abs(ft$data[[var]]))
    up <- ft$data; dn <- ft$data; up[[var]] <- up[[var]] + h; dn[[var]] <- dn[[var]] - h
    X <- design(ft, ft$data); G <- cbind(0, ((design(ft, up) - design(ft, dn)) / (2 * h)) %*% t(B))
    P <- probs(X, B)
    colSums(ft$w * P * (G - rowSums(P * G))) / sum(ft$w)
  }
  b <- as.vector(t(ft$B)); est <- f(b)
  J <- sapply(seq_along(b), function(a) {
    s <- 1e-5 * max(1e-3, abs(b[a])); u <- b; d <- b; u[a] <- u[a] + s; d[a] <- d[a] - s
    (f(u) - f(d)) / (2 * s)
  })
  list(outcomes = ft$lev, estimate = est, se = sqrt(diag(J %*% V %*% t(J))))
}
ame_cluster <- list(age = ame(m1, Vc1, "age", 1e-6), income = ame(m1, Vc1, "income", 1e-6))
ame_model <- list(age = ame(m1, m1$V, "age", 1e-6))
# the discrete change of edu averaged over the rows is contrast_rows$reference

# emmeans' grid: age at 30 and 60, income at 80000, region's levels equally weighted
em <- emmeans(m1$nnet, ~ y | edu * age, at = list(age = c(30, 60), income = 80000),
              mode = "prob", vcov. = Vc1, df = Inf)
# the same grid by hand with the polished coefficients, and its distance from emmeans'
grid_hand <- function(ft, V) {
  out <- list()
  for (a in c(30, 60)) for (e in levels(df$edu)) {
    nd <- expand.grid(region = levels(df$region), KEEP.OUT.ATTRS = FALSE)
    nd$age <- a; nd$income <- 80000; nd$edu <- factor(e, levels = levels(df$edu))
    X <- design(ft, nd); P <- probs(X, ft$B); K <- ncol(P); p <- ncol(X)
    J <- matrix(0, K, (K - 1) * p)
    for (k in 1:K) for (l in 2:K)
      J[k, ((l - 2) * p + 1):((l - 1) * p)] <- colMeans(P[, k] * ((k == l) - P[, l]) * X)
    out[[length(out) + 1]] <- list(age = a, edu = e, P = colMeans(P), J = J,
                                   se = sqrt(diag(J %*% V %*% t(J))))
  }
  out
}
gh <- grid_hand(m1, Vc1)
ems <- as.data.frame(summary(em))
grid <- lapply(gh, function(g) list(age = g$age, edu = g$edu, outcomes = m1$lev,
                                    estimate = g$P, se = g$se))
em_gap <- max(abs(unlist(lapply(gh, function(g) {
  s <- ems[ems$age == g$age & ems$edu == g$edu, ]; c(s$prob - g$P, s$SE - g$se)
}))))
emc <- as.data.frame(summary(contrast(em, "trt.vs.ctrl", by = c("y", "age"), adjust = "none",
                                      simple = "edu")))
grid_contrast <- lapply(seq_len(nrow(emc)), function(i) list(
  contrast = as.character(emc$contrast[i]), outcome = as.character(emc$y[i]),
  age = emc$age[i], estimate = emc$estimate[i], se = emc$SE[i]))
grid_contrast_hand <- lapply(grid_contrast, function(g) {
  lv <- trimws(strsplit(g$contrast, " - ")[[1]])
  a <- gh[[which(sapply(gh, function(x) x$age == g$age && x$edu == lv[1]))]]
  b <- gh[[which(sapply(gh, function(x) x$age == g$age && x$edu == lv[2]))]]
  k <- match(g$outcome, m1$lev); J <- (a$J - b$J)[k, , drop = FALSE]
  list(contrast = g$contrast, outcome = g$outcome, age = g$age, estimate = a$P[k] - b$P[k],
       se = sqrt(as.numeric(J %*% Vc1 %*% t(J))))
})
em_contrast_gap <- max(abs(unlist(mapply(function(a, b) c(a$estimate - b$estimate, a$se - b$se),
                                         grid_contrast, grid_contrast_hand, SIMPLIFY = FALSE))))

# interaction contrasts on the grid: (edu level - primary) at age 30 minus the same at age 60
grid_interaction <- list()
for (e in levels(df$edu)[2:3]) {
  pick <- function(a, l) gh[[which(sapply(gh, function(x) x$age == a && x$edu == l))]]
  J <- (pick(30, e)$J - pick(30, "primary")$J) - (pick(60, e)$J - pick(60, "primary")$J)
  est <- (pick(30, e)$P - pick(30, "primary")$P) - (pick(60, e)$P - pick(60, "primary")$P)
  grid_interaction[[length(grid_interaction) + 1]] <- list(
    contrast = paste(e, "- primary"), outcomes = m1$lev, estimate = est,
    se = sqrt(diag(J %*% Vc1 %*% t(J))))
}

# effects with age set to 30 and 60 in every row, averaged over the rows
ame_at_age <- lapply(c(30, 60), function(a) {
  ft <- m1; ft$data$age <- a
  list(age = a, age_effect = ame(ft, Vc1, "age", 1e-6), income_effect = ame(ft, Vc1, "income", 1e-6))
})
# the rare level: margins over region averaged over the rows and their differences from island
over_region <- lapply(levels(df$region), function(l) {
  nd <- m1$data; nd$region <- factor(l, levels = levels(df$region)); row_margin(m1, nd, Vc1)
})
region_changes <- lapply(2:4, function(j) c(
  list(contrast = paste(levels(df$region)[j], "- island")),
  diff_margin(over_region[[j]], over_region[[1]], Vc1)))
# the raw-income model: income set to 2e4 and 5e5 in every row, cluster covariance
at_income_raw <- lapply(c(2e4, 5e5), function(v) {
  nd <- m2$data; nd$income <- v; r <- row_margin(m2, nd, Vc2)
  list(income = v, outcomes = m2$lev, estimate = r$P, se = r$se)
})

# --- predictions on new rows ----------------------------------------------------------------
newrows <- data.frame(income = c(25000, 300000, 1.2e6, 60000),
                      age = c(22, 45, 70, 85),
                      edu = factor(c("tertiary", "primary", "secondary", "tertiary"),
                                   levels = levels(df$edu)),
                      region = factor(c("island", "west", "north", "south"),
                                      levels = levels(df$region)))
pnew <- probs(design(m1, newrows), m1$B)
nnet_pnew_gap <- max(abs(predict(m1$nnet, newrows, type = "probs") - pnew))
# their delta-method standard errors with the cluster covariance, sqrt(J V J') with
# J = P_ik (delta_kl - P_il) x_i, and 90% intervals on the logit scale
Xn <- design(m1, newrows)
pse <- t(sapply(seq_len(nrow(Xn)), function(i) {
  P <- pnew[i, ]; K <- length(P); p <- ncol(Xn); J <- matrix(0, K, (K - 1) * p)
  for (k in 1:K) for (l in 2:K) J[k, ((l - 2) * p + 1):((l - 1) * p)] <- P[k] * ((k == l) - P[l]) * Xn[i, ]
  sqrt(diag(J %*% Vc1 %*% t(J)))
}))
z90 <- qnorm(0.95)
plo <- plogis(qlogis(pnew) - z90 * pse / (pnew * (1 - pnew)))
pup <- plogis(qlogis(pnew) + z90 * pse / (pnew * (1 - pnew)))

# --- survey design: clinics as PSUs, sampling weights -----------------------------------------
ms <- fit_model(f1, df, df$sw)
h <- scores(ms) %*% solve(ms$I); colnames(h) <- paste0("h", seq_len(ncol(h)))
dsg <- svydesign(ids = ~clinic, weights = ~sw, data = raw)
Vs <- linearised(dsg, list(h = h), keep)
dimnames(Vs) <- dimnames(ms$V)
d_design <- degf(dsg)
svy_anova <- wald_anova(ms, Vs)
svy_over_edu <- lapply(levels(df$edu), function(l) {
  r <- row_margin(ms, set_edu(ms, l), Vs); list(edu = l, outcomes = ms$lev, estimate = r$P, se = r$se)
})
svy_restr <- lapply(restr, function(x) {
  r <- if (is.null(x$r)) rep(0, nrow(x$L)) else x$r
  k <- nrow(x$L); W <- lin_wald(ms, Vs, x$L, r)
  Fv <- (d_design - k + 1) / (d_design * k) * W
  list(text = x$text, df = k, df_denom = d_design - k + 1, F = Fv,
       p = pf(Fv, k, d_design - k + 1, lower.tail = FALSE))
})
for (t in names(svy_anova)) {
  k <- svy_anova[[t]]$df
  for (ty in c("II", "III")) {
    W <- svy_anova[[t]][[paste0("chi2_", ty)]]
    Fv <- (d_design - k + 1) / (d_design * k) * W
    svy_anova[[t]][[paste0("F_", ty)]] <- Fv
    svy_anova[[t]][[paste0("p_", ty)]] <- pf(Fv, k, d_design - k + 1, lower.tail = FALSE)
  }
}

# --- separation by the rare level: y ~ log(income) + region * age ------------------------------
# island's 5 rows are fitted exactly by its own intercept and slope in every equation, so those
# (and, with island the baseline, the intercept and age's slope) diverge. Margins with region
# set to another level in every row do not run through them: their limits are the fit without
# island's rows (whose scores vanish in the limit), averaged over all rows used.
ds <- raw[complete.cases(raw[, c("y", "income", "age", "region")]), ]
ms_sep <- fit_model(y ~ log(income) + region * age, droplevels(ds[ds$region != "island", ]),
                    ds$fw[ds$region != "island"])
Vsep <- list(nonrobust = ms_sep$V, cluster = sandwich(ms_sep, ds$clinic[ds$region != "island"]))
# car's type II LR tests of region and age compare models without region:age, which are not
# separated: the same whatever region's baseline (log(income)'s and region:age's run through
# the separated fit, where nnet stopped, and are left out)
anova_sep <- lapply(c("island", "north"), function(base) {
  d <- ds; d$region <- relevel(d$region, base)
  m <- multinom(y ~ log(income) + region * age, data = d, weights = fw, trace = FALSE,
                maxit = 100000, reltol = 1e-16, abstol = 1e-300)
  a <- Anova(m, type = "II")
  list(baseline = base, terms = c("region", "age"), chi2 = a[c("region", "age"), "LR Chisq"],
       df = a[c("region", "age"), "Df"])
})
separated <- list(rows = nrow(ds), anova_ii = anova_sep, over_region = lapply(c("north", "south", "west"), function(l) {
  nd <- ds; nd$region <- factor(l, levels = levels(ms_sep$data$region))
  X <- model.matrix(delete.response(terms(ms_sep$nnet)), nd, xlev = ms_sep$nnet$xlevels)
  ft <- ms_sep; ft$w <- ds$fw
  out <- list(region = l, outcomes = ms_sep$lev)
  for (cov in names(Vsep)) {
    P <- probs(X, ft$B); K <- ncol(P); p <- ncol(X); J <- matrix(0, K, (K - 1) * p)
    for (k in 1:K) for (j in 2:K)
      J[k, ((j - 2) * p + 1):((j - 1) * p)] <- colSums(ft$w * P[, k] * ((k == j) - P[, j]) * X) / sum(ft$w)
    out$estimate <- colSums(ft$w * P) / sum(ft$w)
    out[[paste0("se_", cov)]] <- sqrt(diag(J %*% Vsep[[cov]] %*% t(J)))
  }
  out
}))

out <- list(
  formulas = py, n_used = nrow(df), rows_dropped = sum(!keep),
  weights_sum = sum(df$fw),
  f1 = list(ll = m1$ll, nnet_ll = m1$nnet_ll, llnull = null$ll, newton_steps = m1$steps,
            nonrobust = coef_table(m1, m1$V), robust = coef_table(m1, Vr1),
            cluster = coef_table(m1, Vc1), clusters = length(unique(df$clinic))),
  f0 = list(ll = m0$ll), lr_f0_f1 = 2 * (m1$ll - m0$ll), lr_df = length(m1$names) - length(m0$names),
  f2 = list(ll = m2$ll, nnet_ll = m2$nnet_ll, nonrobust = coef_table(m2, m2$V),
            cluster = coef_table(m2, Vc2)),
  anova_lr = list(terms = rownames(an2), chi2_II = an2[["LR Chisq"]], df = an2[["Df"]],
                  chi2_III = an3[["LR Chisq"]], chi2_II_newton = unname(lr2),
                  chi2_III_newton = unname(lr3)),
  anova_wald = list(robust = wald_anova(m1, Vr1), cluster = wald_anova(m1, Vc1)),
  wald_restrictions = wald_restr,
  ref_c = list(ll = mc$ll, nonrobust = coef_table(mc, mc$V), cluster = coef_table(mc, Vcc)),
  margins_rows = margins_rows, contrast_rows = contrast_rows,
  ame_cluster = ame_cluster, ame_model = ame_model,
  grid = grid, grid_contrast = grid_contrast_hand, emmeans_gap_grid = em_gap,
  emmeans_gap_contrast = em_contrast_gap, grid_interaction = grid_interaction,
  ame_at_age = ame_at_age, region_changes = region_changes, at_income_raw = at_income_raw,
  newrows = list(income = newrows$income, age = newrows$age, edu = as.character(newrows$edu),
                 region = as.character(newrows$region), prob = unname(split(pnew, row(pnew))),
                 se_cluster = unname(split(pse, row(pse))), lower90 = unname(split(plo, row(plo))),
                 upper90 = unname(split(pup, row(pup))),
                 nnet_gap = nnet_pnew_gap),
  separated = separated,
  survey = list(coef = coef_table(ms, Vs), df_design = d_design, anova = svy_anova,
                over_edu = svy_over_edu, restrictions = svy_restr)
)
versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 car = as.character(packageVersion("car")),
                 emmeans = as.character(packageVersion("emmeans")),
                 survey = as.character(packageVersion("survey")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write(toJSON(c(list(versions = versions), out), auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "workflow_messy.json")
