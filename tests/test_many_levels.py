"""An outcome of more than 20 levels with fewer than two observations per level is refused
before the fit: each level's equation rests on about one row, such levels are usually
separated, and the exact check of which estimates exist solved a linear program per
coefficient (277 s for a measurement given as the outcome: 300 rows, 283 levels, 3 columns).
A fit identified by an L2 penalty is not refused; frequency weights count observations."""

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError
from mnlogit.sklearn import MNLogitClassifier


def _measured(n=300, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {"x": rng.normal(size=n).round(3), "k": rng.integers(0, 5, n), "z": rng.normal(size=n)}
    )


def _levels_said(df):
    return f"outcome 'x' has {df['x'].nunique()} levels among {len(df)} rows with positive weight"


@pytest.mark.parametrize(
    "call",
    [
        lambda df: mnlogit.fit("x ~ z + k", df),
        lambda df: mnlogit.fit("x ~ z + k", df, method="firth"),
        lambda df: mnlogit.check_separation("x ~ z + k", df),
        lambda df: mnlogit.MNLogit.from_formula("x ~ z + k", df).fit(),
    ],
    ids=["fit", "firth", "check_separation", "from_formula"],
)
def test_a_measurement_given_as_the_outcome_is_refused_before_the_fit(call):
    df = _measured()
    with pytest.raises(DataError) as err:
        call(df)
    text = str(err.value)
    assert _levels_said(df) in text and "fewer than two observations per level" in text
    assert "pd.cut" in text and "write it after the ~" in text and "penalty='l2'" in text


def test_dask_refuses_it_with_the_advice_it_can_follow():
    dd = pytest.importorskip("dask.dataframe")
    df = _measured()
    with pytest.raises(DataError, match=re.escape(_levels_said(df))) as err:
        mnlogit.fit("x ~ z + k", dd.from_pandas(df, npartitions=3))
    assert "penalty" not in str(err.value)  # a dask fit takes none


def test_the_classifier_without_a_formula_is_not_told_of_a_tilde():
    df = _measured()
    with pytest.raises(DataError, match="fewer than two observations per level") as err:
        MNLogitClassifier().fit(df[["z", "k"]].to_numpy(), df["x"].astype(str))
    assert "~" not in str(err.value)
    fitted = MNLogitClassifier(penalty="l2", C=1.0).fit(df[["z", "k"]], df["x"].astype(str))
    assert len(fitted.classes_) == df["x"].nunique()


def test_an_l2_penalty_identifies_the_fit():
    df = _measured()
    res = mnlogit.fit("x ~ z + k", df, penalty="l2", C=1.0)
    assert res.params.shape == (3, df["x"].nunique() - 1)
    assert np.isfinite(res.params.to_numpy()).all()


@pytest.mark.parametrize(
    ("k", "n", "refused"),
    [(21, 41, True), (21, 42, False), (20, 30, False), (40, 79, True), (40, 80, False)],
)
def test_the_bound_is_two_observations_per_level_past_twenty_levels(k, n, refused):
    rng = np.random.default_rng(k * n)
    y = np.r_[np.arange(k), rng.integers(0, k, n - k)].astype(str)  # every level seen
    df = pd.DataFrame({"y": y, "z": rng.normal(size=n)})
    build = lambda: mnlogit.MNLogit.from_formula("y ~ z", df)  # noqa: E731
    if refused:
        with pytest.raises(DataError, match=f"has {k} levels among {n} rows"):
            build()
    else:
        assert len(build()._data.levels) == k


def test_frequency_weights_count_observations():
    # 25 levels on 30 rows, each row standing for 10 observations: 300 observations
    rng = np.random.default_rng(5)
    y = np.r_[np.arange(25), rng.integers(0, 25, 5)].astype(str)
    df = pd.DataFrame({"y": y, "z": rng.normal(size=30), "w": 10.0})
    assert len(mnlogit.MNLogit.from_formula("y ~ z", df, weights="w")._data.levels) == 25
    with pytest.raises(DataError, match=r"25 levels among observations \(30: the frequency"):
        mnlogit.MNLogit.from_formula("y ~ z", df.assign(w=1.0), weights="w")
