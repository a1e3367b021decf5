# Reference values for mnlogit's margins averaged over the observed rows (Stata's predictive
# margins and average marginal effects) where the other scripts leave gaps: over= and at=
# together on a frequency-weighted fit, slopes of a numeric variable that interacts with a
# factor (inc * region: the slope differs per region, margins(kind="effect", over="region")),
# slopes through log() and an orthogonal polynomial, discrete changes of factors,
# contrasts of margins and contrasts of contrasts, values outside the data, each with the
# model-based, robust (HC0) and cluster-robust (household) covariance, and a survey design
# (t on its df).
#
# Data: the bundled travel data (mnlogit/data/travel.csv without the rows missing income;
# inc = income / 100, ag = age / 100), frequency weights w = 1 + (row %% 3) on the rows kept
# (rows counted from 1), reference car. Model:
#   mode ~ inc * region + log(distance) + poly(ag, 2) + purpose
# The fit is weighted Newton to a step below 1e-13 on R's model.matrix (R's poly and
# formulaic's span the same columns, so every probability is the same); its covariance is
# the exact inverse information (no nnet Hessian), the HC0 sandwich with meat
# sum_i w_i u_i u_i', and the cluster sandwich with meat sum_g (sum_{i in g} w_i u_i)(...)'
# times G / (G - 1). Margins are weighted averages of the rows' probabilities with the
# values set, their Jacobians analytic; a slope is dP/dx = P_k (g_k - sum_j P_j g_j),
# g = (dX/dx) b, with dX/dx by central differences of the design (step 1e-6 max(1, |x|)), and
# its Jacobian analytic in b. The survey case is svydesign(ids = ~blk, weights = ~pw) with
# blk = household %/% 40 (31 PSUs, df 30), pw = w, covariance vcov(svytotal()) of the influence
# functions, as svyglm; its intervals are on t with 30 df.
#
# Run from this folder:  Rscript margins_rows_effects.R   -> margins_rows_effects.json
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

df <- read.csv("../../mnlogit/data/travel.csv", stringsAsFactors = TRUE)
df <- df[!is.na(df$income), ]
rownames(df) <- NULL
df$mode <- relevel(df$mode, ref = "car")
df$inc <- df$income / 100
df$ag <- df$age / 100
df$w <- 1 + (seq_len(nrow(df)) %% 3)
df$blk <- df$household %/% 40
formula <- mode ~ inc * region + log(distance) + poly(ag, 2) + purpose
mf <- model.frame(formula, df)
terms_ <- attr(mf, "terms")
xlev <- .getXlevels(terms_, mf)
design <- function(nd) {
  model.matrix(delete.response(terms_), model.frame(delete.response(terms_), nd, xlev = xlev))
}
X <- design(df)
lev <- levels(df$mode)
Y <- sapply(lev, function(l) as.numeric(df$mode == l))
p <- ncol(X); K <- length(lev); q <- K - 1

probs <- function(X, B) {  # B: p x q, reference first
  eta <- cbind(0, X %*% B)
  P <- exp(eta - apply(eta, 1, max)); P / rowSums(P)
}
information <- function(X, w, B) {
  P <- probs(X, B)[, -1, drop = FALSE]
  I <- matrix(0, p * q, p * q)
  for (j in 1:q) for (l in 1:q) {
    v <- w * ((j == l) * P[, j] - P[, j] * P[, l])
    I[(j - 1) * p + 1:p, (l - 1) * p + 1:p] <- crossprod(X, X * v)
  }
  I
}
scores <- function(X, B) {  # u_i, equation-major
  P <- probs(X, B)
  do.call(cbind, lapply(2:K, function(l) X * (Y[, l] - P[, l])))
}
w <- df$w
B <- matrix(0, p, q)
for (it in 1:200) {
  U <- as.vector(crossprod(X, w * (Y[, -1] - probs(X, B)[, -1])))
  step <- solve(information(X, w, B), U)
  B <- B + matrix(step, p, q)
  if (max(abs(step)) < 1e-13) break
}
A <- solve(information(X, w, B))
u <- scores(X, B)
V_robust <- A %*% crossprod(u * sqrt(w)) %*% A
S <- rowsum(u * w, df$household)
G <- nrow(S)
V_cluster <- G / (G - 1) * A %*% crossprod(S) %*% A
svy <- svydesign(ids = ~blk, weights = ~w, data = transform(df, h = 0))
H <- u %*% A
colnames(H) <- paste0("h", seq_len(ncol(H)))
svy_h <- svydesign(ids = ~blk, weights = ~w, data = cbind(df, H))
V_survey <- unname(vcov(svytotal(as.formula(paste("~", paste(colnames(H), collapse = "+"))),
                                 svy_h)))
dfd <- degf(svy_h)

set_values <- function(values) {
  nd <- df
  for (v in names(values)) {
    nd[[v]] <- if (is.factor(df[[v]])) factor(values[[v]], levels = levels(df[[v]])) else values[[v]]
  }
  nd
}

