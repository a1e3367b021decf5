"""Restrictions written as Stata's ``test`` writes them, and the refusal of dependent ones.

``"a:x = b:x = 0"`` is two restrictions (a:x = b:x and a:x = 0), as Stata reads a chain of
'='; it was refused as "expected one '='". A refusal of dependent restrictions said "row 2 of
R is implied by the earlier ones" where the user had written terms, not R: it quotes the term
and the coefficient now.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def res():
    df = pd.read_csv(REF_DIR / "womenlf.csv")
    return mnlogit.fit("partic ~ hincome + children + region", df, ref="not.work")


@pytest.mark.parametrize(
    ("chain", "pair"),
    [
        (
            "fulltime:hincome = parttime:hincome = 0",
            ["fulltime:hincome = parttime:hincome", "fulltime:hincome = 0"],
        ),
        (
            "fulltime:region[T.BC] = fulltime:region[T.Ontario] = fulltime:region[T.Quebec]",
            [
                "fulltime:region[T.BC] = fulltime:region[T.Ontario]",
                "fulltime:region[T.BC] = fulltime:region[T.Quebec]",
            ],
        ),
    ],
)
def test_a_chain_of_equalities_is_its_restrictions(res, chain, pair):
    got, expected = res.wald_test(chain), res.wald_test(pair)
    assert got.df == expected.df == 2
    np.testing.assert_allclose(got.statistic, expected.statistic, rtol=1e-12)
    assert got.details["restrictions"] == pair


@pytest.mark.parametrize("text", ["fulltime:hincome == parttime:hincome", "fulltime:hincome = = 0"])
def test_an_empty_side_is_still_refused(res, text):
    with pytest.raises(DataError, match="'='"):
        res.wald_test(text)


def test_dependent_restrictions_are_named_as_written(res):
    with pytest.raises(
        DataError,
        match=r"'hincome = 0 in every equation: fulltime:hincome = 0' is implied by the earlier",
    ):
        res.wald_test(["hincome", "hincome"])
    with pytest.raises(DataError, match=r"'fulltime:hincome = 0' is implied by the earlier"):
        res.wald_test(["hincome", "fulltime:hincome = 0"])
