"""Summary tables: stored text output, HTML, Markdown, CSV and LaTeX that compiles."""

import io
import re
import shutil
import subprocess
import warnings
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import DataError, OptionError
from mnlogit.report._format import num as _num
from mnlogit.report._format import pval as _pval
from mnlogit.report.summary import Summary, latex_escape
from mnlogit.results import MNLogitResults

EXPECTED = Path(__file__).parent / "expected"
# a date (2024-06-11, 11/06/2024, Jun 2024) or a time of day (12:34)
DATE_OR_TIME = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d{2}\b|"
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b|"
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*, "
)


@pytest.fixture(scope="module")
def anes(fits):
    return fits["anes96", "main"]


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


TRAVEL_FORMULA = "mode ~ np.log(distance) + income + age + parking + region + purpose"


# --- the stored text summary ---------------------------------------------------------------------
def test_text_summary_matches_stored_expected_output(anes):
    expected = (EXPECTED / "anes96_summary.txt").read_text(encoding="utf-8")
    assert str(anes.summary()) + "\n" == expected
    assert anes.summary().as_text() == str(anes.summary())
    assert not DATE_OR_TIME.search(expected)


def test_stored_summary_shows_the_reference_values():
    # the stored file was written by the code under test; check it against the independent
    # reference values so that it cannot freeze a wrong number
    text = (EXPECTED / "anes96_summary.txt").read_text(encoding="utf-8")
    m = refdata.model("anes96", "main")
    levels = tuple(range(7))
    coef, se = refdata.table(m, "coef", levels), refdata.table(m, "se", levels)
    blocks = re.split(r"^(\d) vs 0$", text, flags=re.M)
    for outcome, block in zip(blocks[1::2], blocks[2::2], strict=True):
        for term in coef.index:
            line = next(ln for ln in block.splitlines() if ln.split()[:1] == [term])
            cells = line.split()
            assert cells[1] == f"{coef.loc[term, int(outcome)]:.4f}"
            assert cells[2] == f"{se.loc[term, int(outcome)]:.4f}"
    assert f"{m['loglik']:.4f}" in text
    assert f"{m['loglik_null']:.4f}" in text
    assert f"LR chi2({m['lr_test_vs_null']['df']})" in text
    assert f"{m['lr_test_vs_null']['chi2']:.4f}" in text
    assert f"{m['aic']:.4f}" in text and f"{m['bic']:.4f}" in text
    assert f"{m['mcfadden_r2']:.4f}" in text


def test_header_names_outcome_levels_reference_and_fit(fits):
    res = fits["synthetic", "weighted"]
    text = str(res.summary())
    assert "Formula    mode ~ x1 + group + x1:group + log(x2)" in text or res.formula in text
    assert "mode, 4 levels: bus, car, train, walk" in text
    assert re.search(r"^Reference\s+car$", text, re.M)
    for label, value in [
        ("Rows used", "2000"),
        ("Sum of weights", "5135"),
        ("Outcome levels (K)", "4"),
        ("Parameters", str(res.n_params)),
        ("Covariance", "model-based"),
        ("Converged", "yes"),
        ("Iterations", str(res.n_iter)),
        ("Log-likelihood", _num(res.llf)),
        ("McFadden R2", _num(res.pseudo_r2["mcfadden"])),
        ("Cox-Snell R2", _num(res.pseudo_r2["cox_snell"])),
        ("Nagelkerke R2", _num(res.pseudo_r2["nagelkerke"])),
        ("AIC", _num(res.aic)),
        ("BIC", _num(res.bic)),
    ]:
        assert re.search(rf"{re.escape(label)}\s+{re.escape(value)}(\s|$)", text), label
    assert "Frequency weights: the 2000 rows stand for 5135 observations" in text
    blocks = [title for title, _ in res.summary().blocks]
    assert blocks == ["bus vs car", "train vs car", "walk vs car"]


def test_blocks_are_the_tidy_table(fits):
    res = fits["synthetic", "unweighted"]
    s = res.summary(alpha=0.1)
    frame = res.to_frame(alpha=0.1)
    pd.testing.assert_frame_equal(s.frame, frame)
    assert s.columns == ["", "coef", "std err", "z", "P>|z|", "[0.05", "0.95]"]
    for (title, rows), eq in zip(s.blocks, res.equations, strict=True):
        assert title == f"{eq} vs car"
        for row, (term, r) in zip(rows, frame.loc[eq].iterrows(), strict=True):
            assert row == [
                term,
                _num(r.estimate),
                _num(r.std_error),
                _num(r.z),
                _pval(r.pvalue),
                _num(r.lower),
                _num(r.upper),
            ]


