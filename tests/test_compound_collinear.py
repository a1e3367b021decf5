"""Standard errors of a design whose near dependency builds up over several columns.

``y ~ year + I(year**2 - 4e6)`` (year 1990..2020) has each column's residual on the ones
before it above 1e-3 (4.6e-3 and 1.8e-3), so the fit ran in the columns' own basis, but the
unit-scaled X'X has a condition number of 5.6e10: its standard errors were 7.4e-6 off
(relative) with no warning, where ``y ~ year + I(year**2)``, whose quadratic alone has a
residual of 1.8e-5, ran on an orthogonal basis and was exact. Now the basis is orthogonal
whenever X'X is that ill conditioned, and the standard errors agree with VGAM::vglm's (IRLS
on a QR of the design, tests/reference/compound_collinear.R) to 1e-10.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit

REF = pathlib.Path(__file__).parent / "reference"


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "compound_collinear.csv")


@pytest.fixture(scope="module")
def vglm():
    return json.loads((REF / "compound_collinear.json").read_text())


def test_standard_errors_agree_with_vglm(data, vglm):
    res = mnlogit.fit(vglm["formula"], data, ref="a")
    assert list(res.params.index) == vglm["terms"]
    # outcome by outcome, as the JSON stores them; VGAM's own estimates are good to ~1e-9
    np.testing.assert_allclose(res.params.to_numpy().T.ravel(), vglm["params"], rtol=1e-8)
    np.testing.assert_allclose(res.bse.to_numpy().T.ravel(), vglm["bse"], rtol=1e-9)
    assert res.llf == pytest.approx(vglm["llf"], abs=1e-8)
    assert res.llf == pytest.approx(vglm["llf_t"], abs=1e-8)


@pytest.fixture(scope="module")
def plain(data):
    return mnlogit.fit("y ~ year + I(year**2)", data, ref="a")


@settings(max_examples=12, deadline=None)
@given(shift=st.floats(0.0, 4.1e6))
def test_shifting_a_column_beside_the_intercept_leaves_its_standard_errors(data, plain, shift):
    # only the intercept's coefficient and standard error depend on the shift
    res = mnlogit.fit(f"y ~ year + I(year**2 - {shift!r})", data, ref="a")
    np.testing.assert_allclose(res.bse.iloc[1:], plain.bse.iloc[1:], rtol=1e-9)
    np.testing.assert_allclose(res.params.iloc[1:], plain.params.iloc[1:], rtol=1e-9)


def test_a_dask_fit_agrees_with_vglm_too(data, vglm):
    dd = pytest.importorskip("dask.dataframe")
    res = mnlogit.fit(vglm["formula"], dd.from_pandas(data, npartitions=3), ref="a")
    np.testing.assert_allclose(res.bse.to_numpy().T.ravel(), vglm["bse"], rtol=1e-9)
