"""True/False options take NumPy's booleans (a mask's element, ``flags.any()``) as the bools they
are, everywhere: compare() and summary() refused np.True_ as 'not one of (False, True)' while
iia_test and the scikit-learn estimator took it; anything else is refused by name."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import OptionError
from mnlogit.sklearn import MNLogitClassifier


@pytest.fixture(scope="module")
def fits():
    rng = np.random.default_rng(3)
    n = 400
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    df["y"] = np.array(["a", "b", "c"])[rng.integers(0, 3, n)]
    return df, mnlogit.fit("y ~ x", df), mnlogit.fit("y ~ x + z", df)


def test_numpy_booleans_are_the_bools_they_are(fits):
    df, small, big = fits
    for flag in (True, False):
        table = mnlogit.compare([small, big], odds_ratios=np.bool_(flag), stars=np.bool_(flag))
        plain = mnlogit.compare([small, big], odds_ratios=flag, stars=flag)
        assert str(table) == str(plain)
        assert str(big.summary(odds_ratios=np.bool_(flag))) == str(big.summary(odds_ratios=flag))
        one = big.iia_test("b", include_intercepts=np.bool_(flag))
        assert one.statistic == big.iia_test("b", include_intercepts=flag).statistic
    est = MNLogitClassifier(fit_intercept=np.False_).fit(df[["x"]], df["y"])
    assert list(est.results_.params.index) == ["x"]


@pytest.mark.parametrize("bad", ["yes", 1, None, np.array([True])])
def test_other_values_are_refused_by_name(fits, bad):
    df, small, big = fits
    with pytest.raises(OptionError, match=r"odds_ratios: expected True or False; got"):
        mnlogit.compare([small, big], odds_ratios=bad)
    with pytest.raises(OptionError, match=r"stars: expected True or False; got"):
        mnlogit.compare([small, big], stars=bad)
    with pytest.raises(OptionError, match=r"odds_ratios: expected True or False; got"):
        big.summary(odds_ratios=bad)
    with pytest.raises(OptionError, match=r"include_intercepts: expected True or False; got"):
        big.iia_test("b", include_intercepts=bad)
    with pytest.raises(OptionError, match=r"fit_intercept: expected True or False; got"):
        MNLogitClassifier(fit_intercept=bad).fit(df[["x"]], df["y"])
