"""The IIA tests' options under reparametrisations of one model: slopes only
(``include_intercepts=False``), the count of coefficients as df (``df="k"``), the solve
inverse and suest without intercepts give the same statistic, p-value and df when a
predictor is rescaled (by 1e-8) or shifted (by 1e6), when a factor has another
baseline or sum contrasts, when the terms come in another order, against another reference
(omitting a level that is not a reference) and with frequency weights of 2 for every row
twice. (tests/test_shift_invariance.py and test_scale_and_rank.py check the default tests.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit

# negative Hausman statistics (p NaN) are part of what must agree; x + 1e6 is nearly collinear
pytestmark = pytest.mark.filterwarnings(
    "ignore::mnlogit.exceptions.InferenceWarning", "ignore::mnlogit.exceptions.CollinearityWarning"
)
FORMULA = "y ~ x + np.log(z) + C(g)"
TESTS = [
    {"include_intercepts": False},
    {"df": "k"},
    {"inverse": "solve"},
    {"method": "suest"},
    {"method": "suest", "include_intercepts": False},
]


def simulate(seed: int, n: int = 200, K: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n) + 3,
            "z": rng.uniform(0.5, 5, n),
            "g": rng.choice(["p", "q", "r"], n),
            "w": rng.integers(1, 4, n),
        }
    )
    B = rng.normal(size=(3, K)) * 0.7
    eta = np.column_stack([np.ones(n), d["x"] - 3, np.log(d["z"])]) @ B
    eta += 0.4 * (d["g"] == "q").to_numpy()[:, None] * rng.normal(size=K)
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1).clip(0, K - 1)
    d["y"] = np.array([f"k{j}" for j in range(K)])[codes]
    return d


def statistics(res, omit: list[str]) -> np.ndarray:
    return np.array(
        [
            [(t := res.iia_test(level, **options)).statistic, t.pvalue, t.df]
            for options in TESTS
            for level in omit
        ]
    )


RELATIONS = {
    "scale 1e-8": lambda d: (d.assign(x=d["x"] * 1e-8), FORMULA, "k0"),
    "shift 1e6": lambda d: (d.assign(x=d["x"] + 1e6), FORMULA, "k0"),
    "baseline": lambda d: (d, FORMULA.replace("C(g)", "C(g, levels=['r', 'q', 'p'])"), "k0"),
    "sum coding": lambda d: (d, FORMULA.replace("C(g)", "C(g, contr.sum)"), "k0"),
    "terms": lambda d: (d, "y ~ C(g) + np.log(z) + x", "k0"),
    "ref": lambda d: (d, FORMULA, "k3"),
}


@pytest.mark.parametrize("options", [{}, {"weights": "w"}])
@pytest.mark.parametrize("how", list(RELATIONS))
def test_iia_options_do_not_depend_on_the_parametrisation(how, options):
    d = simulate(2)
    a = mnlogit.fit(FORMULA, d, ref="k0", **options)
    other, formula, ref = RELATIONS[how](d)
    b = mnlogit.fit(formula, other, ref=ref, **options)
    omit = ["k1", "k2"] if how == "ref" else ["k0", "k1", "k2"]
    want, got = statistics(a, omit), statistics(b, omit)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9)


def test_iia_options_with_frequency_weights_of_two_are_those_of_every_row_twice():
    d = simulate(3)
    a = mnlogit.fit(FORMULA, d.assign(w=2), ref="k0", weights="w")
    b = mnlogit.fit(FORMULA, pd.concat([d, d], ignore_index=True), ref="k0")
    np.testing.assert_allclose(
        statistics(b, ["k0", "k1"]), statistics(a, ["k0", "k1"]), rtol=1e-6, atol=1e-9
    )
