"""Writes survey_random.csv.gz: 40 small survey samples drawn at random, each a design at
several edges at once, for make_survey_random.R to fit with R's survey package. Each case
(column `case`) has 1 to 6 strata (`st`) of 1 to 6 PSUs (`psu`, numbered 1, 2, ... in every
stratum: nested), 1 to 11 rows per PSU, sampling weights `w` (sometimes a whole PSU, or a
twentieth of the rows, at weight 0), `fpc` as population counts, sampling fractions, or
counts with the first stratum a census (or none), `x1` missing in a tenth of the rows and/or
a whole PSU, a subpopulation `sub` (every row, a random 60%, or all strata but the first),
a lonely-PSU option, and outcomes `y` (two levels) and `y3` (three). Run from the repository
root: python tests/reference/make_survey_random.py
"""

from pathlib import Path

import numpy as np
import pandas as pd

LONELY = ["adjust", "average", "certainty", "remove"]


def case(rng: np.random.Generator) -> tuple[pd.DataFrame, dict] | None:
    rows = []
    for h in range(int(rng.integers(1, 7))):
        for j in range(int(rng.choice([1, 1, 2, 3, 4, 6]))):
            rows += [(h, j + 1)] * int(rng.integers(1, 12))
    d = pd.DataFrame(rows, columns=["st", "psu"])
    n = len(d)
    if n < 40:
        return None
    d["x1"] = rng.normal(size=n).round(6)
    d["x2"] = (rng.normal(size=n) + d["st"] * 0.3).round(6)
    eta = -0.3 + 0.8 * d["x1"] - 0.5 * d["x2"] + 0.2 * d["st"]
    d["y"] = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    eta1, eta2 = 0.5 * d["x1"] - 0.3 * d["x2"], -0.4 + 0.2 * d["x2"] + 0.3 * d["st"]
    P = np.exp(np.c_[np.zeros(n), eta1, eta2])
    P /= P.sum(axis=1, keepdims=True)
    u = rng.random(n)
    d["y3"] = np.where(u < P[:, 0], "a", np.where(u < P[:, 0] + P[:, 1], "b", "c"))
    d["w"] = rng.uniform(1, 20, n).round(3)
    psu_code = d.groupby(["st", "psu"]).ngroup()
    if rng.random() < 0.3:
        d.loc[psu_code == rng.integers(0, psu_code.max() + 1), "w"] = 0.0
    if rng.random() < 0.3:
        d.loc[rng.random(n) < 0.05, "w"] = 0.0
    npsu = d.groupby("st")["psu"].transform("nunique")
    fpc = str(rng.choice(["none", "count", "fraction", "census"]))
    d["fpc"] = {
        "none": np.nan,
        "count": npsu * rng.choice([2, 5, 10]),
        "fraction": 1 / rng.choice([2.0, 4.0, 8.0]),
        "census": np.where(d["st"] == 0, npsu, npsu * 3),
    }[fpc]
    if rng.random() < 0.4:
        d.loc[rng.random(n) < 0.1, "x1"] = np.nan
    if rng.random() < 0.2:
        d.loc[psu_code == rng.integers(0, psu_code.max() + 1), "x1"] = np.nan
    sub = str(rng.choice(["none", "random", "strata"]))
    d["sub"] = {"none": True, "random": rng.random(n) < 0.6, "strata": d["st"] != 0}[sub]
    about = {"fpc": fpc != "none", "subpop": sub != "none", "lonely": str(rng.choice(LONELY))}
    return d, about


def main() -> None:
    rng = np.random.default_rng(2026)
    frames = []
    while len(frames) < 40:
        drawn = case(rng)
        if drawn is None:
            continue
        d, about = drawn
        frames.append(d.assign(case=len(frames), **{f"opt_{k}": v for k, v in about.items()}))
    out = pd.concat(frames, ignore_index=True)
    out.to_csv(Path(__file__).parent / "survey_random.csv.gz", index=False)


# pytest's --doctest-modules imports this file: the reference is written only when it is run
if __name__ == "__main__":
    main()
