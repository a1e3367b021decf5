"""The README's Python examples run as written, in order, in one namespace, and what it tells a
newcomer to write instead of R's functions fits."""

import importlib
import json
import re
import tomllib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

README = Path(__file__).resolve().parents[1] / "README.md"
REFERENCE = Path(__file__).resolve().parent / "reference"


@pytest.mark.slow
def test_readme_python_blocks_run(tmp_path, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    assert len(blocks) >= 4
    monkeypatch.chdir(tmp_path)  # the export examples write their files here
    namespace: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        for block in blocks:
            exec(compile(block, str(README), "exec"), namespace)
    assert isinstance(namespace["res"], mnlogit.MNLogitResults)
    assert namespace["pw"].df_resid == len(namespace["svy"]) - 1 == 3051  # as its comment says
    assert (tmp_path / "coef.csv").exists() and (tmp_path / "coef.tex").exists()


def _r_functions_item() -> str:
    """The README's item on R's functions formulaic lacks, up to the next item."""
    found = re.search(r"^- R's `factor\(\)`.*?(?=^- )", README.read_text(), flags=re.S | re.M)
    assert found, "the README no longer has its item on R's factor(), relevel(), ns()"
    return found.group(0)


def _replacements() -> list[str]:
    # the terms it gives (C(g), cr(x, ...)), not R's names with empty parentheses
    return re.findall(r"`(\w+\([^`)][^`]*\))`", _r_functions_item())


@pytest.fixture(scope="module")
def travel():
    df = mnlogit.datasets.load("travel").dropna(subset=["income"])
    levels = {"rural": "a", "suburban": "b", "urban": "c"}  # the README's C(g, Treatment('b'))
    return df.assign(y=df["mode"], x=df["distance"], g=df["region"].map(levels))


@pytest.mark.parametrize("term", _replacements())
def test_what_the_readme_writes_for_r_functions_fits_beside_the_intercept(term, travel):
    # it wrote cr(x, df=3) for ns(x, df=3): a basis summing to one, refused beside the
    # intercept as rank deficient
    res = mnlogit.fit(f"y ~ {term}", travel, ref="car", safe_formula=True)
    assert res.converged and np.isfinite(res.bse.to_numpy()).all()


def test_the_readme_gives_cr_for_ns():
    assert any(t.startswith("cr(x, df=3") for t in _replacements())
    assert any("knots=" in t for t in _replacements())


def test_cr_with_r_knots_is_r_ns_fit(travel):
    # nnet::multinom(mode ~ ns(distance, df = 3)) by tests/reference/make_ns_spline.R; the
    # README's example knots are ns()'s on these rows
    ref = json.loads((REFERENCE / "ns_spline.json").read_text())
    assert ref["convergence"] == 0
    term = next(t for t in _replacements() if "knots=" in t)
    assert f"knots={ref['knots']}" in term
    res = mnlogit.fit(f"mode ~ {term.replace('(x,', '(distance,')}", travel, ref="car")
    assert res.llf == pytest.approx(ref["loglik"], rel=1e-8)
    probs = res.predict(travel.head(5), kind="prob")[ref["levels"]].to_numpy()
    # nnet's BFGS stops at its tolerance on the log-likelihood: its probabilities are ~1e-6 off
    np.testing.assert_allclose(probs, np.array(ref["probs"]), rtol=0, atol=5e-6)


def _section(title: str) -> str:
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README.read_text(), re.S | re.M)
    assert found, f"the README has no section {title!r}"
    return found.group(1)


def test_the_command_lines_output_shown_in_the_readme_is_what_it_prints(capsys):
    # each ```text block follows the command that prints it: `mnlogit ...` says
    from mnlogit.__main__ import main

    shown = re.findall(r"`(mnlogit [^`]+)`\s+says\s+```text\n(.*?)```", README.read_text(), re.S)
    assert shown, "the README shows no command-line output"
    for command, text in shown:
        args = re.findall(r'"[^"]*"|\S+', command)[1:]
        assert main([a.strip('"') for a in args]) == 0, command
        printed = capsys.readouterr()
        assert text.strip() in printed.err + printed.out, (command, printed.err)


