"""Per-term likelihood-ratio tests of a three-way interaction against car::Anova of
nnet::multinom fits (tests/reference/anova_three_way.R): type II's containment runs through
chains (hincome is in hincome:children, hincome:east and hincome:children:east), unweighted
and with frequency weights."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR, RTOL_P

import mnlogit

REF = json.loads((REF_DIR / "anova_three_way.json").read_text())


@pytest.fixture(scope="module")
def women() -> pd.DataFrame:
    df = pd.read_csv(REF_DIR / "womenlf.csv")
    east = df["region"].isin(["Atlantic", "Quebec"])
    return df.assign(w=1 + np.arange(len(df)) % 3, east=np.where(east, "east", "west"))


@pytest.mark.parametrize("case", ["unweighted", "weighted"])
@pytest.mark.parametrize("kind", ["II", "III"])
def test_three_way_anova_matches_car(women, case, kind):
    weights = "w" if case == "weighted" else None
    res = mnlogit.fit(REF["formula"], women, ref="not.work", weights=weights)
    assert res.llf == pytest.approx(REF["cases"][case]["loglik"], rel=1e-10)
    want = REF["cases"][case][kind]
    table = res.anova(type=kind)
    # car names terms in R's order of the factors: formulaic's are the same here
    assert table.index.tolist() == want["term"]
    assert table["df"].tolist() == want["df"]
    np.testing.assert_allclose(table["chi2"], want["chi2"], rtol=1e-7)
    np.testing.assert_allclose(table["pvalue"], want["pvalue"], rtol=RTOL_P)
