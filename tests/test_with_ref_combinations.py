"""with_ref(b) against a refit with ref=b where options meet: IIA tests of weighted
clustered fits (every omitted level, the Hausman options), margins at values, on a grid, as
effects and their contrasts on survey, subpopulation and clustered Firth fits, a Dask fit, and
the scikit-learn classifier's fit. test_reparameterisations.py holds the coefficients, tests
and margins over a factor; these are the analyses it does not reach."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.sklearn import MNLogitClassifier

REFIT = 1e-6  # two fits converged to tol=1e-10
LEVELS = ["k0", "k1", "k2"]
DESIGN = mnlogit.SurveyDesign(weights="pw", strata="stratum", psu="psu")


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    n = 300
    x = rng.normal(size=n) * 2 + 1
    g = rng.choice(["a", "b", "c"], n)
    eta = np.column_stack(
        [0.3 + 0.4 * x + (g == "b") * 0.8, -0.2 - 0.3 * x + (g == "c") * 0.5, np.zeros(n)]
    )
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1).clip(0, 2)
    stratum = rng.integers(0, 3, n)
    return pd.DataFrame(
        {
            "y": np.array(LEVELS)[codes],
            "x": x,
            "g": g,
            "stratum": stratum,
            "psu": stratum * 100 + rng.integers(0, 8, n),
            "pw": rng.uniform(1, 30, n),
            "fw": rng.integers(1, 4, n),
            "cl": rng.integers(0, 15, n),
        }
    )


def numbers(frame: pd.DataFrame) -> np.ndarray:
    return frame.select_dtypes("number").to_numpy(dtype=float)


def close(a, b, rtol: float = REFIT) -> None:
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=rtol, atol=1e-9)


@pytest.mark.parametrize(
    "options",
    [
        {"weights": "fw", "cov_type": "cluster", "groups": "cl"},
        {"weights": "fw", "cov_type": "robust"},
        {"weights": "fw"},
    ],
)
def test_iia_tests_of_a_weighted_fit_do_not_depend_on_its_reference(data, options):
    res = mnlogit.fit("y ~ x + g", data, ref="k0", **options)
    re_expressed = res.with_ref("k2")
    refit = mnlogit.fit("y ~ x + g", data, ref="k2", **options)
    tests = [{"method": "suest"}, {"method": "suest", "include_intercepts": False}]
    if res.covariance.lr_valid:  # Hausman and Small-Hsiao need the model-based covariance
        tests += [
            {"method": "hausman", "inverse": "solve", "df": "k"},
            {"method": "hausman", "include_intercepts": False},
            {"method": "small-hsiao", "seed": 5},
        ]
    for omit in LEVELS:  # the old reference, the new one and the other level
        for kw in tests:
            a, b = re_expressed.iia_test(omit, **kw), refit.iia_test(omit, **kw)
            close([a.statistic, a.df, a.pvalue], [b.statistic, b.df, b.pvalue])
            assert a.note == b.note
            if omit == "k1" and kw["method"] == "suest":  # and the same as the fit's own
                c = res.iia_test(omit, **kw)
                close([c.statistic, c.df, c.pvalue], [a.statistic, a.df, a.pvalue])
    close(
        numbers(re_expressed.iia_table(method="suest")),
        numbers(refit.iia_table(method="suest")),
    )


MARGINS = {
    "at": lambda r: r.margins(at={"x": [-1.0, 2.5]}),
    "grid effects": lambda r: r.margins(
        at={"x": [0.0, 1.0]}, over="g", kind="effect", average="grid"
    ),
    "effect contrast": lambda r: r.margins(kind="effect", variables="x", over="g").contrast("g"),
    "contrast of values": lambda r: r.margins(over="g", at={"x": [0.0, 1.0]}).contrast("x"),
    "reference contrast": lambda r: r.margins(at={"g": ["a", "b"]}).contrast("g", "reference"),
}


@pytest.mark.parametrize("kind", list(MARGINS))
@pytest.mark.parametrize(
    "options",
    [
        {"design": DESIGN},
        {"design": DESIGN, "subpop": "stratum != 1"},
        {"method": "firth", "cov_type": "cluster", "groups": "cl"},
        {"weights": "fw", "cov_type": "cluster", "groups": "cl"},
    ],
    ids=["survey", "subpop", "firth-cluster", "weighted-cluster"],
)
def test_margins_of_every_kind_do_not_depend_on_the_reference(data, options, kind):
    res = mnlogit.fit("y ~ x + g", data, ref="k0", **options)
    refit = mnlogit.fit("y ~ x + g", data, ref="k1", **options)
    a = MARGINS[kind](res.with_ref("k1")).to_frame()
    b = MARGINS[kind](refit).to_frame()
    assert list(a.columns) == list(b.columns) and a.shape == b.shape
    close(numbers(a), numbers(b))
    close(numbers(MARGINS[kind](res).to_frame()), numbers(b), rtol=1e-9 + REFIT)


def test_the_classifiers_fit_re_expressed_is_the_fit_with_that_reference(data):
    X, y = data[["x", "g"]], data["y"]
    clf = MNLogitClassifier(formula="x + g", ref="k2", method="firth", cov_type="robust")
    clf.fit(X, y, sample_weight=data["fw"].to_numpy())
    refit = mnlogit.fit(
        "y ~ x + g", data, ref="k0", method="firth", cov_type="robust", weights="fw"
    )
    re_expressed = clf.results_.with_ref("k0")
    close(re_expressed.params, refit.params)
    close(re_expressed.bse, refit.bse)
    margins = [r.margins(over="g").to_frame() for r in (re_expressed, refit)]
    close(numbers(margins[0]), numbers(margins[1]))
    close(re_expressed.anova(), refit.anova())
    close(clf.predict_proba(X.head(10)), refit.predict(data.head(10))[list(clf.classes_)])


@pytest.mark.slow
@pytest.mark.parametrize(
    "options",
    [{"weights": "fw", "cov_type": "cluster", "groups": "cl"}, {"design": DESIGN}],
    ids=["weighted-cluster", "survey"],
)
def test_a_dask_fit_re_expressed_is_the_in_memory_fit_with_that_reference(data, options):
    dd = pytest.importorskip("dask.dataframe")
    on_dask = mnlogit.fit("y ~ x + g", dd.from_pandas(data, npartitions=3), ref="k0", **options)
    refit = mnlogit.fit("y ~ x + g", data, ref="k2", **options)
    re_expressed = on_dask.with_ref("k2")
    close(re_expressed.params, refit.params)
    close(re_expressed.bse, refit.bse)
    close(numbers(re_expressed.anova(type="III")), numbers(refit.anova(type="III")))
    close(re_expressed.wald_test("g").statistic, refit.wald_test("g").statistic)
    close(re_expressed.predict(data.head(20)), refit.predict(data.head(20)))
    table = mnlogit.compare([re_expressed, refit], names=["dask", "pandas"]).to_frame()
    close(numbers(table.loc["dask"]), numbers(table.loc["pandas"]))


@pytest.mark.parametrize(
    "options",
    [{}, {"cov_type": "robust"}, {"design": DESIGN}, {"method": "firth"}],
    ids=["model-based", "robust", "survey", "firth"],
)
def test_a_reference_reached_through_another_gives_the_same_numbers_to_the_last_bit(data, options):
    # with_ref of a with_ref result re-expressed that result: B M M' is B only to rounding,
    # so res.with_ref("k1").with_ref("k0") was the fit 1e-16 off, and with_ref("k2") reached
    # through "k1" differed from res.with_ref("k2") in the tables and exports built from them
    res = mnlogit.fit("y ~ x + g", data, ref="k0", **options)
    assert res.with_ref("k1").with_ref("k0").to_frame().equals(res.to_frame())
    direct = res.with_ref("k2")
    for through in (res.with_ref("k1").with_ref("k2"), res.with_ref("k2").with_ref("k2")):
        assert through.to_frame().equals(direct.to_frame())
        assert through.cov_params().equals(direct.cov_params())
        assert str(through.summary()) == str(direct.summary())
