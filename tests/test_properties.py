"""Invariances that every correct multinomial logit fit has, and the user's data left intact.

The property tests draw small data sets from a true multinomial logit with modest coefficients
and enough rows that the maximum-likelihood estimate is finite, and check that the fit respects
the symmetries of the model: row order, units of a predictor, choice of reference, frequency
weights as duplicated rows, and a pickle round trip.
"""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit

PROPERTY = settings(derandomize=True, max_examples=25, deadline=None)
RTOL = 1e-7  # two converged fits of the same likelihood (tol=1e-10) agree far closer than this


def simulate(seed: int, n: int, k: int, p: int) -> pd.DataFrame:
    """n rows, outcome with k levels 'k0'.., predictors x1..xp on different scales."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 3.0, size=p) + rng.normal(size=p)
    B = rng.uniform(-0.8, 0.8, size=(p, k - 1)) / X.std(axis=0)[:, None]
    a = rng.uniform(-0.5, 0.5, size=k - 1)
    eta = np.column_stack([a + (X - X.mean(axis=0)) @ B, np.zeros(n)])
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    frame = pd.DataFrame(X, columns=[f"x{j + 1}" for j in range(p)])
    frame.insert(0, "y", np.array([f"k{j}" for j in range(k)])[np.minimum(codes, k - 1)])
    return frame


@st.composite
def datasets(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    n = draw(st.integers(60, 200))
    k = draw(st.integers(3, 4))
    p = draw(st.integers(2, 3))
    frame = simulate(seed, n, k, p)
    # every level observed often enough for a finite MLE in practice
    assume(frame["y"].value_counts().reindex([f"k{j}" for j in range(k)]).min() >= 8)
    return frame


def formula(frame: pd.DataFrame) -> str:
    return "y ~ " + " + ".join(c for c in frame.columns if c.startswith("x"))


def fit(frame: pd.DataFrame, **kw) -> mnlogit.MNLogitResults:
    res = mnlogit.fit(formula(frame), frame, **kw)
    assume(res.converged)
    return res


def assert_same_fit(a, b, rtol: float = RTOL) -> None:
    np.testing.assert_allclose(a.llf, b.llf, rtol=1e-10)
    assert list(a.params.index) == list(b.params.index)
    assert list(a.params.columns) == list(b.params.columns)
    np.testing.assert_allclose(a.params.to_numpy(), b.params.to_numpy(), rtol=rtol, atol=1e-9)
    np.testing.assert_allclose(a.bse.to_numpy(), b.bse.to_numpy(), rtol=rtol, atol=1e-9)
    np.testing.assert_allclose(
        a.cov_params().to_numpy(), b.cov_params().to_numpy(), rtol=1e-6, atol=1e-12
    )


@PROPERTY
@given(datasets(), st.integers(0, 2**32 - 1))
def test_row_order_does_not_matter(frame, seed):
    res = fit(frame)
    perm = np.random.default_rng(seed).permutation(len(frame))
    shuffled = fit(frame.iloc[perm])
    assert_same_fit(res, shuffled)
    # predictions follow their rows through the shuffle (matched by index label)
    np.testing.assert_allclose(
        shuffled.predict().loc[res.predict().index].to_numpy(),
        res.predict().to_numpy(),
        rtol=1e-8,
        atol=1e-12,
    )


@PROPERTY
@given(datasets(), st.sampled_from([1e-4, 0.02, 3.7, -2.0, 250.0, 1e5]), st.data())
def test_rescaling_a_predictor_rescales_its_coefficients(frame, c, data):
    col = data.draw(st.sampled_from([x for x in frame.columns if x.startswith("x")]))
    res = fit(frame)
    scaled = fit(frame.assign(**{col: frame[col] * c}))
    np.testing.assert_allclose(scaled.llf, res.llf, rtol=1e-10)
    want = res.params.copy()
    want.loc[col] /= c
    np.testing.assert_allclose(scaled.params.to_numpy(), want.to_numpy(), rtol=RTOL, atol=1e-9)
    want_se = res.bse.copy()
    want_se.loc[col] /= abs(c)
    np.testing.assert_allclose(scaled.bse.to_numpy(), want_se.to_numpy(), rtol=RTOL, atol=1e-9)
    np.testing.assert_allclose(
        scaled.predict().to_numpy(), res.predict().to_numpy(), rtol=1e-8, atol=1e-12
    )


@PROPERTY
@given(datasets(), st.floats(1.0, 1e4))
def test_probabilities_lie_in_unit_interval_and_sum_to_one(frame, stretch):
    res = fit(frame)
    # new data far outside the fitted range push the linear predictors to extremes
    new = frame.assign(**{c: frame[c] * stretch for c in frame.columns if c.startswith("x")})
    for P in (res.predict(), res.predict(new)):
        values = P.to_numpy()
        assert np.isfinite(values).all()
        assert (values >= 0).all() and (values <= 1).all()
        np.testing.assert_allclose(values.sum(axis=1), 1.0, rtol=0, atol=1e-12)
        assert list(P.columns) == list(res.outcomes)
    cls = res.predict(new, kind="class")
    assert (cls.to_numpy() == res.predict(new).idxmax(axis=1).to_numpy()).all()


@PROPERTY
@given(datasets(), st.data())
def test_reference_choice_leaves_probabilities_unchanged(frame, data):
    levels = sorted(frame["y"].unique())
    ref = data.draw(st.sampled_from(levels[1:]))
    res = fit(frame)
    other = fit(frame, ref=ref)
    assert other.ref == ref and res.ref == levels[0]
    np.testing.assert_allclose(other.llf, res.llf, rtol=1e-10)
    np.testing.assert_allclose(
        other.predict().to_numpy(), res.predict().to_numpy(), rtol=1e-7, atol=1e-12
    )
    # b_k - b_ref is the same contrast whichever level is the reference
    diff = res.params[ref]
    for level in levels[1:]:
        if level != ref:
            np.testing.assert_allclose(
                other.params[level], res.params[level] - diff, rtol=1e-6, atol=1e-8
            )


@PROPERTY
@given(datasets(), st.integers(0, 2**32 - 1))
def test_integer_weights_equal_duplicated_rows(frame, seed):
    w = np.random.default_rng(seed).integers(0, 4, size=len(frame))
    dup = frame.loc[frame.index.repeat(w)].reset_index(drop=True)
    assume(dup["y"].nunique() == frame["y"].nunique())
    assume(dup["y"].value_counts().min() >= 6)
    weighted = fit(frame.assign(w=w), weights="w")
    expanded = fit(dup)
    assert_same_fit(weighted, expanded)
    assert weighted.nobs == expanded.nobs == w.sum()
    np.testing.assert_allclose(weighted.llnull, expanded.llnull, rtol=1e-10)
    np.testing.assert_allclose(weighted.aic, expanded.aic, rtol=1e-10)
    np.testing.assert_allclose(weighted.bic, expanded.bic, rtol=1e-10)
    # the sandwich counts a weight-w row as w independent rows
    np.testing.assert_allclose(
        mnlogit.fit(formula(frame), frame.assign(w=w), weights="w", cov_type="robust").bse,
        mnlogit.fit(formula(frame), dup, cov_type="robust").bse,
        rtol=1e-6,
    )


@PROPERTY
@given(datasets(), st.integers(0, 2**32 - 1), st.integers(2, 12))
def test_weighted_clusters_equal_duplicated_rows(frame, seed, n_clusters):
    # weights of zero included, every row of cluster 0 among them: a cluster whose rows all
    # weigh zero is not in the sample
    rng = np.random.default_rng(seed)
    cl = rng.integers(0, n_clusters, size=len(frame))
    frame = frame.assign(w=np.where(cl == 0, 0, rng.integers(0, 4, size=len(frame))), cl=cl)
    dup = frame.loc[frame.index.repeat(frame["w"])].reset_index(drop=True)
    assume(dup["y"].nunique() == frame["y"].nunique())
    assume(dup["y"].value_counts().min() >= 6 and dup["cl"].nunique() >= 2)
    options = {"cov_type": "cluster", "groups": "cl"}
    weighted = mnlogit.fit(formula(frame), frame, weights="w", **options)
    expanded = mnlogit.fit(formula(frame), dup, **options)
    np.testing.assert_allclose(weighted.bse, expanded.bse, rtol=1e-6)


@PROPERTY
@given(datasets())
def test_pickle_round_trip_keeps_summary_and_prediction(frame):
    res = fit(frame)
    text = str(res.summary())
    copy = pickle.loads(pickle.dumps(res))
    assert str(copy.summary()) == text
    new = frame.sample(n=min(10, len(frame)), random_state=1).reset_index(drop=True)
    new[[c for c in frame.columns if c.startswith("x")]] *= 1.5
    pd.testing.assert_frame_equal(copy.predict(new), res.predict(new), check_exact=True)
    pd.testing.assert_frame_equal(copy.params, res.params, check_exact=True)
    with pytest.raises(AttributeError):
        copy.cov_type = "robust"  # still immutable


# --- the user's data are never modified ---------------------------------------------------------


def _rich_frame() -> pd.DataFrame:
    """Every kind of column a user may hand over: categories, missing values, nullable dtypes."""
    frame = simulate(11, 160, 4, 2)
    rng = np.random.default_rng(11)
    frame["g"] = pd.Categorical(
        rng.choice(["lo", "mid", "hi"], len(frame)), categories=["lo", "mid", "hi", "unused"]
    )
    frame["cnt"] = pd.array(rng.integers(0, 5, len(frame)), dtype="Int64")
    frame["objnum"] = pd.Series(rng.normal(size=len(frame)), dtype=object)
    frame["w"] = rng.integers(1, 4, len(frame))
    frame["clinic"] = rng.choice(["A", "B", "C", "D", "E", "F"], len(frame))
    frame.loc[[3, 17], "x1"] = np.nan
    frame.loc[[5], "cnt"] = pd.NA
    frame.loc[[8], "y"] = None
    frame.index = pd.Index(rng.permutation(len(frame)) * 10 + 7, name="id")
    frame.attrs["source"] = "test"
    return frame


def _calls(res, frame):
    """Everything a user does with a fit that reads data."""
    new = frame.iloc[20:30]
    yield lambda: res.predict()
    yield lambda: res.predict(new)
    yield lambda: res.predict(new, kind="class")
    yield lambda: res.predict(new, kind="link")
    yield lambda: str(res.summary())
    yield lambda: res.to_frame()
    yield lambda: res.conf_int()
    # a robust or cluster covariance refuses LR tests: its summary test is the Wald one
    yield lambda: res.lr_test() if res.covariance.lr_valid else res.wald_test_slopes()
    iia = "hausman" if res.cov_type == "nonrobust" else "suest"
    for name, args, kw in [
        ("with_ref", ("k2",), {}),
        ("anova", (), {}),
        ("marginal_effects", (), {}),
        ("prediction_intervals", (new,), {}),
        ("iia_test", ("k1",), {"method": iia}),
    ]:
        method = getattr(res, name)
        yield lambda method=method, args=args, kw=kw: method(*args, **kw)


@pytest.mark.slow
def test_user_data_are_never_modified():
    frame = _rich_frame()
    before = frame.copy(deep=True)
    weights = frame["w"].to_numpy().copy()
    w_array = frame["w"].to_numpy()
    form = "y ~ x1 + x2 + g + cnt + objnum"
    fits = [
        mnlogit.fit(form, frame),
        mnlogit.fit(form, frame, weights="w", ref="k1"),
        mnlogit.fit(form, frame, weights=w_array),
        mnlogit.fit(form, frame, weights=frame["w"].sample(frac=1.0, random_state=2)),
        mnlogit.fit(form, frame, cov_type="cluster", groups="clinic"),
        mnlogit.fit(form, frame, cov_type="robust"),
        mnlogit.fit("y ~ x1 + np.log(np.abs(x2) + 1) + C(clinic)", frame),
    ]
    for res in fits:
        for call in _calls(res, frame):
            call()
    pd.testing.assert_frame_equal(frame, before, check_exact=True, check_flags=True)
    assert list(frame.dtypes) == list(before.dtypes)
    assert frame.index.equals(before.index) and frame.index.name == "id"
    assert frame.attrs == {"source": "test"}
    assert list(frame["g"].cat.categories) == ["lo", "mid", "hi", "unused"]
    np.testing.assert_array_equal(w_array, weights)


def test_array_interface_does_not_modify_or_alias_inputs():
    frame = simulate(5, 120, 3, 2)
    X = np.column_stack([np.ones(len(frame)), frame[["x1", "x2"]].to_numpy()])
    y = frame["y"].to_numpy().copy()
    X0, y0 = X.copy(), y.copy()
    res = mnlogit.MNLogit(y, X, ref="k2").fit()
    params = res.params.copy()
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    X[:] = 0.0  # the fit kept its own copy
    pd.testing.assert_frame_equal(res.params, params)
    assert np.isfinite(res.predict().to_numpy()).all()
    assert res.predict().to_numpy().std() > 0


def test_later_changes_to_the_data_do_not_reach_the_fit():
    frame = simulate(6, 150, 3, 2)
    res = mnlogit.fit("y ~ x1 + x2", frame)
    probs = res.predict()
    frame.loc[:, "x1"] = 0.0
    frame.loc[:, "y"] = "k0"
    pd.testing.assert_frame_equal(res.predict(), probs)
    refit = res._data.frame
    if refit is not None:
        assert (refit["x1"] != 0).any() and refit["y"].nunique() == 3


def test_index_labels_do_not_matter():
    frame = simulate(7, 150, 3, 2)
    frame.loc[[4, 90], "x1"] = np.nan
    base = mnlogit.fit("y ~ x1 + x2", frame, weights=np.arange(150) % 3 + 1)
    for index in (
        pd.Index([0] * 150),
        pd.Index(np.arange(150)[::-1] * 1.5),
        pd.Index([f"r{i % 7}" for i in range(150)]),
    ):
        other = mnlogit.fit("y ~ x1 + x2", frame.set_axis(index), weights=np.arange(150) % 3 + 1)
        assert other.n_dropped == 2
        np.testing.assert_allclose(other.params, base.params, rtol=1e-12)
        np.testing.assert_allclose(
            other.predict().to_numpy(), base.predict().to_numpy(), rtol=1e-12
        )
        assert list(other.predict().index) == list(index.delete([4, 90]))


@PROPERTY
@given(datasets(), st.integers(-307, 300), st.sampled_from([1.0, -1.0]), st.data())
def test_a_predictor_in_any_units_keeps_every_z_value_and_scales_what_has_its_units(
    frame, exponent, sign, data
):
    """x * c, for c from 1e-307 to 1e300: coefficients, standard errors, intervals and
    marginal effects of x divided by c, every other number unchanged (z values, of x's
    coefficients with the sign of c; p-values, tests, probabilities), with no atol to hide
    a coefficient of 1e-290."""
    col = data.draw(st.sampled_from([x for x in frame.columns if x.startswith("x")]))
    c = sign * 10.0**exponent
    res = fit(frame)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no overflow on the way
        scaled = fit(frame.assign(**{col: frame[col] * c}))
        per_unit = pd.Series(1.0, index=res.params.index)
        per_unit[col] = c
        np.testing.assert_allclose(scaled.params.mul(per_unit, axis=0), res.params, rtol=1e-8)
        np.testing.assert_allclose(scaled.bse.mul(per_unit.abs(), axis=0), res.bse, rtol=1e-8)
        signs = np.sign(per_unit)  # x * -1 turns its coefficients' signs and z values
        np.testing.assert_allclose(scaled.zvalues.mul(signs, axis=0), res.zvalues, rtol=1e-8)
        np.testing.assert_allclose(scaled.pvalues, res.pvalues, rtol=1e-6, atol=1e-300)
        interval = scaled.conf_int().mul(per_unit.reindex(res.conf_int().index, level=1), axis=0)
        bounds = np.sort(interval[["lower", "upper"]].to_numpy(), axis=1)  # x * -1 swaps them
        np.testing.assert_allclose(bounds, res.conf_int(), rtol=1e-7)
        effects = scaled.marginal_effects()
        units = per_unit.reindex(effects.index, level=0).fillna(1.0)
        want = res.marginal_effects()
        np.testing.assert_allclose(effects["dydx"] * units, want["dydx"], rtol=1e-7, atol=1e-15)
        np.testing.assert_allclose(effects["std_error"] * units.abs(), want["std_error"], rtol=1e-7)
        np.testing.assert_allclose(
            scaled.wald_test(col).statistic, res.wald_test(col).statistic, rtol=1e-7
        )
        np.testing.assert_allclose(scaled.predict(), res.predict(), rtol=1e-8, atol=1e-14)
