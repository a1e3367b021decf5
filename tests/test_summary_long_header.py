"""A summary whose formula or list of outcome levels is longer than its tables: the header's
lines wrap at the tables' width, which sets the rules' and the warnings' width."""

import numpy as np
import pandas as pd

import mnlogit


def _lines_of(text: str, key: str) -> str:
    """The value of the header item ``key``, its continued lines joined."""
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith(key + " "))
    parts = [lines[start][len(key) :].strip()]
    for line in lines[start + 1 :]:
        if not line.startswith(" " * 11) or not line.strip():
            break
        parts.append(line.strip())
    return " ".join(parts)


def test_a_long_formula_wraps_instead_of_widening_every_rule():
    rng = np.random.default_rng(5)
    n = 400
    df = pd.DataFrame(rng.normal(size=(n, 30)), columns=[f"income_{k}" for k in range(30)])
    df["y"] = rng.choice(["a", "b", "c"], n)
    formula = "y ~ " + " + ".join(df.columns[:30])
    text = str(mnlogit.fit(formula, df).summary())
    rules = [line for line in text.splitlines() if set(line) == {"="}]
    # was: every rule as wide as 'Formula    y ~ income_0 + ...', 532 characters
    assert rules and all(len(rule) == len(rules[0]) < 100 for rule in rules)
    assert max(map(len, text.splitlines())) == len(rules[0])
    assert _lines_of(text, "Formula") == formula


def test_many_outcome_levels_wrap_under_their_item():
    rng = np.random.default_rng(6)
    levels = [f"category_{k:02d}" for k in range(40)]
    df = pd.DataFrame({"y": np.repeat(levels, 12), "x": rng.normal(size=480)})
    text = str(mnlogit.fit("y ~ 1", df).summary())
    rules = [line for line in text.splitlines() if set(line) == {"="}]
    assert all(len(rule) == len(rules[0]) < 100 for rule in rules)
    assert _lines_of(text, "Outcome") == f"y, 40 levels: {', '.join(levels)}"
