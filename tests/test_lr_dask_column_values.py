"""lr_test of two fits of as many rows, one of them on dask partitions, compares what the
fits keep of the rows: the outcome counts and each shared column's sums over each outcome's
rows. A column with values moved between rows of one outcome (15 and 13 written 16 and 12)
kept those sums, and the test compared a fit of other data (chi2 7.4217 for 7.4163). Each
shared column's weighted sum of squares and largest absolute value are now compared too."""

from __future__ import annotations

import pandas as pd
import pytest
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import ModelComparisonError

dd = pytest.importorskip("dask.dataframe")

SMALL, FULL = "partic ~ hincome + children", "partic ~ hincome + children + region"


@pytest.fixture(scope="module")
def women() -> pd.DataFrame:
    return pd.read_csv(REF_DIR / "womenlf.csv")


@pytest.fixture(scope="module")
def full(women) -> mnlogit.MNLogitResults:
    return mnlogit.fit(FULL, dd.from_pandas(women, npartitions=3), ref="not.work")


def _moved(women: pd.DataFrame, a: int, b: int, shift: float) -> pd.DataFrame:
    out = women.copy()
    out["hincome"] = out["hincome"].astype(float)
    out.loc[a, "hincome"] += shift
    out.loc[b, "hincome"] -= shift
    return out


@pytest.mark.parametrize("in_memory", [False, True])
def test_a_column_with_values_moved_within_an_outcome_is_other_data(women, full, in_memory):
    # rows 0 and 1 are both 'not.work': every sum over an outcome's rows stays the same
    assert women.loc[0, "partic"] == women.loc[1, "partic"]
    other = _moved(women, 0, 1, 1.0)
    data = other if in_memory else dd.from_pandas(other, npartitions=3)
    small = mnlogit.fit(SMALL, data, ref="not.work")
    with pytest.raises(ModelComparisonError, match="'hincome' holds other values"):
        mnlogit.lr_test(small, full)


def test_a_largest_value_alone_differing_is_other_data(women):
    # 100, 103, 103 and 101, 101, 104 on three rows of one outcome: the same sum (306) and
    # sum of squares (31218), the largest value (past every other row's) 103 or 104
    rows = women.index[women["partic"] == "not.work"][:3]
    one, two = women.copy(), women.copy()
    one.loc[rows, "hincome"] = [100, 103, 103]
    two.loc[rows, "hincome"] = [101, 101, 104]
    full = mnlogit.fit(FULL, dd.from_pandas(one, npartitions=3), ref="not.work")
    small = mnlogit.fit(SMALL, dd.from_pandas(two, npartitions=3), ref="not.work")
    with pytest.raises(ModelComparisonError, match="largest absolute value differs"):
        mnlogit.lr_test(small, full)


@pytest.mark.parametrize("in_memory", [False, True])
def test_the_same_data_still_compares(women, full, in_memory):
    data = women if in_memory else dd.from_pandas(women, npartitions=2)
    small = mnlogit.fit(SMALL, data, ref="not.work")
    reference = mnlogit.lr_test(
        mnlogit.fit(SMALL, women, ref="not.work"), mnlogit.fit(FULL, women, ref="not.work")
    )
    got = mnlogit.lr_test(small, full)
    assert got.df == reference.df
    assert got.statistic == pytest.approx(reference.statistic, rel=1e-9)
