"""A Firth fit's summary says once what its likelihood-ratio tests compare: the method's note
said it, and the header test's note said it again in other words."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit

SAID = "the restricted model fitted under the full model's penalty"


def test_a_firth_summary_says_what_its_lr_tests_compare_once():
    df = mnlogit.datasets.load("risk")
    res = mnlogit.fit("risk ~ age + income", df, ref="low", method="firth")
    notes = res.summary().notes
    assert sum(SAID in note for note in notes) == 1, notes
    # the test itself keeps its note, for where it is shown alone
    assert SAID in res.lr_test().note
    assert "LR chi2" not in " ".join(notes)


def level_without_c(seed: int = 44) -> pd.DataFrame:
    """80 rows, y in a, b, c, with no row of level w of g in outcome c: c's coefficient of
    g[T.w] has no finite maximum-likelihood estimate (quasi-complete separation)."""
    rng = np.random.default_rng(seed)
    n = 80
    x = rng.normal(size=n)
    g = rng.choice(["u", "v", "w"], size=n)
    eta = np.column_stack([0 * x, 0.5 * x, -0.3 + 0.8 * x])
    y = np.array(["a", "b", "c"])[np.argmax(eta + rng.gumbel(size=(n, 3)), axis=1)]
    y[(g == "w") & (y == "c")] = "a"
    return pd.DataFrame({"y": y, "x": x, "g": g})


SEPARATED = "finite only through Firth's penalty"


def test_a_firth_summary_names_the_coefficients_finite_only_through_the_penalty():
    # The table showed c:g[T.w]'s Wald z and p-value (-2.40, 0.016) without a word, while
    # wald_test of the same coefficient said it was finite only through the penalty and its
    # Wald test unreliable
    df = level_without_c()
    res = mnlogit.fit("y ~ x + g", df, ref="a", method="firth")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the check behind the note warns of nothing
        notes = [note for note in res.summary().notes if SEPARATED in note]
    assert len(notes) == 1, res.summary().notes
    assert "c:g[T.w]" in notes[0] and "b:g[T.w]" not in notes[0] and "anova()" in notes[0]
    assert "quasi-completely separated" in notes[0]
    assert SEPARATED in res.wald_test("c:g[T.w] = 0").note
    assert SEPARATED in " ".join(str(res.summary()).split())  # the printed text too
    # the same note against another reference, which names that fit's coefficients
    moved = res.with_ref("c")
    assert any("a:g[T.w], b:g[T.w]" in note for note in moved.summary().notes)


def test_a_firth_summary_of_data_that_are_not_separated_has_no_such_note():
    df = level_without_c()
    df.loc[df.index[(df["g"] == "w").to_numpy()][:3], "y"] = "c"
    res = mnlogit.fit("y ~ x + g", df, ref="a", method="firth")
    assert not any(SEPARATED in note for note in res.summary().notes)
    complete = mnlogit.fit(
        "risk ~ age + income", mnlogit.datasets.load("risk"), ref="low", method="firth"
    )
    assert any("completely separated" in n for n in complete.summary().notes)


def test_data_that_are_not_separated_are_cleared_without_the_linear_program(monkeypatch):
    # the note's check ran the exact check's linear program on every Firth summary: 5 s at
    # 1e5 rows against a fit of 2 s; a maximum-likelihood fit from the Firth estimates
    # converges in a few steps on data that are not separated, and the program is not needed
    from mnlogit import _recession

    df = level_without_c()
    df.loc[df.index[(df["g"] == "w").to_numpy()][:3], "y"] = "c"
    res = mnlogit.fit("y ~ x + g", df, ref="a", method="firth")
    monkeypatch.setattr(_recession, "linprog", lambda *a, **k: pytest.fail("the LP ran"))
    assert not any(SEPARATED in note for note in res.summary().notes)
    assert "separated" not in res.wald_test("g").note


def test_a_comparison_table_says_it_of_the_models_it_concerns():
    # the table starred c:g[T.w] (p = 0.016) as the summary did, without a word
    df = level_without_c()
    small = mnlogit.fit("y ~ x", df, ref="a", method="firth")
    full = mnlogit.fit("y ~ x + g", df, ref="a", method="firth")
    notes = [n for n in mnlogit.compare([small, full], stars=True).notes if SEPARATED in n]
    assert len(notes) == 1 and notes[0].startswith("(2): ") and "c:g[T.w]" in notes[0]


def test_the_tidy_table_and_the_latex_table_say_it_where_they_go_without_the_summary():
    # res.to_frame() (and so a comparison's table of it) and res.to_latex() gave c:g[T.w]'s
    # Wald p-value 0.016 with no word that it is finite only through the penalty, which the
    # summary, compare and wald_test say: a table kept apart from its fit read as reliable
    df = level_without_c()
    res = mnlogit.fit("y ~ x + g", df, ref="a", method="firth")
    note = res.to_frame().attrs.get("note", "")
    assert SEPARATED in note and "c:g[T.w]" in note and "b:g[T.w]" not in note
    tex = " ".join(res.to_latex().split())
    assert SEPARATED in tex and "c:g{[}T.w{]}" in tex
    assert tex.count(SEPARATED) == 1
    assert SEPARATED in mnlogit.compare([res]).to_frame().attrs.get("note", "")
    # data that are not separated: no such note anywhere
    df.loc[df.index[(df["g"] == "w").to_numpy()][:3], "y"] = "c"
    clear = mnlogit.fit("y ~ x + g", df, ref="a", method="firth")
    assert SEPARATED not in clear.to_frame().attrs.get("note", "")
    assert SEPARATED not in clear.to_latex()
    # nor in the LaTeX summary, which says it once among its notes
    assert " ".join(res.summary().as_latex().split()).count(SEPARATED) == 1


def test_margins_effects_and_prediction_intervals_say_it_too():
    # margins(over="g") gave Pr(c | g = w) = 0.0x with a delta-method interval reaching below
    # 0, built on c:g[T.w]'s Wald standard error, with only "Computed from the bias-reduced
    # (Firth) estimates" beside it
    df = level_without_c()
    res = mnlogit.fit("y ~ x + g", df, ref="a", method="firth")
    tables = [
        res.margins(over="g").to_frame(),
        res.marginal_effects(),
        res.prediction_intervals(df.head(3)),
        res.margins(over="g").contrast("g", "reference").to_frame(),
    ]
    for table in tables:
        note = table.attrs["note"]
        assert SEPARATED in note and "c:g[T.w]" in note and "delta-method" in note, note
        assert note.count(SEPARATED) == 1
    df.loc[df.index[(df["g"] == "w").to_numpy()][:3], "y"] = "c"
    clear = mnlogit.fit("y ~ x + g", df, ref="a", method="firth")
    assert SEPARATED not in clear.margins(over="g").to_frame().attrs["note"]
    assert "bias-reduced (Firth)" in clear.marginal_effects().attrs["note"]
