"""Designs compare and hash whatever their roles hold: the generated == of the dataclass
compared the roles' values, asking an array for its truth value (ValueError), and hash()
raised TypeError for a design given values per row."""

import numpy as np
import pandas as pd

import mnlogit


def design(**roles):
    return mnlogit.SurveyDesign(**roles)


def test_designs_of_equal_values_are_equal_and_hash_alike():
    a = design(weights=np.ones(3), strata=[1, 2, 2])
    b = design(weights=np.ones(3), strata=[1, 2, 2])
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert a in [design(weights="pw"), b]


def test_designs_that_differ_are_not_equal():
    a = design(weights=np.ones(3), strata=[1, 2, 2])
    assert a != design(weights=np.ones(3), strata=[1, 2, 3])
    assert a != design(weights="pw", strata=[1, 2, 2])
    assert a != design(weights=np.ones(3), strata=[1, 2, 2], lonely_psu="adjust")
    assert design(weights="pw") != design(weights="w")
    assert a != "design"
    s = pd.Series([1.0, 2.0])
    assert design(weights=s) != design(weights=s.set_axis([5, 6]))  # matched by label
    assert design(weights=s) != design(weights=s.to_numpy())


def test_designs_of_column_names_compare_as_before():
    assert design(weights="pw", strata="stype") == design(weights="pw", strata="stype")
    assert hash(design(weights="pw")) == hash(design(weights="pw"))
