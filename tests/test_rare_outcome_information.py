"""The covariance of a fit is the inverse information at the estimates it returns, also
where one outcome has a handful of rows (tests/reference/make_rare_outcome_information.py).

The last scoring step is taken with the information of the point before it. An outcome of
3 rows in 1e5 has the information of about 3 rows, which changes relatively by about 1 per
unit of its coefficients (in the units of the linear predictor): a last step of 1e-8 there,
below the 1e-8 of a coefficient that had the information computed again, left that
outcome's standard errors 1.1e-8 (relative) from the 50-digit maximum's, the robust ones
2.2e-8, beside coefficients true to 2e-14; beside a dummy of 30 rows in 2e4, the covariance
was 1.6e-7 from the inverse information at the estimates. The step is now measured by how
far it moves the rows' linear predictors, and the information computed again where that
is more than 1e-9."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "rare_outcome_information.json").read_text())


def rows() -> pd.DataFrame:
    cells = pd.read_csv(refdata.REF_DIR / "rare_outcome_information.csv")
    return cells.loc[cells.index.repeat(cells["n"]), ["x", "y"]].reset_index(drop=True)


@pytest.mark.parametrize("cov_type", ["nonrobust", "robust"])
@pytest.mark.parametrize("engine", ["pandas", pytest.param("dask", marks=pytest.mark.slow)])
def test_a_rare_outcome_has_the_standard_errors_of_the_maximum(cov_type, engine):
    data = rows()
    if engine == "dask":  # its partitions' bounds give the columns' extents
        data = pytest.importorskip("dask.dataframe").from_pandas(data, npartitions=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        res = mnlogit.fit(REF["formula"], data, ref=REF["ref"], cov_type=cov_type)
    assert res.converged
    assert list(res.params.index) == REF["terms"]
    assert list(res.params.columns) == REF["outcomes"]
    np.testing.assert_allclose(res.params.to_numpy(), REF["params"], rtol=1e-12)
    want = REF["bse" if cov_type == "nonrobust" else "bse_robust"]
    np.testing.assert_allclose(res.bse.to_numpy(), want, rtol=1e-10)
    np.testing.assert_allclose(res.llf, float(REF["loglik"]), rtol=1e-14)


def _information(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The information of rows X at coefficients B (p, q), reference last, equation-major."""
    n, p = X.shape
    q = B.shape[1]
    eta = np.column_stack([X @ B, np.zeros(n)])
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    info = np.zeros((p * q, p * q))
    for j in range(q):
        for k in range(q):
            c = P[:, j] * ((j == k) - P[:, k])
            info[j * p : (j + 1) * p, k * p : (k + 1) * p] = (X.T * c) @ X
    return info


def test_the_covariance_is_that_of_the_returned_estimates_beside_a_rare_dummy():
    # 5 rows of outcome r, 2 of them among the 30 rows of g = 1; x heavy-tailed
    rng = np.random.default_rng(22)
    n = 20000
    g = np.zeros(n)
    g[rng.choice(n, 30, replace=False)] = 1
    x = rng.standard_t(3, size=n)
    y = np.where(rng.random(n) < 0.4, "b", "a").astype(object)
    y[np.r_[np.flatnonzero(g)[:2], rng.choice(n, 3, replace=False)]] = "r"
    df = pd.DataFrame({"x": x, "g": g, "y": y})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        res = mnlogit.fit("y ~ x + g", df, ref="a")
    assert res.converged
    X = np.column_stack([np.ones(n), x, g])
    want = np.linalg.inv(_information(X, res.params.to_numpy()))
    # the check's own rounding: about eps times the information's condition number (1.5e4);
    # 1.6e-7 before
    np.testing.assert_allclose(res.cov_params().to_numpy(), want, rtol=1e-9, atol=0)
