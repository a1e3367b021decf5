"""A survey fit's Wald test of coefficients that diverge under separation is NaN as the
adjusted Wald F it would be, on (k, d - k + 1) degrees of freedom: it was a chi2 test without
denominator degrees of freedom (``wald_test_slopes`` under the adjusted F's title), so the
summary showed "F --" without its degrees of freedom while the same fit's computed tests and
its anova table are F tests on those degrees of freedom."""

import numpy as np
import pandas as pd
import pytest

import mnlogit

pytestmark = pytest.mark.filterwarnings("ignore")


def _fit():
    rng = np.random.default_rng(8)
    n = 600
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": rng.choice(list("abc"), n),
            "pw": rng.uniform(1, 3, n),
            "cl": rng.integers(0, 40, n),
            "st": rng.integers(0, 2, n),
            "age": rng.integers(20, 60, n),
            "y": rng.choice(["A", "B", "C"], n),
        }
    )
    # in the subpopulation age >= 20 level c of g never has outcome C: its coefficient in
    # C's equation diverges there
    d.loc[(d.g == "c") & (d.y == "C"), "age"] = 10
    design = mnlogit.SurveyDesign(weights="pw", psu="cl", strata="st")
    return mnlogit.fit("y ~ x + g", d, ref="A", design=design, subpop="age >= 20")


@pytest.fixture(scope="module")
def res():
    return _fit()


def test_the_fit_is_separated_with_78_design_df(res):
    assert res.df_design == 78  # 2 strata x 40 PSUs, less the strata
    assert np.isnan(res.bse.loc["g[T.c]", "C"])
    assert np.isfinite(res.bse.loc["x", "C"])


@pytest.mark.parametrize(
    ("test", "k"),
    [
        (lambda r: r.wald_test("g"), 4),
        (lambda r: r.wald_test("g[T.c] = 0"), 2),
        (lambda r: r.wald_test_slopes(), 6),
    ],
)
def test_a_test_of_a_diverging_coefficient_is_a_nan_adjusted_f(res, test, k):
    t = test(res)
    assert np.isnan(t.statistic) and np.isnan(t.pvalue)
    assert t.df == k
    assert t.df_denom == 78 - k + 1
    assert t.method.startswith("Adjusted Wald test")
    assert "78 design df" in t.method
    first = str(t).splitlines()[0]
    assert f"F({k}, {78 - k + 1}) not computed" in first
    assert "chi2" not in first
    assert "diverge under separation" in t.note


def test_it_has_the_form_of_the_computed_tests_and_of_the_anova_rows(res):
    computed = res.wald_test("x")
    assert computed.df_denom == 78 - 2 + 1 and np.isfinite(computed.statistic)
    blank = res.wald_test("g")
    assert type(blank) is type(computed)
    assert blank.method == computed.method
    table = res.anova()
    assert table.loc["g", "df_denom"] == blank.df_denom


def test_the_summary_gives_the_slopes_test_its_degrees_of_freedom(res):
    text = str(res.summary())
    assert "F(6, 73)" in text


def test_a_fit_without_a_design_keeps_its_chi2_test():
    rng = np.random.default_rng(8)
    n = 300
    d = pd.DataFrame(
        {"x": rng.normal(size=n), "g": rng.choice(list("abc"), n), "y": rng.choice(list("ABC"), n)}
    )
    d.loc[(d.g == "c") & (d.y == "C"), "y"] = "B"
    t = mnlogit.fit("y ~ x + g", d, ref="A").wald_test("g")
    assert np.isnan(t.statistic)
    assert t.df_denom is None
    assert str(t).splitlines()[0].startswith("Wald test (model-based covariance): chi2(4)")
