"""A Categorical predictor's categories that no row used holds are named in the summary.

They get no dummy column (as VGAM's vglm and Stata's factor variables treat them; nnet's
multinom keeps a column of zeros and reports 0 for it), so they have no coefficient, and new
data holding them are refused. The summary said nothing of it: a table without the level
read as if the level had been fitted into the baseline.
"""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import LevelError, RareLevelWarning


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 120
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.standard_normal(n),
            "g": pd.Categorical(rng.choice(["u", "v"], n), categories=["u", "v", "w"]),
        }
    )


@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ x + C(g)", "y ~ x:g"])
def test_unused_category_named(formula: str) -> None:
    res = mnlogit.fit(formula, _data())
    said = [note for note in res.summary().notes if "'w'" in note]
    assert said == [
        "Category 'w' of the Categorical column 'g' has no rows among those used: it has no "
        "coefficient, and new data holding it are refused."
    ]
    assert not any("w]" in name for name in res.params.index)
    new = _data().head(2)
    new.loc[new.index[0], "g"] = "w"
    with pytest.raises(LevelError, match="'w'"):
        res.predict(new)


def test_category_lost_to_missing_values_named() -> None:
    df = _data()
    df["g"] = pd.Categorical(np.where(np.arange(len(df)) % 5 == 0, "w", df["g"].astype(str)))
    df.loc[df["g"] == "w", "x"] = np.nan
    with pytest.warns(RareLevelWarning, match="level 'w'"):  # as before, at the fit
        notes = mnlogit.fit("y ~ x + g", df).summary().notes
    assert "category 'w' of the categorical column 'g'" in " ".join(notes).lower()


def test_several_named_and_none_when_all_used() -> None:
    df = _data()
    picks = np.random.default_rng(4).choice(["u", "v"], len(df))
    df["h"] = pd.Categorical(picks, categories=["v", "u", "s", "t"])
    notes = mnlogit.fit("y ~ g + h", df).summary().notes
    assert (
        "Categories of Categorical columns without rows among those used have no coefficient, "
        "and new data holding them are refused: 'g' ('w'), 'h' ('s', 't')."
    ) in notes
    df["g"] = df["g"].cat.remove_unused_categories()
    assert not mnlogit.fit("y ~ x + g", df).summary().notes


def test_categorical_read_only_by_python_code_not_named() -> None:
    # I(g.cat.codes) reads the categories as given: no category is left out of a dummy
    assert not mnlogit.fit("y ~ x + I(g.cat.codes)", _data()).summary().notes


@pytest.mark.slow  # a Dask fit
@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ x:g + h"])
def test_a_dask_fit_names_them_as_in_memory(formula: str) -> None:
    # a fit on partitions had the categories' absence in its coefficients but no note
    dd = pytest.importorskip("dask.dataframe")
    df = _data()
    df["h"] = pd.Categorical(np.where(df["x"] > 0, "s", "t"), categories=["t", "r", "s"])
    df.loc[df.index[::7], "x"] = np.nan  # rows dropped: a used category among them stays
    in_memory = mnlogit.fit(formula, df).summary().notes
    on_partitions = mnlogit.fit(formula, dd.from_pandas(df, npartitions=3)).summary().notes
    unused = [note for note in on_partitions if "without rows" in note or "no rows" in note]
    assert len(unused) == 1 and "'w'" in unused[0]
    assert ("'r'" in unused[0]) is ("h" in formula)
    assert unused == [note for note in in_memory if note in unused]
