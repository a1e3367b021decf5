# Reference values for survey designs drawn at random in R, one seed each
# (tests/test_survey_draws_reference.py compares mnlogit with them).
#
# Each draw (set.seed(case)): two to six strata `st` of one to six PSUs `psu` (the first
# stratum of one PSU in most draws), numbered 1, 2, ... in every stratum (`nest = TRUE`) or
# across the strata (`nest = FALSE`), 1 to 10 rows per PSU (90 rows or more), sampling weights `w` log-uniform
# from 1 to 1000 (sometimes a whole PSU or scattered rows at 0), fpc as population counts,
# sampling fractions, counts with a certainty stratum (fpc = its number of PSUs; in some
# draws the stratum of one PSU), fractions with one stratum at 1, or counts with one stratum
# at Inf; `x1` missing in scattered rows; a factor `g` (A, B, C); a subpopulation `sub`
# (every row, a random part, every stratum but the lonely one, all but the first PSU of each
# stratum, all but the last stratum); one of R's `survey.lonely.psu` options; outcomes `y2`
# (two levels) and `yk` (three or four levels, reference "a").
#
#   binary: svyglm(y2 ~ x1 + x2 + g, subset(design, sub), quasibinomial(), epsilon 1e-14)
#           refitted from its own estimates: coefficients, vcov, regTermTest(method = "Wald")
#           of g and x1 (chi2 = F times df) and regTermTest(method = "LRT") of g (chisq,
#           lambda, p; of the first fit, which regTermTest refits without g) with df = #PSU - #strata of the whole design.
#   multi:  yk ~ x1 + x2 + g by the weighted Newton fit of survey_mnl.R on R's model matrix
#           of the rows of the fit (in sub, x1 not missing) and vcov(svytotal(~h, design))
#           of its influence functions; Wald chi2 of x1 and g, Stata's adjusted F and its
#           p-value on (k, d - k + 1) df, d = #PSU - #strata; Rao and Scott's working LR
#           test of g: deviance difference with the weights scaled to mean 1 over the rows
#           of the fit, lambda the eigenvalues of V0[i, i]^-1 V[i, i] (V0 the inverse
#           information at those weights), survey:::pFsum(method = "saddlepoint") on d df.
#   p_exact_root: each working LR p-value again with the saddlepoint found to rounding
#           (survey's saddle() stops its uniroot at tol = 1e-8).
# degf_design is degf() of the whole design; psus_minus_strata its #PSU - #strata with the
# rows of weight 0. Where R stops its message is stored.
#
# Run from this folder: Rscript make_survey_draws.R  (writes survey_draws.csv.gz and
# survey_draws.json)

suppressMessages({
  library(survey)
  library(jsonlite)
})
source("survey_mnl.R")

LONELY <- c("fail", "adjust", "average", "certainty", "remove")
FPC <- c("none", "count", "fraction", "certainty", "certainty_lonely", "fraction_one",
         "count_inf")
SUBPOP <- c("none", "random", "not_lonely", "first_psu", "last_stratum")

