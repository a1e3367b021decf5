"""Text tables line up by display width: names in CJK scripts take two columns each, which
tabulate counts only with wcwidth installed, so the package requires it."""

import importlib.metadata

import numpy as np
import pandas as pd
import tabulate
from wcwidth import wcswidth

import mnlogit


def test_the_package_requires_tabulate_with_wide_characters():
    requires = importlib.metadata.requires("mnlogit") or []
    assert any(r.replace(" ", "").startswith("tabulate[widechars]") for r in requires), requires
    assert tabulate.WIDE_CHARS_MODE


def test_summary_rows_of_cjk_names_line_up():
    rng = np.random.default_rng(8)
    names = ["Intercept", "Größe", "中文列", "年齢"]
    X = pd.DataFrame(rng.normal(size=(300, len(names))), columns=names)
    X["Intercept"] = 1.0
    y = pd.Series(rng.choice(["café", "中", "東京都"], 300), name="結果")
    text = str(mnlogit.MNLogit(y, X, ref="café").fit().summary())
    rows = [line for line in text.splitlines() if line.strip().split(" ")[0] in names]
    assert len(rows) == 8
    # the last number of each row ends in the same display column
    assert len({wcswidth(line) for line in rows}) == 1, rows
