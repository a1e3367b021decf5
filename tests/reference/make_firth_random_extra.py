"""Two separated data sets with frequency weights where the Jeffreys-penalised likelihood has
several local maxima (tests/test_firth_random_reference.py), drawn with numpy's
default_rng(seed) for seeds 104 and 279 and written to firth_random_extra.csv (column
``case``: the seed; ``formula`` and ``ref`` per row). make_firth_random.R fits them.

Run from this folder: python make_firth_random_extra.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def draw(seed: int) -> tuple[pd.DataFrame, list[str], str]:
    """One data set: numeric columns, perhaps a factor, an outcome drawn (or separated) from a
    multinomial logit, perhaps frequency weights; the terms and the reference level."""
    rng = np.random.default_rng(seed)
    n = int(np.exp(rng.uniform(np.log(12), np.log(200))))
    K = int(rng.integers(3, 6))
    p = int(rng.integers(1, 4))
    labels = list("ABCDE"[:K])
    X = rng.normal(size=(n, p))
    d = pd.DataFrame({f"x{j + 1}": X[:, j] for j in range(p)})
    terms = list(d.columns)
    if rng.random() < 0.6:
        nf = int(rng.integers(2, 5))
        f = rng.choice(list("abcd"[:nf]), n)
        f[:nf] = list("abcd"[:nf])
        d["f"] = f
        terms.append("f")
    B = rng.normal(scale=1.5, size=(p + 1, K))
    B[:, 0] = 0
    eta = np.column_stack([np.ones(n), X]) @ B
    if "f" in d:
        eta += np.outer(pd.Categorical(d["f"]).codes, rng.normal(size=K))
    kind = rng.choice(["none", "complete", "quasi_x", "quasi_f", "rare"])
    if kind == "complete":
        eta *= 50
    P = np.exp(eta - eta.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    y = np.array(
        [
            labels[int(np.argmax(e))] if kind == "complete" else rng.choice(labels, p=pr)
            for e, pr in zip(eta, P, strict=True)
        ]
    )
    if kind == "quasi_x":
        above = X[:, 0] > np.median(X[:, 0])
        y[above] = labels[-1]
        y[~above & (y == labels[-1])] = labels[0]
    if kind == "quasi_f" and "f" in d:
        y[(d["f"] == d["f"].max()).to_numpy() & (y == labels[1])] = labels[0]
    if kind == "rare":
        y[y == labels[-1]] = labels[0]
        y[: rng.integers(1, 3)] = labels[-1]
    for k in labels:
        if not (y == k).any():
            y[rng.choice(n, 2, replace=False)] = k
    d["y"] = y
    if rng.random() < 0.35:
        w = rng.integers(1, 6, n).astype(float)
        if rng.random() < 0.3:
            w *= 10.0 ** rng.integers(2, 6)
        d["w"] = w
    for c in [t for t in terms if t.startswith("x")]:
        r = rng.random()
        if r < 0.15:
            d[c] = d[c] * 10.0 ** rng.choice([4, 6, -4, -6])
        elif r < 0.25:
            d[c] = d[c] + 10.0 ** rng.choice([3, 4])
    ref = str(rng.choice(labels)) if rng.random() < 0.3 else labels[0]
    return d, terms, ref


if __name__ == "__main__":
    parts = []
    for seed in (104, 279):
        d, terms, ref = draw(seed)
        parts.append(d.assign(case=seed, formula="y ~ " + " + ".join(terms), ref=ref))
    out = pd.concat(parts, ignore_index=True)
    cols = ["case", "formula", "ref", "y", "x1", "x2", "x3", "f", "w"]
    out[cols].to_csv("firth_random_extra.csv", index=False, float_format="%.17g")
