"""A statsmodels ``MNLogit`` analysis moved to mnlogit: the same numbers, or a refusal that
says what to write, where statsmodels' habits (a Series as X, ``pred_table()``, ``fit(disp=0)``)
meet this package. statsmodels is a test dependency (pyproject's test extras)."""

import numpy as np
import pandas as pd
import pytest

import mnlogit

sm = pytest.importorskip("statsmodels.api")


def _data(n: int = 300, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    eta = np.column_stack([np.zeros(n), 0.3 + 0.8 * x1 - 0.2 * x2, -0.2 - 0.5 * x1 + 0.4 * x2])
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = (p.cumsum(axis=1) < rng.random(n)[:, None]).sum(axis=1)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "cl": rng.integers(0, 30, n)})


def test_a_series_x_with_other_row_labels_than_y_is_refused():
    # statsmodels refuses endog and exog whose indexes differ; a Series X was paired with y
    # by position, each y with another row's x: slopes -0.121 and -0.140 for 0.855 and -0.204
    df = _data()
    y, x = df["y"], df["x1"]
    shuffled = x.sample(frac=1, random_state=0)
    with pytest.raises(ValueError, match="not aligned"):
        sm.MNLogit(y, shuffled)
    for X in (shuffled, x.set_axis(x.index + 1000)):
        with pytest.raises(mnlogit.MNLogitError, match=r"different row labels.*X = X\.loc"):
            mnlogit.MNLogit(y, X)
    with pytest.raises(mnlogit.MNLogitError, match="different row labels"):
        mnlogit.MNLogit(df[["y"]], shuffled)
    # aligned as the message says, it is statsmodels' fit of the same rows
    res = mnlogit.MNLogit(y, shuffled.loc[y.index]).fit()
    want = sm.MNLogit(y, x).fit(disp=0)
    np.testing.assert_allclose(res.params.to_numpy(), want.params.to_numpy(), rtol=1e-8)
