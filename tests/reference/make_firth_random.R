# Firth fits of 40 data sets drawn at random here (tests/test_firth_random_reference.py),
# each from its own seed (set.seed(8900 + case)): 15 to 300 rows, K = 3 to 5 outcomes, one to
# three numeric columns x1..x3 and up to two factors f (2-4 levels) and g (2 levels), y drawn
# from a multinomial logit (kind "none"), or completely separated (y the argmax of the linear
# predictor: "complete"), or quasi-completely separated (the last outcome exactly where x1
# passes its median, the others drawn: "quasi_x"; or no row of f's last level in the second
# outcome: "quasi_f"); about a third with integer frequency weights w (1-5, a few 0); case 3
# with an outcome of two rows and case 4 with one of one row; case 5 with x1 on a scale of 1e4
# and case 6 with x2 on a scale of 1e-4; the reference the first level, or another in some
# cases. Written to firth_random.csv (column case; a column a case does not use is empty).
# Also the two cases of firth_random_extra.csv (make_firth_random_extra.py; stored as
# extra_104 and extra_279), separated, with frequency weights, where the penalised likelihood
# has several local maxima.
#
# brglm2's mean-bias reduction, type = "AS_mean" (for these canonical-link models the
# maximiser of the Jeffreys-penalised likelihood, which mnlogit's method="firth" computes),
# by brmultinom(control = list(epsilon = 1e-10, maxit = 3000)). Stored per case: formula,
# reference, coefficients and standard errors (outcome x column), log-likelihood, penalised
# log-likelihood loglik - log det vcov / 2 (vcov the inverse of the multinomial information),
# iterations and converged.
#
# Run from this folder: Rscript make_firth_random.R DIR I J fits every J-th case from the
# I-th into DIR (so that the work can be split over processes); Rscript make_firth_random.R
# DIR writes the CSV, fits what DIR lacks and writes firth_random.json.
suppressPackageStartupMessages({ library(brglm2); library(jsonlite) })

N_CASES <- 40

draw <- function(case) {
  set.seed(8900 + case)
  n <- if (case == 1) 300L else if (case == 2) 15L else as.integer(round(exp(runif(1, log(15), log(300)))))
  K <- sample(3:5, 1)
  p <- sample(1:3, 1)
  if (case == 6) p <- max(p, 2L)
  has_f <- runif(1) < 0.6 || case %% 7 == 0
  has_g <- runif(1) < 0.3
  kinds <- c("none", "complete", "quasi_x", "quasi_f")
  kind <- if (case <= 6) c("quasi_x", "complete", "none", "none", "quasi_f", "complete")[case] else
    sample(kinds, 1)
  if (kind == "quasi_f") has_f <- TRUE
  weighted <- runif(1) < 0.35 || case %in% c(5, 10)
  n <- max(n, 4L * K)
  X <- matrix(rnorm(n * p), n, p)
  d <- data.frame(case = case, row = seq_len(n))
  for (j in 1:3) d[[paste0("x", j)]] <- if (j <= p) X[, j] else NA
  nf <- sample(2:4, 1)
  d$f <- if (has_f) sample(letters[1:nf], n, replace = TRUE) else NA
  if (has_f) d$f[1:nf] <- letters[1:nf]  # every level present
  d$g <- if (has_g) sample(c("u", "v"), n, replace = TRUE) else NA
  if (has_g) d$g[1:2] <- c("u", "v")
  B <- matrix(rnorm((p + 1) * K, sd = 1.2), p + 1, K)
  B[, 1] <- 0
  eta <- cbind(1, X) %*% B
  if (has_f) eta <- eta + outer(match(d$f, letters) - 1, rnorm(K, sd = 0.7))
  if (kind == "complete") eta <- eta * 50
  labels <- c("A", "B", "C", "D", "E")[1:K]
  P <- exp(eta - apply(eta, 1, max))
  P <- P / rowSums(P)
  y <- if (kind == "complete") labels[max.col(eta, ties.method = "first")] else
    apply(P, 1, function(pr) sample(labels, 1, prob = pr))
  if (kind == "quasi_x") {
    above <- X[, 1] > median(X[, 1])
    y[above] <- labels[K]
    y[!above & y == labels[K]] <- labels[1]
  }
  if (kind == "quasi_f") y[d$f == letters[nf] & y == labels[2]] <- labels[1]
  if (case %in% c(3, 4)) {  # an outcome of two rows, of one row
    y[y == labels[K]] <- labels[1]
    y[seq_len(5 - case)] <- labels[K]
  }
  # every outcome present (complete separation can leave one empty): give it rows at random
  for (k in labels) if (!any(y == k)) y[sample(which(!y %in% labels[K]), 3)] <- k
  d$y <- y
  d$w <- if (weighted) sample(c(0L, 1:5), n, replace = TRUE, prob = c(0.05, rep(0.19, 5))) else NA
  if (weighted) d$w[d$y %in% names(which(table(d$y) <= 3))] <- 1L
  if (case == 5) d$x1 <- d$x1 * 1e4
  if (case == 6) d$x2 <- d$x2 * 1e-4
  d$ref <- if (runif(1) < 0.3 && !case %in% 3:4) sample(labels, 1) else labels[1]
  d$kind <- kind
  d
}

