"""A dask DataFrame whose cluster, stratum or PSU column is drawn anew at every computation
(random numbers inside ``map_partitions``): the passes of its sandwich covariance are
checked to read the fit's rows with the fit's units, not only its rows' values, and refuse
other ones; a column computed the same way at every pass gives the in-memory standard
errors."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")

FORMULA = "y ~ a + g"
OPTIONS = {
    "cluster": {"cov_type": "cluster", "groups": "c"},
    "psu": {"design": mnlogit.SurveyDesign(weights="w", psu="c")},
    "strata": {"design": mnlogit.SurveyDesign(weights="w", strata="c")},
}


def _frame(n: int = 1200) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"a": rng.standard_normal(n), "g": rng.choice(["p", "q", "r"], n)})
    df["w"] = rng.integers(1, 4, n).astype(float)
    df["c"] = rng.integers(0, 30, n)
    eta = np.c_[np.zeros(n), 0.5 * df["a"], 0.4 * (df["g"] == "q")]
    df["y"] = np.argmax(eta + rng.gumbel(size=(n, 3)), axis=1)
    return df


def _redrawn(df: pd.DataFrame, n_ids: int):
    """``df`` in 4 partitions whose column c each computation draws again (seeded by a
    count of the computations, so the test is the same at every run)."""
    calls = itertools.count()

    def draw(part: pd.DataFrame) -> pd.DataFrame:
        rng = np.random.default_rng(next(calls))
        return part.assign(c=rng.integers(0, n_ids, len(part)))

    ddf = dd.from_pandas(df, npartitions=4)
    return ddf.map_partitions(draw, meta=ddf._meta)


# 1,200 ids among 1,200 rows: most are new to the first pass (strata of one row each are
# refused as lonely before any pass reads them again)
DRAWS = [(kind, 30) for kind in OPTIONS] + [("cluster", 1200), ("psu", 1200)]


@pytest.mark.parametrize(("kind", "n_ids"), DRAWS)
def test_units_drawn_at_every_pass_are_refused(kind, n_ids):
    # the passes' count, weight and X'WY saw nothing: the standard errors came from another
    # draw of the units than the one their number was counted from, and ids the first pass
    # never saw were summed as one cluster
    with dask.config.set(scheduler="synchronous"):
        res = mnlogit.fit(FORMULA, _redrawn(_frame(), n_ids), **OPTIONS[kind])
        with pytest.raises(DataError, match=r"changed between passes.*clusters, strata or PSUs"):
            res.bse  # noqa: B018


@pytest.mark.parametrize("kind", list(OPTIONS))
def test_units_computed_alike_at_every_pass_give_the_in_memory_fit(kind):
    df = _frame()
    ddf = dd.from_pandas(df, npartitions=4)
    computed = ddf.map_partitions(lambda p: p.assign(c=p["c"] * 7 % 30), meta=ddf._meta)
    res = mnlogit.fit(FORMULA, computed, **OPTIONS[kind])
    mem = mnlogit.fit(FORMULA, computed.compute(), **OPTIONS[kind])
    np.testing.assert_allclose(res.params, mem.params, rtol=0, atol=1e-8)
    np.testing.assert_allclose(res.bse, mem.bse, rtol=0, atol=1e-8)
