"""A survey fit's Wald statistics are t statistics (referred to t on the design degrees of
freedom): every rendered table heads them t, as the summary's ``t`` and ``P>|t|`` columns
do, and its notes and warnings call them t; the tidy frames keep the column name z that
every fit's frame has (their attrs say "t")."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import mnlogit
from mnlogit.report import frame_to_latex

FORMULA = "y ~ x"


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 240
    d = pd.DataFrame({"x": rng.normal(size=n), "st": rng.choice(["a", "b", "c"], n)})
    d["psu"] = d["st"] + rng.integers(0, 5, n).astype(str)
    d["w"] = rng.uniform(1, 4, n)
    d["y"] = rng.choice(["u", "v", "w"], n)
    return d


@pytest.fixture(scope="module")
def survey(data):
    return mnlogit.fit(
        FORMULA, data, design=mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")
    )


@pytest.fixture(scope="module")
def plain(data):
    return mnlogit.fit(FORMULA, data)


def test_to_frame_keeps_its_columns_and_says_the_statistic_is_t(survey, plain):
    """to_frame()'s columns are the same for every fit (the z column of a survey fit holds
    its t statistics); attrs say which statistic it is and on how many df."""
    frame = survey.to_frame()
    assert list(frame.columns) == list(plain.to_frame().columns)
    assert frame.attrs["statistic"] == "t" and frame.attrs["df"] == survey.df_design
    assert plain.to_frame().attrs["statistic"] == "z"
    np.testing.assert_allclose(
        frame["pvalue"], 2 * stats.t.sf(np.abs(frame["z"]), survey.df_design), rtol=1e-12
    )


@pytest.mark.parametrize("odds_ratios", [False, True])
def test_text_html_latex_and_markdown_head_the_column_t(survey, plain, odds_ratios):
    s = survey.summary(odds_ratios=odds_ratios)
    assert s.columns[3:5] == ["t", "P>|t|"]
    latex, md, text = s.as_latex(), s.as_markdown(), s.as_text()
    assert "P>|t|" in text and "P>|z|" not in text
    assert "P&gt;|t|" in s._repr_html_() and "P&gt;|z|" not in s._repr_html_()
    md = md.replace("\\|", "|").replace("\\>", ">")  # Markdown's escapes
    assert "P>|z|" not in md and "P>|t|" in md
    for tex in (latex, frame_to_latex(survey, odds_ratios=odds_ratios), survey.to_latex()):
        # P>|t| as LaTeX escapes it
        assert r"P\textgreater{}\textbar{}t\textbar{}" in tex
        assert r"P\textgreater{}\textbar{}z\textbar{}" not in tex
    # the cells under t are the t statistics (the ratio of estimate to standard error)
    first = s.blocks[0][1][1]
    assert float(first[3]) == pytest.approx(float(survey.to_frame()["z"].iloc[1]), abs=1e-4)
    assert plain.summary(odds_ratios=odds_ratios).columns[3:5] == ["z", "P>|z|"]


def test_margins_tables_head_the_statistic_t(survey, plain):
    m = survey.margins(at={"x": [0.0, 1.0]})
    for table in (m.to_frame(), m.contrast("x").to_frame(), survey.marginal_effects()):
        assert table.attrs["statistic"] == "t" and "z" in table.columns
    text = str(m)
    assert "P>|t|" in text and "P>|z|" not in text
    assert "P&gt;|t|" in m._repr_html_() and "P&gt;|z|" not in m._repr_html_()
    for table in (plain.margins(at={"x": 0.0}).to_frame(), plain.marginal_effects()):
        assert table.attrs["statistic"] == "z"


def test_the_notes_of_a_census_name_its_statistics_t(data):
    """A census (every PSU of every stratum sampled: standard errors 0) has no statistics:
    its notes and warnings said 'No z statistics' and 'std_error, z, pvalue ... are NaN'
    of tables whose column is t."""
    census = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu", fpc="fpc")
    res = mnlogit.fit(FORMULA, data.assign(fpc=5), design=census)
    note = res.to_frame().attrs["note"]
    assert "No t statistics" in note and "No z" not in note
    with pytest.warns(mnlogit.InferenceWarning, match=r"^to_csv\(\): No t statistics"):
        res.to_csv(io.StringIO())
    with pytest.warns(mnlogit.InferenceWarning, match=r"^zvalues: No t statistics"):
        assert res.zvalues.isna().all().all()
    margins = res.margins(at={"x": [0.0]})
    assert any("and so no t or p-value" in n for n in margins.notes)
    assert not any("no z" in n for n in margins.notes)
    assert "No t statistics" in res.marginal_effects().attrs["note"]


def test_a_penalised_survey_fit_says_its_t_column_is_nan(data):
    design = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")
    ridge = mnlogit.fit(FORMULA, data, design=design, penalty="l2")
    with pytest.warns(mnlogit.InferenceWarning, match=r"^to_frame\(\): std_error, z, pvalue"):
        frame = ridge.to_frame()
    assert frame[["std_error", "z", "pvalue"]].isna().all().all()
    with pytest.warns(mnlogit.InferenceWarning, match=r"^zvalues: the t statistics are NaN"):
        assert ridge.zvalues.isna().all().all()


def test_the_test_of_all_slopes_says_it_is_the_adjusted_f_on_the_design_df(survey, plain):
    # it read "Wald test of all slopes (design-based (linearised) covariance): F(2, 14)", an
    # adjusted F whose design df (15) appeared nowhere, where wald_test's method names both
    test, named = survey.wald_test_slopes(), survey.wald_test("x")
    d = survey.df_design
    assert test.method.startswith("Adjusted Wald test of all slopes")
    assert f"{d:g} design df" in test.method and f"{d:g} design df" in named.method
    assert test.df_denom == d - test.df + 1
    assert plain.wald_test_slopes().method == "Wald test of all slopes (model-based covariance)"


def test_an_adjusted_f_without_denominator_df_shows_no_nan_df(data):
    # four PSUs: 3 design df, below the 4 restrictions; str() read "F(4, nan) = nan, p = nan"
    few = data[data["psu"].isin(sorted(data["psu"].unique())[:4])]
    res = mnlogit.fit("y ~ x + I(x**2)", few, design=mnlogit.SurveyDesign(weights="w", psu="psu"))
    test = res.wald_test(["x", "I(x ** 2)"])
    assert np.isnan(test.statistic) and np.isnan(test.df_denom)
    assert str(test).startswith(f"{test.method}: F({test.df:g}) not computed (see the note)")
    assert "nan" not in str(test).splitlines()[0]


def test_a_design_of_one_stratum_is_labelled_one_stratum(data):
    """The covariance label said "1 strata" in the summary, the margins and the frames."""
    one = mnlogit.fit(
        FORMULA, data.assign(all="x"), design=mnlogit.SurveyDesign(weights="w", strata="all")
    )
    assert one.to_frame().attrs["covariance"] == "linearised (1 stratum, PSU = row)"
    assert "1 strata" not in str(one.summary())
    assert "linearised (3 strata," in str(
        mnlogit.fit(FORMULA, data, design=mnlogit.SurveyDesign(weights="w", strata="st")).summary()
    )


def test_csv_files_head_the_column_t(survey, plain, tmp_path):
    """A CSV file keeps none of the frame's attrs: a survey fit's file headed its t
    statistics z, as a fit without design df heads its z statistics."""
    for res, stat in ((survey, "t"), (plain, "z")):
        path = tmp_path / f"{stat}.csv"
        res.to_csv(path)
        for text in (path.read_text(encoding="utf-8"), res.summary().as_csv()):
            back = pd.read_csv(io.StringIO(text), index_col=[0, 1])
            other = {"t": "z", "z": "t"}[stat]
            assert stat in back.columns and other not in back.columns
            np.testing.assert_array_equal(back[stat], res.to_frame()["z"])
            assert list(back.columns).index(stat) == 2  # where the frame has z