def test_odds_ratios_show_rrr_with_exponentiated_intervals(anes):
    s = anes.summary(odds_ratios=True)
    frame = anes.to_frame()
    assert s.columns[1] == "RRR"
    row = s.blocks[3][1][2]  # 4 vs 0, selfLR
    r = frame.loc[(4, "selfLR")]
    assert row == [
        "selfLR",
        _num(r.odds_ratio),
        _num(r.odds_ratio * r.std_error),
        _num(r.z),
        _pval(r.pvalue),
        _num(r.or_lower),
        _num(r.or_upper),
    ]
    np.testing.assert_allclose(r.odds_ratio, np.exp(r.estimate), rtol=1e-14)
    assert "relative-risk ratio against 0" in str(s)


def test_number_formats():
    assert _num(-0.0) == "0.0000"
    assert _num(1.23456) == "1.2346"
    assert _num(3.2e-7) == "3.200e-07"
    assert _num(6.5e225) == "6.500e+225"
    assert _num(float("nan")) == "nan" and _num(float("-inf")) == "-inf"
    assert _pval(1e-30) == "<0.0001" and _pval(0.04321) == "0.0432"


def test_dropped_rows_and_covariance_types_are_stated(travel):
    used = travel.dropna(subset=["income"])
    res = mnlogit.fit(TRAVEL_FORMULA, travel, ref="car", cov_type="cluster", groups="household")
    text = str(res.summary())
    n_dropped = len(travel) - len(used)
    assert n_dropped > 0 and res.n_dropped == n_dropped
    assert re.search(rf"Rows dropped \(missing\)\s+{n_dropped}\b", text)
    assert f"{n_dropped} rows with missing values were dropped; {len(used)} rows were used" in text
    # one row dropped: "1 rows with missing values were dropped"
    one = travel.copy()
    one["income"] = one["income"].fillna(one["income"].median())
    one.loc[one.index[0], "income"] = np.nan
    single = str(mnlogit.fit(TRAVEL_FORMULA, one, ref="car").summary())
    assert f"1 row with missing values was dropped; {len(one) - 1} rows were used" in single
    assert f"cluster-robust ({used['household'].nunique()} clusters)" in text
    robust = mnlogit.fit(TRAVEL_FORMULA, travel, ref="car", cov_type="robust")
    assert "robust (HC0)" in str(robust.summary())


def test_a_table_alone_says_which_standard_errors_it_holds(travel):
    # to_latex() of a cluster-robust or robust fit, pasted into a paper, and to_frame() kept
    # apart from the fit, did not say that their standard errors were not model-based
    clusters = travel.dropna(subset=["income"])["household"].nunique()
    said = {
        "cluster": f"cluster-robust ({clusters} clusters)",
        "robust": "robust (HC0)",
        "nonrobust": "model-based",
    }
    for cov_type, label in said.items():
        groups = "household" if cov_type == "cluster" else None
        res = mnlogit.fit(TRAVEL_FORMULA, travel, ref="car", cov_type=cov_type, groups=groups)
        tex = res.to_latex()
        assert (rf"\textbf{{Note:}} Standard errors: {label}." in tex) == (cov_type != "nonrobust")
        assert res.to_frame().attrs["covariance"] == label
        margins = res.margins(at={"parking": [0, 5]})
        assert margins.to_frame().attrs["covariance"] == label
        assert margins.contrast("parking").to_frame().attrs["covariance"] == label
        assert res.marginal_effects().attrs["covariance"] == label
        assert res.summary().as_latex().count("Standard errors:") == 0  # its header says it
    plain = mnlogit.fit(TRAVEL_FORMULA, travel, ref="car")
    table = mnlogit.compare([plain, res.with_ref("car")], names=["a", "b"]).to_frame()
    assert table.attrs["covariance"] == "model-based"
    robust = mnlogit.fit(TRAVEL_FORMULA, travel, ref="car", cov_type="robust")
    table = mnlogit.compare([plain, robust], names=["a", "b"]).to_frame()
    assert table.attrs["covariance"] == {"a": "model-based", "b": "robust (HC0)"}


