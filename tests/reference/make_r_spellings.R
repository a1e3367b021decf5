# Reference values for R's spellings of transforms and codings beside what mnlogit writes for
# them (tests/test_r_habits.py): orthogonal and raw polynomials, B-splines with knots and
# degree, scale() without centring, contr.poly and contr.SAS, ifelse, pmin, %%, %/%, log1p,
# abs, exp, sqrt, a logical made a factor, and a model without an intercept: nnet::multinom
# (reltol 1e-16) coefficients (design columns in formulaic's order) and log-likelihoods on
# womenlf.csv (reference not.work). Run from this folder:  Rscript make_r_spellings.R
suppressPackageStartupMessages({
  library(nnet)
  library(splines)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, ref = "not.work")

# the R formula, and mnlogit's spelling of it
case <- function(r, py) list(r, py)
cases <- list(
  case("partic ~ poly(hincome, 3)", "partic ~ poly(hincome, 3)"),
  case("partic ~ poly(hincome, 2, raw = TRUE)", "partic ~ poly(hincome, 2, raw=True)"),
  case("partic ~ scale(hincome, center = FALSE) + children",
       "partic ~ scale(hincome, center=False) + children"),
  case("partic ~ bs(hincome, knots = c(10, 20))", "partic ~ bs(hincome, knots=[10, 20])"),
  case("partic ~ bs(hincome, degree = 2, df = 4)", "partic ~ bs(hincome, degree=2, df=4)"),
  case("partic ~ C(region, contr.poly) + hincome", "partic ~ C(region, contr.poly) + hincome"),
  case("partic ~ C(region, contr.SAS) + hincome", "partic ~ C(region, contr.SAS) + hincome"),
  case("partic ~ ifelse(hincome > 20, hincome, 20) + pmin(hincome, 15)",
       "partic ~ np.where(hincome > 20, hincome, 20) + np.minimum(hincome, 15)"),
  case("partic ~ I(hincome %% 7) + I(hincome %/% 7)", "partic ~ I(hincome % 7) + I(hincome // 7)"),
  case("partic ~ log1p(hincome) + abs(hincome - 20)",
       "partic ~ np.log1p(hincome) + np.abs(hincome - 20)"),
  case("partic ~ exp(hincome / 10) + sqrt(hincome)", "partic ~ exp(hincome / 10) + sqrt(hincome)"),
  case("partic ~ factor(hincome > 20) + children", "partic ~ C(hincome > 20) + children"),
  case("partic ~ 0 + region + hincome", "partic ~ 0 + region + hincome")
)

out <- lapply(cases, function(case) {
  fit <- multinom(as.formula(case[[1]]), data = df, trace = FALSE, maxit = 100000,
                  reltol = 1e-16, abstol = 1e-300)
  list(r_formula = case[[1]], formula = case[[2]], columns = colnames(coef(fit)),
       outcomes = rownames(coef(fit)), coef = unname(coef(fit)),
       loglik = as.numeric(logLik(fit)), convergence = fit$convergence)
})

ref <- list(
  ref = "not.work",
  versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                  splines = as.character(packageVersion("splines")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  cases = out
)
writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE), "r_spellings.json")
