"""Writes splines_travel.csv.gz: the design of mode ~ 0 + cr(distance, df=3) on the bundled
travel data, as formulaic 1.2 builds it, with 17 significant digits (exact doubles), and the
outcome. make_splines.R fits it. Run from the repository root:
    python tests/reference/make_splines.py
"""

from pathlib import Path

from formulaic import model_matrix

import mnlogit


def main() -> None:
    df = mnlogit.datasets.load("travel")
    X = model_matrix("0 + cr(distance, df=3)", df)
    X.columns = ["cr1", "cr2", "cr3"]
    X.insert(0, "mode", df["mode"].to_numpy())
    X.to_csv(Path(__file__).parent / "splines_travel.csv.gz", index=False, float_format="%.17g")


# pytest's --doctest-modules imports this file: the reference is written only when it is run
if __name__ == "__main__":
    main()
