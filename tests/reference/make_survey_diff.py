"""Survey designs drawn at random, one numpy seed each, for make_survey_diff.R to fit with
R's survey package (tests/test_survey_diff_reference.py compares mnlogit with it). Each draw
has 1 to 6 strata (`st`) of 1 to 6 PSUs (`psu`: numbered 1, 2, ... in every stratum when
`opt_nest`, else numbered across the strata), 1 to 12 rows per PSU, sampling weights `w` from
0.5 to 1e4 (log-uniform; sometimes a whole PSU, a whole stratum or scattered rows at 0),
`fpc` as population counts, sampling fractions, counts with a census stratum, counts with
one stratum at `inf`, fractions with one stratum at 0 or at 1 (a census), `x1` missing in
scattered rows and/or a whole PSU, a factor `g` with a rare level `C` (both outcomes in it),
a subpopulation `sub` (every row, a random part, all strata but the first, none of the first
PSU of each stratum, or none of one stratum's rows), one of R's `survey.lonely.psu` options,
and outcomes `y` (two levels) and `y3` (three).

Run from the repository root:
python tests/reference/make_survey_diff.py OUT.csv.gz SEED [SEED ...]   (or FIRST-LAST)
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

LONELY = ["fail", "adjust", "average", "certainty", "remove"]
FPC = ["none", "count", "fraction", "census", "count_inf", "fraction_zero", "fraction_census"]
SUBPOP = ["none", "random", "strata", "first_psu", "empty_stratum"]


def draw(seed: int) -> pd.DataFrame:
    """The rows of draw ``seed``, with its options in the ``opt_`` columns."""
    rng = np.random.default_rng(seed)
    while True:
        rows = []
        for h in range(int(rng.integers(1, 7))):
            for j in range(int(rng.choice([1, 1, 2, 3, 4, 6]))):
                rows += [(h, j + 1)] * int(rng.integers(1, 13))
        if len(rows) >= 40:
            break
    d = pd.DataFrame(rows, columns=["st", "psu"])
    n = len(d)
    nest = bool(rng.random() < 0.7)
    psu_code = d.groupby(["st", "psu"]).ngroup()
    if not nest:  # identifiers unique across strata, as R's nest = FALSE needs
        d["psu"] = psu_code + 1
    d["x1"] = rng.normal(size=n).round(6)
    d["x2"] = (rng.normal(size=n) + d["st"] * 0.3).round(6)
    g = rng.choice(["A", "B"], size=n)
    g[rng.choice(n, size=int(rng.integers(2, 5)), replace=False)] = "C"
    d["g"] = g
    eta = -0.3 + 0.8 * d["x1"] - 0.5 * d["x2"] + 0.2 * d["st"] + 0.4 * (d["g"] == "B")
    d["y"] = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    rare = d["g"] == "C"  # both outcomes in the rare level: not separated by it alone
    d.loc[rare, "y"] = np.arange(int(rare.sum())) % 2
    eta1, eta2 = 0.5 * d["x1"] - 0.3 * d["x2"], -0.4 + 0.2 * d["x2"] + 0.3 * d["st"]
    P = np.exp(np.c_[np.zeros(n), eta1, eta2])
    P /= P.sum(axis=1, keepdims=True)
    u = rng.random(n)
    d["y3"] = np.where(u < P[:, 0], "a", np.where(u < P[:, 0] + P[:, 1], "b", "c"))
    d["w"] = np.exp(rng.uniform(np.log(0.5), np.log(1e4), n)).round(4)
    if rng.random() < 0.25:
        d.loc[psu_code == rng.integers(0, psu_code.max() + 1), "w"] = 0.0
    if rng.random() < 0.25:
        d.loc[rng.random(n) < 0.05, "w"] = 0.0
    npsu = d.groupby("st")["psu"].transform("nunique").astype(float)
    fpc = str(rng.choice(FPC))
    d["fpc"] = {
        "none": np.nan,
        "count": npsu * rng.choice([2, 5, 10]),
        "fraction": 1 / rng.choice([2.0, 4.0, 8.0]),
        "census": np.where(d["st"] == 0, npsu, npsu * 3),
        "count_inf": np.where(d["st"] == d["st"].max(), np.inf, npsu * 4),
        "fraction_zero": np.where(d["st"] == 0, 0.0, 0.25),
        "fraction_census": np.where(d["st"] == 0, 1.0, 0.5),
    }[fpc]
    if rng.random() < 0.15:  # a whole stratum at weight 0: its PSUs stay in the design
        d.loc[d["st"] == rng.integers(0, d["st"].max() + 1), "w"] = 0.0
    if rng.random() < 0.4:
        d.loc[rng.random(n) < 0.1, "x1"] = np.nan
    if rng.random() < 0.2:
        d.loc[psu_code == rng.integers(0, psu_code.max() + 1), "x1"] = np.nan
    sub = str(rng.choice(SUBPOP))
    d["sub"] = {
        "none": np.ones(n, bool),
        "random": rng.random(n) < 0.6,
        "strata": d["st"] != 0,
        "first_psu": psu_code != psu_code.groupby(d["st"]).transform("min"),
        "empty_stratum": d["st"] != d["st"].max(),
    }[sub]
    return d.assign(
        case=seed,
        opt_nest=nest,
        opt_fpc=fpc,
        opt_subpop=sub,
        opt_lonely=str(rng.choice(LONELY)),
        opt_k3=bool(rng.random() < 0.15),
    )


def seeds(args: list[str]) -> list[int]:
    out: list[int] = []
    for a in args:
        first, _, last = a.partition("-")
        out += list(range(int(first), int(last or first) + 1))
    return out


# pytest's --doctest-modules imports this file: the draws are written only when it is run
if __name__ == "__main__":
    frames = [draw(s) for s in seeds(sys.argv[2:])]
    pd.concat(frames, ignore_index=True).to_csv(Path(sys.argv[1]), index=False)
