"""Pairs of fits that look alike (one formula nested in the other, as many rows) but are or are
not of one sample: ``mnlogit.lr_test`` refuses the pairs whose likelihoods are of different
data (other rows dropped for missing values, an outcome value changed, weights moved between
rows or scaled, a predictor changed in place, rows relabelled, the rows repeated for their
weights, a sandwich covariance) and gives the test of the comparable pair, to the digit, for
those that describe the same likelihood in other words (another reference, the outcome's
levels in another order or with a category no row has, rows of weight 0 dropped by hand, a
predictor rescaled in the smaller model). Each case is checked both ways round.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ModelComparisonError

SMALL, LARGE = "y ~ x", "y ~ x + z + g"


def simulate(seed: int = 9, n: int = 240) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "g": rng.choice(["a", "b", "c"], n),
            "w": rng.integers(1, 4, n).astype(float),
            "cl": rng.integers(0, 20, n),
        }
    )
    eta = np.column_stack(
        [
            np.zeros(n),
            0.4 + 0.7 * d["x"] + 0.3 * d["z"],
            -0.2 - 0.5 * d["x"] + 0.4 * (d["g"] == "c"),
        ]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["lo", "mid", "hi"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    d.loc[d.index[[3, 50, 120]], "w"] = 0.0
    return d


DATA = simulate()


def fit(formula: str, d: pd.DataFrame, **options):
    options.setdefault("ref", "lo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mnlogit.fit(formula, d, **options)


def _changed_outcome(d: pd.DataFrame) -> pd.DataFrame:
    out = d.copy()
    out.loc[out.index[7], "y"] = "hi" if out.loc[out.index[7], "y"] != "hi" else "mid"
    return out


def _missing(d: pd.DataFrame, column: str, at: int) -> pd.DataFrame:
    out = d.copy()
    out.loc[out.index[at], column] = np.nan
    return out


# (restricted, full) built from DATA; the comparable pair is both fitted to DATA unweighted
SAME_LIKELIHOOD = {
    "another reference in the full fit": lambda: (fit(SMALL, DATA), fit(LARGE, DATA, ref="mid")),
    "the outcome's levels in another order": lambda: (
        fit(SMALL, DATA),
        fit(LARGE, DATA.assign(y=pd.Categorical(DATA["y"], categories=["mid", "hi", "lo"]))),
    ),
    "an outcome category no row has": lambda: (
        fit(SMALL, DATA.assign(y=pd.Categorical(DATA["y"], categories=["hi", "lo", "mid", "x"]))),
        fit(LARGE, DATA),
    ),
    "x rescaled in the smaller model": lambda: (fit("y ~ I(2.5 * x)", DATA), fit(LARGE, DATA)),
}
SAME_WEIGHTED = {
    "rows of weight 0 dropped by hand from one fit": lambda: (
        fit(SMALL, DATA[DATA["w"] > 0], weights="w"),
        fit(LARGE, DATA, weights="w"),
    ),
}
OTHER_DATA = {
    "another row dropped for a missing value (as many rows)": lambda: (
        fit(SMALL, _missing(DATA, "x", 10)),
        fit(LARGE, _missing(DATA, "z", 20)),
    ),
    "other rows dropped by hand, the index reset (as many rows)": lambda: (
        fit(SMALL, DATA.drop(DATA.index[5]).reset_index(drop=True)),
        fit(LARGE, DATA.drop(DATA.index[6]).reset_index(drop=True)),
    ),
    "an outcome value changed": lambda: (fit(SMALL, DATA), fit(LARGE, _changed_outcome(DATA))),
    "weights moved between rows": lambda: (
        fit(SMALL, DATA, weights="w"),
        fit(LARGE, DATA.assign(w=np.roll(DATA["w"].to_numpy(), 1)), weights="w"),
    ),
    "weights doubled": lambda: (
        fit(SMALL, DATA, weights="w"),
        fit(LARGE, DATA.assign(w=2 * DATA["w"]), weights="w"),
    ),
    "weights in one fit only": lambda: (fit(SMALL, DATA, weights="w"), fit(LARGE, DATA)),
    "the predictor changed in place": lambda: (
        fit(SMALL, DATA),
        fit(LARGE, DATA.assign(x=DATA["x"] + 0.01 * np.sin(np.arange(len(DATA))))),
    ),
    "the rows relabelled": lambda: (
        fit(SMALL, DATA),
        fit(LARGE, DATA.set_axis(np.arange(len(DATA))[::-1] + 1000)),
    ),
    "the rows repeated for their weights": lambda: (
        fit(SMALL, DATA, weights="w"),
        fit(LARGE, DATA.loc[DATA.index.repeat(DATA["w"].astype(int))]),
    ),
    "cluster-robust covariances": lambda: (
        fit(SMALL, DATA, cov_type="cluster", groups="cl"),
        fit(LARGE, DATA, cov_type="cluster", groups="cl"),
    ),
}


def _statistic(restricted, full) -> float:
    return 2.0 * (full.llf - restricted.llf)


@pytest.fixture(scope="module")
def comparable():
    return {
        "plain": _statistic(fit(SMALL, DATA), fit(LARGE, DATA)),
        "weighted": _statistic(fit(SMALL, DATA, weights="w"), fit(LARGE, DATA, weights="w")),
    }


@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize(
    ("case", "which"),
    [(c, "plain") for c in SAME_LIKELIHOOD] + [(c, "weighted") for c in SAME_WEIGHTED],
)
def test_one_likelihood_in_other_words_gives_the_test_of_the_comparable_pair(
    comparable, case, which, swap
):
    pair = {**SAME_LIKELIHOOD, **SAME_WEIGHTED}[case]()
    test = mnlogit.lr_test(*(pair[::-1] if swap else pair))
    assert test.df == 6  # z and two dummies of g, in each of two equations
    np.testing.assert_allclose(test.statistic, comparable[which], rtol=1e-8)


@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("case", sorted(OTHER_DATA))
def test_fits_of_other_data_are_refused(case, swap):
    pair = OTHER_DATA[case]()
    with pytest.raises(ModelComparisonError):
        mnlogit.lr_test(*(pair[::-1] if swap else pair))
