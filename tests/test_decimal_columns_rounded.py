"""Decimal columns whose values float64 cannot tell apart are refused as integers beyond
2**53 are, saying to subtract a constant: Decimal(10**30 + i) was refused as "constant
beside the intercept" (advice to drop it), and the L2-penalised classifier fitted it a
coefficient of 0 with only a convergence warning."""

from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError
from mnlogit.sklearn import MNLogitClassifier

N = 60


def _frame(b: list) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame({"y": rng.choice(["p", "q", "r"], N), "a": rng.normal(size=N), "b": b})


WHOLE = [Decimal(10**30 + i) for i in range(N)]
FRACTIONS = [Decimal("0.1") + Decimal(i) * Decimal("1e-25") for i in range(N)]


def _stored(values: list, how: str) -> pd.DataFrame:
    df = _frame(values)
    if how != "object":
        kind = pa.decimal128(38, 25) if values is FRACTIONS else getattr(pa, how)(38, 0)
        df["b"] = pd.array(values, dtype=pd.ArrowDtype(kind))
    return df


@pytest.mark.parametrize("how", ["object", "decimal128", "decimal256"])
def test_whole_decimals_past_float64_digits_are_refused_as_integers_are(how):
    df = _stored(WHOLE, how)
    said = "holds integers as large as 1000000000000000000000000000059 .* span only 59"
    with pytest.raises(InputTypeError, match=said):
        mnlogit.fit("y ~ a + b", df)
    for clf in (MNLogitClassifier(), MNLogitClassifier(penalty="l2")):
        with pytest.raises(InputTypeError, match=said):
            clf.fit(df[["a", "b"]], df.y)
    with pytest.raises(InputTypeError, match=said):  # a polars frame, as Arrow data
        MNLogitClassifier().fit(pa.Table.from_pandas(df[["a", "b"]]), df.y)
    if how != "object":  # a model from arrays (which refuses Python objects in X): it fitted
        with pytest.raises(InputTypeError, match=said):
            mnlogit.MNLogit(df.y, df[["a", "b"]])


@pytest.mark.parametrize("how", ["object", "decimal128"])
def test_fractional_decimals_that_round_together_are_refused(how):
    df = _stored(FRACTIONS, how)
    with pytest.raises(InputTypeError, match=r"Decimals as large as 0\.1000.* span only 5\.9E-24"):
        mnlogit.fit("y ~ a + b", df)
    with pytest.raises(InputTypeError, match="subtract a constant first"):
        MNLogitClassifier(penalty="l2").fit(df[["a", "b"]], df.y)


def test_decimals_float64_holds_fit_as_their_floats():
    rng = np.random.default_rng(4)
    shifted = [Decimal(10**30 + i) - Decimal(10**30) for i in range(N)]
    short = [Decimal(str(round(v, 3))) for v in rng.normal(size=N)]
    for values in (shifted, short):
        df = _frame(values)
        as_floats = df.assign(b=[float(v) for v in values])
        got = mnlogit.fit("y ~ a + b", df).params
        np.testing.assert_allclose(got, mnlogit.fit("y ~ a + b", as_floats).params, rtol=1e-10)
        clf = MNLogitClassifier().fit(df[["a", "b"]], df.y)
        ref = MNLogitClassifier().fit(as_floats[["a", "b"]], df.y)
        np.testing.assert_allclose(clf.coef_, ref.coef_, rtol=1e-10)