def test_non_convergence_is_a_prominent_warning(anes):
    m = refdata.model("anes96", "main")
    with pytest.warns(mnlogit.ConvergenceWarning):
        res = mnlogit.fit(m["formula"], refdata.data("anes96"), ref=0, max_iter=2)
    text = str(res.summary())
    assert text.splitlines()[1].startswith("WARNING: The fit did not converge in 2 iterations")
    assert re.search(r"Converged\s+no\b", text)


# --- separation and Firth ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def risk_ml():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"), ref="low")


def test_separation_is_printed_and_diverging_inference_hidden(risk_ml):
    assert risk_ml.separation is not None
    s = risk_ml.summary()
    text = str(s)
    head = "\n".join(text.splitlines()[:12])
    assert "WARNING: Separation:" in head and str(risk_ml.separation).split()[0] in head
    assert 'method="firth"' in head
    for _, rows in s.blocks:  # every coefficient of both equations diverges here
        for row in rows:
            assert row[0].endswith("(!)") and row[2:] == ["--"] * 5
    for fmt in (s.as_markdown(), s._repr_html_(), s.as_latex()):
        assert "Separation" in fmt and "firth" in fmt


class _PartialSeparation:
    kind = "quasi-complete"
    outcomes = ("high",)
    terms = ("income",)

    def __str__(self):
        return "quasi-complete separation of 'high' by 'income'"


def test_only_the_separated_coefficients_are_marked(risk_ml):
    res = MNLogitResults(risk_ml._data, risk_ml._core, separation=_PartialSeparation())
    s = res.summary()
    marked = {(title, row[0]) for title, rows in s.blocks for row in rows if "(!)" in row[0]}
    assert marked == {("high vs low", "income (!)")}
    shown = s.blocks[1][1][2]  # medium vs low, income: inference shown
    assert shown[2] == _num(res.bse.loc["income", "medium"])
    assert "Coefficients marked (!) diverge" in str(s)
    assert "quasi-complete separation of 'high' by 'income'" in str(s)


def test_firth_summary_shows_the_penalised_log_likelihood():
    res = mnlogit.fit(
        "risk ~ age + income", mnlogit.datasets.load("risk"), ref="low", method="firth"
    )
    text = str(res.summary())
    assert text.startswith("Multinomial logit regression, bias-reduced (Firth)")
    assert re.search(rf"Penalised log-likelihood\s+{re.escape(_num(res.penalized_llf))}", text)
    assert re.search(r"Method\s+bias-reduced \(Firth\)", text)
    assert "compare penalised log-likelihoods" in text
    assert "WARNING" not in text


