"""Which terms contain which in anova's type II tests and type III note: read from the
formula's terms, not guessed from their labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def colon_column():
    rng = np.random.default_rng(2)
    n = 300
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "b:x": rng.normal(size=n),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )


def test_a_column_named_with_a_colon_is_no_interaction_containing_its_parts(colon_column):
    # a formula of plain names labels the column `b:x` as "b:x", which anova split at the
    # colon into b and x: type II tested x without b:x too (chi2 5.523 where the fit without
    # x gives 5.512), and the type III note said x was tested "in 'b:x': at b = 0"
    res = mnlogit.fit("y ~ x + `b:x`", colon_column)
    without_x = mnlogit.fit("y ~ `b:x`", colon_column)
    expected = mnlogit.lr_test(without_x, res).statistic
    for kind in ("II", "III"):
        table = res.anova(kind)
        assert table.loc["x", "chi2"] == pytest.approx(expected, rel=1e-9)
        assert table.attrs["note"] == f"Type {kind} likelihood-ratio tests"
    robust = mnlogit.fit("y ~ x + `b:x`", colon_column, cov_type="robust")
    assert robust.anova("II").loc["x", "chi2"] == pytest.approx(
        robust.wald_test("x").statistic, rel=1e-9
    )


def test_a_column_named_with_a_colon_is_no_interaction_in_a_fit_of_arrays(colon_column):
    # arrays have no formula to say what a column holds: each column is its own variable.
    # "b:x" was split at its colon into b and x, so type II tested x without b:x too
    X = colon_column[["x", "b:x"]].assign(one=1.0)
    res = mnlogit.MNLogit(colon_column["y"], X).fit()
    without_x = mnlogit.MNLogit(colon_column["y"], X[["b:x", "one"]]).fit()
    expected = mnlogit.lr_test(without_x, res).statistic
    for kind in ("II", "III"):
        table = res.anova(kind)
        assert table.loc["x", "chi2"] == pytest.approx(expected, rel=1e-9)
        assert "at b = 0" not in table.attrs["note"]


def test_anova_of_a_fit_stopped_early_compares_maxima():
    # the restricted refits run to 1e-12; the full fit, stopped by the user at tol=1e-2 after
    # three iterations 0.95 short of its maximum, made every chi2 1.91 too small
    rng = np.random.default_rng(29)
    n, p = 20_000, 8
    X = rng.normal(size=(n, p))
    eta = np.column_stack([np.zeros(n), X @ (0.3 * rng.normal(size=(p, 3)))])
    codes = rng.random(n)[:, None] > (np.exp(eta) / np.exp(eta).sum(1, keepdims=True)).cumsum(1)
    d = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)])
    d["y"] = np.array(list("ABCD"))[codes.sum(axis=1)]
    formula = "y ~ " + " + ".join(d.columns[:-1])
    early = mnlogit.fit(formula, d, tol=1e-2)
    full = mnlogit.fit(formula, d)
    # a loose tol no longer stops a fit that far short and calls it converged (see
    # test_loose_tolerance): within a hundredth of a standard error of its maximum, its
    # log-likelihood 2e-6 below it, which anova's refits must not carry into its chi2
    assert early.converged and full.llf - early.llf < 1e-4  # was 0.95
    np.testing.assert_allclose(early.anova()["chi2"], full.anova()["chi2"], rtol=1e-9)
    assert early.llf == mnlogit.fit(formula, d, tol=1e-2).llf  # the fit itself is untouched


def test_a_slope_of_arrays_named_intercept_is_tested(colon_column):
    # arrays may call a slope 'Intercept' (the fit takes only a column of ones as the
    # intercept); anova left its test out of the table by the name, without a word
    X = colon_column[["b:x", "x"]]
    named = mnlogit.MNLogit(colon_column["y"], X.rename(columns={"b:x": "Intercept"})).fit()
    plain = mnlogit.MNLogit(colon_column["y"], X).fit()
    without = mnlogit.MNLogit(colon_column["y"], X[["x"]]).fit()
    expected = mnlogit.lr_test(without, plain).statistic
    for kind in ("II", "III"):
        table = named.anova(kind)
        assert list(table.index) == ["Intercept", "x"]
        assert table.loc["Intercept", "chi2"] == pytest.approx(expected, rel=1e-9)
        np.testing.assert_allclose(table["chi2"], plain.anova(kind)["chi2"], rtol=1e-12)
    # beside a column of ones, which is the intercept whatever its name, the same
    both = mnlogit.MNLogit(
        colon_column["y"], X.rename(columns={"b:x": "Intercept"}).assign(one=1.0)
    ).fit()
    assert list(both.anova().index) == ["Intercept", "x"]
