# Reference values for mnlogit's predictions on new data: R's predict(type = "probs") of
# nnet::multinom fits whose formulas hold stateful transforms (scale(), poly(), splines::bs())
# and log(), on womenlf.csv (carData's Womenlf, written by margins_womenlf.R). R re-applies the
# transforms learned from the fitted rows to the new rows (makepredictcall), as formulaic's
# ModelSpec does; the predicted probabilities do not depend on how a basis is parametrised.
# Run from this folder:  Rscript predict_newdata.R   Writes predict_newdata.json.
suppressPackageStartupMessages({
  library(nnet)
  library(splines)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)

# new rows: the fitted range's ends and values inside it, every children x region pair in turn,
# the factors given as text and the columns in another order than the data's
h <- c(min(df$hincome), 2.5, 7, 13.5, 20, 27.75, 33.3, max(df$hincome))
pairs <- expand.grid(children = levels(df$children), region = levels(df$region),
                     stringsAsFactors = FALSE)
idx <- (seq_along(h) - 1) %% nrow(pairs) + 1
new <- data.frame(region = pairs$region[idx], hincome = h, children = pairs$children[idx],
                  stringsAsFactors = FALSE)

cases <- list(
  scale = list(r = partic ~ scale(hincome) + children + region,
               py = "partic ~ scale(hincome) + children + region"),
  poly = list(r = partic ~ poly(hincome, 2) + children,
              py = "partic ~ poly(hincome, 2) + children"),
  bs = list(r = partic ~ bs(hincome, df = 4) + region,
            py = "partic ~ bs(hincome, df=4) + region"),
  log_interaction = list(r = partic ~ log(hincome) * children + region,
                         py = "partic ~ np.log(hincome) * children + region")
)

out <- list()
for (name in names(cases)) {
  fit <- multinom(cases[[name]]$r, data = df, trace = FALSE, maxit = 10000,
                  reltol = 1e-16, abstol = 1e-300)
  p <- predict(fit, newdata = new, type = "probs")
  out[[name]] <- list(formula = cases[[name]]$py, levels = colnames(p),
                      probs = unname(split(p, row(p))))
}

versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, newdata = new, cases = out), "predict_newdata.json",
           digits = NA, auto_unbox = TRUE, pretty = TRUE)
