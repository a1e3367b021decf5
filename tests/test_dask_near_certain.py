"""An outcome of nearly all the weight (frequency weights of 1e14 on its rows beside ones):
the intercept-only model's log-likelihood and the sums at the start, which a dask fit reads
from X'WY without a pass, against their exact values and the in-memory fit."""

import math
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from test_near_certain_rows import _data

import mnlogit
from mnlogit._fisher import LOGLIK
from mnlogit._null import equal_rows_stats, null_loglik, null_start

dd = pytest.importorskip("dask.dataframe")


def _heavy(weight: float) -> pd.DataFrame:
    df = _data()
    return df.assign(w=np.where(df["y"] == "c", weight, 1.0))


def _exact_null(counts: np.ndarray) -> float:
    """sum_k n_k log(n_k / N), each log(n_k / N) as -log1p of the others' exact sum over n_k."""
    total = sum(Fraction(c) for c in counts)
    return sum(c * -math.log1p(float((total - Fraction(c)) / Fraction(c))) for c in counts)


@pytest.mark.parametrize("weight", [1e10, 1e14, 1e16])
def test_the_null_log_likelihood_of_a_dominant_outcome_has_no_cancellation(weight):
    # log(n_k) - log(N) of 36.47 less 36.47, times n_k = 6.9e15: 16 off at 1e14
    counts = np.array([64.0, 67.0, 69 * weight])
    assert null_loglik(counts) == pytest.approx(_exact_null(counts), rel=1e-13)


@pytest.mark.parametrize("ref", [0, 2])
def test_the_start_log_likelihood_read_from_x_wy_has_no_cancellation(ref):
    counts = np.array([64.0, 67.0, 6.9e15])
    order = [k for k in range(3) if k != ref] + [ref]  # core order: the reference last
    core = counts[order]
    B = null_start(core, 1, 0)
    got = equal_rows_stats(B, core[None, :], 0, LOGLIK)
    assert got is not None
    assert got.loglik == pytest.approx(_exact_null(counts), rel=1e-13)


@pytest.mark.slow
@pytest.mark.parametrize("weight", [1e10, 1e14])
def test_a_dask_fit_starts_where_the_in_memory_fit_does(weight):
    df = _heavy(weight)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        want = mnlogit.fit("y ~ x + z", df, weights="w")
        got = mnlogit.fit("y ~ x + z", dd.from_pandas(df, npartitions=3), weights="w")
    counts = df.groupby("y")["w"].sum().to_numpy()
    assert want.llnull == pytest.approx(_exact_null(counts), rel=1e-13)
    assert got.llnull == pytest.approx(want.llnull, rel=1e-13)
    assert got.n_iter == want.n_iter
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-8)
    assert got.llf == pytest.approx(want.llf, rel=1e-12)
