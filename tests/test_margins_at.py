"""Margins at chosen values, over factors and as contrasts, against R (emmeans and a hand
delta-method computation, tests/reference/margins_womenlf.R) and direct computations."""

import json
import re

import numpy as np
import pandas as pd
import pytest
import refdata
from scipy import stats

import mnlogit
from mnlogit import _fisher
from mnlogit._new_data_design import design_for_new_data
from mnlogit.exceptions import ColumnNotFoundError, DataError, LevelError, OptionError

REF = json.loads((refdata.REF_DIR / "margins_womenlf.json").read_text())
RTOL = 1e-6  # R's BFGS fit is converged to ~1e-9 in the coefficients
ATOL = 1e-9  # for estimates that are nearly zero


@pytest.fixture(scope="module")
def womenlf():
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    return {name: mnlogit.fit(m["formula"], df, ref=m["ref"]) for name, m in REF["models"].items()}


def _merge(got: pd.DataFrame, want: list[dict], keys: list[str]) -> pd.DataFrame:
    want = pd.DataFrame(want).rename(columns={"partic": "outcome"})
    for k in keys:
        if k == "hincome" and pd.api.types.is_numeric_dtype(got[k]):
            got = got.assign(**{k: got[k].astype(float)})
            want = want.assign(**{k: want[k].astype(float)})
    merged = got.merge(want, on=[*keys, "outcome"], suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want) == len(got)
    return merged


def _check(merged: pd.DataFrame) -> None:
    np.testing.assert_allclose(merged["estimate"], merged["estimate_r"], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=RTOL)


@pytest.mark.parametrize("model", ["main", "inter"])
def test_fit_matches_nnet(womenlf, model):
    res, m = womenlf[model], REF["models"][model]
    np.testing.assert_allclose(res.llf, m["loglik"], rtol=1e-10)
    for outcome, coefs in m["coefficients"].items():
        np.testing.assert_allclose(
            res.params[outcome].to_numpy(), list(coefs.values()), rtol=1e-6, atol=1e-8
        )


@pytest.mark.parametrize("model", ["main", "inter"])
@pytest.mark.parametrize(
    ("name", "options", "keys"),
    [
        ("over_children", {"over": "children"}, ["children"]),
        ("over_region", {"over": "region"}, ["region"]),
        ("at_hincome", {"at": {"hincome": [10, 20, 30]}}, ["hincome"]),
        (
            "at_region_hincome_over_children",
            {"at": {"region": "Ontario", "hincome": [10, 30]}, "over": "children"},
            ["children", "hincome"],
        ),
    ],
)
def test_grid_margins_match_emmeans(womenlf, model, name, options, keys):
    m = womenlf[model].margins(average="grid", **options)
    got = m.to_frame()
    assert list(got.columns[-6:]) == ["estimate", "std_error", "z", "pvalue", "lower", "upper"]
    _check(_merge(got, REF["models"][model]["grid"][name], keys))


def _contrast_labels(want: list[dict], var: str) -> list[dict]:
    # emmeans labels numeric values with the variable's name ("hincome10 - hincome20")
    return [{**w, var: re.sub(rf"{var}(?=[\d.])", "", w.pop("contrast"))} for w in want]


@pytest.mark.parametrize("model", ["main", "inter"])
@pytest.mark.parametrize(
    ("name", "options", "var", "method"),
    [
        ("pairwise_region", {"over": "region"}, "region", "pairwise"),
        ("reference_region", {"over": "region"}, "region", "reference"),
        ("pairwise_hincome", {"at": {"hincome": [10, 20, 30]}}, "hincome", "pairwise"),
    ],
)
def test_grid_contrasts_match_emmeans(womenlf, model, name, options, var, method):
    c = womenlf[model].margins(average="grid", **options).contrast(var, method)
    want = _contrast_labels(REF["models"][model]["grid"][name], var)
    got = c.to_frame()
    merged = got.merge(
        pd.DataFrame(want).rename(columns={"partic": "outcome"}),
        on=[var, "outcome"],
        suffixes=("", "_r"),
        validate="1:1",
    )
    assert len(merged) == len(want) == len(got)
    _check(merged)


