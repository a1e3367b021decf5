"""Python code in a formula reads a Categorical predictor as the user passed it.

The categories no row uses were dropped before the formula's code ran, so ``I(g.cat.codes)``
numbered the categories without them: with categories a, b, c, d and no row at b, the user's
codes 0, 2, 3 were fitted as 0, 1, 2, another model with nothing said. R's ``as.integer(g)``
reads the factor as given (model.frame drops unused levels afterwards, for the factor's own
encoding); the fit now agrees with VGAM::vglm's (tests/reference/unused_category_codes.R),
while ``g`` itself still has no column for b.
"""

import json
import pathlib

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

import mnlogit

REF = json.loads(
    (pathlib.Path(__file__).parent / "reference" / "unused_category_codes.json").read_text()
)
MODELS = sorted(REF["models"])


def _data() -> pd.DataFrame:
    d = REF["data"]
    g = pd.Categorical(d["g"], categories=REF["levels"])
    return pd.DataFrame({"y": d["y"], "g": g, "x": np.asarray(d["x"], dtype=float)})


@pytest.mark.parametrize("model", MODELS)
def test_code_of_a_category_agrees_with_r(model):
    ref = REF["models"][model]
    data = _data()
    res = mnlogit.fit(ref["formula"], data, ref="u")
    assert list(res.params.index) == ref["terms"]
    ours = res.params[ref["outcomes"]].to_numpy().T.ravel()
    np.testing.assert_allclose(ours, ref["params"], rtol=1e-6, atol=1e-8)
    bse = res.bse[ref["outcomes"]].to_numpy().T.ravel()
    np.testing.assert_allclose(bse, ref["bse"], rtol=1e-5)
    assert res.llf == pytest.approx(ref["llf"], abs=1e-8)
    assert res.llf == pytest.approx(ref["llf_nnet"], abs=1e-6)
    assert list(data["g"].cat.categories) == REF["levels"]  # the user's data unchanged


@pytest.mark.parametrize("model", MODELS)
def test_new_data_read_as_the_fit_read_them(model):
    ref = REF["models"][model]
    data = _data()
    res = mnlogit.fit(ref["formula"], data, ref="u")
    fitted = res.predict()
    # the same rows given with the unused category last, or without it: read by their values
    later = data.assign(g=data["g"].cat.reorder_categories(["a", "c", "d", "b"]))
    fewer = data.assign(g=data["g"].cat.remove_unused_categories())
    for new in (data, later, fewer):
        np.testing.assert_allclose(res.predict(newdata=new), fitted, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("model", MODELS)
def test_dask_fit_reads_the_codes_as_in_memory(model):
    ref = REF["models"][model]
    data = _data()
    res = mnlogit.fit(ref["formula"], data, ref="u")
    lazy = mnlogit.fit(ref["formula"], dd.from_pandas(data, npartitions=3), ref="u")
    np.testing.assert_allclose(lazy.params, res.params, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(lazy.predict(newdata=data), res.predict(), rtol=1e-8, atol=1e-12)
