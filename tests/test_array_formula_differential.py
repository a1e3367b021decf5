"""MNLogit(y, X) against mnlogit.fit(formula, df) on random small problems.

The same numbers are given both ways: X in one of the layouts the array interface reads
(numpy orders and views, narrower dtypes, DataFrames of labels that are not text, polars,
masked and memory-mapped arrays, lists), y as one of the kinds of labels it takes, and the
formula fitted on a DataFrame of the same values. Every result must agree: a column dropped
or reordered, a label lost, or a constant column not taken for the intercept (a column of
2s, anywhere in X) would show as a difference. A constant of 2s has coefficients and
standard errors half the intercept's; everything else is the same model.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import SeparationWarning

LAYOUTS = (
    "C",
    "F",
    "slice",
    "read-only",
    "float32",
    "int64",
    "bool",
    "frame-int-names",
    "frame-tuple-names",
    "polars",
    "masked",
    "memmap",
    "list",
)
OUTCOMES = ("int", "str", "object", "categorical", "Int64", "boolean", "string[pyarrow]")


def _layout(kind: str, X: np.ndarray, folder: str) -> object:
    if kind == "C":
        return np.ascontiguousarray(X)
    if kind == "F":
        return np.asfortranarray(X)
    if kind == "slice":  # every other column of a wider array
        wide = np.zeros((X.shape[0], 2 * X.shape[1]))
        wide[:, ::2] = X
        return wide[:, ::2]
    if kind == "read-only":
        ro = X.copy()
        ro.setflags(write=False)
        return ro
    if kind in ("float32", "int64", "bool"):  # the values were drawn exact in these dtypes
        return X.astype(kind)
    if kind == "frame-int-names":
        return pd.DataFrame(X, columns=range(10, 10 + X.shape[1]))
    if kind == "frame-tuple-names":
        return pd.DataFrame(X, columns=[("x", j) for j in range(X.shape[1])])
    if kind == "polars":
        pl = pytest.importorskip("polars")
        return pl.DataFrame({f"v{j}": X[:, j] for j in range(X.shape[1])})
    if kind == "masked":
        return np.ma.masked_array(X, mask=np.zeros_like(X, dtype=bool))
    if kind == "memmap":
        path = Path(folder) / f"X{X.shape[0]}.npy"  # new data apart from the fit's
        np.save(path, X)
        return np.load(path, mmap_mode="r")
    return X.tolist()


def _outcome(kind: str, codes: np.ndarray, K: int) -> object:
    if kind == "int":
        return codes * 2 - 3
    if kind in ("str", "object", "string[pyarrow]"):
        text = np.array([f"k{k}" for k in range(K)])[codes]
        if kind == "str":
            return text
        if kind == "object":
            return text.astype(object)
        pytest.importorskip("pyarrow")
        return pd.array(text, dtype=kind)
    if kind == "categorical":  # categories neither sorted nor all used
        cats = [f"L{k}" for k in range(K)]
        return pd.Categorical(np.array(cats)[codes], categories=["none", *cats[::-1]])
    if kind == "boolean":
        return pd.array(codes.astype(bool), dtype="boolean")
    return pd.array(codes * 5, dtype="Int64")


def _close(a: object, b: object, rtol: float = 1e-5) -> None:
    np.testing.assert_allclose(
        np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=rtol, atol=1e-7
    )


@settings(derandomize=True, max_examples=4, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_arrays_and_formula_give_the_same_fit(seed):
    rng = np.random.default_rng(seed)
    layout, y_kind = str(rng.choice(LAYOUTS)), str(rng.choice(OUTCOMES))
    n, p = int(rng.integers(60, 121)), int(rng.integers(1, 4))
    K = 2 if y_kind == "boolean" else int(rng.integers(2, 5))
    constant = float(rng.choice([0.0, 1.0, 2.0]))  # 0: no constant column
    # small whole numbers, exact as float32 and int64; 0 and 1 for booleans
    Z = rng.integers(*((0, 2) if layout == "bool" else (-3, 4)), (n, p)).astype(float)
    constant = 1.0 if layout == "bool" and constant else constant
    eta = Z @ (0.3 * rng.standard_normal((p, K)))
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    codes = (P.cumsum(axis=1) / P.sum(axis=1, keepdims=True) < rng.random((n, 1))).sum(axis=1)
    codes[:K] = np.arange(K)
    y = _outcome(y_kind, codes, K)
    at = int(rng.integers(0, p + 1))  # the constant's column, anywhere in X
    X = np.insert(Z, at, constant, axis=1) if constant else Z
    groups = rng.integers(0, 12, n)
    df = pd.DataFrame({f"z{j}": Z[:, j] for j in range(p)}).assign(y=y, g=groups)
    rhs = " + ".join(df.columns[:p])
    formula = f"y ~ {rhs}" if constant else f"y ~ 0 + {rhs}"
    # rows of the formula's coefficients in X's column order
    order = list(range(1, p + 1))
    if constant:
        order.insert(at, 0)
    else:
        order = [j - 1 for j in order]
    scale = np.ones(len(order))
    if constant:
        scale[at] = constant

    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("error", SeparationWarning)
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        try:
            want = mnlogit.fit(formula, df)
        except (SeparationWarning, mnlogit.MNLogitError):
            assume(False)
        Xk = _layout(layout, X, folder)
        res = mnlogit.MNLogit(y, Xk).fit()
        new = res.predict(_layout(layout, X[:5], folder))
        robust = mnlogit.MNLogit(y, Xk).fit(cov_type="robust")
        summary = str(res.summary())
        given_groups = groups.tolist() if rng.random() < 0.5 else pd.Series(groups)
        clustered = mnlogit.MNLogit(y, Xk, groups=given_groups).fit(cov_type="cluster")
        want_c = mnlogit.fit(formula, df, groups="g", cov_type="cluster")
        del Xk  # the memory-mapped file closes with the folder

    assert list(res.params.columns) == list(want.params.columns)
    assert res.params.shape == want.params.shape
    _close(res.params.to_numpy() * scale[:, None], want.params.to_numpy()[order])
    _close(res.bse.to_numpy() * scale[:, None], want.bse.to_numpy()[order])
    want_r = mnlogit.fit(formula, df, cov_type="robust")
    _close(robust.bse.to_numpy() * scale[:, None], want_r.bse.to_numpy()[order])
    assert all(name in summary for name in res.params.index)
    _close([res.llf, res.llnull, res.df_model], [want.llf, want.llnull, want.df_model])
    assert res.null_model == want.null_model
    _close(res.pseudo_r2, want.pseudo_r2, rtol=1e-4)
    _close(res.predict(), want.predict())
    _close(new, want.predict(df.head(5)))
    names = list(res.params.index)
    slope = names[order.index(1 if constant else 0)]
    _close(res.wald_test(slope).statistic, want.wald_test("z0").statistic)
    _close(res.anova().loc[slope, "chi2"], want.anova().loc["z0", "chi2"], rtol=1e-4)
    other = res.outcomes[-1]
    _close(
        res.with_ref(other).params.to_numpy() * scale[:, None],
        want.with_ref(other).params.to_numpy()[order],
    )
    _close(clustered.bse.to_numpy() * scale[:, None], want_c.bse.to_numpy()[order])
    if len(res.outcomes) >= 3:  # a level to omit besides the reference and one other
        _close(res.iia_test(other).statistic, want.iia_test(other).statistic, rtol=1e-4)
