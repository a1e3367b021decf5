"""A survey fit's Wald statistics are t statistics (referred to t on the design degrees of
freedom): every table and export names them t, as the summary's ``t`` and ``P>|t|`` columns
do, and a fit without a design names them z. The CSV exports, ``to_frame()``, the
comparison table's frame and the margins tables named a survey fit's column z."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import mnlogit
from mnlogit.exceptions import DataError
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


def _header(csv_text: str) -> list[str]:
    return csv_text.splitlines()[0].split(",")


def test_to_frame_names_the_statistic_t_for_a_survey_fit(survey, plain):
    frame = survey.to_frame()
    assert "t" in frame.columns and "z" not in frame.columns
    assert frame.attrs["statistic"] == "t"
    np.testing.assert_allclose(
        frame["pvalue"], 2 * stats.t.sf(np.abs(frame["t"]), survey.df_design), rtol=1e-12
    )
    np.testing.assert_array_equal(frame["t"], survey.zvalues.to_numpy().T.ravel())
    other = plain.to_frame()
    assert "z" in other.columns and "t" not in other.columns


def test_csv_exports_name_the_statistic_as_the_fit_has_it(survey, plain, tmp_path):
    out = io.StringIO()
    survey.to_csv(out)
    header = _header(out.getvalue())
    assert header[:6] == ["outcome", "term", "estimate", "std_error", "t", "pvalue"]
    assert header == _header(survey.summary().as_csv())
    assert header == _header(survey.summary(odds_ratios=True, alpha=0.1).as_csv())
    survey.to_csv(tmp_path / "svy.csv")
    assert _header((tmp_path / "svy.csv").read_text()) == header
    assert pd.read_csv(tmp_path / "svy.csv")["t"].notna().all()
    out = io.StringIO()
    plain.to_csv(out)
    assert _header(out.getvalue())[4] == "z"


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
    assert s.frame.attrs["statistic"] == "t" and "t" in s.frame.columns
    # the cells under t are the t statistics (the ratio of estimate to standard error)
    first = s.blocks[0][1][1]
    assert float(first[3]) == pytest.approx(float(survey.to_frame()["t"].iloc[1]), abs=1e-4)
    assert plain.summary(odds_ratios=odds_ratios).columns[3:5] == ["z", "P>|z|"]


def test_comparison_frames_keep_t_and_z_apart(survey, plain):
    both = mnlogit.compare([survey, survey]).to_frame()
    assert "t" in both.columns and "z" not in both.columns
    assert list(both.columns[:3]) == ["estimate", "std_error", "t"]
    alone = mnlogit.compare([plain]).to_frame()
    assert "z" in alone.columns and "t" not in alone.columns
    mixed = mnlogit.compare([plain, survey], names=["plain", "svy"]).to_frame()
    assert list(mixed.columns[:4]) == ["estimate", "std_error", "z", "t"]
    assert mixed.loc["svy", "z"].isna().all() and mixed.loc["plain", "t"].isna().all()
    np.testing.assert_array_equal(mixed.loc["svy", "t"], survey.to_frame()["t"])
    np.testing.assert_array_equal(mixed.loc["plain", "z"], plain.to_frame()["z"])


def test_margins_tables_name_the_statistic_t(survey, plain):
    m = survey.margins(at={"x": [0.0, 1.0]})
    for table in (m.to_frame(), m.contrast("x").to_frame(), survey.marginal_effects()):
        assert "t" in table.columns and "z" not in table.columns
    text = str(m)
    assert "P>|t|" in text and "P>|z|" not in text
    assert "P&gt;|t|" in m._repr_html_() and "P&gt;|z|" not in m._repr_html_()
    for table in (plain.margins(at={"x": 0.0}).to_frame(), plain.marginal_effects()):
        assert "z" in table.columns and "t" not in table.columns


def test_a_variable_named_t_clashes_with_the_margins_table_of_a_survey_fit_only():
    rng = np.random.default_rng(2)
    n = 200
    d = pd.DataFrame({"t": rng.normal(size=n), "y": rng.choice(["a", "b", "c"], n)})
    d["w"] = rng.uniform(1, 3, n)
    d["psu"] = np.arange(n) % 20
    svy = mnlogit.fit("y ~ t", d, design=mnlogit.SurveyDesign(weights="w", psu="psu"))
    with pytest.raises(DataError, match=r"'t' clash"):
        svy.margins(at={"t": [0.0, 1.0]})
    frame = mnlogit.fit("y ~ t", d).margins(at={"t": [0.0, 1.0]}).to_frame()
    assert frame["t"].tolist() == [0.0] * 3 + [1.0] * 3 and "z" in frame.columns


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
    with pytest.warns(mnlogit.InferenceWarning, match=r"^to_frame\(\): std_error, t, pvalue"):
        frame = ridge.to_frame()
    assert frame[["std_error", "t", "pvalue"]].isna().all().all()
    with pytest.warns(mnlogit.InferenceWarning, match=r"^zvalues: the t statistics are NaN"):
        assert ridge.zvalues.isna().all().all()
