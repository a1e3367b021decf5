"""Predictions on new data keep their rows: whatever the index (duplicated labels, a
MultiIndex, text) and wherever the missing values are, the result is indexed like newdata,
row for row, NaN exactly where a value the model reads is missing or infinite, and each
other row predicts as it does alone (stateful transforms use the fitted rows' statistics)."""

from __future__ import annotations

import warnings
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit

LEVELS = ["rural", "suburban", "urban"]


@pytest.fixture(scope="module")
def fits():
    travel = mnlogit.datasets.load("travel")
    formula = mnlogit.fit(
        "mode ~ scale(distance) + np.log(distance) + C(region, Treatment('suburban'))",
        travel,
        ref="car",
    )
    X = travel[["distance"]].rename(columns={"distance": "x"})
    X.insert(0, "const", 1.0)
    X["v"] = (travel["region"] == "suburban").astype(float)
    return formula, mnlogit.MNLogit(travel["mode"], X, ref="car").fit()


x_values = st.one_of(
    st.floats(0.3, 140.0),
    st.sampled_from([np.nan, np.inf, None]),
)
rows = st.lists(st.tuples(x_values, st.sampled_from([*LEVELS, None])), min_size=0, max_size=8)
labels = st.sampled_from(["range", "duplicated", "text", "multi"])


