"""Per-term likelihood-ratio tests against car::Anova of nnet::multinom fits
(tests/reference/anova_more.R): an orthogonal polynomial in an interaction, Helmert
contrasts, frequency weights, a squared term that car treats as a term of its own, terms
inside interactions only; and R's anova of two fits against different references, which
mnlogit.lr_test refused before ("the models use different references")."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR, RTOL_P

import mnlogit

REF = json.loads((REF_DIR / "anova_more.json").read_text())


@pytest.fixture(scope="module")
def women() -> pd.DataFrame:
    df = pd.read_csv(REF_DIR / "womenlf.csv")
    return df.assign(w=1 + np.arange(len(df)) % 3)


@pytest.mark.parametrize(
    ("case", "kind"),
    [(c, k) for c, v in REF["cases"].items() for k in ("II", "III") if k in v],
)
def test_anova_matches_car(women, case, kind):
    ref = REF["cases"][case]
    res = mnlogit.fit(ref["formula"], women, ref="not.work", weights=ref.get("weights"))
    table = res.anova(type=kind)
    want = ref[kind]
    assert len(table) == len(want["term"])
    assert table["df"].tolist() == want["df"]
    np.testing.assert_allclose(table["chi2"], want["chi2"], rtol=1e-6)
    big = np.array(want["pvalue"]) > 1e-10  # R's small p-values carry less
    np.testing.assert_allclose(table["pvalue"][big], np.array(want["pvalue"])[big], rtol=RTOL_P)


def test_lr_test_of_fits_against_other_references_matches_r(women):
    ref = REF["references"]
    small, large = (
        mnlogit.fit(f, women, ref=r) for f, r in zip(ref["formulas"], ref["refs"], strict=True)
    )
    test = mnlogit.lr_test(small, large)
    assert test.df == ref["df"]
    np.testing.assert_allclose(test.statistic, ref["chi2"], rtol=1e-6)
    np.testing.assert_allclose(test.pvalue, ref["pvalue"], rtol=1e-4)
