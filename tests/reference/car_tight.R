# car::Anova's likelihood-ratio tests of nnet::multinom fits with the restricted models
# refitted to reltol 1e-16: car's Anova.II/III.multinom refit with nnet's defaults (reltol
# 1e-8, maxit 100), which leave some statistics 5e-6 off. Sourced by anova_more.R and
# r_parity.R: `anova_tight[[1]]` is type II, `anova_tight[[2]]` type III; `tab` reads a table.
tab <- function(a) list(term = rownames(a), chi2 = a[["LR Chisq"]], df = a[["Df"]],
                        pvalue = a[["Pr(>Chisq)"]])
tight <- function(f) {
  code <- gsub("trace = FALSE", "trace = FALSE, maxit = 10000, reltol = 1e-16, abstol = 1e-300",
               deparse(body(f)), fixed = TRUE)
  body(f) <- parse(text = paste(code, collapse = "\n"))[[1]]
  f
}
anova_tight <- list(tight(car:::Anova.II.multinom), tight(car:::Anova.III.multinom))