def test_the_command_line_options_the_readme_names_exist(capsys):
    from mnlogit.__main__ import main

    helps = ""
    for command in ("fit", "compare"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        helps += capsys.readouterr().out
    text = _section("Command line")
    for flag in set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", text)):
        assert re.search(rf"(?<![\w-]){flag}\b", helps), f"the README names {flag}; no such option"
    for flag, values in re.findall(r"`(--[a-z-]+) (\w+(?:\|\w+)+)`", text):
        listed = re.search(rf"{flag} \{{([\w,]+)\}}", helps)
        assert listed and listed.group(1).split(",") == values.split("|"), (flag, values)


def test_the_calls_the_readme_writes_with_clusters_do_what_it_says():
    # it gave MNLogit(y, X, groups=g) for statsmodels' clusters, whose fit() without
    # cov_type= is refused: a model given clusters takes no default covariance
    calls = re.findall(r"`((?:mnlogit\.)?(?:MNLogit|fit)\([^`]*groups=g[^`]*)`", README.read_text())
    assert calls, "the README writes no call with groups=g"
    rng = np.random.default_rng(0)
    x = rng.normal(size=120)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 120), "x": x, "g": np.arange(120) % 12})
    names = {"mnlogit": mnlogit, "MNLogit": mnlogit.MNLogit, "df": df, "g": df["g"]}
    names |= {"y": df["y"], "X": df.assign(const=1.0)[["const", "x"]]}
    for call in calls:
        code = call.replace("...", '"y ~ x", df')
        if "cov_type=" in call:
            assert eval(code, names).cov_type == "cluster", call
        else:  # the README says such a fit is refused
            with pytest.raises(mnlogit.MNLogitError, match="cov_type"):
                eval(code, names)


def test_the_bundled_data_are_as_the_readme_describes_them():
    travel = mnlogit.datasets.load("travel")
    item = re.search(r"^- `travel`: (.*?)(?=^\S|\Z)", _section("Bundled data"), re.S | re.M)
    assert item
    words = " ".join(item.group(1).split())
    assert f"{len(travel):,} trips by {travel['household'].nunique():,} households" in words
    missing = travel[travel["income"].isna()]
    assert (
        f"income (missing for {missing['household'].nunique()} households, "
        f"{len(missing)} trips)" in words
    )
    assert len(mnlogit.datasets.load("risk")) == 12 and "12-row" in _section("Bundled data")


def test_the_option_values_help_fit_lists_are_the_ones_fit_takes():
    # help(mnlogit.fit) lists each option's values as {...}; fit refuses others, saying which
    import ast
    import inspect

    doc = inspect.getdoc(mnlogit.fit) or ""
    listed = dict(re.findall(r"^(\w+) : \{([^}]*)\}", doc, flags=re.M))
    assert {"cov_type", "method", "missing", "weight_type", "penalty"} <= set(listed)
    travel = mnlogit.datasets.load("travel")
    for option, values in listed.items():
        documented = set(ast.literal_eval(f"({values},)"))
        with pytest.raises(mnlogit.MNLogitError, match="expected one of") as refused:
            mnlogit.fit("mode ~ income", travel, **{option: "bogus"})
        allowed = re.search(r"expected one of (\(.*?\))", str(refused.value))
        assert allowed, str(refused.value)
        accepted = ast.literal_eval(allowed.group(1))  # a one-value list reads as a string
        accepted = {accepted} if isinstance(accepted, str) else set(accepted)
        # "design" is the covariance of survey data only, refused as an option without one
        assert accepted - {None} <= documented and documented - accepted <= {None, "design"}


def test_the_names_the_readme_mentions_exist():
    # its prose names results attributes, functions and warnings outside the code blocks too
    text = README.read_text()
    res = mnlogit.fit("mode ~ np.log(distance) + income", mnlogit.datasets.load("travel"))
    for name in set(re.findall(r"\bres\.(\w+)", text)):
        assert hasattr(res, name), f"the README names res.{name}; results have no such attribute"
    for dotted in set(re.findall(r"\bmnlogit\.((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)", text)):
        obj: object = mnlogit
        for part in dotted.split("."):
            if not hasattr(obj, part):  # a submodule not imported yet
                obj = importlib.import_module(f"{obj.__name__}.{part}")  # type: ignore[attr-defined]
            else:
                obj = getattr(obj, part)
    for name in set(re.findall(r"`(\w+(?:Warning|Error))`", text)) - {
        "ValueError",
        "TypeError",
        "KeyError",
        "OSError",
        "ImportError",
        "RuntimeError",
    }:
        assert hasattr(mnlogit.exceptions, name), name


def _results_rows(path: Path, first: str) -> list[list[str]]:
    """Rows of the first table in ``path`` whose header starts with ``first``."""
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first}"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True)))
    return rows


def _close(shown: str, measured: str, rel: float) -> bool:
    a, b = float(shown.rstrip("x")), float(measured.rstrip("x"))
    return abs(a - b) <= rel * abs(b)


