"""The notebooks run headless from top to bottom, and what they claim is what they compute.

Each notebook is executed with nbclient in a fresh kernel, with the working directory set to an
empty temporary folder (notebooks must not write files anywhere but their own temp dirs). A probe
cell appended to the executed copy reports values from the kernel as JSON, and the tests check
them against independent calculations.
"""

import asyncio
import json
import os
import re
import time
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # each notebook starts a kernel

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = [
    "01_quickstart.ipynb",
    "02_inference.ipynb",
    "03_prediction.ipynb",
    "04_scikit_learn.ipynb",
]
CELL_TIMEOUT = 180  # seconds per cell; generous for a loaded CI machine

PROBES = {
    "04_scikit_learn.ipynb": """
import json
import re
print(json.dumps({"prob_diff": prob_diff, "coef_diff": coef_diff,
                  "default_vs_tight": float(np.abs(sk_default.predict_proba(X)
                                                   - sk.predict_proba(X)).max()),
                  "ml_diverged": bool(ml.diverged), "separation": ml.separation.kind,
                  "firth_converged": bool(clf_firth.results_.converged),
                  "firth_finite": bool(np.isfinite(clf_firth.results_.bse.to_numpy()).all()),
                  "l2_bse_nan": bool(clf_l2.results_.bse.isna().all().all()),
                  "path_C": list(map(float, path.index)),
                  "path_coef": list(map(float, path["largest |coef| (mnlogit, vs low)"])),
                  "path_prob_diff": float(path["largest prob. difference"].max()),
                  "metrics": metrics.to_dict(orient="index"),
                  "n_test": int(len(X_test)), "confusion_total": int(confusion.to_numpy().sum()),
                  "cv_folds": int(cv_scores.shape[1]),
                  "cv_l2_vs_sk": float(np.abs(cv_scores.iloc[0:2].to_numpy()
                                              - cv_scores.iloc[2:4].to_numpy()).max()),
                  "grid_best": float(grid.best_params_["C"]),
                  "grid_best_sk": float(grid_sk.best_params_["C"]),
                  "grid_diff": grid_diff,
                  "refit_C": float(grid.best_estimator_.results_.C)}))
""",
    "01_quickstart.ipynb": """
import json
import re
print(json.dumps({"p_hand": list(map(float, p_hand)), "p_pkg": list(map(float, p_pkg)),
                  "separation": sep.kind, "diverged": bool(res.diverged),
                  "firth_converged": bool(firth.converged),
                  "firth_params_finite": bool(np.isfinite(firth.params.to_numpy()).all())}))
""",
    "02_inference.ipynb": """
import json
import re
print(json.dumps({"hausman": {k: float(v) for k, v in hausman["statistic"].items()},
                  "hausman_p": {k: float(v) for k, v in hausman["pvalue"].items()},
                  "suest": [float(v) for v in suest["statistic"]],
                  "with_ref_diff": float(np.abs(res_bus.params["train"] - check).max()),
                  "refit_diff": float(np.abs(refit.params - res_bus.params).to_numpy().max()),
                  "lr_df": float(lr.df), "lr_stat": float(lr.statistic),
                  "llf_full": float(res.llf), "llf_small": float(small.llf),
                  "svy_se_ratio": {f"{o}:{t}": float(v) for (o, t), v
                                   in ses["design / model-based"].items()},
                  "weights_only_ratio": [float(v) for v in ses["weights only"]
                                         / ses["model-based, unweighted"]],
                  "slope_gaps": [float(v) for fit in (naive, svy) for v
                                 in ((fit.params - census.params) / fit.bse)
                                 .drop("Intercept").abs().to_numpy().ravel()],
                  "svy_df": float(svy.df_design), "rural_df": float(rural_fit.df_design),
                  "south_sampled": float(sample.loc[sample["region"] == "south", "village"]
                                         .nunique() / (villages["region"] == "south").sum()),
                  "subset_df": float(naive_subset.df_design),
                  "rural_bse": rural_fit.bse.to_numpy().tolist(),
                  "subset_bse": naive_subset.bse.to_numpy().tolist(),
                  "svy_vs_census":
                      float((svy.params - census.params).abs().loc["Intercept"].max()),
                  "naive_vs_census":
                      float((naive.params - census.params).abs().loc["Intercept"].max()),
                  "by_distance": by_distance.to_frame().to_dict(orient="list"),
                  "by_region": by_region.to_frame().to_dict(orient="list"),
                  "region_vs_rural": region_vs_rural.to_frame().to_dict(orient="list"),
                  "atmeans_at": {k: float(v) for k, v in atmeans.attrs["evaluated_at"].items()},
                  "grid_panels": len([a for a in fig.axes if a.get_visible()]),
                  "table_llf": [float(v) for v in table.statistics.loc["Log-likelihood"]],
                  "nested_llf": [float(m.llf) for m in (m1, m2, m3)]}))
""",
    "03_prediction.ipynb": """
import json
import re
print(json.dumps({"metrics": metrics.to_dict(orient="index"),
                  "row_sums": float(np.abs(probs.sum(axis=1) - 1).max()),
                  "n_test": int(len(test)), "n_train": int(len(train)),
                  "overlap": int(len(set(train["household"]) & set(test["household"]))),
                  "confusion_total": int(confusion.to_numpy().sum())}))
""",
}