draw <- function(seed) {
  set.seed(seed)
  repeat {
    H <- sample(2:6, 1)
    m <- sample(c(1, 2, 2, 3, 4, 6), H, replace = TRUE)
    if (runif(1) < 0.8) m[1] <- 1
    st <- integer(0); psu <- integer(0)
    for (h in 1:H) for (j in 1:m[h]) {
      k <- sample(1:10, 1)
      st <- c(st, rep(h, k)); psu <- c(psu, rep(j, k))
    }
    if (length(st) >= 90) break
  }
  n <- length(st)
  d <- data.frame(st = st, psu = psu)
  nest <- runif(1) < 0.7
  code <- match(paste(d$st, d$psu), unique(paste(d$st, d$psu)))
  if (!nest) d$psu <- code
  d$x1 <- round(rnorm(n), 6)
  d$x2 <- round(rnorm(n) + 0.3 * d$st, 6)
  d$g <- sample(c("A", "B", "C"), n, replace = TRUE, prob = c(0.45, 0.35, 0.2))
  eta <- -0.3 + 0.8 * d$x1 - 0.5 * d$x2 + 0.2 * d$st + 0.5 * (d$g == "B")
  d$y2 <- as.integer(runif(n) < plogis(eta))
  k <- sample(3:4, 1)
  E <- cbind(0, 0.5 * d$x1 - 0.3 * d$x2, -0.4 + 0.2 * d$x2 + 0.3 * (d$g == "C"),
             0.2 - 0.4 * d$x1)[, 1:k]
  P <- exp(E) / rowSums(exp(E))
  u <- runif(n)
  d$yk <- letters[1 + rowSums(u > t(apply(P, 1, cumsum)))]
  d$w <- round(exp(runif(n, 0, log(1000))), 4)
  if (runif(1) < 0.2) d$w[code == sample(max(code), 1)] <- 0
  if (runif(1) < 0.25) d$w[runif(n) < 0.05] <- 0
  npsu <- ave(code, d$st, FUN = function(v) length(unique(v)))
  fpc <- sample(FPC, 1)
  d$fpc <- switch(fpc,
    none = NA,
    count = npsu * sample(c(2, 5, 10), 1),
    fraction = 1 / sample(c(2, 4, 8), 1),
    certainty = ifelse(d$st == 2, npsu, npsu * 3),
    certainty_lonely = ifelse(d$st == 1, npsu, npsu * 4),
    fraction_one = ifelse(d$st == 2, 1, 0.25),
    count_inf = ifelse(d$st == H, Inf, npsu * 6))
  if (runif(1) < 0.35) d$x1[runif(n) < 0.08] <- NA
  sub <- sample(SUBPOP, 1)
  lonely_strata <- unique(d$st[npsu == 1])
  d$sub <- switch(sub,
    none = rep(TRUE, n),
    random = runif(n) < 0.6,
    not_lonely = !(d$st %in% lonely_strata),
    first_psu = code != ave(code, d$st, FUN = min) | npsu == 1,
    last_stratum = d$st != H)
  d$case <- seed
  d$opt_nest <- nest; d$opt_fpc <- fpc; d$opt_subpop <- sub; d$opt_k <- k
  d$opt_lonely <- sample(LONELY, 1, prob = c(0.1, 0.25, 0.25, 0.2, 0.2))
  d
}

wald <- function(b, V) as.numeric(t(b) %*% solve(V, b))

# survey's saddle() finds its saddlepoint by uniroot(tol = 1e-08), which moves the p-value
# by up to ~3e-5 of itself; the same with the root to rounding (tol = 1e-15)
exact_saddle <- survey:::saddle
body(exact_saddle) <- parse(text = sub("tol = 1e-08", "tol = 1e-15",
                                       paste(deparse(body(survey:::saddle)), collapse = "\n"),
                                       fixed = TRUE))[[1]]
stopifnot(grepl("1e-15", paste(deparse(exact_saddle), collapse = "")))
exact_p <- function(chisq, lambda, ddf) {
  # pFsum(chisq, 1, lambda, ddf, lower.tail = FALSE) by the saddlepoint, as it repeats the
  # denominator's term ddf times; Satterthwaite's F where the saddlepoint is undefined
  s <- exact_saddle(0, c(lambda, rep(-chisq / ddf, ddf)))
  if (is.na(s)) survey:::pFsum(chisq, rep(1, length(lambda)), lambda, ddf = ddf,
                               method = "satterthwaite", lower.tail = FALSE) else s
}

