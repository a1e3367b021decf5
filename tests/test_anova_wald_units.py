"""anova's Wald tests do not depend on the units of a column. The type II test of a term
that an interaction contains is car's conjugate complement of the interaction's rows in the
covariance: those rows were taken in the equilibrated coordinates as R / S, rows of 1e-150
beside rows of 1 for a column in units of 1e150, whose digits its QR lost. On the data
below (type II chi2 of g 123.79 with x in units of 1), x in units of 1e150 gave 81.27,
1e-150 15.15, 1e200 54.21 (and x 449.68 for 434.17), and 1e-200 NaN for x and g with
numpy's overflow warnings."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 3000
    u = rng.normal(size=n)
    g = rng.choice(["a", "b", "c"], n)
    eta = np.c_[np.zeros(n), 0.8 * u + (g == "b"), -0.5 * u + 0.4 * u * (g == "c")]
    p = np.exp(eta)
    p /= p.sum(1, keepdims=True)
    y = np.array(["A", "B", "C"])[(rng.random(n)[:, None] > p.cumsum(1)).sum(1)]
    return pd.DataFrame({"y": y, "u": u, "g": g, "cl": rng.integers(0, 200, n)})


def _anova(df: pd.DataFrame, scale: float, kind: str, **options) -> pd.DataFrame:
    data = df.assign(x=df["u"] * scale)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's overflow warnings included
        return mnlogit.fit("y ~ x * g", data, ref="A", **options).anova(kind)


@pytest.mark.parametrize("scale", [1e-200, 1e-150, 1e150, 1e200])
@pytest.mark.parametrize(
    "options",
    [
        {"cov_type": "cluster", "groups": "cl"},
        {"cov_type": "robust"},
        {"design": mnlogit.SurveyDesign(psu="cl", weights=np.full(3000, 2.0))},
    ],
    ids=["cluster", "robust", "survey"],
)
def test_type_ii_wald_tests_do_not_depend_on_a_columns_units(frame, scale, options):
    want = _anova(frame, 1.0, "II", **options)
    got = _anova(frame, scale, "II", **options)
    assert got.attrs["test"] == "Wald"
    np.testing.assert_allclose(got["chi2"], want["chi2"], rtol=1e-8)
    np.testing.assert_allclose(got["pvalue"], want["pvalue"], rtol=1e-6)


def test_type_iii_was_right_and_stays_so(frame):
    options = {"cov_type": "cluster", "groups": "cl"}
    want = _anova(frame, 1.0, "III", **options)
    got = _anova(frame, 1e150, "III", **options)
    np.testing.assert_allclose(got["chi2"], want["chi2"], rtol=1e-8)


@pytest.mark.parametrize("scale", [1e-200, 1e-100, 1e200])
def test_a_column_in_tiny_units_is_not_taken_for_a_share_of_the_constant(frame, scale):
    # in y ~ 0 + g + x + x:g, the combination a with X a = 1 (ones on g's dummies) was
    # read in the columns' units: the rounding of x's entry, 1e-16 / 1e-200, came out as
    # 1e184 beside the dummies' 1, so x seemed to carry the constant. anova left x out as
    # "carrying the constant" (its table lost x), gave g 118.20 for 87.24 (type III LR) or
    # NaN, wald_test_slopes was NaN, and a Firth fit's anova raised EstimationError
    formula = "y ~ 0 + g + x + x:g"
    unit, tiny = frame.assign(x=frame["u"]), frame.assign(x=frame["u"] * scale)
    for options, kinds in [({}, ("II", "III")), ({"cov_type": "cluster", "groups": "cl"}, ("II",))]:
        want = mnlogit.fit(formula, unit, ref="A", **options)
        got = mnlogit.fit(formula, tiny, ref="A", **options)
        for kind in kinds:
            a, b = got.anova(kind), want.anova(kind)
            assert a.index.tolist() == b.index.tolist() == ["g", "x", "x:g"]
            np.testing.assert_allclose(a["chi2"], b["chi2"], rtol=1e-6)
            assert "Not tested" not in a.attrs["note"]
        slopes = got.wald_test_slopes()
        assert slopes.statistic == pytest.approx(want.wald_test_slopes().statistic, rel=1e-8)
    firth = mnlogit.fit(formula, tiny, ref="A", method="firth").anova("II")
    base = mnlogit.fit(formula, unit, ref="A", method="firth").anova("II")
    np.testing.assert_allclose(firth["chi2"], base["chi2"], rtol=1e-6)


def test_a_centred_column_in_huge_units_with_large_weights_is_centred():
    # w @ X of a centred column of 1e300 with frequency weights of 1e10 overflowed: numpy's
    # warning, and type III's note said C(g, Sum) was tested "at x = 0" as though x's
    # origin mattered
    rng = np.random.default_rng(7)
    u = rng.normal(size=600)
    df = pd.DataFrame(
        {
            "y": rng.choice(["A", "B", "C"], 600),
            "x": (u - u.mean()) * 1e300,
            "g": rng.choice(["a", "b", "c"], 600),
            "fw": np.full(600, 1e10),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = mnlogit.fit("y ~ C(g, Sum) * x", df, ref="A", weights="fw").anova("III")
    assert table.attrs["note"] == "Type III likelihood-ratio tests"
    shifted = df.assign(x=df["x"] + 3e300)  # no longer centred: said
    note = mnlogit.fit("y ~ C(g, Sum) * x", shifted, ref="A", weights="fw").anova("III")
    assert "'C(g, Sum)' (in 'C(g, Sum):x': at x = 0)" in note.attrs["note"]