# a probability margin: estimate (K) and Jacobian (K x pq)
prob_margin <- function(nd) {
  Xn <- design(nd); P <- probs(Xn, B)
  J <- matrix(0, K, p * q)
  for (k in 1:K) for (l in 2:K) {
    d <- w * P[, k] * ((k == l) - P[, l])
    J[k, (l - 2) * p + 1:p] <- colSums(d * Xn) / sum(w)
  }
  list(est = colSums(w * P) / sum(w), J = J)
}
# an average slope in numeric variable v on the rows nd
slope_margin <- function(nd, v) {
  Xn <- design(nd)
  h <- 1e-6 * pmax(1, abs(nd[[v]]))
  up <- nd; up[[v]] <- nd[[v]] + h
  dn <- nd; dn[[v]] <- nd[[v]] - h
  D <- (design(up) - design(dn)) / (2 * h)
  P <- probs(Xn, B)
  Gm <- cbind(0, D %*% B)
  gbar <- rowSums(P * Gm)
  est <- colSums(w * P * (Gm - gbar)) / sum(w)
  J <- matrix(0, K, p * q)
  for (k in 1:K) for (l in 2:K) {
    # d/db_l [P_k (g_k - gbar)]
    a <- P[, k] * ((k == l) - P[, l]) * (Gm[, k] - gbar) - P[, k] * P[, l] * (Gm[, l] - gbar)
    bcoef <- P[, k] * ((k == l) - P[, l])
    d <- colSums(w * a * Xn) + colSums(w * bcoef * D)
    J[k, (l - 2) * p + 1:p] <- d / sum(w)
  }
  list(est = est, J = J)
}
difference <- function(a, b) list(est = a$est - b$est, J = a$J - b$J)

rows_of <- function(m, V, keys, crit) {
  se <- sqrt(pmax(0, diag(m$J %*% V %*% t(m$J))))
  lapply(1:K, function(k) c(keys, list(outcome = lev[k], estimate = m$est[k], se = se[k],
                                       lower = m$est[k] - crit * se[k],
                                       upper = m$est[k] + crit * se[k])))
}

quantities <- function(V, crit) {
  out <- list()
  add <- function(name, m, keys) out[[name]] <<- c(out[[name]], rows_of(m, V, keys, crit))
  # margins(at={"inc": [0.1, 0.9]}, over="purpose") and its contrasts
  pm <- list()
  for (i in c(0.1, 0.9)) for (pu in levels(df$purpose)) {
    m <- prob_margin(set_values(list(inc = i, purpose = pu)))
    pm[[paste(i, pu)]] <- m
    add("at_over", m, list(inc = i, purpose = pu))
  }
  for (i in c(0.1, 0.9)) for (pu in levels(df$purpose)[-1]) {
    add("contrast_purpose", difference(pm[[paste(i, pu)]], pm[[paste(i, "leisure")]]),
        list(inc = i, purpose = pu))
  }
  for (pu in levels(df$purpose)[-1]) {
    a <- difference(pm[[paste(0.9, pu)]], pm[[paste(0.9, "leisure")]])
    b <- difference(pm[[paste(0.1, pu)]], pm[[paste(0.1, "leisure")]])
    add("contrast_of_contrast", difference(a, b), list(purpose = pu))
  }
  # margins(kind="effect", over="region", variables=["inc", "distance", "ag"])
  for (v in c("inc", "distance", "ag")) for (r in levels(df$region)) {
    add("effect_over", slope_margin(set_values(list(region = r)), v), list(variable = v, region = r))
  }
  # margins(kind="effect", at={"inc": [0.1, 0.9]}, over="region", variables="inc") and the
  # differences of those slopes between regions
  sl <- list()
  for (i in c(0.1, 0.9)) for (r in levels(df$region)) {
    m <- slope_margin(set_values(list(inc = i, region = r)), "inc")
    sl[[paste(i, r)]] <- m
    add("effect_at_over", m, list(inc = i, region = r))
  }
  for (i in c(0.1, 0.9)) for (r in levels(df$region)[-1]) {
    add("effect_contrast_region", difference(sl[[paste(i, r)]], sl[[paste(i, "rural")]]),
        list(inc = i, region = r))
  }
  # marginal_effects(): average slopes and discrete changes from the baseline
  for (v in c("inc", "distance", "ag")) add("ame", slope_margin(df, v), list(variable = v))
  for (f in c("region", "purpose")) {
    base <- prob_margin(set_values(setNames(list(levels(df[[f]])[1]), f)))
    for (l in levels(df[[f]])[-1]) {
      add("ame", difference(prob_margin(set_values(setNames(list(l), f))), base),
          list(variable = paste0(f, "[T.", l, "]")))
    }
  }
  # values outside the data (inc up to 2.26, distance up to 136.9)
  add("outside", prob_margin(set_values(list(inc = 3, distance = 300))),
      list(inc = 3, distance = 300))
  add("outside_effect", slope_margin(set_values(list(inc = 3, distance = 300)), "distance"),
      list(variable = "distance", inc = 3, distance = 300))
  out
}

z <- qnorm(0.975)
cases <- list(
  nonrobust = quantities(A, z),
  robust = quantities(V_robust, z),
  cluster = quantities(V_cluster, z),
  survey = quantities(V_survey, qt(0.975, dfd))
)
eta_max <- max(abs(X %*% B))
write(toJSON(list(
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  data = "travel.csv without rows missing income; inc = income/100, ag = age/100, w = 1 + (row %% 3), blk = household %/% 40",
  formula = "mode ~ inc * region + np.log(distance) + poly(ag, 2) + purpose",
  ref = "car", newton_iterations = it, design_df = dfd, n_clusters = G,
  loglik = sum(w * log(rowSums(Y * probs(X, B)))),
  cases = cases),
  auto_unbox = TRUE, digits = NA, pretty = TRUE), "margins_rows_effects.json")
