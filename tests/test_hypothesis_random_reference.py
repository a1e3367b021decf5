"""Random data sets' hypothesis tests against R (tests/reference/make_hypothesis_random.R
draws and fits them): car::Anova's type II and III likelihood-ratio tests, Wald tests of
each term with the model-based covariance (``wald_test(term)``, car::linearHypothesis) and
with a robust HC0 sandwich (``anova()`` of a robust fit: type III and car's type II), the
nested LR test of the formula without its last term (``mnlogit.lr_test``, R's ``anova(m0,
m)``), the test against the intercept-only model and one restriction across equations with a
right-hand side. Formulas cross factors of 2-4 levels (one often rare; treatment or sum
coded), numbers and their interactions, under integer frequency weights in some draws.
Draws whose design has a column of zeros (an empty cell) must be refused, not fitted as
nnet fits them (the column's weight left at its random start, counted in car's df)."""

from __future__ import annotations

import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import RankError

REF = json.loads((refdata.REF_DIR / "hypothesis_random.json").read_text())
ROWS = pd.read_csv(refdata.REF_DIR / "hypothesis_random.csv.gz")
CASES = {case["case"]: case for case in REF["cases"]}
# The file holds 48 draws, each of which agrees; to stay fast the test checks eight that
# cover both codings, every kind of interaction, the weighted fits and K = 2 to 4, and two
# separated draws
FITTED = [5, 6, 7, 10, 19, 21, 24, 36]
SEPARATED = [2, 42]
ALIASED = sorted(c for c, case in CASES.items() if "aliased" in case)
# R's estimates are polished by Newton steps to a scaled score below 1e-20 and car's refits
# run to reltol 1e-16: the statistics agree to ~1e-9 relative
RTOL = 1e-6


def _py(text: str) -> str:
    """An R term or formula in mnlogit's spelling."""
    return text.replace("contr.sum", "Sum").replace("^2", "**2")


def _key(term: str) -> str:
    """A term's label read alike whichever program wrote it (spaces, factors' order)."""
    return ":".join(sorted(re.sub(r"\s+", "", _py(term)).split(":")))


def _fit(case: int, cov_type: str = "nonrobust", formula: str | None = None):
    spec = CASES[case]
    data = ROWS[ROWS["case"] == case].drop(columns="case").reset_index(drop=True)
    kwargs: dict = {"ref": spec["ref"], "cov_type": cov_type}
    if spec["weighted"]:
        kwargs["weights"] = "w"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rare levels and zero weights: not what is tested
        return mnlogit.fit(formula or spec["formula"], data, **kwargs)


def _table(got: pd.DataFrame) -> dict[str, tuple[float, float, float]]:
    return {_key(t): (row.chi2, row.df, row.pvalue) for t, row in got.iterrows()}


def _close(got: tuple, want: dict, what: str) -> None:
    chi2, df, p = got
    assert df == want["df"], what
    np.testing.assert_allclose(chi2, want["chi2"], rtol=RTOL, atol=1e-8, err_msg=what)
    np.testing.assert_allclose(p, want["pvalue"], rtol=RTOL, atol=1e-12, err_msg=what)


@pytest.mark.parametrize("case", FITTED)
def test_per_term_tests_and_restrictions(case):
    spec = CASES[case]
    res = _fit(case)
    assert res.converged and res.separation is None
    assert res.llf == pytest.approx(spec["llf"], rel=1e-10)
    for kind in ("II", "III"):
        got = _table(res.anova(type=kind))
        want = spec["anova_lr"][kind]
        assert sorted(got) == sorted(map(_key, want["term"])), kind
        for i, term in enumerate(want["term"]):
            _close(got[_key(term)], {k: want[k][i] for k in ("chi2", "df", "pvalue")}, term)
    robust = _fit(case, "robust")
    for kind in ("II", "III"):
        got = _table(robust.anova(type=kind))
        for term, want in spec["wald"]["hc0"][kind].items():
            _close(got[_key(term)], want, f"robust {kind} {term}")
    for term, want in spec["wald"]["model"]["III"].items():
        test = res.wald_test(_py(term))
        _close((test.statistic, test.df, test.pvalue), want, f"wald {term}")
    nested = spec["nested"]
    small = _fit(case, formula=_py(nested["formula_r"]))
    test = mnlogit.lr_test(small, res)
    _close((test.statistic, test.df, test.pvalue), nested, "nested")
    test = res.lr_test()
    _close((test.statistic, test.df, test.pvalue), spec["null"], "null")
    hyp = spec["restriction"]
    R = np.zeros((1, res.params.size))
    R[0, hyp["position"]] = 1.0
    if len(hyp["equations"]) > 1:
        R[0, res.params.shape[0] + hyp["position"]] = -1.0
    for cov_type, fit in (("model", res), ("hc0", robust)):
        test = fit.wald_test((R, hyp["rhs"]))
        _close((test.statistic, test.df, test.pvalue), hyp[cov_type], cov_type)


@pytest.mark.parametrize("case", ALIASED)
def test_empty_cells_refused(case):
    with pytest.raises(RankError, match="empty cell"):
        _fit(case)


@pytest.mark.parametrize("case", SEPARATED)
def test_separated_draws_flagged(case):
    # Newton steps in R find no maximum: no finite estimates, and no statistic of a term
    # whose coefficients diverge
    res = _fit(case)
    assert res.separation is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.exceptions.ConvergenceWarning)  # refits' limits
        with pytest.warns(mnlogit.exceptions.InferenceWarning, match="diverge"):
            table = res.anova(type="III")
    assert table["chi2"].isna().any()
