"""A cell taken from a pyarrow Table or Array (``table["y"][0]``, a pyarrow scalar) names the
level or number it holds wherever a level or a value is given: ``ref=``, ``with_ref``, an IIA
test's ``omit``, margins' ``at=`` and contrasts, plots' ``at=``, the classifier's ``ref``, as a
numpy scalar does."""

from __future__ import annotations

import warnings
from datetime import datetime

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mnlogit
from mnlogit._levels import same_level
from mnlogit.exceptions import LevelError

LABELS = st.one_of(
    st.text(min_size=1, max_size=5),
    st.integers(-1000, 1000),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.booleans(),
    st.datetimes(datetime(1900, 1, 1), datetime(2200, 1, 1)),
)


@given(LABELS, LABELS)
def test_a_label_and_its_pyarrow_scalar_are_the_same_level_and_no_other(a, b):
    scalar = pa.scalar(a)
    assert same_level(a, scalar) and same_level(scalar, a) and same_level(scalar, scalar)
    assert same_level(pa.scalar(b), a) == same_level(b, a)


@pytest.fixture(scope="module")
def table() -> pa.Table:
    rng = np.random.default_rng(11)
    n = 300
    x = rng.normal(size=n)
    g = rng.choice(["a", "b", "c"], n)
    eta = np.c_[np.zeros(n), 0.4 + x, -0.2 + 0.7 * x + (g == "b")]
    p = np.exp(eta)
    p /= p.sum(1, keepdims=True)
    y = np.array([rng.choice(["hi", "lo", "mid"], p=q) for q in p])
    day = np.where(x > 0, "2020-01-01", "2021-06-30").astype("datetime64[us]")
    return pa.table({"y": y, "x": x, "g": g, "k": rng.integers(1, 4, n).astype(np.int8), "d": day})


def _cell(table: pa.Table, column: str, value: object) -> pa.Scalar:
    """The first cell of ``column`` holding ``value``, as the Table hands it out."""
    i = table[column].to_pylist().index(value)
    cell = table[column][i]
    assert isinstance(cell, pa.Scalar)
    return cell


def test_a_cell_of_the_table_names_the_reference_and_the_level_omitted(table):
    mid = _cell(table, "y", "mid")
    plain = mnlogit.fit("y ~ x + g", table, ref="mid")
    res = mnlogit.fit("y ~ x + g", table, ref=mid)  # was "a StringScalar; the levels are strs"
    assert res.ref == "mid" and type(res.ref) is str
    pd.testing.assert_frame_equal(res.params, plain.params)
    assert mnlogit.fit("y ~ x + g", table).with_ref(mid).ref == "mid"
    hi = _cell(table, "y", "hi")
    assert res.iia_test(hi).statistic == pytest.approx(res.iia_test("hi").statistic, rel=1e-12)


def test_cells_of_the_table_are_margins_and_plots_values(table):
    res = mnlogit.fit("y ~ x + g + C(k) + C(d)", table)
    b, k2 = _cell(table, "g", "b"), _cell(table, "k", 2)
    day = _cell(table, "d", datetime(2021, 6, 30))
    half = pa.scalar(0.5)
    for kind in ("prob", "effect"):
        given = res.margins(at={"g": b, "k": k2, "d": day, "x": half}, kind=kind).to_frame()
        plain = res.margins(
            at={"g": "b", "k": 2, "d": pd.Timestamp("2021-06-30"), "x": 0.5}, kind=kind
        ).to_frame()
        pd.testing.assert_frame_equal(given, plain)
        assert given["g"].map(type).eq(str).all()
    over = res.margins(over="g")
    pd.testing.assert_frame_equal(
        over.contrast("g", "reference", ref=b).to_frame(),
        over.contrast("g", "reference", ref="b").to_frame(),
    )
    fig = res.plot_probabilities("x", at={"g": b, "k": k2})
    plt.close(fig)
    fig = res.plot_probabilities("g", at={"x": half})
    plt.close(fig)


def test_the_classifier_takes_a_cell_of_y_as_its_reference(table):
    pytest.importorskip("sklearn")
    from mnlogit.sklearn import MNLogitClassifier

    X = table.select(["x"]).to_pandas()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf = MNLogitClassifier(ref=_cell(table, "y", "mid")).fit(X, table["y"])
    assert clf.results_.ref == "mid"


def test_a_null_cell_or_a_cell_of_another_kind_is_still_refused(table):
    res = mnlogit.fit("y ~ x + g", table)
    with pytest.raises(LevelError, match="is not a level"):
        res.with_ref(pa.scalar(None, pa.string()))
    with pytest.raises(LevelError, match="is not a level"):
        res.margins(at={"g": pa.scalar(1)})
