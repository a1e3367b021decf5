# Reference values for where a spline's knots come from when rows have a missing value in
# another column: R's model.frame evaluates bs(hincome) on every row of the data and only then
# drops the rows missing region (na.omit), so its knots and boundary knots are those of all
# 263 rows; mnlogit takes them from the rows used. Given R's knots and bounds explicitly,
# mnlogit's fit and predictions are R's. Data: womenlf.csv (carData's Womenlf) with region
# missing in every row where hincome > 25.
# Run from this folder:  Rscript predict_missing_rows.R   Writes predict_missing_rows.json.
suppressPackageStartupMessages({
  library(nnet)
  library(splines)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$region[df$hincome > 25] <- NA

fit <- multinom(partic ~ bs(hincome, df = 4) + region, data = df, trace = FALSE,
                maxit = 10000, reltol = 1e-16, abstol = 1e-300)
basis <- attr(terms(fit), "predvars")[[3]]  # bs(hincome, degree, knots, Boundary.knots, ...)
new <- data.frame(hincome = c(2, 7, 13, 19, 24), region = c("Ontario", "BC", "Quebec",
                                                             "Atlantic", "Prairie"))
p <- predict(fit, newdata = new, type = "probs")

versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 splines = as.character(packageVersion("splines")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, missing_region_where = "hincome > 25",
                rows_used = nrow(fit$residuals), loglik = as.numeric(logLik(fit)),
                knots = unname(eval(basis$knots)), boundary = unname(eval(basis$Boundary.knots)),
                newdata = new, levels = colnames(p), probs = unname(split(p, row(p)))),
           "predict_missing_rows.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
