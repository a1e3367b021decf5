# The average marginal effect of a numeric variable and its delta-method standard errors, for
# an nnet::multinom fit: X is the design of the rows, D its derivative with respect to the
# variable (one row each); the effect is the mean over the rows of P_ik (g_ik - sum_j P_ij g_ij)
# with g_i = D_i B (0 for the reference), its Jacobian central differences in the coefficients
# (steps 1e-5 max(1, |b|)), its standard errors sqrt(diag(J vcov(fit) J')). Sourced by the
# scripts that write margins_levels.json and margins_spline_bounds.json.
average_slopes <- function(fit, X, D) {
  slopes <- function(theta) {            # theta: the coefficients, equation by equation
    Bt <- t(matrix(theta, nrow = nrow(coef(fit)), byrow = TRUE))
    eta <- cbind(0, X %*% Bt)
    P <- exp(eta - apply(eta, 1, max)); P <- P / rowSums(P)
    G <- cbind(0, D %*% Bt)               # d eta / d x
    colMeans(P * (G - rowSums(P * G)))
  }
  theta <- as.vector(t(coef(fit)))
  est <- slopes(theta)
  J <- matrix(0, length(est), length(theta))
  for (a in seq_along(theta)) {
    step <- 1e-5 * max(1, abs(theta[a]))
    e_a <- replace(numeric(length(theta)), a, step)
    J[, a] <- (slopes(theta + e_a) - slopes(theta - e_a)) / (2 * step)
  }
  list(estimate = est, se = sqrt(diag(J %*% vcov(fit) %*% t(J))))
}
