# Reference values for robust (HC0) and cluster-robust covariances of multinomial logit fits
# on 36 small designs drawn at random (tests/test_robust_random_reference.py).
# Run from this folder:  Rscript make_robust_random.R
#   -> robust_random.csv.gz (the rows of every draw) and robust_random.json (the results)
#
# Each draw (set.seed(20261207 + case), redrawn from the next seed until no outcome is
# missing from any level of a factor, nor from a cell of f1 x f2 where the formula crosses
# them): 90 to 260 rows, K = 3 to 5 outcomes (the reference any of them), x1 normal with a
# scale from 1e-2 to 1e3 and an offset of 0, 3 or 40 scales, x2 positive over two decades,
# factors f1 (2 to 4 levels) and f2 (2 or 3 levels), one of six formulas (an interaction in
# four), and clusters of unbalanced sizes with singletons, or 2 or 3 clusters, identified by
# integers (large, some negative) or by text. Weights: none, frequency weights 0 to 3 (a whole
# cluster of weight 0 where there are more than 4), or positive fractional weights, which a
# fit takes as probability weights of a design whose PSUs are the clusters.
#
# Fits: nnet::multinom (reltol 1e-14, maxit 10000), its estimates then polished by Newton
# steps on the exact score and Fisher information (computed here from model.matrix and the
# fitted probabilities), to a gradient of about 1e-12. sandwich has no estfun method for
# multinom, so the sandwiches are computed by hand from the same pieces: row scores
# u_i = (e_{y_i} - P_i) (x) x_i over the non-reference equations (equation-major, nnet's
# vcov order), bread A^-1 the inverse exact information,
#   robust (HC0):   A^-1 (sum_i w_i u_i u_i') A^-1  (a frequency weight counts w_i rows),
#   cluster:        G / (G - 1) A^-1 (sum_g s_g s_g') A^-1,  s_g = sum_{i in g} w_i u_i,
#                   G the clusters holding a row of positive weight (Stata's vce(cluster)),
#   robust, fractional weights (a design of one stratum, each row its PSU):
#                   n / (n - 1) A^-1 (sum_i (w_i u_i)(w_i u_i)') A^-1, n the rows (R's
#                   survey package: the rows' totals are centred, and they sum to zero).
# Beside them: Wald statistics of one term (its columns in every equation) with each
# covariance (null where the covariance's rank cannot support one: more restrictions than
# clusters less one), 95% Wald intervals (normal), the average predicted probabilities of
# each outcome (weighted by w) with delta-method standard errors (analytic Jacobian), and the
# cluster-robust standard errors of a refit against another reference level (the sandwich is
# equivariant: this is what with_ref must give).
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

FORMULAS <- c(
  "y ~ x1 + f1",
  "y ~ x1 * f1 + x2",
  "y ~ x1 + f1 * f2",
  "y ~ log(x2) + x1:f2 + f1",
  "y ~ x1 + x2 + f2",
  "y ~ f1 + x1 * f2"
)
F1_LEVELS <- c("lo", "mid", "hi", "top")
F2_LEVELS <- c("p", "q", "r")

cluster_sizes <- function(n, few) {
  if (few > 0) return(as.vector(rmultinom(1, n - 2 * few, rep(1, few))) + 2)
  sizes <- c(1, 1)
  while (sum(sizes) < n) sizes <- c(sizes, 1 + rgeom(1, 0.2))
  sizes[length(sizes)] <- sizes[length(sizes)] - (sum(sizes) - n)
  sizes[sizes > 0]
}

