# Reference values for analyses an R user routinely runs that the other scripts here do not
# cover, on womenlf.csv (carData's Womenlf; reference not.work unless said):
# - ordered factors, which R codes by contr.poly by default: `partic ~ hincome * cho + rego`
#   (cho, rego: children and region as ordered factors, levels in R's order) by
#   nnet::multinom, coefficients, log-likelihood and car::Anova type II and III (refits run to
#   reltol 1e-16 by car_tight.R); the same with treatment contrasts (what mnlogit uses
#   for an ordered Categorical unless told C(g, Poly)), whose type III test of hincome differs.
# - another reference: VGAM::vglm(multinomial(refLevel = "fulltime")) of
#   `partic ~ hincome + children + region` with frequency weights w = 1 + (row - 1) %% 3
#   (epsilon 1e-14): coefficients, vcov, and Wald intervals at 0.95 and 0.90 as
#   confint.default gives them (mnlogit's with_ref("fulltime") of the fit against not.work).
# - weights: the deviance, AIC and BIC of that weighted fit by nnet::multinom (R's BIC takes
#   the number of observations as the sum of the weights), and nnet's fit with weights
#   w * 0.37 that are not counts: coefficients and log-likelihood (mnlogit's
#   weight_type="probability"; its frequency weights must be counts).
# - stateful transforms at new data outside the fitted range, where R's predict.bs continues
#   the boundary polynomials (mnlogit's bs(..., extrapolation='extend')) and poly() its
#   polynomials: `bs(hincome, df = 4) + region`, `poly(hincome, 3) + region`,
#   `scale(hincome) * children + region`, `bs(hincome, degree = 1, knots = c(10, 20))`;
#   predict(type = "probs").
# - rows of weight 0 stay in R's model frame, so poly()'s basis and bs()'s knots include
#   them: `poly(hincome, 2) + children` and `bs(hincome, df = 5)` with w0 = w except 0 in
#   rows 1-10 and 201-210: log-likelihood (nnet) and coefficients (VGAM, epsilon 1e-14: nnet's
#   of these small basis columns are up to 2e-6 off).
# - bs()'s arguments as R spells them (one knot as a number, Boundary.knots, intercept = TRUE)
#   beside formulaic's (knots=[...], lower_bound=/upper_bound=, include_intercept=True):
#   nnet's log-likelihoods and VGAM's coefficients (epsilon 1e-14, on R's design).
# - nested factors, region/purpose and purpose/region beside numeric terms, on the bundled
#   travel data (rows missing income dropped, reference car): log-likelihood, R's design
#   columns and car::Anova type II and III.
# - R's response for aggregated data, cbind(not.work, fulltime, parttime) ~ children + region
#   on the counts of womenlf.csv by children and region (10 rows): nnet's log-likelihood and
#   VGAM's coefficients and standard errors (epsilon 1e-14); mnlogit fits the counts melted
#   to one row per cell and outcome with the count as frequency weight.
# - an empty cell, `partic ~ region * children` without the rows of BC and absent: R's
#   model.matrix columns (Prairie, separated, left out), its rank and the aliased column (qr's pivot; the coefficient glm
#   gives NA), and nnet's log-likelihood (nnet fits the aliased design as it is), which
#   the cells that occur as one factor give.
# Run from this folder:  Rscript r_parity.R   Writes r_parity.json.
suppressPackageStartupMessages({
  library(nnet)
  library(car)
  library(VGAM)
  library(splines)
  library(jsonlite)
})

df <- read.csv("womenlf.csv", stringsAsFactors = TRUE)
df$partic <- relevel(df$partic, "not.work")
df$w <- 1 + (seq_len(nrow(df)) - 1) %% 3
df$wf <- df$w * 0.37
df$w0 <- df$w
df$w0[c(1:10, 201:210)] <- 0
df$cho <- factor(df$children, ordered = TRUE)
df$rego <- factor(df$region, ordered = TRUE)

tight_args <- list(trace = FALSE, maxit = 10000, reltol = 1e-16, abstol = 1e-300)
fit <- function(f, ...) {
  m <- do.call(multinom, c(list(as.formula(f), data = quote(df)), tight_args, list(...)))
  m$call$formula <- as.formula(f)  # car refits from the call
  m
}
source("car_tight.R")  # tab(), anova_tight
coefs <- function(m) {
  b <- coef(m)
  list(equations = rownames(b), columns = colnames(b), coef = unname(split(b, row(b))))
}

out <- list(versions = list(R = R.version.string, nnet = as.character(packageVersion("nnet")),
                            car = as.character(packageVersion("car")),
                            VGAM = as.character(packageVersion("VGAM")),
                            splines = as.character(packageVersion("splines")),
                            jsonlite = as.character(packageVersion("jsonlite"))))

# --- ordered factors ---------------------------------------------------------------------
stopifnot(identical(attr(model.matrix(~ cho, df), "contrasts")$cho, "contr.poly"))
ordered <- list()
m <- fit("partic ~ hincome * cho + rego")
ordered$poly <- c(coefs(m), list(loglik = as.numeric(logLik(m)),
                                 formula = "partic ~ hincome * C(cho, Poly) + C(rego, Poly)",
                                 II = tab(anova_tight[[1]](m)), III = tab(anova_tight[[2]](m))))
