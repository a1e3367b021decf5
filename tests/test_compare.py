"""Tables of several fits side by side: content, every rendering, LaTeX that compiles, refusals."""

import io
import shutil
import subprocess
import warnings
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError, ModelComparisonError, OptionError
from mnlogit.report._format import num

FORMULAS = [
    "mode ~ np.log(distance)",
    "mode ~ np.log(distance) + income + region",
    "mode ~ np.log(distance) + income + region + purpose + parking",
]


@pytest.fixture(scope="module")
def nested():
    # the same rows for all three (income has missing values)
    df = mnlogit.datasets.load("travel").dropna(subset=["income"])
    return [mnlogit.fit(f, df, ref="car") for f in FORMULAS]


def test_tidy_source_and_statistics(nested):
    table = mnlogit.compare(nested, names=["distance", "+ person", "+ trip"])
    frame = table.to_frame()
    assert list(frame.index.names) == ["model", "outcome", "term"]
    for name, res in zip(table.names, nested, strict=True):
        pd.testing.assert_frame_equal(frame.loc[name], res.to_frame(), check_names=False)
    stats = table.statistics
    assert list(stats.columns) == ["distance", "+ person", "+ trip"]
    assert list(stats.index) == ["N", "Log-likelihood", "AIC", "BIC", "McFadden R2", "Covariance"]
    assert stats.loc["Log-likelihood", "+ trip"] == nested[2].llf
    assert stats.loc["BIC", "distance"] == nested[0].bic
    # nested models: the log-likelihood rises with every added block
    assert (np.diff(stats.loc["Log-likelihood"].to_numpy(float)) > 0).all()


def test_text_table_blocks_cells_and_notes(nested):
    table = mnlogit.compare(nested, stars=True)
    text = str(table)
    lines = text.splitlines()
    assert lines[1].split() == ["(1)", "(2)", "(3)"]
    for title in ("bus vs car", "train vs car", "walk vs car"):
        assert title in lines
    # the parking row: blank in the first two models, the third's estimate with its stars
    row = next(line for line in lines if line.startswith("parking"))
    est = nested[2].to_frame().loc[("bus", "parking")]
    assert row.split() == ["parking", num(est["estimate"]) + "***"]
    below = lines[lines.index(row) + 1]
    assert below.split() == [f"({num(est['std_error'])})"]
    assert "N" in text and "2972" in text and "model-based" in text
    assert "* p < 0.05, ** p < 0.01, *** p < 0.001" in text
    assert "Standard errors in parentheses." in text
    # every term of every model is in its block, once
    intercepts = [line for line in lines if line.startswith("Intercept")]
    assert len(intercepts) == 3


def test_odds_ratios_intervals_and_brackets(nested):
    ors = mnlogit.compare(nested, odds_ratios=True, se="ci", alpha=0.1)
    est = nested[1].to_frame(alpha=0.1).loc[("walk", "income")]
    cells = dict(zip(ors.names, ors._cells(ors._frames[1], "walk", "income"), strict=False))
    assert cells["(1)"] == num(est["odds_ratio"])
    assert cells["(2)"] == f"[{num(est['or_lower'])}, {num(est['or_upper'])}]"
    assert "90% Wald confidence intervals in brackets." in str(ors)
    assert "Relative-risk ratios" in str(ors)
    brackets = mnlogit.compare(nested, se="brackets")
    se = nested[0].to_frame().loc[("bus", "Intercept"), "std_error"]
    assert f"[{num(se)}]" in str(brackets)
    bare = mnlogit.compare(nested, se="none")
    assert f"({num(se)})" not in str(bare)


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells = []

    def handle_data(self, data):
        if data.strip():
            self.cells.append(data.strip())


def test_html_markdown_csv(nested):
    table = mnlogit.compare(nested, names=["a", "b & c", "<d>"])
    html_text = table._repr_html_()
    parser = _Cells()
    parser.feed(html_text)
    assert "b & c" in parser.cells and "<d>" in parser.cells and "walk vs car" in parser.cells
    assert "&lt;d&gt;" in html_text
    markdown = table.as_markdown()
    assert markdown.splitlines()[0].startswith("|")
    assert "region\\[T.urban\\]" in markdown
    csv = pd.read_csv(io.StringIO(table.as_csv()), dtype=str, keep_default_na=False)
    assert list(csv.columns) == ["outcome", "term", "statistic", "a", "b & c", "<d>"]
    row = csv[csv["term"] == "McFadden R2"].iloc[0]
    assert row["<d>"] == num(nested[2].pseudo_r2["mcfadden"])
    assert row["statistic"] == "model statistic" and row["outcome"] == ""
    # a model named 'term' keeps its name when read back (it was 'term.1')
    named = mnlogit.compare(nested[:2], names=["term", "b"]).as_csv()
    assert list(pd.read_csv(io.StringIO(named)).columns)[2:] == ["statistic", "term", "b"]


