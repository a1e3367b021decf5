"""A subpopulation given as a function (pandas' ``df.loc[lambda df: ...]`` habit), or on a dask
DataFrame as anything but a column name or a condition."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError

DATA = pd.read_csv(Path(__file__).parent / "reference" / "apistrat.csv")
DESIGN = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum")


def test_a_function_says_to_pass_its_result_or_the_condition_as_text():
    # the refusal said only "got a single function", not that nothing calls it
    with pytest.raises(DataError, match=r"a function is not called; pass its result \(subpop=f"):
        mnlogit.fit("awards ~ meals", DATA, design=DESIGN, subpop=lambda df: df.meals > 50)
    # what it says to write is taken
    via_result = mnlogit.fit("awards ~ meals", DATA, design=DESIGN, subpop=DATA.meals > 50)
    via_text = mnlogit.fit("awards ~ meals", DATA, design=DESIGN, subpop="meals > 50")
    pd.testing.assert_frame_equal(via_result.bse, via_text.bse)


def test_dask_says_a_condition_as_text_is_taken_and_it_is():
    # the refusal said only to give a column's name, though conditions are read too
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(DATA, npartitions=3)
    for subpop in (lambda df: df.meals > 50, ddf.meals > 50):
        with pytest.raises(InputTypeError, match=r"or a condition on the columns as text"):
            mnlogit.fit("awards ~ meals", ddf, design=DESIGN, subpop=subpop)
    res = mnlogit.fit("awards ~ meals", ddf, design=DESIGN, subpop="meals > 50")
    in_memory = mnlogit.fit("awards ~ meals", DATA, design=DESIGN, subpop="meals > 50")
    pd.testing.assert_frame_equal(res.bse, in_memory.bse, rtol=1e-10)