old <- options(contrasts = c("contr.treatment", "contr.treatment"))
m <- fit("partic ~ hincome * cho + rego")
ordered$treatment <- c(coefs(m), list(loglik = as.numeric(logLik(m)),
                                      formula = "partic ~ hincome * cho + rego",
                                      II = tab(anova_tight[[1]](m)), III = tab(anova_tight[[2]](m))))
options(old)
out$ordered <- ordered

# --- another reference: coefficients, vcov, Wald intervals ----------------------------------
v <- vglm(partic ~ hincome + children + region, multinomial(refLevel = "fulltime"),
          data = df, weights = w, epsilon = 1e-14, maxit = 100)
lev <- levels(df$partic)
others <- setdiff(lev, "fulltime")
nm <- names(coef(v))  # "(Intercept):1", "hincome:1", ...: equation j is others[j]
eq <- others[as.integer(sub(".*:", "", nm))]
term <- sub(":[0-9]+$", "", nm)
ci95 <- confint.default(v, level = 0.95)
ci90 <- confint.default(v, level = 0.90)
out$with_ref <- list(formula = "partic ~ hincome + children + region", weights = "w",
                     fitted_ref = "not.work", ref = "fulltime", outcome = eq, term = term,
                     coef = unname(coef(v)), vcov = unname(split(vcov(v), row(vcov(v)))),
                     loglik = as.numeric(logLik(v)),
                     lower95 = unname(ci95[, 1]), upper95 = unname(ci95[, 2]),
                     lower90 = unname(ci90[, 1]), upper90 = unname(ci90[, 2]))

# --- weights ----------------------------------------------------------------------------
m <- fit("partic ~ hincome + children + region", weights = df$w)
out$weights <- list(formula = "partic ~ hincome + children + region",
                    frequency = list(weights = "w", deviance = deviance(m), AIC = AIC(m),
                                     BIC = BIC(m), loglik = as.numeric(logLik(m)),
                                     edf = m$edf, sum_w = sum(df$w)))
m <- fit("partic ~ hincome + children + region", weights = df$wf)
out$weights$fractional <- c(list(weights = "wf", loglik = as.numeric(logLik(m)),
                                 deviance = deviance(m)), coefs(m))

# --- new data beyond the fitted range ------------------------------------------------------
new <- data.frame(hincome = c(0.5, 1, 45, 52, 60),
                  children = factor(c("absent", "present", "absent", "present", "absent"),
                                    levels = levels(df$children)),
                  region = factor(c("BC", "Ontario", "Quebec", "Atlantic", "Prairie"),
                                  levels = levels(df$region)))
beyond <- list(
  bs = list(r = "partic ~ bs(hincome, df = 4) + region",
            py = "partic ~ bs(hincome, df=4, extrapolation='extend') + region"),
  bs_linear = list(r = "partic ~ bs(hincome, degree = 1, knots = c(10, 20)) + children",
                   py = "partic ~ bs(hincome, degree=1, knots=[10, 20], extrapolation='extend') + children"),
  poly = list(r = "partic ~ poly(hincome, 3) + region", py = "partic ~ poly(hincome, 3) + region"),
  scale = list(r = "partic ~ scale(hincome) * children + region",
               py = "partic ~ scale(hincome) * children + region")
)
out$beyond <- list(newdata = new, cases = list())
for (n in names(beyond)) {
  m <- suppressWarnings(fit(beyond[[n]]$r))  # predict.bs warns of the values beyond the knots
  p <- suppressWarnings(predict(m, newdata = new, type = "probs"))
  out$beyond$cases[[n]] <- list(formula = beyond[[n]]$py, loglik = as.numeric(logLik(m)),
                                levels = colnames(p), probs = unname(split(p, row(p))))
}

# --- rows of weight 0 in the transforms' data ------------------------------------------------
zero <- list(poly = list(r = "partic ~ poly(hincome, 2) + children",
                         py = "partic ~ poly(hincome, 2) + children"),
             bs = list(r = "partic ~ bs(hincome, df = 5)", py = "partic ~ bs(hincome, df=5)"))
out$zero_weights <- list(weights = "w0", zero_rows = c(1:10, 201:210), cases = list())
for (n in names(zero)) {
  m <- fit(zero[[n]]$r, weights = df$w0)
  # nnet's coefficients of these small basis columns are ~1e-6 off: VGAM's, which agree
  # VGAM refuses weights of 0: its fit of the positive rows on R's design of all rows
  X <- model.matrix(m)
  pos <- df$w0 > 0
  v <- vglm(df$partic[pos] ~ 0 + X[pos, ], multinomial(refLevel = "not.work"),
            weights = df$w0[pos], epsilon = 1e-14, maxit = 100)
  b <- t(matrix(coef(v), nrow = 2))  # coefficients interleaved by equation
  stopifnot(max(abs(b - t(coef(m)))) < 1e-5)
  out$zero_weights$cases[[n]] <- list(formula = zero[[n]]$py, loglik = as.numeric(logLik(m)),
                                      loglik_vglm = as.numeric(logLik(v)),
                                      equations = rownames(coef(m)), columns = colnames(coef(m)),
                                      coef = unname(split(t(b), seq_len(2))))
}

