# The maximum log-likelihood of mode ~ 0 + cr1 + cr2 + cr3 on splines_travel.csv.gz (the
# design of mode ~ 0 + cr(distance, df=3) on the travel data, written by make_splines.py), by
# nnet::multinom (BFGS to reltol 1e-16) and VGAM::vglm (Fisher scoring to epsilon 1e-14),
# reference level "car". Writes splines.json. Run from tests/reference:
#   Rscript make_splines.R
suppressPackageStartupMessages({
  library(nnet)
  library(VGAM)
  library(jsonlite)
})

d <- read.csv(gzfile("splines_travel.csv.gz"))
d$mode <- relevel(factor(d$mode), ref = "car")
nn <- multinom(mode ~ 0 + cr1 + cr2 + cr3, data = d, maxit = 100000, reltol = 1e-16, trace = FALSE)
vg <- vglm(mode ~ 0 + cr1 + cr2 + cr3, family = multinomial(refLevel = "car"), data = d,
           control = vglm.control(epsilon = 1e-14, maxit = 1000))
out <- list(
  design = "mode ~ 0 + cr(distance, df=3), travel data, ref car",
  nnet = list(loglik = as.numeric(logLik(nn)), convergence = nn$convergence,
              coef = lapply(as.data.frame(t(coef(nn))), identity)),
  vglm = list(loglik = as.numeric(logLik(vg)), iter = vg@iter),
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                  nnet = as.character(packageVersion("nnet")),
                  VGAM = as.character(packageVersion("VGAM")),
                  jsonlite = as.character(packageVersion("jsonlite")))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "splines.json")
