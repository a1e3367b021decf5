# Penalised likelihood-ratio tests of Firth logistic regressions (a binary outcome: the
# multinomial model with one equation) by R's logistf, for mnlogit's Firth LR tests: the
# restricted model maximises the FULL model's penalised log-likelihood
# l(B) + log det I_full(B) / 2 with the tested coefficients held at zero (Heinze & Schemper
# 2002; logistf's logistftest, anova.logistf(method = "nested"), drop1.logistf).
#   womenlf: carData's Womenlf (womenlf.csv), working = partic != "not.work",
#            working ~ hincome * children + region; type II from the model without the
#            interaction (hincome, children), type III = drop1 of the full model.
#   sex2:    logistf's sex2 (239 rows, case-control study of urinary tract infection, six
#            binary covariates, nearly separated), case ~ age + oc + vic + vicl + vis + dia.
#   sexagg:  the same data aggregated, frequency weights COUNT (same tests as sex2).
# Writes sex2.csv, sexagg.csv and firth_lr.json. Run from tests/reference:
#   Rscript make_firth_lr.R
# (logistf, formula.tools and operator.tools were installed from their GitHub sources into a
# private library; put it first in .libPaths or R_LIBS if it is not the default.)
suppressPackageStartupMessages({
  library(logistf)
  library(jsonlite)
})

# Newton-Raphson without step halving (logistf's default maxhs = 0; with halving its iteration
# stalls short of the maximum), to a score and step of 1e-12
control <- logistf.control(maxit = 1000, lconv = 1e-12, gconv = 1e-12, xconv = 1e-12)

fit_firth <- function(formula, data, weights = NULL) {
  # logistf reads weights by name from data; logistftest and anova reuse the fit's control
  if (is.null(weights)) {
    eval(bquote(logistf(.(formula), data = data, pl = FALSE, control = control)))
  } else {
    data$.w <- data[[weights]]
    eval(bquote(logistf(.(formula), data = data, weights = .w, pl = FALSE, control = control)))
  }
}

drops <- function(fit) {
  d <- drop1(fit)
  lapply(setNames(seq_len(nrow(d)), rownames(d)),
         function(i) list(chi2 = unname(d[i, "ChiSq"]), df = unname(d[i, "df"])))
}

summary_of <- function(fit) {
  list(
    coefficients = as.list(coef(fit)),
    penalised_loglik = unname(fit$loglik["full"]),
    null_penalised_loglik = unname(fit$loglik["null"]),  # intercept only, full penalty
    lr_null = list(chi2 = unname(2 * (fit$loglik["full"] - fit$loglik["null"])), df = fit$df),
    drop1 = drops(fit)
  )
}

nested <- function(full, restricted) {
  a <- anova(full, restricted)  # method = "nested": the restriction under full's penalty
  list(chi2 = unname(a$chisq), df = unname(a$df), pvalue = unname(a$pval))
}

womenlf <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
womenlf$working <- as.integer(womenlf$partic != "not.work")
w_full <- fit_firth(working ~ hincome * children + region, womenlf)
w_main <- fit_firth(working ~ hincome + children + region, womenlf)
w_small <- fit_firth(working ~ hincome + children, womenlf)
main_drops <- drops(w_main)
full_drops <- drops(w_full)
womenlf_out <- c(
  list(formula = "working ~ hincome * children + region", outcome = "partic != 'not.work'"),
  summary_of(w_full),
  list(
    anova_type2 = list(hincome = main_drops$hincome, children = main_drops$children,
                       region = full_drops$region,
                       `hincome:children` = full_drops$`hincome:children`),
    nested = list(restricted = "working ~ hincome + children",
                  test = nested(w_full, w_small))
  )
)

data(sex2)
data(sexagg)
write.csv(sex2, "sex2.csv", row.names = FALSE)
write.csv(sexagg, "sexagg.csv", row.names = FALSE)
sex_formula <- case ~ age + oc + vic + vicl + vis + dia
sex_small <- case ~ age + oc + dia
one_sex <- function(data, weights = NULL) {
  full <- fit_firth(sex_formula, data, weights)
  small <- fit_firth(sex_small, data, weights)
  c(list(formula = deparse(sex_formula), weights = if (is.null(weights)) NULL else weights),
    summary_of(full),
    list(nested = list(restricted = deparse(sex_small), test = nested(full, small))))
}

out <- list(
  womenlf = womenlf_out,
  sex2 = one_sex(sex2),
  sexagg = one_sex(sexagg, "COUNT"),
  `_about` = list(
    software = sprintf("%s, logistf %s, jsonlite %s", R.version.string,
                       packageVersion("logistf"), packageVersion("jsonlite")),
    call = paste("logistf(formula, data, pl = FALSE, control = logistf.control(maxit = 1000,",
                 "lconv = 1e-12, gconv = 1e-12, xconv = 1e-12)); drop1(fit);",
                 "anova(full, restricted) (method = 'nested')"),
    layout = paste("penalised_loglik = l(B) + log det I(B) / 2 of the full model;",
                   "null_penalised_loglik: intercept only, under the full model's penalty;",
                   "drop1: each term's columns held at zero under the full model's penalty",
                   "(mnlogit's type III); anova_type2: main effects with relatives from drop1",
                   "of the model without the interaction")
  )
)
write_json(out, "firth_lr.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null")
