# Bias-reduced (Firth, "AS_mean") fits of the battery of small data sets drawn by
# make_firth_battery.py (tests/test_firth_battery_reference.py): for each case of
# firth_battery.csv, y ~ x1 + ... + xk [+ f] (the columns the case fills; f's baseline its
# first level) against the case's reference, with its frequency weights w where given, by
# brglm2::brmultinom(type = "AS_mean", control = list(epsilon = 1e-15, maxit = 2000)).
# Stored: coefficients, vcov, log-likelihood, penalised log-likelihood
# loglik - log det vcov / 2, iterations and brglm2's converged flag (brglm2 can stop short or
# at a lower local maximum: the test judges by the penalised value and adjusted score).
# Writes firth_battery.json. Run from this folder: Rscript make_firth_battery.R (about 35 minutes)
suppressPackageStartupMessages({
  library(brglm2)
  library(jsonlite)
})

all_rows <- read.csv("firth_battery.csv", na.strings = "", stringsAsFactors = FALSE)

one <- function(d) {
  xs <- paste0("x", 1:5)
  used <- xs[sapply(xs, function(v) any(!is.na(d[[v]])))]
  if (any(!is.na(d$f))) {
    d$f <- factor(d$f)
    used <- c(used, "f")
  }
  formula <- as.formula(paste("y ~", paste(used, collapse = " + ")))
  ref <- d$ref[1]
  d$y <- relevel(factor(d$y), ref = ref)
  weighted <- any(!is.na(d$w))
  d$w <- if (weighted) d$w else rep(1, nrow(d))
  fit <- suppressWarnings(brmultinom(formula, data = d, weights = w, type = "AS_mean",
                                     control = list(epsilon = 1e-15, maxit = 2000)))
  cm <- coef(fit)
  V <- vcov(fit)
  loglik <- as.numeric(logLik(fit))
  list(
    formula = deparse(formula), ref = ref, weighted = weighted,
    rownames = rownames(cm), colnames = colnames(cm),
    coef_matrix = unname(cm), vcov = unname(V),
    loglik = loglik,
    penalised_loglik = loglik - 0.5 * as.numeric(determinant(V, logarithm = TRUE)$modulus),
    iter = fit$iter, converged = fit$converged
  )
}

# Rscript make_firth_battery.R DIR I J fits the I-th, (I + J)-th, ... case into DIR/case-N.rds
# (every case runs 2000 iterations, case 0 for 10 minutes: the work can be split over
# processes); Rscript make_firth_battery.R DIR then fits whatever DIR lacks and writes the
# JSON (with no DIR, a temporary one: all cases in one run).
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else file.path(tempdir(), "firth_battery")
dir.create(dir, showWarnings = FALSE)
cases <- split(all_rows, all_rows$case)
ids <- names(cases)
if (length(args) == 3) ids <- ids[seq(as.integer(args[2]), length(ids), by = as.integer(args[3]))]
for (id in ids) {
  path <- file.path(dir, paste0("case-", id, ".rds"))
  if (file.exists(path)) next
  started <- Sys.time()
  saveRDS(one(cases[[id]]), path)
  message(sprintf("case %s: %.1f s", id, as.numeric(Sys.time() - started, units = "secs")))
}
if (length(args) == 3) quit(save = "no")
out <- lapply(names(cases), function(id) readRDS(file.path(dir, paste0("case-", id, ".rds"))))
names(out) <- names(cases)
versions <- sapply(c("brglm2", "jsonlite"), function(p) as.character(packageVersion(p)))
out[["_about"]] <- list(
  generated_by = "tests/reference/make_firth_battery.R", R = R.version.string,
  packages = as.list(versions),
  call = paste('brmultinom(formula, data, weights = w, type = "AS_mean",',
               "control = list(epsilon = 1e-15, maxit = 2000)), y releveled to ref"),
  layout = paste("coef_matrix rows = rownames (non-reference outcomes), columns = colnames;",
                 "vcov equation by equation; loglik unpenalised;",
                 "penalised_loglik = loglik - log det(vcov) / 2")
)
write_json(out, "firth_battery.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote firth_battery.json\n")
