"""Per-term likelihood-ratio tests, Wald tests and predictions against R
(tests/reference/make_anova_unused_level.R) for a factor x numeric interaction whose factor
is a Categorical with an unused category, with rows missing the numeric predictor and
frequency weights of which a quarter are 0: car::Anova type II and III (treatment and
sum-to-zero coding) of the fit of R's droplevels() data, car::linearHypothesis with the
model-based and a robust (HC0) covariance, and nnet's probabilities at new rows given as a
Categorical in another order of its categories (a row missing a value among them NaN, the
unused category refused).

nnet's own fit keeps the unused level as a column of zeros: car then tests region and
hincome:region on 10 df where 8 restrictions exist, and under sum-to-zero coding finds
hincome's type III statistic 0 (hincome is the sum of the interaction's columns). Those are
stored too, and the tests check that mnlogit does not count the unused level."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR

import mnlogit

REF = json.loads((REF_DIR / "anova_unused_level.json").read_text())
LEVELS = ["Atlantic", "BC", "Ontario", "Prairie", "Quebec", "Yukon"]
# car's refits (reltol 1e-16) and mnlogit's agree to ~1e-13 in chi2; the Wald tests and
# probabilities use nnet's estimates, ~1e-7 from the maximum
RTOL_LR = 1e-9
RTOL_WALD = 1e-6
RTOL_WALD_P = 2e-6
ATOL_PROB = 1e-6


@pytest.fixture(scope="module")
def women() -> pd.DataFrame:
    df = pd.read_csv(REF_DIR / "womenlf.csv")
    row = np.arange(1, len(df) + 1)
    df["hincome"] = df["hincome"].astype(float).where(row % 11 != 0)
    df["region"] = pd.Categorical(df["region"], categories=LEVELS)
    df["w"] = row % 4
    return df


@pytest.fixture(scope="module")
def fits(women) -> dict[str, mnlogit.MNLogitResults]:
    return {
        name: mnlogit.fit(case["formula"], women, ref="not.work", weights="w")
        for name, case in REF["cases"].items()
    }


@pytest.mark.parametrize("kind", ["II", "III"])
@pytest.mark.parametrize("case", list(REF["cases"]))
def test_anova_matches_car_without_the_unused_level(fits, case, kind):
    want = REF["cases"][case]
    res = fits[case]
    np.testing.assert_allclose(res.llf, want["loglik"], rtol=1e-10)
    assert res.n_dropped == 263 - want["nobs_rows"]
    table = res.anova(kind)
    assert table.attrs["test"] == "LR"
    assert table["df"].tolist() == want[kind]["df"]
    np.testing.assert_allclose(table["chi2"], want[kind]["chi2"], rtol=RTOL_LR)
    np.testing.assert_allclose(table["pvalue"], want[kind]["pvalue"], rtol=RTOL_LR)
    # the unused category has no column (nnet's has one of zeros, which car counts in df)
    assert not [c for c in res.params.index if "Yukon" in c]


@pytest.mark.parametrize("case", list(REF["cases"]))
def test_probabilities_at_new_rows_given_in_another_category_order(fits, case):
    want = REF["cases"][case]
    new = pd.DataFrame(want["new"])
    new["region"] = pd.Categorical(new["region"], categories=LEVELS[::-1])
    probs = pd.DataFrame(want["probs"])
    got = fits[case].predict(new)[probs.columns]
    np.testing.assert_allclose(got.to_numpy(), probs.to_numpy(), atol=ATOL_PROB)


@pytest.mark.parametrize("case", list(REF["cases"]))
def test_rows_missing_a_value_predict_nan_beside_nnets_rows(fits, case):
    # nnet's predict drops such rows (na.omit); the others must keep their own probabilities
    want = REF["cases"][case]
    new = pd.DataFrame(want["new"])
    gap = pd.DataFrame({"hincome": [np.nan], "region": ["BC"], "children": ["absent"]})
    mixed = pd.concat([new.iloc[:1], gap, new.iloc[1:]], ignore_index=True)
    mixed["region"] = pd.Categorical(mixed["region"], categories=LEVELS[::-1])
    probs = pd.DataFrame(want["probs"])
    with pytest.warns(mnlogit.MNLogitWarning, match="missing"):
        got = fits[case].predict(mixed)[probs.columns].to_numpy()
    assert np.isnan(got[1]).all()
    np.testing.assert_allclose(np.delete(got, 1, axis=0), probs.to_numpy(), atol=ATOL_PROB)


@pytest.mark.parametrize("case", list(REF["cases"]))
def test_the_unused_category_is_refused_in_new_data(fits, case):
    # it has no column: coding it as any fitted level would be a guess (R's predict fails too)
    new = pd.DataFrame({"hincome": [10.0], "region": ["Yukon"], "children": ["absent"]})
    new["region"] = pd.Categorical(new["region"], categories=LEVELS)
    with pytest.raises(mnlogit.MNLogitError, match="Yukon"):
        fits[case].predict(new)


@pytest.mark.parametrize("cov", ["model", "hc0"])
def test_wald_tests_match_linear_hypothesis(women, cov):
    want = REF["wald"]
    cov_type = "nonrobust" if cov == "model" else "robust"
    res = mnlogit.fit(want["formula"], women, ref="not.work", weights="w", cov_type=cov_type)
    # equation by equation, as R's vcov(multinom) orders them
    np.testing.assert_allclose(res.bse.T.to_numpy().ravel(), want[f"bse_{cov}"], rtol=RTOL_WALD)
    for name in ("across", "rhs", "interaction"):
        test = res.wald_test(want[name]["py"])
        assert test.df == want[name][cov]["df"]
        np.testing.assert_allclose(test.statistic, want[name][cov]["chi2"], rtol=RTOL_WALD)
        np.testing.assert_allclose(test.pvalue, want[name][cov]["pvalue"], rtol=RTOL_WALD_P)
