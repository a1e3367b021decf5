"""The core fit against the reference results, and the model's basic contract."""

import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from refdata import RTOL_COEF, RTOL_LOGLIK, RTOL_SE

import mnlogit
from mnlogit import _fisher, _linalg, _scores
from mnlogit._solvers import estimate


def test_coefficients_and_standard_errors(fits, case):
    res, m = fits[case], refdata.model(*case)
    coef = refdata.table(m, "coef", res.outcomes)
    se = refdata.table(m, "se", res.outcomes)
    assert list(res.params.columns) == list(coef.columns)
    assert list(res.params.index) == list(coef.index)
    np.testing.assert_allclose(res.params.to_numpy(), coef.to_numpy(), rtol=RTOL_COEF)
    np.testing.assert_allclose(res.bse.to_numpy(), se.to_numpy(), rtol=RTOL_SE)
    np.testing.assert_allclose(
        res.zvalues.to_numpy(), refdata.table(m, "z", res.outcomes), rtol=RTOL_SE
    )
    np.testing.assert_allclose(
        res.pvalues.to_numpy(),
        refdata.table(m, "p", res.outcomes),
        rtol=refdata.RTOL_P,
        atol=1e-300,
    )


def test_covariance_matrix(fits, case):
    res, m = fits[case], refdata.model(*case)
    labels, V = refdata.vcov(m, res.outcomes)
    ours = res.cov_params().loc[labels, labels].to_numpy()
    np.testing.assert_allclose(ours, V, rtol=1e-6, atol=1e-12 * np.abs(V).max())


