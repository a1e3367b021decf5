"""A subpopulation given as a function (pandas' ``df.loc[lambda df: ...]`` habit)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

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
