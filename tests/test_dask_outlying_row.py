"""One row far out along a column (x of 1e10 or 1e12 beside values in [0, 1]) on dask, which
fits in the columns' own units: steps of 1e-12 along x, short there, are 0.07 in units of
the column's root mean square (7e10), and the fit stopped there, converged, 42
log-likelihood units below the maximum the in-memory fit reaches (R's, without that row:
tests/reference/make_outlying_row.R)."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

pytestmark = pytest.mark.slow

dd = pytest.importorskip("dask.dataframe")

REF = json.loads((refdata.REF_DIR / "outlying_row.json").read_text())
DATA = pd.read_csv(refdata.REF_DIR / "outlying_row.csv")


@pytest.mark.parametrize("size", [1e8, 1e10, 1e12])
@pytest.mark.parametrize("parts", [3])
def test_a_dask_fit_reaches_the_maximum_the_in_memory_fit_does(size, parts):
    d = DATA.copy()
    d.loc[0, "x"] = size
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = mnlogit.fit("y ~ x", dd.from_pandas(d, npartitions=parts), ref="a")
        want = mnlogit.fit("y ~ x", d, ref="a")
    assert got.converged
    assert got.llf == pytest.approx(REF["ml"]["loglik"], rel=1e-10)
    np.testing.assert_allclose(got.params.to_numpy().T, REF["ml"]["params"], rtol=1e-6)
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-6)
