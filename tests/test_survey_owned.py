"""Coefficients that one PSU's (or cluster's) rows determine alone have no design-based
standard error. With the PSUs also in the formula (``y ~ x + psu`` and
``SurveyDesign(psu="psu")``), every PSU dummy and the intercept were given standard errors
near 0 and t statistics in the hundreds (t = 634, p < 0.0001): each sets its PSU's score
total to zero, so the sandwich holds nothing of its sampling variance. They are NaN now,
with the reason, in the tables, tests and margins; the slopes keep their standard errors."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit._owned import owned_columns


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 400
    d = pd.DataFrame({"x": rng.normal(size=n), "st": rng.choice(["a", "b"], n)})
    d["psu"] = d["st"] + rng.integers(0, 6, n).astype(str)
    d["w"] = rng.uniform(1, 5, n)
    d["y"] = rng.choice(["u", "v", "w"], n)
    return d


DESIGN = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")


@pytest.fixture(scope="module")
def fe(data):
    return mnlogit.fit("y ~ x + psu", data, design=DESIGN)


def test_psu_dummies_and_the_intercept_have_no_standard_errors(fe):
    owned = [t for t in fe.params.index if t != "x"]
    assert fe.bse.loc[owned].isna().all().all()
    assert fe.zvalues.loc[owned].isna().all().all()
    assert fe.pvalues.loc[owned].isna().all().all()
    assert fe.conf_int().loc[(slice(None), owned), :].isna().all().all()
    assert fe.bse.loc["x"].notna().all() and (fe.bse.loc["x"] > 0.1).all()
    frame = fe.to_frame()
    assert "single PSU" in frame.attrs["note"] and "'Intercept'" in frame.attrs["note"]
    text = " ".join(str(fe.summary()).split())  # the notes wrap
    assert "determined by the rows of a single PSU" in text
    assert "Leave PSU identifiers out of the formula" in text


def test_the_summary_says_once_which_coefficients_have_no_standard_errors(fe):
    """The header's F test restricts the PSU dummies: its note had repeated the whole
    explanation that the note on those coefficients gives."""
    text = " ".join(str(fe.summary()).split())  # the notes wrap
    assert text.count("determined by the rows of a single PSU") == 1
    assert "The F test of all slopes is not defined. It restricts coefficients" in text
    assert fe.wald_test_slopes().details["owned"]
    assert not fe.wald_test("x").details.get("owned", False)


def test_the_slope_keeps_the_within_psu_standard_error(data, fe):
    """The slope's sandwich with PSU dummies is the within-PSU estimator's: unchanged by
    the masking (and the same with the dummies' columns in another coding)."""
    other = mnlogit.fit("y ~ x + C(psu, Sum)", data, design=DESIGN)
    np.testing.assert_allclose(other.bse.loc["x"], fe.bse.loc["x"], rtol=1e-8)


def test_tests_and_margins_that_involve_them_are_nan_and_say_why(fe):
    joint = fe.wald_test("psu")
    assert np.isnan(joint.statistic) and np.isnan(joint.pvalue)
    assert "single PSU" in joint.note
    slope = fe.wald_test("x")
    assert np.isfinite(slope.pvalue)
    margins = fe.margins(at={"x": [0.0, 1.0]})
    assert margins.to_frame()["std_error"].isna().all()
    assert any("single PSU" in note for note in margins.notes)
    effects = fe.marginal_effects()
    assert effects["std_error"].isna().all() and "single PSU" in effects.attrs["note"]
    with pytest.warns(mnlogit.InferenceWarning, match=r"^bse: No standard errors, .*single PSU"):
        assert fe.bse.isna().any().any()


def test_strata_as_predictors_keep_their_standard_errors(data):
    res = mnlogit.fit("y ~ x + st", data, design=DESIGN)
    assert res.bse.notna().all().all() and "single PSU" not in str(res.summary())


def test_cluster_dummies_under_a_cluster_robust_covariance(data):
    res = mnlogit.fit("y ~ x + psu", data, cov_type="cluster", groups="psu")
    assert res.bse.drop(index="x").isna().all().all() and res.bse.loc["x"].notna().all()
    assert "single cluster" in res.to_frame().attrs["note"]


def test_a_slope_only_one_psu_carries(data):
    d = data.assign(xa=np.where(data["psu"] == "a3", data["x"], 0.0))
    res = mnlogit.fit("y ~ x + xa", d, design=DESIGN)
    assert res.bse.loc["xa"].isna().all()
    assert res.bse.drop(index="xa").notna().all().all()


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    units=st.integers(2, 8),
    owner=st.integers(0, 7),
    scale=st.sampled_from([1e-8, 1.0, 1e8]),
)
def test_owned_columns_finds_a_column_carried_by_one_unit_only(seed, units, owner, scale):
    """A column nonzero in one unit's rows only is owned, whatever its units; columns
    every unit carries are not (a hypothesis property of the leverage screen)."""
    rng = np.random.default_rng(seed)
    n = 20 * units
    codes = rng.permutation(np.arange(n) % units)
    owner %= units
    x = rng.normal(size=n)
    X = np.column_stack([np.ones(n), x * scale, np.where(codes == owner, rng.normal(size=n), 0)])
    w = rng.uniform(0.5, 2, n)
    assert owned_columns(X, w, codes).tolist() == [False, False, True]
    # rows of weight 0 carry nothing: the column is owned even if they hold values elsewhere
    X[codes != owner, 2] = np.where(rng.random((codes != owner).sum()) < 0.1, 1.0, 0.0)
    w2 = np.where((codes != owner) & (X[:, 2] != 0), 0.0, w)
    assert owned_columns(X, w2, codes).tolist() == [False, False, True]
    assert not owned_columns(X[:, :2], w, codes).any()