draw <- function(seed) {
  set.seed(seed)
  n <- sample(90:260, 1)
  K <- sample(3:5, 1)
  levels_y <- paste0("o", seq_len(K))
  s1 <- 10^runif(1, -2, 3)
  x1 <- s1 * (rnorm(n) + sample(c(0, 3, 40), 1))
  x2 <- exp(rnorm(n, 0, 1.1)) * 10^runif(1, -1, 2)
  k1 <- sample(2:4, 1)
  k2 <- sample(2:3, 1)
  f1 <- factor(sample(F1_LEVELS[1:k1], n, replace = TRUE), levels = F1_LEVELS[1:k1])
  f2 <- factor(sample(F2_LEVELS[1:k2], n, replace = TRUE), levels = F2_LEVELS[1:k2])
  z1 <- (x1 - mean(x1)) / sd(x1)
  z2 <- as.vector(scale(log(x2)))
  eta <- sapply(seq_len(K), function(k) {
    if (k == 1) return(rep(0, n))
    rnorm(1, 0, 0.5) + rnorm(1, 0, 0.6) * z1 + rnorm(1, 0, 0.4) * z2 +
      rnorm(k1, 0, 0.5)[f1] + rnorm(k2, 0, 0.5)[f2] + rnorm(1, 0, 0.3) * z1 * (f2 == "q")
  })
  P <- exp(eta) / rowSums(exp(eta))
  y <- factor(levels_y[apply(P, 1, function(p) sample.int(K, 1, prob = p))], levels = levels_y)
  few <- if (runif(1) < 0.25) sample(2:3, 1) else 0
  sizes <- cluster_sizes(n, few)
  G <- length(sizes)
  ids <- if (runif(1) < 0.5) {
    sample.int(500000000L, G) - 5000000L
  } else {
    sprintf("site_%s%02d", sample(LETTERS, G, replace = TRUE), seq_len(G))
  }
  cl <- rep(ids, sizes)[sample.int(n)]
  wkind <- sample(c("none", "frequency", "fractional"), 1, prob = c(0.45, 0.35, 0.2))
  w <- switch(wkind,
    none = rep(1, n),
    frequency = sample(0:3, n, replace = TRUE, prob = c(0.15, 0.35, 0.3, 0.2)),
    fractional = round(runif(n, 0.2, 3), 3)
  )
  if (wkind == "frequency" && G > 4) w[cl == cl[which.max(table(cl)[as.character(cl)] > 1)]] <- 0
  d <- data.frame(y = y, x1 = x1, x2 = x2, f1 = f1, f2 = f2, w = w, cl = cl,
                  stringsAsFactors = FALSE)
  list(d = d, K = K, levels_y = levels_y, wkind = wkind, few = few,
       ids = if (is.character(ids)) "text" else "integer",
       formula = FORMULAS[sample.int(length(FORMULAS), 1)],
       ref = sample(levels_y, 1))
}

acceptable <- function(s) {
  pos <- s$d[s$d$w > 0, ]
  if (any(table(pos$y, pos$f1) < 2) || any(table(pos$y, pos$f2) < 2)) return(FALSE)
  if (grepl("f1 \\* f2", s$formula) && any(table(pos$y, interaction(pos$f1, pos$f2)) < 2))
    return(FALSE)
  length(unique(pos$cl)) >= 2
}

probs <- function(X, B) {  # B: (K - 1) x p, the reference first in P
  e <- cbind(0, X %*% t(B))
  P <- exp(e - apply(e, 1, max))
  P / rowSums(P)
}

pieces <- function(X, Y, w, B) {
  P <- probs(X, B)
  K <- ncol(P)
  U <- do.call(cbind, lapply(2:K, function(l) (Y[, l] - P[, l]) * X))
  p <- ncol(X)
  A <- matrix(0, (K - 1) * p, (K - 1) * p)
  for (l in 2:K) for (m in 2:K) {
    v <- w * P[, l] * ((l == m) - P[, m])
    A[((l - 2) * p + 1):((l - 1) * p), ((m - 2) * p + 1):((m - 1) * p)] <- crossprod(X, v * X)
  }
  list(P = P, U = U, A = A, g = colSums(w * U))
}

fit_polished <- function(d, formula, ref) {
  d$y <- relevel(d$y, ref)
  pos <- d[d$w > 0, ]
  fit <- eval(bquote(multinom(.(as.formula(formula)), data = pos, weights = w, trace = FALSE,
                              maxit = 10000, reltol = 1e-14, abstol = 1e-300)))
  X <- model.matrix(as.formula(formula), pos)
  Y <- model.matrix(~ y - 1, pos)
  B <- coef(fit)
  if (is.null(dim(B))) B <- matrix(B, nrow = 1)
  for (it in 1:30) {
    pc <- pieces(X, Y, pos$w, B)
    step <- solve(pc$A, pc$g)
    B <- B + matrix(step, nrow = nrow(B), byrow = TRUE)
    if (max(abs(step)) < 1e-13 * max(1, max(abs(B)))) break
  }
  pc <- pieces(X, Y, pos$w, B)
  list(B = B, X = X, pc = pc, pos = pos, nnet_ll = -fit$value,
       outcomes = levels(d$y)[-1], terms = colnames(X), assign = attr(X, "assign"),
       term_labels = attr(terms(as.formula(formula)), "term.labels"))
}

