# Reference values for mnlogit's predictions on new data of frequency-weighted fits with a
# factor, a factor x numeric interaction and poly(hincome, 2), orthogonal and raw, on
# womenlf.csv (carData's Womenlf, written by margins_womenlf.R), weights w = 1 + (row %% 3):
# nnet::multinom (reltol 1e-16), predict(type = "probs") at new rows (factors as text, hincome
# at the fitted range's ends, inside it and beyond it), the log-likelihood, and the delta-method
# standard errors of the predicted probabilities, sqrt(J V J') with J = P_ik (delta_kl - P_il) x_i
# and V = vcov(fit). A third case gives weight 0 to the rows with hincome > 20: R's model.frame
# learns bs()'s knot and bounds from every row, those of weight 0 too, and so does mnlogit.
# nnet's vcov of the raw polynomial (squares up to 2025) is off; VGAM's exact information is
# not: for each fit, the largest relative difference of nnet's coefficient standard errors
# from VGAM's is stored (vgam_se_gap; NA for the bs() fit, which VGAM does not fit with weights 0).
# Run from this folder:  Rscript predict_weighted_poly.R   Writes predict_weighted_poly.json.
suppressPackageStartupMessages({
  library(nnet)
  library(splines)
  library(jsonlite)
  library(VGAM)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$w <- 1 + (seq_len(nrow(df)) %% 3)
df$w0 <- ifelse(df$hincome > 20, 0, df$w)

new <- data.frame(hincome = c(1, 6.5, 13, 23, 45, 60),
                  children = c("present", "absent", "present", "absent", "present", "absent"),
                  region = c("Quebec", "BC", "Atlantic", "Ontario", "Prairie", "Quebec"),
                  stringsAsFactors = FALSE)

cases <- list(
  poly_orthogonal = list(r = partic ~ poly(hincome, 2) * children + region, w = "w",
                         py = "partic ~ poly(hincome, 2) * children + region"),
  poly_raw = list(r = partic ~ poly(hincome, 2, raw = TRUE) * children + region, w = "w",
                  py = "partic ~ poly(hincome, 2, raw=True) * children + region"),
  bs_weight_zero = list(r = partic ~ bs(hincome, df = 4) + children, w = "w0",
                        py = "partic ~ bs(hincome, df=4) + children")
)

se_of <- function(fit, p) {
  nd <- new
  for (v in c("children", "region")) nd[[v]] <- factor(nd[[v]], levels = levels(df[[v]]))
  X <- model.matrix(delete.response(terms(fit)), nd, xlev = fit$xlevels,
                    contrasts.arg = fit$contrasts)
  V <- vcov(fit)  # coefficients ordered equation by equation
  K <- ncol(p)
  t(sapply(seq_len(nrow(X)), function(i) {
    sapply(seq_len(K), function(k) {
      J <- unlist(lapply(2:K, function(l) p[i, k] * ((k == l) - p[i, l]) * X[i, ]))
      sqrt(drop(t(J) %*% V %*% J))
    })
  }))
}

out <- list()
for (name in names(cases)) {
  case <- cases[[name]]
  df$wt <- df[[case$w]]
  fit <- multinom(case$r, data = df, weights = wt, trace = FALSE, maxit = 10000,
                  reltol = 1e-16, abstol = 1e-300, Hess = TRUE)
  p <- predict(fit, newdata = new, type = "probs")
  gap <- NA
  if (all(df$wt > 0)) {
    vg <- vglm(case$r, multinomial(refLevel = 1), data = df, weights = wt, epsilon = 1e-14)
    # VGAM orders its coefficients term by term, nnet equation by equation
    se_vgam <- matrix(sqrt(diag(vcov(vg))), nrow = ncol(p) - 1)
    gap <- max(abs(sqrt(diag(vcov(fit))) / as.vector(t(se_vgam)) - 1))
  }
  out[[name]] <- list(formula = case$py, weights = case$w, levels = colnames(p),
                      loglik = as.numeric(logLik(fit)), vgam_se_gap = gap,
                      probs = unname(split(p, row(p))),
                      se = unname(split(se_of(fit, p), row(p))))
}

versions <- list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                 splines = as.character(packageVersion("splines")),
                 VGAM = as.character(packageVersion("VGAM")),
                 jsonlite = as.character(packageVersion("jsonlite")))
write_json(list(versions = versions, newdata = new, cases = out), "predict_weighted_poly.json",
           digits = NA, auto_unbox = TRUE, pretty = TRUE)
