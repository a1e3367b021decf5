"""New data whose integer column arrives as floats, for a formula that reads it as integers.

A column fitted on integers that the formula only converts or takes the bits of (I(k & 1),
I(k.astype('str'))) came, in new data read from a CSV with a gap or set by margins(at=), as
float64: predict() failed in pandas ("Cannot perform 'and_' with a dtyped [float64] array")
or refused 1.0 as a level not seen, and margins(at={"k": 2.5}) raised the pandas error.
Whole floats are now read as the integers they are; others are refused, quoted.
"""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import MNLogitError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    n = 300
    return pd.DataFrame(
        {"y": rng.choice(list("abc"), n), "k": rng.integers(1, 5, n), "x": rng.normal(size=n)}
    )


@pytest.mark.parametrize("formula", ["y ~ I(k & 1) + x", "y ~ I(k.astype('str')) + x"])
def test_whole_floats_predict_as_the_integers(data, formula):
    res = mnlogit.fit(formula, data)
    new = data.head(8).astype({"k": np.float64})
    expected = res.predict(data.head(8)).to_numpy()
    np.testing.assert_allclose(res.predict(new).to_numpy(), expected, rtol=0, atol=1e-15)
    gap = new.copy()
    gap.loc[gap.index[0], "k"] = np.nan
    with pytest.warns(mnlogit.MNLogitWarning, match="missing"):
        got = res.predict(gap).to_numpy()
    assert np.isnan(got[0]).all()
    np.testing.assert_allclose(got[1:], expected[1:], rtol=0, atol=1e-15)


def test_a_fraction_is_refused_quoted(data):
    res = mnlogit.fit("y ~ I(k & 1) + x", data)
    new = data.head(3).astype({"k": np.float64})
    new.loc[new.index[1], "k"] = 2.5
    with pytest.raises(MNLogitError, match=r"'k' holds 2\.5.*whole numbers"):
        res.predict(new)
    with pytest.raises(MNLogitError, match=r"k=2\.5.*whole numbers"):
        res.margins(at={"k": [1, 2.5]})
    assert res.margins(at={"k": 3.0}).to_frame()["estimate"].notna().all()


def test_the_classifier_reads_whole_floats_as_the_integers(data):
    from mnlogit.sklearn import MNLogitClassifier

    clf = MNLogitClassifier(formula="I(k & 1) + x").fit(data[["k", "x"]], data["y"])
    X = data[["k", "x"]].head(6)
    expected = clf.predict_proba(X)
    got = clf.predict_proba(X.astype({"k": np.float64}))
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-15)


def test_bits_of_integers_past_2_53_are_not_refused_as_rounded(data):
    # the column is read as integers, so float64's step of 256 there never applies
    wide = data.assign(k=data["k"] + 2**60)
    res = mnlogit.fit("y ~ I(k & 1) + x", wide)
    small = mnlogit.fit("y ~ I(k & 1) + x", data)
    np.testing.assert_allclose(res.params.to_numpy(), small.params.to_numpy(), rtol=0, atol=1e-12)
    with pytest.raises(MNLogitError, match=r"beyond 2\*\*53"):
        mnlogit.fit("y ~ k + I(k & 1)", wide)  # k itself is a number of the model
