"""Columns held in Arrow types (``pd.read_parquet(..., dtype_backend="pyarrow")``, a polars
frame) that Python code in the formula computes with: pyarrow has no kernel for some of
numpy's operations, so ``C(k % 3)`` failed with "mod not implemented", ``I(x * (g ==
'a'))`` with "operation 'mul' not supported for dtype 'double[pyarrow]' with dtype 'bool'",
and ``I(f * x)`` of Arrow booleans likewise, in the fit and in new data for a model fitted
on numpy's columns, where the same values predicted. They are computed with as numpy's
(pandas' nullable integers where some are missing); the probabilities are checked against
numpy's softmax of the fitted coefficients at a design built by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit

FORMULA = "y ~ C(k % 3) + I(x * (g == 'a')) + I(f * w)"


def _data(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(
        {
            "k": rng.integers(0, 40, n),
            "x": rng.normal(0, 1, n),
            "w": rng.uniform(0, 2, n),
            "g": rng.choice(["a", "b"], n),
            "f": rng.random(n) < 0.5,
        }
    )
    eta = np.c_[
        np.zeros(n),
        0.5 * (data["k"] % 3 == 1) + data["x"] * (data["g"] == "a"),
        -0.4 * (data["k"] % 3 == 2) + 0.8 * data["f"] * data["w"],
    ]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    data["y"] = np.array(["p", "q", "r"])[[rng.choice(3, p=row) for row in p]]
    return data


def _arrow(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(
        {
            "k": "int64[pyarrow]",
            "x": "double[pyarrow]",
            "w": "double[pyarrow]",
            "g": "string[pyarrow]",
            "f": "bool[pyarrow]",
        }
    )


def _by_hand(res, new: pd.DataFrame) -> np.ndarray:
    k = new["k"].to_numpy(np.float64) % 3
    a = (new["g"].astype(object) == "a").to_numpy(np.float64)
    X = np.c_[
        np.ones(len(new)),
        k == 1,
        k == 2,
        new["x"].to_numpy(np.float64) * a,
        new["f"].to_numpy(np.float64) * new["w"].to_numpy(np.float64),
    ]
    eta = np.c_[np.zeros(len(new)), X @ res.params.to_numpy()]
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


@pytest.fixture(scope="module")
def fits():
    data = _data(400, 3)
    return mnlogit.fit(FORMULA, data), data


def test_a_fit_on_arrow_columns_is_the_fit_on_numpys(fits):
    res, data = fits
    arrow = mnlogit.fit(FORMULA, _arrow(data))
    assert list(arrow.params.index) == list(res.params.index)
    assert arrow.llf == pytest.approx(res.llf, rel=1e-13)
    np.testing.assert_allclose(arrow.params.to_numpy(), res.params.to_numpy(), rtol=1e-9)


def test_new_arrow_columns_predict_as_numpys(fits):
    res, _ = fits
    new = _data(6, 4).drop(columns="y")
    order = [res.ref, *res.params.columns]
    expected = _by_hand(res, new)
    for given in (new, _arrow(new)):
        before = given.copy()
        got = res.predict(given)[order].to_numpy()
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-14)
        pd.testing.assert_frame_equal(given, before)


def test_a_missing_arrow_value_predicts_nan_for_its_row_alone(fits):
    res, _ = fits
    new = _arrow(_data(4, 5).drop(columns="y"))
    new["k"] = pd.array([3, None, 7, 9], dtype="int64[pyarrow]")
    with pytest.warns(mnlogit.MNLogitWarning, match="missing or infinite value"):
        got = res.predict(new)
    assert got.iloc[1].isna().all()
    order = [res.ref, *res.params.columns]
    kept = new.drop(index=1)
    np.testing.assert_allclose(
        got.drop(index=1)[order].to_numpy(),
        _by_hand(res, kept.assign(k=kept["k"].astype("int64"))),
        rtol=1e-12,
        atol=1e-14,
    )
