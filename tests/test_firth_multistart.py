"""Firth fits start from several points and keep the highest maximum of the penalised
likelihood, which can have several under separation; against brglm2::brmultinom.

Before, on the quasi-separated glass data (214 rows, 6 types, 10 columns) the fit started
only from the intercept-only solution, stopped at a local maximum with penalised
log-likelihood -168.084, 1.806 below brglm2's stationary point (-166.278), and reported
converged. References: tests/reference/make_firth_multistart.R -> firth_multistart.json.
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _firth, _fisher, _linalg
from mnlogit._progress import Progress
from mnlogit.model import MNLogit

REF = Path(__file__).parent / "reference"
GLASS = "Type ~ RI + Na + Mg + Al + Si + K + Ca + Ba + Fe"


def brglm2(case: str) -> dict:
    return json.loads((REF / "firth_multistart.json").read_text())[case]


@pytest.fixture(scope="module")
def glass():
    return pd.read_csv(REF / "glass.csv")


@pytest.fixture(scope="module")
def glass_firth(glass):
    return mnlogit.fit(GLASS, glass, method="firth")


def _penalised(data, B):
    s = data.evaluator(threads=1)(B, 2)
    c = _linalg.cholesky(s.info)
    return s.loglik + float(np.log(np.diag(c)).sum()), s


@pytest.mark.slow
def test_a_single_start_stops_at_a_lower_local_maximum(glass):
    data = MNLogit.from_formula(GLASS, glass)._data
    assert data.equilibrated()[0] is data  # columns in ordinary units: the fit runs on them
    evaluate = data.evaluator(threads=1)
    single = _firth._firth_scoring(data, evaluate, 100, 1e-10, Progress(False))
    assert single.converged  # what the single start reported
    assert brglm2("glass")["penalised_loglik"] - single.penalized_loglik > 1.8


@pytest.mark.slow
def test_brglm2s_point_is_a_stationary_point_of_the_penalised_likelihood(glass):
    """brglm2 reports converged = FALSE on glass (its test is on the absolute adjusted score
    of coefficients in the thousands) but stops at a point where the adjusted score is zero."""
    data = MNLogit.from_formula(GLASS, glass)._data
    ref = brglm2("glass")
    assert ref["converged"] is False
    B = np.asarray(ref["coef_matrix"]).T
    pen, s = _penalised(data, B)
    np.testing.assert_allclose(pen, ref["penalised_loglik"], rtol=1e-9)
    V = np.linalg.inv(s.info)
    U = _linalg.flat(s.score + _firth.score_adjustment(data, B, V))
    assert U @ V @ U < 1e-10


@pytest.mark.slow
def test_multistart_recovers_the_higher_maximum(glass_firth):
    res, ref = glass_firth, brglm2("glass")
    assert res.converged and not res.diverged
    np.testing.assert_allclose(res.penalized_llf, ref["penalised_loglik"], rtol=1e-6)
    assert res.penalized_llf >= ref["penalised_loglik"] - 1e-6
    assert len(res.penalized_maxima) >= 2
    assert res.penalized_maxima[0] == res.penalized_llf
    assert any(abs(m + 168.0841) < 1e-3 for m in res.penalized_maxima)  # the single start's
    text = " ".join(str(res.summary()).split())
    assert "distinct local maxima" in text and "-168.0841" in text
    # the summary's LR chi2 is twice the difference of the two penalised values it prints
    lr = res.lr_test()
    assert "Penalised null log-lik." in text
    np.testing.assert_allclose(
        lr.statistic, 2 * (res.penalized_llf - lr.details["null"]), rtol=1e-12
    )


@pytest.mark.slow
def test_glass_fit_is_brglm2s_up_to_the_flat_direction(glass_firth):
    """The maximum is flat along the separating direction (coefficients in the thousands),
    where brglm2 stopped without converging: the penalised values agree to 1e-9 relative and
    the fitted probabilities to 1e-4. Single coefficients move along the flat direction (by
    up to 5e-3 relative, a different amount with each BLAS), so the coefficients are compared
    in the information's metric: their difference d has d'Id, its squared length in standard
    errors, below 1e-6 (measured: 8e-8)."""
    ref = brglm2("glass")
    assert list(map(str, glass_firth.params.columns)) == ref["rownames"]
    B = np.asarray(ref["coef_matrix"]).T
    np.testing.assert_allclose(glass_firth.penalized_llf, ref["penalised_loglik"], rtol=1e-9)
    data = glass_firth._data
    P = _fisher.probabilities(data.X, glass_firth._core.B)
    np.testing.assert_allclose(P, _fisher.probabilities(data.X, B), atol=1e-4)
    _, s = _penalised(data, glass_firth._core.B)
    d = _linalg.flat(glass_firth._core.B - B)
    assert d @ s.info @ d < 1e-6
    # the coefficients the results show are those B
    np.testing.assert_array_equal(glass_firth.params.to_numpy(), glass_firth._core.B)


@pytest.mark.parametrize("case", ["quasi_a", "quasi_b"])
def test_quasi_separated_fit_agrees_with_brglm2(case):
    ref = brglm2(case)
    assert ref["converged"] is True
    df = pd.read_csv(REF / "firth_quasi.csv", index_col=0)
    res = mnlogit.fit("y ~ x + dummy", df, ref=ref["ref"], method="firth")
    assert res.converged
    assert list(res.params.columns) == ref["rownames"]
    assert (
        list(res.params.index)
        == ["Intercept", "x", "dummy"]
        == ["Intercept" if c == "(Intercept)" else c for c in ref["colnames"]]
    )
    np.testing.assert_allclose(res.params.to_numpy(), np.asarray(ref["coef_matrix"]).T, 1e-6)
    np.testing.assert_allclose(res.cov_params().to_numpy(), np.asarray(ref["vcov"]), rtol=1e-6)
    np.testing.assert_allclose(res.llf, ref["loglik"], rtol=1e-9)
    np.testing.assert_allclose(res.penalized_llf, ref["penalised_loglik"], rtol=1e-9)
    assert res.penalized_maxima == (res.penalized_llf,)
    assert "local maxima" not in str(res.summary())


def test_maximum_likelihood_fits_have_no_maxima():
    res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    assert res.penalized_maxima == ()


@pytest.mark.parametrize("scale", [1e-310, 1e-300, 1e300])
def test_the_ridge_start_weighs_against_sampling_weights_of_mean_one(scale):
    # the ridge start's C weighed the penalty against the weights in their given units:
    # sampling weights of 1e-310 made its strength 1/C overflow, and the Firth fit was refused
    # ("C=1.0 times the weights' scale 9.92e-311 is so small ...", a C never given)
    rng = np.random.default_rng(50)
    n = 120
    df = pd.DataFrame({"a": rng.normal(size=n), "b": rng.normal(size=n)})
    df["y"] = (df.a + rng.normal(size=n) > 0).astype(int) + (df.b > 0.5)
    w = rng.random(n) + 0.5
    options = {"weights": "w", "method": "firth", "weight_type": "probability"}
    given = mnlogit.fit("y ~ a + b", df.assign(w=w), **options)
    scaled = mnlogit.fit("y ~ a + b", df.assign(w=w * scale), **options)
    np.testing.assert_allclose(scaled.params, given.params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(scaled.bse, given.bse, rtol=1e-9, atol=1e-12)
