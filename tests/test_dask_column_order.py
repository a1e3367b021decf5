"""Partitions made apart whose columns come in another order than the DataFrame's metadata:
read by name, as ``ddf.compute()`` stacks them."""

import numpy as np
import pytest
from test_parallel import _data

import mnlogit

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


@pytest.mark.parametrize(
    "options",
    [
        {"cov_type": "cluster", "groups": "cl"},
        {"design": mnlogit.SurveyDesign(weights="w", psu="cl"), "subpop": "s > 0"},
    ],
    ids=["cluster", "survey"],
)
def test_partitions_holding_the_columns_in_another_order_fit_as_in_memory(options):
    # mnlogit's own map over the partitions checked each against the metadata, which
    # refused the data dask itself computes ('Order of columns does not match'), saying
    # that files had changed
    n = 600
    df = _data(n=n).assign(cl=np.arange(n) % 24, w=np.arange(n) % 3 + 1.0, s=np.cos(np.arange(n)))
    columns = list(df.columns)
    frames = [df.iloc[:200], df.iloc[200:400][columns[::-1]], df.iloc[400:][sorted(columns)]]
    ddf = dd.from_delayed([dask.delayed(f) for f in frames], meta=df.iloc[:0], verify_meta=False)
    got = mnlogit.fit("y ~ x + z + g", ddf, **options)
    want = mnlogit.fit("y ~ x + z + g", ddf.compute(), **options)
    np.testing.assert_allclose(got.params, want.params, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got.anova()["chi2"], want.anova()["chi2"], rtol=1e-8)
