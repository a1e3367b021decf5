"""Write margins_over.json: margins(over="g") (probabilities and effects, averaged over the
rows and over a grid) of five fits, as mnlogit computed them before their BLAS products were
held to one thread (commit 4a8c885). test_margins_blas.py checks the numbers stay these.

Run from a checkout of that commit: PYTHONPATH=<checkout> python make_margins_over.py
"""

import json
import platform
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import mnlogit


def data() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 300
    df = pd.DataFrame(
        {
            "g": rng.choice(list("abcde"), n),
            "h": rng.choice(["u", "v"], n),
            "x": rng.normal(size=n),
            "z": rng.uniform(1, 5, n),
            "w": rng.uniform(0.5, 3, n),
            "psu": rng.integers(0, 40, n),
            "st": rng.integers(0, 3, n),
        }
    )
    df["y"] = rng.choice(["a", "b", "c"], n)
    return df


CASES = [
    ("y ~ x + g", {}),
    ("y ~ x * g + h", {}),
    ("y ~ center(x) + poly(z, 2) + g", {}),
    ("y ~ np.log(z) + g:h", {"weights": "w", "weight_type": "probability"}),
    ("y ~ x + g + h", {"design": ("w", "st", "psu")}),
]


def fit(df: pd.DataFrame, formula: str, options: dict) -> mnlogit.MNLogitResults:
    options = dict(options)
    if "design" in options:
        w, st, psu = options.pop("design")
        options["design"] = mnlogit.SurveyDesign(weights=w, strata=st, psu=psu)
    return mnlogit.fit(formula, df, **options)


def tables(res: mnlogit.MNLogitResults) -> dict:
    out = {}
    for kind in ("prob", "effect"):
        for average in ("rows", "grid"):
            t = res.margins(over="g", kind=kind, average=average).to_frame()
            out[f"{kind}/{average}"] = {
                "estimate": t["estimate"].tolist(),
                "std_error": t["std_error"].tolist(),
            }
    return out


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    df = data()
    result = {
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "mnlogit": "commit 4a8c885",
        },
        "cases": {f: tables(fit(df, f, o)) for f, o in CASES},
    }
    path = Path(__file__).with_name("margins_over.json")
    path.write_text(json.dumps(result, indent=1) + "\n")