@pytest.mark.parametrize(("x_unit", "w_unit"), [(1e150, 1e280), (1e-150, 1e-280), (1.0, 1e300)])
def test_columns_and_weights_near_the_float_range(data, x_unit, w_unit):
    """The check's sums are taken in the columns' and weights' own units: a PSU's slope in
    units of 1e150 beside weights of 1e280 overflowed X'WX and went unnoticed."""
    d = data.assign(xa=np.where(data["psu"] == "a3", data["x"], 0.0) * x_unit, w=data["w"] * w_unit)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no overflow on the way
        res = mnlogit.fit("y ~ x + xa", d, design=DESIGN)
        with pytest.warns(mnlogit.InferenceWarning):
            se = res.bse
    assert se.loc["xa"].isna().all() and se.drop(index="xa").notna().all().all()


REFERENCE = Path(__file__).resolve().parent / "reference"


def test_the_slope_beside_psu_dummies_equals_the_survey_package():
    """R's svyglm (make_psu_dummies.R) gives the same slope and standard error beside the
    PSU dummies; it also prints standard errors for the intercept and the dummies
    (0.03 to 0.16 here), which mnlogit leaves NaN with the reason."""
    ref = json.loads((REFERENCE / "psu_dummies.json").read_text())
    d = pd.read_csv(REFERENCE / "psu_dummies.csv")
    d["unit"] = d["st"] + "/" + d["psu"].astype(str)
    design = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")
    for formula, case in (("y ~ x + unit", "with_dummies"), ("y ~ x", "plain")):
        res = mnlogit.fit(formula, d, ref=0, design=design)
        want = ref[case]
        k = want["terms"].index("x")
        assert res.params.loc["x", 1] == pytest.approx(want["params"][k], rel=1e-8)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mnlogit.InferenceWarning)
            se = res.bse[1]
        assert se.loc["x"] == pytest.approx(want["se"][k], rel=1e-6)
        assert res.df_design == ref["degf"]
        others = se.drop(index="x")
        if case == "with_dummies":
            assert others.isna().all()
            assert np.isfinite(want["se"]).all()  # what R shows for them
        else:
            assert others.notna().all()


def _owned_by_brute_force(X: np.ndarray, w: np.ndarray, units: np.ndarray) -> np.ndarray:
    """The owned columns from the definition, for a design of full rank on its rows of
    positive weight: a column is owned when a direction that every other unit's rows annul
    (the null space of their rows) moves its coefficient."""
    live = w > 0
    p = X.shape[1]
    owned = np.zeros(p, dtype=bool)
    for g in np.unique(units[live]):
        others = X[live & (units != g)]
        _, s, vt = np.linalg.svd(others) if len(others) else (None, np.zeros(0), np.eye(p))
        s = np.concatenate([s, np.zeros(p - len(s))])[:p]
        null = vt[s <= 1e-9 * max(s.max(initial=0.0), 1.0)]
        owned |= (np.abs(null) > 1e-6).any(axis=0)
    return owned


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    units=st.integers(2, 6),
    dummies=st.integers(0, 6),
    slope_in=st.integers(-1, 5),
    zero_unit=st.booleans(),
)
def test_owned_columns_agree_with_the_definition(seed, units, dummies, slope_in, zero_unit):
    """Intercept, slopes, dummies for some units and a slope only one unit carries, rows of
    weight 0 in one unit or not: the leverage screen finds what the rank definition finds."""
    rng = np.random.default_rng(seed)
    n = 12 * units
    codes = rng.permutation(np.arange(n) % units)
    cols = [np.ones(n), rng.normal(size=n)]
    cols += [(codes == g).astype(float) for g in range(1, min(dummies, units - 1) + 1)]
    if 0 <= slope_in < units:
        cols.append(np.where(codes == slope_in, rng.normal(size=n), 0.0))
    X = np.column_stack(cols)
    w = rng.uniform(0.5, 3, n)
    if zero_unit:
        w[codes == units - 1] = 0.0
    assume(np.linalg.matrix_rank(X[w > 0]) == X.shape[1])  # as a fit requires
    want = _owned_by_brute_force(X, w, codes)
    assert owned_columns(X, w, codes).tolist() == want.tolist()


@pytest.mark.slow
@pytest.mark.parametrize("formula", ["y ~ x + psu", "y ~ x + x:C(psu)", "y ~ x"])
@pytest.mark.parametrize("parts", [1, 3, 7])
def test_a_fit_on_partitions_finds_the_same_coefficients(data, formula, parts):
    """A dask fit gave the PSU dummies (and the intercept) finite standard errors with t
    statistics in the hundreds, the in-memory fit's NaN being unchecked on partitions."""
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(data, npartitions=parts)  # the PSUs split across partitions
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # separation-free but small: rare-cell warnings
        for kwargs in ({"design": DESIGN}, {"cov_type": "cluster", "groups": "psu"}):
            want = mnlogit.fit(formula, data, **kwargs)
            got = mnlogit.fit(formula, ddf, **kwargs)
            np.testing.assert_array_equal(got.bse.isna(), want.bse.isna())
            np.testing.assert_allclose(got.bse, want.bse, rtol=1e-7)
            assert got.to_frame().attrs.get("note", "") == want.to_frame().attrs.get("note", "")
    assert want.bse.isna().any().any() == (formula != "y ~ x")
