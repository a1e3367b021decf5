"""Robust (HC0) and cluster-robust covariances on 36 designs drawn at random, against R's
sandwiches built by hand from nnet::multinom's polished estimates (make_robust_random.R) and,
for eight of them, statsmodels' MNLogit (make_robust_random.py): standard errors, the
covariance, a Wald test of one term, intervals, relative-risk ratios, the covariance of a fit
re-expressed against another reference, margins' standard errors (and those of
``vce="unconditional"``, by hand in numpy from R's estimates) and the summary's label.

The draws hold clusters of unbalanced sizes with singletons, two or three clusters, cluster
identifiers as integers or text, frequency weights with zeros (a whole cluster of them,
which does not count among G), and positive fractional weights, fitted as probability
weights of a design whose PSUs are the clusters (one stratum: its linearised covariance is
the cluster sandwich with G/(G-1), and with each row its PSU HC0 times n/(n-1)).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest
from formulaic import model_matrix
from refdata import REF_DIR, expected

import mnlogit
from mnlogit.exceptions import DataError, ModelComparisonError

R = expected("robust_random")
SM = expected("robust_random_statsmodels")
CASES = {c["case"]: c for c in R["cases"]}
LEVELS = {"f1": ["lo", "mid", "hi", "top"], "f2": ["p", "q", "r"]}
RTOL = 1e-6
Z = 1.959963984540054


@cache
def _all_rows() -> pd.DataFrame:
    return pd.read_csv(REF_DIR / "robust_random.csv.gz")


def rows(case: dict) -> pd.DataFrame:
    d = _all_rows()
    d = d[d["case"] == case["case"]].drop(columns="case").reset_index(drop=True)
    for name, levels in LEVELS.items():  # R's level order, not sorted text
        d[name] = pd.Categorical(d[name], categories=[v for v in levels if v in set(d[name])])
    if case["cluster_ids"] == "integer":
        d["cl"] = d["cl"].astype("int64")
    return d


@cache
def fitted(number: int, cov_type: str) -> mnlogit.MNLogitResults:
    case = CASES[number]
    d = rows(case)
    if case["weights"] == "fractional":
        psu = "cl" if cov_type == "cluster" else None
        design = mnlogit.SurveyDesign(weights="w", psu=psu)
        return mnlogit.fit(case["formula"], d, ref=case["ref"], design=design)
    options = {"weights": "w"} if case["weights"] == "frequency" else {}
    if cov_type == "cluster":
        options["groups"] = "cl"
    return mnlogit.fit(case["formula"], d, ref=case["ref"], cov_type=cov_type, **options)


def stacked(frame: pd.DataFrame) -> np.ndarray:
    """An outcome-by-term table (params, bse) equation-major, as the JSON holds it."""
    return frame.to_numpy().T.ravel()


def scale_of(V: np.ndarray) -> float:
    return float(np.abs(V).max())


PAIRS = [(n, cov) for n in CASES for cov in ("robust", "cluster")]
ASYMPTOTIC = [(n, cov) for n, cov in PAIRS if CASES[n]["weights"] != "fractional"]
# the margins under every cluster-robust fit, under a few HC0 ones; the summary on a ninth
MARGINS = [(n, cov) for n, cov in PAIRS if cov == "cluster" or n <= 8]
SUMMARIES = [(n, cov) for n, cov in PAIRS if n % 4 == 1]


@pytest.mark.parametrize(("number", "cov_type"), PAIRS)
def test_standard_errors_and_covariance_match_r(number, cov_type):
    case = CASES[number]
    res = fitted(number, cov_type)
    assert list(res.params.columns) == case["outcomes"]
    np.testing.assert_allclose(stacked(res.params), case["params"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(stacked(res.bse), case[f"bse_{cov_type}"], rtol=RTOL)
    V = np.asarray(case[f"cov_{cov_type}"])
    got = res.cov_params().to_numpy()
    np.testing.assert_allclose(got, V, rtol=RTOL, atol=1e-9 * scale_of(V))


@pytest.mark.parametrize(("number", "cov_type"), ASYMPTOTIC)
def test_intervals_ratios_and_the_wald_test_match_r(number, cov_type):
    case = CASES[number]
    res = fitted(number, cov_type)
    ci = res.conf_int()
    bounds = case[f"conf_int_{cov_type}"]
    width = np.asarray(bounds["upper"]) - np.asarray(bounds["lower"])
    for side in ("lower", "upper"):  # to a millionth of the interval's width
        assert (np.abs(ci[side].to_numpy() - bounds[side]) <= RTOL * width).all()
    ratios = res.odds_ratios()
    np.testing.assert_allclose(ratios["odds_ratio"], np.exp(case["params"]), rtol=1e-7)
    for side in ("lower", "upper"):
        np.testing.assert_allclose(ratios[side], np.exp(bounds[side]), rtol=1e-5)
    wald = case["wald"]
    expected_statistic = wald[cov_type]
    if isinstance(expected_statistic, float):
        got = res.wald_test(wald["term"])
        assert got.df == wald["df"]
        np.testing.assert_allclose(got.statistic, expected_statistic, rtol=RTOL)
    else:  # more restrictions than the covariance's rank (the clusters less one)
        got = res.wald_test(wald["term"])
        assert np.isnan(got.statistic) and np.isnan(got.pvalue)
        assert f"below the {wald['df']} restrictions" in got.note
        assert "(the clusters less one)" in got.note


@pytest.mark.parametrize(("number", "cov_type"), MARGINS)
def test_margins_standard_errors_are_the_delta_method_of_the_sandwich(number, cov_type):
    case = CASES[number]
    res = fitted(number, cov_type)
    table = res.margins().to_frame()
    margins = case["margins"]
    np.testing.assert_allclose(table["estimate"], margins["estimate"], rtol=1e-9)
    np.testing.assert_allclose(table["std_error"], margins[f"se_{cov_type}"], rtol=RTOL)


def _unconditional_variance(case: dict, cov_type: str) -> np.ndarray:
    """Stata's ``margins, vce(unconditional)`` of the average probabilities, by hand from
    R's estimates: each row's influence w_i h_i, h_i = (P_i - m) / W + J A^-1 u_i, summed
    over the rows (HC0) or the clusters (times G/(G-1)), in the outcomes' level order."""
    d = rows(case)
    X = np.asarray(model_matrix(case["formula"].split("~")[1], d), dtype=float)
    order = [case["ref"], *case["outcomes"]]
    Y = np.eye(len(order))[pd.Categorical(d["y"], categories=order).codes]
    w = d["w"].to_numpy(dtype=float)
    p, q = X.shape[1], len(order) - 1
    eta = np.column_stack([np.zeros(len(X)), X @ np.reshape(case["params"], (q, p)).T])
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    U = np.hstack([(Y[:, [j]] - P[:, [j]]) * X for j in range(1, q + 1)])
    A = np.block(
        [
            [X.T @ ((w * P[:, j] * ((j == k) - P[:, k]))[:, None] * X) for k in range(1, q + 1)]
            for j in range(1, q + 1)
        ]
    )
    total = w.sum()
    m = w @ P / total
    outcomes = np.arange(q + 1)
    J = np.hstack(
        [(w[:, None] * P * ((outcomes == j) - P[:, [j]])).T @ X / total for j in range(1, q + 1)]
    )
    H = w[:, None] * ((P - m) / total + U @ np.linalg.solve(A, J.T))
    if cov_type == "robust":
        V = H.T @ (H / np.where(w > 0, w, 1.0)[:, None])  # a row of weight w is w rows
    else:
        sums = pd.DataFrame(H[w > 0]).groupby(d["cl"].to_numpy()[w > 0]).sum().to_numpy()
        G = len(sums)
        V = sums.T @ sums * G / (G - 1)
    level_order = np.argsort([int(v[1:]) for v in order])
    return V[np.ix_(level_order, level_order)]


