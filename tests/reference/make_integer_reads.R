# Terms that read an integer column as integers: its text (k.astype('str') == '3') and its
# bits (k & 1). On womenlf.csv (reference not.work) with k = (row - 1) %% 4, an integer:
# partic ~ I(as.character(k) == "3") + bitwAnd(k, 1) + hincome, mnlogit's
# partic ~ I(k.astype('str') == '3') + I(k & 1) + hincome, by nnet::multinom (reltol 1e-16):
# coefficients (terms x outcomes), standard errors, the log-likelihood, and the predicted
# probabilities averaged over the rows with k set to 1 and to 3 (mnlogit's
# margins(at={"k": [1, 3]})), in the levels' order (not.work, fulltime, parttime).
# Run from this folder: Rscript make_integer_reads.R  (writes integer_reads.json)
suppressMessages({library(nnet); library(jsonlite)})
d <- read.csv("womenlf.csv", stringsAsFactors = FALSE)
d$partic <- factor(d$partic, levels = c("not.work", "fulltime", "parttime"))
d$k <- as.integer((seq_len(nrow(d)) - 1) %% 4)
fit <- multinom(partic ~ I(as.character(k) == "3") + bitwAnd(k, 1L) + hincome, data = d,
                trace = FALSE, reltol = 1e-16, maxit = 1000)
at <- function(v) colMeans(predict(fit, transform(d, k = as.integer(v)), type = "probs"))
out <- list(
  generated_by = "tests/reference/make_integer_reads.R",
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  formula = "partic ~ I(k.astype('str') == '3') + I(k & 1) + hincome", ref = "not.work",
  outcomes = c("fulltime", "parttime"),
  params = t(coef(fit)),
  bse = t(summary(fit)$standard.errors),
  loglik = as.numeric(logLik(fit)),
  levels = levels(d$partic),
  margins_k1 = unname(at(1)),
  margins_k3 = unname(at(3))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "integer_reads.json")
