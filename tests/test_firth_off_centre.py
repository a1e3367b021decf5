"""Firth's estimates do not depend on where a column is centred (the penalised likelihood is
invariant under X -> X T): beside x + 1e4 they converged 2e-5 (1e-4 standard errors) from
those on x, reporting convergence, and beside x + 1e5 stopped at max_iter. They are now
polished on an orthogonal basis of the columns."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def rows():
    rng = np.random.default_rng(5)
    n = 300
    x, z = rng.standard_normal(n), rng.standard_normal(n)
    eta = np.c_[np.zeros(n), 0.8 * x, -0.5 * x + 0.3 * z]
    y = np.argmax(eta + rng.gumbel(size=(n, 3)), axis=1)
    w = rng.integers(1, 4, n)
    g = rng.choice(list("abc"), n)
    return pd.DataFrame({"y": y, "x": x, "z": z, "w": w, "g": g})


@pytest.fixture(scope="module", params=[False, True], ids=["unweighted", "frequency-weights"])
def centred_fit(request, rows):
    weights = "w" if request.param else None
    return weights, mnlogit.fit("y ~ x + z", rows, method="firth", weights=weights)


@pytest.mark.filterwarnings("ignore::mnlogit.CollinearityWarning")  # x + 1e5, at model building
@pytest.mark.parametrize("shift", [1e2, 1e4, 1e5])
def test_firth_estimates_do_not_depend_on_a_columns_origin(rows, centred_fit, shift):
    weights, base = centred_fit
    far = mnlogit.fit("y ~ x + z", rows.assign(x=rows.x + shift), method="firth", weights=weights)
    assert far.converged and base.converged
    slopes = ["x", "z"]
    se = base.bse.loc[slopes].to_numpy()
    gap = (far.params.loc[slopes].to_numpy() - base.params.loc[slopes].to_numpy()) / se
    assert np.abs(gap).max() < 1e-8  # was 1.2e-4 at 1e4 (and not converged at 1e5)
    np.testing.assert_allclose(far.bse.loc[slopes], base.bse.loc[slopes], rtol=1e-8)
    # the intercepts take up the shift: b0 - shift * b_x
    moved = base.params.loc["Intercept"] - shift * base.params.loc["x"]
    np.testing.assert_allclose(far.params.loc["Intercept"], moved, rtol=1e-9)
    assert far.penalized_llf == pytest.approx(base.penalized_llf, rel=1e-10)
    assert far.llf == pytest.approx(base.llf, rel=1e-10)


def test_a_well_conditioned_design_is_not_refitted(rows, monkeypatch):
    from mnlogit import _methods

    def refuse(*args, **kwargs):
        raise AssertionError("polished a well-conditioned design")

    monkeypatch.setattr(_methods, "firth_from", refuse)
    assert mnlogit.fit("y ~ x + z + g", rows.assign(x=rows.x + 3.0), method="firth").converged


@pytest.mark.filterwarnings("ignore::mnlogit.CollinearityWarning")
@pytest.mark.parametrize(
    "formula",
    [
        "y ~ x * g + z",  # x's interactions lie far from zero beside the dummies
        "y ~ 0 + x + z + g",  # no intercept column: the dummies carry the constant
    ],
)
@pytest.mark.parametrize("shift", [1e4, 1e5])
def test_firth_slopes_do_not_depend_on_the_origin_in_other_designs(rows, formula, shift):
    base = mnlogit.fit(formula, rows, method="firth")
    far = mnlogit.fit(formula, rows.assign(x=rows.x + shift), method="firth")
    assert far.converged and base.converged  # x * g at 1e4 stopped at max_iter
    slopes = [t for t in base.params.index if t.startswith("x") or t == "z"]
    assert slopes
    if formula.startswith("y ~ x * g"):  # the main effect of g moves with x's origin
        slopes = [t for t in slopes if t != "g"]
    se = base.bse.loc[slopes].to_numpy()
    gap = (far.params.loc[slopes].to_numpy() - base.params.loc[slopes].to_numpy()) / se
    assert np.abs(gap).max() < 1e-8  # was 5e-4 (x:g at 1e5, reported converged)
    np.testing.assert_allclose(far.bse.loc[slopes], base.bse.loc[slopes], rtol=1e-8)
    assert far.penalized_llf == pytest.approx(base.penalized_llf, rel=1e-10)


@pytest.mark.filterwarnings("ignore::mnlogit.CollinearityWarning")
def test_firths_penalised_lr_tests_do_not_depend_on_a_columns_origin():
    # the restricted fits are polished in their span: at x + 1e6 the factor's statistic was
    # 3.7e-4 (relative) from its value on x
    rng = np.random.default_rng(1)
    n = 2000
    x, z, g = rng.normal(size=n), 2 * rng.normal(size=n), rng.choice(list("abc"), n)
    eta = np.column_stack(
        [np.zeros(n)] + [k * 0.7 * x - 0.3 * k * z + (g == "b") * 0.5 for k in (1, 2)]
    )
    y = np.argmax(eta + rng.gumbel(size=(n, 3)), axis=1)
    df = pd.DataFrame({"y": y, "x": x, "z": z, "g": g})
    base = mnlogit.fit("y ~ x + z + g", df, method="firth")
    far = mnlogit.fit("y ~ x + z + g", df.assign(x=df.x + 1e6), method="firth")
    np.testing.assert_allclose(far.anova()["chi2"], base.anova()["chi2"], rtol=1e-8)
    assert far.lr_test().statistic == pytest.approx(base.lr_test().statistic, rel=1e-8)


@pytest.mark.parametrize("max_iter", [1, 4, 7])
def test_the_polish_counts_against_max_iter(rows, max_iter):
    # the polish on the orthogonal basis was given max_iter afresh: max_iter=4 reported
    # n_iter=8, converged, and max_iter=1 n_iter=2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.ConvergenceWarning)
        res = mnlogit.fit(
            "y ~ x + z", rows.assign(x=rows.x + 1e4), method="firth", max_iter=max_iter
        )
    assert res.n_iter <= max_iter
