# Two-level outcomes, where the multinomial logit is the binary logit: car::Anova (LR, type II
# and III) of glm(binomial) and Firth's bias-reduced estimates of brglm2 (type = "AS_mean"),
# on small random data sets drawn here, with frequency weights, a factor and an interaction;
# the last data set is quasi-completely separated (every row of g == "c" is "yes"), where
# only Firth's estimates are finite.
# Run from tests/reference: Rscript make_binary_parity.R (writes binary_parity.csv and
# binary_parity.json).
suppressPackageStartupMessages({ library(car); library(brglm2); library(jsonlite) })
draw <- function(seed, n, separated = FALSE) {
  set.seed(seed)
  x1 <- round(rnorm(n), 4); x2 <- round(runif(n, 0, 3), 4)
  g <- sample(c("a", "b", "c"), n, replace = TRUE); h <- sample(c("hi", "lo"), n, replace = TRUE)
  eta <- 0.2 + 0.7 * x1 - 0.4 * x2 + 0.6 * (g == "b") - 0.5 * (h == "lo") + 0.5 * x1 * (h == "lo")
  y <- ifelse(runif(n) < plogis(eta), "yes", "no")
  if (separated) y[g == "c"] <- "yes"
  data.frame(set = seed, y = y, x1 = x1, x2 = x2, g = g, h = h, w = sample(1:3, n, replace = TRUE))
}
sets <- list(draw(1, 60), draw(2, 90), draw(3, 120), draw(4, 70, separated = TRUE))
all <- do.call(rbind, sets)
write.csv(all, "binary_parity.csv", row.names = FALSE)
f <- yes ~ x1 * h + x2 + g
out <- list()
for (d in sets) {
  d$yes <- as.numeric(d$y == "yes")
  key <- as.character(d$set[1])
  res <- list()
  for (weighted in c(FALSE, TRUE)) {
    wt <- if (weighted) d$w else rep(1, nrow(d))
    d$wt <- wt
    entry <- list()
    if (key != "4") {
      m <- glm(f, binomial, data = d, weights = wt, control = glm.control(epsilon = 1e-14, maxit = 100))
      a2 <- Anova(m, type = "II", test.statistic = "LR")
      a3 <- Anova(m, type = "III", test.statistic = "LR")
      entry$anova_II <- list(term = rownames(a2), chi2 = a2[["LR Chisq"]], df = a2[["Df"]], p = a2[["Pr(>Chisq)"]])
      entry$anova_III <- list(term = rownames(a3), chi2 = a3[["LR Chisq"]], df = a3[["Df"]], p = a3[["Pr(>Chisq)"]])
    }
    b <- glm(f, binomial, data = d, weights = wt, method = "brglmFit", type = "AS_mean",
             control = brglmControl(epsilon = 1e-12, maxit = 500))
    entry$firth <- list(term = names(coef(b)), coef = unname(coef(b)),
                        se = unname(sqrt(diag(vcov(b)))), converged = b$converged)
    res[[if (weighted) "weighted" else "unweighted"]] <- entry
  }
  out[[key]] <- res
}
out$versions <- list(R = R.version.string, car = as.character(packageVersion("car")),
                     brglm2 = as.character(packageVersion("brglm2")))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "binary_parity.json")