async def _execute(name: str, workdir: Path) -> tuple[nbformat.NotebookNode, dict, float]:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBES[name].strip()))
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    await client.async_execute()
    elapsed = time.perf_counter() - start
    # stdout only: a warning the probe's reads raise (InferenceWarning) goes to stderr
    probe = "".join(
        o.get("text", "")
        for o in nb.cells[-1].outputs
        if o.output_type == "stream" and o.get("name") == "stdout"
    )
    return nb, json.loads(probe), elapsed


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Run every notebook once; the kernel imports mnlogit from this working tree."""
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), env_path] if p)
    before = sorted(p.name for p in NOTEBOOKS.iterdir())
    workdirs = {name: tmp_path_factory.mktemp(name.split(".")[0]) for name in NAMES}

    async def execute_all() -> list[tuple[nbformat.NotebookNode, dict, float]]:
        # each kernel is a process of its own: side by side they use every core the
        # machine has, where one after another they kept one busy and this process waiting
        return await asyncio.gather(*(_execute(name, workdirs[name]) for name in NAMES))

    try:
        done = asyncio.run(execute_all())
        out = {name: (*run, workdirs[name]) for name, run in zip(NAMES, done, strict=True)}
    finally:
        if env_path:
            os.environ["PYTHONPATH"] = env_path
        else:
            del os.environ["PYTHONPATH"]
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before
    return out


def _errors(nb) -> list[str]:
    return [
        f"{o.ename}: {o.evalue}"
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]


def _text_of(nb, marker: str) -> str:
    """All text output of the first code cell whose source contains ``marker``."""
    cell = next(c for c in nb.cells if c.cell_type == "code" and marker in c.source)
    parts = []
    for o in cell.outputs:
        if o.output_type == "stream":
            parts.append(o.text)
        elif "data" in o:
            parts.append(o.data.get("text/plain", ""))
    return "".join(parts)


def test_the_notebooks_are_all_here():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_committed_with_outputs(name):
    """Committed executed, in order, without errors, so they read well on a web page."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
    assert not _errors(nb)
    assert all(
        c.outputs
        for c in cells
        if not c.source.rstrip().endswith(";") and not c.source.startswith(("import", "def "))
    )
    assert any("image/png" in o.get("data", {}) for c in cells for o in c.outputs)


@pytest.mark.parametrize("name", NAMES)
def test_runs_headless_without_errors_or_files(executed, name):
    nb, _, elapsed, workdir = executed[name]
    assert not _errors(nb)
    assert list(workdir.iterdir()) == []  # nothing written to the working directory
    print(f"{name}: {elapsed:.1f} s")


def test_quickstart_hand_calculation(executed):
    nb, probe, _, _ = executed["01_quickstart.ipynb"]
    # softmax of (0, x'b_medium, x'b_high) for age 25, income 30, recomputed here
    x = np.array([1.0, 25.0, 30.0])
    eta = np.array([0.0, x @ [0.5, 0.1, -0.05], x @ [1.2, 0.15, -0.08]])
    expected = np.exp(eta - np.logaddexp.reduce(eta))
    np.testing.assert_allclose(eta, [0.0, 1.5, 2.55], rtol=1e-12)
    np.testing.assert_allclose(probe["p_hand"], expected, rtol=1e-12)
    np.testing.assert_allclose(probe["p_pkg"], expected, rtol=1e-12)
    # the values the notebook's text states, to three decimals
    np.testing.assert_array_equal(np.round(expected, 3), [0.055, 0.245, 0.700])
    shown = _text_of(nb, "p_hand =")
    for value in expected:
        assert f"{value:.4f}" in shown