# --- HTML, Markdown, CSV ---------------------------------------------------------------------
class _Rows(HTMLParser):
    """Checks that tags nest and collects the text of each table row's cells."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.rows, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)
        if self.stack and self.stack[-1] in ("td", "th", "sup"):
            self.rows[-1][-1] += data


def test_html_is_well_formed_escaped_and_complete(fits):
    res = fits["synthetic", "unweighted"]
    s = res.summary()
    page = s._repr_html_()
    assert res._repr_html_() == page
    parser = _Rows()
    parser.feed(page)
    assert parser.errors == [] and parser.stack == []
    assert "P&gt;|z|" in page and "x1:group[T.urban]" in page
    want = [s.columns]
    for title, rows in s.blocks:
        want += [[title], *rows]
    assert parser.rows[-len(want) :] == want
    header = {
        row[k]: row[k + 1] for row in parser.rows[: -len(want)] for k in range(0, len(row), 2)
    }
    assert header["Reference"] == "car" and header["Log-likelihood"] == _num(res.llf)
    assert page.count("<table") == 2 and not DATE_OR_TIME.search(page)


def test_markdown_pipe_tables(fits):
    res = fits["synthetic", "unweighted"]
    md = res.summary().as_markdown()
    assert md.startswith("**Multinomial logit regression**")
    for title in ("bus vs car", "train vs car", "walk vs car"):
        assert f"**{title}**" in md
    assert r"x1:group\[T.urban\]" in md and r"P\>\|z\|" in md
    table_lines = [ln for ln in md.splitlines() if ln.startswith("|")]
    cells = {len(re.split(r"(?<!\\)\|", ln)) for ln in table_lines if "coef" in ln or "T." in ln}
    assert cells == {9}  # 7 columns: every unescaped pipe is a cell border
    assert not DATE_OR_TIME.search(md)


@pytest.mark.parametrize("key", [("anes96", "main"), ("synthetic", "weighted")])
def test_csv_reads_back_as_to_frame(fits, key, tmp_path):
    res = fits[key]
    back = pd.read_csv(io.StringIO(res.summary().as_csv()), index_col=[0, 1])
    pd.testing.assert_frame_equal(back, res.to_frame(), check_exact=True, check_index_type=False)
    res.to_csv(tmp_path / "coef.csv")
    again = pd.read_csv(tmp_path / "coef.csv", index_col=[0, 1])
    pd.testing.assert_frame_equal(again, res.to_frame(), check_exact=True, check_index_type=False)
    assert list(back.columns) == [
        "estimate",
        "std_error",
        "z",
        "pvalue",
        "lower",
        "upper",
        "odds_ratio",
        "or_lower",
        "or_upper",
        "diverged",
    ]


def test_csv_labels_a_spreadsheet_would_run_get_a_quote(tmp_path):
    rng = np.random.default_rng(3)
    n = 300
    X = pd.DataFrame(rng.normal(size=(n, 3)), columns=["Intercept", "=1+2", "@SUM(A1)"])
    X["Intercept"] = 1.0
    y = pd.Series(rng.choice(["=HYPERLINK(1)", "+x", "-1", "\tcmd"], n), name="y")
    res = mnlogit.MNLogit(y, X, ref="-1").fit()
    res.to_csv(tmp_path / "coef.csv")
    for text in (res.summary().as_csv(), (tmp_path / "coef.csv").read_text()):
        back = pd.read_csv(io.StringIO(text), index_col=[0, 1], keep_default_na=False)
        outcomes = set(back.index.get_level_values(0))
        terms = set(back.index.get_level_values(1))
        assert outcomes == {"'=HYPERLINK(1)", "'+x", "'\tcmd"}  # "-1" is a number, and the ref
        assert terms == {"Intercept", "'=1+2", "'@SUM(A1)"}
        # numbers are written as they are: negative estimates too
        np.testing.assert_array_equal(back["estimate"].to_numpy(), res.to_frame()["estimate"])
        assert (back["estimate"] < 0).any()
        for cell in re.split(r"[,\n]", text):  # no cell starts a formula
            assert not cell.startswith(("=", "+", "@", "\t")), cell


def test_bad_options_are_refused(anes):
    with pytest.raises(DataError, match="alpha"):
        anes.summary(alpha=1.5)
    with pytest.raises(OptionError, match="odds_ratios"):
        anes.summary(odds_ratios="yes")
    assert isinstance(Summary(anes), Summary)


# --- LaTeX -------------------------------------------------------------------------------------
def test_latex_escape():
    assert latex_escape("C(g)[T.b]") == "C(g){[}T.b{]}"
    assert latex_escape("x_1 & 50% $ #") == r"x\_1 \& 50\% \$ \#"
    assert latex_escape("a~b^c{d}\\") == (
        r"a\textasciitilde{}b\textasciicircum{}c\{d\}"
        r"\textbackslash{}"
    )
    assert latex_escape("np.log(x)") == "np.log(x)"


def _tricky_fit():
    """A fit whose design columns and outcome levels hold every LaTeX special character."""
    rng = np.random.default_rng(5)
    n = 400
    names = [
        "Intercept",
        "C(g)[T.b]",
        "x1:group[T.urban]",
        "np.log(x)",
        "Sepal.Length",
        "x_1",
        "share%",
        "R&D $cost",
        "#n {w}",
        "~t ^p",
        "back\\slash",
        "[first]",
        'say "e"',  # set in the typewriter font: \texttt{\char34}
    ]
    X = pd.DataFrame(rng.normal(size=(n, len(names))), columns=names)
    X["Intercept"] = 1.0
    y = pd.Series(rng.choice(["low_risk", "R&D", "50%", "[b]"], n), name="y_%")
    return mnlogit.MNLogit(y, X, ref="R&D").fit()


def _compile(body: str, tmp_path: Path, name: str) -> Path:
    doc = (
        "\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{graphicx}\n"
        "\\usepackage[margin=1cm,paperwidth=40cm,paperheight=80cm]{geometry}\n"
        "\\begin{document}\n" + body + "\n\\end{document}\n"
    )
    (tmp_path / f"{name}.tex").write_text(doc, encoding="utf-8")
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 0
    return tmp_path / f"{name}.pdf"


needs_pdflatex = pytest.mark.skipif(
    shutil.which("pdflatex") is None, reason="pdflatex is not installed (.ci/run installs it)"
)


@needs_pdflatex
def test_latex_of_summaries_and_tables_compiles(fits, tmp_path):
    tricky = _tricky_fit()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        risk = mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"), ref="low")
    syn = fits["synthetic", "weighted"]
    parts = [
        tricky.summary().as_latex(),
        tricky.summary(odds_ratios=True).as_latex(),
        tricky.to_latex(),
        syn.summary().as_latex(),
        syn.to_latex(odds_ratios=True),
        risk.summary().as_latex(),
        fits["anes96", "main"].to_latex(),
    ]
    _compile("\n\\clearpage\n".join(parts), tmp_path, "tables")


def test_latex_escape_writes_other_letters_as_latex_does():
    assert latex_escape("café Straße") == "caf\\'{e} Stra\\ss{}e"
    assert latex_escape("β_1 ≤ µ") == r"\ensuremath{\beta}\_1 \ensuremath{\leq} \ensuremath{\mu}"
    assert latex_escape("naïve Łódź") == r"na\"{\i{}}ve \L{}\'{o}d\'{z}"
    assert latex_escape("cafe\u0301") == latex_escape("café")  # decomposed as typed on a Mac
    assert latex_escape("ﬁt²") == r"fit\ensuremath{^{\mathrm{2}}}"  # x² is not x2
    assert latex_escape("CO₂ e⁻") == r"CO\ensuremath{_{\mathrm{2}}} e\ensuremath{^{\mathrm{-}}}"
    # line breaks, tabs and control characters are spaces: a blank line ends a paragraph
    assert latex_escape("a\n\nb\tc\x07d\r\n") == "a  b c d  "
    assert latex_escape("中") == r"\textless{}U+4E2D\textgreater{}"  # as R writes it
    assert latex_escape("np.log(x)") == "np.log(x)"


# LaTeX output compiles under this preamble, which the README documents
README_PREAMBLE = ("\\documentclass{article}", "\\usepackage{booktabs}", "\\usepackage{graphicx}")


def _compile_article(body: str, tmp_path: Path, name: str) -> str:
    """Compile ``body`` on a default article page under the README's preamble; the log."""
    doc = "\n".join([*README_PREAMBLE, "\\begin{document}", body, "\\end{document}", ""])
    (tmp_path / f"{name}.tex").write_text(doc, encoding="utf-8")
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    return (tmp_path / f"{name}.log").read_text(encoding="latin-1")


