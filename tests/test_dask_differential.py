"""Seeded differential checks: every output of a Dask fit against the same fit in memory.

Formulas (text factors and Categoricals, interactions, stateless transforms, no intercept),
frequency weights, robust and cluster covariances, ``ref=``, rows dropped for missing values
and K from 2 to 5 are crossed over partitionings that leave factor and outcome levels out of
most partitions and hold an empty partition. Only the order of the sums differs, so only
rounding may: 1e-9 relative for the estimates and their covariance (Newton's steps on the
same sums; the tests in test_dask.py see 1e-10), test statistics and likelihoods alike, and
probabilities 1e-10 absolute. Data that are separated are left out: there the Dask fit
reports the screen of the sums it keeps, which the exact check in memory may extend.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import NotInMemoryError

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

RTOL = 1e-9


def _data(seed: int, K: int, n: int = 240, missing: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = rng.choice(list("abc"), n)
    h = rng.choice(["u", "v", "w"], n)
    x1, x2 = rng.normal(size=n), rng.uniform(0.5, 3.0, n)
    k = np.arange(K)
    eta = np.outer(0.4 * x1 - 0.3 * (g == "b"), k) + np.outer(0.2 * (h == "v"), k > 0)
    prob = np.exp(eta - eta.max(axis=1, keepdims=True))
    prob /= prob.sum(axis=1, keepdims=True)
    y = (prob.cumsum(axis=1) > rng.uniform(size=(n, 1))).argmax(axis=1)
    df = pd.DataFrame(
        {
            "y": np.array([f"L{k}" for k in range(K)], dtype=object)[y],
            "x1": x1,
            "x2": x2,
            "g": pd.Series(g, dtype=object),
            "h": pd.Categorical(h, categories=["w", "u", "v"]),
            "w": rng.integers(1, 4, n),
            "cl": rng.integers(0, 15, n),
        }
    )
    if missing:
        df.loc[rng.choice(n, 10, replace=False), "x1"] = np.nan
        df.loc[rng.choice(n, 6, replace=False), "g"] = None
        df.loc[rng.choice(n, 5, replace=False), "y"] = None
    return df


def _partitionings(df: pd.DataFrame) -> dict[str, dd.DataFrame]:
    by_level = df.sort_values(["g", "y"], na_position="last").reset_index(drop=True)
    parts = [df.iloc[:3], df.iloc[3:100], df.iloc[:0], df.iloc[100:101], df.iloc[101:]]
    return {
        # most partitions hold one level of g and of y, some none of either
        "by-level": dd.from_pandas(by_level, npartitions=6, sort=False),
        "uneven-empty": dd.from_delayed(
            [dask.delayed(p) for p in parts], meta=df.iloc[:0], verify_meta=False
        ),
    }


CASES = [
    # formula, K, options, missing, wald term
    ("y ~ x1 * g", 3, {"weights": "w"}, True, "x1:g"),
    ("y ~ np.log(x2) + h + I(x1**2)", 4, {"cov_type": "robust", "ref": "L2"}, False, "h"),
    ("y ~ 0 + g + x1", 2, {"cov_type": "cluster", "groups": "cl"}, True, "x1"),
    ("y ~ C(g, Treatment('c')) + x1:h", 5, {"weights": "w", "cov_type": "robust"}, False, "x1:h"),
]


def _close(got, want, rtol=RTOL, atol=0.0):
    if isinstance(want, pd.DataFrame | pd.Series):
        assert list(got.index) == list(want.index)
        if isinstance(want, pd.DataFrame):
            assert list(got.columns) == list(want.columns)
        got, want = got.to_numpy(dtype=float), want.to_numpy(dtype=float)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol)


def _outputs(res, newdata: pd.DataFrame, term: str, other: str) -> dict:
    """What a Dask fit offers (those needing every row in memory excepted), as numbers."""
    new = dd.from_pandas(newdata, npartitions=2)
    out = {
        "params": res.params,
        "bse": res.bse,
        "pvalues": res.pvalues,
        "cov_params": res.cov_params(),
        "conf_int": res.conf_int(alpha=0.1),
        "odds_ratios": res.odds_ratios(),
        "to_frame": res.to_frame().drop(columns="diverged"),
        "pseudo_r2": res.pseudo_r2,
        "fit": [res.llf, res.llnull, res.aic, res.bic, res.deviance],
        "counts": [res.nobs, res.n_dropped, res.df_model, res.df_resid],
        "wald": [res.wald_test(term).statistic, res.wald_test_slopes().statistic],
        "predict": res.predict(newdata),
        # a dask frame's rows are predicted by partition, as the refusal of one advises
        "predict_dask": new.map_partitions(res.predict, meta=res.predict(new.head())).compute(),
        "link": res.predict(newdata, kind="link"),
        "intervals": res.prediction_intervals(newdata),
        "with_ref": res.with_ref(other).params,
        "with_ref_bse": res.with_ref(other).bse,
    }
    if res.cov_type == "nonrobust":  # a likelihood-ratio test needs the likelihood's own
        out["lr"] = [res.lr_test().statistic]
    if "Intercept" in res.params.index:  # anova of a design without one refits in memory
        out["anova"] = res.anova()[["chi2", "df", "pvalue"]]
    return out


@pytest.mark.parametrize(("formula", "K", "options", "missing", "term"), CASES)
def test_every_output_of_a_dask_fit_is_the_in_memory_one(formula, K, options, missing, term):
    df = _data(sum(map(ord, formula)), K, missing=missing)
    newdata = df.dropna().head(12)
    with dask.config.set(scheduler="synchronous"), warnings.catch_warnings():
        warnings.simplefilter("error")  # none is due: no separation, no rare level
        want = mnlogit.fit(formula, df, **options)
        assert want.separation is None and want.converged
        expected = _outputs(want, newdata, term, "L1")
        for ddf in _partitionings(df).values():
            got = mnlogit.fit(formula, ddf, **options)
            assert got.outcomes == want.outcomes and got.ref == want.ref
            assert str(got.summary()) == str(want.summary())
            outputs = _outputs(got, newdata, term, "L1")
            assert outputs.keys() == expected.keys()
            for name, value in outputs.items():
                probabilities = name in ("predict", "predict_dask", "intervals")
                _close(value, expected[name], atol=1e-10 if probabilities else 0.0)
            for needs_rows in (got.marginal_effects, got.margins, got.predict):
                with pytest.raises(NotInMemoryError, match="in-memory data"):
                    needs_rows()
