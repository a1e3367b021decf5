"""A signalling ``Decimal('sNaN')`` among a column of Python Decimals (as read from a database)
is a missing value, as the quiet ``Decimal('NaN')`` is: in a formula's predictors, its
outcome, new data and a classifier's X. pandas' isna raised a bare decimal.InvalidOperation
on it; on dask, where pandas raises it inside the collection's own tasks, the fit is refused
naming the value."""

from __future__ import annotations

import warnings
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, MNLogitWarning

SIGNALLING = [Decimal("sNaN"), Decimal("-sNaN"), Decimal("sNaN17")]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    n = 90
    x = rng.normal(size=n)
    y = np.where(x + rng.normal(size=n) > 0.5, "hi", np.where(rng.random(n) < 0.5, "lo", "mid"))
    d = pd.Series([Decimal(f"{v:.3f}") for v in rng.normal(size=n)], dtype=object)
    return pd.DataFrame({"y": y, "x": x, "d": d, "g": rng.choice(["u", "v", "w"], n)})


def _with(frame: pd.DataFrame, column: str, value: object, row: int = 5) -> pd.DataFrame:
    values = frame[column].astype(object).copy()
    values[row] = value
    return frame.assign(**{column: values})


@pytest.mark.parametrize("value", SIGNALLING)
@pytest.mark.parametrize("formula", ["y ~ d", "y ~ I(d * 2) + x", "y ~ x + C(g)"])
def test_a_signalling_nan_predictor_is_missing_as_a_quiet_one(frame, value, formula):
    column = "g" if "C(g)" in formula else "d"
    quiet = mnlogit.fit(formula, _with(frame, column, Decimal("NaN")))
    got = mnlogit.fit(formula, _with(frame, column, value))
    assert got.nobs == quiet.nobs == len(frame) - 1
    np.testing.assert_allclose(got.params.to_numpy(), quiet.params.to_numpy(), rtol=1e-12)


def test_a_signalling_nan_outcome_drops_its_row(frame):
    got = mnlogit.fit("y ~ x", _with(frame, "y", Decimal("sNaN")))
    assert got.nobs == len(frame) - 1


def test_a_signalling_nan_is_refused_as_missing_under_missing_raise(frame):
    with pytest.raises(DataError, match=r"missing values in 'd' \(1\)"):
        mnlogit.fit("y ~ d", _with(frame, "d", Decimal("sNaN")), missing="raise")


def test_a_signalling_nan_in_new_data_predicts_nan_naming_the_column(frame):
    res = mnlogit.fit("y ~ d + x", frame)
    new = _with(frame, "d", Decimal("sNaN"), row=3)
    with pytest.warns(MNLogitWarning, match=r"\(3\) have a missing .* \('d'\)"):
        got = res.predict(new)
    assert got.iloc[3].isna().all()
    assert got.drop(index=3).notna().all().all()
    # the user's frame is not modified
    assert new["d"][3].is_snan()


@pytest.mark.parametrize("as_array", [False, True])
def test_a_classifier_refuses_a_signalling_nan_naming_it(frame, as_array):
    from mnlogit.sklearn import MNLogitClassifier

    X = _with(frame, "d", Decimal("sNaN"))[["d", "x"]]
    where = "column 'd'"
    if as_array:
        X, where = X.to_numpy(dtype=object), "column 0"
    with pytest.raises(DataError, match=rf"position 5, {where}: Decimal\('sNaN'\)"):
        MNLogitClassifier().fit(X, frame["y"])


@pytest.mark.parametrize("role", ["predictor", "strata"])
def test_a_signalling_nan_on_dask_is_refused_naming_it(frame, role):
    dd = pytest.importorskip("dask.dataframe")
    data = frame.assign(s=np.repeat(["a", "b", "c"], len(frame) // 3), w=1.0, p=np.arange(90))
    design = None
    if role == "predictor":
        data = _with(data, "d", Decimal("sNaN"))
    else:
        data = _with(data, "s", Decimal("sNaN"))
        design = mnlogit.SurveyDesign(weights="w", strata="s", psu="p")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dask's own notes on the object column
        ddf = dd.from_pandas(data, npartitions=3)
    with pytest.raises(DataError, match=r"Decimal\('sNaN'\)"):
        mnlogit.fit("y ~ d + x", ddf, design=design)


def test_a_signalling_nan_in_a_dask_partition_of_objects_is_missing(frame):
    """Where dask keeps a column of objects as they are (convert-string off), the partition
    reaches the fit, whose test for missing values raised decimal.InvalidOperation; the row
    is dropped, as in memory."""
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    data = _with(frame, "d", Decimal("sNaN"))
    with dask.config.set({"dataframe.convert-string": False}):
        got = mnlogit.fit("y ~ d + x", dd.from_pandas(data, npartitions=3))
    want = mnlogit.fit("y ~ d + x", _with(frame, "d", Decimal("NaN")))
    assert got.nobs == want.nobs == len(frame) - 1
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-6)


@pytest.mark.parametrize("missing", [None, Decimal("sNaN")])
def test_numbers_as_objects_in_the_array_interface_are_asked_to_be_converted(frame, missing):
    """A DataFrame X whose column holds Decimals was refused as "not numeric ... encode
    categories first": they are numbers, to be converted, not categories."""
    from mnlogit.model import MNLogit

    X = frame[["d"]].assign(const=1.0)
    if missing is not None:
        X = _with(X, "d", missing)
    with pytest.raises(mnlogit.exceptions.InputTypeError) as err:
        MNLogit(frame["y"], X)
    said = str(err.value)
    assert "column 'd' holds numbers stored as Python objects" in said
    assert "X['d'] = X['d'].astype(float)" in said
    assert "encode categories" not in said
    assert ("Decimal('sNaN') missing" in said) == (missing is not None)
