"""The random halves of the Small-Hsiao references (make_iia_small_hsiao.R): the bundled
travel data (../../mnlogit/data/travel.csv), frequency weights w = 1 + (row % 3) (row
numbered from 1, as R's 1 + (row %% 3)), split as mnlogit's iia_test(method="small-hsiao",
seed=SEED) splits them: numpy's multivariate hypergeometric draw ("marginals") of half the
observations, total // 2, from the rows' counts, by np.random.default_rng(SEED).

Run from tests/reference: python make_iia_small_hsiao.py -> iia_small_hsiao.csv (the travel
columns used, w, and each row's observations in half A, w_a; half B holds w - w_a).
"""

import numpy as np
import pandas as pd

SEED = 20240613

if __name__ == "__main__":
    df = pd.read_csv("../../mnlogit/data/travel.csv")
    df = df[["mode", "parking", "distance", "purpose"]]
    df["w"] = 1 + np.arange(1, len(df) + 1) % 3
    rng = np.random.default_rng(SEED)
    df["w_a"] = rng.multivariate_hypergeometric(
        df["w"].to_numpy(np.int64), int(df["w"].sum()) // 2, method="marginals"
    )
    df.to_csv("iia_small_hsiao.csv", index=False)
