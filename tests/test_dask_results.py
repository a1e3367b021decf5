"""Dask fits as they are used afterwards: their summaries, tests and tables beside the same
fit's in memory."""

import re

import numpy as np
import pytest
from test_parallel import _data

import mnlogit

pytestmark = pytest.mark.slow

dd = pytest.importorskip("dask.dataframe")

FORMULA = "y ~ x + z + C(g)"


@pytest.mark.parametrize("options", [{}, {"penalty": "l2", "C": 0.5}], ids=["ml", "l2"])
def test_the_summary_counts_rows_of_weight_zero_on_dask_as_in_memory(options):
    # the dask summary left out the 'Rows of weight zero' line the in-memory one shows
    df = _data(n=300).assign(w=np.random.default_rng(1).integers(0, 4, 300))
    in_memory = mnlogit.fit(FORMULA, df, weights="w", **options)
    on_dask = mnlogit.fit(FORMULA, dd.from_pandas(df, npartitions=3), weights="w", **options)
    assert str(on_dask.summary()) == str(in_memory.summary())
    assert re.search(rf"Rows of weight zero +{(df['w'] == 0).sum()} ", str(on_dask.summary()))