def test_quickstart_separation_and_firth(executed):
    nb, probe, _, _ = executed["01_quickstart.ipynb"]
    assert probe["separation"] == "complete" and probe["diverged"]
    assert probe["firth_converged"] and probe["firth_params_finite"]
    assert "SeparationWarning" in _text_of(nb, "warnings.catch_warnings")
    # the Firth fit's Wald intervals of the separated coefficients, read by the notebook's
    # code, warn that they are unreliable there, as the summary's note says
    said = _text_of(nb, "ratios = firth.odds_ratios()")
    assert "InferenceWarning: odds_ratios()" in said and "finite only through Firth's" in said


def test_inference_claims(executed):
    nb, probe, _, _ = executed["02_inference.ipynb"]
    # the text discusses a negative Hausman statistic when car is omitted, reported with no p
    assert probe["hausman"]["car"] < 0
    assert np.isnan(probe["hausman_p"]["car"])
    assert "chi2(18) = -" in _text_of(nb, 'res.iia_test("car")')
    assert min(probe["suest"]) >= 0
    # with_ref is an exact re-expression and agrees with a refit
    assert probe["with_ref_diff"] < 1e-12
    assert probe["refit_diff"] < 1e-6
    # the nested LR test is twice the log-likelihood difference, df = 3 columns x 3 equations
    assert probe["lr_df"] == 9
    np.testing.assert_allclose(
        probe["lr_stat"], 2 * (probe["llf_full"] - probe["llf_small"]), rtol=1e-10
    )


def test_survey_section_claims(executed):
    nb, probe, _, _ = executed["02_inference.ipynb"]
    ratio = probe["svy_se_ratio"]
    # clustering doubles the bus intercept's standard error; the slopes stay within noise of 1
    assert ratio["bus:Intercept"] > 1.8 and ratio["walk:Intercept"] > 1.1
    assert all(0.7 < v < 1.3 for k, v in ratio.items() if "Intercept" not in k)
    # design df: 24 villages - 2 regions; the naive subset loses the towns' villages
    assert probe["svy_df"] == 22 and probe["rural_df"] == 22 and probe["subset_df"] == 11
    assert not np.allclose(probe["rural_bse"], probe["subset_bse"], rtol=1e-3)
    # the weighted intercepts are nearer the census values than the unweighted ones
    assert probe["svy_vs_census"] < probe["naive_vs_census"]
    assert max(probe["slope_gaps"]) < 1.6  # "within one and a half of their own standard errors"
    assert "Design df" in _text_of(nb, "print(svy.summary())")
    # the percentages and ranges the text gives are those of the table (it said 3-8% where
    # one ratio was 1.6%, and 0.8 to 1.2 where the slopes' ranged from 0.78 to 1.22)
    text = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
    low, high = map(float, re.search(r"is (\d+)-(\d+)% larger than the unweighted", text).groups())
    extra = 100 * (np.array(probe["weights_only_ratio"]) - 1)
    assert round(extra.min()) == low and round(extra.max()) == high, extra
    # it said "a sixth of the southern villages were sampled", twice, where 12 of 80 were
    shares = re.findall(r"(\d+)% of the southern villages were (?:sampled|seen)", text)
    assert len(shares) == 2 and {int(s) for s in shares} == {round(100 * probe["south_sampled"])}
    said = re.search(r"the slopes' ratios, from ([\d.]+) to ([\d.]+),", text)
    slopes = [v for k, v in ratio.items() if "Intercept" not in k]
    assert said and (float(said.group(1)), float(said.group(2))) == (
        round(min(slopes), 2),
        round(max(slopes), 2),
    ), slopes


