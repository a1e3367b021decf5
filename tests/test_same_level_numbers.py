"""Numbers of several kinds as levels. A cell of a float32 (or float16) column names the
level it shows: the outcome's levels and a factor's are read as Python floats (0.1), and the
column's own value np.float32(0.1) is the same level, as numpy compares them, as ref=, in
with_ref and in margins' at=. A signalling NaN (Decimal('sNaN')) is no level."""

from __future__ import annotations

import warnings
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit._levels import same_level
from mnlogit.exceptions import LevelError


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 300
    levels = np.array([0.1, 0.2, 0.3], dtype=np.float32)
    d = pd.DataFrame({"x": rng.normal(size=n), "k": rng.choice(levels, n)})
    d["y"] = rng.choice(["a", "b", "c"], n)
    return d


@pytest.mark.parametrize("kind", [np.float32, np.float16])
def test_a_narrow_float_names_the_level_it_shows(kind):
    assert same_level(kind(0.1), 0.1) and same_level(0.1, kind(0.1))
    assert not same_level(kind(0.1), 0.2)
    assert not same_level(kind(1.0), True)


def test_decimals_compare_exactly_among_themselves_and_with_integers():
    assert same_level(Decimal("0.5"), np.float32(0.5))
    assert same_level(Decimal("1"), np.int64(1)) and same_level(Decimal("1.0"), Decimal("1.00"))
    assert not same_level(Decimal("1.5"), np.int64(1))
    assert not same_level(Decimal("0.1000000000000000000001"), Decimal("0.1"))


def test_ref_and_with_ref_take_a_cell_of_a_float32_outcome(data):
    cell = data["k"].iloc[0]
    assert isinstance(cell, np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("k ~ x", data, ref=cell)
        assert res.ref == float(str(cell))
        other = data["k"][data["k"] != cell].iloc[0]
        assert res.with_ref(other).ref == float(str(other))


def test_margins_at_the_values_of_a_float32_factor(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + C(k)", data)
        by_cells = res.margins(at={"k": np.sort(data["k"].unique())}).to_frame()
        by_floats = res.margins(at={"k": [0.1, 0.2, 0.3]}).to_frame()
    pd.testing.assert_frame_equal(
        by_cells.reset_index(drop=True), by_floats.reset_index(drop=True), rtol=1e-12
    )


def test_a_float32_value_that_is_no_level_is_quoted_as_written(data):
    # was "at: 0.4000000059604645 is not a level of 'k'" for np.float32(0.4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + C(k)", data)
    with pytest.raises(LevelError, match=r"^at: 0\.4 is not a level of 'k'; levels are 0\.1, "):
        res.margins(at={"k": np.array([0.4], dtype=np.float32)})


def test_a_signalling_nan_is_no_level_rather_than_decimals_exception():
    # Decimal('sNaN') == 1 raises decimal.InvalidOperation, which reached the user bare
    rng = np.random.default_rng(1)
    n = 200
    levels = [Decimal(s) for s in rng.choice(["1.5", "2.5", "3"], n)]
    d = pd.DataFrame({"x": rng.normal(size=n), "k": levels, "y": rng.choice(["a", "b"], n)})
    assert not same_level(Decimal("sNaN"), Decimal("1.5"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + C(k)", d)
        with pytest.raises(LevelError, match=r"^at: Decimal\('sNaN'\) is not a level of 'k'"):
            res.margins(at={"k": [Decimal("sNaN")]})
        with pytest.raises(LevelError, match=r"^ref=Decimal\('sNaN'\) is not a level"):
            mnlogit.fit("k ~ x", d, ref=Decimal("sNaN"))


def test_a_decimal_and_the_float_it_reads_as_are_one_level():
    # a column of decimals is a factor of the floats they read as: its own cell
    # Decimal('0.1') was refused in at= ("Decimal('0.1') is a number; the level 0.1 is a
    # number"), and ref=0.1 for its Decimal('0.1') ("0.1 is a number; the levels are numbers")
    rng = np.random.default_rng(2)
    n = 200
    levels = [Decimal(s) for s in rng.choice(["0.1", "0.2", "0.3"], n)]
    d = pd.DataFrame({"x": rng.normal(size=n), "k": levels, "y": rng.choice(["a", "b"], n)})
    assert same_level(Decimal("0.1"), 0.1) and same_level(np.float32(0.1), Decimal("0.1"))
    assert not same_level(Decimal("0.1"), 0.2) and not same_level(Decimal("1E+400"), np.inf)
    assert not same_level(Decimal("1"), True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + C(k)", d)
        by_decimal = res.margins(at={"k": [Decimal("0.1")]}).to_frame()
        by_float = res.margins(at={"k": [0.1]}).to_frame()
        np.testing.assert_array_equal(by_decimal["estimate"], by_float["estimate"])
        assert mnlogit.fit("k ~ x", d, ref=0.1).ref == Decimal("0.1")
