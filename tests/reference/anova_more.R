# Per-term likelihood-ratio tests of car::Anova(nnet::multinom(...), type = 2 and 3) on
# womenlf.csv (reference not.work) beyond anova_codings.R: an orthogonal polynomial in an
# interaction, Helmert contrasts, frequency weights w = 1 + (row - 1) %% 3, a squared term
# (I(hincome^2), which car treats as a term of its own), and terms inside interactions only
# (car's type II fails on these: "subscript out of bounds"; its type III is kept). Also
# R's anova of two multinom fits against different references (partic releveled), whose
# statistic does not depend on the reference. mnlogit's formulas are stored beside R's.
# car refits the restricted models with nnet's default tolerances (reltol 1e-8, maxit 100),
# which leave some statistics 5e-6 off (the unscaled I(hincome^2), the polynomial's
# region): the values compared are those of car's own Anova.II/III.multinom with the refits
# run to reltol 1e-16 (their log-likelihoods agree with mnlogit's to 1e-12); car's as it
# ships are kept beside them ("car_default").
# Run from this folder:  Rscript anova_more.R   Writes anova_more.json.
suppressPackageStartupMessages({
  library(nnet)
  library(car)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
df$w <- 1 + (seq_len(nrow(df)) - 1) %% 3
source("car_tight.R")  # tab(), anova_tight
both <- function(m, t) {
  out <- tab(anova_tight[[t - 1]](m))
  out$car_default <- tab(Anova(m, type = t))$chi2
  out
}
fit <- function(f, ...) {
  m <- multinom(as.formula(f), data = df, trace = FALSE, maxit = 10000, reltol = 1e-16,
                abstol = 1e-300, ...)
  m$call$formula <- as.formula(f)  # car refits from the call
  m
}
cases <- list(
  poly = list(r = "partic ~ poly(hincome, 2) * children + region",
              py = "partic ~ poly(hincome, 2) * children + region", types = c(2, 3)),
  helmert = list(r = "partic ~ hincome * C(children, contr.helmert) + C(region, contr.helmert)",
                 py = "partic ~ hincome * C(children, Helmert) + C(region, Helmert)",
                 types = c(2, 3)),
  isq = list(r = "partic ~ hincome + I(hincome^2) + children",
             py = "partic ~ hincome + I(hincome**2) + children", types = c(2, 3)),
  nested = list(r = "partic ~ region / hincome", py = "partic ~ region / hincome", types = 3),
  inside = list(r = "partic ~ children + children:hincome",
                py = "partic ~ children + children:hincome", types = 3)
)
out <- list(versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                            car = as.character(packageVersion("car")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            cases = list())
for (n in names(cases)) {
  cs <- cases[[n]]
  m <- fit(cs$r)
  res <- list(formula = cs$py)
  for (t in cs$types) res[[c("II", "III")[t - 1]]] <- both(m, t)
  out$cases[[n]] <- res
}
m <- multinom(partic ~ hincome * children + region, data = df, weights = w, trace = FALSE,
              maxit = 10000, reltol = 1e-16, abstol = 1e-300)
out$cases$weighted <- list(formula = "partic ~ hincome * children + region", weights = "w",
                           II = both(m, 2), III = both(m, 3))
# two references: the restricted model against fulltime, the full one against not.work
small <- multinom(relevel(partic, "fulltime") ~ hincome, data = df, trace = FALSE,
                  maxit = 10000, reltol = 1e-16, abstol = 1e-300)
large <- fit("partic ~ hincome + children + region")
a <- anova(small, large)
out$references <- list(formulas = c("partic ~ hincome", "partic ~ hincome + children + region"),
                       refs = c("fulltime", "not.work"), chi2 = a[["LR stat."]][2],
                       df = a[["   Df"]][2], pvalue = a[["Pr(Chi)"]][2])
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE), "anova_more.json")
