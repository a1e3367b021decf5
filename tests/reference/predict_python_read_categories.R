# Reference values for predictions of terms whose Python code reads a factor column's order
# or codes, with new data giving that column in another kind than the fit had it: R's
# I(region_ew > "Ontario") of an ordered factor (levels east to west: Atlantic < Quebec <
# Ontario < Prairie < BC, so Prairie and BC are past Ontario), I(as.integer(region_ew) - 1)
# (pandas' region.cat.codes) and I(region > "Ontario") of region as text (alphabetical:
# Prairie and Quebec are past Ontario), by nnet::multinom (reltol 1e-16) on womenlf.csv,
# reference fulltime (R's first level). mnlogit's tests fit the same columns (an ordered
# Categorical, text) and predict the new rows given with region as text, as an unordered
# Categorical and as a Categorical in another order, which must read as the fit read them.
# Run from this folder:  Rscript predict_python_read_categories.R
# Writes predict_python_read_categories.json.
suppressPackageStartupMessages({
  library(nnet)
  library(jsonlite)
})

east_west <- c("Atlantic", "Quebec", "Ontario", "Prairie", "BC")
df <- read.csv("womenlf.csv", stringsAsFactors = FALSE)
df$partic <- factor(df$partic)
df$region_ew <- factor(df$region, levels = east_west, ordered = TRUE)

new <- data.frame(hincome = c(3, 12.5, 20, 30, 45),
                  region = c("Ontario", "BC", "Quebec", "Atlantic", "Prairie"),
                  stringsAsFactors = FALSE)
new$region_ew <- factor(new$region, levels = east_west, ordered = TRUE)

cases <- list(
  ordered_comparison = list(r = partic ~ hincome + I(region_ew > "Ontario"),
                            py = "partic ~ hincome + I(region > 'Ontario')", region = "ordered"),
  ordered_codes = list(r = partic ~ hincome + I(as.integer(region_ew) - 1),
                       py = "partic ~ hincome + I(region.cat.codes)", region = "ordered"),
  text_comparison = list(r = partic ~ hincome + I(region > "Ontario"),
                         py = "partic ~ hincome + I(region > 'Ontario')", region = "text")
)

out <- list(versions = list(R = R.version.string,
                            nnet = as.character(packageVersion("nnet")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            east_west = east_west,
            newdata = list(hincome = new$hincome, region = new$region))
for (name in names(cases)) {
  fit <- multinom(cases[[name]]$r, data = df, reltol = 1e-16, maxit = 1000, trace = FALSE)
  p <- predict(fit, newdata = new, type = "probs")
  b <- coef(fit)  # one row per equation
  out$cases[[name]] <- list(formula = cases[[name]]$py, region = cases[[name]]$region,
                            loglik = as.numeric(logLik(fit)), outcomes = rownames(b),
                            coef = unname(split(t(b), rep(seq_len(nrow(b)), each = ncol(b)))),
                            levels = colnames(p), probs = unname(split(p, row(p))))
}
write_json(out, "predict_python_read_categories.json", digits = NA, auto_unbox = TRUE,
           pretty = TRUE)