@pytest.mark.parametrize("model", ["main", "inter"])
@pytest.mark.parametrize(
    ("name", "options", "keys"),
    [
        ("at_hincome", {"at": {"hincome": [10, 20, 30]}}, ["hincome"]),
        ("over_children", {"over": "children"}, ["children"]),
    ],
)
def test_row_averaged_margins_match_hand_delta_method(womenlf, model, name, options, keys):
    got = womenlf[model].margins(**options).to_frame()
    _check(_merge(got, REF["models"][model]["rows"][name], keys))


@pytest.mark.parametrize("model", ["main", "inter"])
def test_row_averaged_contrasts_match_hand_delta_method(womenlf, model):
    res, rows = womenlf[model], REF["models"][model]["rows"]
    c = res.margins(over="children").contrast("children", "reference")
    want = _contrast_labels(rows["reference_children"], "children")
    _check(_merge(c.to_frame(), want, ["children"]))
    c = res.margins(at={"hincome": [10, 20, 30]}).contrast("hincome")
    want = _contrast_labels(rows["pairwise_hincome"], "hincome")
    _check(_merge(c.to_frame(), want, ["hincome"]))


def test_average_effect_matches_hand_delta_method(womenlf):
    res = womenlf["main"]
    got = res.margins(kind="effect", variables="hincome").to_frame()
    want = pd.DataFrame(REF["models"]["main"]["rows"]["ame_hincome"])
    merged = got.merge(want, on="outcome", suffixes=("", "_r"))
    assert (merged["variable"] == "hincome").all() and len(merged) == 3
    _check(merged)
    # the same numbers as marginal_effects
    me = res.marginal_effects(variables="hincome")
    np.testing.assert_allclose(got["estimate"], me["dydx"], rtol=1e-12)
    np.testing.assert_allclose(got["std_error"], me["std_error"], rtol=1e-12)


# --- direct computations ---------------------------------------------------------------------
def _numeric_se(res, f):
    B = res._core.B
    b = B.T.ravel()
    cols = []
    for a in range(len(b)):
        step = 1e-6 * max(1.0, abs(b[a]))
        up, down = b.copy(), b.copy()
        up[a] += step
        down[a] -= step
        cols.append(
            (f(up.reshape(-1, B.shape[0]).T) - f(down.reshape(-1, B.shape[0]).T)) / (2 * step)
        )
    J = np.column_stack(cols)
    return np.sqrt(np.diag(J @ res.cov_params().to_numpy() @ J.T))


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_the_fit_covariance_flows_through(cov_type):
    df = mnlogit.datasets.load("travel")
    formula = "mode ~ np.log(distance) * region + income"
    extra = {"groups": "household"} if cov_type == "cluster" else {}
    res = mnlogit.fit(formula, df, ref="car", cov_type=cov_type, **extra)
    plain = mnlogit.fit(formula, df, ref="car")
    m = res.margins(at={"distance": [2.0, 20.0]}).to_frame()
    m0 = plain.margins(at={"distance": [2.0, 20.0]}).to_frame()
    np.testing.assert_allclose(m["estimate"], m0["estimate"], rtol=1e-12)
    assert not np.allclose(m["std_error"], m0["std_error"], rtol=1e-3)
    rows = res._data.frame
    order = np.argsort(res._data.coding.core_to_level)
    w = res._data.w

    def f(B):
        out = []
        for d in (2.0, 20.0):
            X, _ = design_for_new_data(res._data.spec, rows.assign(distance=d))
            out.append((w @ _fisher.probabilities(X, B) / w.sum())[order])
        return np.concatenate(out)

    np.testing.assert_allclose(m["std_error"], _numeric_se(res, f), rtol=1e-6)


def test_frequency_weights_are_replicated_rows():
    df = refdata.data("synthetic")
    formula = "mode ~ x1 * group + log(x2)"
    weighted = mnlogit.fit(formula, df, ref="car", weights="w")
    long = df.loc[df.index.repeat(df["w"])].reset_index(drop=True)
    replicated = mnlogit.fit(formula, long, ref="car")
    for options in (
        {"at": {"x1": [-1.0, 1.0]}},
        {"over": "group", "average": "grid"},
        {"over": "group", "kind": "effect", "variables": "x2"},
    ):
        a = weighted.margins(**options).to_frame()
        b = replicated.margins(**options).to_frame()
        pd.testing.assert_frame_equal(a, b, rtol=1e-7)


