"""New data holding the fitted values in other pandas dtypes predict the same numbers through
every stored transform: factors as text, as a Categorical of other categories in another order
(some of them no fitted level, the baseline absent), as ``string[pyarrow]``; codes of ``C(k)``
as ``Int64`` or floats; booleans as ``boolean``; numbers as ``Float64`` or
``double[pyarrow]``; the columns in another order. Probabilities, classes, log-odds and
prediction intervals are checked on formulas whose encoding is learned in fitting (``scale``,
``bs``, ``poly``, ``center``, ``C(..., levels=...)``, ``Treatment``, ``Sum``, interactions).
A missing value of a nullable dtype (``pd.NA``) predicts NaN for its row alone.
(tests/test_arrow_dtypes.py holds plain columns in pyarrow dtypes, tests/test_new_data_kinds.py
the values of another kind that are refused.)
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit

# each formula with the columns it reads
FORMULAS = {
    "y ~ scale(x) * C(g, Sum) + C(k, Treatment(3))": {"x", "g", "k"},
    "y ~ bs(x, df=3) + gc + b * z": {"x", "gc", "b", "z"},
    "y ~ center(xi) + C(g, levels=['c', 'b', 'a']) * z": {"xi", "g", "z"},
    "y ~ gc * b + poly(z, 2)": {"gc", "b", "z"},
    "y ~ C(k):gc + np.log(np.abs(x) + 1) + C(xi > 0)": {"k", "gc", "x", "xi"},
}


def simulate(seed: int = 3, n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "g": rng.choice(["a", "b", "c"], n),
            "k": rng.integers(1, 4, n),
        }
    )
    d["b"] = d["x"] > 0.3
    d["gc"] = pd.Categorical(d["g"], categories=["c", "a", "b"])
    d["xi"] = (d["z"] * 10).round().astype("Int64")
    eta = np.column_stack(
        [np.zeros(n), 0.5 + 0.8 * d["x"] - 0.4 * (d["g"] == "b"), -0.3 + 0.5 * d["z"]]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["lo", "mid", "hi"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


DATA = simulate()
NEW = DATA.sample(12, random_state=1)
NEW_NO_B = DATA[DATA["g"] != "b"].sample(8, random_state=2)


def _text(s: pd.Series) -> pd.Series:
    return s.astype(str)


OTHER_DTYPES = {
    "factors as text": lambda d: d.assign(g=_text(d["g"]).astype(object), gc=_text(d["gc"])),
    "Categoricals of other categories": lambda d: d.assign(
        g=pd.Categorical(_text(d["g"]), categories=["z", "c", "b", "a"]),
        gc=pd.Categorical(_text(d["gc"]), categories=["b", "q", "a", "c"], ordered=True),
    ),
    "string[pyarrow]": lambda d: d.assign(
        g=_text(d["g"]).astype("string[pyarrow]"), gc=_text(d["gc"]).astype("string[pyarrow]")
    ),
    "nullable integers and floats": lambda d: d.assign(
        k=d["k"].astype("Int64"), xi=d["xi"].astype("float64")
    ),
    "boolean": lambda d: d.assign(b=d["b"].astype("boolean")),
    "Float64": lambda d: d.assign(x=d["x"].astype("Float64"), z=d["z"].astype("Float64")),
    "double[pyarrow]": lambda d: d.assign(
        x=d["x"].astype("double[pyarrow]"), z=d["z"].astype("double[pyarrow]")
    ),
    "integers as int64": lambda d: d.assign(xi=d["xi"].astype("int64")),
    "columns reversed": lambda d: d[d.columns[::-1]],
}


@pytest.fixture(scope="module", params=sorted(FORMULAS))
def res(request):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted = mnlogit.fit(request.param, DATA, ref="lo")
    assert fitted.converged and fitted.separation is None
    return fitted


def _all_predictions(res, new: pd.DataFrame) -> dict[str, pd.DataFrame | pd.Series]:
    return {
        "prob": res.predict(new),
        "link": res.predict(new, kind="link"),
        "class": res.predict(new, kind="class"),
        "intervals": res.prediction_intervals(new, alpha=0.1),
    }


@pytest.mark.parametrize("how", sorted(OTHER_DTYPES))
@pytest.mark.parametrize("rows", ["some", "without the level b"])
def test_the_same_values_in_other_dtypes_predict_the_same_numbers(res, how, rows):
    new = NEW if rows == "some" else NEW_NO_B
    expected = _all_predictions(res, new)
    got = _all_predictions(res, OTHER_DTYPES[how](new))
    for kind, want in expected.items():
        if kind == "class":
            assert got[kind].tolist() == want.tolist(), kind
            assert list(got[kind].index) == list(want.index), kind
        else:
            pd.testing.assert_frame_equal(got[kind], want, check_exact=True, obj=kind)


@pytest.mark.parametrize("column", ["x", "z", "g", "gc", "k", "b", "xi"])
def test_a_missing_value_of_a_nullable_dtype_predicts_nan_for_its_row_alone(res, column):
    kinds = {"x": "Float64", "z": "double[pyarrow]", "g": "string[pyarrow]", "k": "Int64"}
    kinds |= {"b": "boolean", "xi": "Int64"}
    new = NEW.copy()
    holder = new[column].astype(kinds.get(column, new[column].dtype))
    holder.iloc[4] = pd.NA if column != "gc" else np.nan
    new[column] = holder
    uses = column in FORMULAS[res.formula]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = res.predict(new)
        intervals = res.prediction_intervals(new)
    want = res.predict(NEW)
    others = np.arange(len(NEW)) != 4
    np.testing.assert_array_equal(got.to_numpy()[others], want.to_numpy()[others])
    assert got.iloc[4].isna().all() == uses
    assert intervals.loc[new.index[4]].isna().all().all() == uses
