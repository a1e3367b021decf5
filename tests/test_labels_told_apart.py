"""Labels that differ only where a layout hides the difference are told apart in every
rendering: HTML, Markdown and LaTeX collapse runs of white space and tabs, and a line break
written as its escape reads as a backslash and an n."""

from __future__ import annotations

import html
import io
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

TERMS = ["a\tb", "a b", "a  b", "c\nd", "c\\nd"]
OUTCOMES = ["x y", "x\ty", "z"]


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(0)
    n = 300
    X = pd.DataFrame({name: rng.normal(size=n) for name in TERMS})
    X.insert(0, "Intercept", 1.0)
    y = pd.Series(rng.choice(OUTCOMES, size=n), name="o")
    return mnlogit.MNLogit(y, X, ref="z").fit()


def _collapsed(text: str) -> str:
    """As a browser or LaTeX sets it: white space runs as one space, none around."""
    return " ".join(text.split())


class _Headers(HTMLParser):
    """The text of every <th>, as a browser shows it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        if tag == "th":
            self._open, self._text = True, ""

    def handle_data(self, data):
        if self._open:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "th" and self._open:
            self.cells.append(_collapsed(self._text))
            self._open = False


def _html_labels(html: str) -> list[str]:
    parser = _Headers()
    parser.feed(html)
    return parser.cells


def _markdown_labels(markdown: str) -> list[str]:
    rows = [re.split(r"(?<!\\)\|", line)[1] for line in markdown.splitlines() if line[:1] == "|"]
    titles = [line for line in markdown.splitlines() if line.startswith("**")]
    # as rendered: the emphasis marks and the backslashes of escapes dropped
    return [_collapsed(re.sub(r"\\(.)", r"\1", c.strip().strip("*"))) for c in rows + titles]


def _latex_labels(latex: str) -> list[str]:
    rows = [line for line in latex.splitlines() if line.endswith(r"\\")]
    cells = [re.split(r"(?<!\\)&", row)[0] for row in rows]
    # a panel's title is set in \multicolumn{n}{l}{\textit{...}}
    title = re.compile(r"^\\multicolumn\{\d+\}\{l\}\{\\textit\{(.*)\}\} \\\\$")
    cells = [title.sub(r"\1", c) for c in cells]
    return [_collapsed(c.replace(r"\textbackslash{}", "\\")) for c in cells]


def _text_labels(text: str) -> list[str]:
    # the label ends where the first number begins (a label may hold two spaces)
    lines = text.splitlines()
    return [_collapsed(re.split(r"\s{2,}(?=[-\d(])", line.strip())[0]) for line in lines]


def _distinct(labels: list[str], wanted: int, pattern: str) -> None:
    found = {label for label in labels if re.search(pattern, label)}
    assert len(found) == wanted, found


RENDERINGS = {
    "text": (lambda table: table.as_text(), _text_labels),
    "markdown": (lambda table: table.as_markdown(), _markdown_labels),
    "html": (lambda table: table._repr_html_(), _html_labels),
    "latex": (lambda table: table.as_latex(), _latex_labels),
}


@pytest.mark.parametrize("kind", RENDERINGS)
@pytest.mark.parametrize("table", ["summary", "compare"])
def test_terms_and_outcomes_that_a_layout_would_merge_read_apart(res, table, kind):
    render, labels = RENDERINGS[kind]
    shown = labels(render(res.summary() if table == "summary" else mnlogit.compare([res])))
    # five terms: a<tab>b, 'a b', 'a  b' read 'a b' in HTML and LaTeX, and c<newline>d and
    # the text c\nd both read c\nd in the text table and Markdown
    _distinct(shown, 3, r"^'?a[^']{1,5}b'?$")
    _distinct(shown, 2, r"^'?c.{1,2}d'?$")
    # two equations, x y and x<tab>y against z, were headed alike
    _distinct(shown, 2, r"^'?x.{1,2}y'? vs z$")


def test_to_latex_tells_the_terms_apart(res):
    shown = _latex_labels(res.to_latex())
    _distinct(shown, 3, r"^'?a[^']{1,5}b'?$")
    _distinct(shown, 2, r"^'?c.{1,2}d'?$")


def test_margins_tell_levels_apart():
    rng = np.random.default_rng(1)
    n = 300
    d = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(["a b", "a\tb", "a  b"], size=n)})
    d["y"] = rng.choice(["p", "q", "r"], size=n)
    m = mnlogit.fit("y ~ x + g", d).margins(over="g")
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", m._repr_html_())
    cells = [_collapsed(html.unescape(c)) for c in cells]
    assert len({c for c in cells if c.strip("'").startswith("a")}) == 3


@pytest.mark.parametrize("names", [["m\tn", "m n"], ["m  n", "m n"], ["m\nn", "m n"]])
def test_compare_refuses_model_names_a_layout_would_merge(res, names):
    with pytest.raises(InputTypeError, match="names that print alike are one"):
        mnlogit.compare([res, res], names=names)


def test_compare_refuses_none_as_a_model_name(res):
    # it headed a column 'None'
    with pytest.raises(InputTypeError, match=r"got \[None, 'b'\] \(leave names out"):
        mnlogit.compare([res, res], names=[None, "b"])


# pairs of names a formula reads apart that LaTeX's escaping wrote alike: full-width letters
# and digits, ligatures, a circled digit, an en dash, the euro sign
PAIRS = [("x1", "ｘ１"), ("fi", "ﬁ"), ("dž", "ǆ"), ("x1", "x①"), ("a--b", "a–b"), ("EUR", "€")]


@pytest.mark.parametrize("pair", PAIRS, ids=repr)
def test_latex_tells_apart_names_it_would_write_alike(pair):
    rng = np.random.default_rng(2)
    n = 300
    X = pd.DataFrame({name: rng.normal(size=n) for name in pair})
    X.insert(0, "Intercept", 1.0)
    y = pd.Series(rng.choice([*pair, "z"], size=n), name="o")
    fits = [mnlogit.MNLogit(y, X, ref=ref).fit() for ref in (pair[1], "z")]
    for res in fits:
        for latex in (
            res.summary().as_latex(),
            res.to_latex(),
            mnlogit.compare([res, res], names=[pair[0], pair[1]]).as_latex(),
        ):
            shown = _latex_labels(latex)
            # the two terms, and the two equations' titles
            assert len({label for label in shown if "vs" not in label and "&" not in label}) >= 3
            titles = [label for label in shown if " vs " in label]
            assert len(set(titles)) == len(titles) == 2
            assert all(title.split(" vs ")[0] != title.split(" vs ")[1] for title in titles)
            header = re.split(r"(?<!\\)&", latex.split(r"\midrule")[0].splitlines()[-1])
            assert len(set(header)) == len(header)
    lines = fits[0].summary().as_latex().splitlines()
    reference = next(line for line in lines if "Reference:" in line)
    outcome = next(line for line in lines if "Outcome:" in line)
    levels = outcome.split("levels: ")[1].removesuffix(r"} \\").split(", ")
    assert len(set(levels)) == 3
    # the reference is pair[1], which read as pair[0] (ASCII, written as it is)
    shown = reference.split("Reference: ")[1].removesuffix(r"} \\")
    assert shown in levels and shown not in ("z", pair[0])


@pytest.mark.parametrize(("name", "shown"), [("  ", r"' \x20'"), ("y\nz", r"'y\nz'")])
def test_an_outcome_named_with_white_space_alone_is_shown_quoted(name, shown):
    # y named '  ' read "Formula    ~ design matrix" and "Outcome    , 3 levels"
    rng = np.random.default_rng(3)
    X = pd.DataFrame({"Intercept": 1.0, "x": rng.normal(size=200)})
    y = pd.Series(rng.choice(["a", "b", "c"], size=200), name=name)
    summary = mnlogit.MNLogit(y, X).fit().summary()
    assert f"Formula    {shown} ~ design matrix" in summary.as_text()
    assert f"Outcome    {shown}, 3 levels" in summary.as_text()
    tex = shown.replace("\\", r"\textbackslash{}")
    assert f"Outcome: {tex}, 3 levels" in summary.as_latex()
    assert f'<td colspan="3" style="text-align:left">{html.escape(shown)}, 3 levels' in (
        summary._repr_html_()
    )


@pytest.mark.parametrize("kind", RENDERINGS)
def test_runs_of_spaces_of_different_lengths_read_apart(kind):
    # quoted, ' |' and '  |' (and 'a  b' and 'a   b') still read alike once HTML, Markdown
    # or LaTeX collapsed the run of spaces inside the quotes
    rng = np.random.default_rng(4)
    terms = [" |", "  |", "a  b", "a   b"]
    X = pd.DataFrame({name: rng.normal(size=200) for name in terms})
    X.insert(0, "Intercept", 1.0)
    y = pd.Series(rng.choice(["p", "q", "r"], size=200), name="o")
    res = mnlogit.MNLogit(y, X).fit()
    render, labels = RENDERINGS[kind]
    for table in (res.summary(), mnlogit.compare([res])):
        shown = labels(render(table))
        _distinct(shown, 2, r"^'[^']*(\||\\textbar\{\})'$")
        _distinct(shown, 2, r"^'a[^']*b'$")


def test_a_label_of_invisible_marks_alone_is_not_an_empty_cell():
    # a level that is a right-to-left mark alone was shown as nothing: 'Reference  ' and
    # panels titled 'b vs ', and a term so named an empty row label
    rng = np.random.default_rng(5)
    X = pd.DataFrame({"Intercept": 1.0, "\u200b": rng.normal(size=200)})
    y = pd.Series(rng.choice(["\u200f", "b", "c"], size=200), name="o")
    summary = mnlogit.MNLogit(y, X, ref="\u200f").fit().summary()
    text = summary.as_text()
    assert r"Reference  '\u200f'" in text and r"b vs '\u200f'" in text
    assert r"'\u200b'" in text
    assert r"Reference: '\textbackslash{}u200f'" in summary.as_latex()


def test_the_command_lines_iia_table_shows_levels_as_the_summary_does():
    # ' c' beside 'c' made two rows 'c', and a level holding a line break split its row
    from mnlogit.report.cli import iia_text

    rng = np.random.default_rng(0)
    d = pd.DataFrame({"x": rng.normal(size=400)})
    d["y"] = rng.choice(["a\nb", " c", "c", "d"], size=400)
    lines = iia_text(mnlogit.fit("y ~ x", d, ref="c")).splitlines()
    rows = lines[lines.index(next(line for line in lines if line.startswith("---"))) + 1 :][:4]
    assert [row.split()[0] for row in rows] == ["'", r"'a\nb'", "c", "d"]
    assert rows[0].startswith("' c'")


def test_csv_exports_of_labels_holding_a_carriage_return_read_back():
    # pandas wrote a lone \r unquoted, which readers take for the end of a row: a term a\rb
    # made the 6 rows of to_csv() read back as 11 rows of shifted cells
    rng = np.random.default_rng(6)
    X = pd.DataFrame({"Intercept": 1.0, "a\rb": rng.normal(size=200), "c": rng.normal(size=200)})
    X.loc[X["c"] > 1.2, "c"] = 5.0  # an outcome separated by c: NaN cells in the table
    y = pd.Series(np.where(X["c"] == 5.0, "q\rx", rng.choice(["p", "r"], size=200)), name="o")
    res = mnlogit.MNLogit(y, X).fit()
    frame = res.to_frame()
    out = io.StringIO()
    res.to_csv(out)
    for text in (out.getvalue(), res.summary().as_csv()):
        back = pd.read_csv(io.StringIO(text))
        assert back.shape == (len(frame), 12)
        assert back["term"].tolist() == frame.index.get_level_values("term").tolist()
        assert back["outcome"].tolist() == frame.index.get_level_values("outcome").tolist()
        numbers = frame.columns.drop("diverged")
        assert np.array_equal(back[numbers].to_numpy(float), frame[numbers].to_numpy(float), True)
    table = mnlogit.compare([res, res], names=["m\r1", "m2"])
    back = pd.read_csv(io.StringIO(table.as_csv()), dtype=str, keep_default_na=False)
    assert list(back.columns) == ["outcome", "term", "statistic", "m\r1", "m2"]
    # the labels as the table shows them (a line break as its escape), each on its own row
    assert "''q\\rx'" in back["outcome"].tolist() and "''a\\rb'" in back["term"].tolist()
    assert back["m\r1"].tolist() == back["m2"].tolist()


def _set_by_latex(label: str) -> str:
    """A label as pdflatex sets it with the default (OT1) fonts: a bare '"' and the
    ligature "''" both as a closing double quote, the typewriter's character 34 straight."""
    set_ = label.replace(r"\texttt{\char34}", "\x00").replace("''", "”").replace('"', "”")
    return set_.replace("\x00", '"')