terms_of <- function(d) {
  used <- paste0("x", 1:3)[sapply(1:3, function(j) any(!is.na(d[[paste0("x", j)]])))]
  if (any(!is.na(d$f))) used <- c(used, "f")
  if (any(!is.na(d$g))) used <- c(used, "g")
  used
}

one <- function(d) {
  used <- terms_of(d)
  formula <- as.formula(paste("y ~", paste(used, collapse = " + ")))
  ref <- d$ref[1]
  d$y <- factor(d$y)
  if (any(!is.na(d$f))) d$f <- factor(d$f)
  if (any(!is.na(d$g))) d$g <- factor(d$g)
  weighted <- any(!is.na(d$w))
  d$wt <- if (weighted) d$w else rep(1, nrow(d))
  started <- Sys.time()
  m <- suppressWarnings(brmultinom(formula, data = d, weights = wt, ref = ref, type = "AS_mean",
                                   control = list(epsilon = 1e-10, maxit = 3000)))
  B <- coef(m)
  V <- vcov(m)
  S <- matrix(sqrt(diag(V)), nrow = nrow(B), byrow = TRUE, dimnames = dimnames(B))
  ll <- as.numeric(logLik(m))
  list(formula = deparse(formula), ref = ref, kind = d$kind[1], weighted = weighted,
       n = nrow(d), K = nlevels(d$y),
       outcomes = rownames(B), columns = colnames(B), coef = unname(B), se = unname(S),
       loglik = ll, penalized_loglik = ll - as.numeric(determinant(V)$modulus) / 2,
       iter = m$iter, converged = m$converged,
       seconds = as.numeric(Sys.time() - started, units = "secs"))
}

args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else file.path(tempdir(), "firth_random")
dir.create(dir, showWarnings = FALSE)
data <- lapply(seq_len(N_CASES), draw)
ids <- seq_len(N_CASES)
if (length(args) == 3) ids <- ids[seq(as.integer(args[2]), length(ids), by = as.integer(args[3]))]
for (i in ids) {
  path <- file.path(dir, sprintf("case-%02d.rds", i))
  if (file.exists(path)) next
  saveRDS(one(data[[i]]), path)
  message(sprintf("case %d: %s", i, format(Sys.time())))
}
if (length(args) == 3) quit(save = "no")
rows <- do.call(rbind, data)
write.csv(rows[, c("case", "y", "x1", "x2", "x3", "f", "g", "w", "ref", "kind")],
          "firth_random.csv", row.names = FALSE, na = "")
out <- lapply(seq_len(N_CASES), function(i) readRDS(file.path(dir, sprintf("case-%02d.rds", i))))
names(out) <- as.character(seq_len(N_CASES))
# firth_random_extra.csv (make_firth_random_extra.py): two cases of several local maxima
extra <- read.csv("firth_random_extra.csv", na.strings = "", stringsAsFactors = FALSE)
for (id in unique(extra$case)) {
  d <- extra[extra$case == id, ]
  d$g <- NA
  d$kind <- "extra"
  out[[paste0("extra_", id)]] <- one(d)
}
versions <- sapply(c("brglm2", "jsonlite"), function(p) as.character(packageVersion(p)))
out[["_about"]] <- list(
  generated_by = "tests/reference/make_firth_random.R", R = R.version.string,
  packages = as.list(versions),
  call = paste('brmultinom(formula, data, weights = wt, ref = ref, type = "AS_mean",',
               "control = list(epsilon = 1e-10, maxit = 3000))"),
  layout = paste("coef and se: rows = outcomes (non-reference), columns = columns;",
                 "penalized_loglik = loglik - log det(vcov) / 2")
)
write_json(out, "firth_random.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote firth_random.json\n")
