"""Rows near a separating hyperplane are moved by it, however small their distance.

``y`` is 'B' exactly where v > 0 and never where v < 0, with rows of every outcome at
v = 0 (quasi-separation by a continuous predictor): B's slope of v diverges. A row at
v = 1e-8 (of the column's largest value, 1) is moved by the separating direction: in the
limit its probability of 'B' is 1, where the fit stopped it is about that of v = 0. Its
standard errors were given (0.069 for 'B'), because whether x'd is 0 was judged against
the row's largest entry (the intercept's 1), not against the terms that cancel. Its
standard errors and intervals are now NaN, as those of v = 0.5; the row at v = 0 keeps its
own, and so does every row under a rescaling of v (v * 1e8, rows at 1). The same reading
decided whether a Wald restriction stays finite along the separation: b_v = b_w with v in
units of 1e8 was tested as if b_v were finite.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


def _data(scale: float) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    v = rng.uniform(-1, 1, 300)
    v[:40] = 0.0
    y = np.where(v > 0, "B", rng.choice(["A", "C"], 300))
    y[:40] = rng.choice(["A", "B", "C"], 40)
    return pd.DataFrame({"y": y, "v": v * scale})


@pytest.mark.parametrize("scale", [1.0, 1e8, 1e-8])
def test_a_row_just_off_the_hyperplane_has_no_standard_errors(scale):
    with pytest.warns(mnlogit.SeparationWarning):
        res = mnlogit.fit("y ~ v", _data(scale), ref="A")
    assert res.diverging.loc["v", "B"]  # the premise
    new = pd.DataFrame({"v": [0.0, 1e-8 * scale, -1e-8 * scale, 0.5 * scale]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        pi = res.prediction_intervals(new)
    se = pi["std_error"].unstack()
    assert np.isfinite(se.loc[0]).all()
    assert se.loc[[1, 2, 3]].isna().all().all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        m = res.margins(at={"v": [0.0, 1e-8 * scale]}).to_frame()
    assert np.isfinite(m.loc[m["v"] == 0.0, "std_error"]).all()
    assert m.loc[m["v"] != 0.0, "std_error"].isna().all()


def test_a_row_of_an_offset_column_past_the_hyperplane_keeps_none():
    """v = 1e6 + z, split at z = 0.3: a row at z = 0.5 differs from the hyperplane's by
    2e-7 of its entries, which cancel; judged only against the size of the terms that
    cancel, it was read as on the hyperplane."""
    rng = np.random.default_rng(1)
    z = rng.uniform(-1, 1, 300)
    z[:40] = 0.3
    y = np.where(z > 0.3, "B", rng.choice(["A", "C"], 300))
    y[:40] = rng.choice(["A", "B", "C"], 40)
    data = pd.DataFrame({"y": y, "v": 1e6 + z})
    with pytest.warns(mnlogit.SeparationWarning):
        res = mnlogit.fit("y ~ v", data, ref="A")
    new = pd.DataFrame({"v": 1e6 + np.array([0.3, 0.5, -0.5])})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        se = res.prediction_intervals(new)["std_error"].unstack()
    assert np.isfinite(se.loc[0]).all()
    assert se.loc[[1, 2]].isna().all().all()


@pytest.mark.parametrize("scale", [1.0, 1e8])
def test_a_restriction_between_columns_of_other_units_reads_the_diverging_one(scale):
    """b_v = b_w with v in units of 1e8 beside w in units of 1: B's slope of v diverges, so
    does their difference; its test was computed (chi2 2.11, the test of b_w alone) because
    (1, -1) divided by the columns' scales is (1e-8, -1) and 1e-8 was read as 0."""
    data = _data(scale).assign(w=np.random.default_rng(2).normal(size=300))
    with pytest.warns(mnlogit.SeparationWarning):
        res = mnlogit.fit("y ~ v + w", data, ref="A")
    assert res.diverging.loc["v", "B"] and not res.diverging.loc["w"].any()  # the premise
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        assert np.isnan(res.wald_test("B:v = B:w").statistic)
        assert np.isfinite(res.wald_test("B:w = 0").statistic)
