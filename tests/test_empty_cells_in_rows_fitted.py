"""An interaction's cell that only rows the fit does not count hold (rows outside a survey's
subpopulation, rows of weight 0) is refused as empty in the rows fitted, with the advice that
ends the refusals: leave the interaction out, or fit the cells as one factor. The refusal said
the levels "never occur together" in the data, which hold them together outside the
subpopulation, and for rows of weight 0 advised dropping them, or giving the rows of positive
sampling weight as the subpopulation, which led to that refusal of the same columns."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import RankError

ADVICE = "Leave the interaction out, or fit the cells that occur as one factor"


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 600
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": rng.choice(list("abc"), n),
            "h": rng.choice(list("uv"), n),
            "pw": rng.uniform(1, 3, n),
            "psu": rng.integers(0, 20, n),
            "st": rng.integers(0, 2, n),
            "w": rng.integers(1, 3, n),
            "y": rng.choice(["A", "B", "C"], n),
            "age": rng.integers(20, 60, n),
        }
    )
    # the cell g = c, h = v occurs only outside the subpopulation age >= 20
    d.loc[(d.g == "c") & (d.h == "v"), "age"] = 10
    return d


DESIGN = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")


def _frame(d: pd.DataFrame, engine: str):
    if engine == "dask":
        return pytest.importorskip("dask.dataframe").from_pandas(d, npartitions=2)
    return d


@pytest.mark.parametrize("engine", ["pandas", "dask"])
@pytest.mark.parametrize("formula", ["y ~ x + g*h", "y ~ x + g:h"])
def test_a_cell_only_outside_the_subpopulation_is_said_to_be_empty_in_it(engine, formula):
    d = _data()
    with pytest.raises(RankError) as err:
        mnlogit.fit(formula, _frame(d, engine), ref="A", design=DESIGN, subpop="age >= 20")
    said = str(err.value)
    assert "'g[T.c]:h[" in said
    assert "in the subpopulation (age >= 20)" in said
    assert "the rows outside it" in said
    assert ADVICE in said
    # no advice that leaves rows out, which cannot fill the cell
    assert 'subpop="pw > 0"' not in said
    assert "drop those rows" not in said


def test_a_cell_of_sampling_weight_0_gets_no_advice_that_leads_to_another_refusal():
    d = _data()
    d.loc[(d.g == "c") & (d.h == "v"), "pw"] = 0.0
    with pytest.raises(RankError) as first:
        mnlogit.fit("y ~ x + g*h", d, ref="A", design=DESIGN)
    said = str(first.value)
    assert "'g[T.c]:h[T.v]' are 0 on every row of positive weight" in said
    assert "the rows of weight 0" in said
    assert ADVICE in said
    assert 'subpop="pw > 0"' not in said
    # what the refusal advised before, followed, is refused for the same columns
    with pytest.raises(RankError, match=r"'g\[T\.c\]:h\[T\.v\]'"):
        mnlogit.fit("y ~ x + g*h", d, ref="A", design=DESIGN, subpop="pw > 0")


def test_a_cell_of_frequency_weight_0_is_said_to_be_empty_in_the_rows_counted():
    d = _data()
    d.loc[(d.g == "c") & (d.h == "v"), "w"] = 0
    with pytest.raises(RankError) as err:
        mnlogit.fit("y ~ x + g*h", d, ref="A", weights="w")
    said = str(err.value)
    assert "'g[T.c]:h[T.v]' are 0 on every row of positive weight" in said
    assert ADVICE in said
    assert "drop those rows" not in said


def test_a_cell_empty_in_every_row_keeps_its_refusal():
    d = _data()
    d = d[~((d.g == "c") & (d.h == "v"))]
    with pytest.raises(RankError) as err:
        mnlogit.fit("y ~ x + g*h", d, ref="A", design=DESIGN)
    said = str(err.value)
    assert "are 0 on every row: interactions of levels (or values) that never occur" in said
    assert "subpopulation" not in said


@pytest.mark.parametrize("engine", ["pandas", "dask"])
def test_a_cell_only_in_rows_dropped_for_missing_values_says_they_were_dropped(engine):
    d = _data()
    cell = (d.g == "c") & (d.h == "v")
    d.loc[cell, "x"] = np.nan
    with pytest.raises(RankError) as err:
        mnlogit.fit("y ~ x + g*h", _frame(d, engine), ref="A")
    said = str(err.value)
    assert "'g[T.c]:h[T.v]' are 0 on every row used" in said
    assert f"the {int(cell.sum())} rows dropped for missing values" in said
    assert ADVICE in said


def test_a_cell_only_in_one_row_dropped_says_what_that_row_holds():
    # was "(whatever the 1 row dropped for missing values hold)"
    d = _data()
    cell = (d.g == "c") & (d.h == "v")
    d = d[~cell | (cell.cumsum() == 1)].copy()  # the cell in one row, which misses x
    d.loc[cell[cell].index[0], "x"] = np.nan
    with pytest.raises(RankError) as err:
        mnlogit.fit("y ~ x + g*h", d, ref="A")
    said = str(err.value)
    assert "'g[T.c]:h[T.v]' are 0 on every row used" in said
    assert "(whatever the 1 row dropped for missing values holds)" in said
    assert err.value.rows_dropped_said == "the 1 row dropped for missing values"