def test_fit_statistics(fits, case):
    res, m = fits[case], refdata.model(*case)
    assert res.converged
    np.testing.assert_allclose(res.llf, m["loglik"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(res.llnull, m["loglik_null"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(res.deviance, m["deviance"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(res.aic, m["aic"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(res.bic, m["bic"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(res.nobs, m["bic_nobs"])
    np.testing.assert_allclose(res.pseudo_r2["mcfadden"], m["mcfadden_r2"], rtol=RTOL_LOGLIK)
    lr = res.lr_test()
    np.testing.assert_allclose(lr.statistic, m["lr_test_vs_null"]["chi2"], rtol=RTOL_LOGLIK)
    assert lr.df == m["lr_test_vs_null"]["df"]
    np.testing.assert_allclose(
        lr.pvalue, m["lr_test_vs_null"]["p"], rtol=refdata.RTOL_P, atol=1e-300
    )


def test_predicted_probabilities_first_rows(fits, case):
    res, m = fits[case], refdata.model(*case)
    want = pd.DataFrame(m["predicted_probs_first5"])
    want.columns = [refdata.outcome_key(res.outcomes, c) for c in want.columns]
    got = res.predict().iloc[:5]
    assert list(got.columns) == list(res.outcomes)
    np.testing.assert_allclose(got[want.columns].to_numpy(), want.to_numpy(), rtol=1e-7)


def test_predict_newdata_uses_stored_spec(fits):
    res = fits["synthetic", "unweighted"]
    df = refdata.data("synthetic")
    new = df.iloc[[5, 3, 1]].reset_index(drop=True)
    np.testing.assert_allclose(
        res.predict(new).to_numpy(), res.predict().iloc[[5, 3, 1]].to_numpy(), rtol=1e-12
    )
    link = res.predict(new, kind="link")
    assert list(link.columns) == ["bus", "train", "walk"]
    cls = res.predict(new, kind="class")
    assert set(cls) <= set(res.outcomes)
    assert (cls == res.predict(new).idxmax(axis=1)).all()


@pytest.mark.parametrize("case_name", [("anes96", "main"), ("synthetic", "weighted")])
def test_other_references_give_same_probabilities(fits, case_name):
    res = fits[case_name]
    m = refdata.model(*case_name)
    weights = refdata.CASES[case_name][1]
    for ref in [lv for lv in res.outcomes if lv != res.ref][:2]:
        other = mnlogit.fit(m["formula"], refdata.data(case_name[0]), ref=ref, weights=weights)
        assert other.ref == ref and ref not in other.params.columns
        np.testing.assert_allclose(other.llf, res.llf, rtol=1e-10)
        np.testing.assert_allclose(
            other.predict().to_numpy(), res.predict().to_numpy(), rtol=1e-7, atol=1e-12
        )


def test_risk_separated_data_stop_quickly_unconverged():
    df = refdata.data("risk")
    with pytest.warns(mnlogit.MNLogitWarning, match="separation|infinit|not exist"):
        res = mnlogit.fit("risk ~ age + income", df, ref="low")
    # stopped once the divergence shows, not after max_iter steps of coefficients running off
    assert res.n_iter <= 20
    assert not res.converged
    # the log-likelihood has climbed towards its supremum 0 but the estimates are not finite ones
    assert res.llf > refdata.expected("risk")["models"]["main"]["loglik_null"]


def test_two_outcomes_match_statsmodels_logit():
    sm = pytest.importorskip("statsmodels.api")
    df = refdata.data("synthetic")
    df = df[df["mode"].isin(["bus", "walk"])]
    res = mnlogit.fit("mode ~ x1 + group + np.log(x2)", df, ref="bus")
    X = res._data.X
    logit = sm.Logit((df["mode"] == "walk").to_numpy(float), X).fit(disp=0, tol=1e-12)
    np.testing.assert_allclose(res.params["walk"].to_numpy(), logit.params, rtol=1e-8)
    np.testing.assert_allclose(res.bse["walk"].to_numpy(), logit.bse, rtol=1e-7)
    np.testing.assert_allclose(res.llf, logit.llf, rtol=1e-10)


def test_frequency_weights_equal_repeated_rows(fits):
    res = fits["synthetic", "weighted"]
    df = refdata.data("synthetic")
    expanded = df.loc[df.index.repeat(df["w"])].reset_index(drop=True)
    rep = mnlogit.fit(refdata.model("synthetic", "weighted")["formula"], expanded, ref="car")
    np.testing.assert_allclose(rep.params.to_numpy(), res.params.to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(rep.bse.to_numpy(), res.bse.to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(rep.llf, res.llf, rtol=1e-10)
    assert rep.nobs == res.nobs == 5135


def test_chunked_threaded_core_equals_single_chunk():
    res_data = mnlogit.fit(
        "mode ~ x1 + group + x1:group + log(x2)", refdata.data("synthetic"), ref="car"
    )._data
    one = estimate(res_data, threads=1, chunk=len(res_data.y))
    many = estimate(res_data, threads=2, chunk=97)
    np.testing.assert_allclose(many.B, one.B, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(many.cov, one.cov, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(many.loglik, one.loglik, rtol=1e-12)


def test_information_matches_finite_difference_of_score():
    rng = np.random.default_rng(1)
    X = np.column_stack([np.ones(50), rng.standard_normal((50, 2))])
    y = rng.integers(0, 4, 50)
    w = rng.integers(1, 3, 50).astype(float)
    B = rng.standard_normal((3, 3)) * 0.3
    s = _fisher.stats(X, y, w, B, 2, threads=1)
    h = 1e-6
    num = np.empty_like(s.info)
    for k in range(9):
        e = np.zeros(9)
        e[k] = h
        up = _fisher.stats(X, y, w, B + _linalg.unflat(e, 3), 1, threads=1).score
        dn = _fisher.stats(X, y, w, B - _linalg.unflat(e, 3), 1, threads=1).score
        num[:, k] = -_linalg.flat((up - dn) / (2 * h))
    np.testing.assert_allclose(s.info, num, rtol=1e-6, atol=1e-8)


def test_log_softmax_does_not_overflow():
    eta = np.array([[1000.0, -1000.0], [-1000.0, -1000.0], [0.0, 800.0]])
    logp, logp_ref = _scores.log_softmax(eta)
    assert np.isfinite(logp).all() and np.isfinite(logp_ref).all()
    np.testing.assert_allclose(np.exp(logp).sum(1) + np.exp(logp_ref), 1.0)


def test_outcome_level_order():
    df = pd.DataFrame(
        {
            "x": np.linspace(-1, 1, 60),
            "y": ["b", "a", "c"] * 20,
            "n": [10, 2, 3] * 20,
            "t": [True, False] * 30,
        }
    )
    assert mnlogit.fit("y ~ x", df).outcomes == ("a", "b", "c")
    assert mnlogit.fit("n ~ x", df).outcomes == (2, 3, 10)
    assert mnlogit.fit("t ~ x", df).outcomes == (False, True)
    cat = df.assign(y=pd.Categorical(df["y"], categories=["c", "a", "b"]))
    res = mnlogit.fit("y ~ x", cat)
    assert res.outcomes == ("c", "a", "b") and res.ref == "c"


def test_ref_is_matched_by_value_and_type():
    df = refdata.data("anes96")
    with pytest.raises(mnlogit.MNLogitError, match=r"ref='0' is not a level.*0, 1, 2"):
        mnlogit.fit("PID ~ age", df, ref="0")


def test_missing_rows_are_dropped_and_counted():
    df = refdata.data("synthetic").copy()
    df.loc[[3, 10, 11], "x1"] = np.nan
    before = df.copy()
    res = mnlogit.fit("mode ~ x1 + group", df, ref="car")
    assert res.n_dropped == 3 and res.nobs == 1997
    pd.testing.assert_frame_equal(df, before)
    with pytest.raises(mnlogit.MNLogitError, match="missing"):
        mnlogit.fit("mode ~ x1 + group", df, ref="car", missing="raise")


def test_no_intercept_and_transforms():
    df = refdata.data("synthetic")
    res = mnlogit.fit("mode ~ 0 + group + I(x1**2) + np.log(x2)", df, ref="car")
    assert "Intercept" not in res.params.index
    assert {"I(x1 ** 2)", "np.log(x2)"} <= set(res.params.index)
    assert res.converged


def test_array_interface_matches_formula(fits):
    res = fits["anes96", "main"]
    X = pd.DataFrame(res._data.X, columns=res._data.column_names)
    y = refdata.data("anes96")["PID"]
    arr = mnlogit.MNLogit(y, X, ref=0).fit()
    np.testing.assert_allclose(arr.params.to_numpy(), res.params.to_numpy(), rtol=1e-10)
    assert list(arr.params.index) == list(res.params.index)


def test_results_are_immutable(fits):
    res = fits["anes96", "main"]
    with pytest.raises(AttributeError):
        res.cov_type = "robust"


@pytest.mark.parametrize("name", ["params", "bse", "zvalues", "pvalues", "diverging", "pseudo_r2"])
def test_editing_a_returned_table_leaves_the_results_alone(name):
    # res.params used to be the cached frame itself: rounding or zeroing it for display
    # changed the summary printed afterwards
    res = mnlogit.fit("mode ~ income + parking", mnlogit.datasets.load("travel"), ref="car")
    before, text = getattr(res, name), str(res.summary())
    edited = getattr(res, name)
    first = edited.iloc[0]
    edited.iloc[0] = ~first if first.dtype == bool else first * 0 + 12345.0
    assert not edited.equals(before)
    assert getattr(res, name).equals(before)
    assert str(res.summary()) == text


def test_nonconvergence_warning_names_the_setting():
    df = refdata.data("anes96")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("PID ~ logpopul + selfLR + age", df, ref=0, max_iter=1)
    assert not res.converged
    assert any("max_iter (currently 1)" in str(w.message) for w in caught)


def test_stateful_transforms_and_quoted_names_find_their_columns():
    df = refdata.data("synthetic").rename(columns={"x1": "Sepal.Length"})
    res = mnlogit.fit("mode ~ center(x2) + scale(`Sepal.Length`)", df, ref="car")
    assert list(res.params.index) == ["Intercept", "center(x2)", "scale(`Sepal.Length`)"]
    plain = mnlogit.fit("mode ~ x2 + `Sepal.Length`", df, ref="car")
    np.testing.assert_allclose(res.llf, plain.llf, rtol=1e-10)
    # the stored centring and scaling are re-used on new data, not re-estimated on it
    np.testing.assert_allclose(
        res.predict(df.iloc[:3]).to_numpy(), res.predict().iloc[:3].to_numpy(), rtol=1e-12
    )


def test_na_backed_string_columns_are_categories():
    df = refdata.data("synthetic")
    strings = df.astype({"group": "string", "mode": "string"})
    res = mnlogit.fit("mode ~ x1 + group", strings, ref="car")
    plain = mnlogit.fit("mode ~ x1 + group", df, ref="car")
    assert res.outcomes == plain.outcomes
    pd.testing.assert_frame_equal(res.params, plain.params)
    np.testing.assert_allclose(
        res.predict(strings.head()).to_numpy(), plain.predict(df.head()).to_numpy()
    )
