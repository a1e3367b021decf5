# Per-term Wald tests (type II and III) with a cluster-robust covariance and frequency
# weights of a factor x factor interaction under sum-to-zero and treatment coding (type III
# of the main effects depends on the coding; type II does not), on rows missing a predictor,
# and car::linearHypothesis of equalities across equations on the sum-coded fit; beyond
# wald_multinomial.R (treatment coding, a numeric x factor interaction, all rows).
# car's Anova.default and linearHypothesis read a VGAM::vglm fit with the sandwich built by
# hand as in wald_multinomial.R (the fit checked by the Newton step it leaves): scores w_i (y_i == o_e - P_i(o_e)) x_i laid out as vglm's
# coefficients, bread vcov(fit), meat summed by cluster times G / (G - 1).
# Data: womenlf.csv (reference not.work); reg3 = region grouped east (Atlantic, Quebec),
# Ontario, west (BC, Prairie), levels in Python's order (Ontario, east, west);
# w = 1 + (row - 1) %% 3; clusters cl = (row - 1) %/% 5; hincome missing where row %% 17 == 0
# (those rows dropped before the fit, as mnlogit drops them).
# Run from this folder:  Rscript wald_sum_interactions.R   -> wald_sum_interactions.json
suppressPackageStartupMessages({
  library(car)
  library(VGAM)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
df$reg3 <- factor(c(Atlantic = "east", Quebec = "east", Ontario = "Ontario", BC = "west",
                    Prairie = "west")[as.character(df$region)],
                  levels = c("Ontario", "east", "west"))
df$w <- 1 + (seq_len(nrow(df)) - 1) %% 3
df$cl <- (seq_len(nrow(df)) - 1) %/% 5
df$hmiss <- ifelse(seq_len(nrow(df)) %% 17 == 0, NA, df$hincome)
d <- df[!is.na(df$hmiss), ]
ref <- "not.work"

fit <- function(f) {
  vglm(as.formula(f), multinomial(refLevel = ref), data = d, weights = w,
       control = vglm.control(epsilon = 1e-14, maxit = 100))
}

sandwich_by_hand <- function(v) {
  X <- model.matrix(v, type = "lm")
  P <- fitted(v)
  eqs <- setdiff(levels(d$partic), ref)
  U <- NULL
  for (j in seq_len(ncol(X))) for (e in eqs) {
    U <- cbind(U, d$w * ((d$partic == e) - P[, e]) * X[, j])
  }
  A <- vcov(v)
  # vglm stops at half-steps of 1e-14 with scores summing to ~4e-7 (hincome's units): the
  # Newton step left, in standard errors, is what bounds the statistics' error
  step <- abs(A %*% colSums(U)) / sqrt(diag(A))
  stopifnot(max(step) < 1e-8)
  S <- rowsum(U, d$cl)
  G <- nrow(S)
  A %*% crossprod(S) %*% A * G / (G - 1)
}

anova_table <- function(v, V, type) {
  a <- car:::Anova.default(v, type = type, vcov. = V)
  a <- a[rownames(a) != "(Intercept)", ]
  list(term = rownames(a), chi2 = a[, "Chisq"], df = a[, "Df"], pvalue = a[, "Pr(>Chisq)"])
}

cases <- list(
  sum = list(r = "partic ~ hmiss + C(children, contr.sum) * C(reg3, contr.sum)",
             py = "partic ~ hmiss + C(children, Sum) * C(reg3, Sum)"),
  treatment = list(r = "partic ~ hmiss + children * reg3",
                   py = "partic ~ hmiss + children * reg3")
)
out <- list(versions = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                            car = as.character(packageVersion("car")),
                            jsonlite = as.character(packageVersion("jsonlite"))),
            nobs = nrow(d), cases = list())
for (n in names(cases)) {
  v <- fit(cases[[n]]$r)
  V <- sandwich_by_hand(v)
  out$cases[[n]] <- list(formula = cases[[n]]$py, loglik = as.numeric(logLik(v)),
                         II = anova_table(v, V, 2), III = anova_table(v, V, 3))
  if (n == "sum") {
    # vglm's equations: 1 = fulltime, 2 = parttime (against not.work)
    ch <- "C(children, contr.sum)1"
    e <- "C(reg3, contr.sum)2"
    o <- "C(reg3, contr.sum)1"
    hs <- list(
      cross = list(r = c(sprintf("%s:%s:1 = %s:%s:2", ch, e, ch, e), sprintf("%s:1 = %s:2", o, o)),
                   py = paste("fulltime:C(children, Sum)[S.absent]:C(reg3, Sum)[S.east] =",
                              "parttime:C(children, Sum)[S.absent]:C(reg3, Sum)[S.east],",
                              "fulltime:C(reg3, Sum)[S.Ontario] = parttime:C(reg3, Sum)[S.Ontario]")),
      combination = list(r = sprintf("%s:1 - 2*%s:2 + hmiss:1 = 0.5", ch, ch),
                         py = paste("fulltime:C(children, Sum)[S.absent] -",
                                    "2*parttime:C(children, Sum)[S.absent] + fulltime:hmiss = 0.5"))
    )
    out$wald <- lapply(hs, function(h) {
      l <- linearHypothesis(v, h$r, vcov. = V, test = "Chisq")
      list(restrictions = h$py, chi2 = l[2, "Chisq"], df = l[2, "Df"], pvalue = l[2, "Pr(>Chisq)"])
    })
  }
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "wald_sum_interactions.json")