@pytest.mark.parametrize(
    ("se", "odds_ratios", "kinds"),
    [
        ("parentheses", False, ["estimate", "std_error"]),
        ("brackets", True, ["odds_ratio", "std_error"]),
        ("ci", False, ["estimate", "interval"]),
        ("none", False, ["estimate"]),
    ],
)
def test_every_csv_row_says_its_outcome_term_and_what_it_is(nested, se, odds_ratios, kinds):
    """The rows under the estimates had an empty term cell and the outcomes stood in title
    rows: the file could only be read by filling each row from the rows above it."""
    table = mnlogit.compare(nested[:2], names=["a", "b"], se=se, odds_ratios=odds_ratios)
    back = pd.read_csv(io.StringIO(table.as_csv()), dtype=str)
    assert list(back.columns) == ["outcome", "term", "statistic", "a", "b"]
    assert back["statistic"].notna().all() and back["term"].notna().all()
    cells = back[back["statistic"].isin(kinds)]
    assert cells["outcome"].notna().all()
    frame = nested[1].to_frame()
    assert len(cells) == len(frame) * len(kinds)
    for kind in kinds:  # each kind of row has every (outcome, term) once, in the fit's order
        rows = cells[cells["statistic"] == kind]
        assert list(zip(rows["outcome"], rows["term"], strict=True)) == list(frame.index)
    estimate = "odds_ratio" if odds_ratios else "estimate"
    row = cells[(cells["term"] == "income") & (cells["statistic"] == estimate)].iloc[0]
    assert row["outcome"] == "bus" and pd.isna(row["a"])  # (1) has no income
    if not odds_ratios:
        assert row["b"] == num(frame.loc[("bus", "income"), "estimate"])
    if "std_error" in kinds and not odds_ratios:
        under = cells[(cells["term"] == "income") & (cells["statistic"] == "std_error")]
        assert under["b"].iloc[0] == f"'({num(frame.loc[('bus', 'income'), 'std_error'])})"
    rest = back[~back["statistic"].isin(kinds)]
    assert rest["outcome"].isna().all()
    assert set(rest["statistic"]) == {"model statistic", "note"}
    stats = rest[rest["statistic"] == "model statistic"].set_index("term")
    assert stats.loc["N", "b"] == "2972" and "Covariance" in stats.index


needs_pdflatex = pytest.mark.skipif(
    shutil.which("pdflatex") is None, reason="pdflatex is not installed (.ci/run installs it)"
)


@needs_pdflatex
def test_latex_compiles(nested, tmp_path: Path):
    body = "\n\\bigskip\n".join(
        [
            mnlogit.compare(nested, stars=True).as_latex(),
            mnlogit.compare(
                nested, odds_ratios=True, se="ci", names=["x_1", "50%", "R&D"]
            ).as_latex(),
        ]
    )
    assert "$^{***}$" in body and r"\toprule" in body and r"\bottomrule" in body
    doc = (
        "\\documentclass{article}\n\\usepackage{booktabs}\n"
        "\\usepackage[margin=1cm,paperwidth=30cm,paperheight=60cm]{geometry}\n"
        "\\begin{document}\n" + body + "\n\\end{document}\n"
    )
    (tmp_path / "compare.tex").write_text(doc, encoding="utf-8")
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "compare.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert (tmp_path / "compare.pdf").stat().st_size > 0


def test_diverging_coefficients_are_flagged():
    df = mnlogit.datasets.load("travel")
    rng = np.random.default_rng(0)
    df["remote"] = np.where((df["mode"] == "car") & (rng.random(len(df)) < 0.05), "yes", "no")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        fits = [
            mnlogit.fit("mode ~ np.log(distance)", df, ref="car"),
            mnlogit.fit("mode ~ np.log(distance) + remote", df, ref="car"),
        ]
    table = mnlogit.compare(fits)
    text = str(table)
    assert "(!)" in text and 'method="firth"' in text
    # the separated fit's statistics are its last iterate's: flagged, the other fit's not
    for label, cells in table._bottom:
        if label in ("Log-likelihood", "AIC", "BIC", "McFadden R2"):
            assert not cells[0].endswith("(!)") and cells[1].endswith(" (!)"), label
    assert "the last iterate's" in " ".join(table.notes)


