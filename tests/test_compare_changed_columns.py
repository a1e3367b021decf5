"""compare() of fits on the same rows where a column of one name holds other values (the data
changed in place between the fits): its table row lined up coefficients of different data
with nothing said, where lr_test refuses those fits as not nested."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ModelComparisonError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(21)
    df = pd.DataFrame({"x1": rng.normal(size=300), "x2": rng.normal(size=300)})
    df["y"] = rng.choice(["a", "b", "c"], size=300)
    return df


def test_a_column_changed_between_the_fits_is_said(data):
    changed = data.copy()
    changed.loc[changed.index[:5], "x1"] = 0.0  # a few values "cleaned" in place
    first = mnlogit.fit("y ~ x1", changed)
    second = mnlogit.fit("y ~ x1 + x2", data)
    table = mnlogit.compare([first, second], names=["cleaned", "raw"])
    said = [n for n in table.notes if "other values" in n]
    assert said == [
        "raw: 'x1' holds other values than in cleaned, on the same rows (the data changed "
        "between the fits): the table's rows of those columns line up coefficients of "
        "different data."
    ]
    assert said[0] in table.as_csv()
    # as lr_test, which refuses them as not nested
    with pytest.raises(ModelComparisonError, match="same name in both models but different"):
        mnlogit.lr_test(first, second)


def test_fits_of_the_same_data_in_another_row_order_are_not_said(data):
    shuffled = data.sample(frac=1.0, random_state=3)
    table = mnlogit.compare([mnlogit.fit("y ~ x1", data), mnlogit.fit("y ~ x1 + x2", shuffled)])
    assert not [n for n in table.notes if "other values" in n]


def test_fits_of_other_rows_are_not_compared_value_by_value(data):
    table = mnlogit.compare([mnlogit.fit("y ~ x1", data.iloc[:200]), mnlogit.fit("y ~ x1", data)])
    assert not [n for n in table.notes if "other values" in n]
    assert any("other rows" in n for n in table.notes)
