# An applied analysis of real survey data with missing values: carData's Chile (Fox 2016;
# FLACSO's 1988 poll before the Chilean plebiscite: 2700 respondents, vote Y/N/U(ndecided)/
# A(bstain) with 168 missing, region, population of the locality, sex, age, education with
# 11 missing, income with 98 missing, and a status-quo scale with 17 missing). Written as
# R's write.csv writes it (row names under an empty header cell, NA for missing, factor
# labels quoted): chile.csv. The fit, reference N, is
#   vote ~ region + log(income) + sex * age + education + statusquo
# on the 2431 complete rows: VGAM::vglm (epsilon 1e-14) estimates, the exact information's
# inverse, HC0 and cluster (population, 10 localities, times G/(G-1)) sandwiches from the row
# scores; car::Anova type II and III LR tests (refits to reltol 1e-16, car_tight.R); Wald
# tests by hand; the LR test of sex:age; margins over education averaged over the rows and the
# average effects of statusquo, age and income (hand delta method, numDeriv); emmeans'
# reference-grid margins over education (mode = "prob"); predictions at two new rows with
# delta-method standard errors; the fit against Y; Hausman-McFadden tests omitting A and U
# (Moore-Penrose inverse, df = rank, as make_iia_reference.R).
# Run from this folder:  Rscript make_chile.R   -> chile.csv, chile.json
suppressPackageStartupMessages({
  library(VGAM); library(nnet); library(car); library(emmeans); library(numDeriv)
  library(carData); library(jsonlite)
})
source("car_tight.R")

write.csv(Chile, "chile.csv")
d <- na.omit(read.csv("chile.csv", row.names = 1, stringsAsFactors = TRUE))
d$vote <- relevel(d$vote, "N")
f <- vote ~ region + log(income) + sex * age + education + statusquo
out_levels <- c("A", "N", "U", "Y")

fitv <- function(data, form, base) {
  lv <- levels(data$vote)
  m <- vglm(form, multinomial(refLevel = match(base, lv)), data = data, epsilon = 1e-14,
            maxit = 1000)
  B <- coef(m, matrix = TRUE); colnames(B) <- setdiff(lv, base)
  X <- model.matrix(form, data)
  E <- cbind(X %*% B, 0); P <- exp(E - apply(E, 1, max)); P <- P / rowSums(P)
  q <- ncol(B); p <- ncol(X)
  info <- matrix(0, p * q, p * q)               # equation-major: (level, column)
  for (k in 1:q) for (l in 1:q) {
    w <- P[, k] * ((k == l) - P[, l])
    info[(k - 1) * p + 1:p, (l - 1) * p + 1:p] <- crossprod(X * w, X)
  }
  nm <- as.vector(outer(colnames(X), colnames(B), function(t, l) paste0(l, ":", t)))
  V <- solve(info); dimnames(V) <- list(nm, nm)
  Y <- sapply(colnames(B), function(l) as.numeric(data$vote == l))
  S <- do.call(cbind, lapply(1:q, function(k) X * (Y[, k] - P[, k])))
  list(B = B, b = setNames(as.vector(B), nm), V = V, S = S, X = X,
       ll = as.numeric(logLik(m)))
}
probs <- function(b, X, eqs) {
  B <- matrix(b, ncol = length(eqs)); E <- cbind(X %*% B, 0)
  P <- exp(E - apply(E, 1, max)); P <- P / rowSums(P)
  colnames(P) <- c(eqs, "N"); P[, out_levels, drop = FALSE]
}

full <- fitv(d, f, "N")
eqs <- colnames(full$B)
hc0 <- full$V %*% crossprod(full$S) %*% full$V
G <- length(unique(d$population))
vcl <- full$V %*% crossprod(rowsum(full$S, d$population)) %*% full$V * G / (G - 1)
null <- fitv(d, vote ~ 1, "N")
small <- fitv(d, vote ~ region + log(income) + sex + age + education + statusquo, "N")

mn <- multinom(f, data = d, trace = FALSE, maxit = 10000, reltol = 1e-16, abstol = 1e-300,
               Hess = TRUE)
a2 <- anova_tight[[1]](mn); a3 <- anova_tight[[2]](mn)