def test_refusals(nested):
    df = mnlogit.datasets.load("travel")
    with pytest.raises(ModelComparisonError, match="reference 'bus', model 1 'car'"):
        mnlogit.compare([nested[0], nested[0].with_ref("bus")])
    three = df[df["mode"] != "walk"]
    with pytest.raises(ModelComparisonError, match="levels 'bus', 'car', 'train'"):
        mnlogit.compare([nested[0], mnlogit.fit("mode ~ income", three, ref="car")])
    with pytest.raises(InputTypeError, match="expected a list of fitted models; got MNLogit"):
        mnlogit.compare(nested[0])
    with pytest.raises(InputTypeError, match="item 1 is a str"):
        mnlogit.compare([nested[0], "model"])
    with pytest.raises(InputTypeError, match="expected 3 distinct, non-blank names"):
        mnlogit.compare(nested, names=["a", "a", "b"])
    with pytest.raises(OptionError, match="se: expected one of"):
        mnlogit.compare(nested, se="stars")


@pytest.mark.parametrize("se", ["z", "t", "tstat", "p", "pvalue", "Z"])
def test_statistics_asked_under_the_estimates_are_said_not_offered(nested, se):
    # was: "se: expected one of ('parentheses', 'brackets', 'ci', 'none'); got 'z'" for
    # esttab's z statistics, silent on whether the table has them
    with pytest.raises(OptionError) as caught:
        mnlogit.compare(nested, se=se)
    said = str(caught.value)
    assert said.startswith(f"se={se!r}: the table shows no z (or t) statistics or p-values")
    for offered in ("'parentheses'", "'brackets'", "'ci'", "'none'", "stars=True", "to_frame()"):
        assert offered in said


@pytest.mark.parametrize(
    ("se", "cov"),
    [("robust", "cov_type='robust'"), ("Cluster", "cov_type='cluster'"), ("HC0", "HC0")],
)
def test_a_covariance_asked_as_se_is_said_to_be_the_fits(nested, se, cov):
    # se='robust' (the covariance, to statsmodels' and Stata's users) got only the styles
    with pytest.raises(OptionError) as caught:
        mnlogit.compare(nested, se=se)
    said = str(caught.value)
    assert said.startswith(f"se={se!r}: se= is what the table shows under each estimate")
    assert "not the covariance" in said and cov in said, said


@pytest.mark.parametrize(
    "names",
    [
        ["a", "", "b"],
        ["a", " ", "b"],
        ["a", "a ", "b"],
        # the kind of space, the Unicode form, an invisible mark: headers that print alike
        ["a b", "a\u00a0b", "c"],
        ["\u00e9", "e\u0301", "c"],
        ["a", "a\u200b", "b"],
    ],
)
def test_blank_names_or_names_alike_but_for_white_space_are_refused(nested, names):
    # a column without a header, or two whose headers read the same, were accepted
    with pytest.raises(InputTypeError, match="expected 3 distinct, non-blank names"):
        mnlogit.compare(nested, names=names)


def test_the_same_outcome_with_its_levels_in_another_order(nested):
    """An outcome read as a Categorical of another category order is the same outcome: the
    fits were refused as 'Only fits of the same outcome can share a table'. Each block holds
    every fit's coefficients of that equation, and fits on the same rows are not said to be
    fitted on other rows."""
    df = mnlogit.datasets.load("travel").dropna(subset=["income"])
    order = ["walk", "train", "car", "bus"]
    recoded = df.assign(mode=pd.Categorical(df["mode"], categories=order))
    other = mnlogit.fit(FORMULAS[1], recoded, ref="car")
    assert other.outcomes == tuple(order)
    table = mnlogit.compare([nested[0], other], names=["a", "b"])
    csv = pd.read_csv(io.StringIO(table.as_csv()))
    assert csv["outcome"].dropna().unique().tolist() == list(nested[0].equations)
    for eq in nested[0].equations:  # model 1's order: bus, train, walk
        at = (csv["outcome"] == eq) & (csv["term"] == "region[T.urban]")
        row = csv[at & (csv["statistic"] == "estimate")].iloc[0]
        assert row["b"] == num(other.params.loc["region[T.urban]", eq])
    assert not any("other rows" in note for note in table.notes)
    subset = mnlogit.fit(FORMULAS[1], recoded.iloc[:-5], ref="car")
    assert any("other rows" in note for note in mnlogit.compare([nested[0], subset]).notes)