def test_margins_claims(executed):
    nb, probe, _, _ = executed["02_inference.ipynb"]
    by_distance = pd.DataFrame(probe["by_distance"]).set_index(["distance", "outcome"])
    # "walking takes three quarters of 1 km trips and almost none of 40 km ones"
    assert 0.7 < by_distance.loc[(1.0, "walk"), "estimate"] < 0.8
    assert by_distance.loc[(40.0, "walk"), "estimate"] < 0.01
    train = by_distance.xs("train", level="outcome")["estimate"].to_numpy()
    assert (np.diff(train) > 0).all()  # "the train gains steadily with distance"
    # each region's probabilities add up to one; the contrasts are their differences
    by_region = pd.DataFrame(probe["by_region"]).set_index(["region", "outcome"])
    np.testing.assert_allclose(by_region["estimate"].groupby(level="region").sum(), 1.0, rtol=1e-12)
    contrasts = pd.DataFrame(probe["region_vs_rural"]).set_index(["region", "outcome"])
    for lv in ("suburban", "urban"):
        np.testing.assert_allclose(
            contrasts.loc[f"{lv} - rural", "estimate"],
            by_region.loc[lv, "estimate"] - by_region.loc["rural", "estimate"],
            rtol=1e-12,
        )
    # "the car loses about 26 percentage points from rural to urban, mostly to the bus"
    urban = contrasts.loc["urban - rural", "estimate"]
    assert round(-urban["car"], 2) == 0.26
    assert urban.drop("car").idxmax() == "bus"
    # at="mean": a geometric-mean trip of about 6 km, 44% urban and 36% suburban
    at = probe["atmeans_at"]
    assert round(np.exp(at["np.log(distance)"])) == 6
    assert round(at["region[T.urban]"], 2) == 0.44 and round(at["region[T.suburban]"], 2) == 0.36
    assert probe["grid_panels"] == 3
    # the table reports the three nested fits, whose log-likelihoods rise
    np.testing.assert_allclose(probe["table_llf"], probe["nested_llf"], rtol=1e-15)
    assert probe["nested_llf"][0] < probe["nested_llf"][1] < probe["nested_llf"][2]
    assert "+ traveller" in _text_of(nb, "mnlogit.compare(")


def test_prediction_claims(executed):
    _, probe, _, _ = executed["03_prediction.ipynb"]
    model = probe["metrics"]["model (test set)"]
    base = probe["metrics"]["baseline: training shares"]
    assert model["accuracy"] > base["accuracy"]
    assert model["log loss"] < base["log loss"]
    assert model["Brier score"] < base["Brier score"]
    assert probe["row_sums"] < 1e-12
    assert probe["overlap"] == 0  # split by household
    assert probe["confusion_total"] == probe["n_test"]


def test_scikit_learn_claims(executed):
    nb, probe, _, _ = executed["04_scikit_learn.ipynb"]
    # "the same numbers": probabilities and reference-coded coefficients to far below 1e-6
    assert probe["prob_diff"] < 1e-9 and probe["coef_diff"] < 1e-9
    assert probe["default_vs_tight"] < 1e-5
    # separation: no maximum-likelihood estimate; the penalised coefficients grow like log C
    assert probe["ml_diverged"] and probe["separation"] == "complete"
    assert "SeparationWarning" in _text_of(nb, "clf_ml = MNLogitClassifier")
    coef = np.array(probe["path_coef"])
    assert np.all(np.diff(coef) > 0)
    steps = np.diff(coef[np.array(probe["path_C"]) >= 100][::4])  # per factor 1e4 of C
    assert np.ptp(steps) < 0.2 * steps.mean()  # roughly constant: linear in log C
    assert probe["path_prob_diff"] < 1e-6
    assert probe["firth_converged"] and probe["firth_finite"] and probe["l2_bse_nan"]
    # the test-set statements: L2 fits get one of three right, ML and Firth two
    acc = {k: v["accuracy"] for k, v in probe["metrics"].items()}
    assert acc["LogisticRegression(C=1)"] == acc["MNLogitClassifier(penalty='l2', C=1)"]
    np.testing.assert_allclose(acc["MNLogitClassifier(penalty='l2', C=1)"], 1 / 3)
    np.testing.assert_allclose(acc["MNLogitClassifier() (maximum likelihood)"], 2 / 3)
    np.testing.assert_allclose(acc["MNLogitClassifier(method='firth')"], 2 / 3)
    assert probe["confusion_total"] == probe["n_test"] == 3
    # cross-validation and the grid search agree with scikit-learn's
    assert probe["cv_folds"] == 5 and probe["cv_l2_vs_sk"] < 1e-8
    assert probe["grid_best"] == probe["grid_best_sk"] == probe["refit_C"]
    assert probe["grid_diff"] < 1e-6
    assert "warnings: none" in _text_of(nb, "cross_val_score(model")


