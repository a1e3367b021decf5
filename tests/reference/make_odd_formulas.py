"""Write odd_formulas.tsv: odd but valid formulas in R's and in mnlogit's (Python's) spelling,
on the variables of womenlf.csv and two made from its rows (make_odd_formulas.R adds them:
x = round(3 * sin(row), 4), g = c("u", "v", "w")[(7 * row) %% 3 + 1]). Hand-written corners
first, then formulas drawn (seed 46) from a grammar of R's operators: + - * / : ^2, %in%,
-1, +0, nested parentheses, repeated and cancelling terms, I(), poly(), log().
Run from this folder:  python make_odd_formulas.py"""

import random

ATOMS = [  # (R, Python)
    ("hincome", "hincome"),
    ("x", "x"),
    ("children", "children"),
    ("region", "region"),
    ("g", "g"),
    ("log(hincome)", "log(hincome)"),
    ("I(x^2)", "I(x**2)"),
    ("I(hincome/10)", "I(hincome/10)"),
    ("poly(x, 2)", "poly(x, 2)"),
    ("exp(x/3)", "exp(x/3)"),
    ("sqrt(hincome)", "sqrt(hincome)"),
]

HAND = [
    "hincome - 1",
    "hincome + 0",
    "0 + hincome",
    "-1 + hincome",
    "hincome + children - 1",
    "0 + children",
    "0 + children + region",
    "0 + region:children",
    "children - 1 + hincome",
    "hincome + hincome",
    "hincome + hincome:hincome",
    "hincome*hincome",
    "(hincome)",
    "((hincome))",
    "(((hincome + children)))",
    "(hincome + children)^2",
    "(hincome + children + region)^2",
    "(hincome + children + region)^3",
    "(hincome + x)^2 - hincome:x",
    "hincome*children - hincome",
    "hincome*children - children",
    "hincome*children - hincome:children",
    "hincome*children*region - hincome:children:region",
    "region/hincome",
    "region/hincome - 1",
    "children/region",
    "children/(hincome + x)",
    "(children + g)/hincome",
    "hincome %in% region",
    "x %in% g",
    "hincome:region",
    "hincome:children + children",
    "hincome:x",
    "hincome:x + hincome + x",
    "children:region",
    "children:region + children + region",
    "region*children - region",
    "hincome + children + children",
    "hincome + children - children",
    "hincome - hincome + children",
    "hincome + x - x",
    "log(hincome) + hincome",
    "log(hincome):children",
    "log(hincome)*children",
    "I(hincome^2)",
    "I(hincome^2) + hincome",
    "hincome + I(hincome^2) + I(hincome^3)",
    "I(hincome*x)",
    "I(hincome*x) + hincome:x",
    "poly(hincome, 2)",
    "poly(hincome, 3) + children",
    "poly(hincome, 2)*children",
    "poly(hincome, 2):children",
    "I(hincome > 15)",
    "I(hincome > 15) + hincome",
    "children + I(hincome > 15):children",
    "offset(hincome/10) + children",
    "hincome + offset(x)",
    "(hincome + children)*(x + g)",
    "(hincome + children):(x + g)",
    "(hincome + children)/g",
    "hincome*x*children",
    "(hincome*x)^2",
    "(hincome + x)^2 + (children + g)^2",
    "hincome + (x + (children + (g)))",
    "-hincome + hincome",
    "hincome - children",
    "1 + hincome",
    "1 + hincome - 1",
    "hincome + 1 + children",
    "0 + hincome:children",
    "0 + hincome*children",
    "g + 0 + region",
    "region + g - 1",
    "region:g - 1",
    "exp(x/3) + sqrt(hincome)",
    "log(hincome + 1)",
    "log(hincome)^2",
    "hincome^2",
    "(log(hincome) + x)^2",
    "children*region*g",
    "children:region:g",
    "(children + region + g)^2 - children:g",
    "x:g + x",
    "x:g",
    "x:g - 1",
    "x*g - g",
    "x*g - x",
    "g/x",
    "g/x - 1",
    "x/g",
    "x/g - 1",
    "g/(x + hincome)",
    "g/x/hincome",
    "region/g",
    "region/g/children",
    "children %in% g",
    "g + x %in% g",
    "region + children %in% region",
    "hincome + region %in% hincome",
    "(x + hincome) %in% g + g",
    "0 + g + x %in% g",
    "g + log(hincome) %in% g - 1",
    "I(x)",
    "I(x) + x",
    "I(-x)",
    "I(x + 0)",
    "I(1*x)",
    "I(2*x) + x",
    "log(exp(x))",
    "hincome + x + hincome:x + hincome:x",
    "hincome*x + x*hincome",
]


def grammar(rng: random.Random, depth: int) -> tuple[str, str]:
    if depth == 0 or rng.random() < 0.35:
        return rng.choice(ATOMS)
    op = rng.choice(["+", "+", "*", ":", "/", "^2", "()", "%in%", "-"])
    a = grammar(rng, depth - 1)
    if op == "^2":
        return (f"({a[0]})^2", f"({a[1]})**2" if False else f"({a[1]})^2")
    if op == "()":
        return (f"({a[0]})", f"({a[1]})")
    b = grammar(rng, depth - 1)
    return (f"{a[0]} {op} {b[0]}", f"{a[1]} {op} {b[1]}")


def drawn(n: int) -> list[tuple[str, str]]:
    rng = random.Random(46)
    out: list[tuple[str, str]] = []
    seen = set()
    while len(out) < n:
        r, py = grammar(rng, 3)
        extra = rng.choice(["", "", "", " - 1", " + 0", "0 + ", "-1 + ", " - hincome", " + x"])
        if extra.endswith(" + "):
            r, py = extra + r, extra + py
        else:
            r, py = r + extra, py + extra
        if r not in seen:
            seen.add(r)
            out.append((r, py))
    return out


def main() -> None:
    hand = [(f, f.replace("^2)", "**2)").replace("^3)", "**3)")) for f in HAND]
    rows = hand + drawn(300 - len(hand))
    with open("odd_formulas.tsv", "w") as fh:
        fh.write("id\tr\tpython\n")
        for k, (r, py) in enumerate(rows, 1):
            fh.write(f"{k}\tpartic ~ {r}\tpartic ~ {py}\n")


if __name__ == "__main__":
    main()