def test_readme_documents_the_latex_preamble():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for line in README_PREAMBLE:
        assert line in readme


def _unicode_fit():
    """A fit whose outcome levels and design columns hold letters outside ASCII, control
    characters and line breaks."""
    rng = np.random.default_rng(8)
    n = 300
    names = [
        "Intercept",
        "Größe (cm)",
        "β₀ dose",
        "naïve\tterm",
        "two\n\nlines",
        "bell\x07",
        "Ελλάδα",
        "中文",
    ]
    X = pd.DataFrame(rng.normal(size=(n, len(names))), columns=names)
    X["Intercept"] = 1.0
    y = pd.Series(rng.choice(["café", "Straße", "β-blocker", "a\n\nb", "中"], n), name="résultat")
    return mnlogit.MNLogit(y, X, ref="café").fit()


@needs_pdflatex
def test_latex_of_any_label_compiles_with_the_readme_preamble(tmp_path):
    res = _unicode_fit()
    body = "\n\\clearpage\n".join(
        [res.summary().as_latex(), res.summary(odds_ratios=True).as_latex(), res.to_latex()]
    )
    assert body.isascii()
    log = _compile_article(body, tmp_path, "unicode")
    assert "Missing character" not in log  # pdflatex drops glyphs its fonts lack, silently
    for text in ('Gr\\"{o}\\ss{}e', "\\ensuremath{\\beta}-blocker", "caf\\'{e}"):
        assert text in body


