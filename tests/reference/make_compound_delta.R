# Delta-method standard errors and Wald tests that run through the intercept of a design
# ill conditioned over several columns, y ~ year + I(year^2 - 4e6) on compound_collinear.csv
# (reference a): at year 2005 a prediction's gradient is (1, 2005, 20025) (x) ..., whose
# quadratic form in the covariance of the columns' own coefficients (condition 5.6e10)
# cancels to 1e-9 of its terms. Computed on the well-conditioned basis t = (year - 2005) / 10,
# which spans the same model: VGAM::vglm(multinomial(refLevel = "a")), epsilon 1e-12, its
# vcov() and a robust (HC0) sandwich built by hand from the row scores (y - P) (x) x. Stored,
# for the model-based and the robust covariance:
#   * probabilities and their standard errors sqrt(g' V g), g = P_m (e_m - P) (x) x, at
#     year 1990, 2005, 2020 (outcomes a, b, c);
#   * the average marginal effect of year (dP/dyear averaged over the rows; its Jacobian by
#     central differences in the coefficients, steps 1e-5 max(1, |b|)) and its standard errors;
#   * Wald statistics of the log-odds at 2005, b:Intercept + 2005 b:year + 20025
#     b:I(year^2 - 4e6) = q_b and the same for c, with q = (0, 0) and (0.3, -0.2): in t those
#     are the intercepts;
#   * the Wald statistic of b:Intercept = -44000, b:year = 22 in the columns' own
#     coefficients b = A c (A maps those of 1, t, t^2 to those of 1, year, year^2 - 4e6),
#     as R A c = q restated on an orthonormal basis of its rows.
# And Firth's estimates (brglm2::brmultinom, type AS_mean, epsilon 1e-12) on the same basis:
# probabilities and their standard errors with its vcov(), at the same years.
# Run from this folder: Rscript make_compound_delta.R  (writes compound_delta.json)
suppressMessages({library(VGAM); library(brglm2); library(jsonlite)})
d <- read.csv("compound_collinear.csv")
d$y <- factor(d$y, levels = c("a", "b", "c"))
d$t <- (d$year - 2005) / 10
fit <- vglm(y ~ t + I(t^2), multinomial(refLevel = "a"), data = d,
            control = vglm.control(epsilon = 1e-12, maxit = 200))
order <- c(1, 3, 5, 2, 4, 6)  # VGAM term by term -> equation by equation (b, then c)
theta <- coef(fit)[order]
V_model <- vcov(fit)[order, order]
X <- cbind(1, d$t, d$t^2)
probs <- function(theta, X) {
  eta <- cbind(0, X %*% matrix(theta, nrow = 3))
  P <- exp(eta - apply(eta, 1, max))
  P / rowSums(P)
}
P <- probs(theta, X)
Y <- model.matrix(~ y - 1, d)
scores <- cbind((Y[, 2] - P[, 2]) * X, (Y[, 3] - P[, 3]) * X)  # equation by equation
V_robust <- V_model %*% crossprod(scores) %*% V_model
pred_se <- function(V, years) {
  x <- cbind(1, (years - 2005) / 10, ((years - 2005) / 10)^2)
  Pn <- probs(theta, x)
  se <- matrix(0, nrow(x), 3)
  for (i in seq_len(nrow(x))) for (m in 1:3) {
    g <- c(Pn[i, m] * ((m == 2) - Pn[i, 2]) * x[i, ], Pn[i, m] * ((m == 3) - Pn[i, 3]) * x[i, ])
    se[i, m] <- sqrt(drop(t(g) %*% V %*% g))
  }
  list(prob = Pn, se = se)
}
ame <- function(theta) {  # d P / d year, averaged over the rows
  B <- matrix(theta, nrow = 3)
  Pr <- probs(theta, X)
  G <- cbind(0, cbind(0, 1, 2 * d$t) %*% B / 10)
  colMeans(Pr * (G - rowSums(Pr * G)))
}
J <- matrix(0, 3, 6)
for (a in 1:6) {
  h <- 1e-5 * max(1, abs(theta[a]))
  e <- replace(numeric(6), a, h)
  J[, a] <- (ame(theta + e) - ame(theta - e)) / (2 * h)
}
wald <- function(V, q) {
  r <- theta[c(1, 4)] - q
  drop(t(r) %*% solve(V[c(1, 4), c(1, 4)], r))
}
years <- c(1990, 2005, 2020)
A1 <- solve(rbind(c(1, 2005, 2005^2 - 4e6), c(0, 10, 40100), c(0, 0, 100)))
A <- kronecker(diag(2), A1)
own_wald <- function(V) {  # b:Intercept = -44000, b:year = 22, as R_c c = q, R_c = R A
  Rc <- rbind(c(1, 0, 0, 0, 0, 0), c(0, 1, 0, 0, 0, 0)) %*% A
  # restated on an orthonormal basis of R_c's rows (R_c = T' Q'): Q' c = T'^-1 q, whose
  # R V R' is well conditioned; in the columns' own coefficients that block is singular to
  # rounding (solve() refuses it: reciprocal condition 2.8e-17)
  f <- qr(t(Rc))
  Q <- qr.Q(f)
  Tm <- qr.R(f)
  qs <- backsolve(Tm, c(-44000, 22), transpose = TRUE)
  r <- drop(t(Q) %*% theta) - qs
  drop(t(r) %*% solve(t(Q) %*% V %*% Q, r))
}
out <- list(generated_by = "tests/reference/make_compound_delta.R",
            versions = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            formula = "y ~ year + I(year**2 - 4e6)", ref = "a", outcomes = c("a", "b", "c"),
            years = years, ame = ame(theta), q = list(c(0, 0), c(0.3, -0.2)))
for (kind in c("nonrobust", "robust")) {
  V <- if (kind == "nonrobust") V_model else V_robust
  pr <- pred_se(V, years)
  out[[kind]] <- list(prob = pr$prob, prob_se = pr$se,
                      ame_se = sqrt(diag(J %*% V %*% t(J))),
                      wald = c(wald(V, c(0, 0)), wald(V, c(0.3, -0.2))),
                      own_wald = own_wald(V))
}
theta_vglm <- theta
firth <- brmultinom(y ~ t + I(t^2), data = d, type = "AS_mean",
                    control = list(epsilon = 1e-12, maxit = 500))
theta <- as.vector(t(coef(firth)))  # equation by equation, as vcov(firth) orders them
pr <- pred_se(vcov(firth), years)
out$firth <- list(prob = pr$prob, prob_se = pr$se)
out$versions$brglm2 <- as.character(packageVersion("brglm2"))
theta <- theta_vglm
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "compound_delta.json")
