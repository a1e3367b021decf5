# Per-term likelihood-ratio tests of a three-way interaction, where type II's containment
# runs through chains (hincome in hincome:children, hincome:east and hincome:children:east),
# by car::Anova(nnet::multinom(...), type = 2 and 3) on womenlf.csv (reference not.work),
# east = region in Atlantic or Quebec, unweighted and with frequency weights
# w = 1 + (row - 1) %% 3. car's refits run to reltol 1e-16 (car_tight.R).
# Run from this folder:  Rscript anova_three_way.R   Writes anova_three_way.json.
suppressPackageStartupMessages({
  library(nnet)
  library(car)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
df$east <- factor(ifelse(df$region %in% c("Atlantic", "Quebec"), "east", "west"))
df$w <- 1 + (seq_len(nrow(df)) - 1) %% 3
source("car_tight.R")  # tab(), anova_tight
formula <- partic ~ hincome * children * east
fit <- function(weighted) {
  m <- if (weighted) {
    multinom(formula, data = df, weights = w, trace = FALSE, maxit = 10000, reltol = 1e-16,
             abstol = 1e-300)
  } else {
    multinom(formula, data = df, trace = FALSE, maxit = 10000, reltol = 1e-16, abstol = 1e-300)
  }
  m$call$formula <- formula  # car refits from the call
  m
}
out <- list(versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                            car = as.character(packageVersion("car")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            formula = "partic ~ hincome * children * east", cases = list())
for (weighted in c(FALSE, TRUE)) {
  m <- fit(weighted)
  out$cases[[if (weighted) "weighted" else "unweighted"]] <- list(
    II = tab(anova_tight[[1]](m)), III = tab(anova_tight[[2]](m)), loglik = as.numeric(logLik(m))
  )
}
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE), "anova_three_way.json")