@needs_pdflatex
def test_summary_latex_fits_the_text_width_of_an_article_page(travel, tmp_path):
    res = mnlogit.fit(TRAVEL_FORMULA, travel, ref="car", cov_type="cluster", groups="household")
    wide = res.summary().as_latex()
    narrow = mnlogit.fit("mode ~ income", travel, ref="car").summary().as_latex()
    log = _compile_article(wide + "\n\\clearpage\n" + narrow, tmp_path, "width")
    assert "Overfull \\hbox" not in log, log[log.find("Overfull") :][:400]


def test_to_latex_writes_booktabs_table(fits, tmp_path):
    res = fits["synthetic", "unweighted"]
    tex = res.to_latex(tmp_path / "t.tex")
    assert (tmp_path / "t.tex").read_text(encoding="utf-8") == tex
    assert tex.startswith("\\begin{tabular}{lrrrrrr}\n\\toprule")
    assert "\\bottomrule" in tex and "x1:group{[}T.urban{]}" in tex
    assert "\\multicolumn{7}{l}{\\textit{bus vs car}}" in tex
    frame = res.to_frame()
    assert f"{_num(frame.loc[('walk', 'log(x2)'), 'estimate'])} &" in tex
    assert res.to_latex(alpha=0.1) != tex and "0.95{]}" in res.to_latex(alpha=0.1)


def test_summary_to_frame_is_a_copy_of_its_tidy_table():
    # summary() exported text, HTML, LaTeX, Markdown and CSV, but not the table itself,
    # as compare() does (AttributeError)
    res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    table = res.summary(alpha=0.1).to_frame()
    pd.testing.assert_frame_equal(table, res.to_frame(alpha=0.1))
    table.iloc[0, 0] = 99.0
    assert res.summary().to_frame().iloc[0, 0] != 99.0


def test_the_header_counts_rows_of_weight_zero():
    # they stay in the data (predictions) but are no observations: the header says how many
    df = mnlogit.datasets.load("travel").dropna(subset=["income"]).reset_index(drop=True)
    df["w"] = np.where(np.arange(len(df)) % 10 == 0, 0.0, 1.0)
    text = str(mnlogit.fit("mode ~ income", df, ref="car", weights="w").summary())
    zeros = int((df["w"] == 0).sum())
    assert re.search(rf"^Rows used\s+{len(df)}\s", text, re.M)
    assert re.search(rf"^Rows of weight zero\s+{zeros}\s", text, re.M)
    assert "weight zero" not in str(mnlogit.fit("mode ~ income", df, ref="car").summary())


def test_levels_with_white_space_around_them_are_quoted_in_every_table():
    # tables strip white space: the reference ' a' was shown as 'a', another outcome's name
    rng = np.random.default_rng(7)
    n = 300
    d = pd.DataFrame(
        {
            "y": rng.choice([" a", "a", "b"], n),
            "x": rng.normal(size=n),
            "g": rng.choice(["u", "v"], n),
        }
    )
    with pytest.warns(mnlogit.MNLogitWarning, match="differ only by white space"):
        res = mnlogit.fit("y ~ x + g", d, ref=" a")
    s = res.summary()
    text = str(s)
    assert "Reference  ' a'\n" in text and "3 levels: ' a', a, b" in text
    assert "a vs ' a'\n" in text and "b vs ' a'\n" in text
    assert "| Reference           | ' a'" in s.as_markdown()
    assert "a vs ' a'" in mnlogit.compare([res]).as_text()
    assert re.search(r"\nu +' a' +0\.", str(res.margins(over="g")))
    # the data keep the levels as they are
    assert set(res.to_frame().index.get_level_values("outcome")) == {"a", "b"}
    assert res.with_ref("a").summary().blocks[0][0] == "' a' vs a"


