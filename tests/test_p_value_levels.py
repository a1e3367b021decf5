"""A p-value just below a level it is read against (0.05, 0.01, 0.001, 0.1 and the error rate
of the intervals beside it) is shown below it: p = 0.049996 was shown 0.0500 beside a 95%
interval that excludes 0 and, in compare(), a star for p < 0.05; R's format.pval writes
0.04996."""

import pandas as pd
import pytest

import mnlogit
from mnlogit.report._format import P_LEVELS, pval

# 2x2 tables (counts of b and a where x = 1, then where x = 0) whose Wald p-value of x is just
# below 0.05, 0.01 and 0.2: 0.0499899, 0.0099905 and 0.1999858 (R's glm and multinom agree)
TABLES = {0.05: (6, 10, 104, 60), 0.01: (6, 18, 73, 60), 0.2: (14, 31, 44, 60)}


def _fit(counts):
    df = pd.DataFrame({"y": ["b", "a", "b", "a"], "x": [1, 1, 0, 0], "w": counts})
    return mnlogit.fit("y ~ x", df, weights="w")


@pytest.mark.parametrize("level", TABLES)
def test_the_summary_shows_a_p_value_below_the_level_it_is_below(level):
    alpha = 0.2 if level == 0.2 else 0.05
    res = _fit(TABLES[level])
    exact = res.pvalues.loc["x", "b"]
    assert level - 5e-5 < exact < level  # four decimals round it onto the level
    summary = res.summary(alpha=alpha)
    ((_title, rows),) = summary.blocks
    row = rows[1]
    assert float(row[4]) < level, row
    assert abs(float(row[4]) - exact) <= 0.5 * 10.0 ** -len(row[4].split(".")[1])
    # the interval beside it excludes 0, as it does when p < alpha
    if level == alpha:
        assert float(row[5]) < float(row[6]) < 0
    for text in (str(summary), summary.as_markdown(), summary.as_latex()):
        assert row[4] in text
    # compare()'s stars read the same p-value
    line = next(
        t for t in mnlogit.compare([res], stars=True).as_text().splitlines() if t.startswith("x ")
    )
    assert line.count("*") == {0.05: 1, 0.01: 2, 0.2: 0}[level]


@pytest.mark.parametrize("level", P_LEVELS)
def test_a_p_value_at_or_above_a_level_keeps_four_decimals(level):
    assert pval(level) == f"{level:.4f}"
    assert pval(level + 4e-6) == f"{level:.4f}"
    assert float(pval(level - 4e-6)) < level


@pytest.mark.parametrize("alpha", [0.2, 0.123456, 0.0333])
def test_a_p_value_just_below_the_intervals_alpha_is_shown_below_it(alpha):
    p = alpha * (1 - 1e-5)
    assert float(pval(p, alpha=alpha)) < alpha
    assert float(pval(alpha, alpha=alpha)) >= alpha - 5e-5


def test_a_margins_table_shows_a_p_value_below_its_own_alpha():
    # margins' tables read p against the table's alpha too, as the summary does: p = 2.6e-4
    # beside an interval at alpha = 2.6e-4 that excludes 0 was shown 0.0003
    res = mnlogit.fit("mode ~ age", mnlogit.datasets.load("travel"), ref="car")
    frame = res.margins(kind="effect").to_frame().set_index("outcome")
    exact = frame.loc["train", "pvalue"]
    alpha = float(f"{exact:.4f}")  # the four decimals that rounded it up
    assert exact < alpha
    margins = res.margins(kind="effect", alpha=alpha)
    line = next(t for t in str(margins).splitlines() if t.split()[1:2] == ["train"])
    assert float(line.split()[5]) < alpha, line
    assert float(line.split()[7]) < 0  # its interval at that alpha excludes 0
