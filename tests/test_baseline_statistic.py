"""A factor's baseline (or levels) taken from a statistic of the factor is refused as
computed from the other rows, and the refit the refusal advises is R's relevel().

C(region, Treatment(reference=region.max())) passed whenever the rows the check encoded
alone held the largest level: the fit was kept, and predictions on rows without it, and
margins(at=) of the other levels, were refused as columns "of another type". The rows
holding a text or categorical column's first and last levels are now encoded alone too.
Reference: nnet::multinom with relevel() (tests/reference/make_baseline_statistic.R).
"""

import json
import pathlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import FormulaError

REF = pathlib.Path(__file__).parent / "reference"


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "womenlf.csv")


NNET = json.loads((REF / "baseline_statistic.json").read_text())


@pytest.mark.parametrize(
    ("term", "key"),
    [
        ("C(region, Treatment(reference=region.max()))", "region"),
        ("C(region, Treatment(region.max()))", "region"),
        ("C(children, Treatment(reference=children.max()))", "children"),
    ],
)
def test_a_baseline_at_a_statistic_is_refused_with_advice_that_fits(data, term, key):
    with pytest.raises(FormulaError, match="from the other rows") as err:
        mnlogit.fit(f"partic ~ {term} + hincome", data, ref="not.work")
    assert "Treatment('c')" in str(err.value)
    res = mnlogit.fit(NNET[key]["formula"], data, ref="not.work")
    np.testing.assert_allclose(res.params.to_numpy(), NNET[key]["params"], rtol=1e-5, atol=1e-7)
    assert res.llf == pytest.approx(NNET[key]["loglik"], abs=1e-8)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), statistic=st.sampled_from(["max", "min"]))
def test_any_rows_refuse_a_baseline_at_the_largest_or_smallest_level(seed, statistic):
    rng = np.random.default_rng(seed)
    n = 60
    df = pd.DataFrame({"g": rng.choice(list("abcd"), n), "x": rng.normal(size=n)})
    df["y"] = rng.choice(list("ABC"), n)
    with pytest.raises(FormulaError, match="from the other rows"):
        mnlogit.fit(f"y ~ C(g, Treatment(reference=g.{statistic}())) + x", df)


def test_text_terms_of_each_row_alone_are_kept(data):
    # the rows of the first and last levels, encoded alone, read their own values
    res = mnlogit.fit("partic ~ I(region.str.upper()) + I(children.str[0]) + hincome", data)
    again = res.predict(data.iloc[[0, 100, 200]])
    np.testing.assert_allclose(again, res.predict().iloc[[0, 100, 200]], rtol=1e-12)