one_case <- function(d) {
  about <- list(case = d$case[1], nest = d$opt_nest[1], fpc = d$opt_fpc[1],
                subpop = d$opt_subpop[1], lonely_psu = d$opt_lonely[1], k = d$opt_k[1])
  d$g <- factor(d$g, levels = c("A", "B", "C"))
  options(survey.lonely.psu = about$lonely_psu)
  design <- tryCatch(
    if (about$fpc == "none") {
      svydesign(ids = ~psu, strata = ~st, weights = ~w, data = d, nest = about$nest)
    } else {
      svydesign(ids = ~psu, strata = ~st, weights = ~w, fpc = ~fpc, data = d, nest = about$nest)
    }, error = function(e) e)
  if (inherits(design, "error")) return(c(about, list(design_error = conditionMessage(design))))
  about$degf_design <- degf(design)
  dd <- length(unique(paste(d$st, d$psu))) - length(unique(d$st))
  about$psus_minus_strata <- dd
  binary <- tryCatch({
    fit_glm <- function(f, start = NULL) {
      suppressWarnings(svyglm(f, subset(design, sub), family = quasibinomial(),
                              start = start,
                              control = glm.control(epsilon = 1e-14, maxit = 100)))
    }
    sub_design <- subset(design, sub)
    g1 <- suppressWarnings(svyglm(y2 ~ x1 + x2 + g, sub_design, family = quasibinomial(),
                                  control = glm.control(epsilon = 1e-14, maxit = 100)))
    g <- fit_glm(y2 ~ x1 + x2 + g, coef(g1))
    if (any(is.na(coef(g)))) stop("coefficients NA (aliased)")
    V <- vcov(g)
    if (any(!is.finite(V))) stop("vcov not finite")
    chi2 <- function(term) {
      tt <- regTermTest(g, term, method = "Wald", df = dd)
      list(chi2 = as.numeric(tt$Ftest) * tt$df, p = as.numeric(tt$p))
    }
    lrt <- tryCatch({
      # the first fit, called without a start: regTermTest refits without g through
      # update(), which evaluates the call again
      r <- regTermTest(g1, ~g, method = "LRT", df = dd)
      list(chisq = unname(r$chisq), lambda = sort(unname(r$lambda)), p = unname(r$p),
           p_exact_root = exact_p(unname(r$chisq), unname(r$lambda), dd))
    }, error = function(e) list(error = conditionMessage(e)))
    list(names = names(coef(g)), params = unname(coef(g)), cov = unname(V),
         converged = g$converged, wald_g = chi2(~g), wald_x1 = chi2(~x1), lrt_g = lrt)
  }, error = function(e) list(error = conditionMessage(e)))
  multi <- tryCatch({
    rows <- d$sub & !is.na(d$x1)
    X <- model.matrix(~ x1 + x2 + g, d[rows, ])
    f <- mnl_fit(d[rows, ], "yk", "a", d$w[rows], X)
    if (length(f$levels) != about$k) stop("outcome levels in the fit: ", length(f$levels))
    V <- linearised(design, f, rows)
    if (any(!is.finite(V))) stop("vcov not finite")
    b <- as.vector(f$B)
    p <- ncol(X); q <- length(f$eqs)
    test <- function(cols) {
      i <- which(rep(colnames(X), q) %in% cols)
      chi2 <- wald(b[i], V[i, i])
      k <- length(i)
      F <- (dd - k + 1) / (dd * k) * chi2
      list(chi2 = chi2, F = F, p = pf(F, k, dd - k + 1, lower.tail = FALSE))
    }
    w1 <- d$w[rows] / mean(d$w[rows])
    Xr <- X[, !(colnames(X) %in% c("gB", "gC"))]
    small <- mnl_fit(d[rows, ], "yk", "a", d$w[rows], Xr)
    yk <- d$yk[rows]
    ll <- function(Xm, B) {
      eta <- cbind(0, Xm %*% B)
      mx <- apply(eta, 1, max)
      lse <- mx + log(rowSums(exp(eta - mx)))
      sum(w1 * (eta[cbind(seq_along(yk), match(yk, f$levels))] - lse))
    }
    chisq <- 2 * (ll(X, f$B) - ll(Xr, small$B))
    i <- which(rep(colnames(X), q) %in% c("gB", "gC"))
    V0 <- solve(information(X, f$B, w1))
    lambda <- Re(eigen(solve(V0[i, i]) %*% V[i, i], only.values = TRUE)$values)
    plr <- survey:::pFsum(chisq, rep(1, length(lambda)), lambda, ddf = dd,
                          method = "saddlepoint", lower.tail = FALSE)
    list(names = f$names, params = b, cov = V, wald_x1 = test("x1"),
         wald_g = test(c("gB", "gC")),
         lrt_g = list(chisq = chisq, lambda = sort(lambda), p = plr,
                      p_exact_root = exact_p(chisq, lambda, dd)))
  }, error = function(e) list(error = conditionMessage(e)))
  c(about, list(binary = binary, multi = multi))
}

seeds <- 1:36
frames <- lapply(seeds, draw)
all_rows <- do.call(rbind, frames)
gz <- gzfile("survey_draws.csv.gz", "w")
write.csv(all_rows, gz, row.names = FALSE, na = "")
close(gz)
cases <- lapply(frames, one_case)
out <- list(
  generated_by = "tests/reference/make_survey_draws.R",
  R_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  note = paste("params and cov equation-major: (Intercept), x1, x2, gB, gC in each equation;",
               "fpc Inf written as Inf"),
  cases = cases
)
write_json(out, "survey_draws.json", digits = NA, auto_unbox = TRUE)
cat("wrote survey_draws.json with", length(cases), "cases\n")
