"""A subpopulation column that dask's from_pandas made text: refused saying so, and fitted
as in memory once made booleans as the refusal says."""

import numpy as np
import pandas as pd
import pytest
from test_parallel import _data

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


def test_python_booleans_dask_stored_as_text_are_refused_saying_where_the_text_comes_from():
    # the same column fits in memory; on dask the refusal was 'must be True/False for each
    # row; got dtype str', where the column the user made holds True and False
    n = 600
    df = _data(n=n).assign(w=np.arange(n) % 3 + 1.0, cl=np.arange(n) % 20)
    df["sub"] = (df["x"] > 0).astype(object)
    design = mnlogit.SurveyDesign(weights="w", psu="cl")
    want = mnlogit.fit("y ~ z + g", df, design=design, subpop="sub")
    with dask.config.set({"dataframe.convert-string": True}):
        ddf = dd.from_pandas(df, npartitions=3)
    with pytest.raises(InputTypeError) as err:
        mnlogit.fit("y ~ z + g", ddf, design=design, subpop="sub")
    text = str(err.value)
    assert "must be True/False for each row" in text and "'dataframe.convert-string'" in text
    assert "ddf['sub'] = ddf['sub'] == 'True'" in text
    ddf["sub"] = ddf["sub"] == "True"
    got = mnlogit.fit("y ~ z + g", ddf, design=design, subpop="sub")
    np.testing.assert_allclose(got.params, want.params, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    ("condition", "column", "value"),
    [("(flag == True) | (z > 1)", "flag", "True"), ("k.isin([1, 2]) | (z > 1)", "k", "1")],
)
def test_a_condition_comparing_text_dask_made_with_objects_is_refused(condition, column, value):
    # the comparison was False on every row, so the subpopulation was silently the rows
    # with z > 1 alone: 80 rows where the same condition selects 335 in memory
    n = 600
    df = _data(n=n).assign(w=np.arange(n) % 3 + 1.0, cl=np.arange(n) % 20)
    df["flag"] = (df["x"] > 0).astype(object)
    df["k"] = pd.Series(np.arange(n) % 3, dtype=object)
    design = mnlogit.SurveyDesign(weights="w", psu="cl")
    in_memory = mnlogit.fit("y ~ z + g", df, design=design, subpop=condition)
    assert in_memory.nobs > 200
    with dask.config.set({"dataframe.convert-string": True}):
        ddf = dd.from_pandas(df, npartitions=3)
    with pytest.raises(DataError) as err:
        mnlogit.fit("y ~ z + g", ddf, design=design, subpop=condition)
    text = str(err.value)
    assert f"compares column {column!r}, which holds text" in text
    assert f"write the value as the column holds it ({value!r})" in text
    assert "'dataframe.convert-string'" in text


@pytest.mark.parametrize(
    ("condition", "holds"),
    [
        ("s == 1", "text"),
        ("s != 1", "text"),
        ("c in [1, 2]", "text"),
        ("x == '1'", "numbers"),
        ("n.isin(['1'])", "numbers"),
    ],
)
def test_a_comparison_no_row_can_meet_is_refused_in_memory(condition, holds):
    df = _data(n=300).assign(w=1.0, cl=np.arange(300) % 10)
    df["s"] = pd.Series(np.arange(300) % 3, dtype=int).astype(str)
    df["c"] = df["g"].astype("category")
    df["n"] = pd.Categorical(np.arange(300) % 3)  # compared by its categories, numbers
    with pytest.raises(DataError, match=f"which holds {holds}"):
        mnlogit.fit(
            "y ~ z", df, design=mnlogit.SurveyDesign(weights="w", psu="cl"), subpop=condition
        )
    # the value written as the column holds it is read
    fitted = mnlogit.fit(
        "y ~ z", df, design=mnlogit.SurveyDesign(weights="w", psu="cl"), subpop="s == '1'"
    )
    assert fitted.nobs == 100
