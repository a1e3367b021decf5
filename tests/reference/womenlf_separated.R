# womenlf.csv as make_firth_weighted.R and make_firth_large_weights.R fit it: every
# "parttime" row of region Atlantic (the baseline) recoded "not.work", so that no parttime
# row is in Atlantic, and frequency weights w = 1 + (row %% 3) with the first five rows 0.
womenlf_separated <- function() {
  d <- read.csv("womenlf.csv", stringsAsFactors = FALSE)
  d$w <- 1 + (seq_len(nrow(d)) %% 3)
  d$w[1:5] <- 0
  d$partic[d$region == "Atlantic" & d$partic == "parttime"] <- "not.work"
  d$partic <- factor(d$partic, levels = c("not.work", "fulltime", "parttime"))
  d$children <- factor(d$children, levels = c("absent", "present"))
  d$region <- factor(d$region)
  d
}

# What every JSON of these fits opens with: the script that made it, the versions, the model.
fit_header <- function(script) {
  list(
    generated_by = script,
    R_version = R.version.string,
    brglm2_version = as.character(packageVersion("brglm2")),
    jsonlite_version = as.character(packageVersion("jsonlite")),
    formula = "partic ~ hincome + children + region", ref = "not.work"
  )
}

# The design's columns as mnlogit names them, in R's order.
TERMS <- c("Intercept", "hincome", "children[T.present]", "region[T.BC]",
           "region[T.Ontario]", "region[T.Prairie]", "region[T.Quebec]")
