"""A weighted fit's reference grid and typical row hold numeric variables at weighted means,
and their notes say so: they said "numeric variables at their means" beside values that the
rows' plain means (emmeans' grid) do not give."""

from __future__ import annotations

import numpy as np
import pytest

import mnlogit

FORMULA = "mode ~ income + np.log(distance) + region"


@pytest.fixture(scope="module")
def data():
    df = mnlogit.datasets.load("travel").dropna(subset=["income"]).reset_index(drop=True)
    return df.assign(w=1.0 + np.arange(len(df)) % 3, psu=df["household"] // 40)


@pytest.mark.parametrize(
    "options, label",
    [
        ({"weights": "w"}, "frequency weights"),
        (
            {"design": mnlogit.SurveyDesign(weights="w", psu="psu")},
            "probability (sampling) weights",
        ),
    ],
)
def test_weighted_means_said(data, options, label):
    res = mnlogit.fit(FORMULA, data, ref="car", **options)
    (note,) = res.margins(over="region", average="grid").notes
    mean = np.average(data["income"], weights=data["w"])
    assert f"numeric variables at their means weighted by the fit's {label} (" in note
    assert f"income = {mean:.4g}" in note
    assert "emmeans' grid holds them at the rows' plain means" in note
    typical = res.marginal_effects(at="typical").attrs["note"]
    assert f"numeric variables at their means weighted by the fit's {label}," in typical


def test_unweighted_means_said_plainly(data):
    res = mnlogit.fit(FORMULA, data, ref="car")
    (note,) = res.margins(over="region", average="grid").notes
    assert f"numeric variables at their means (income = {data['income'].mean():.4g}" in note
    assert "weighted" not in note
    assert "weighted" not in res.marginal_effects(at="typical").attrs["note"]
