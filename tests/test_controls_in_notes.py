"""A name holding a control of the text's direction or a line break is written as its
escape in the text around the tables too (titles, header lines, warnings, notes), as the
tables' cells and headers write it: compare's notes, a margins table's title, expression and
notes, the summary's notes and its HTML formula wrote a right-to-left override raw, which
reversed the rest of the line in terminals and browsers, and an outcome named 'travel\\nmode'
split the margins' expression over two lines."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main

RLO = "\u202e"  # right-to-left override


def _renderings(table) -> dict[str, str]:
    out = {"text": str(table), "html": table._repr_html_()}
    for name in ("as_markdown", "as_latex"):
        if hasattr(table, name):
            out[name] = getattr(table, name)()
    return out


def _no_raw_controls(table) -> None:
    for kind, text in _renderings(table).items():
        assert RLO not in text, kind


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


def test_compare_writes_a_model_name_in_its_notes_as_in_its_header(travel):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = mnlogit.fit("mode ~ parking", travel, ref="car")
        stopped = mnlogit.fit("mode ~ parking + income", travel, ref="car", max_iter=1)
    table = mnlogit.compare([full, stopped], names=["full", f"sm{RLO}all"])
    _no_raw_controls(table)
    assert "sm\\u202eall: the fit did not converge" in " ".join(str(table).split())
    assert "sm\\u202eall: the fit did not converge" in table._repr_html_()


@pytest.fixture(scope="module")
def named():
    rng = np.random.default_rng(1)
    n = 300
    df = pd.DataFrame(
        {
            "travel\nmode": rng.choice(["a", "b", "c"], n),
            f"g{RLO}h": pd.Categorical(
                rng.choice(["lo", "hi"], n), categories=["lo", "hi"], ordered=True
            ),
            "x": rng.normal(size=n),
        }
    )
    return mnlogit.fit(f"`travel\nmode` ~ x + `g{RLO}h`", df)


def test_margins_write_the_outcome_and_variables_as_their_header_does(named):
    margins = named.margins(over=f"g{RLO}h")
    for table in (margins, margins.contrast(f"g{RLO}h"), named.margins(kind="effect")):
        _no_raw_controls(table)
        for text in _renderings(table).values():
            assert "Pr(travel\\nmode)" in text
    assert "over g\\u202eh" in str(margins.contrast(f"g{RLO}h"))
    assert "Set: g\\u202eh;" in str(margins)


def test_the_summary_writes_names_in_its_notes_and_formula_escaped(named):
    summary = named.summary()
    assert any(RLO in note for note in summary.notes)  # the ordered factor's note names it
    _no_raw_controls(summary)
    assert "g\\u202eh is an ordered Categorical" in " ".join(str(summary).split())
    assert "`travel\\nmode` ~ x + `g\\u202eh`" in summary._repr_html_()


def test_the_command_lines_compare_writes_model_names_escaped(capsys):
    argv = ["compare", "--dataset", "travel", "mode ~ parking", "mode ~ parking + income"]
    main([*argv, "--ref", "car", "--names", f"full,sm{RLO}all", "--max-iter", "2"])
    out = capsys.readouterr().out
    assert RLO not in out
    assert "sm\\u202eall stopped before converging" in out


def test_a_formula_written_over_several_lines_reads_as_one_in_every_rendering(travel):
    # its line breaks mean nothing to the formula: they were shown as '\n' escapes
    res = mnlogit.fit("mode ~ parking\n    + income", travel, ref="car")
    summary = res.summary()
    shown = {
        "text": str(summary),
        "html": summary._repr_html_(),
        "markdown": summary.as_markdown().replace("\\~", "~"),
        "latex": summary.as_latex().replace(r"\textasciitilde{}", "~"),
    }
    for kind, text in shown.items():
        line = next(line for line in text.splitlines() if "Formula" in line)
        assert "mode ~ parking + income" in line and "\\n" not in line, kind
