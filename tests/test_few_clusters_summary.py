"""A cluster-robust summary says that its z statistics lean on many clusters whether or not
its header's Wald test of every slope could be computed.

With fewer clusters than the slopes tested (less one), the header's test has no statistic;
the summary then dropped the note that the z column, referred to the normal, is asymptotic
in the number of clusters: the fewer the clusters, the less it said.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mnlogit

F = "mode ~ np.log(distance) + parking + region"


@pytest.mark.parametrize("clusters", [10, 20])
def test_the_z_column_of_a_few_clusters_fit_is_said_to_lean_on_many(clusters: int) -> None:
    df = mnlogit.datasets.load("travel").dropna().iloc[:400].copy()
    df["g"] = np.arange(len(df)) % clusters
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit(F, df, ref="car", cov_type="cluster", groups="g")
    # 12 slopes: 9 clusters less one cannot test them, 19 can
    assert np.isnan(res.wald_test_slopes().statistic) == (clusters == 10)
    notes = " ".join(res.summary().notes)
    assert f"With {clusters} clusters" in notes
    assert "z statistics and intervals, referred to the normal, are asymptotic" in notes


def test_many_clusters_need_no_such_note() -> None:
    df = mnlogit.datasets.load("travel").dropna().iloc[:400].copy()
    df["g"] = np.arange(len(df)) % 60
    res = mnlogit.fit(F, df, ref="car", cov_type="cluster", groups="g")
    assert "asymptotic in the number of clusters" not in " ".join(res.summary().notes)
