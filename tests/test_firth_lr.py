"""Penalised likelihood-ratio tests of Firth fits: the restricted model maximises the FULL
model's penalised log-likelihood l(B) + log det I_full(B) / 2 with the tested coefficients at
zero (Heinze & Schemper 2002; R's logistf), so no statistic depends on a column's units.

Before, the restricted model was fitted under its own (smaller) penalty: multiplying a tested
column by c moved the full model's penalised maximum by (K - 1) log c and left the restricted
one's, so the LR test against the null, ``lr_test`` and ``anova`` moved by 2 (K - 1) log c
(41.4 for c = 1000 with four outcomes). References: tests/reference/make_firth_lr.R ->
firth_lr.json (logistf 1.26.1).
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit import _firth, _linalg
from mnlogit.exceptions import ModelComparisonError

REF = Path(__file__).parent / "reference"
RTOL_R = 1e-7  # logistf and mnlogit both converge to ~1e-12; they agree to ~1e-11
RTOL_UNITS = 1e-8


def logistf(case: str) -> dict:
    return json.loads((REF / "firth_lr.json").read_text())[case]


def _womenlf() -> pd.DataFrame:
    df = pd.read_csv(REF / "womenlf.csv")
    return df.assign(working=(df["partic"] != "not.work").astype(int))


# case -> (data, full formula, restricted formula, weights)
CASES = {
    "womenlf": (
        _womenlf,
        "working ~ hincome * children + region",
        "working ~ hincome + children",
        None,
    ),
    "sex2": (
        lambda: pd.read_csv(REF / "sex2.csv"),
        "case ~ age + oc + vic + vicl + vis + dia",
        "case ~ age + oc + dia",
        None,
    ),
    "sexagg": (
        lambda: pd.read_csv(REF / "sexagg.csv"),
        "case ~ age + oc + vic + vicl + vis + dia",
        "case ~ age + oc + dia",
        "COUNT",
    ),
}


@pytest.fixture(scope="module", params=[(c, s) for c in CASES for s in (1.0, 1e3)])
def binary(request):
    """A logistf case fitted by mnlogit (K = 2); with scale 1e3 the first covariate is in
    other units, which must not change any test."""
    case, scale = request.param
    data, formula, small, weights = CASES[case]
    df = data()
    first = {"womenlf": "hincome", "sex2": "age", "sexagg": "age"}[case]
    df[first] = df[first] * scale
    full = mnlogit.fit(formula, df, ref=0, method="firth", weights=weights)
    restricted = mnlogit.fit(small, df, ref=0, method="firth", weights=weights)
    return logistf(case), full, restricted, scale


def test_penalised_loglik_matches_logistf(binary):
    want, full, _, scale = binary
    # one equation: scaling a column by c moves log det I(B) / 2 by log c, and nothing else
    # (hincome is in two columns, hincome and hincome:children[T.present])
    moved = sum(name.split(":")[0] in ("hincome", "age") for name in full.params.index)
    np.testing.assert_allclose(
        full.penalized_llf, want["penalised_loglik"] + moved * np.log(scale), rtol=1e-9
    )
    np.testing.assert_allclose(
        full.params.loc["Intercept"].iloc[0], want["coefficients"]["(Intercept)"], rtol=1e-7
    )


def test_lr_test_against_the_null_matches_logistf(binary):
    want, full, _, _ = binary
    test = full.lr_test()
    np.testing.assert_allclose(test.statistic, want["lr_null"]["chi2"], rtol=RTOL_R)
    assert test.df == want["lr_null"]["df"]
    assert "full model's penalty" in test.note


def test_nested_lr_test_matches_logistf_anova(binary):
    want, full, restricted, _ = binary
    test = mnlogit.lr_test(restricted, full)
    np.testing.assert_allclose(test.statistic, want["nested"]["test"]["chi2"], rtol=RTOL_R)
    np.testing.assert_allclose(test.pvalue, want["nested"]["test"]["pvalue"], rtol=1e-6)
    assert test.df == want["nested"]["test"]["df"]
    # the restricted model's own penalised maximum is not what is compared
    assert test.details["llf_restricted"] != pytest.approx(restricted.penalized_llf, rel=1e-6)
    assert test.details["llf_restricted"] <= full.penalized_llf


def test_type_iii_anova_matches_logistf_drop1(binary):
    want, full, _, _ = binary
    table = full.anova("III")
    for term, ref in want["drop1"].items():
        np.testing.assert_allclose(table.loc[term, "chi2"], ref["chi2"], rtol=RTOL_R)
        assert table.loc[term, "df"] == ref["df"]
    assert "larger model" in table.attrs["note"]


def test_type_ii_anova_matches_logistf(binary):
    want, full, _, _ = binary
    if "anova_type2" not in want:  # no interactions: type II is type III
        np.testing.assert_allclose(full.anova("II")["chi2"], full.anova("III")["chi2"], rtol=1e-10)
        return
    table = full.anova("II")
    for term, ref in want["anova_type2"].items():
        np.testing.assert_allclose(table.loc[term, "chi2"], ref["chi2"], rtol=RTOL_R)


# --- K > 2: no statistic depends on a column's units -----------------------------------------
FORMULA = "mode ~ x1 + group + lx2"
RESTRICTED = "mode ~ group + lx2"


@pytest.fixture(scope="module")
def travel():
    df = refdata.data("synthetic").iloc[:300]
    return df.assign(lx2=np.log(df["x2"]))


def _tests(df: pd.DataFrame) -> dict[str, float]:
    full = mnlogit.fit(FORMULA, df, ref="car", method="firth")
    restricted = mnlogit.fit(RESTRICTED, df, ref="car", method="firth")
    out = {"null": full.lr_test().statistic, "nested": mnlogit.lr_test(restricted, full).statistic}
    for kind in ("II", "III"):
        out |= {f"{kind}:{t}": v for t, v in full.anova(kind)["chi2"].items()}
    return out


@pytest.fixture(scope="module")
def base_tests(travel):
    return _tests(travel)


@pytest.mark.slow
@pytest.mark.parametrize("column", ["x1", "lx2"])  # x1 is tested by lr_test, lx2 is not
@pytest.mark.parametrize("scale", [1e-3, 1e3])
def test_firth_lr_statistics_do_not_depend_on_units(travel, base_tests, column, scale):
    moved = _tests(travel.assign(**{column: travel[column] * scale}))
    assert moved.keys() == base_tests.keys()
    for name, value in base_tests.items():
        np.testing.assert_allclose(moved[name], value, rtol=RTOL_UNITS, err_msg=name)


@pytest.mark.slow
def test_interaction_terms_do_not_depend_on_units(travel):
    # type II of a main effect with relatives: the larger model is the one without them
    formula = "mode ~ x1 * group + lx2"
    base = mnlogit.fit(formula, travel, ref="car", method="firth").anova("II")["chi2"]
    moved = mnlogit.fit(
        formula, travel.assign(x1=travel["x1"] * 1e3), ref="car", method="firth"
    ).anova("II")["chi2"]
    np.testing.assert_allclose(moved.to_numpy(), base.to_numpy(), rtol=RTOL_UNITS)


# --- the restricted fit -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def restricted_fit(travel):
    res = mnlogit.fit(FORMULA, travel, ref="car", method="firth")
    data = res._data
    keep = [j for j, name in enumerate(data.column_names) if name != "x1"]
    basis = np.eye(data.p)[:, keep]
    core = res.solver.fit(data, tol=1e-12, max_iter=200, basis=basis)
    return res, data, keep, core


def test_restricted_fit_has_zero_modified_score_in_its_free_coordinates(restricted_fit):
    _, data, keep, core = restricted_fit
    x1 = data.column_names.index("x1")
    assert np.all(core.B[x1] == 0.0)
    s = data.evaluator()(core.B, 2)
    V = _linalg.inverse_from_cholesky(_linalg.cholesky(s.info))
    adjusted = s.score + _firth.score_adjustment(data, core.B, V)  # the full model's penalty
    scale = np.abs(s.score).max()
    assert np.abs(adjusted[keep]).max() < 1e-8 * max(1.0, scale)
    assert np.abs(adjusted[x1]).max() > 1e-3  # the held coefficients are not at a maximum


def test_restricted_penalised_loglik_is_below_the_full_one(restricted_fit):
    res, data, _, core = restricted_fit
    s = data.evaluator()(core.B, 2)
    c = _linalg.cholesky(s.info)
    by_hand = s.loglik + float(np.log(np.diag(c)).sum())
    np.testing.assert_allclose(core.penalized_loglik, by_hand, rtol=1e-12)
    assert core.converged and core.penalized_loglik <= res.penalized_llf
    test = res.lr_test()
    assert test.details["null"] <= core.penalized_loglik  # fewer free coefficients still


def test_null_without_free_coefficients_is_the_value_at_zero(travel):
    res = mnlogit.fit("mode ~ 0 + x1 + lx2", travel, ref="car", method="firth")
    s = res._data.evaluator()(np.zeros((res._data.p, res._data.q)), 2)
    at_zero = s.loglik + float(np.log(np.diag(_linalg.cholesky(s.info))).sum())
    test = res.lr_test()
    np.testing.assert_allclose(test.details["null"], at_zero, rtol=1e-12)
    np.testing.assert_allclose(test.statistic, 2 * (res.penalized_llf - at_zero), rtol=1e-12)


def test_dummies_spanning_the_constant_give_the_intercept_models_test(travel):
    # the same column space, parametrised two ways: the same penalised LR test of the null
    with_dummies = mnlogit.fit("mode ~ 0 + group + x1", travel, ref="car", method="firth")
    with_intercept = mnlogit.fit("mode ~ group + x1", travel, ref="car", method="firth")
    np.testing.assert_allclose(
        with_dummies.lr_test().statistic, with_intercept.lr_test().statistic, rtol=1e-8
    )


# --- separately fitted restricted models ---------------------------------------------------------
def test_a_separately_fitted_restriction_is_refitted_under_the_full_penalty(travel):
    full = mnlogit.fit(FORMULA, travel, ref="car", method="firth")
    restricted = mnlogit.fit(RESTRICTED, travel, ref="car", method="firth")
    nested = mnlogit.lr_test(restricted, full)
    np.testing.assert_allclose(nested.statistic, full.anova("III").loc["x1", "chi2"], rtol=1e-8)
    assert "full model's penalty" in nested.note


def test_a_restriction_not_among_the_full_columns_is_refused_saying_why(travel):
    full = mnlogit.fit(FORMULA, travel, ref="car", method="firth")
    other = mnlogit.fit("mode ~ group + x2", travel, ref="car", method="firth")
    # x2 is neither a column of the full model nor a combination of its columns
    with pytest.raises(ModelComparisonError, match=r"'x2'.*nor combinations of its columns"):
        mnlogit.lr_test(other, full)
    newton = mnlogit.fit("mode ~ group + x2", travel, ref="car")
    with pytest.raises(ModelComparisonError) as info:
        mnlogit.lr_test(newton, mnlogit.fit(FORMULA, travel, ref="car"))
    assert "Firth" not in str(info.value)
