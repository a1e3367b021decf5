"""New data whose Categorical column holds other categories than the fitted rows used (one
no row used, fewer, in another order), read by the formula's code (``I(g.cat.codes)``):
its codes are read as the fit read them, so predictions of the fitted rows are the fitted
probabilities, in memory and on dask alike."""

import numpy as np
import pandas as pd
import pytest

import mnlogit

FORMULA = "y ~ x + I(g.cat.codes)"


def _frame(n=150, seed=3):
    """Rows whose ``g`` has the category 'z', which no row uses, before 'p' and 'r'."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "g": pd.Categorical(rng.choice(["q", "p", "r"], n), categories=["q", "z", "p", "r"]),
        }
    )


def _reordered(rows):
    """The same rows, ``g`` holding only the categories they use, in reverse order."""
    text = rows["g"].astype(str)
    return rows.assign(g=pd.Categorical(text, categories=sorted(set(text), reverse=True)))


def test_the_fitted_rows_predict_their_fitted_probabilities():
    # the fit read the codes without 'z' (p = 1), new data with it (p = 2): the fitted
    # rows given as newdata predicted probabilities 0.064 away from the fitted ones
    df = _frame()
    res = mnlogit.fit(FORMULA, df)
    np.testing.assert_allclose(res.predict(df), res.predict(), rtol=1e-12, atol=1e-15)


def test_rows_holding_other_categories_predict_as_the_fitted_rows():
    # a few rows whose categories are those they use, reversed: 0.135 away
    df = _frame()
    res = mnlogit.fit(FORMULA, df)
    few = _reordered(df.iloc[:7])
    np.testing.assert_allclose(res.predict(few), res.predict()[:7], rtol=1e-12, atol=1e-15)


def test_a_dask_fit_predicts_new_data_as_the_in_memory_fit():
    dd = pytest.importorskip("dask.dataframe")
    df = _frame()
    in_memory = mnlogit.fit(FORMULA, df)
    on_dask = mnlogit.fit(FORMULA, dd.from_pandas(df, npartitions=3))
    for rows in (df, _reordered(df.iloc[:7])):
        expected = in_memory.predict(rows)
        np.testing.assert_allclose(on_dask.predict(rows), expected, rtol=1e-9, atol=1e-12)