# --- bs()'s arguments as R spells them, as formulaic spells them --------------------------
spelled <- list(
  one_knot = list(r = "partic ~ bs(hincome, knots = 20)", py = "partic ~ bs(hincome, knots=[20])"),
  bounds = list(r = "partic ~ bs(hincome, knots = c(10, 20), Boundary.knots = c(0, 50))",
                py = "partic ~ bs(hincome, knots=[10, 20], lower_bound=0, upper_bound=50)"),
  intercept = list(r = "partic ~ 0 + bs(hincome, df = 5, intercept = TRUE)",
                   py = "partic ~ 0 + bs(hincome, df=5, include_intercept=True)")
)
out$spelled <- list()
for (n in names(spelled)) {
  m <- fit(spelled[[n]]$r)
  # nnet's coefficients of spline columns are up to 3e-4 off: VGAM's on R's design
  v <- vglm(df$partic ~ 0 + model.matrix(m), multinomial(refLevel = "not.work"),
            epsilon = 1e-14, maxit = 100)
  b <- t(matrix(coef(v), nrow = 2))  # coefficients interleaved by equation
  stopifnot(max(abs(b - t(coef(m)))) < 1e-3)
  out$spelled[[n]] <- list(r = spelled[[n]]$r, formula = spelled[[n]]$py,
                           loglik = as.numeric(logLik(m)), loglik_vglm = as.numeric(logLik(v)),
                           equations = rownames(coef(m)), columns = colnames(coef(m)),
                           coef = unname(split(t(b), seq_len(2))))
}

# --- nested factors (a / b), on the bundled travel data -----------------------------------
travel <- read.csv("../../mnlogit/data/travel.csv", stringsAsFactors = TRUE)
travel <- travel[!is.na(travel$income), ]
travel$mode <- relevel(travel$mode, "car")
out$nested <- list(data = "mnlogit/data/travel.csv without the rows missing income",
                   ref = "car", cases = list())
for (f in c("mode ~ region/purpose + log(distance)",
            "mode ~ purpose/region + log(distance) + income")) {
  m <- do.call(multinom, c(list(as.formula(f), data = quote(travel)), tight_args))
  m$call$formula <- as.formula(f)
  m$call$data <- quote(travel)
  out$nested$cases[[f]] <- list(formula = f, loglik = as.numeric(logLik(m)),
                                columns = colnames(coef(m)),
                                II = tab(anova_tight[[1]](m)), III = tab(anova_tight[[2]](m)))
}

# --- aggregated counts: R's cbind() response -------------------------------------------------
agg <- as.data.frame.matrix(table(interaction(df$children, df$region, sep = "|"), df$partic))
agg$children <- sub("\\|.*", "", rownames(agg))
agg$region <- sub(".*\\|", "", rownames(agg))
m <- multinom(cbind(not.work, fulltime, parttime) ~ children + region, data = agg,
              trace = FALSE, maxit = 10000, reltol = 1e-16, abstol = 1e-300)
v <- vglm(cbind(not.work, fulltime, parttime) ~ children + region,
          multinomial(refLevel = 1), data = agg, epsilon = 1e-14, maxit = 100)
b <- t(matrix(coef(v), nrow = 2))  # coefficients interleaved by equation
se <- t(matrix(sqrt(diag(vcov(v))), nrow = 2))
stopifnot(max(abs(b - t(coef(m)))) < 1e-4)
out$counts <- list(r = "cbind(not.work, fulltime, parttime) ~ children + region",
                   rows = nrow(agg), loglik = as.numeric(logLik(m)),
                   equations = rownames(coef(m)), columns = colnames(coef(m)),
                   coef = unname(split(t(b), seq_len(2))), se = unname(split(t(se), seq_len(2))))

# --- an empty cell of two factors: an aliased column ------------------------------------------
e <- df[df$region != "Prairie" & !(df$region == "BC" & df$children == "absent"), ]
e$region <- droplevels(e$region)  # Prairie, whose absent rows are all of one outcome, left out
X <- model.matrix(partic ~ region * children, e)
q <- qr(X)
m <- multinom(partic ~ region * children, data = e, trace = FALSE, maxit = 10000,
              reltol = 1e-16, abstol = 1e-300)
g <- glm(partic == "fulltime" ~ region * children, binomial, data = e)
out$empty_cell <- list(dropped = "region == Prairie | region == BC & children == absent",
                       rows = nrow(e),
                       columns = colnames(X), rank = q$rank,
                       aliased = colnames(X)[q$pivot[(q$rank + 1):ncol(X)]],
                       glm_na = names(coef(g))[is.na(coef(g))],
                       loglik = as.numeric(logLik(m)))

writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE), "r_parity.json")
