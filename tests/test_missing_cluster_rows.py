"""Cluster identifiers missing in some rows were refused as "(2 are)", without the column or
the rows, where the refusals of weights and of a design's PSUs name both: now the column and
the rows, by their labels, in memory and (the same message) on Dask."""

from __future__ import annotations

import numpy as np
import pytest
from test_levels_space_and_case import trial

import mnlogit
from mnlogit.exceptions import DataError


@pytest.mark.parametrize("as_array", [False, True])
def test_missing_cluster_identifiers_are_named_by_row(as_array):
    d = trial()
    d.index = d.index + 1000  # row labels, not positions
    d.loc[[1003, 1007], "clinic"] = np.nan
    groups = d["clinic"].to_numpy() if as_array else "clinic"
    with pytest.raises(DataError) as err:
        mnlogit.fit("outcome ~ age", d, cov_type="cluster", groups=groups)
    said = str(err.value)
    assert "(2 are in " in said and "rows 1003, 1007" in said, said
    assert ("column 'clinic'" in said) != as_array, said


def test_missing_cluster_identifiers_only_on_dropped_rows_are_no_error():
    d = trial()
    d.loc[d.index[:3], ["age", "clinic"]] = np.nan
    res = mnlogit.fit("outcome ~ age", d, cov_type="cluster", groups="clinic")
    assert res.nobs == len(d) - 3


def test_on_dask_the_rows_are_named_as_in_memory():
    import dask.dataframe as dd

    d = trial()
    d.index = d.index + 1000
    d.loc[[1003, 1007, 1390], "clinic"] = np.nan
    said = []
    for data in (d, dd.from_pandas(d, npartitions=3)):
        with pytest.raises(DataError) as err:
            mnlogit.fit("outcome ~ age", data, cov_type="cluster", groups="clinic")
        said.append(str(err.value))
    assert said[0] == said[1], said
    assert "(3 are in column 'clinic', rows 1003, 1007, 1390)" in said[1], said
