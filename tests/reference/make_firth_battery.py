"""Data for make_firth_battery.R (tests/test_firth_battery_reference.py): 48 small data sets
for Firth fits, drawn with numpy's generator (seed 71), in one CSV, one row per observation.

Each case has K = 3 or 4 outcomes (a, b, c[, d]), n from 8 to 120 rows (case 0: 300), 1-5
numeric columns x1..x5 (unused ones empty) and in some cases a factor f (levels u, v[, w]);
the model is ``y ~ x1 + ... + xk [+ f]`` against reference ``ref``. Kinds (column ``kind``):

- complete: y is the argmax of a linear predictor with large slopes (complete separation);
- quasi: y drawn from a multinomial logit, then one outcome made to occur exactly where a
  column passes a threshold, or never in one level of f (quasi-complete separation);
- none: y drawn from a multinomial logit with moderate slopes.

About a third carry integer frequency weights w (1-5, a few 0; empty: unweighted), and about
a quarter have x1 far from zero (1e4 + z). Every outcome and every level of f is present
among the rows of positive weight, and the design has full column rank there.

Run from this folder: python make_firth_battery.py
"""

import numpy as np
import pandas as pd

CASES = 48
SIZES = (8, 10, 12, 16, 20, 30, 40, 60, 80, 120)
KINDS = ("complete", "quasi", "none")


def draw_case(rng: np.random.Generator, i: int) -> pd.DataFrame:
    K = 3 + i % 2
    kind = KINDS[(i // 2) % 3]
    n = int(SIZES[rng.integers(len(SIZES))])
    if i == 0:  # one large case: brglm2 takes 10 minutes over its 2000 iterations of it
        n = 300
    weighted = rng.random() < 0.35
    far = rng.random() < 0.25
    has_factor = rng.random() < 0.45
    levels = ["u", "v", "w"][: 2 + int(rng.integers(2))]
    # few enough columns that the fit has at least two rows per column of the design
    most = max(1, min(5, n // 2 - 1 - (len(levels) - 1 if has_factor else 0)))
    k = int(rng.integers(1, most + 1))
    outcomes = np.array(list("abcd")[:K])
    ref = str(rng.choice(outcomes))
    for _ in range(1000):
        Z = rng.normal(size=(n, k))
        f = rng.choice(levels, size=n) if has_factor else None
        F = np.zeros((n, 0)) if f is None else (f[:, None] == np.array(levels[1:])).astype(float)
        D = np.column_stack([Z, F])
        if kind == "complete":
            eta = D @ rng.normal(scale=3.0, size=(D.shape[1], K)) + rng.normal(size=K)
            y = outcomes[np.argmax(eta, axis=1)]
        else:
            eta = D @ rng.normal(scale=0.7, size=(D.shape[1], K))
            y = outcomes[np.argmax(eta + rng.gumbel(size=(n, K)), axis=1)]
            if kind == "quasi":
                target = outcomes[int(rng.integers(K))]
                if f is not None and rng.random() < 0.5:
                    gone = f == levels[int(rng.integers(len(levels)))]
                    y[gone & (y == target)] = outcomes[outcomes != target][0]
                else:
                    j = int(rng.integers(k))
                    cut = np.quantile(Z[:, j], 0.7)
                    y[Z[:, j] > cut] = target
                    y[(Z[:, j] <= cut) & (y == target)] = outcomes[outcomes != target][0]
        w = rng.integers(0, 6, size=n) if weighted else np.ones(n, dtype=int)
        if weighted:
            w[w == 0] = np.where(rng.random(int((w == 0).sum())) < 0.5, 0, 1)
        kept = w > 0
        X = np.column_stack([np.ones(n), D])[kept]
        if (
            set(y[kept]) == set(outcomes)
            and (f is None or set(f[kept]) == set(levels))
            and np.linalg.matrix_rank(X) == X.shape[1]
        ):
            break
    else:
        raise RuntimeError(f"case {i}: no data set drawn")
    frame = pd.DataFrame({"case": i, "kind": kind, "ref": ref, "y": y})
    frame["w"] = w if weighted else np.nan
    for j in range(5):
        frame[f"x{j + 1}"] = Z[:, j] if j < k else np.nan
    if far:
        frame["x1"] = 1e4 + frame["x1"]
    frame["f"] = f if f is not None else ""
    return frame


def main() -> None:
    rng = np.random.default_rng(71)
    data = pd.concat([draw_case(rng, i) for i in range(CASES)], ignore_index=True)
    data.to_csv("firth_battery.csv", index=False, float_format="%.10g")


if __name__ == "__main__":
    main()
