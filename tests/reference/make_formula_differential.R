# Differential round of R formula spellings: model.matrix column count and rank, and
# nnet::multinom (reltol 1e-16) log-likelihood and coefficients, on a small drawn data set.
suppressPackageStartupMessages({library(nnet); library(jsonlite); library(splines)})
set.seed(8902)
n <- 160
x <- round(rnorm(n), 3)                      # negative values
z <- round(pmax(0, rnorm(n, 0.5)), 3)        # zeros
v <- round(runif(n, 0.5, 3), 3)
b <- runif(n) < 0.45                         # logical
f <- factor(sample(c("p", "q", "r"), n, TRUE))
g <- factor(sample(c("g1", "g2", "g4"), n, TRUE), levels = c("g1", "g2", "g3", "g4"))
o <- factor(sample(c("lo", "mid", "hi"), n, TRUE), levels = c("lo", "mid", "hi"), ordered = TRUE)
eta2 <- 0.6 * x - 0.4 * z + 0.5 * (f == "q")
eta3 <- -0.5 * x + 0.3 * v - 0.6 * b
p <- cbind(1, exp(eta2), exp(eta3)); p <- p / rowSums(p)
y <- factor(apply(p, 1, function(pr) sample(c("A", "B", "C"), 1, prob = pr)))
d <- data.frame(y, x, z, v, b, f, g, o)
formulas <- c(
  "y ~ x", "y ~ x + z + v", "y ~ x * f", "y ~ x:f", "y ~ f:x - 1", "y ~ x + x:f",
  "y ~ f * g", "y ~ f:g", "y ~ f + f:g", "y ~ x:z", "y ~ x * z * f",
  "y ~ (x + z + f)^2", "y ~ (x + z + v)^2", "y ~ (x + f + b)^2 - x:f",
  "y ~ f / x", "y ~ f / x - 1", "y ~ x %in% f", "y ~ f + x %in% f", "y ~ g / x",
  "y ~ x - 1", "y ~ x + 0", "y ~ 0 + f", "y ~ f - 1", "y ~ -1 + f + x",
  "y ~ x * z - x", "y ~ x * f - x", "y ~ x * f - f", "y ~ (x + z + f)^2 - z",
  "y ~ I(x^2)", "y ~ x + I(x^2)", "y ~ I(x * z)", "y ~ x + I(x * v)",
  "y ~ log(z + 1)", "y ~ log(v) + x", "y ~ poly(x, 2)", "y ~ poly(x, 2) + f",
  "y ~ poly(x, 2, raw = TRUE)", "y ~ exp(x)", "y ~ sqrt(z)", "y ~ I(x^2) * f",
  "y ~ C(f, contr.sum)", "y ~ C(f, contr.sum) * x", "y ~ C(f, contr.treatment(3, base = 2))",
  "y ~ C(f, contr.helmert)", "y ~ C(f, contr.helmert) + x",
  "y ~ o", "y ~ o + x", "y ~ o * x", "y ~ b", "y ~ b * x", "y ~ b:x", "y ~ b + f",
  "y ~ g", "y ~ g + x", "y ~ g:x", "y ~ x + offset(z)", "y ~ x + f + offset(0.5 * v)",
  "y ~ .", "y ~ . - g", "y ~ x + z + f - z", "y ~ b:f", "y ~ o:f", "y ~ x:f + z:f",
  "y ~ f:g + x", "y ~ z + I(z^2) + I(z^3)", "y ~ log(x + 3) * b",
  "y ~ x^2", "y ~ (x + z)^2", "y ~ log(z)", "y ~ I(x > 0)", "y ~ x * b - b", "y ~ scale(x)",
  "y ~ relevel(f, ref = \"q\")", "y ~ factor(b)", "y ~ as.numeric(b) + x", "y ~ x %in% f - 1",
  "y ~ (f + g)^2", "y ~ poly(x, degree = 2)", "y ~ C(f, contr.treatment, base = 2)",
  "y ~ C(f, sum)", "y ~ C(f, contr.SAS)", "y ~ f:x:z", "y ~ x:z:f - 1", "y ~ f/(x + z)",
  "y ~ (x + f)/z", "y ~ f %in% g", "y ~ b:f + f", "y ~ o:x", "y ~ C(o, contr.treatment) * x",
  "y ~ 1", "y ~ x + 1 - 1", "y ~ 0 + x:f + z",
  "y ~ I(x^-1)", "y ~ I(v^-1)", "y ~ I(v^0.5)", "y ~ I(2^x)", "y ~ I(v^(1/2))",
  "y ~ I(x %% 1)", "y ~ I(x %/% 1)", "y ~ abs(x)", "y ~ pmax(x, 0)", "y ~ -x",
  "y ~ 1 + x - x", "y ~ I(-x)", "y ~ (x + z)^3", "y ~ x * z^2", "y ~ (x + z)^2 - 1",
  "y ~ f * x - 1 - f", "y ~ x:f - 1 + f", "y ~ ns(x, 3)", "y ~ bs(x, 3)", "y ~ bs(x, df = 4)",
  "y ~ cut(x, 3)", "y ~ as.integer(b)", "y ~ exp(-x)", "y ~ x %in% z", "y ~ z %in% x",
  "y ~ I(x^2 + z)", "y ~ I((x + z)^2)", "y ~ x + I(x^2):f", "y ~ poly(x, 2):f",
  "y ~ poly(z, 3)", "y ~ log1p(z)", "y ~ sqrt(v) * f", "y ~ b * f - 1", "y ~ f:b - 1",
  "y ~ scale(x) * f", "y ~ I(b * 1)", "y ~ I(x > 0) * f", "y ~ x - 0", "y ~ 0 + x:z",
  "y ~ f + 0 + x", "y ~ (f + x)^2 - f", "y ~ f/g", "y ~ f/g - 1", "y ~ C(g, contr.sum)",
  "y ~ C(o, contr.sum)", "y ~ o:b", "y ~ I(x * (x > 0))", "y ~ I(log(v))", "y ~ log(v, 2)",
  "y ~ log2(v)", "y ~ log10(v)", "y ~ sin(x)", "y ~ round(x)", "y ~ x:x", "y ~ x * x",
  "y ~ f:f", "y ~ f * f")
