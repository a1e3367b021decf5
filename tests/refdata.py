"""Read the frozen reference results in tests/reference/ (see its README for provenance)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

REF_DIR = Path(__file__).parent / "reference"

# relative tolerances per quantity (tests/reference/README.md)
RTOL_COEF = 1e-6
RTOL_SE = 1e-6
RTOL_LOGLIK = 1e-8
RTOL_P = 1e-5
RTOL_HAUSMAN = 1e-4

# (case, model) -> (reference level, weights column)
CASES = {
    ("anes96", "main"): (0, None),
    ("synthetic", "unweighted"): ("car", None),
    ("synthetic", "weighted"): ("car", "w"),
}


@cache
def expected(case: str) -> dict:
    return json.loads((REF_DIR / f"{case}.json").read_text())


def model(case: str, name: str) -> dict:
    return expected(case)["models"][name]


def data(case: str) -> pd.DataFrame:
    return pd.read_csv(REF_DIR / f"{case}.csv")


def outcome_key(levels, key: str):
    """JSON keys are strings; map one back to the outcome level it names."""
    for lv in levels:
        if str(lv) == key:
            return lv
    raise KeyError(key)


def column_map(m: dict) -> dict[str, str]:
    """R column name -> formulaic column name."""
    return {c["r"]: c["formulaic"] for c in m["columns"]}


def table(m: dict, key: str, levels) -> pd.DataFrame:
    """A nested outcome -> R column -> value dict as a DataFrame shaped like ``params``."""
    cmap = column_map(m)
    frame = pd.DataFrame({outcome_key(levels, k): v for k, v in m[key].items()})
    frame.index = [cmap[r] for r in frame.index]
    return frame


def vcov(m: dict, levels, block: dict | None = None) -> tuple[list[tuple], np.ndarray]:
    """(outcome, formulaic column) labels and the matrix of a stored covariance."""
    block = block or m["vcov"]
    cmap = column_map(m)
    labels = []
    for name in block["order"]:
        out, col = name.split(":", 1)
        labels.append((outcome_key(levels, out), cmap[col]))
    return labels, np.asarray(block["matrix"])


def women_with_weights() -> pd.DataFrame:
    """womenlf.csv with the columns the R scripts anova_sum_interactions.R and
    wald_sum_interactions.R add: three regions (reg3), frequency weights 1, 2, 3 in turn
    (w), clusters of five rows (cl) and hincome missing on every 17th row (hmiss)."""
    df = pd.read_csv(REF_DIR / "womenlf.csv")
    row = np.arange(1, len(df) + 1)
    east = {"Atlantic": "east", "Quebec": "east", "Ontario": "Ontario"}
    return df.assign(
        reg3=df["region"].map(lambda r: east.get(r, "west")),
        w=1 + (row - 1) % 3,
        cl=(row - 1) // 5,
        hmiss=df["hincome"].where(row % 17 != 0),
    )
