# Reference values for how R's model.matrix codes factors and logicals in terms that lack
# their margins, and for the formulas mnlogit refuses there (tests/test_r_coding.py).
# R reads a logical as a factor of FALSE and TRUE and codes a factor by contrasts or by a
# column per level by TermCode's rule (Chambers & Hastie 1992, p. 38); mnlogit (formulaic)
# reads booleans as 0/1 and decides by the margins earlier terms span. Each case is an
# mnlogit formula, the R formula of the same model as an R user writes it, and whether
# mnlogit must refuse it (R's design differs) or fit R's model: nnet::multinom (reltol
# 1e-16) coefficients (when R's design has full rank), log-likelihood, design columns and
# rank. Run from this folder:  Rscript make_r_coding.R   (reads womenlf.csv, writes
# r_coding.json)
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, ref = "not.work")
df$flag <- (seq_len(nrow(df)) %% 3) == 0          # a logical column: TRUE on every third row

# an mnlogit formula, the R formula of the same model, and whether mnlogit must refuse it
case <- function(formula, r = formula, refuse = FALSE) list(formula, r, refuse)
cases <- list(
  case("partic ~ hincome + flag"),
  case("partic ~ hincome * flag"),
  case("partic ~ hincome + flag:hincome"),
  case("partic ~ region + flag:region"),
  case("partic ~ I(hincome > 20) + children"),
  case("partic ~ 0 + flag + hincome", refuse = TRUE),
  case("partic ~ 0 + C(flag) + hincome", r = "partic ~ 0 + flag + hincome"),
  case("partic ~ hincome:flag", refuse = TRUE),
  case("partic ~ hincome:C(flag)", r = "partic ~ hincome:flag"),
  case("partic ~ flag + flag:hincome", refuse = TRUE),
  case("partic ~ C(flag) + C(flag):hincome", r = "partic ~ flag + flag:hincome"),
  case("partic ~ flag:children", refuse = TRUE),
  case("partic ~ C(flag):children", r = "partic ~ flag:children"),
  case("partic ~ 0 + I(hincome > 20)", refuse = TRUE),
  case("partic ~ 0 + C(hincome > 20)", r = "partic ~ 0 + I(hincome > 20)"),
  case("partic ~ hincome:log(hincome) + region:hincome", refuse = TRUE),
  case("partic ~ hincome + hincome:log(hincome) + region:hincome"),
  case("partic ~ hincome:region"),
  case("partic ~ 0 + children:C(flag)", r = "partic ~ 0 + children:flag"),
  case("partic ~ region / hincome"),
  case("partic ~ (hincome + children + flag)^2"),
  case("partic ~ C(flag) * region - C(flag)", r = "partic ~ flag * region - flag"),
  case("partic ~ flag * region - flag"),
  case("partic ~ 0 + region + children"),
  case("partic ~ 0 + hincome + hincome:children"),
  case("partic ~ hincome + C(region, Sum):hincome", r = "partic ~ hincome + C(region, contr.sum):hincome")
)

out <- lapply(cases, function(case) {
  f <- as.formula(case[[2]])
  mm <- model.matrix(f, df)
  fit <- multinom(f, data = df, trace = FALSE, maxit = 100000, reltol = 1e-16, abstol = 1e-300)
  full <- qr(mm)$rank == ncol(mm)
  list(formula = case[[1]], r_formula = case[[2]], refuse = case[[3]],
       columns = colnames(mm), rank = qr(mm)$rank, loglik = as.numeric(logLik(fit)),
       coef = if (full) unname(coef(fit)) else NULL, outcomes = rownames(coef(fit)),
       convergence = fit$convergence)
})

ref <- list(
  ref = "not.work",
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  cases = out
)
writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, null = "null", pretty = TRUE), "r_coding.json")