def test_effects_at_values_are_slopes_there():
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car")
    got = res.margins(at={"distance": [3.0]}, kind="effect", variables="distance").to_frame()
    rows = res._data.frame
    order = np.argsort(res._data.coding.core_to_level)
    h = 1e-5

    def mean_p(d):
        X, _ = design_for_new_data(res._data.spec, rows.assign(distance=d))
        return _fisher.probabilities(X, res._core.B).mean(axis=0)[order]

    slope = (mean_p(3.0 + h) - mean_p(3.0 - h)) / (2 * h)
    np.testing.assert_allclose(got["estimate"], slope, rtol=1e-6)


def test_margins_table_and_text():
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ np.log(distance) + region + purpose", df, ref="car")
    m = res.margins(at={"distance": [2, 10]}, over="region", alpha=0.1)
    f = m.to_frame()
    assert list(f.columns) == [
        "distance",
        "region",
        "outcome",
        "estimate",
        "std_error",
        "z",
        "pvalue",
        "lower",
        "upper",
    ]
    assert len(f) == 2 * 3 * 4
    # probabilities of the four outcomes add up to one at every combination
    sums = f.groupby(["distance", "region"])["estimate"].sum()
    np.testing.assert_allclose(sums, 1.0, rtol=1e-12)
    np.testing.assert_allclose(f["upper"] - f["estimate"], 1.6448536269514722 * f["std_error"])
    text = str(m)
    assert text.startswith("Predictive margins") and "[0.05" in text and "urban" in text
    assert "<table>" in m._repr_html_()


def test_bad_margins_input_is_refused():
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car")
    with pytest.raises(ColumnNotFoundError, match="'age' is not a variable of the model"):
        res.margins(at={"age": 30})
    with pytest.raises(LevelError, match="'west' is not a level of 'region'"):
        res.margins(at={"region": "west"})
    with pytest.raises(DataError, match="'distance' is numeric; over takes factors"):
        res.margins(over="distance")
    with pytest.raises(DataError, match="expected finite numbers, got 'far'"):
        res.margins(at={"distance": "far"})
    with pytest.raises(OptionError, match="average: expected one of"):
        res.margins(average="mean")
    with pytest.raises(DataError, match="alpha"):
        res.margins(alpha=2)
    with pytest.raises(DataError, match="set by at/over"):
        res.margins(over="region", kind="effect", variables="region")
    with pytest.raises(ColumnNotFoundError, match="not a variable set by at or over"):
        res.margins(over="region").contrast("distance")
    with pytest.raises(LevelError, match="'west' is not a value of 'region'"):
        res.margins(over="region").contrast("region", "reference", ref="west")


