"""Separated fits: every output agrees with the summary about which coefficients diverge.

Before, on the risk data rescaled to age/100 and income/100 (complete separation), ``bse`` and
``pvalues`` were ordinary-looking numbers (p = 0.43 for age), ``odds_ratios`` overflowed with six
RuntimeWarnings, ``wald_test("age")`` gave p = 0.73 and ``anova()`` p = 6.6e-5, while the summary
blanked all of them.
"""

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from test_separation import quasi_data

import mnlogit
from mnlogit.exceptions import ConvergenceWarning, InferenceWarning, SeparationWarning

RISK = "risk ~ age + income"


@pytest.fixture(scope="module")
def risk_scaled():
    df = mnlogit.datasets.load("risk")
    return df.assign(age=df.age / 100, income=df.income / 100)


@pytest.fixture(scope="module")
def risk_ml(risk_scaled):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparationWarning)
        return mnlogit.fit(RISK, risk_scaled, ref="low")


@pytest.fixture(scope="module")
def quasi_ml():
    """Quasi-complete separation by ``dummy`` in equations b and c; ``x`` is estimable."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparationWarning)
        return mnlogit.fit("y ~ x + dummy", quasi_data(), ref="a")


def test_the_summary_and_the_tables_flag_the_same_cells(quasi_ml):
    res = quasi_ml
    want = pd.DataFrame(
        [[False, False], [False, False], [True, True]],
        index=pd.Index(["Intercept", "x", "dummy"], name="term"),
        columns=pd.Index(["b", "c"], name="outcome"),
    )
    pd.testing.assert_frame_equal(res.diverging, want)
    frame = res.to_frame()
    assert frame["diverged"].dtype == bool
    assert frame["diverged"].to_numpy().tolist() == want.T.to_numpy().ravel().tolist()
    flagged = {
        (title.split(" vs ")[0], row[0].removesuffix(" (!)"))
        for title, rows in res.summary().blocks
        for row in rows
        if row[0].endswith("(!)")
    }
    assert flagged == set(frame.index[frame["diverged"]])


def test_inference_is_nan_exactly_where_coefficients_diverge(quasi_ml):
    res = quasi_ml
    mask = res.diverging.to_numpy()
    for table in (res.bse, res.zvalues, res.pvalues):
        values = table.to_numpy()
        assert np.isnan(values[mask]).all() and np.isfinite(values[~mask]).all()
    long_mask = res.to_frame()["diverged"].to_numpy()
    for table in (res.conf_int(), res.odds_ratios()):
        values = table.to_numpy()
        assert np.isnan(values[long_mask]).all() and np.isfinite(values[~long_mask]).all()
    # the estimates stay (the summary prints them, flagged); the covariance of a diverging
    # coefficient is NaN as its standard error is, with every other one's
    assert np.isfinite(res.params.to_numpy()).all()
    V = res.cov_params().to_numpy()
    assert np.isnan(V[long_mask]).all() and np.isnan(V[:, long_mask]).all()
    assert np.isfinite(V[np.ix_(~long_mask, ~long_mask)]).all()
    # the estimable coefficients keep their ordinary inference: bse is sqrt(diag(cov_params))
    np.testing.assert_array_equal(np.sqrt(np.diag(V)), res.to_frame()["std_error"].to_numpy())
    # a block of terms masks its own diverging rows the same way
    term = res.params.index[int(np.argmax(res.diverging.to_numpy().any(axis=1)))]
    block = res.cov_params(terms=[term])
    whole = res.cov_params().loc[block.index, block.columns]
    np.testing.assert_array_equal(block.to_numpy(), whole.to_numpy())


def test_no_overflow_warning_and_every_inference_cell_nan(risk_ml):
    res = risk_ml
    assert res.diverging.to_numpy().all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # before: "overflow encountered in exp", six times
        orr = res.odds_ratios()
        frame = res.to_frame()
        text = str(res.summary(odds_ratios=True))
        res.to_latex()
    assert orr.isna().all().all()
    cols = ["std_error", "z", "pvalue", "lower", "upper", "odds_ratio", "or_lower", "or_upper"]
    assert frame[cols].isna().all().all() and frame["diverged"].all()
    assert np.isfinite(frame["estimate"]).all()
    assert "nan" not in text.split("=" * 20)[-2]  # the coefficient block shows "--" instead


def test_csv_carries_the_diverged_column(risk_ml, tmp_path):
    risk_ml.to_csv(tmp_path / "coef.csv")
    back = pd.read_csv(tmp_path / "coef.csv", index_col=[0, 1])
    assert back["diverged"].all() and back["std_error"].isna().all()


def test_wald_test_of_a_diverging_term_is_not_computed(risk_ml, quasi_ml):
    t = risk_ml.wald_test("age")  # before: chi2 = 0.616, p = 0.7349
    assert np.isnan(t.statistic) and np.isnan(t.pvalue) and t.df == 2
    assert "high:age" in t.note and "medium:age" in t.note and "method='firth'" in t.note
    assert "chi2(2) not computed (see the note)" in str(t) and "Not computed" in str(t)
    # a restriction touching one diverging coefficient is not computed either
    t = quasi_ml.wald_test("b:dummy = c:dummy")
    assert np.isnan(t.pvalue) and "b:dummy" in t.note
    # an estimable term is tested as usual
    t = quasi_ml.wald_test("x")
    assert 0 < t.pvalue < 1 and "Not computed" not in t.note


def test_anova_names_the_diverging_terms(risk_ml, quasi_ml):
    table = risk_ml.anova()  # before: p = 6.6e-5 for age, 2.1e-5 for income
    assert table[["chi2", "pvalue"]].isna().all().all()
    assert list(table["df"]) == [2, 2]
    assert "high:income" in table.attrs["note"] and "method='firth'" in table.attrs["note"]
    with pytest.warns(ConvergenceWarning) as record:  # the refit without x is separated
        table = quasi_ml.anova()
    # one warning for every unconverged refit, not one each; and anova's of its NaN row
    assert [w.category for w in record] == [ConvergenceWarning, InferenceWarning]
    assert "for 'dummy'" in str(record[1].message)
    assert np.isnan(table.loc["dummy", "pvalue"]) and 0 < table.loc["x", "pvalue"] < 1
    assert "b:dummy" in table.attrs["note"]


def test_lr_tests_involving_a_diverging_term_are_not_computed(quasi_ml):
    small = mnlogit.fit("y ~ x", quasi_data(), ref="a")
    t = mnlogit.lr_test(small, quasi_ml)
    assert np.isnan(t.statistic) and np.isnan(t.pvalue)
    assert "b:dummy" in t.note and "c:dummy" in t.note and "method='firth'" in t.note
    t = quasi_ml.lr_test()  # the slopes include dummy
    assert np.isnan(t.pvalue) and "b:dummy" in t.note
    text = str(quasi_ml.summary())
    assert "LR chi2: Not computed" in text


def test_the_separation_warning_is_given_once_and_the_summary_says_it_once(risk_scaled):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit(RISK, risk_scaled, ref="low")
        str(res.summary())
        res.to_frame()
        res.anova()
    # the separation said once; anova's table, whose printed NaN carry no note, says its own
    assert [w.category for w in caught] == [SeparationWarning, InferenceWarning]
    assert str(caught[1].message).startswith("anova(): chi2 and pvalue are NaN for")
    warnings_ = res.summary().warnings
    assert len(warnings_) == 1
    assert warnings_[0].count("firth") == 1  # the advice is given once


def test_firth_fit_has_nothing_diverging(risk_scaled):
    res = mnlogit.fit(RISK, risk_scaled, ref="low", method="firth")
    assert not res.diverging.to_numpy().any() and not res.to_frame()["diverged"].any()
    assert np.isfinite(res.bse.to_numpy()).all()
    assert 0 <= res.wald_test("age").pvalue <= 1


def test_convergence_warning_blames_separation_only_when_the_check_finds_it(risk_scaled):
    df = mnlogit.datasets.load("travel")
    with pytest.warns(ConvergenceWarning) as record:  # before: "... or check for separation"
        res = mnlogit.fit("mode ~ np.log(distance) + income", df, ref="car", max_iter=1)
    text = str(record[0].message)
    assert "finds no separation" in text and "max_iter (currently 1)" in text
    assert res.separation is None and not res.diverging.to_numpy().any()
    # stopped by the iteration limit before diverging: the exact check still finds separation
    with pytest.warns(SeparationWarning):
        res = mnlogit.fit(RISK, risk_scaled, ref="low", max_iter=2)
    assert not res.diverged and res.separation is not None and res.diverging.to_numpy().all()


def test_fit_statistics_of_a_separated_fit_are_flagged_as_the_last_iterates(risk_ml, quasi_ml):
    # the log-likelihood of a diverging fit depends on where it stopped (max_iter): it and
    # the statistics made of it are marked, and the warning says what they approach
    for res, supremum in [(risk_ml, "towards 0,"), (quasi_ml, "towards a finite supremum")]:
        summary = res.summary()
        text = str(summary)
        for label in ["Log-likelihood", "McFadden R2", "Cox-Snell R2", "Nagelkerke R2"]:
            assert re.search(rf"^.*{label}\s+\S+ \(!\)$", text, re.M), label
        assert re.search(r"AIC\s+\S+ \(!\)", text) and re.search(r"BIC\s+\S+ \(!\)", text)
        assert not re.search(r"Null log-likelihood\s+\S+ \(!\)", text)
        assert supremum in " ".join(summary.warnings)
    plain = mnlogit.fit("y ~ x", quasi_data(), ref="a")
    assert "(!)" not in str(plain.summary())


def test_prediction_intervals_count_only_rows_with_a_prediction(risk_ml, risk_scaled):
    # a row with a missing value was counted among the rows the separation leaves without
    # intervals (4 of 3 predicted rows); its NaN is the missing value's, documented in predict
    new = risk_scaled.head(4).copy()
    new.loc[new.index[1], "age"] = np.nan
    pi = risk_ml.prediction_intervals(new)
    assert "of 3 row(s) that involve" in pi.attrs["note"]
    assert pi.loc[new.index[1], "prob"].isna().all()


def lone_level_counts(weight: float, outcome: str = "A") -> pd.DataFrame:
    """Counts data: 2,000 rows of weight ``weight`` and one row of weight 1, the only one of
    level 'd' of g, whose outcome is ``outcome`` (the reference 'A' by default): B's and C's
    coefficients of g[T.d] have no finite maximum."""
    rng = np.random.default_rng(0)
    n = 2000
    x = rng.standard_normal(n)
    g = rng.choice(["a", "b", "c"], n)
    g[0] = "d"
    eta = np.column_stack([0 * x, 0.5 * x, -0.3 * x])
    y = np.array(["A", "B", "C"])[np.argmax(eta + rng.gumbel(size=(n, 3)), axis=1)]
    y[0] = outcome
    w = np.full(n, weight)
    w[0] = 1.0
    return pd.DataFrame({"x": x, "g": g, "y": y, "w": w})


def test_a_level_without_rows_of_an_outcome_is_separation_even_when_the_deviance_settles():
    # Weighted to 1e6 observations, the one row moves the deviance below the convergence test
    # while g[T.d] runs off: the fit converged with g[T.d] at -11.1, standard errors of 260
    # and p = 0.97, and no warning. A column of one sign that is 0 on every row of an outcome
    # is separation for sure, read from the sums the model keeps, and the exact check names it
    df = lone_level_counts(500.0)
    with pytest.warns(SeparationWarning, match=r"'g\[T\.d\]' in the equation\(s\) for outcome"):
        res = mnlogit.fit("y ~ x + g", df, ref="A", weights="w")
    assert not res.converged and res.separation is not None
    assert res.separation.terms == ("g[T.d]",) and res.separation.outcomes == ("B", "C")
    assert res.bse.loc["g[T.d]"].isna().all() and res.pvalues.loc["g[T.d]"].isna().all()
    assert np.isfinite(res.bse.drop(index="g[T.d]").to_numpy()).all()
    # the same data with the lone row's level merged into 'a' have a finite maximum: no alarm
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fine = mnlogit.fit("y ~ x + g", df.assign(g=df.g.replace("d", "a")), ref="A", weights="w")
    assert fine.converged and fine.separation is None


def level_separated(seed: int = 21) -> pd.DataFrame:
    """Outcomes a and b split by the sign of x within level w of g, which has no c: the
    coefficients of w's own intercept and slope diverge, while w's rows, which have them to
    themselves, leave the other coefficients as the rows of u and v alone give them."""
    rng = np.random.default_rng(seed)
    n = 600
    x = rng.normal(size=n)
    g = rng.choice(["u", "v", "w"], size=n)
    y = rng.choice(["a", "b", "c"], size=n).astype(object)
    w = g == "w"
    y[w] = np.where(x[w] > 0, "b", "a")
    return pd.DataFrame({"y": y, "x": x, "g": g, **{f"i{v}": (g == v) * 1.0 for v in "uvw"}})


@pytest.mark.parametrize("seed", [21, 4, 9])
def test_lr_tests_beside_a_separation_compare_the_log_likelihoods_it_approaches(seed):
    # the fits stop where the divergence is found, their log-likelihoods short of their
    # suprema by 1.85 here: type III's chi2 of x was -0.85 (p NaN) and lr_test's an
    # ordinary-looking number, where the limit is the test on the rows of u and v alone
    df = level_separated(seed)
    others = df[df["g"] != "w"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        full = mnlogit.fit("y ~ x * C(g)", df, ref="a")
        assert full.separation is not None and full.separation.kind == "quasi-complete"
        got = full.anova(type="III").loc["x"]
        want = mnlogit.fit("y ~ x * C(g)", others, ref="a").anova(type="III").loc["x"]
        np.testing.assert_allclose(got[["chi2", "pvalue"]], want[["chi2", "pvalue"]], rtol=1e-6)
        f = "y ~ 0 + iu + iv + iw + x:iu + x:iv + x:iw"
        r = "y ~ 0 + iu + iv + iw + x:iw"
        got = mnlogit.lr_test(mnlogit.fit(r, df, ref="a"), mnlogit.fit(f, df, ref="a"))
        want = mnlogit.lr_test(
            mnlogit.fit("y ~ 0 + iu + iv", others, ref="a"),
            mnlogit.fit("y ~ 0 + iu + iv + x:iu + x:iv", others, ref="a"),
        )
    assert got.df == want.df == 4
    np.testing.assert_allclose(
        [got.statistic, got.pvalue], [want.statistic, want.pvalue], rtol=1e-6
    )


def test_the_separating_cone_is_found_once_per_fit(monkeypatch):
    # lr_test and anova of separated fits solved the fits' separation programs again (2.4 s
    # of an lr_test at 1e5 rows): the cone the fit's own check found is kept on its data
    from mnlogit import _recession

    df = level_separated(4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        small = mnlogit.fit("y ~ 0 + iu + iv + iw + x:iw", df, ref="a")
        full = mnlogit.fit("y ~ 0 + iu + iv + iw + x:iu + x:iv + x:iw", df, ref="a")
        assert small.separation is not None and full.separation is not None
        calls = []
        solve = _recession.linprog
        monkeypatch.setattr(
            _recession, "linprog", lambda *a, **k: calls.append(1) or solve(*a, **k)
        )
        test = mnlogit.lr_test(small, full)
    assert calls == []
    assert np.isfinite(test.statistic) and test.df == 4


def test_a_wide_separated_fit_keeps_the_standard_errors_of_its_finite_equations(monkeypatch):
    # Outcome 3 is separated by s; the equations of outcomes 1 and 2 stay finite, and tend to
    # the fit of the other outcomes' rows alone. The L-BFGS phase of a wide fit ran their
    # coefficients far out until the information was singular in rounding, and every
    # standard error came out NaN; Fisher scoring alone keeps them. With the near-certain
    # rows' sums exact, the information far out is not singular, and the L-BFGS phase ended
    # "converged" 288 units out without separation reported, its remaining Newton step 8.8:
    # scoring now goes on from there until its steps show the coefficients running off.
    from mnlogit import _solvers

    rng = np.random.default_rng(7)
    n, p = 1500, 15
    X = rng.standard_normal((n, p))
    y = np.argmax(X @ (rng.standard_normal((p, 4)) * 0.3) + rng.gumbel(size=(n, 4)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(y=y)
    df["s"] = np.where(y == 3, rng.uniform(0.1, 1, n), rng.uniform(-1, -0.1, n))
    formula = "y ~ s + " + " + ".join(f"x{j}" for j in range(p))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparationWarning)
        wide = mnlogit.fit(formula, df)
        monkeypatch.setattr(_solvers, "QUASI_NEWTON_MIN_WORK", np.inf)  # scoring alone
        scoring = mnlogit.fit(formula, df)
        limit = mnlogit.fit(formula, df[df["y"] != 3])
    assert not wide.converged and wide.separation is not None
    assert wide.diverging[3].all() and not wide.diverging[[1, 2]].any().any()
    finite = wide.bse[[1, 2]].to_numpy()
    assert np.isfinite(finite).all()
    np.testing.assert_allclose(finite, limit.bse[[1, 2]].to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(
        wide.params[[1, 2]].to_numpy(), limit.params[[1, 2]].to_numpy(), rtol=1e-8, atol=1e-10
    )
    # scoring alone stops nearer (s's coefficient 35, not 360): its rows of outcome 3 still
    # weigh about 1e-3 in the finite equations
    np.testing.assert_allclose(scoring.bse[[1, 2]].to_numpy(), finite, rtol=2e-3)


def test_predictions_at_new_rows_that_read_a_diverging_coefficient_warn(quasi_ml, risk_scaled):
    # at a new row the probabilities of a separated fit are where it stopped along one of a
    # cone of separating directions, which the data do not choose among: they came silently
    new = pd.DataFrame({"x": [0.3, -1.0, 0.5], "dummy": [0, 1, 1]}, index=["u", "v", "w"])
    with pytest.warns(SeparationWarning, match=r"2 row\(s\) \('v', 'w'\).*'dummy'.*firth"):
        quasi_ml.predict(new)
    with pytest.warns(SeparationWarning, match=r"2 row\(s\) \('v', 'w'\)"):
        quasi_ml.prediction_intervals(new)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quasi_ml.predict(new[new.dummy == 0])  # reads only finite coefficients
        quasi_ml.predict()  # the fitted rows: probabilities approaching limits the data fix
        firth = mnlogit.fit(RISK, risk_scaled, ref="low", method="firth")
        firth.predict(risk_scaled.head(3))


# --- the fitted rows' log-odds -------------------------------------------------------------------
# Before, predict(kind="link") gave the rows with dummy = 1 the last iterate's log-odds (-10.06
# and -9.90 at row r0, where the limits are -inf) without a word, while the same rows passed as
# newdata warned that their predictions are where the fit stopped. Their probabilities approach
# limits the data fix, so kind="prob" and kind="class" stay silent.
def test_the_fitted_log_odds_that_diverge_are_warned_of(quasi_ml):
    with pytest.warns(SeparationWarning) as record:
        link = quasi_ml.predict(kind="link")
    assert len(record) == 1
    message = str(record[0].message)
    assert "log-odds (kind='link') of the fitted 12 row(s) ('r0', 'r1'" in message
    assert "'dummy'" in message and "without bound" in message
    # the numbers themselves are those newdata gives (and warns of) for the same rows
    with pytest.warns(SeparationWarning, match="newdata"):
        again = quasi_ml.predict(quasi_data(), kind="link")
    np.testing.assert_array_equal(link.to_numpy(), again.to_numpy())


def test_re_expressed_fits_warn_alike(quasi_ml):
    with pytest.warns(SeparationWarning, match=r"fitted 12 row\(s\)"):
        quasi_ml.with_ref("b").predict(kind="link")


def test_the_fitted_probabilities_and_classes_stay_silent(quasi_ml):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        probs = quasi_ml.predict()
        quasi_ml.predict(kind="class")
    # they are at their limits: outcome 'a' all but certain where dummy = 1
    assert (probs.loc[[f"r{i}" for i in range(12)], "a"] > 0.999).all()


@pytest.mark.parametrize(
    "formula, options",
    [("y ~ x", {}), ("y ~ x + dummy", {"method": "firth"})],
    ids=["not separated", "firth"],
)
def test_fits_with_finite_estimates_stay_silent(formula, options):
    res = mnlogit.fit(formula, quasi_data(), ref="a", **options)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        link = res.predict(kind="link")
    assert np.isfinite(link.to_numpy()).all()
