# Where nnet::multinom stops on the bundled risk data, which are completely separated (no
# finite maximum-likelihood estimate): the largest |coefficient| at its default iteration
# limit (maxit = 100) and at maxit = 1000, with the outcome ordered as the quickstart
# notebook orders it (low, medium, high; reference low) and nnet's other defaults. The
# notebook quotes these to show that such numbers only say where a program stopped.
# Run from tests/reference:  Rscript make_nnet_risk_stops.R   Writes nnet_risk_stops.json.
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

d <- read.csv("../../mnlogit/data/risk.csv")
d$risk <- factor(d$risk, levels = c("low", "medium", "high"))
stops <- lapply(c(100, 1000), function(maxit) {
  fit <- multinom(risk ~ age + income, data = d, maxit = maxit, trace = FALSE)
  list(maxit = maxit, convergence = fit$convergence, largest = max(abs(coef(fit))),
       coef = coef(fit))
})
versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 jsonlite = as.character(packageVersion("jsonlite")))
out <- list(versions = versions, data = "mnlogit/data/risk.csv",
            r_call = "multinom(risk ~ age + income, maxit = ...), levels low, medium, high",
            stops = stops)
write_json(out, "nnet_risk_stops.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