@pytest.mark.parametrize(("number", "cov_type"), [p for p in ASYMPTOTIC if p[0] % 3 == 1])
def test_unconditional_margins_sum_the_rows_influences_over_the_units(number, cov_type):
    case = CASES[number]
    table = fitted(number, cov_type).margins(vce="unconditional").to_frame()
    V = _unconditional_variance(case, cov_type)
    np.testing.assert_allclose(table["std_error"], np.sqrt(np.diag(V)), rtol=RTOL)


@pytest.mark.parametrize(("number", "cov_type"), PAIRS)
def test_with_ref_gives_the_sandwich_of_a_refit_against_that_reference(number, cov_type):
    case = CASES[number]
    other = case["with_ref"]
    res = fitted(number, cov_type).with_ref(other["ref"])
    assert list(res.params.columns) == other["outcomes"]
    np.testing.assert_allclose(stacked(res.params), other["params"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(stacked(res.bse), other[f"bse_{cov_type}"], rtol=RTOL)


@pytest.mark.parametrize(("number", "cov_type"), SUMMARIES)
def test_the_summary_states_the_covariance(number, cov_type):
    case = CASES[number]
    res = fitted(number, cov_type)
    text = str(res.summary())
    if case["weights"] == "fractional":
        label = f"{case['clusters']} PSUs" if cov_type == "cluster" else "PSU = row"
    elif cov_type == "cluster":
        label = f"cluster-robust ({case['clusters']} clusters)"
    else:
        label = "robust (HC0)"
    assert label in text


@pytest.mark.parametrize("key", sorted(SM["cases"]))
def test_statsmodels_agrees_on_the_rows_repeated(key):
    sm = SM["cases"][key]
    for cov_type in ("robust", "cluster"):
        res = fitted(int(key), cov_type)
        V = np.asarray(sm[f"cov_{cov_type}"])
        got = res.cov_params().to_numpy()
        np.testing.assert_allclose(got, V, rtol=RTOL, atol=1e-9 * scale_of(V))
        np.testing.assert_allclose(res.nobs, sm["nobs"])
        if cov_type == "cluster":
            assert res.covariance.describe(res._data).endswith(f"({sm['clusters']} clusters)")


# -- what a user may try beside a sandwich ------------------------------------------------


@pytest.fixture(scope="module")
def case7():
    return CASES[7], rows(CASES[7])  # frequency weights, 33 clusters, integer ids


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_likelihood_ratio_tests_are_refused_with_the_wald_test_to_use(case7, cov_type):
    case, d = case7
    res = fitted(7, cov_type)
    options = {"groups": "cl"} if cov_type == "cluster" else {}
    small = mnlogit.fit("y ~ f1", d, ref=case["ref"], weights="w", cov_type=cov_type, **options)
    for call in (res.lr_test, lambda: mnlogit.lr_test(small, res)):
        with pytest.raises(ModelComparisonError, match=r"not valid.*res\.wald_test\(terms\)"):
            call()
    table = res.anova()
    assert table.attrs["test"] == "Wald"
    term = case["wald"]["term"]
    assert table.loc[term, "chi2"] == pytest.approx(res.wald_test(term).statistic, rel=1e-10)


def _clusters_given(d: pd.DataFrame) -> dict[str, object]:
    ids = d["cl"].to_numpy()
    labels = pd.Series(["c" + str(v) for v in ids])
    codes = np.unique(ids, return_inverse=True)[1]
    return {
        "column": "cl",
        "array": ids,
        "list": list(ids),
        "Int64": pd.array(ids, dtype="Int64"),
        "string[pyarrow]": labels.astype("string[pyarrow]"),
        "category with unused": pd.Categorical(codes, categories=range(codes.max() + 5)),
    }


@pytest.mark.parametrize(
    "kind", ["column", "array", "list", "Int64", "string[pyarrow]", "category with unused"]
)
def test_every_way_of_giving_the_clusters_gives_the_reference_covariance(case7, kind):
    case, d = case7
    groups = _clusters_given(d)[kind]
    res = mnlogit.fit(
        case["formula"], d, ref=case["ref"], weights="w", cov_type="cluster", groups=groups
    )
    V = np.asarray(case["cov_cluster"])
    np.testing.assert_allclose(res.cov_params().to_numpy(), V, rtol=RTOL, atol=1e-9 * scale_of(V))
    assert d["cl"].dtype == np.int64  # nothing the user passed is modified


@pytest.mark.parametrize("missing", [np.nan, None, pd.NA])
def test_a_missing_cluster_identifier_is_refused_naming_its_row(case7, missing):
    case, d = case7
    ids = pd.array(d["cl"].to_numpy(), dtype="Int64" if missing is pd.NA else object)
    ids[5] = missing
    with pytest.raises(DataError, match=r"must not be missing.*row 5.*cluster of their own"):
        mnlogit.fit(case["formula"], d, ref=case["ref"], cov_type="cluster", groups=ids)


@pytest.mark.parametrize(
    ("groups", "said"),
    [
        ("site", "every row of the fit is in cluster 'k' of column 'site'"),
        (np.full(196, 7), "every row of the fit is in cluster 7,"),
        ("half", "every row of the fit with positive weight is in cluster 'a' of column 'half'"),
    ],
)
def test_one_cluster_is_refused_naming_it_and_what_to_use_instead(case7, groups, said):
    # was "groups: cluster-robust covariance needs at least 2 clusters; got 1", which named
    # neither the value nor what to do
    case, d = case7
    d = d.assign(site="k", half=np.where(d["w"] > 0, "a", "b"))
    with pytest.raises(DataError, match=r"at least 2 clusters; got 1") as info:
        mnlogit.fit(
            case["formula"], d, ref=case["ref"], weights="w", cov_type="cluster", groups=groups
        )
    message = str(info.value)
    assert said in message
    assert "cov_type='robust'" in message and "at least two clusters" in message


def test_one_cluster_of_a_dask_fit_is_refused_naming_it(case7):
    dd = pytest.importorskip("dask.dataframe")
    case, d = case7
    parts = dd.from_pandas(d[["y", "x1", "cl"]].assign(site=3), npartitions=2)
    with pytest.raises(DataError, match=r"every row of the fit is in cluster 3 of column 'site'"):
        mnlogit.fit("y ~ x1", parts, ref=case["ref"], cov_type="cluster", groups="site")


@pytest.mark.parametrize("role", ["groups", "weights"])
@pytest.mark.parametrize("shape", ["column", "row"])
def test_ids_or_weights_in_a_two_dimensional_array_are_refused_saying_to_flatten(
    case7, role, shape
):
    # "got shape (196, 1)" alone; a row of identifiers was told of several columns' clusters
    case, d = case7
    values = d[["cl" if role == "groups" else "w"]].to_numpy()
    values = values if shape == "column" else values.T
    options = {"groups": "cl", "weights": "w", role: values}
    with pytest.raises(DataError) as info:
        mnlogit.fit(case["formula"], d, ref=case["ref"], cov_type="cluster", **options)
    said = str(info.value)
    assert f"flatten it to one value per row, {role}=np.asarray(values).ravel()" in said
    assert "combinations" not in said
    options[role] = np.asarray(values).ravel()  # the advice works
    res = mnlogit.fit(case["formula"], d, ref=case["ref"], cov_type="cluster", **options)
    np.testing.assert_allclose(stacked(res.bse), case["bse_cluster"], rtol=RTOL)
