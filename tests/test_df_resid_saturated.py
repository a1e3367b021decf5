"""``df_resid`` of a model with more coefficients than observations: nobs less the
coefficients was handed out negative (5 rows, 6 coefficients: -1.0, as statsmodels gives
it), a count of degrees of freedom no fit has. It is NaN, and reading it warns why."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InferenceWarning

DATA = pd.DataFrame({"y": list("abcab"), "x": [0.1, 0.5, -0.3, 1.2, 0.7], "z": [1, 2, 3, 1, 2.5]})


@pytest.fixture(scope="module")
def wide():
    # Firth: finite estimates on five rows; 3 columns x 2 equations = 6 coefficients
    return mnlogit.fit("y ~ x + z", DATA, method="firth")


def test_more_coefficients_than_observations_give_nan_with_the_reason(wide):
    assert wide.n_params == 6 and wide.nobs == 5
    with pytest.warns(InferenceWarning, match="6 coefficients, more than its 5 obs") as caught:
        assert np.isnan(wide.df_resid)
    assert "-1" in str(caught[0].message)


def test_as_many_coefficients_as_observations_give_zero():
    # three rows of frequency weight 2: six observations for six coefficients
    rows = DATA.iloc[:3].assign(w=[2, 2, 2], z=[1.0, 2.0, 4.0])
    res = mnlogit.fit("y ~ x + z", rows, weights="w", method="firth")
    assert res.nobs == 6 and res.n_params == 6
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        assert res.df_resid == 0.0


def test_an_ordinary_fit_is_unchanged():
    res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        assert res.df_resid == res.nobs - res.n_params == 3046.0


def test_the_package_reads_nothing_from_it_silently(wide):
    # the summary and the tidy table do not read df_resid: no warning of it from them
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        str(wide.summary())
    assert not [w for w in caught if "df_resid" in str(w.message)]