covariances <- function(f, fractional) {
  bread <- solve(f$pc$A)
  w <- f$pos$w
  U <- f$pc$U
  if (fractional) {
    n <- nrow(U)
    robust <- bread %*% crossprod(w * U) %*% bread * n / (n - 1)
  } else {
    robust <- bread %*% crossprod(sqrt(w) * U) %*% bread
  }
  S <- rowsum(w * U, as.character(f$pos$cl))
  G <- nrow(S)
  cluster <- bread %*% crossprod(S) %*% bread * G / (G - 1)
  list(robust = (robust + t(robust)) / 2, cluster = (cluster + t(cluster)) / 2, G = G,
       n = nrow(U))
}

wald <- function(b, V, idx, bound) {
  if (length(idx) > bound) return(NULL)
  as.numeric(t(b[idx]) %*% solve(V[idx, idx], b[idx]))
}

margins <- function(f, V) {
  P <- f$pc$P
  w <- f$pos$w
  X <- f$X
  K <- ncol(P)
  p <- ncol(X)
  J <- matrix(0, K, (K - 1) * p)
  for (k in 1:K) for (l in 2:K) {
    J[k, ((l - 2) * p + 1):((l - 1) * p)] <- colSums(w * P[, k] * ((k == l) - P[, l]) * X) / sum(w)
  }
  sqrt(diag(J %*% V %*% t(J)))
}

cases <- list()
rows <- list()
for (case in 1:36) {
  seed <- 20261207 + 1000 * case
  repeat {
    s <- draw(seed)
    if (acceptable(s)) break
    seed <- seed + 1
  }
  f <- fit_polished(s$d, s$formula, s$ref)
  cv <- covariances(f, s$wkind == "fractional")
  b <- as.vector(t(f$B))  # equation-major
  p <- ncol(f$X)
  q <- nrow(f$B)
  labels <- f$term_labels
  term <- labels[sample.int(length(labels), 1)]
  idx <- as.vector(outer(which(f$assign == match(term, labels)), (0:(q - 1)) * p, "+"))
  se_r <- sqrt(diag(cv$robust))
  se_c <- sqrt(diag(cv$cluster))
  z <- qnorm(0.975)
  # the probabilities before the reference is moved: the outcomes in level order
  P_order <- match(s$levels_y, c(s$ref, f$outcomes))
  other <- sample(setdiff(s$levels_y, s$ref), 1)
  alt <- fit_polished(s$d, s$formula, other)
  alt_cv <- covariances(alt, s$wkind == "fractional")
  cases[[case]] <- list(
    case = case, seed = seed, formula = s$formula, ref = s$ref, weights = s$wkind,
    cluster_ids = s$ids, few_clusters = s$few, n_rows = nrow(s$d), n_positive = cv$n,
    clusters = cv$G, outcomes = f$outcomes, terms = f$terms,
    gradient_max = max(abs(f$pc$g)), nnet_llf_gap = sum(f$pos$w * log(
      f$pc$P[cbind(seq_len(nrow(f$pos)), match(as.character(f$pos$y), c(s$ref, f$outcomes)))]
    )) - f$nnet_ll,
    params = b,
    cov_robust = unname(cv$robust), cov_cluster = unname(cv$cluster),
    bse_robust = se_r, bse_cluster = se_c,
    wald = list(term = term, df = length(idx),
                robust = wald(b, cv$robust, idx, cv$n - 1),
                cluster = wald(b, cv$cluster, idx, cv$G - 1)),
    conf_int_robust = list(lower = b - z * se_r, upper = b + z * se_r),
    conf_int_cluster = list(lower = b - z * se_c, upper = b + z * se_c),
    margins = list(estimate = colSums(f$pos$w * f$pc$P)[P_order] / sum(f$pos$w),
                   se_robust = margins(f, cv$robust)[P_order],
                   se_cluster = margins(f, cv$cluster)[P_order]),
    with_ref = list(ref = other, outcomes = alt$outcomes, params = as.vector(t(alt$B)),
                    bse_cluster = sqrt(diag(alt_cv$cluster)),
                    bse_robust = sqrt(diag(alt_cv$robust)))
  )
  rows[[case]] <- cbind(case = case, s$d)
}

all_rows <- do.call(rbind, rows)
all_rows$cl <- as.character(all_rows$cl)
gz <- gzfile("robust_random.csv.gz", "w")
write.csv(all_rows, gz, row.names = FALSE)
close(gz)
out <- list(
  generated_by = "tests/reference/make_robust_random.R",
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  note = paste("params, covariances and standard errors equation-major (the non-reference",
               "outcomes in level order, each with every term); margins in level order"),
  cases = cases
)
write_json(out, "robust_random.json", digits = I(15), auto_unbox = TRUE)
cat("wrote", length(cases), "cases\n")
