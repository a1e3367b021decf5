"""Outcome levels that only rows outside a survey's subpopulation have."""

from __future__ import annotations

from contextlib import nullcontext

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import LevelError


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 180
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "y": np.array(["a", "b", "c"])[rng.integers(0, 3, n)],
            "pw": rng.uniform(1, 3, n),
            "psu": np.arange(n) % 9,
        }
    )


DESIGN = mnlogit.SurveyDesign(weights="pw", psu="psu")


@pytest.mark.parametrize("categorical", [False, True])
def test_a_reference_only_rows_outside_the_subpopulation_have_is_named_so(categorical):
    # the refusal said only that 'b' is not a level, though the data's outcome has it
    df = _data()
    if categorical:
        df["y"] = pd.Categorical(df["y"])
    with pytest.raises(LevelError, match=r"'b' is the outcome only of rows outside the subpop"):
        with pytest.warns(mnlogit.RareLevelWarning) if categorical else nullcontext():
            mnlogit.fit("y ~ x", df, design=DESIGN, ref="b", subpop="y != 'b'")
    # a level that no row has at all keeps its own refusal
    with pytest.raises(LevelError) as err:
        with pytest.warns(mnlogit.RareLevelWarning) if categorical else nullcontext():
            mnlogit.fit("y ~ x", df, design=DESIGN, ref="z", subpop="y != 'b'")
    assert "outside the subpopulation" not in str(err.value)


def test_arrays_with_a_subpopulation_name_it_too():
    df = _data()
    mask = (df["y"] != "c").to_numpy()
    with pytest.raises(LevelError, match=r"'c' is the outcome only of rows outside the subpop"):
        mnlogit.MNLogit(
            df["y"],
            df[["x"]].assign(one=1.0),
            ref="c",
            design=mnlogit.SurveyDesign(weights=df["pw"], psu=df["psu"]),
            subpop=mask,
        )


@pytest.mark.parametrize("subpop", ["y != 'b'", "inside"])
def test_a_dask_fit_names_a_reference_only_rows_outside_the_subpopulation_have(subpop):
    # a dask fit said only that 'b' is not a level, where the same fit in memory says why
    dd = pytest.importorskip("dask.dataframe")
    df = _data().assign(inside=lambda d: d["y"] != "b")
    ddf = dd.from_pandas(df, npartitions=3)
    with pytest.raises(LevelError, match=r"'b' is the outcome only of rows outside the subpop"):
        mnlogit.fit("y ~ x", ddf, design=DESIGN, ref="b", subpop=subpop)
    with pytest.raises(LevelError) as err:
        mnlogit.fit("y ~ x", ddf, design=DESIGN, ref="z", subpop=subpop)
    assert "outside the subpopulation" not in str(err.value)
    # a reference the subpopulation has still fits, as in memory
    fitted = mnlogit.fit("y ~ x", ddf, design=DESIGN, ref="c", subpop=subpop)
    np.testing.assert_allclose(
        fitted.bse.to_numpy(),
        mnlogit.fit("y ~ x", df, design=DESIGN, ref="c", subpop=subpop).bse.to_numpy(),
        rtol=1e-8,
    )
