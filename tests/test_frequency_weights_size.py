"""Frequency weights count observations, so the refusal of more design columns than the data
can estimate counts them, as it counts the rows repeated. It counted rows: five rows of weight 2
(ten observations, 6 coefficients) were refused as "more parameters ... than rows (5)" while the
ten rows repeated fitted, to a maximum-likelihood estimate that exists (no separation). The
refusal now counts columns, not coefficients (tests/test_columns_not_coefficients.py), and the
five rows fit unweighted too; their weighted and repeated fits still agree."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError

# one row of each outcome between two of the reference: a line that favours B, C or D at its
# row cannot be below 0 at both ends, so nothing is separated and the estimates exist
FIVE = pd.DataFrame({"y": ["A", "B", "C", "D", "A"], "x": [0.0, 1.0, 2.0, 3.0, 4.0]})


def _fit(data, *args, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mnlogit.fit("y ~ x", data, *args, ref="A", **options)


@pytest.fixture(scope="module")
def repeated():
    res = _fit(pd.concat([FIVE, FIVE], ignore_index=True))
    assert res.converged and res.separation is None
    return res


@pytest.mark.parametrize(
    "weights",
    [
        pytest.param(lambda d: {"weights": "w"}, id="column"),
        pytest.param(lambda d: {"weights": np.full(len(d), 2.0)}, id="array"),
        pytest.param(lambda d: {"weights": pd.Series(2.0, index=d.index)}, id="series"),
    ],
)
def test_weights_of_two_fit_as_the_rows_twice(repeated, weights):
    data = FIVE.assign(w=2.0)
    res = _fit(data, **weights(data))
    assert res.converged and res.separation is None
    assert res.nobs == 10
    np.testing.assert_allclose(res.params, repeated.params, rtol=0, atol=1e-8)
    np.testing.assert_allclose(res.bse, repeated.bse, rtol=1e-8)
    assert res.llf == pytest.approx(repeated.llf, rel=1e-12)


def test_the_array_interface_and_the_check_count_them_too(repeated):
    X = np.column_stack([np.ones(5), FIVE["x"].to_numpy()])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.MNLogit(FIVE["y"].to_numpy(), X, ref="A", weights=np.full(5, 2.0)).fit()
        sep = mnlogit.check_separation("y ~ x", FIVE.assign(w=2.0), ref="A", weights="w")
    np.testing.assert_allclose(res.params.to_numpy(), repeated.params.to_numpy(), atol=1e-8)
    assert sep is None


def test_dask_counts_them_too(repeated):
    dd = pytest.importorskip("dask.dataframe")
    res = _fit(dd.from_pandas(FIVE.assign(w=2.0), npartitions=2), weights="w")
    np.testing.assert_allclose(res.params.to_numpy(), repeated.params.to_numpy(), atol=1e-8)


def test_too_few_observations_are_refused_naming_them():
    two = FIVE.iloc[:2].assign(z=[1.0, 5.0], w=1.0)
    with pytest.raises(DataError, match=r"\(at least 3\) than observations \(2: the frequency"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mnlogit.fit("y ~ x + z", two, ref="A", weights="w")
    # rows of weight 0 are no observations: 1 + 1 + 0 = 2 for 3 columns
    X = np.column_stack([np.ones(3), FIVE["x"].to_numpy()[:3], [1.0, 5.0, 2.0]])
    w = np.array([1.0, 1.0, 0.0])
    with pytest.raises(DataError, match=r"columns \(3\) than observations \(2: the frequency"):
        mnlogit.MNLogit(np.array(list("ABA")), X, ref="A", weights=w)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(8, 11),
)
def test_frequency_weights_and_the_rows_repeated_agree(seed, n):
    # 3 columns x 3 equations = 9 coefficients: n rows may be fewer, and are fitted all the same
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(
        {
            "y": np.array(list("ABCD"))[np.r_[0:4, rng.integers(0, 4, n - 4)]],
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "w": rng.integers(1, 4, n).astype(float),
        }
    )
    repeated = data.loc[data.index.repeat(data["w"].astype(int))].reset_index(drop=True)

    def outcome(frame, **options):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return mnlogit.fit("y ~ x + z", frame, ref="A", **options)
            except DataError as exc:
                return str(exc)

    weighted, rows = outcome(data, weights="w"), outcome(repeated)
    if isinstance(rows, str):
        assert isinstance(weighted, str)
        return
    assert not isinstance(weighted, str), weighted
    assert (weighted.separation is None) == (rows.separation is None)
    if rows.separation is None:
        np.testing.assert_allclose(weighted.params, rows.params, rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(weighted.bse, rows.bse, rtol=1e-6)
    else:
        assert weighted.diverging.equals(rows.diverging)
