"""The coefficient tables that leave a cluster-robust fit of few clusters without its
summary (``to_frame()``, the summary's own ``to_frame()``, ``to_latex()``, ``compare`` with
stars or intervals) say what the summary says of its z column: the normal reference leans on
many clusters. ``to_frame()`` of a fit on 3 clusters carried p < 1e-70 with no word of it,
where its margins' table said it."""

from __future__ import annotations

import numpy as np
import pytest

import mnlogit

SAID = "With {G} clusters: the z statistics and intervals, referred to the normal"


@pytest.fixture(scope="module")
def data():
    df = mnlogit.datasets.load("travel").dropna(subset=["income"]).reset_index(drop=True)
    return df.assign(g3=df["household"] % 3, g7=df["household"] % 7)


def _fit(data, groups):
    return mnlogit.fit("mode ~ parking", data, ref="car", cov_type="cluster", groups=groups)


@pytest.mark.parametrize("groups, G", [("g3", 3), ("g7", 7)])
def test_few_clusters_said_beside_every_coefficient_table(data, groups, G):
    res = _fit(data, groups)
    said = SAID.format(G=G)
    # the summary's words, beside a header test or alone
    assert "asymptotic in the number of clusters" in str(res.summary())
    assert said in res.to_frame().attrs["note"]
    assert said in res.summary().to_frame().attrs["note"]
    assert any(note.startswith(said) for note in res.summary().table_notes)
    assert said in res.to_latex()
    plain = mnlogit.fit("mode ~ parking", data, ref="car")
    for shown in ({"stars": True}, {"se": "ci"}):
        table = mnlogit.compare([plain, res], **shown)
        assert any(note.startswith(f"(2): {said}") for note in table.notes)
        assert said in table.to_frame().attrs["note"]["(2)"]
        assert "over-reject when they are few" in " ".join(table.as_text().split())
    # standard errors alone are not referred to the normal: no caveat on them
    assert not any("clusters:" in note for note in mnlogit.compare([plain, res]).notes)


def test_the_numbers_are_the_accessors(data):
    res = _fit(data, "g3")
    table = res.to_frame()
    # to_frame's columns are the accessors' values, to the bit
    np.testing.assert_array_equal(
        table["std_error"].to_numpy(), res.bse.to_numpy().ravel(order="F")
    )
    np.testing.assert_array_equal(
        table["pvalue"].to_numpy(), res.pvalues.to_numpy().ravel(order="F")
    )
    np.testing.assert_array_equal(table["lower"].to_numpy(), res.conf_int()["lower"].to_numpy())


def test_many_clusters_and_other_covariances_say_nothing(data):
    many = _fit(data, "household")
    assert many._data.n_clusters >= 50
    robust = mnlogit.fit("mode ~ parking", data, ref="car", cov_type="robust")
    for res in (many, robust):
        assert "clusters:" not in res.to_frame().attrs.get("note", "")
        assert not any("clusters:" in note for note in res.summary().table_notes)
        assert "over-reject" not in res.to_latex()
        assert not any("clusters:" in n for n in mnlogit.compare([res], stars=True).notes)
