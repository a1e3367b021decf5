# The weighted multinomial Newton fit and the linearised covariance of its influence
# functions, shared by make_survey.R, make_survey_margins.R and others.

# --- weighted multinomial Newton: levels sorted, one equation per non-reference level ----------
predictors <- c("meals", "ell", "mobility")
mnl_fit <- function(d, outcome, ref, w, X = cbind(Intercept = 1, as.matrix(d[, predictors]))) {
  levels <- sort(unique(d[[outcome]]))
  eqs <- setdiff(levels, ref)
  Y <- sapply(eqs, function(l) as.numeric(d[[outcome]] == l))
  Y <- matrix(Y, ncol = length(eqs))
  p <- ncol(X); q <- length(eqs)
  B <- matrix(0, p, q)
  for (it in 1:100) {
    eta <- X %*% B
    m <- pmax(0, apply(eta, 1, max))
    ex <- exp(eta - m)
    P <- ex / (exp(-m) + rowSums(ex))
    U <- crossprod(X, w * (Y - P))
    I <- matrix(0, p * q, p * q)
    for (j in 1:q) for (l in 1:q) {
      v <- w * ((j == l) * P[, j] - P[, j] * P[, l])
      I[(j - 1) * p + 1:p, (l - 1) * p + 1:p] <- crossprod(X, X * v)
    }
    step <- solve(I, as.vector(U))
    B <- B + matrix(step, p, q)
    if (max(abs(step)) < 1e-13) break
  }
  # unweighted per-row scores, equation-major, and influence functions A^-1 u_i
  u <- do.call(cbind, lapply(1:q, function(j) X * (Y[, j] - P[, j])))
  h <- u %*% solve(I)
  names <- as.vector(outer(colnames(X), eqs, function(a, b) paste0(b, ":", a)))
  colnames(h) <- paste0("h", seq_len(ncol(h)))
  list(B = B, h = h, names = names, eqs = eqs, levels = levels, iterations = it)
}

linearised <- function(design, fit, rows) {
  # svytotal of the influence functions on the design (rows outside `rows` are out of the
  # domain: the design is subset, not the data)
  H <- matrix(0, nrow(design$variables), ncol(fit$h))
  H[rows, ] <- fit$h
  colnames(H) <- colnames(fit$h)
  design$variables <- cbind(design$variables, H)
  if (!all(rows)) design <- subset(design, rows)
  f <- as.formula(paste("~", paste(colnames(H), collapse = "+")))
  V <- unname(vcov(svytotal(f, design)))
  V
}

# --- the information and the log-likelihood (reference "low" first) of a weighted fit, for
# the working likelihood-ratio tests of make_survey_lr.R and make_survey_lr_owned.R --------
information <- function(X, B, w) {
  eta <- X %*% B
  m <- pmax(0, apply(eta, 1, max))
  ex <- exp(eta - m)
  P <- ex / (exp(-m) + rowSums(ex))
  p <- ncol(X); q <- ncol(B)
  I <- matrix(0, p * q, p * q)
  for (j in 1:q) for (l in 1:q) {
    v <- w * ((j == l) * P[, j] - P[, j] * P[, l])
    I[(j - 1) * p + 1:p, (l - 1) * p + 1:p] <- crossprod(X, X * v)
  }
  I
}
loglik <- function(X, B, y, eqs, w) {
  eta <- cbind(0, X %*% B)  # reference first
  m <- apply(eta, 1, max)
  lse <- m + log(rowSums(exp(eta - m)))
  own <- eta[cbind(seq_len(nrow(X)), match(y, c("low", eqs)))]
  sum(w * (own - lse))
}