# randomly drawn formulas from R's operators over the same variables
atoms <- c("x", "z", "v", "b", "f", "g", "o", "I(x^2)", "log(z + 1)", "poly(x, 2)",
           "C(f, contr.sum)", "C(f, contr.helmert)", "I(x * z)", "exp(x)")
draw <- function() {
  a <- sample(atoms, 3)
  core <- switch(sample(7, 1),
    paste(a[1], "*", a[2]), paste(a[1], ":", a[2]), paste(a[1], "/", a[2]),
    paste(a[1], "%in%", a[2]), sprintf("(%s + %s + %s)^2", a[1], a[2], a[3]),
    paste(a[1], "+", a[2], ":", a[3]), paste(a[1], "*", a[2], "*", a[3]))
  tail <- sample(c("", "", "", " - 1", " + 0", paste(" -", a[1]), paste(" +", a[3])), 1)
  paste0("y ~ ", core, tail)
}
set.seed(89)
formulas <- c(formulas, unique(replicate(40, draw())))
one <- function(fo) {
  out <- list(formula = fo)
  r <- tryCatch({
    mf <- model.frame(as.formula(fo), d)
    X <- model.matrix(as.formula(fo), d)
    off <- model.offset(mf)
    fit <- multinom(as.formula(fo), d, reltol = 1e-16, maxit = 10000, trace = FALSE, MaxNWts = 1e5)
    cf <- coef(fit)
    list(ncol = ncol(X), rank = qr(X)$rank, columns = colnames(X),
         loglik = as.numeric(logLik(fit)), convergence = fit$convergence,
         offset = !is.null(off),
         coef = lapply(split(cf, row(cf)), function(r) setNames(as.list(r), colnames(cf))),
         outcomes = rownames(cf))
  }, error = function(e) list(error = conditionMessage(e)))
  c(out, r)
}
res <- lapply(formulas, one)
data_out <- d; data_out$y <- as.character(y); data_out$f <- as.character(f)
data_out$g <- as.character(g); data_out$o <- as.character(o)
write_json(list(versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                                jsonlite = as.character(packageVersion("jsonlite")),
                                splines = as.character(packageVersion("splines"))),
                seed = 8902, g_levels = levels(g), o_levels = levels(o),
                data = data_out, fits = res),
           "formula_differential.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