@pytest.mark.slow
def test_delta_method_standard_errors_match_a_parametric_bootstrap():
    # 2,000 rows: the delta-method SEs of average predicted probabilities against the spread
    # of the same margins over refits on outcomes drawn from the fitted model
    rng = np.random.default_rng(20240611)
    n = 2000
    df = pd.DataFrame(
        {"x": rng.normal(size=n), "g": rng.choice(["a", "b", "c"], size=n, p=[0.5, 0.3, 0.2])}
    )
    eta = np.column_stack(
        [
            0.3 + 0.8 * df["x"] + 0.5 * (df["g"] == "b"),
            -0.5 - 0.6 * df["x"] + 1.0 * (df["g"] == "c"),
            np.zeros(n),
        ]
    )
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    df["y"] = np.array(["u", "v", "w"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    res = mnlogit.fit("y ~ x + g", df, ref="w")
    settings = [{}, {"over": "g"}, {"at": {"x": [-1.0, 1.0]}}]
    margins = [res.margins(**s).to_frame() for s in settings]
    # the counterfactual designs of every margin, encoded once
    spec, rows = res._data.spec, res._data.frame
    designs = [[res._data.X]]
    designs.append([design_for_new_data(spec, rows.assign(g=lv))[0] for lv in ["a", "b", "c"]])
    designs.append([design_for_new_data(spec, rows.assign(x=v))[0] for v in [-1.0, 1.0]])
    order = np.argsort(res._data.coding.core_to_level)
    P_hat = _fisher.probabilities(res._data.X, res._core.B)[:, order]
    levels = np.asarray(res.outcomes, dtype=object)
    draws = []
    for _ in range(1000):
        y_star = levels[(rng.random(n)[:, None] > P_hat.cumsum(axis=1)).sum(axis=1)]
        B = mnlogit.MNLogit(pd.Series(y_star), res._data.X, ref="w").fit()._core.B
        draws.append(
            np.concatenate(
                [
                    _fisher.probabilities(X, B)[:, order].mean(axis=0)
                    for group in designs
                    for X in group
                ]
            )
        )
    boot_se = np.std(draws, axis=0, ddof=1)
    delta_se = np.concatenate([m["std_error"].to_numpy() for m in margins])
    np.testing.assert_allclose(delta_se, boot_se, rtol=0.10)


def test_survey_fits_use_their_weights_covariance_and_design_df():
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    design = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum")
    res = mnlogit.fit("perf ~ meals + ell + mobility", d, ref="low", design=design)
    df = res.df_design
    assert df is not None
    m = res.margins(at={"meals": [20.0, 80.0]}, alpha=0.1)
    f = m.to_frame()
    rows, w = res._data.frame, res._data.w
    order = np.argsort(res._data.coding.core_to_level)

    def margins_at(B):
        out = []
        for v in (20.0, 80.0):
            X, _ = design_for_new_data(res._data.spec, rows.assign(meals=v))
            out.append((w @ _fisher.probabilities(X, B) / w.sum())[order])
        return np.concatenate(out)

    np.testing.assert_allclose(f["estimate"], margins_at(res._core.B), rtol=1e-12)
    np.testing.assert_allclose(f["std_error"], _numeric_se(res, margins_at), rtol=1e-6)
    t = stats.t.isf(0.05, df)
    np.testing.assert_allclose(f["upper"] - f["estimate"], t * f["std_error"], rtol=1e-12)
    np.testing.assert_allclose(f["pvalue"], 2 * stats.t.sf(np.abs(f["z"]), df), rtol=1e-12)
    assert "design degrees of freedom" in str(m)
    me = res.marginal_effects()
    np.testing.assert_allclose(me["pvalue"], 2 * stats.t.sf(np.abs(me["z"]), df), rtol=1e-12)


def test_penalised_fits_say_why_they_have_no_standard_errors():
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car", penalty="l2", C=1.0)
    m = res.margins(over="region")
    f = m.to_frame()
    assert f["estimate"].notna().all()
    assert f[["std_error", "z", "pvalue", "lower", "upper"]].isna().all().all()
    assert "No standard errors, tests or intervals" in str(m)
    me = res.marginal_effects()
    assert me["dydx"].notna().all() and me["std_error"].isna().all()
    assert "No standard errors" in me.attrs["note"]
    pi = res.prediction_intervals(df.head(2))
    # no interval collapsed onto the probability: NaN, with the reason
    assert pi[["std_error", "lower", "upper"]].isna().all().all()
    assert "L2" in pi.attrs["note"]
    table = str(mnlogit.compare([mnlogit.fit("mode ~ np.log(distance)", df, ref="car"), res]))
    assert "(nan)" not in table and "(--)" not in table
    assert "without standard errors" in " ".join(table.split())


def test_a_number_for_a_boolean_level_says_so():
    """at={"flag": 1} and ref=0 for a True/False factor were refused listing False, True
    and nothing of why 1 is not True."""
    rng = np.random.default_rng(1)
    df = pd.DataFrame(
        {
            "y": rng.choice(["p", "q", "r"], 400),
            "x": rng.normal(size=400),
            "b": rng.choice([True, False], 400),
        }
    )
    res = mnlogit.fit("y ~ x + b", df)
    with pytest.raises(LevelError, match=r"\(1 is a number; the level True is a boolean\)"):
        res.margins(at={"b": 1})
    with pytest.raises(LevelError, match=r"\(0 is a number; the level False is a boolean\)"):
        res.margins(over="b").contrast("b", "reference", ref=0)
    with pytest.raises(LevelError) as caught:
        res.margins(at={"b": 2})
    assert "is a number" not in str(caught.value)
    # and a boolean for a level that is a number
    by_k = mnlogit.fit("y ~ x + C(k)", df.assign(k=np.arange(400) % 3)).margins(over="k")
    with pytest.raises(LevelError, match=r"\(True is a boolean; the level 1 is a number\)"):
        by_k.contrast("k", "reference", ref=True)
