"""The advice given for new data in a dask DataFrame, followed as given."""

import re
import warnings

import pandas as pd
import pytest
from test_parallel import _data

import mnlogit
from mnlogit.exceptions import InputTypeError

pytestmark = pytest.mark.slow  # starts Dask schedulers

dd = pytest.importorskip("dask.dataframe")


def test_prediction_intervals_of_a_dask_frame_are_advised_by_their_own_method():
    # the refusal of res.prediction_intervals(ddf) said to map res.predict over the
    # partitions, which gives no intervals
    df = _data(n=300)
    ddf = dd.from_pandas(df, npartitions=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + z + g", ddf)
    new = dd.from_pandas(df.iloc[:40], npartitions=2)
    with pytest.raises(InputTypeError) as err:
        res.prediction_intervals(new)
    assert re.search(r"res\.prediction_intervals in both places", str(err.value))
    intervals = res.prediction_intervals
    got = new.map_partitions(intervals, meta=intervals(new.head())).compute()
    pd.testing.assert_frame_equal(got, intervals(df.iloc[:40]))
