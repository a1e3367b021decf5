"""Sandwich covariances of Firth fits on separated data are refused: the estimates exist only
through the penalty, and the likelihood's row scores, which the sandwich sums, vanish along the
separating direction. Unrefused, the intercept's robust standard error was 0.1 against a
model-based 1.4."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import EstimationError


def _data(separated: bool) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 300
    df = pd.DataFrame(
        {
            "y": rng.choice(list("ABC"), n),
            "x": rng.standard_normal(n),
            "g": rng.choice(list("abc"), n),
            "cl": rng.integers(0, 30, n),
        }
    )
    if separated:  # every row of g == 'a' has outcome A: quasi-complete separation
        df.loc[df.g == "a", "y"] = "A"
    return df


@pytest.mark.parametrize(("cov_type", "kw"), [("robust", {}), ("cluster", {"groups": "cl"})])
def test_sandwich_of_a_separated_firth_fit_is_refused(cov_type, kw):
    df = _data(separated=True)
    before = df.copy()
    with pytest.raises(
        EstimationError, match=r"quasi-completely separated.*use cov_type='nonrobust'"
    ):
        mnlogit.fit("y ~ x + g", df, method="firth", cov_type=cov_type, **kw)
    pd.testing.assert_frame_equal(df, before)
    # the model-based covariance of the same fit is given
    res = mnlogit.fit("y ~ x + g", df, method="firth")
    assert np.isfinite(res.bse.to_numpy()).all()


@pytest.mark.parametrize(("cov_type", "kw"), [("robust", {}), ("cluster", {"groups": "cl"})])
def test_sandwich_of_a_firth_fit_without_separation_is_given(cov_type, kw):
    df = _data(separated=False)
    res = mnlogit.fit("y ~ x + g", df, method="firth", cov_type=cov_type, **kw)
    assert res.cov_type == cov_type
    se = res.bse.to_numpy()
    assert np.isfinite(se).all()
    # with no separation the penalty moves the estimates by O(1/n): the sandwich is close to
    # that of the maximum-likelihood fit
    ml = mnlogit.fit("y ~ x + g", df, cov_type=cov_type, **kw).bse.to_numpy()
    np.testing.assert_allclose(se, ml, rtol=0.05)


def test_design_based_covariance_of_a_separated_firth_fit_is_refused():
    """A survey fit has no model-based covariance to fall back on: the advice is to merge or
    drop what separates the outcomes."""
    df = _data(separated=True).assign(pw=np.linspace(1.0, 3.0, 300))
    design = mnlogit.SurveyDesign(weights="pw")
    with pytest.raises(EstimationError, match=r"design.*merge or drop the levels or columns"):
        mnlogit.fit("y ~ x + g", df, method="firth", design=design)
    res = mnlogit.fit("y ~ x + g", _data(separated=False).assign(pw=2.0), method="firth",
                      design=mnlogit.SurveyDesign(weights="pw"))  # fmt: skip
    assert res.cov_type == "design" and np.isfinite(res.bse.to_numpy()).all()