def test_a_pseudo_r2_against_another_null_model_is_named(nested):
    """A model without an intercept has its pseudo-R2 against every coefficient zero (1/K
    each): beside fits against the intercept-only model, the fit worse by its log-likelihood
    showed the larger McFadden R2 (0.12 against 0.05), without a word."""
    df = mnlogit.datasets.load("travel").dropna(subset=["income"])
    without = mnlogit.fit("mode ~ 0 + np.log(distance) + income", df, ref="car")
    table = mnlogit.compare([nested[0], without], names=["a", "b"])
    stats = table.statistics
    assert stats.loc["McFadden R2", "b"] > stats.loc["McFadden R2", "a"]
    assert stats.loc["Log-likelihood", "b"] < stats.loc["Log-likelihood", "a"]
    note = [n for n in table.notes if "null model" in n]
    assert len(note) == 1 and note[0].startswith("b: McFadden R2 against the null model")
    assert "not comparable" in note[0] and "not comparable" in table.as_latex()
    # alone, the table still says which null its R2 is against
    alone = mnlogit.compare([without]).notes
    assert any("every coefficient zero" in n and "comparable" not in n for n in alone)
    assert not any("null model" in n for n in mnlogit.compare(nested).notes)


def test_columns_named_by_position_are_checked_or_said():
    # MNLogit(y, [1, income, kids]) beside MNLogit(y, [1, kids, income]): the row x1 held
    # income's coefficients in one column and kids' in the other, with nothing said
    df = mnlogit.datasets.load("travel").dropna(subset=["income"])
    y = df["mode"].to_numpy()
    one, income, parking = np.ones(len(df)), df["income"].to_numpy(), df["parking"].to_numpy()
    a = mnlogit.MNLogit(y, np.column_stack([one, income, parking]), ref="car").fit()
    b = mnlogit.MNLogit(y, np.column_stack([one, parking, income]), ref="car").fit()
    with pytest.raises(ModelComparisonError, match=r"column 'x1' of model 2 is not the column"):
        mnlogit.compare([a, b])
    frames = [pd.DataFrame(np.column_stack(c)) for c in ([one, income], [one, parking])]
    c, d = (mnlogit.MNLogit(y, X, ref="car").fit() for X in frames)
    with pytest.raises(ModelComparisonError, match=r"column '1' of model 2 .* positions"):
        mnlogit.compare([c, d])
    # the same columns, or fewer of them, in the same places: a table, without a note
    same = mnlogit.MNLogit(y, np.column_stack([one, income]), ref="car").fit()
    assert not any("by position" in n for n in mnlogit.compare([a, same]).notes)
    # other rows cannot be checked: the table says so
    half = slice(0, len(df) // 2)
    part = mnlogit.MNLogit(y[half], np.column_stack([one, parking])[half], ref="car").fit()
    (note,) = [n for n in mnlogit.compare([a, part]).notes if "by position" in n]
    assert note.startswith("(1), (2): fitted on unnamed arrays")


def test_a_term_named_as_a_statistic_is_told_apart_where_no_rule_is_drawn():
    # a term N or AIC read, in CSV and Markdown, as the statistics of those names below it
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"AIC": rng.normal(size=200), "N": rng.normal(size=200)})
    df["y"] = rng.choice(list("abc"), 200)
    table = mnlogit.compare([mnlogit.fit("y ~ AIC", df), mnlogit.fit("y ~ AIC + N", df)])
    # the CSV says what each row is: the term AIC's rows and the statistic AIC's apart
    csv = pd.read_csv(io.StringIO(table.as_csv()))
    aic = csv[csv["term"] == "AIC"]
    assert aic["statistic"].tolist() == ["estimate", "std_error"] * 2 + ["model statistic"]
    assert aic["outcome"].iloc[:4].tolist() == ["b", "b", "c", "c"]
    assert "Model statistics" not in table.as_csv()
    assert "| *Model statistics* |" in table.as_markdown().replace("  ", "")
    assert "Model statistics" not in table.as_text()  # a rule is drawn there
    plain = mnlogit.compare([mnlogit.fit("y ~ 1", df.rename(columns={"N": "n"}))])
    assert "Model statistics" not in plain.as_markdown()
