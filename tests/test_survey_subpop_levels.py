"""Outcome levels that only rows outside a survey's subpopulation have."""

from __future__ import annotations

import warnings

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
    # (the category 'b', which rows outside the subpopulation have, is no unused one: no
    # warning says to remove it)
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.RareLevelWarning)
        with pytest.raises(LevelError, match=r"'b' is the outcome only of rows outside the "):
            mnlogit.fit("y ~ x", df, design=DESIGN, ref="b", subpop="y != 'b'")
        # a level that no row has at all keeps its own refusal
        with pytest.raises(LevelError) as err:
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


@pytest.mark.parametrize("engine", ["pandas", pytest.param("dask", marks=pytest.mark.slow)])
def test_a_category_only_rows_outside_the_subpopulation_have_is_not_called_unused(engine):
    # warned of as a category with "no rows (among those used)", to be removed with
    # .cat.remove_unused_categories(), which keeps it (rows outside the subpopulation have
    # it), so the warning stayed whatever the user did; a plain column's level so placed
    # is left out without a warning
    data = _data()
    data["y"] = pd.Categorical(data["y"], ["a", "b", "c", "zz"])
    data["inside"] = data["y"] != "c"
    if engine == "dask":
        dd = pytest.importorskip("dask.dataframe")
        given = dd.from_pandas(data, npartitions=2)
        cleaned = dd.from_pandas(data.assign(y=data["y"].cat.remove_unused_categories()), 2)
    else:
        given, cleaned = data, data.assign(y=data["y"].cat.remove_unused_categories())
    with pytest.warns(mnlogit.RareLevelWarning) as caught:
        res = mnlogit.fit("y ~ x", given, design=DESIGN, subpop="inside")
    assert res.outcomes == ("a", "b")
    said = [str(w.message) for w in caught if issubclass(w.category, mnlogit.RareLevelWarning)]
    assert len(said) == 1 and "the category 'zz' of the Categorical has no rows" in said[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.RareLevelWarning)
        again = mnlogit.fit("y ~ x", cleaned, design=DESIGN, subpop="inside")
    np.testing.assert_allclose(again.params.to_numpy(), res.params.to_numpy(), rtol=1e-10)
