"""Design columns whose labels are numbers (a DataFrame built from an array has columns 0, 1,
2, ...). The formula and ``fit(weights=, groups=)`` name such a column as text ("9"), and
``fit(weights=9)`` says so; a survey design's roles and ``subpop`` could not name it at all:
``SurveyDesign(weights="9")`` was refused as a column "not in the data" that "differs from it
only by white space", ``weights=9`` and ``subpop=10`` as single values, with nothing about
the label (the Dask backend fitted the same design)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError


def survey_data(n: int = 300, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "st": rng.choice(["A", "B", "C"], n),
            "psu": rng.integers(1, 5, n),
            "pw": rng.uniform(1, 20, n),
            "age": rng.integers(10, 80, n),
        }
    )
    d["y"] = np.where(rng.random(n) < 1 / (1 + np.exp(-d["x"])), "b", "a")
    d["in"] = d["age"] > 30
    return d


NAMED = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")
NUMBERED = mnlogit.SurveyDesign(weights="9", strata="7", psu="8")
LABELS = {"st": 7, "psu": 8, "pw": 9, "in": 10}


def test_columns_labelled_by_numbers_are_named_as_text():
    d = survey_data()
    e = d.rename(columns=LABELS)
    for subpop in (("in", "10"), ("age > 30 and st != 'A'", "age > 30 and `7` != 'A'")):
        expected = mnlogit.fit("y ~ x", d, ref="a", design=NAMED, subpop=subpop[0])
        res = mnlogit.fit("y ~ x", e, ref="a", design=NUMBERED, subpop=subpop[1])
        np.testing.assert_array_equal(res.params, expected.params)
        np.testing.assert_array_equal(res.cov_params(), expected.cov_params())
        assert res.df_design == expected.df_design
    # the weights of fit(weight_type="probability") go into the design by the same name
    alone = mnlogit.fit("y ~ x", e, ref="a", weights="9", weight_type="probability")
    np.testing.assert_array_equal(
        alone.bse, mnlogit.fit("y ~ x", d, ref="a", weights="pw", weight_type="probability").bse
    )
    assert list(e.columns) == ["x", 7, 8, 9, "age", "y", 10]  # the data are not changed


def test_the_number_itself_says_to_write_it_as_text():
    e = survey_data().rename(columns=LABELS)
    with pytest.raises(InputTypeError, match=r"named as text, as in the formula: weights='9'"):
        mnlogit.SurveyDesign(weights=9)
    with pytest.raises(DataError, match=r"named as text, as in the formula: subpop='10'"):
        mnlogit.fit("y ~ x", e, ref="a", design=NUMBERED, subpop=10)
    # a number that labels no column, or a float, is only a single value
    with pytest.raises(DataError) as err:
        mnlogit.fit("y ~ x", e, ref="a", design=NUMBERED, subpop=11)
    assert "as text" not in str(err.value)
    with pytest.raises(InputTypeError) as err:
        mnlogit.SurveyDesign(weights=1.0)
    assert "as text" not in str(err.value)


def test_a_name_that_reads_as_two_columns_is_refused():
    e = survey_data().rename(columns=LABELS)
    e["9"] = 1.0  # the text "9" beside the number 9: the formula refuses the pair too
    with pytest.raises(DataError, match=r"weights: column name '9' reads as the columns labelled"):
        mnlogit.fit("y ~ x", e, ref="a", design=NUMBERED)


def test_a_design_column_the_data_repeat_is_refused_naming_it():
    """Two columns of one name (pd.concat of frames) gave a bare AttributeError ('DataFrame'
    object has no attribute 'dtype') for a role or a subpop condition naming them, and
    "got values of shape (300, 2)" for a subpop column."""
    d = survey_data()
    twice = pd.concat([d, (d[["pw"]] * 2), d[["in"]].rename(columns={"in": "x"})], axis=1)
    for design, subpop, name in (
        (NAMED, None, "weights: column 'pw'"),
        (mnlogit.SurveyDesign(weights="age"), "x > 0", "subpop: column 'x'"),
        (mnlogit.SurveyDesign(weights="age"), "`in` & (x > 0)", "subpop: column 'x'"),
        (mnlogit.SurveyDesign(weights="age", strata="x"), None, "strata: column 'x'"),
    ):
        with pytest.raises(DataError, match="occurs more than once in the data") as err:
            mnlogit.fit("y ~ age", twice, ref="a", design=design, subpop=subpop)
        assert str(err.value).startswith(name)
