"""mnlogit's margins for a draw of margins_random_draws.py, matched row by row with emmeans'
(margins_random.R's JSON): ``compare(seed, ref)`` gives, for each query, the largest absolute
difference of each column and the rows where one side is NaN and the other not.

``python margins_random_compare.py DIR`` compares every draw in DIR/emmeans.json and prints
a line a draw (formula, weights, nnet's convergence, |log-likelihood difference|,
separation, the largest differences of estimates and standard errors) and one a query with
a difference above 1e-6; ``python margins_random_compare.py pack DIR SEED...`` writes
margins_random.json from DIR/emmeans.json for those seeds.
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
import margins_random_draws as draws

import mnlogit

STATS = ("estimate", "std_error", "z", "pvalue", "lower", "upper")
QUERIES = (
    "grid_f1",
    "pairs_f1",
    "pairs_f1_bonferroni",
    "trt_f1",
    "grid_f1f2",
    "pairs_f1_by_f2",
    "pairs_f1_by_f2_bonferroni",
    "trt_f2",
    "outcome_pairs",
    "prop_f1",
    "prop_pairs_f1",
    "at_f1_x1",
    "pairs_x1",
    "slope_x1",
)


def fit(seed: int, ref: dict) -> tuple[mnlogit.MNLogitResults, dict, list[str]]:
    """The draw's mnlogit fit, its spec and the warnings it raised."""
    df = draws.frame(seed)
    _, spec = draws.draw(seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit(
            spec["formula"],
            df,
            ref=sorted(df["y"].unique())[0],
            weights="w" if spec["weighted"] else None,
        )
    return res, spec, [str(w.message) for w in caught]


def _grid_at(spec: dict, ref: dict) -> dict:
    """emmeans holds numbers at their plain means over the fit's rows; mnlogit's grid at
    their weighted means (README): a weighted draw's grid sets them to the plain means."""
    if not spec["weighted"]:
        return {}
    return {v: ref["means"][v] for v in spec["numbers"]}


def queries(res: mnlogit.MNLogitResults, spec: dict, ref: dict) -> dict[str, tuple]:
    """Query name -> (mnlogit's Margins, the column R names "contrast" or None, Bonferroni)."""
    alpha = spec["alpha"]
    at = _grid_at(spec, ref)
    grid = dict(average="grid", alpha=alpha)
    out: dict[str, tuple] = {}
    g1 = res.margins(at=at or None, over="f1", **grid)
    out["grid_f1"] = (g1, None, False)
    out["pairs_f1"] = (g1.contrast("f1"), "f1", False)
    out["pairs_f1_bonferroni"] = (g1.contrast("f1"), "f1", True)
    out["trt_f1"] = (g1.contrast("f1", "reference"), "f1", False)
    g12 = res.margins(at=at or None, over=["f1", "f2"], **grid)
    out["grid_f1f2"] = (g12, None, False)
    out["pairs_f1_by_f2"] = (g12.contrast("f1"), "f1", False)
    out["pairs_f1_by_f2_bonferroni"] = (g12.contrast("f1"), "f1", True)
    g2 = res.margins(at=at or None, over="f2", **grid)
    out["trt_f2"] = (g2.contrast("f2", "reference"), "f2", False)
    out["outcome_pairs"] = (g1.contrast("outcome"), "outcome", False)
    if spec["factor_only"]:
        gp = res.margins(over="f1", alpha=alpha)
        out["prop_f1"] = (gp, None, False)
        out["prop_pairs_f1"] = (gp.contrast("f1"), "f1", False)
    if spec["at_x1"] is not None:
        ax = res.margins(at={**at, "x1": spec["at_x1"]}, over="f1", **grid)
        out["at_f1_x1"] = (ax, None, False)
        out["pairs_x1"] = (ax.contrast("x1"), "x1", False)
        slope_at = {**at, "x1": ref["means"]["x1"]}
        slope = res.margins(at=slope_at, over="f1", kind="effect", variables="x1", **grid)
        out["slope_x1"] = (slope, "drop", False)
    return out


def _bonferroni(m: mnlogit.Margins) -> int:
    found = [re.search(r"multiplies each p-value by (\d+)", n) for n in m.notes]
    factors = [int(f[1]) for f in found if f]
    assert len(factors) <= 1, m.notes
    return factors[0] if factors else 1  # one difference a family: nothing to adjust


def _key(value: object) -> str:
    if isinstance(value, float):
        return repr(round(value, 9))
    return str(value)


def _frame(m: mnlogit.Margins, var: str | None, bonferroni: bool) -> pd.DataFrame:
    got = m.to_frame().copy()
    if bonferroni:
        got["pvalue"] = np.minimum(1.0, _bonferroni(m) * got["pvalue"].to_numpy())
    return got


def _oriented(ref: pd.DataFrame, labels: set[str]) -> pd.DataFrame:
    """R's outcome differences written the other way round ("b - a"), turned round."""
    ref = ref.copy()
    for i, label in ref["outcome"].items():
        if label in labels:
            continue
        a, b = label.split(" - ")
        ref.loc[i, "outcome"] = f"{b} - {a}"
        ref.loc[i, ["estimate", "z"]] = -ref.loc[i, ["estimate", "z"]].to_numpy(np.float64)
        ref.loc[i, ["lower", "upper"]] = -ref.loc[i, ["upper", "lower"]].to_numpy(np.float64)
    return ref


def matched(m: mnlogit.Margins, rows: list[dict], var: str | None, bonf: bool) -> pd.DataFrame:
    """mnlogit's table merged 1:1 with R's rows on their common keys (R's columns ``_r``)."""
    got = _frame(m, var, bonf)
    # R's rows, or the packed columns of margins_random.json (see pack)
    ref = pd.DataFrame(rows).rename(columns={"y": "outcome", "se": "std_error"})
    if "z" not in ref and "std_error" in ref:
        ref["z"] = ref["estimate"].astype(np.float64) / ref["std_error"].astype(np.float64)
    if var == "outcome":
        ref = ref.rename(columns={"contrast": "outcome"})
        ref = _oriented(ref, set(got["outcome"]))
    elif var in ("x1", "drop"):  # one difference (two values) or one slope: no label
        ref = ref.drop(columns="contrast")
        got = got.drop(columns=[c for c in ("x1", "variable") if c in got])
    elif var is not None:
        ref = ref.rename(columns={"contrast": var})
    keys = [c for c in ref.columns if c not in STATS]
    extra = [c for c in got.columns if c not in STATS and c not in keys]
    assert all(got[c].nunique() == 1 for c in extra), extra  # values set at one number
    got = got.drop(columns=extra)
    for frame in (got, ref):
        for column in keys:
            frame[column] = frame[column].map(_key)
    merged = got.merge(ref, on=keys, suffixes=("", "_r"), validate="1:1", how="outer")
    assert len(merged) == len(got) == len(ref), (len(got), len(ref), len(merged))
    return merged


def compared(bonferroni: bool) -> tuple[str, ...]:
    """The columns compared: of a Bonferroni table the p-values alone (the rest is that of
    the unadjusted table; emmeans widens its intervals, mnlogit adjusts neither, README)."""
    return ("pvalue",) if bonferroni else STATS


def pack(folder: str, seeds: list[int]) -> dict:
    """margins_random.json: emmeans' tables of the draws ``seeds`` by columns, numbers to 12
    significant digits, z left out (estimate / se) and of a Bonferroni table its p-values."""
    data = json.loads((Path(folder) / "emmeans.json").read_text())
    kept = []
    for ref in data["draws"]:
        if ref["seed"] not in seeds:
            continue
        for name in QUERIES:
            if name not in ref:
                continue
            rows = ref[name]
            drop = {"z"}
            if name.endswith("_bonferroni"):
                drop |= {"estimate", "se", "lower", "upper"}
            ref[name] = {
                k: [float(f"{r[k]:.12g}") if isinstance(r[k], float) else r[k] for r in rows]
                for k in rows[0]
                if k not in drop
            }
        kept.append(ref)
    return {"versions": data["versions"], "seeds": sorted(seeds), "draws": kept}


def compare(seed: int, ref: dict) -> dict[str, dict]:
    """Query -> {column: largest |mnlogit - R|, "nan": rows NaN on one side only}."""
    res, spec, _ = fit(seed, ref)
    out = {}
    for name, (m, var, bonf) in queries(res, spec, ref).items():
        merged = matched(m, ref[name], var, bonf)
        row: dict = {"nan": 0}
        for column in compared(bonf):
            a = merged[column].to_numpy(np.float64)
            b = pd.to_numeric(merged[f"{column}_r"]).to_numpy(np.float64)
            row["nan"] += int((np.isnan(a) != np.isnan(b)).sum())
            both = ~np.isnan(a) & ~np.isnan(b)
            row[column] = float(np.max(np.abs(a - b)[both], initial=0.0))
        out[name] = row
    return out


def main(folder: str) -> None:
    data = json.loads((Path(folder) / "emmeans.json").read_text())
    for ref in data["draws"]:
        seed = ref["seed"]
        if "error" in ref:
            print(seed, "R error:", ref["error"])
            continue
        try:
            res, spec, caught = fit(seed, ref)
            result = compare(seed, ref)
        except Exception as exc:  # a refusal is a finding too: print it
            print(seed, "mnlogit:", type(exc).__name__, str(exc)[:300])
            continue
        dll = abs(res.llf - ref["loglik"])
        sep = any("separation" in c for c in caught)
        worst = {
            q: r
            for q, r in result.items()
            if (r["nan"] and not sep) or max(r.get(c, 0.0) for c in STATS) > 1e-6
        }
        # a Bonferroni table compares its p-values alone: no estimate or std_error entry
        est = max(r.get("estimate", 0.0) for r in result.values())
        se = max(r.get("std_error", 0.0) for r in result.values())
        print(
            f"{seed} {spec['formula']!r} w={spec['weighted']} f2={spec['f2_kind']} "
            f"conv={ref['converged']} dll={dll:.1e} sep={sep} est={est:.1e} se={se:.1e}"
        )
        for q, r in worst.items():
            print("   ", q, {k: f"{v:.1e}" if isinstance(v, float) else v for k, v in r.items()})


if __name__ == "__main__":
    if sys.argv[1] == "pack":  # pack DIR SEED...: write margins_random.json
        packed = pack(sys.argv[2], [int(s) for s in sys.argv[3:]])
        out = Path(__file__).parent / "margins_random.json"
        out.write_text(json.dumps(packed, separators=(",", ":")))
    else:
        main(sys.argv[1])