def test_columns_with_white_space_around_their_names_are_quoted_in_the_tables():
    # a CSV header "y, x" names the column ' x': beside a column 'x' both rows read 'x'
    rng = np.random.default_rng(8)
    d = pd.DataFrame({"y": rng.choice(["a", "b"], 200), "x": rng.normal(size=200)})
    d[" x"] = rng.normal(size=200)
    res = mnlogit.fit("y ~ x + ` x`", d)
    rows = [row[0] for _, block in res.summary().blocks for row in block]
    assert rows == ["Intercept", "x", "' x'"]
    assert re.search(r"\n  ' x' +-?0\.", str(res.summary()))
    assert re.search(r"\n' x' +-?0\.", mnlogit.compare([res]).as_text())
    assert " x" in res.params.index  # the data keep the name


def test_a_robust_fits_wald_header_is_noted_once():
    # the hypothesis was noted twice: "[2] Wald chi2: every slope = 0 in every equation,
    # with the robust (HC0) covariance; ..." and "[3] Wald chi2: H0: every slope = 0 ..."
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ np.log(distance) + income", df, ref="car", cov_type="robust")
    text = " ".join(str(res.summary()).split())
    assert text.count("every slope = 0 in every equation") == 1


def test_a_table_of_ratios_alone_says_what_its_columns_hold(travel):
    # to_latex(odds_ratios=True) pasted alone: RRR +/- 1.96 std err is not the interval it
    # shows (exp of the Wald interval), and z tests coef = 0; only the summary said so
    res = mnlogit.fit(TRAVEL_FORMULA, travel, ref="car")
    tex = res.to_latex(odds_ratios=True)
    assert tex.count("(delta method)") == 1 and "exp of the Wald interval" in tex
    assert "delta method" not in res.to_latex()
    # the summary's own LaTeX says it once, in its notes
    assert res.summary(odds_ratios=True).as_latex().count("(delta method)") == 1
    # a fit without standard errors has only the note on why
    l2 = mnlogit.fit(TRAVEL_FORMULA, travel, ref="car", penalty="l2")
    assert "delta method" not in l2.to_latex(odds_ratios=True)


def _shown(value: float, fmt: Callable[[float], str]) -> str:
    """A cell as the tables show it: ``--`` where the frame holds NaN."""
    return "--" if np.isnan(value) else fmt(value)


@pytest.mark.filterwarnings("ignore::mnlogit.MNLogitWarning")  # the NaN cells are asked for
@pytest.mark.parametrize("kind", ["survey", "l2", "separated", "with_ref"])
def test_every_export_shows_the_frames_numbers_and_no_others(travel, kind):
    # each kind leaves out some inference (L2: all of it, separation: the diverging
    # coefficients') or refers it to t: the cells, the CSV and the statistic's name agree
    df = travel.dropna().iloc[:300].assign(walks=lambda d: (d["mode"] == "walk") * 1.0)
    formula, options = "mode ~ parking + income", {}
    if kind == "survey":
        options = {"design": mnlogit.SurveyDesign(weights="income", strata="region")}
    elif kind == "l2":
        options = {"penalty": "l2", "C": 0.5}
    elif kind == "separated":
        formula += " + walks"
    res = mnlogit.fit(formula, df, ref="car", **options)
    res = res.with_ref("bus") if kind == "with_ref" else res
    frame = res.to_frame(alpha=0.1)
    summary = res.summary(alpha=0.1)
    statistic = "t" if kind == "survey" else "z"
    assert summary.columns[3] == statistic
    for (_, rows), eq in zip(summary.blocks, res.equations, strict=True):
        for row, (term, r) in zip(rows, frame.loc[eq].iterrows(), strict=True):
            assert row[0].removesuffix(" (!)") == term
            assert row[1:] == [
                _num(r.estimate),
                _shown(r.std_error, _num),
                _shown(r.z, _num),
                _shown(r.pvalue, _pval),
                _shown(r.lower, _num),
                _shown(r.upper, _num),
            ]
            assert r.estimate == res.params.loc[term, eq]
            assert np.array_equal(
                [r.std_error, r.z, r.pvalue],
                [res.bse.loc[term, eq], res.zvalues.loc[term, eq], res.pvalues.loc[term, eq]],
                equal_nan=True,
            )
    back = pd.read_csv(io.StringIO(summary.as_csv()), index_col=[0, 1])
    assert list(back.columns)[2] == statistic
    back.columns = frame.columns
    pd.testing.assert_frame_equal(back, frame, check_exact=True, check_index_type=False)
    assert frame[["std_error", "z", "pvalue"]].isna().any().any() == (kind in ("l2", "separated"))
