"""A missing weight is quoted as the data show it: ``<NA>`` in a nullable or Arrow column,
``nan`` in a float column, ``None`` among objects. A nullable column's missing weight was
quoted as ``nan``, a value such a column cannot hold, so the user looked for a NaN that was
not there."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

dd = pytest.importorskip("dask.dataframe")

NULLABLE = ["Int64", "Float64", "double[pyarrow]", "int64[pyarrow]"]


def data(dtype: str, n: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    d = pd.DataFrame({"y": rng.choice(list("abc"), n), "x": rng.standard_normal(n)})
    w = pd.Series(rng.integers(1, 4, n), dtype=dtype)
    w.iloc[3] = None
    return d.assign(w=w)


# in memory the row is named too, as for sampling weights; a dask fit's witnesses have none
FREQUENCY = r"every weight must be finite; got <NA>( in row \d+)?; a missing weight"
SAMPLING = r"not missing; got <NA> in row 3"


@pytest.mark.parametrize("dtype", NULLABLE)
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"weights": "w"}, FREQUENCY),
        ({"weights": "w", "weight_type": "probability"}, SAMPLING),
        ({"design": mnlogit.SurveyDesign(weights="w")}, SAMPLING),
    ],
    ids=["frequency", "probability", "design"],
)
@pytest.mark.parametrize("backend", ["pandas", "dask"])
def test_a_missing_weight_of_a_nullable_column_is_quoted_as_na(dtype, options, message, backend):
    d = data(dtype)
    given = d if backend == "pandas" else dd.from_pandas(d, npartitions=3)
    with pytest.raises(DataError, match=message):
        mnlogit.fit("y ~ x", given, ref="a", **options)


@pytest.mark.parametrize("dtype", NULLABLE)
def test_nullable_weights_given_as_values_are_quoted_as_na_too(dtype):
    d = data(dtype)
    with pytest.raises(DataError, match=FREQUENCY):
        mnlogit.fit("y ~ x", d.drop(columns="w"), ref="a", weights=d["w"])
    with pytest.raises(DataError, match=FREQUENCY):
        mnlogit.MNLogit(d["y"], d[["x"]], weights=d["w"])
    with pytest.raises(DataError, match=SAMPLING):
        mnlogit.fit("y ~ x", d, ref="a", design=mnlogit.SurveyDesign(weights=d["w"]))


@pytest.mark.parametrize(
    ("values", "shown"),
    [
        (np.where(np.arange(60) == 3, np.nan, 1.0), "nan"),
        (pd.Series([1.0] * 3 + [None] + [1.0] * 56, dtype=object), "None"),
    ],
    ids=["float", "object"],
)
def test_other_missing_weights_are_quoted_as_they_are(values, shown):
    d = data("Int64").drop(columns="w")
    with pytest.raises(DataError, match=f"every weight must be finite; got {shown} in row 3;"):
        mnlogit.fit("y ~ x", d, ref="a", weights=values)


def test_the_users_column_is_left_as_it_was():
    d = data("Int64")
    before = d.copy()
    ok = d.assign(w=d["w"].fillna(1))
    kept = ok.copy()
    mnlogit.fit("y ~ x", ok, ref="a", weights="w")
    pd.testing.assert_frame_equal(ok, kept)
    pd.testing.assert_frame_equal(d, before)


@pytest.mark.parametrize("dtype", NULLABLE)
@pytest.mark.parametrize("backend", ["pandas", "dask"])
def test_a_missing_fpc_of_a_nullable_column_is_quoted_as_na(dtype, backend):
    d = data("Int64").assign(w=1.0, st=lambda f: f.index % 2, N=100)
    d["N"] = d["N"].astype(dtype)
    d.loc[3, "N"] = None
    given = d if backend == "pandas" else dd.from_pandas(d, npartitions=3)
    design = mnlogit.SurveyDesign(weights="w", strata="st", fpc="N")
    with pytest.raises(DataError, match=r"fpc column 'N': .*; got <NA> in row 3"):
        mnlogit.fit("y ~ x", given, ref="a", design=design)
