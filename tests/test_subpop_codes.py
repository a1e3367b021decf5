"""A subpopulation given as codes (0/1/2, 'yes'/'no') rather than True/False: the refusal
quoted only the dtype ("got dtype int64", though a column of 0 and 1 of that dtype is taken),
not the value at fault, and gave no way forward; it now quotes the value and its rows and
gives the condition to write, which fits."""

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

FORMULA = "y ~ x"


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 240
    d = pd.DataFrame(
        {
            "st": np.repeat(["A", "B", "C"], n // 3),
            "psu": np.repeat(np.arange(24), n // 24),
            "w": rng.uniform(1.0, 4.0, n),
            "x": rng.normal(size=n),
        }
    )
    d["y"] = np.where(rng.uniform(size=n) < 1 / (1 + np.exp(-d["x"])), "b", "a")
    d["code"] = np.where(np.arange(n) % 3 == 0, 0, 2)  # 2 = "in", as a survey's codebook has it
    d["answer"] = np.where(d["code"] != 0, "yes", "no")
    return d


DESIGN = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")


def _advice(message: str) -> str:
    return re.search(r'subpop="([^"]+)"', message).group(1)


@pytest.mark.parametrize(("column", "value"), [("code", "2"), ("answer", "'no'")])
def test_a_column_of_codes_is_refused_quoting_a_value_and_the_condition_to_write(column, value):
    d = _data()
    want = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=d["code"] != 0)
    with pytest.raises(InputTypeError) as err:
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=column)
    message = str(err.value)
    assert f"({value} in rows " in message
    condition = _advice(message.replace('"code == 1", or subpop=', ""))
    got = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=condition)
    # the text's advice names the first value refused ('no'): its complement is the same fit
    # of the other rows; the numbers' is Stata's nonzero reading
    if column == "code":
        np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-12)
    else:
        assert condition == "answer == 'no'"
        assert got.nobs == int((d["answer"] == "no").sum())


def test_codes_given_as_values_are_refused_with_the_comparison_to_pass():
    d = _data()
    with pytest.raises(InputTypeError, match=r"\(2 in rows .*values != 0 for every nonzero"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=d["code"].to_numpy())


def test_a_column_of_zeros_and_ones_is_still_taken():
    d = _data()
    want = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=d["code"] != 0)
    got = mnlogit.fit(
        FORMULA, d.assign(one=(d["code"] != 0).astype(int)), ref="a", design=DESIGN, subpop="one"
    )
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-12)


@pytest.mark.slow
def test_on_dask_codes_stored_as_text_are_given_a_condition_that_fits():
    dd = pytest.importorskip("dask.dataframe")
    d = _data()
    want = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=d["answer"] == "yes")
    ddf = dd.from_pandas(d.assign(answer=d["answer"].astype("string")), npartitions=3)
    with pytest.raises(InputTypeError) as err:
        mnlogit.fit(FORMULA, ddf, ref="a", design=DESIGN, subpop="answer")
    condition = _advice(str(err.value))
    assert condition == "answer == 'yes'"
    got = mnlogit.fit(FORMULA, ddf, ref="a", design=DESIGN, subpop=condition)
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-10)


@pytest.mark.parametrize("column", ["code", "answer"])
def test_the_rows_the_refusal_lists_hold_the_value_it_quotes(column):
    # a column of 'yes' and 'no' was refused as "('no' in rows 0, 1, 2, 3, 4, ... (240 in
    # all))": every row of text listed and counted, the 'yes' rows among them
    d = _data()
    with pytest.raises(InputTypeError) as err:
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=column)
    said = re.search(r"\((\S+) in rows ([\d, ]+), \.\.\. \((\d+) in all\)\)", str(err.value))
    assert said, str(err.value)
    value = d[column].iloc[int(said.group(2).split(", ")[0])]
    assert said.group(1) == repr(value.item() if isinstance(value, np.generic) else value)
    rows = [int(r) for r in said.group(2).split(", ")]
    assert (d[column].iloc[rows] == value).all()
    assert int(said.group(3)) == int((d[column] == value).sum())
