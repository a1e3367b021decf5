"""A weight stored as a Python number past the float range (10**400, Decimal('1e400')) is
quoted as the number it is, not as the inf float64 reads it as; and a frequency weight that is
infinite is not answered with advice about missing weights. The refusal said "got inf; a
missing weight does not drop its row as a missing predictor does", of a weight that was
neither inf nor missing."""

import decimal
import fractions

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3)
    n = 30
    return pd.DataFrame({"x": rng.normal(size=n), "y": rng.choice(list("abc"), n)})


def weights(value, n=30):
    w = pd.Series([1] * n, dtype=object)
    w[4] = value
    return w


OPTIONS = {
    "frequency": lambda w: {"weights": w},
    "probability": lambda w: {"weights": w, "weight_type": "probability"},
    "design": lambda w: {"design": mnlogit.SurveyDesign(weights=w)},
}


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (10**400, "about 1e400"),
        (-(10**400), "about -1e400"),
        (fractions.Fraction(10**401, 3), "about 1e400"),
        (decimal.Decimal("1e400"), "1E+400"),
    ],
)
@pytest.mark.parametrize("kind", sorted(OPTIONS))
def test_a_number_past_the_float_range_is_quoted_as_given(data, value, shown, kind):
    with pytest.raises(DataError) as info:
        mnlogit.fit("y ~ x", data, ref="a", **OPTIONS[kind](weights(value)))
    message = str(info.value)
    assert f"got {shown} (past the largest float" in message
    assert "got inf" not in message and "a missing weight" not in message


@pytest.mark.parametrize(("value", "said"), [(np.inf, "infinite count"), (None, "a missing")])
def test_an_infinite_frequency_weight_is_not_called_missing(data, value, said):
    with pytest.raises(DataError, match=said) as info:
        mnlogit.fit("y ~ x", data, ref="a", weights=weights(value).astype(float))
    other = "a missing" if said == "infinite count" else "infinite count"
    assert other not in str(info.value)