_NUMBER = re.compile(r"(?<![\w.])-?\d+\.\d+(?:[eE][+-]?\d+)?")
_MACHINE_PATH = re.compile(r"(?<![\w.])/(?:root|home|work|tmp|Users|private|var/folders)/[\w.-]")


def _printed(cell) -> str:
    """What a code cell printed or displayed as text (not its HTML twin or images)."""
    parts = []
    for o in cell.outputs:
        if o.output_type == "stream":
            parts.append(o.text)
        elif "data" in o:
            parts.append(o.data.get("text/plain", ""))
    return "".join(parts)


_ANY_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def _wording(cell) -> str:
    """What a cell printed with its numbers masked, spacing and rules of tables collapsed,
    so that only words and layout compare. Warnings on stderr are left out: matplotlib's
    that a legend took long to place comes and goes with the machine's load."""
    parts = []
    for o in cell.outputs:
        if o.output_type == "stream" and o.get("name") == "stdout":
            parts.append(o.text)
        elif "data" in o:
            parts.append(o.data.get("text/plain", ""))
    text = _ANY_NUMBER.sub("#", "".join(parts))
    text = re.sub(r"([=-])\1{2,}", r"\1\1\1", text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


@pytest.mark.parametrize("name", NAMES)
def test_committed_outputs_are_current(executed, name):
    """Every number a committed cell shows is the one the current code prints: a stale
    output (a notebook not rerun after a change of results) fails here."""
    committed = nbformat.read(NOTEBOOKS / name, as_version=4)
    fresh = executed[name][0]
    stale = []
    pairs = zip(
        [c for c in committed.cells if c.cell_type == "code"],
        [c for c in fresh.cells if c.cell_type == "code"][:-1],  # the probe cell is last
        strict=True,
    )
    for k, (old, new) in enumerate(pairs, 1):
        a = [float(x) for x in _NUMBER.findall(_printed(old))]
        b = [float(x) for x in _NUMBER.findall(_printed(new))]
        # printed numbers are rounded: equal to their last digits, or to 1e-6 relative
        if len(a) != len(b) or not np.allclose(a, b, rtol=1e-6, atol=1.01e-4, equal_nan=True):
            stale.append(f"cell {k}: committed {a[:6]}... now {b[:6]}...")
        # and the words around them: a summary line the code now prints (its "Baselines")
        # was missing from a committed output whose numbers were all current
        if _wording(old) != _wording(new):
            lines = set(_wording(new).splitlines()) ^ set(_wording(old).splitlines())
            stale.append(f"cell {k}: text differs in {sorted(lines)[:4]}")
    assert not stale, f"{name}: rerun and save the notebook; stale outputs in " + "; ".join(stale)


@pytest.mark.parametrize("name", NAMES)
def test_outputs_hold_no_paths_of_the_machine_that_ran_them(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    text = json.dumps([c.get("outputs", []) for c in nb.cells])
    assert _MACHINE_PATH.findall(text) == []


def _shown_cells(text: str, column: str) -> list[str]:
    """The cells a pandas table printed as text shows under ``column`` (right-aligned under
    its name), block by block of a wrapped table."""
    cells, end = [], None
    for line in text.splitlines():
        found = re.search(rf"(?<!\S){column}(?!\S)", line)
        if found:
            end = found.end()
        elif not line.strip():
            end = None
        elif end is not None and len(line) >= end and line[:end].split():
            cells.append(line[:end].split()[-1])
    return cells


@pytest.mark.parametrize("name", NAMES)
def test_outputs_show_no_p_value_or_ratio_bound_rounded_to_zero(name):
    # the quickstart's to_frame().round(4) showed the intercept's odds-ratio bound 3.7e-05 as
    # 0.0000 (and 0.27544 as 2.7540e-01), the inference notebook's contrasts p-values of
    # 5e-10 as 0.0000: numbers a fit never gives, where the package prints <0.0001
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    shown = []
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        for column in ("pvalue", "or_lower", "P>|z|"):
            shown += [(column, v) for v in _shown_cells(text, re.escape(column))]
    zeros = [(column, v) for column, v in shown if _NUMBER.fullmatch(v) and float(v) == 0]
    assert zeros == [], zeros


def test_what_the_quickstart_says_of_nnet_is_the_reference_runs():
    # it said nnet stops "with coefficients near 160": that was a run with maxit = 1000; at
    # nnet's default limit of 100 iterations the largest is near 62. The 160 was of another
    # run (risk.json: outcome levels low, high, medium and reltol = 1e-14); with the
    # notebook's levels (low, medium, high) and nnet's defaults maxit = 1000 stops near 173
    nb = nbformat.read(NOTEBOOKS / "01_quickstart.ipynb", as_version=4)
    text = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
    said = re.search(
        r"iteration limit, (\d+), with a largest coefficient near (\d+), and near (\d+) with "
        r"`maxit = (\d+)`",
        text,
    )
    assert said, "the quickstart no longer says where nnet stops"
    assert 'categories=["low", "medium", "high"]' in "".join(c.source for c in nb.cells)
    ref = json.loads((ROOT / "tests" / "reference" / "nnet_risk_stops.json").read_text())
    stops = {s["maxit"]: s for s in ref["stops"]}
    default_limit, near_default, near_more, more = (int(v) for v in said.groups())
    for maxit, near in ((default_limit, near_default), (more, near_more)):
        assert stops[maxit]["convergence"] == 1  # stopped by the limit, not converged
        assert abs(stops[maxit]["largest"] - near) < 0.05 * near, (maxit, near)


def test_what_the_notebooks_say_of_missing_incomes_is_the_data():
    # they said "about 2% of households", the generator's probability; 32 of 1,200 is 2.7%
    import mnlogit

    travel = mnlogit.datasets.load("travel")
    missing = travel[travel["income"].isna()]
    found = 0
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        text = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
        assert "About 2% of households" not in text, name
        for k, n in re.findall(r"(\d+) of the ([\d,]+) households", text):
            assert (int(k), int(n.replace(",", ""))) == (
                missing["household"].nunique(),
                travel["household"].nunique(),
            ), name
            found += 1
        for trips in re.findall(r"their (\d+) trips are dropped", text):
            assert int(trips) == len(missing), name
    assert found >= 2


def test_what_the_scikit_learn_notebook_says_of_the_class_sizes_is_the_data():
    # it said "each class here has four": the risk data have 3 low, 5 medium and 4 high rows
    import mnlogit

    nb = nbformat.read(NOTEBOOKS / "04_scikit_learn.ipynb", as_version=4)
    text = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
    said = re.search(r"\(the classes here have (\w+), (\w+) and (\w+)\)", text)
    assert said, "the notebook no longer says how many rows each class has"
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
    counts = mnlogit.datasets.load("risk")["risk"].value_counts()
    assert sorted(words[w] for w in said.groups()) == sorted(counts.tolist())
    assert "five rows per class for five folds" in text and counts.min() < 5


def test_what_the_inference_notebook_says_of_the_baselines_is_its_summary():
    # it said factors change "from their reference level", the word the notebook uses for
    # the reference outcome, car; the summary names the factors' baselines
    nb = nbformat.read(NOTEBOOKS / "02_inference.ipynb", as_version=4)
    text = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
    said = re.search(r"\"Baselines\": (\w+), (\w+)\)", text)
    assert said, "the notebook no longer names the factors' baselines"
    cell = next(c for c in nb.cells if c.cell_type == "code" and "res.summary()" in c.source)
    shown = _printed(cell)
    assert f"Baselines  region = {said.group(1)}, purpose = {said.group(2)}" in shown
    assert "from their reference level" not in text


def test_what_the_quickstart_says_predict_computes_is_what_it_gives():
    # it said predict computes with _fisher.probabilities, "the function the fitting loop
    # also uses": predict takes rows past the float range to their limit, the loop sums inline
    import mnlogit
    from mnlogit import _fisher

    nb = nbformat.read(NOTEBOOKS / "01_quickstart.ipynb", as_version=4)
    text = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
    said = "`MNLogitResults.predict` computes the probabilities that `mnlogit._fisher.probabilities"
    assert said in text and "the fitting loop also uses" not in text
    risk = mnlogit.datasets.load("risk")
    firth = mnlogit.fit("risk ~ age + income", risk, ref="low", method="firth")
    X = np.column_stack([np.ones(len(risk)), risk["age"], risk["income"]])
    P = _fisher.probabilities(X, firth.params.to_numpy())  # equations, then the reference
    shown = firth.predict(risk)[[*firth.equations, firth.ref]].to_numpy()
    np.testing.assert_allclose(shown, P, rtol=1e-12, atol=1e-15)