def test_the_speed_table_is_the_committed_benchmark_results():
    # the README's table quotes benchmarks/RESULTS.md, rounded to three digits (ratios to two)
    readme = re.search(r"^\| \(n, p, K\) \| mnlogit .*?\n\n", README.read_text(), re.S | re.M)
    assert readme, "the README has no speed table"
    measured = {
        tuple(int(v) for v in re.findall(r"\d+", row["(n, p, K)"])): row
        for row in _results_rows(README.parent / "benchmarks" / "RESULTS.md", "(n, p, K) |")
    }
    rows = [line for line in readme.group(0).splitlines()[2:] if line.startswith("|")]
    assert len(rows) == len(measured) == 5
    for line in rows:
        size, mn, sm, sk = (c.strip() for c in line.strip("|").split("|"))
        n, p, k = re.fullmatch(r"(\S+) x (\d+) x (\d+)", size).groups()
        row = measured[(int(float(n)), int(p), int(k))]
        sm_s, ratio = re.fullmatch(r"(\S+) \((\S+) slower\)", sm).groups()
        assert _close(mn, row["mnlogit s"], 0.005), (size, mn, row["mnlogit s"])
        assert _close(sm_s, row["statsmodels s"], 0.005), (size, sm_s, row["statsmodels s"])
        assert _close(sk, row["sklearn s"], 0.005), (size, sk, row["sklearn s"])
        assert _close(ratio, row["statsmodels / mnlogit"], 0.05), (size, ratio)


def test_the_wide_design_ratios_are_the_committed_benchmark_results():
    # the README quotes benchmarks/RESULTS_wide.md's latest run; benchmarks/RESULTS.md holds
    # the run before, so the two files can disagree
    rows = {
        r["case"]: r
        for r in _results_rows(README.parent / "benchmarks" / "RESULTS_wide.md", "case |")
    }

    def ratio(case: str, column: str = "sklearn tight / mnlogit coef") -> float:
        return float(rows[case][column].rstrip("x"))

    text = " ".join(README.read_text().split())
    said = re.search(
        r"optimum \(the loosest tolerance .*?\): ([\d.]+)x at p = 10, ([\d.]+)-([\d.]+)x at "
        r"p = 50-200, ([\d.]+)x at p = 500 \(([\d.]+)x from arrays\) and ([\d.]+)x at "
        r"p = 1000 \(([\d.]+)x from arrays\); ([\d.]+)-([\d.]+)x at K = 20, 50 and 100",
        text,
    )
    assert said, "the README's wide-design sentence changed; update this test with it"
    arrays = "sklearn tight / mnlogit coef, arrays"
    middle = [ratio(f"p={p}, K=5") for p in (50, 100, 200)]
    many = [ratio(f"p=20, K={k}") for k in (20, 50, 100)]
    expected = [
        ratio("p=10, K=5"),
        min(middle),
        max(middle),
        ratio("p=500, K=5"),
        ratio("p=500, K=5", arrays),
        ratio("p=1000, K=5"),
        ratio("p=1000, K=5", arrays),
        min(many),
        max(many),
    ]
    shown = [float(v) for v in said.groups()]
    assert all(abs(s - e) <= 0.051 for s, e in zip(shown, expected, strict=True)), (shown, expected)


