"""fit(..., ref=X) with X an outcome only rows outside the subpopulation have: the refusal
quotes what selected the subpopulation, as with_ref's does.

It said "outside the subpopulation (subpop=)" where ``with_ref`` says "outside the
subpopulation (stype == 'E')"; in memory and on Dask it now quotes the condition (or the
column, or says the rows were given as values).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import LevelError

DESIGN = mnlogit.SurveyDesign(weights="w")


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(1)
    n = 240
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "stype": np.tile(["E", "H", "M"], n // 3),
            "w": rng.uniform(1, 3, n),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )
    d.loc[d["stype"] != "E", "y"] = "d"  # 'd' only outside the subpopulation
    d.loc[d.index[d["stype"] != "E"][::4], "y"] = "a"
    d["flag"] = d["stype"] == "E"
    return d


def _said(subpop: str) -> str:
    return (
        f"'d' is the outcome only of rows outside the subpopulation ({subpop}), which are no "
        "part of its estimates"
    )


@pytest.mark.parametrize("subpop", ["stype == 'E'", "flag"])
def test_fit_quotes_the_subpopulation_as_with_ref_does(df, subpop):
    with pytest.raises(LevelError) as refused:
        mnlogit.fit("y ~ x", df, ref="d", design=DESIGN, subpop=subpop)
    assert _said(subpop) in str(refused.value)
    res = mnlogit.fit("y ~ x", df, design=DESIGN, subpop=subpop)
    with pytest.raises(LevelError, match=rf"outside the subpopulation \({subpop}\)"):
        res.with_ref("d")


def test_values_per_row_are_said_so(df):
    with pytest.raises(LevelError) as refused:
        mnlogit.fit("y ~ x", df, ref="d", design=DESIGN, subpop=df["flag"].to_numpy())
    assert _said("given as values") in str(refused.value)


def test_arrays_say_the_same(df):
    design = mnlogit.SurveyDesign(weights=df["w"].to_numpy())
    with pytest.raises(LevelError) as refused:
        mnlogit.MNLogit(
            df["y"].to_numpy(),
            df[["x"]].to_numpy(),
            ref="d",
            design=design,
            subpop=df["flag"].to_numpy(),
        )
    assert _said("given as values") in str(refused.value)


@pytest.mark.slow
def test_dask_quotes_the_condition(df):
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(df, npartitions=2)
    with pytest.raises(LevelError) as refused:
        mnlogit.fit("y ~ x", ddf, ref="d", design=DESIGN, subpop="stype == 'E'")
    assert _said("stype == 'E'") in str(refused.value)
