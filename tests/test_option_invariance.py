"""Reparametrisations of one model under the options the other property tests do not cross
them with: a stratified design with PSUs (and a subpopulation), probability weights without a
design, Firth's fit (model-based, robust, with frequency weights), frequency weights beside a
cluster-robust covariance.

A predictor in units of 1e-8 or 1e8, another reference outcome, the rows in another order,
the terms in another order, and a factor with another baseline or with sum contrasts are the
same model: the fitted probabilities, tests of whole terms, margins and their contrasts must
not change, and an effect of the rescaled predictor is divided by the scale.
(tests/test_label_invariance.py, test_reference_invariance.py, test_shift_invariance.py and
test_survey_invariance.py check these relations beside the model-based, robust and cluster
covariances and each description of a design.)
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_label_invariance import _numbers

import mnlogit

PROPERTY = settings(derandomize=True, max_examples=6, deadline=None)
FORMULA = "y ~ x * C(g) + np.log(z) + C(h)"
DESIGN = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")
OPTIONS = {
    "design": {"design": DESIGN},
    "subpopulation": {"design": DESIGN, "subpop": "z > 1"},
    "probability weights": {"weights": "pw", "weight_type": "probability"},
    "firth": {"method": "firth"},
    "firth robust": {"method": "firth", "cov_type": "robust"},
    "firth weights": {"method": "firth", "weights": "w"},
    "weights clusters": {"weights": "w", "cov_type": "cluster", "groups": "cl"},
}
# what a relation leaves free: the IIA tests that omit the reference are refitted against
# another one; with x:C(g) in the model, x's own columns are its slope at g's baseline
# (coded one way or another) and their tests depend on the coding, as car::Anova says of
# type III tests; a contrast "from the baseline" of g starts from its first level
FREE = {
    "ref": {"iia"},
    "baseline": {"anova III", "wald x", "from baseline"},
    "sum coding": {"anova III", "wald x"},
}


def simulate(seed: int, n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n) * 2 + 1,
            "z": rng.uniform(0.5, 5, n),
            "g": rng.choice(["p", "q", "r"], n),
            "h": rng.choice(["u", "v"], n),
            "cl": rng.integers(0, 15, n),
            "w": rng.integers(1, 4, n),
            "st": rng.integers(0, 3, n),
            "pw": rng.uniform(0.5, 3, n),
        }
    )
    d["psu"] = d["st"] * 100 + rng.integers(0, 6, n)
    eta = np.column_stack(
        [
            np.zeros(n),
            0.6 * d["x"] + 0.5 * (d["g"] == "q") + 0.3 * (d["h"] == "v") - 0.3,
            -0.5 * np.log(d["z"]) + 0.4 * (d["g"] == "r") - 0.2 * d["x"] + 0.2,
        ]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


def outputs(res, new: pd.DataFrame, g: str, scale: float = 1.0) -> dict[str, np.ndarray]:
    """The numbers a user reads beside the coefficients, in the fit's order of levels and
    terms; effects of x multiplied by x's scale, margins at x's values without them."""
    at = {"x": [-1.0 * scale, 2.0 * scale]}
    out = {
        "predict": res.predict(new),
        "intervals": res.prediction_intervals(new),
        "anova": res.anova(),
        "anova III": res.anova(type="III"),
        "wald g": res.wald_test(g),
        "wald x": res.wald_test("x"),
        "slopes": res.wald_test_slopes(),
        "at x over h": res.margins(at=at, over="h").to_frame().drop(columns="x"),
        "contrast of x": res.margins(at=at).contrast("x").to_frame().drop(columns="x"),
        "over g": res.margins(over="g").to_frame(),
        "from baseline": res.margins(over="g").contrast("g", "reference").to_frame(),
        "grid": res.margins(over="g", average="grid").to_frame(),
        "effects of z": res.margins(kind="effect", variables="z", over="h").to_frame(),
    }
    x_effects = {
        "effects of x": res.marginal_effects(variables="x"),
        "effects of x at x": res.margins(kind="effect", variables="x", at=at)
        .to_frame()
        .drop(columns="x"),
    }
    if res.covariance.efficient or res.covariance.working_lr:  # a survey fit's: Rao-Scott
        out["lr"] = res.lr_test()
    if res.covariance.efficient and not res.solver.penalized:  # IIA: maximum likelihood
        out["iia"] = res.iia_table()
    numbers = {name: _numbers(table) for name, table in out.items()}
    numbers["fit"] = np.array([res.llf, res.nobs, res.df_model])
    for name, table in x_effects.items():
        values = _numbers(table).copy()
        columns = list(table.select_dtypes("number").columns)
        for column in ("dydx", "estimate", "std_error", "lower", "upper"):
            if column in columns:
                values[:, columns.index(column)] *= scale
        numbers[name] = values
    return numbers


def transformed(d: pd.DataFrame, how: str) -> tuple[pd.DataFrame, str, str, str, float]:
    """The same model as data, formula, reference, the name of g's term and x's scale."""
    if how.startswith("scale"):
        c = float(how.split()[1])
        return d.assign(x=d["x"] * c), FORMULA, "a", "C(g)", c
    if how == "ref":
        return d, FORMULA, "c", "C(g)", 1.0
    if how == "rows":
        return d.sample(frac=1.0, random_state=7), FORMULA, "a", "C(g)", 1.0
    if how == "terms":
        return d, "y ~ C(h) + np.log(z) + x * C(g)", "a", "C(g)", 1.0
    if how == "baseline":
        other = d.assign(g=pd.Categorical(d["g"], categories=["r", "p", "q"]))
        return other, FORMULA, "a", "C(g)", 1.0
    assert how == "sum coding"
    g = "C(g, contr.sum)"
    return d, FORMULA.replace("C(g)", g), "a", g, 1.0


@pytest.mark.slow
@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from(list(OPTIONS)),
    st.sampled_from(["scale 1e-8", "scale 1e8", "ref", "rows", "terms", "baseline", "sum coding"]),
)
def test_a_reparametrised_model_gives_the_same_numbers_under_every_option(seed, option, how):
    d = simulate(seed)
    assume(d["y"].value_counts().min() >= 20)
    new = d.sample(6, random_state=1)[["x", "z", "g", "h"]].reset_index(drop=True)
    other, formula, ref, g, scale = transformed(d, how)
    options = OPTIONS[option]
    if "subpop" in options and how.startswith("scale"):
        options = {**options, "subpop": "z > 1"}  # on z, which the scale leaves alone
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = mnlogit.fit(FORMULA, d, ref="a", **options)
        b = mnlogit.fit(formula, other, ref=ref, **options)
        assume(a.converged and b.converged)
        want = outputs(a, new, "C(g)")
        got = outputs(b, new.assign(x=new["x"] * scale), g, scale)
    assert want.keys() == got.keys()
    for name in want.keys() - FREE.get(how, set()):
        np.testing.assert_allclose(got[name], want[name], rtol=1e-6, atol=1e-9, err_msg=name)
