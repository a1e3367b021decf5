"""Margins, marginal effects and prediction intervals on a cluster-robust fit of few
clusters say what the summary says of its z column: the normal reference leans on many
clusters. A margins table of a fit on 2 clusters showed z = -1054 and p < 0.0001 with no
word of it."""

from __future__ import annotations

import numpy as np
import pytest

import mnlogit

SAID = "With {G} clusters: the z statistics and intervals, referred to the normal"


@pytest.fixture(scope="module")
def data():
    df = mnlogit.datasets.load("travel").dropna(subset=["income"]).reset_index(drop=True)
    return df.assign(g2=df["household"] % 2, g7=df["household"] % 7)


@pytest.mark.parametrize("groups, G", [("g2", 2), ("g7", 7)])
def test_few_clusters_said_beside_every_delta_method_table(data, groups, G):
    res = mnlogit.fit("mode ~ income + region", data, ref="car", cov_type="cluster", groups=groups)
    said = SAID.format(G=G)
    assert said in str(res.summary())
    m = res.margins(over="region")
    assert any(note.startswith(said) for note in m.notes)
    assert said in m.to_frame().attrs["note"]
    assert said in str(m)
    assert said in m.contrast("region").to_frame().attrs["note"]
    assert said in res.margins(kind="effect").to_frame().attrs["note"]
    assert said in res.marginal_effects().attrs["note"]
    assert said in res.prediction_intervals(data.head(2)).attrs["note"]


def test_many_clusters_say_nothing(data):
    res = mnlogit.fit(
        "mode ~ income + region", data, ref="car", cov_type="cluster", groups="household"
    )
    assert res._data.n_clusters >= 50
    assert not any("clusters:" in note for note in res.margins(over="region").notes)
    assert "clusters:" not in res.marginal_effects().attrs["note"]
    assert "clusters:" not in res.prediction_intervals(data.head(2)).attrs.get("note", "")
    assert np.isfinite(res.margins().to_frame()["z"]).all()
