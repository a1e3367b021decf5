"""Arguments of margins, their contrasts and their figures that name a variable, a value or an
outcome, given as values with no truth value (pd.NA, arrays, Series) or no hash (lists,
dicts): each refused with the package's error, quoting it, never numpy's or pandas' own."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, DataError, LevelError

ODD = [pd.NA, np.array([1.0, 2.0]), np.array([]), pd.Series([1, 2]), {"a": 1}]


@pytest.fixture(scope="module")
def womenlf():
    return pd.read_csv(REF_DIR / "womenlf.csv")


@pytest.fixture(scope="module")
def margins(womenlf):
    res = mnlogit.fit("partic ~ hincome + children + region", womenlf, ref="not.work")
    return res.margins(at={"hincome": [10.0, 30.0]}, over="children")


@pytest.mark.parametrize("var", ODD, ids=lambda v: type(v).__name__)
def test_a_contrast_of_an_odd_variable_is_refused_with_the_variables(margins, var):
    with pytest.raises(ColumnNotFoundError, match="not a variable set by at or over, nor"):
        margins.contrast(var)


@pytest.mark.parametrize("ref", ODD, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("var", ["children", "outcome"])
def test_an_odd_reference_of_a_contrast_is_refused_with_the_values(margins, var, ref):
    with pytest.raises(LevelError, match=f"is not a value of {var!r} here; values are"):
        margins.contrast(var, "reference", ref=ref)


def test_a_contrast_and_a_figure_name_a_column_labelled_by_a_number_by_it(womenlf):
    # margins(at={0: ...}) names the DataFrame's column 0 '0'; contrast(0) and plot(x=0)
    # were refused as "0 is not a variable set by at or over; those are '0', '1'"
    data = womenlf.rename(columns={"hincome": 0, "children": 1})
    m = mnlogit.fit("partic ~ `0` + `1`", data, ref="not.work").margins(at={0: [5, 10]}, over=1)
    by_label = m.contrast(0, "reference", ref=10).to_frame()
    pd.testing.assert_frame_equal(by_label, m.contrast("0", "reference", ref=10).to_frame())
    assert by_label["0"].unique().tolist() == ["5 - 10"]
    pytest.importorskip("matplotlib")
    assert m.plot(x=1).axes[0].get_xlabel() == "1"


@pytest.mark.parametrize("x", ODD, ids=lambda v: type(v).__name__)
def test_a_figure_against_an_odd_variable_is_refused_with_the_variables(margins, x):
    pytest.importorskip("matplotlib")
    with pytest.raises(ColumnNotFoundError, match=r"x: .* is not a variable set by at or over"):
        margins.plot(x=x)


@pytest.mark.parametrize("outcomes", [[{"a": 1}], {"a": 1}, [["fulltime"]]], ids=str)
def test_outcomes_to_draw_that_cannot_be_hashed_are_refused(margins, outcomes):
    pytest.importorskip("matplotlib")
    with pytest.raises(DataError, match=r"outcomes: .* not among 'fulltime', 'not\.work'"):
        margins.plot(outcomes=outcomes)


def test_outcomes_to_draw_are_matched_as_levels_not_as_hashes(womenlf):
    pytest.importorskip("matplotlib")
    codes = womenlf.assign(y=womenlf["partic"].map({"fulltime": 0, "not.work": 1, "parttime": 2}))
    m = mnlogit.fit("y ~ hincome", codes, ref=1).margins(at={"hincome": [10.0, 30.0]})
    # True hashes as 1: it was drawn as the outcome 1
    with pytest.raises(DataError, match="True not among 0, 1, 2"):
        m.plot(outcomes=[True])
    with pytest.raises(DataError, match="'1' is a str; the level 1 is a number"):
        m.plot(outcomes=["1"])
    fig = m.plot(outcomes=[1.0, 2])
    labels = [line.get_label() for line in fig.axes[0].get_lines()]
    assert labels == ["1", "2"]


@pytest.mark.parametrize("name", [["children"], {"a": 1}, np.array(["children"])], ids=str)
def test_over_a_list_holding_an_unhashable_name_is_refused(margins, womenlf, name):
    res = mnlogit.fit("partic ~ hincome + children", womenlf, ref="not.work")
    with pytest.raises(ColumnNotFoundError, match=r"over: .* is not a variable of the model"):
        res.margins(over=[name])


@pytest.mark.parametrize("names", [np.array(["children"]), pd.Index(["children"])], ids=str)
def test_over_takes_names_in_an_array_or_index_as_at_and_variables_do(womenlf, names):
    res = mnlogit.fit("partic ~ hincome + children + region", womenlf, ref="not.work")
    expected = res.margins(at={"hincome": [10.0, 30.0]}, over=["children"])
    got = res.margins(at={"hincome": [10.0, 30.0]}, over=names)
    pd.testing.assert_frame_equal(got.to_frame(), expected.to_frame())
