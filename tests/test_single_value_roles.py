"""A single value given as the weights or the clusters: the refusal's advice works. It said
to repeat the value for every row with np.full(n, value) whatever the value, which is refused
in turn for the clusters (one cluster has no cluster-robust covariance) and for weights that
are missing, infinite, 0, negative, booleans or not numbers (weights=True or pd.NA for no
weights)."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(2)
    n = 40
    return pd.DataFrame({"x": rng.normal(size=n), "y": rng.choice(list("abc"), n)})


@pytest.mark.parametrize("value", [np.nan, pd.NA, np.inf, 0, -1, True, False])
@pytest.mark.parametrize("through", ["fit", "MNLogit"])
def test_weights_that_np_full_would_not_make_say_how_to_give_none(data, value, through):
    with pytest.raises(DataError) as info:
        if through == "fit":
            mnlogit.fit("y ~ x", data, ref="a", weights=value)
        else:
            mnlogit.MNLogit(data["y"], data[["x"]], weights=value)
    message = str(info.value)
    assert "np.full" not in message and "weights=None" in message
    # the advice works
    mnlogit.fit("y ~ x", data, ref="a", weights=None)


def test_a_positive_number_keeps_the_advice_to_repeat_it(data):
    with pytest.raises(DataError, match=r"np\.full\(40, 3\)") as info:
        mnlogit.fit("y ~ x", data, ref="a", weights=3)
    assert "weights=None" not in str(info.value)
    repeated = mnlogit.fit("y ~ x", data, ref="a", weights=np.full(40, 3))
    assert repeated.nobs == 120


@pytest.mark.parametrize("value", [1, 7.5, np.nan, True])
def test_a_single_cluster_is_refused_saying_to_give_each_row_its_own(data, value):
    with pytest.raises(DataError) as info:
        mnlogit.fit("y ~ x", data, ref="a", cov_type="cluster", groups=value)
    message = str(info.value)
    assert "np.full" not in message and "give each row its cluster" in message
    with pytest.raises(DataError, match="at least 2 clusters"):  # what np.full gave
        mnlogit.fit("y ~ x", data, ref="a", cov_type="cluster", groups=np.full(40, 1))