def _index(kind: str, n: int) -> pd.Index:
    if kind == "duplicated":
        return pd.Index([i // 2 for i in range(n)])
    if kind == "text":
        return pd.Index([f"r{n - i}" for i in range(n)])
    if kind == "multi":
        return pd.MultiIndex.from_arrays([[i % 2 for i in range(n)], list(range(n))])
    return pd.RangeIndex(n)


def _predict(res, new):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        return res.predict(new)


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=rows, kind=labels)
def test_predictions_keep_newdatas_rows(fits, values, kind):
    formula, arrays = fits
    x = [np.nan if v is None else v for v, _ in values]
    new = pd.DataFrame(
        {"distance": pd.Series(x, dtype=float).to_numpy(), "region": [g for _, g in values]},
        index=_index(kind, len(values)),
    )
    design = pd.DataFrame(
        {
            "const": 1.0,
            "x": new["distance"],
            "v": [np.nan if g is None else float(g == "suburban") for g in new["region"]],
        },
        index=new.index,
    )
    for res, data in ((formula, new), (arrays, design)):
        got = _predict(res, data)
        assert got.index.equals(data.index)
        missing = (
            ~np.isfinite(data.to_numpy(float, na_value=np.nan)).all(axis=1)
            if res is arrays
            else (~np.isfinite(new["distance"].to_numpy()) | new["region"].isna().to_numpy())
        )
        np.testing.assert_array_equal(got.isna().any(axis=1).to_numpy(), missing)
        assert not got[~missing].isna().any().any()
        for i in np.flatnonzero(~missing):
            alone = _predict(res, data.iloc[[i]])
            np.testing.assert_allclose(
                got.iloc[i].to_numpy(), alone.iloc[0].to_numpy(), rtol=0, atol=1e-15
            )
        backwards = _predict(res, data.iloc[::-1])
        np.testing.assert_array_equal(backwards.to_numpy(), got.iloc[::-1].to_numpy())


@pytest.mark.parametrize("term", ["bs(distance, df=4)", "bs(distance, df=4):region"])
def test_an_infinite_value_in_a_splines_column_predicts_nan_for_its_row(term):
    # it refused the whole call as a value outside the spline's bounds ('e.g. inf'), where
    # an infinite value elsewhere (and in bs(np.log(distance))) predicts NaN for its row
    travel = mnlogit.datasets.load("travel")
    res = mnlogit.fit(f"mode ~ {term} + region", travel, ref="car")
    new = pd.DataFrame(
        {"distance": [np.inf, 5.0, -np.inf, 12.0], "region": ["urban", "rural", "urban", "urban"]},
        index=[10, 20, 30, 40],
    )
    with pytest.warns(mnlogit.MNLogitWarning, match=r"2 row\(s\) \(10, 30\) have a missing or"):
        got = res.predict(new)
    assert got.index.equals(new.index)
    assert got.loc[[10, 30]].isna().all().all()
    pd.testing.assert_frame_equal(got.loc[[20, 40]], res.predict(new.loc[[20, 40]]))
    with pytest.raises(mnlogit.MNLogitError, match=r"outside \[0.3, 136.9\]"):
        res.predict(new.assign(distance=[np.inf, 5.0, 150.0, 12.0]))  # a finite one still


@pytest.mark.parametrize("missing", [np.nan, None])
def test_a_fits_own_rows_missing_another_column_predict_nan_beyond_the_splines_bounds(missing):
    # the bounds are of the rows used; predicting the data fitted refused the whole call for
    # the dropped rows' values beyond them, which predict NaN for their missing value anyway
    womenlf = pd.read_csv(Path(__file__).parent / "reference" / "womenlf.csv")
    data = womenlf.assign(region=womenlf["region"].where(womenlf["hincome"] <= 25, missing))
    res = mnlogit.fit("partic ~ bs(hincome, df=4) + region", data)
    with pytest.warns(mnlogit.MNLogitWarning, match=r"19 row\(s\) \(2, 14, .*'region'"):
        got = res.predict(data)
    fitted = res.predict()
    assert got.drop(index=fitted.index).isna().all().all()
    np.testing.assert_allclose(got.loc[fitted.index], fitted, rtol=0, atol=1e-15)
    with pytest.raises(mnlogit.MNLogitError, match=r"outside \[1, 24\], .*e.g. 45 in row 2\)"):
        res.predict(data.assign(region="BC"))  # the same values, now predicted, still


def test_rows_a_transform_cannot_encode_are_named_with_their_own_columns():
    """Rows of finite values whose design is not finite each name the column that is not: a
    log of 0 and a square past the largest float were both said to be the log's -inf."""
    travel = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ np.log(distance) + I(parking ** 2)", travel, ref="car")
    new = pd.DataFrame({"distance": [0.0, 5.0, 8.0, 0.0], "parking": [1.0, 1e200, 2.0, -1e300]})
    with pytest.warns(mnlogit.MNLogitWarning) as caught:
        got = res.predict(new.set_axis(["a", "b", "c", "d"]))
    message = " ".join(str(w.message) for w in caught)
    assert "2 row(s) ('a', 'd') give design column 'np.log(distance)' the value -inf" in message
    assert "1 row(s) ('b') give design column 'I(parking ** 2)' the value inf" in message
    assert "largest float" in message
    assert got.isna().all(axis=1).tolist() == [True, True, False, True]


def test_rows_a_transform_cannot_encode_are_named_with_their_own_values():
    """A log of 0 (-inf) and of a negative number (nan) in one column: both rows were said
    to give the first row's -inf."""
    travel = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ np.log(distance)", travel, ref="car")
    new = pd.DataFrame({"distance": [0.0, -1.0, 8.0]}, index=["a", "b", "c"])
    with pytest.warns(mnlogit.MNLogitWarning) as caught:
        got = res.predict(new)
    message = " ".join(str(w.message) for w in caught)
    assert "2 row(s) ('a', 'b') give design column 'np.log(distance)' the values -inf or nan" in (
        message
    )
    assert got.isna().all(axis=1).tolist() == [True, True, False]


@pytest.mark.parametrize(
    "value",
    [10**400, -(10**5000), Decimal("1e400"), float("inf")],
    ids=["int 10**400", "int -10**5000", "Decimal 1e400", "inf"],
)
def test_numbers_past_the_float_range_as_objects_predict_nan_saying_why(value):
    """An object column holding an int no float holds (10**400) raised numpy's bare
    OverflowError; inf or Decimal('1e400') among objects predicted NaN with a warning that
    the row's values were finite and the intercept's column NaN. Each is the infinite value
    it stands for: NaN for its row, named as such, and refused in fitting."""
    travel = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ parking + np.log(distance)", travel, ref="car")
    new = pd.DataFrame({"parking": pd.Series([value, 1.0], dtype=object), "distance": [2.0, 3.0]})
    with pytest.warns(mnlogit.MNLogitWarning, match=r"1 row\(s\) \(0\) have a missing or inf"):
        got = res.predict(new)
    assert got.iloc[0].isna().all()
    np.testing.assert_allclose(got.iloc[1], res.predict(new.iloc[[1]]).iloc[0], rtol=1e-15)
    fitted = travel.assign(parking=travel["parking"].astype(object))
    fitted.loc[0, "parking"] = value
    with pytest.raises(mnlogit.MNLogitError, match=r"'parking' is -?inf"):
        mnlogit.fit("mode ~ parking + np.log(distance)", fitted, ref="car")


def test_the_classifier_refuses_an_integer_past_the_float_range_as_infinite():
    from mnlogit.sklearn import MNLogitClassifier

    travel = mnlogit.datasets.load("travel")
    clf = MNLogitClassifier(formula="parking + np.log(distance)").fit(travel, travel["mode"])
    new = pd.DataFrame({"parking": pd.Series([10**400, 1.0], dtype=object), "distance": 2.0})
    with pytest.raises(mnlogit.MNLogitError, match=r"an infinite value in column 'parking'"):
        clf.predict_proba(new)
    # without a formula, X's numbers as scikit-learn reads them: numpy's OverflowError came out
    plain = MNLogitClassifier().fit(travel[["parking", "distance"]], travel["mode"])
    for call in (plain.predict_proba, plain.predict, plain.decision_function):
        with pytest.raises(mnlogit.MNLogitError, match=r"integer past the largest float"):
            call(new)
    wide = travel[["parking", "distance"]].astype(object)
    wide.loc[0, "parking"] = -(10**400)
    with pytest.raises(mnlogit.MNLogitError, match=r"integer past the largest float"):
        MNLogitClassifier().fit(wide, travel["mode"])


@pytest.mark.parametrize(
    "empty",
    [
        pytest.param(lambda n: [None] * n, id="None"),
        pytest.param(lambda n: pd.Series([pd.NA] * n, dtype=object), id="pd.NA"),
        pytest.param(lambda n: pd.array([None] * n, dtype="null[pyarrow]"), id="null[pyarrow]"),
    ],
)
def test_a_numeric_column_without_any_value_predicts_nan_as_missing_values_do(fits, empty):
    # pd.DataFrame({"distance": [None]}) holds objects, and a polars column of nulls comes
    # as pyarrow's null type: both were refused as "was numbers in fitting; got object
    # values ()", where a missing number predicts NaN for its row, with a warning
    # (a column read only inside a transform, as the fixture's distance, was not refused)
    plain = mnlogit.fit("mode ~ distance + region", mnlogit.datasets.load("travel"), ref="car")
    for res, n in ((plain, 1), (plain, 3), (fits[0], 3)):
        new = pd.DataFrame({"distance": empty(n), "region": LEVELS[:n]})
        with pytest.warns(mnlogit.MNLogitWarning, match=r"missing or infinite value .*'distance'"):
            got = res.predict(new)
        assert got.shape == (n, 4) and got.isna().all().all()
        with pytest.warns(mnlogit.MNLogitWarning, match="missing or infinite"):
            assert res.prediction_intervals(new)["prob"].isna().all()
    # no rows at all, pd.DataFrame(columns=...), whose columns are objects
    assert plain.predict(pd.DataFrame(columns=["distance", "region"])).shape == (0, 4)
    polars = pytest.importorskip("polars")
    new = polars.DataFrame({"distance": [None, None], "region": ["rural", "urban"]})
    with pytest.warns(mnlogit.MNLogitWarning, match="missing or infinite"):
        assert plain.predict(new).isna().all().all()


def test_intervals_of_rows_with_a_multiindex_keep_its_levels(fits):
    """prediction_intervals put a MultiIndex's rows in one level of tuples named "row":
    unstacked, they joined no newdata (pandas found no index names in common), and did not
    read as predict's index. They keep its levels and names, an outcome level after them,
    whatever the labels (duplicated, missing values, no rows)."""
    formula, _ = fits
    index = pd.MultiIndex.from_arrays(
        [["a", "a", "b", "b"], [1, 2, 1, 2]], names=["household", "trip"]
    )
    new = pd.DataFrame(
        {"distance": [3.0, np.nan, 12.0, 40.0], "region": ["urban", "rural", None, "rural"]},
        index=index,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        intervals = formula.prediction_intervals(new)
    assert list(intervals.index.names) == ["household", "trip", "outcome"]
    probs = intervals["prob"].unstack("outcome")
    np.testing.assert_array_equal(probs.to_numpy(), _predict(formula, new).to_numpy())
    assert probs.index.equals(new.index)
    joined = new.join(probs)
    assert joined.index.equals(new.index)
    np.testing.assert_array_equal(joined["car"].to_numpy(), probs["car"].to_numpy())
    twice = new.set_axis(pd.MultiIndex.from_tuples([("a", 1)] * 4, names=index.names))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        both = formula.prediction_intervals(twice).xs(("a", 1, "car"))["prob"]
    np.testing.assert_array_equal(both.to_numpy(), probs["car"].to_numpy())
    empty = formula.prediction_intervals(new.iloc[:0])
    assert list(empty.index.names) == ["household", "trip", "outcome"] and empty.empty
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        flat = formula.prediction_intervals(new.reset_index(drop=True))
    assert list(flat.index.names) == ["row", "outcome"]
    np.testing.assert_array_equal(flat.to_numpy(), intervals.to_numpy())


def test_intervals_of_rows_with_a_named_index_keep_its_name(fits):
    # an index named "id" was renamed "row": predict keeps the name, and the intervals,
    # unstacked, joined no newdata ("cannot join with no overlapping index names")
    formula, _ = fits
    new = pd.DataFrame(
        {"distance": [3.0, 12.0, 40.0], "region": ["urban", "rural", "rural"]},
        index=pd.Index([7, 8, 9], name="id"),
    )
    intervals = formula.prediction_intervals(new)
    assert list(intervals.index.names) == ["id", "outcome"]
    probs = intervals["prob"].unstack("outcome")
    assert probs.index.equals(formula.predict(new).index)
    np.testing.assert_array_equal(new.join(probs)["car"].to_numpy(), probs["car"].to_numpy())
    # a name the outcome level takes stays "row": two levels named alike read as one
    clash = formula.prediction_intervals(new.rename_axis("outcome"))
    assert list(clash.index.names) == ["row", "outcome"]


@pytest.mark.parametrize(
    ("names", "kept"),
    [(["outcome", "trip"], ["row", "trip"]), (["row", "outcome"], ["row", None])],
)
def test_a_multiindex_level_named_outcome_is_renamed_as_a_plain_index_is(fits, names, kept):
    # its name was kept beside the outcome's level: unstack("outcome") raised pandas'
    # "The name outcome occurs multiple times, use a level number"
    formula, _ = fits
    index = pd.MultiIndex.from_arrays([["a", "b"], [1, 2]], names=names)
    new = pd.DataFrame({"distance": [3.0, 12.0], "region": ["urban", "rural"]}, index=index)
    intervals = formula.prediction_intervals(new)
    assert list(intervals.index.names) == [*kept, "outcome"]
    probs = intervals["prob"].unstack("outcome")
    np.testing.assert_array_equal(probs.to_numpy(), formula.predict(new).to_numpy())
