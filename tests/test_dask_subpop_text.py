"""A subpopulation column that dask's from_pandas made text: refused saying so, and fitted
as in memory once made booleans as the refusal says."""

import numpy as np
import pytest
from test_parallel import _data

import mnlogit
from mnlogit.exceptions import InputTypeError

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
