"""Write mnlogit's bundled ``travel`` data set from known true coefficients.

A travel-mode choice survey: households (with an income, a region and the traveller's age)
report one to five trips each (distance, purpose, parking cost at the destination) and the mode
chosen among car, bus, train and walk. The mode is drawn from a multinomial logit with the
coefficients in ``TRUE`` (against ``car``), evaluated on the rounded values that are stored, so
the stored data follow the model exactly; each household leaves its income unreported with
probability 0.02 (32 of the 1,200 did).

Run from the repository root to regenerate ``mnlogit/data/travel.csv`` and ``travel.json``::

    python data/make_travel.py

The output depends only on ``SEED`` (numpy's PCG64 ``default_rng`` stream).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240611
N_HOUSEHOLDS = 1200
FORMULA = "mode ~ np.log(distance) + income + age + parking + region + purpose"
REF = "car"
MODES = ("bus", "car", "train", "walk")
COLUMNS = (
    "Intercept",
    "np.log(distance)",
    "income",
    "age",
    "parking",
    "region[T.suburban]",
    "region[T.urban]",
    "purpose[T.shopping]",
    "purpose[T.work]",
)
# log(P(mode) / P(car)) = x'b, per mode; x in the order of COLUMNS (treatment coding with the
# first sorted level as the base: region "rural", purpose "leisure")
TRUE = {
    "bus": (-1.6, -0.15, -0.02, 0.012, 0.25, 0.6, 1.3, -0.3, 0.4),
    "train": (-3.2, 0.55, -0.008, -0.006, 0.3, 0.5, 1.1, -0.6, 0.6),
    "walk": (2.7, -1.9, -0.012, -0.02, 0.2, 0.3, 0.8, 0.4, -0.5),
}

DESCRIPTION = {
    "name": "travel",
    "title": "Travel-mode choice survey (simulated from known coefficients)",
    "description": (
        "Trips reported by 1,200 households: the mode chosen (car, bus, train or walk) with the "
        "trip's distance, purpose and parking cost at the destination, and the household's "
        "income, region and the traveller's age. Simulated by data/make_travel.py from a "
        "multinomial logit with known coefficients against car (in "
        "mnlogit.datasets.info('travel')['true_coefficients']), so a fit of the example "
        "formula should recover them within their standard errors. Each household left its "
        "income unreported with probability 0.02 (missing values), "
        "and households make several trips each, so cov_type='cluster' with groups='household' "
        "is available."
    ),
    "source": "data/make_travel.py in the mnlogit repository (seed {seed})",
    "columns": {
        "household": "household identifier (1 to 1200); several trips per household",
        "mode": "mode chosen: bus, car, train or walk (the outcome)",
        "distance": "trip distance in km",
        "purpose": "trip purpose: leisure, shopping or work",
        "parking": "parking cost at the destination in euros (0 when free)",
        "income": "household income in thousand euros a year (missing for non-response)",
        "age": "traveller's age in years",
        "region": "where the household lives: rural, suburban or urban",
    },
    "example": {"formula": FORMULA, "ref": REF},
}


def make(seed: int = SEED, n_households: int = N_HOUSEHOLDS) -> pd.DataFrame:
    """Simulate the data set; the same seed gives the same rows."""
    rng = np.random.default_rng(seed)
    # households
    income = np.round(np.exp(rng.normal(np.log(38.0), 0.5, n_households)), 1)
    region = rng.choice(np.array(["urban", "suburban", "rural"]), n_households, p=[0.45, 0.35, 0.2])
    age = rng.integers(18, 86, n_households)
    trips = np.minimum(1 + rng.poisson(1.5, n_households), 5)
    # trips
    hh = np.repeat(np.arange(n_households), trips)
    n = len(hh)
    purpose = rng.choice(np.array(["work", "shopping", "leisure"]), n, p=[0.4, 0.3, 0.3])
    distance = np.maximum(np.round(np.exp(rng.normal(np.log(6.0), 0.9, n)), 1), 0.2)
    paid = rng.random(n) < np.select(
        [region[hh] == "urban", region[hh] == "suburban"], [0.7, 0.35], 0.1
    )
    parking = np.where(paid, np.round(2 * rng.gamma(2.0, 2.0, n)) / 2, 0.0)

    X = np.column_stack(
        [
            np.ones(n),
            np.log(distance),
            income[hh],
            age[hh],
            parking,
            region[hh] == "suburban",
            region[hh] == "urban",
            purpose == "shopping",
            purpose == "work",
        ]
    ).astype(np.float64)
    eta = np.column_stack([X @ np.asarray(TRUE[m]) if m != REF else np.zeros(n) for m in MODES])
    eta -= eta.max(axis=1, keepdims=True)
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    choice = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    mode = np.asarray(MODES)[np.minimum(choice, len(MODES) - 1)]

    reported = np.where(rng.random(n_households) < 0.02, np.nan, income)
    return pd.DataFrame(
        {
            "household": hh + 1,
            "mode": mode,
            "distance": distance,
            "purpose": purpose,
            "parking": parking,
            "income": reported[hh],
            "age": age[hh],
            "region": region[hh],
        }
    )


def description(frame: pd.DataFrame, seed: int = SEED) -> dict:
    """The JSON description stored beside the CSV."""
    out = dict(DESCRIPTION)
    out["source"] = out["source"].format(seed=seed)
    out["rows"] = len(frame)
    out["true_coefficients"] = {
        m: dict(zip(COLUMNS, TRUE[m], strict=True)) for m in MODES if m != REF
    }
    return out


def main() -> None:
    out_dir = Path(__file__).resolve().parent.parent / "mnlogit" / "data"
    frame = make()
    frame.to_csv(out_dir / "travel.csv", index=False)
    (out_dir / "travel.json").write_text(json.dumps(description(frame), indent=2) + "\n")
    print(f"wrote {len(frame)} rows to {out_dir / 'travel.csv'}")


if __name__ == "__main__":
    main()