nm <- names(full$b)
wald <- function(L, V) { r <- L %*% full$b; as.numeric(t(r) %*% solve(L %*% V %*% t(L), r)) }
L1 <- matrix(0, 1, length(nm)); L1[nm == "Y:statusquo"] <- 1; L1[nm == "U:statusquo"] <- -1
L2 <- diag(length(nm))[grep("education", nm), ]

margins <- list()
for (e in levels(d$education)) {
  de <- d; de$education <- factor(e, levels = levels(d$education))
  Xe <- model.matrix(f, de)
  g <- function(b) colMeans(probs(b, Xe, eqs))
  J <- jacobian(g, full$b)
  margins[[e]] <- list(estimate = unname(g(full$b)),
                       se = sqrt(diag(J %*% full$V %*% t(J))),
                       se_robust = sqrt(diag(J %*% hc0 %*% t(J))))
}
ame <- list()
for (v in c("statusquo", "age", "income")) {
  h <- 1e-5 * mean(abs(d[[v]]))
  up <- d; up[[v]] <- d[[v]] + h; down <- d; down[[v]] <- d[[v]] - h
  Xu <- model.matrix(f, up); Xd <- model.matrix(f, down)
  g <- function(b) colMeans((probs(b, Xu, eqs) - probs(b, Xd, eqs)) / (2 * h))
  J <- jacobian(g, full$b)
  ame[[v]] <- list(estimate = unname(g(full$b)), se = sqrt(diag(J %*% full$V %*% t(J))))
}
em <- as.data.frame(summary(emmeans(mn, ~ education | vote, mode = "prob")))

new <- data.frame(region = factor(c("C", "SA"), levels = levels(d$region)),
                  income = c(7500, 75000), sex = factor(c("F", "M"), levels = c("F", "M")),
                  age = c(30, 60), education = factor(c("P", "S"), levels = levels(d$education)),
                  statusquo = c(0, -1), vote = factor("N", levels = levels(d$vote)))
Xn <- model.matrix(f, new)
Jn <- jacobian(function(b) as.vector(t(probs(b, Xn, eqs))), full$b)

against_y <- fitv(d, f, "Y")
iia <- list()
for (omit in c("A", "U")) {
  r <- fitv(droplevels(d[d$vote != omit, ]), f, "N")
  common <- names(r$b); dd <- r$b[common] - full$b[common]
  V <- r$V[common, common] - full$V[common, common]; V <- (V + t(V)) / 2
  ev <- eigen(V, symmetric = TRUE)
  keep <- abs(ev$values) > length(dd) * .Machine$double.eps * max(abs(ev$values))
  z <- crossprod(ev$vectors[, keep, drop = FALSE], dd)
  iia[[omit]] <- list(chi2 = sum(z^2 / ev$values[keep]), df = sum(keep),
                      positive_definite = min(ev$values) > 0)
}

out <- list(
  versions = list(R = R.version.string, VGAM = as.character(packageVersion("VGAM")),
                  nnet = as.character(packageVersion("nnet")),
                  car = as.character(packageVersion("car")),
                  emmeans = as.character(packageVersion("emmeans")),
                  numDeriv = as.character(packageVersion("numDeriv")),
                  carData = as.character(packageVersion("carData")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  rows_used = nrow(d), rows_dropped = nrow(Chile) - nrow(d), columns = colnames(full$X),
  equations = eqs, ll = full$ll, llnull = null$ll,
  coef = unname(full$b), se = unname(sqrt(diag(full$V))), se_robust = unname(sqrt(diag(hc0))),
  se_cluster = unname(sqrt(diag(vcl))), clusters = G,
  anova2 = tab(a2), anova3 = tab(a3),
  wald_statusquo_y_u = wald(L1, full$V), wald_education = wald(L2, full$V),
  wald_education_robust = wald(L2, hc0), lr_sex_age = 2 * (full$ll - small$ll),
  margins_education = margins, ame = ame,
  emmeans_education = list(education = as.character(em$education),
                           vote = as.character(em$vote), estimate = em$prob, se = em$SE),
  new_prob = as.vector(t(probs(full$b, Xn, eqs))), new_se = sqrt(diag(Jn %*% full$V %*% t(Jn))),
  against_y = list(equations = colnames(against_y$B), coef = unname(against_y$b),
                   se = unname(sqrt(diag(against_y$V)))),
  iia = iia
)
write(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "chile.json")
