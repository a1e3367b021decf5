"""How many of the offset property's designs disagree between x = z and x = 1e6 + z, over a
range of seeds (the property itself draws 30 a run): ``python tests/sweep_separation_offsets.py
0 700`` checks the designs of seeds 0 to 699, three kinds each, in a few minutes, and prints
how many were compared and which (seed, kind) disagreed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_separation_offset_columns import KINDS, separations_by_origin


def main(first: int, stop: int) -> None:
    compared, differ = 0, []
    for seed in range(first, stop):
        for kind in KINDS:
            found = separations_by_origin(seed, kind)
            if found is None:
                continue
            compared += 1
            if found[0] != found[1]:
                differ.append((seed, kind))
    print(f"{compared} designs compared; disagreeing: {differ}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
