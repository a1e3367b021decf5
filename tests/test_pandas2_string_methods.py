"""pandas 2 is supported (pyproject's floor, and the only pandas Python 3.10 installs): a
cluster-robust fit read its clusters with ``Series.str.isascii``, which pandas 3 added, so on
pandas 2 the README's ``cov_type="cluster", groups="household"`` failed with
"'StringMethods' object has no attribute 'isascii'"."""

import warnings

import pandas as pd
import pytest

import mnlogit
from mnlogit._alike import clusters_alike


@pytest.fixture
def pandas2_strings(monkeypatch):
    """pandas' string methods as pandas 2 has them: without isascii."""
    accessor = type(pd.Series(["a"]).str)
    if hasattr(accessor, "isascii"):
        monkeypatch.delattr(accessor, "isascii")


def test_a_cluster_robust_fit_runs_with_pandas_2s_string_methods(pandas2_strings):
    travel = mnlogit.datasets.load("travel").dropna()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        res = mnlogit.fit(
            "mode ~ np.log(distance) + income",
            travel.assign(household=travel["household"].astype(str)),
            ref="car",
            cov_type="cluster",
            groups="household",
        )
    assert res.bse.notna().all().all()


def test_clusters_alike_are_still_told_with_pandas_2s_string_methods(pandas2_strings):
    # white space around a text, and a text beyond ASCII in two Unicode forms
    assert clusters_alike([" A", "A", "B"]) == "clusters ' A', 'A' differ only by white space"
    said = clusters_alike(["B", "\u00c5", "A\u030a"])
    assert said.endswith("differ only by white space, invisible characters or Unicode form")
    assert clusters_alike(["1", "2", "10"]) == ""