def test_latex_tells_apart_a_double_quote_from_two_single_quotes():
    # e"f and e''f were written as they are, and LaTeX's default fonts set both as e”f
    rng = np.random.default_rng(5)
    n = 300
    pair = ['e"f', "e''f"]
    X = pd.DataFrame({name: rng.normal(size=n) for name in pair})
    X.insert(0, "Intercept", 1.0)
    y = pd.Series(rng.choice([*pair, "z"], size=n), name="o")
    res = mnlogit.MNLogit(y, X, ref="z").fit()
    for latex in (res.summary().as_latex(), res.to_latex(), mnlogit.compare([res]).as_latex()):
        shown = [_set_by_latex(label) for label in _latex_labels(latex)]
        assert len({label for label in shown if label[:1] == "e" and " vs " not in label}) == 2
        assert len({label for label in shown if label.endswith(" vs z")}) == 2, shown
    outcome = next(x for x in res.summary().as_latex().splitlines() if "Outcome:" in x)
    assert len(set(map(_set_by_latex, outcome.split("levels: ")[1].split(", ")))) == 3


def test_the_ratio_note_names_the_reference_as_the_reference_line_does():
    # the note of a table of relative-risk ratios wrote the reference 'x\ty' as it is: a tab
    # in the text table, and in LaTeX and HTML "x y", the other outcome's name
    rng = np.random.default_rng(6)
    X = pd.DataFrame({"Intercept": 1.0, "x": rng.normal(size=300)})
    y = pd.Series(rng.choice(["x\ty", "x y", "z"], size=300), name="o")
    summary = mnlogit.MNLogit(y, X, ref="x\ty").fit().summary(odds_ratios=True)
    assert "Reference  'x\\ty'" in summary.as_text()
    assert "ratio against 'x\\ty';" in " ".join(summary.as_text().split())
    assert r"ratio against 'x\textbackslash{}ty';" in summary.as_latex()
    assert "ratio against &#x27;x\\ty&#x27;;" in summary._repr_html_()
    assert "ratio against 'x\\\\ty';" in summary.as_markdown()
