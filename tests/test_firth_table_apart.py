"""A Firth fit's tidy table kept apart from its summary (``to_frame()``, the summary's own
``to_frame()``, and the fit's entry in ``compare(...).to_frame()``) says its estimates are
bias-reduced, as ``to_latex()`` does: saved as a frame, it read as maximum likelihood's."""

from __future__ import annotations

import warnings

import mnlogit

SAID = "Estimates: bias-reduced (Firth)."


def test_a_firth_table_names_its_estimates():
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ parking", df, ref="car", method="firth")
    assert res.to_frame().attrs["note"].startswith(SAID)
    assert res.summary().to_frame().attrs["note"].startswith(SAID)
    assert SAID in res.to_latex()
    assert SAID in mnlogit.compare([res]).to_frame().attrs["note"]


def test_a_pseudo_firth_table_names_its_estimates():
    df = mnlogit.datasets.load("travel")
    design = mnlogit.SurveyDesign(weights=1.0 + (df.index % 3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        res = mnlogit.fit("mode ~ parking", df, ref="car", method="firth", design=design)
    assert res.to_frame().attrs["note"].startswith("Estimates: pseudo-bias-reduced (Firth).")


def test_other_fits_say_nothing_of_their_estimates():
    df = mnlogit.datasets.load("travel")
    for res in (
        mnlogit.fit("mode ~ parking", df, ref="car"),
        mnlogit.fit("mode ~ parking", df, ref="car", penalty="l2"),
    ):
        with warnings.catch_warnings():  # the L2 fit's: no standard errors (its note says)
            warnings.simplefilter("ignore", mnlogit.InferenceWarning)
            note = res.to_frame().attrs.get("note", "")
        assert "Estimates:" not in note
        assert "Estimates:" not in res.to_latex()
