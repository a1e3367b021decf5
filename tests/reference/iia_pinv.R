# d' V^+ d with the Moore-Penrose inverse at Stata's rank tolerance (k eps max |eigenvalue|),
# its rank and whether V is positive definite: the Hausman-type statistics of
# make_iia_suest.R, make_iia_travel.R and make_iia_near_aliased.R. Sourced by them from
# this folder.
pinv_form <- function(d, V) {
  V <- (V + t(V)) / 2
  e <- eigen(V, symmetric = TRUE)
  tol <- length(d) * .Machine$double.eps * max(abs(e$values))
  keep <- abs(e$values) > tol
  z <- crossprod(e$vectors[, keep, drop = FALSE], d)
  list(chi2 = sum(z^2 / e$values[keep]), df = sum(keep), pd = min(e$values) > tol)
}