def _readme_commands() -> list[str]:
    """The `mnlogit ...` commands of the README's bash blocks, continuation lines joined and
    comments cut, that run on the bundled data (not on a user's DATA.csv)."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", README.read_text(), flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            line = line.split("&& ", 1)[1] if line.startswith("pip install") else line
            if line.startswith("mnlogit ") and "DATA.csv" not in line:
                commands.append(line)
    return commands


@pytest.mark.slow  # four fits, one of them a cluster-robust fit of the travel data
def test_the_readme_commands_run(tmp_path, monkeypatch, capsys):
    # the main job (`pip install -e . && mnlogit fit --dataset risk ...`) and the command-line
    # section's examples: each exits 0 and writes the files it names
    from mnlogit.__main__ import main

    commands = _readme_commands()
    assert any("--dataset risk" in c for c in commands) and len(commands) >= 4
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        for command in commands:
            args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', command)[1:]]
            assert main(args) == 0, (command, capsys.readouterr().err)
            for option in ("--csv", "--latex"):
                if option in args:
                    assert (tmp_path / args[args.index(option) + 1]).exists(), command
    # the main job shows the separated fit and then the Firth fit, as the README says
    out = capsys.readouterr().out
    assert "bias-reduced (Firth)" in out


def test_the_outcome_name_the_readme_gives_the_classifiers_summary():
    # its summary said 'mode_ ~ ...' with nothing to say why
    from mnlogit.sklearn import MNLogitClassifier

    said = re.search(r"names the outcome `(\w+)`", _section("scikit-learn"))
    assert said, "the README no longer says how the classifier names the outcome"
    travel = mnlogit.datasets.load("travel").dropna()
    clf = MNLogitClassifier(formula="np.log(distance) + income", ref="car")
    res = clf.fit(travel, travel["mode"]).results_
    assert res.formula.split(" ~ ")[0] == said.group(1) and "mode" in travel.columns
    assert f"Outcome    {said.group(1)}," in str(res.summary())


def test_the_default_reference_says_where_stata_differs(capsys):
    # ref=None is R's first level; Stata's mlogit takes the most frequent outcome as its
    # base, which nothing said, so a Stata user got other equations without a word
    import inspect
    from collections import Counter

    from mnlogit.__main__ import main

    model = " ".join(_section("The model").split())
    said = re.search(r"Stata's `mlogit` takes the most frequent outcome.*?`ref=(.*?)`", model)
    assert said, "the README no longer says how Stata's default base differs"
    travel = mnlogit.datasets.load("travel")
    stata_base = eval(said.group(1), {"df": travel.rename(columns={"mode": "y"})})
    assert stata_base == Counter(travel["mode"]).most_common(1)[0][0] == "car"
    assert mnlogit.fit("mode ~ 1", travel).ref == "bus" != stata_base
    assert "most frequent" in " ".join((inspect.getdoc(mnlogit.fit) or "").split())
    cells = json.loads((README.parent / "notebooks" / "02_inference.ipynb").read_text())["cells"]
    notebook = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    said = re.search(
        r"Stata's `mlogit` takes the most frequent outcome, here `(\w+)`",
        " ".join(notebook.split()),
    )
    assert said and said.group(1) == stata_base, "the inference notebook's default reference"
    for command in ("fit", "compare"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "most frequent" in " ".join(capsys.readouterr().out.split()), command


def test_what_the_readme_says_of_prediction_intervals_scale_is_what_they_give():
    # the README said only "delta-method intervals": a reader taking prob +- z se, as
    # Stata's margins gives it, found other bounds with nothing to say why
    from scipy.special import expit, logit
    from scipy.stats import norm

    text = " ".join(README.read_text().split())
    assert "`prediction_intervals` takes its intervals on the logit scale" in text
    travel = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ np.log(distance) + income", travel, ref="car")
    table = res.prediction_intervals(travel.head(3), alpha=0.1)
    p, se = table["prob"].to_numpy(), table["std_error"].to_numpy()
    half = norm.ppf(0.95) * se / (p * (1 - p))
    np.testing.assert_allclose(table["lower"], expit(logit(p) - half), rtol=1e-10)
    np.testing.assert_allclose(table["upper"], expit(logit(p) + half), rtol=1e-10)
    assert not np.allclose(table["lower"], p - norm.ppf(0.95) * se, rtol=1e-3)
    margin = res.margins(at={"distance": [5.0], "income": [40.0]}).to_frame()
    z = norm.ppf(0.975)
    np.testing.assert_allclose(margin["lower"], margin["estimate"] - z * margin["std_error"])


def test_what_the_readme_says_of_brglm2s_default_is_what_brglm2_does():
    # it said brmultinom's default type was "AS_mean": brglm2 0.9's is "AS_mixed", which
    # for the multinomial logit gives the AS_mean estimates (make_brglm2_default_type.R)
    ref = json.loads((REFERENCE / "brglm2_default_type.json").read_text())
    text = " ".join(_section("Separation and bias-reduced estimates").split())
    said = re.search(r"`brglm2::brmultinom` computes it: its default `type = \"(\w+)\"`", text)
    assert said, "the README no longer names brmultinom's default type"
    assert said.group(1) == ref["default_type"]
    assert ref["largest_difference_from_AS_mean"] == 0 and "is, for the multinomial logit" in text
    risk = mnlogit.datasets.load("risk")
    firth = mnlogit.fit("risk ~ age + income", risk, ref=ref["reference"], method="firth")
    got = firth.params.loc[["Intercept", "age", "income"], ref["equations"]].to_numpy().T
    np.testing.assert_allclose(got, np.array(ref["coef"]), rtol=1e-6)


def test_margins_over_is_stata_margins_of_a_factor_not_its_over_option():
    # over= reads as Stata's over() option, which averages each level's own rows; margins
    # sets the level in every row, as the README and help(res.margins) now say. The README's
    # over() weights the rows as margins does: a plain groupby mean is not it for a weighted fit
    import inspect

    text = " ".join(_section("Margins, contrasts and tables of several models").split())
    said = re.search(r"not its `over\(region\)` option, .*?\(`(p = res\.predict\(\).*?)`", text)
    assert said, "the README no longer says how over= differs from Stata's over()"
    assert "over()" in " ".join((inspect.getdoc(mnlogit.MNLogitResults.margins) or "").split())
    df = mnlogit.datasets.load("travel")
    df = df.assign(w=1 + df["age"] / 20)
    design = mnlogit.SurveyDesign(weights="w")
    res = mnlogit.fit("mode ~ np.log(distance) + income + region", df, ref="car", design=design)
    margins = res.margins(over="region").to_frame().set_index(["region", "outcome"])["estimate"]
    *steps, last = said.group(1).split(";")
    namespace = {"res": res, "df": df}
    exec(";".join(steps), namespace)
    subgroups = eval(last.strip(), namespace)
    used = df.dropna(subset=["income"])  # the rows the fit used
    for level, means in subgroups.iterrows():
        rows = used[used["region"] == level]
        own = res.predict(rows).mul(rows["w"], axis=0).sum() / rows["w"].sum()
        np.testing.assert_allclose(means, own[means.index], rtol=1e-10)
    set_in_every_row = {
        level: res.predict(used.assign(region=level)).mul(used["w"], axis=0).sum() / used["w"].sum()
        for level in subgroups.index
    }
    for level in subgroups.index:
        columns = subgroups.columns
        np.testing.assert_allclose(
            margins[level][columns], set_in_every_row[level][columns], rtol=1e-10
        )
    rural = margins["rural"][subgroups.columns] - subgroups.loc["rural"]
    assert rural.abs().max() > 5e-3  # the two differ: over() is another quantity


def test_what_the_readme_says_of_the_sizes_where_scikit_learn_is_faster():
    # it said mnlogit "takes 0.9x scikit-learn's time" at 1e6 x 50 x 10, where it took 3.96 s
    # against 3.56 s: 0.9x is RESULTS.md's sklearn / mnlogit, the speed, not the time
    text = " ".join(README.read_text().split())
    said = re.search(
        r"At 1e6 x 50 x 10 it is ([\d.]+)x as fast as scikit-learn, taking ([\d.]+)x its time"
        r".*? and at 1e4 rows it takes (\d+) ms against (\d+) ms \(([\d.]+)x as fast\)",
        text,
    )
    assert said, "the README's sentence on where scikit-learn is faster changed"
    rows = {
        tuple(int(v) for v in re.findall(r"\d+", row["(n, p, K)"])): row
        for row in _results_rows(README.parent / "benchmarks" / "RESULTS.md", "(n, p, K) |")
    }
    big, small = rows[(1000000, 50, 10)], rows[(10000, 10, 3)]
    mn, sk = float(big["mnlogit s"]), float(big["sklearn s"])
    assert mn > sk  # the sentence is of a size where scikit-learn is the faster
    assert abs(float(said.group(1)) - sk / mn) <= 0.051
    assert abs(float(said.group(2)) - mn / sk) <= 0.051
    mn, sk = float(small["mnlogit s"]), float(small["sklearn s"])
    assert [int(said.group(3)), int(said.group(4))] == [round(1000 * mn), round(1000 * sk)]
    assert abs(float(said.group(5)) - sk / mn) <= 0.01


def test_what_the_readme_says_of_the_dashes_ending_na_values_is_what_the_parser_does(
    tmp_path, capsys
):
    # it said only "with its texts ended by `--`", which --na-values' own refusal advises; an
    # option after the '--' was refused as "unrecognized arguments: --ref a; did you mean --ref?"
    from mnlogit.__main__ import main

    text = " ".join(_section("Command line").split())
    assert "with its texts ended by `--`, which ends every option" in text
    data = tmp_path / "d.csv"
    mnlogit.datasets.load("risk").to_csv(data, index=False)
    before = ["fit", str(data), "--ref", "low", "--na-values", "NA", ".", "--", "risk ~ age"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        assert main(before) == 0
    capsys.readouterr()
    assert main(["fit", str(data), "--na-values", "NA", "--", "risk ~ age", "--ref", "low"]) == 2
    assert "give --ref before the '--'" in capsys.readouterr().err


@pytest.mark.slow  # a Dask fit
def test_what_the_readme_says_a_dask_fit_refuses_is_what_it_refuses():
    # its list left out margins and prediction intervals without new data, refused as the
    # others are: a reader planning margins on a dask fit learnt it only from the error
    dd = pytest.importorskip("dask.dataframe")
    text = " ".join(_section("Data larger than memory (Dask)").split())
    said = re.search(r"what needs every row in memory \((.*?)\) raises a clear error", text)
    assert said, "the README no longer lists what a dask fit refuses"
    travel = mnlogit.datasets.load("travel").dropna()
    res = mnlogit.fit("mode ~ income + region", dd.from_pandas(travel, npartitions=2), ref="car")
    calls = {
        "predictions and prediction intervals without new data": [
            res.predict,
            res.prediction_intervals,
        ],
        "marginal effects": [res.marginal_effects],
        "margins": [res.margins],
        "suest and Small-Hsiao": [
            lambda: res.iia_test("walk", method="suest"),
            lambda: res.iia_test("walk", method="small-hsiao", seed=1),
        ],
        "Firth": [
            lambda: mnlogit.fit(
                "mode ~ income", dd.from_pandas(travel, npartitions=2), method="firth"
            )
        ],
    }
    assert said.group(1).split(", ") == list(calls)
    for refused in (call for group in calls.values() for call in group):
        with pytest.raises(mnlogit.MNLogitError):
            refused()
    assert len(res.prediction_intervals(travel.head(2))) > 0  # with new data they run


def test_the_built_in_exceptions_the_readme_says_refusals_are_are_all_of_them():
    # it said every refusal was also a ValueError, TypeError or KeyError, while a Firth fit's
    # robust covariance on separated data is refused as a RuntimeError, an unwritable output
    # as an OSError: code catching what it named missed them
    import inspect

    text = " ".join(_section("Weights, missing values and bad input").split())
    said = re.search(r"Every mistake raises an `mnlogit.MNLogitError` \((.*?)\) whose", text)
    assert said, "the README no longer says which built-in exceptions the refusals are"
    named = set(re.findall(r"`(\w+Error)`", said.group(1)))
    for name, kind in inspect.getmembers(mnlogit.exceptions, inspect.isclass):
        if issubclass(kind, mnlogit.MNLogitError) and kind is not mnlogit.MNLogitError:
            assert {base.__name__ for base in kind.__mro__} & named, name


def test_levels_the_readme_says_print_alike_are_refused():
    # the README said only that levels differing by white space or rounding are fitted with a
    # warning; levels in two Unicode forms or beside an invisible character are refused
    import unicodedata

    text = " ".join(_section("Formulas").split())
    said = re.search(r"Levels that print alike but are other text, .*? are refused, (.*?),", text)
    assert said, "the README no longer says which levels that print alike are refused"
    assert said.group(1) == "a Categorical's too"
    examples = [
        (unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")),
        ("u", "u\u200b"),
        ("\u2764", "\u2764\ufe0f"),
    ]
    assert '`"u"` and `"u\\u200b"`' in text and "`\\ufe0f`" in text
    rng = np.random.default_rng(3)
    for a, b in examples:
        g = rng.choice([a, b, "v"], 90)
        df = pd.DataFrame({"x": rng.normal(size=90), "g": g, "y": rng.choice(["p", "q"], 90)})
        for formula, data in (
            ("y ~ x + g", df),
            ("g ~ x", df),
            ("y ~ x + g", df.assign(g=pd.Categorical(g))),
        ):
            with pytest.raises(mnlogit.exceptions.DataError, match="print alike"):
                mnlogit.fit(formula, data)


def _readme_says(pattern: str) -> re.Match:
    """The README's sentence ``pattern`` matches, its lines joined; when the sentence changes,
    the test reading it must change with it."""
    found = re.search(pattern, " ".join(README.read_text().split()))
    assert found, f"the README no longer says {pattern!r}; update this test with it"
    return found


def test_the_information_pass_against_its_floor_is_the_wide_runs():
    # it said 0.85-1.4x the DSYRK floor from 100 columns on, where the rerun of p = 200, 500
    # and 1000 that the same paragraph quotes gives 1.00-1.40x (0.85 was the run before's)
    rows = {
        r["case"]: r
        for r in _results_rows(README.parent / "benchmarks" / "RESULTS_wide.md", "case |")
    }
    said = _readme_says(
        r"summed one equation's row of blocks at a time from (\d+) columns on, runs at "
        r"([\d.]+)-([\d.]+)x this machine's DSYRK floor"
    )
    # the cases summed by equation: K = 5 (fewer than 6 equations) and p + 1 >= 100 columns
    by_equation = [
        float(row["SEs / floor"])
        for case, row in rows.items()
        if (m := re.fullmatch(r"p=(\d+), K=5", case)) and int(m.group(1)) + 1 >= int(said[1])
    ]
    assert len(by_equation) == 4
    shown = (float(said[2]), float(said[3]))
    assert shown == (round(min(by_equation), 1), round(max(by_equation), 1)), by_equation


def test_the_sizes_the_readme_gives_a_result_are_in_the_units_it_names():
    # it gave a "107 MB" design and a "208 MB" pickle at 1e6 rows: 112 MB and 218 MB, the
    # figures being MiB (as the 32 MB mapping threshold was 32 MiB)
    import pickle

    from mnlogit._design_fill import OWN_MAPPING_BYTES

    units = {"MB": 1e6, "MiB": 2**20}
    mapping = _readme_says(r"from (\d+) (MiB|MB) on in a memory mapping of its own")
    said = _readme_says(
        r"At 1e6 rows, ten numbers and a factor of four levels \((\d+) design columns\): a "
        r"(\d+) (MiB|MB) design and (\d+) (MiB|MB) of raw columns.*?`pickle\.dumps\(res\)` is "
        r"(\d+) (MiB|MB)\."
    )
    assert int(mapping[1]) * units[mapping[2]] == OWN_MAPPING_BYTES
    columns, design, design_unit, raw, raw_unit, pickled, pickled_unit = said.groups()
    assert round(1e6 * int(columns) * 8 / units[design_unit]) == int(design)
    # the same model at 1e5 rows: a result's pickle grows with its rows
    n = 100_000
    rng = np.random.default_rng(0)
    df = pd.DataFrame({f"x{i}": rng.normal(size=n) for i in range(10)})
    df["g"] = rng.choice(["a", "b", "c", "d"], n)
    df["y"] = rng.choice(["p", "q", "r"], n)
    res = mnlogit.fit("y ~ " + " + ".join(df.columns[:10]) + " + g", df)
    assert res.params.shape[0] == int(columns)
    size = len(pickle.dumps(res)) * 1e6 / n / units[pickled_unit]
    assert abs(size - int(pickled)) <= 0.01 * size, size
    # the raw columns the result keeps (it said 86 MiB where they are 93)
    kept = res._data.frame.memory_usage(deep=True).sum() * 1e6 / n / units[raw_unit]
    assert abs(kept - int(raw)) <= 0.01 * kept, kept


def test_the_benchmark_extra_installs_the_scikit_learn_the_classifier_needs():
    # the README's rerun, pip install -e ".[bench]" && ... bench_fit.py, times
    # MNLogitClassifier, which needs scikit-learn 1.6; the bench extra asked for 1.3
    import ast

    said = _readme_says(r'`pip install -e "\.\[(\w+)\]" && [^`]*python benchmarks/bench_fit\.py')
    pyproject = (README.parent / "pyproject.toml").read_text()
    extras = {
        name: ast.literal_eval(values)
        for name, values in re.findall(r"^(\w+) = (\[.*\])", pyproject, flags=re.M)
    }
    bench_fit = (README.parent / "benchmarks" / "bench_fit.py").read_text()
    assert "from mnlogit.sklearn import MNLogitClassifier" in bench_fit

    def floor(extra: str, package: str) -> tuple[int, ...]:
        spec = next(s for s in extras[extra] if s.split(">=")[0].split("[")[0] == package)
        return tuple(int(v) for v in spec.split(">=")[1].split("."))

    needed = floor("sklearn", "scikit-learn")
    assert f"scikit-learn {'.'.join(map(str, needed))} or later" in _section("scikit-learn")
    assert floor(said[1], "scikit-learn") >= needed


def test_the_fast_loop_leaves_out_the_python_subprocesses():
    # the README's fast loop (-m "not slow") leaves out "command-line runs in a subprocess",
    # as the slow marker's own definition says; four of compare's, three exports' and three
    # signal handlers' runs of a Python subprocess were unmarked, 1.7-5 s each
    import ast

    said = _readme_says(r"the fast loop leaves out the tests marked `slow` \(command-line runs in")
    assert said
    python = "sys." + "executable"  # not this test's own text
    unmarked = []
    for path in sorted((README.parent / "tests").glob("test_*.py")):
        source = path.read_text()
        if re.search(r"^pytestmark = .*pytest\.mark\.slow", source, flags=re.M):
            continue
        # a file whose text never names the interpreter starts none: parsing all of them
        # took most of this test's time
        if not re.search(r"sys\s*\.\s*executable", source):
            continue
        tree = ast.parse(source)
        functions = [f for f in tree.body if isinstance(f, ast.FunctionDef)]
        runs = {  # helpers that start a Python process
            f.name for f in functions if not f.name.startswith("test_") and python in ast.unparse(f)
        }
        for f in functions:
            body = ast.unparse(f)
            starts = python in body or any(f"{name}(" in body for name in runs)
            marks = " ".join(ast.unparse(d) for d in f.decorator_list)
            if f.name.startswith("test_") and starts and "mark.slow" not in marks:
                unmarked.append(f"{path.name}::{f.name}")
    assert unmarked == [], unmarked


def test_every_doc_gives_the_designs_own_mapping_threshold_in_the_unit_it_names():
    # ARCHITECTURE.md and benchmarks/README.md said the design gets its own mapping from
    # "32 MB", where the threshold is 32 MiB (33.6 MB), after the README had been corrected
    from mnlogit._design_fill import OWN_MAPPING_BYTES

    units = {"MB": 1e6, "MiB": 2**20}
    said = {
        "README.md": r"from (\d+) (MiB|MB) on in a memory mapping of its own",
        "ARCHITECTURE.md": r"its own memory mapping from (\d+) (MiB|MB)",
        "ARCHITECTURE.md ": r"A design of (\d+) (MiB|MB) or more gets its own anonymous memory",
        "benchmarks/README.md": r"keeps numpy's allocation below (\d+) (MiB|MB)",
    }
    for name, pattern in said.items():
        text = " ".join((README.parent / name.strip()).read_text().split())
        found = re.search(pattern, text)
        assert found, f"{name.strip()} no longer says {pattern!r}; update this test with it"
        assert int(found[1]) * units[found[2]] == OWN_MAPPING_BYTES, (name, found[0])


def test_the_refusals_the_readme_quotes_are_how_the_messages_begin():
    # the README's examples of a refusal's words: each must still be what the message says
    said = _readme_says(
        r"quotes the bad value and says what is allowed, e\.g\. `([^`]+)` or `([^`]+)`\."
    )
    travel = mnlogit.datasets.load("travel")
    quoted_hc0, quoted_column = said.groups()
    with pytest.raises(mnlogit.MNLogitError) as refused:
        mnlogit.fit("mode ~ distance", travel, cov_type="hc0")
    assert str(refused.value).startswith(quoted_hc0), str(refused.value)
    with pytest.raises(mnlogit.MNLogitError) as refused:
        mnlogit.fit("mode ~ agee", travel)
    assert str(refused.value).startswith(quoted_column), str(refused.value)


def test_what_the_readme_says_of_statsmodels_dummy_effects_is_what_statsmodels_gives():
    # it called mnlogit's discrete change from the baseline "statsmodels' get_margeff(dummy=
    # True), which fails for an MNLogit with a factor": it runs for some fits, and there it
    # toggles one dummy holding the others (0.020 where the discrete change is 0.032)
    import statsmodels.formula.api as smf

    said = _readme_says(
        r"`get_margeff\(dummy=True\)` fails for many `MNLogit` fits with a factor \(statsmodels "
        r"[\d.]+: \"([^\"]+)\", as for `(y ~ [^`]+)` on the travel data\), .*?\(for "
        r"`(y ~ [^`]+)`, ([\d.]+) for train where the change from rural to suburban is ([\d.]+)\)"
    )
    message, failing, running, theirs, ours = said.groups()
    travel = mnlogit.datasets.load("travel").dropna()
    travel = travel.assign(y=pd.Categorical(travel["mode"]).codes)  # 2 is train
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match=message):
            smf.mnlogit(failing, travel).fit(disp=0).get_margeff(dummy=True)
        effects = smf.mnlogit(running, travel).fit(disp=0).get_margeff(dummy=True)
    frame = effects.summary_frame()
    assert round(frame.loc[("y=2", "C(region)[T.suburban]"), "dy/dx"], 3) == float(theirs)
    res = mnlogit.fit(running, travel)
    change = (
        res.predict(travel.assign(region="suburban")) - res.predict(travel.assign(region="rural"))
    ).mean()
    assert round(res.marginal_effects().loc[("region[T.suburban]", 2), "dydx"], 3) == float(ours)
    assert round(change[2], 3) == float(ours)


def test_ci_runs_the_readmes_test_command_with_what_it_needs():
    # CI runs exactly the README's test command; -n auto needs pytest-xdist in the test extra
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(), flags=re.S)
    command = next(b.strip() for b in blocks if '".[test]"' in b)
    ci = (README.parent / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1] == command
    extras = tomllib.loads((README.parent / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    if " -n " in command:
        assert any(spec.startswith("pytest-xdist") for spec in extras["test"])
