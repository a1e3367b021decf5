"""Wald tests given as (R, q) with R a labelled DataFrame: its columns are read by label,
in whatever order they come, never by position."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(3)
    n = 300
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    df["y"] = np.where(df.x + rng.normal(size=n) > 0, "b", rng.choice(["a", "c"], n))
    return mnlogit.fit("y ~ x + z", df, ref="a")


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(0, 5), st.booleans())
def test_a_frame_of_r_is_read_by_its_column_labels(res, rand, which, as_text):
    cols = list(res.cov_params().columns)
    outcome, term = cols[which]
    order = cols.copy()
    rand.shuffle(order)
    R = pd.DataFrame(np.zeros((1, len(cols))), columns=pd.MultiIndex.from_tuples(order))
    R[(outcome, term)] = 1.0
    if as_text:
        R.columns = [f"{o}:{t}" for o, t in R.columns]
    stat = res.wald_test((R, [0.0])).statistic
    assert stat == pytest.approx(res.zvalues.loc[term, outcome] ** 2, rel=1e-9)


def test_a_frame_of_a_plain_array_stays_positional(res):
    R = np.zeros((1, 6))
    R[0, 1] = 1.0  # b:x
    stat = res.wald_test((pd.DataFrame(R), [0.0])).statistic
    assert stat == pytest.approx(res.zvalues.loc["x", "b"] ** 2, rel=1e-9)


def test_a_frame_after_with_ref_uses_the_new_labels(res):
    other = res.with_ref("c")
    cols = other.cov_params().columns
    R = pd.DataFrame(np.zeros((1, 6)), columns=cols)[cols[::-1]]
    R[("a", "z")] = 1.0
    stat = other.wald_test((R, 0.0)).statistic
    assert stat == pytest.approx(other.zvalues.loc["z", "a"] ** 2, rel=1e-9)


@pytest.mark.parametrize(
    "columns",
    [
        [("q", t) for t in ("Intercept", "x", "z")] * 2,  # no such outcome
        [("b", "Intercept"), ("b", "x"), ("b", "z"), ("c", "Intercept"), ("c", "x")],
        [("b", "x")] * 6,  # one coefficient six times
    ],
)
def test_columns_that_are_not_the_coefficients_are_refused(res, columns):
    R = pd.DataFrame(np.eye(1, len(columns)), columns=pd.MultiIndex.from_tuples(columns))
    with pytest.raises(DataError, match=r"R's columns must be the coefficients"):
        res.wald_test((R, [0.0]))


def test_a_series_of_q_is_matched_to_the_rows_of_a_frame_of_r(res):
    cols = res.cov_params().columns
    R = pd.DataFrame(0.0, index=["bx", "cz"], columns=cols)
    R.loc["bx", ("b", "x")] = 1.0
    R.loc["cz", ("c", "z")] = 1.0
    q = pd.Series({"cz": 0.25, "bx": -0.5})  # the rows of R in the other order
    by_label = res.wald_test((R, q)).statistic
    in_order = res.wald_test((R.to_numpy(), [-0.5, 0.25])).statistic
    assert by_label == pytest.approx(in_order, rel=1e-12)
    assert by_label != pytest.approx(res.wald_test((R.to_numpy(), [0.25, -0.5])).statistic)


def test_a_series_of_r_is_one_restriction_read_by_its_labels(res):
    cols = res.cov_params().columns
    R = pd.Series(0.0, index=cols[::-1])
    R[("c", "x")] = 1.0
    stat = res.wald_test((R, 0.0)).statistic
    assert stat == pytest.approx(res.zvalues.loc["x", "c"] ** 2, rel=1e-9)
    plain = pd.Series(np.eye(1, 6, 2).ravel())  # labelled 0..5: by position, b:z
    assert res.wald_test((plain, 0.0)).statistic == pytest.approx(res.zvalues.loc["z", "b"] ** 2)


@pytest.mark.parametrize("labels", [["bx", "other"], ["cz", "cz"], ["x", "y"]])
def test_a_series_of_q_labelled_otherwise_than_the_rows_of_r_is_refused(res, labels):
    # q's labels that were not all R's were paired by position, silently
    cols = res.cov_params().columns
    R = pd.DataFrame(0.0, index=["bx", "cz"], columns=cols)
    R.loc["bx", ("b", "x")] = 1.0
    R.loc["cz", ("c", "z")] = 1.0
    with pytest.raises(DataError, match=r"q's labels .* are not the labels of R's rows"):
        res.wald_test((R, pd.Series([-0.5, 0.25], index=labels)))
    # labelled 0..r-1, or an array: by position
    positional = res.wald_test((R, pd.Series([-0.5, 0.25]))).statistic
    assert positional == res.wald_test((R, np.array([-0.5, 0.25]))).statistic


@pytest.mark.parametrize("dtype", [float, int])
def test_masked_or_missing_entries_of_r_or_q_are_refused(res, dtype):
    # np.asarray kept the values under a mask, so a masked entry was tested as its value
    values = np.eye(1, 6, 1, dtype=dtype)
    values[0, 3] = 5
    R = np.ma.masked_array(values, mask=np.eye(1, 6, 3, dtype=bool))
    with pytest.raises(DataError, match=r"none missing or masked\); R has 1 .*\(0, 3\)"):
        res.wald_test((R, 0.0))
    with pytest.raises(DataError, match=r"none missing or masked\); q has 1"):
        res.wald_test((values, np.ma.masked_array([0.0], mask=[True])))
    # pandas' missing values, which were "R must hold real numbers; got ... object"
    frame = pd.DataFrame(np.eye(1, 6, 1), columns=res.cov_params().columns).astype("Float64")
    frame.iloc[0, 0] = pd.NA
    with pytest.raises(DataError, match=r"none missing or masked\); R has 1 .*\(0, 0\)"):
        res.wald_test((frame, 0.0))


def test_r_labelled_for_another_reference_says_so(res):
    # "... of which [('b', ...)] name no coefficient" did not say that 'b' became the
    # reference (an R built from cov_params() before with_ref)
    other = res.with_ref(res.params.columns[0])
    R = pd.DataFrame(np.eye(res.cov_params().shape[0])[:1], columns=res.cov_params().columns)
    with pytest.raises(DataError, match=r"is this fit's reference outcome.*before with_ref"):
        other.wald_test((R, 0.0))


def test_a_text_label_of_two_coefficients_is_named():
    rng = np.random.default_rng(12)
    df = pd.DataFrame(
        {
            "b": rng.normal(size=300),
            "c": rng.normal(size=300),
            "y": rng.choice(["o", "a", "a:b"], 300),
        }
    )
    fit = mnlogit.fit("y ~ b*c", df, ref="o")
    labels = [f"{o}:{c}" for o, c in fit.cov_params().columns]
    R = pd.DataFrame(np.eye(len(labels))[:1], columns=labels)
    with pytest.raises(DataError, match=r"'a:b:c' labels two coefficients, \('a', 'b:c'\)"):
        fit.wald_test((R, 0.0))
