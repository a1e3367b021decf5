"""The margins' table says what the summary and compare() say: a NaN cell as "--", a factor's
level as its effects write it, and the data's Categorical dtype kept in the tidy table; a
variable named twice in over= is refused as a value listed twice in at= is."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


def _data(n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "region": pd.Categorical(rng.choice(["n", "s", "e"], n), categories=["s", "n", "e"]),
            "kf": rng.choice([0.0, 1.0, 2.0], n),
        }
    )


def test_nan_cells_of_the_margins_table_are_dashes_as_in_the_summary():
    df = _data()
    df.loc[df["region"] == "e", "y"] = "a"  # separated: the margins at 'e' have no SE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + region", df)
        m = res.margins(over="region")
    assert np.isnan(m.to_frame()["std_error"].iloc[-1])
    text = str(m)
    assert "nan" not in text, text
    last = next(line for line in text.splitlines() if line.startswith("e "))
    assert last.split()[3:] == ["--"] * 5, last
    assert '<td style="text-align:right">--</td>' in m._repr_html_()
    assert "nan" not in str(m.contrast("region"))


def test_a_variable_named_twice_in_over_is_refused():
    # merged into one before, where at={'x': [0, 0]} is refused
    res = mnlogit.fit("y ~ x + region", _data())
    with pytest.raises(DataError, match=r"over: 'region' is named more than once"):
        res.margins(over=["region", "region"])


def test_the_tidy_table_keeps_a_categorical_column_of_the_data():
    # the over= and at= columns came back as text, losing the categories' order
    df = _data()
    res = mnlogit.fit("y ~ x + region", df)
    for m in (res.margins(over="region"), res.margins(at={"region": ["e", "s"]})):
        column = m.to_frame()["region"]
        assert column.dtype == df["region"].dtype, column.dtype
        assert m.keys["region"].dtype == df["region"].dtype
    assert res.margins(over="region").to_frame()["region"].tolist()[::3] == ["s", "n", "e"]


def test_a_float_factor_s_levels_read_alike_in_contrasts_and_effects():
    # the contrast read '1 - 0' where the effect of the same change read kf[T.1.0]
    res = mnlogit.fit("y ~ x + C(kf)", _data())
    effects = res.margins(kind="effect", variables="kf").to_frame()["variable"].unique()
    assert list(effects) == ["kf[T.1.0]", "kf[T.2.0]"]
    over = res.margins(over="kf")
    labels = over.contrast("kf", "reference").to_frame()["kf"].unique()
    assert list(labels) == ["1.0 - 0.0", "2.0 - 0.0"]
    assert [line.split()[0] for line in str(over).splitlines()[5:14:3]] == ["0.0", "1.0", "2.0"]
    # a numeric variable's values stay short
    numeric = res.margins(at={"x": [0.0, 2.0]}).contrast("x").to_frame()["x"].unique()
    assert list(numeric) == ["0 - 2"]


def test_a_contrast_keeps_the_categorical_columns_it_does_not_contrast():
    df = _data()
    res = mnlogit.fit("y ~ x + region", df)
    for c in (
        res.margins(at={"x": [0, 1]}, over="region").contrast("x"),
        res.margins(over="region").contrast("outcome"),
    ):
        assert c.to_frame()["region"].dtype == df["region"].dtype
    # the plot reads them as it reads the margins'
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    res.margins(at={"x": [0, 1]}, over="region").contrast("x").plot()


def test_outcome_levels_and_the_reference_note_read_as_the_table_writes_them():
    # a float outcome's contrast read '1 - 0' beside the table's 1.0 and 0.0, and the note
    # of a float factor's baseline "Differences from '1'" beside labels '0.5 - 1.0'
    rng = np.random.default_rng(12)
    df = pd.DataFrame(
        {
            "y": rng.choice([0.0, 1.0, 2.5], 300),
            "x": rng.normal(size=300),
            "kf": rng.choice([0.5, 1.0, 2.0], 300),
        }
    )
    res = mnlogit.fit("y ~ x + C(kf, Treatment(1.0))", df)
    between = res.margins().contrast("outcome", "reference").to_frame()["outcome"]
    assert between.tolist() == ["1.0 - 0.0", "2.5 - 0.0"]
    c = res.margins(over="kf").contrast("kf", "reference")
    assert c.to_frame()["kf"].unique().tolist() == ["0.5 - 1.0", "2.0 - 1.0"]
    assert any(n.startswith("Differences from '1.0', the baseline of 'kf'") for n in c.notes)


def test_the_summary_shows_nan_tests_and_intervals_as_dashes():
    # with 0 design degrees of freedom the summary's P>|t| and intervals read 'nan' where
    # compare() and the margins read '--' (the notes say why)
    rng = np.random.default_rng(3)
    n = 120
    d = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "k": rng.normal(size=n),
            "st": np.arange(n) % 3,
        }
    )
    design = mnlogit.SurveyDesign(strata="st", psu="st", lonely_psu="adjust")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ k", d, design=design)
    assert res.df_design == 0
    for odds_ratios in (False, True):
        text = str(res.summary(odds_ratios=odds_ratios))
        rows = [line.split() for line in text.splitlines() if line.strip().startswith("k ")]
        assert len(rows) == 2 and all(r[4:] == ["--"] * 3 for r in rows), text
        assert "nan" not in text.split("=" * 20)[-2], text
        assert "With 0 design degrees of freedom" in text.replace("\n    ", " ")


@pytest.mark.parametrize(
    "given",
    [
        np.float32(0.1),
        np.array([0.1, 0.3], dtype=np.float32),
        pd.Series([0.1, 0.3], dtype="float32"),
        pd.array([0.1, 0.3], dtype="Float32"),
    ],
)
def test_float32_values_of_at_are_the_numbers_they_show(given):
    # at={'x': np.float32(0.1)} labelled the table and its contrasts 0.10000000149011612
    res = mnlogit.fit("y ~ x", _data())
    m = res.margins(at={"x": given})
    expected = [0.1] if np.ndim(given) == 0 else [0.1, 0.3]
    assert m.to_frame()["x"].unique().tolist() == expected
    assert "0.1000000" not in str(m)
    if len(expected) == 2:
        assert m.contrast("x").to_frame()["x"].unique().tolist() == ["0.1 - 0.3"]
