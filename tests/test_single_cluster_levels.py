"""Outcome levels whose rows all lie in one cluster (tests/reference/make_single_cluster_levels.R,
VGAM with the cluster-robust covariance built by hand): the cluster-robust meat of their
equations is that one cluster's score, so their standard errors are a fraction of the
model-based ones (slopes 0.3 to 0.5 times, where the other levels' are 1.3 to 2.1 times). A
level of one or two observations was warned of, but one of 6 or 15 observations in a single
cluster was not: it now is, with the levels named."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR, expected

import mnlogit


def _fit(cov_type, **kw):
    df = pd.read_csv(REF_DIR / "single_cluster_levels.csv")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("y ~ x1 + x2", df, weights="w", cov_type=cov_type, **kw)
    said = [str(w.message) for w in caught if issubclass(w.category, mnlogit.RareLevelWarning)]
    return res, said


def test_levels_in_a_single_cluster_are_named():
    _, said = _fit("cluster", groups="cl")
    single = [s for s in said if "single cluster" in s]
    assert len(single) == 1
    assert "'f' (6 observations), 'g' (15 observations) have all their rows" in single[0]
    assert "cov_type='nonrobust'" in single[0]
    # the level of two observations keeps its own warning, which says it of every sandwich
    assert any("'h' (2 observations) are very rare" in s for s in said)
    assert not any(f"'{lv}' (" in single[0] for lv in "bcdeh")


@pytest.mark.parametrize("cov_type", ["nonrobust", "robust"])
def test_other_covariances_do_not_say_it(cov_type):
    _, said = _fit(cov_type)
    assert not any("single cluster" in s for s in said)


def test_the_standard_errors_warned_of_are_r_s():
    res, _ = _fit("cluster", groups="cl")
    want = expected("single_cluster_levels")
    assert want["ref"] == res.ref and res.llf == pytest.approx(want["loglik"], rel=1e-10)
    for key, got in [("coef", res.params), ("se_cluster", res.bse)]:
        ref = pd.DataFrame(want[key]).loc[got.index, got.columns]
        np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=1e-6)
    model = pd.DataFrame(want["se"]).loc[res.bse.index, res.bse.columns]
    ratio = res.bse / model
    assert (ratio.loc[["x1", "x2"], ["f", "g"]] < 0.55).all().all()
    assert (ratio[["b", "c", "d", "e"]] > 1.25).all().all()


def test_a_firth_fit_names_every_level_in_a_single_cluster():
    # a Firth fit gives no warning of rare levels, so the level of two observations is named
    # here too
    _, said = _fit("cluster", groups="cl", method="firth")
    single = [s for s in said if "single cluster" in s]
    assert len(single) == 1 and len(said) == 1
    assert "'f' (6 observations), 'g' (15 observations), 'h' (2 observations)" in single[0]
