"""Drawn data and drawn uneven partitionings: a Dask fit against the fit of the same pandas frame.

Each example draws a few hundred rows (numbers, a Categorical and a text factor, K from 3 to
5 outcomes, frequency weights with zeros, clusters, strata, PSUs with a population count and
a subpopulation flag) and cuts them, sorted by factor and outcome, into partitions of drawn
sizes beside a single row and an empty one: most partitions miss levels of the factors and
of the outcome, and every other one holds its Categorical with only the categories its rows
use (the first keeps them all, so that the stacked categories are the frame's). Only the
order of the sums differs between the fits, so only rounding may: 1e-9 relative for
estimates, covariances, likelihoods and tests, 1e-10 absolute for probabilities. What a
Dask fit cannot compute from its sums is refused with the advice to fit the rows in memory.
"""

from __future__ import annotations

import itertools
import threading
import warnings

import numpy as np
import pandas as pd
import pytest
from test_dask_differential import _close

import mnlogit
from mnlogit.exceptions import NotInMemoryError

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

DESIGN = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu", fpc="fpc")
OPTIONS = {
    "model-based": {},
    "frequency, robust": {"weights": "w", "cov_type": "robust"},
    "frequency, cluster": {"weights": "w", "cov_type": "cluster", "groups": "cl"},
    "survey": {"design": DESIGN},
    "survey, subpop": {"design": DESIGN, "subpop": "sub"},
}


def _frame(seed: int, K: int, n: int = 240) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = rng.choice(list("abcd"), n)
    x1, x2 = rng.normal(size=n), rng.uniform(0.5, 3.0, n)
    eta = np.outer(0.5 * x1 - 0.4 * (g == "b"), np.arange(K)) + np.outer(0.3 * x2, np.arange(K) > 0)
    prob = np.exp(eta - eta.max(axis=1, keepdims=True))
    prob /= prob.sum(axis=1, keepdims=True)
    y = (prob.cumsum(axis=1) > rng.uniform(size=(n, 1))).argmax(axis=1)
    st_ = rng.integers(0, 3, n)
    return pd.DataFrame(
        {
            "y": np.array([f"L{k}" for k in range(K)], dtype=object)[y],
            "x1": x1,
            "x2": x2,
            "g": pd.Categorical(g),
            "h": pd.Series(rng.choice(["u", "v"], n), dtype=object),
            "w": rng.integers(0, 4, n).astype(float),
            "cl": rng.integers(0, 15, n),
            "pw": rng.uniform(0.5, 3.0, n),
            "st": st_,
            "psu": 10 * st_ + rng.integers(0, 5, n),
            "fpc": np.choose(st_, [60, 70, 90]),
            "sub": rng.uniform(size=n) > 0.25,
        }
    )


def _partitioned(df: pd.DataFrame, cuts: list[int]) -> dd.DataFrame:
    """One row, no rows, then the rows sorted by factor and outcome cut at ``cuts``; every
    other partition's Categorical holds only the categories its rows use."""
    ordered = df.sort_values(["g", "y"]).reset_index(drop=True)
    bounds = [1, *cuts, len(df)]
    pieces = [ordered.iloc[:1], ordered.iloc[:0]]
    pieces += [ordered.iloc[a:b] for a, b in itertools.pairwise(bounds)]
    for i in range(1, len(pieces), 2):
        own = pieces[i].copy()
        own["g"] = own["g"].cat.remove_unused_categories()
        pieces[i] = own
    return dd.from_delayed([dask.delayed(p) for p in pieces], meta=df.iloc[:0], verify_meta=False)


def _case(seed: int) -> tuple[pd.DataFrame, dd.DataFrame]:
    """Drawn rows (K from 3 to 5) cut into partitions of drawn sizes."""
    rng = np.random.default_rng(seed)
    df = _frame(seed, int(rng.integers(3, 6)))
    cuts = rng.choice(np.arange(2, len(df) - 2), int(rng.integers(1, 4)), replace=False)
    return df, _partitioned(df, sorted(cuts.tolist()))


def _numbers(res, newdata: pd.DataFrame) -> dict:
    """Every number a Dask fit offers without its rows in memory."""
    tests = [res.wald_test("x1"), res.wald_test("g"), res.wald_test_slopes()]
    out = {
        "params": res.params,
        "bse": res.bse,
        "cov_params": res.cov_params(),
        "conf_int": res.conf_int(),
        "fit": [res.llf, res.llnull, res.aic, res.bic, res.deviance],
        "counts": [res.nobs, res.df_model, res.df_resid],
        "pseudo_r2": res.pseudo_r2,
        "wald": [[t.statistic, t.df, t.pvalue] for t in tests],
        "predict": res.predict(newdata),
        "link": res.predict(newdata, kind="link"),
        "intervals": res.prediction_intervals(newdata),
        "with_ref": res.with_ref("L1").bse,
    }
    if res.cov_type == "nonrobust":
        out["lr"] = [res.lr_test().statistic]
    return out


@pytest.mark.parametrize(("name", "seed"), [(name, 101 + i) for i, name in enumerate(OPTIONS)])
def test_a_dask_fit_of_drawn_partitions_is_the_fit_of_the_frame(name, seed):
    df, ddf = _case(seed)
    options = OPTIONS[name]
    newdata = df.sample(9, random_state=0)
    with dask.config.set(scheduler="synchronous"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NaN information criteria of a survey fit, said
        want = mnlogit.fit("y ~ x1 + x2 + g + h", df, **options)
        got = mnlogit.fit("y ~ x1 + x2 + g + h", ddf, **options)
        assert got.outcomes == want.outcomes and got.ref == want.ref
        assert (got.separation is None) == (want.separation is None)
        expected, outputs = _numbers(want, newdata), _numbers(got, newdata)
    assert outputs.keys() == expected.keys()
    for key, value in outputs.items():
        probabilities = key in ("predict", "intervals")
        _close(value, expected[key], atol=1e-10 if probabilities else 0.0)
    # what needs the rows is refused, saying to fit them in memory, unless the in-memory
    # fit refuses it too (IIA tests of a survey fit, or beside a sandwich), and then as
    # that fit does
    for needs_rows in (
        lambda res: res.margins(),
        lambda res: res.marginal_effects(),
        lambda res: res.iia_test("L1", method="suest"),
        lambda res: res.iia_test("L1", method="small-hsiao", seed=1),
    ):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                needs_rows(want)
        except mnlogit.MNLogitError as refusal:
            with pytest.raises(type(refusal)) as on_dask:
                needs_rows(got)
            # (with what a dask fit can do instead added, where it differs)
            assert str(on_dask.value).startswith(str(refusal).rstrip("."))
        else:
            with pytest.raises(NotInMemoryError, match="in-memory data"):
                needs_rows(got)


def test_hausman_test_of_a_nearly_aliased_restricted_fit_refits_through_partitions():
    # x3 is 2 * x1 to 3e-7 on every row but those of L2: the fit without L2 runs on the
    # orthogonal basis of nearly collinear columns, in memory and through the partitions,
    # and the full fit is mapped there from its own columns (refitted there, its covariance
    # lost digits, differently in each: chi2 0.654838 in memory, 0.654815 through
    # partitions, where each fit on columns well conditioned on its rows gives 0.654871)
    df = _frame(7, 4)
    noise = np.random.default_rng(1).normal(size=len(df))
    df["x3"] = 2 * df["x1"] + np.where(df["y"] == "L2", noise, 3e-7 * noise)
    ddf = _partitioned(df, [61, 170])
    with dask.config.set(scheduler="synchronous"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the collinearity, V not positive definite, said
        t_want = mnlogit.fit("y ~ x1 + x3 + g", df).iia_test("L2")
        t_got = mnlogit.fit("y ~ x1 + x3 + g", ddf).iia_test("L2")
    _close([t_got.statistic, t_got.df], [t_want.statistic, t_want.df], rtol=1e-6)
    assert t_got.note == t_want.note


def test_a_hostile_frame_fits_through_partitions_as_in_memory():
    # text as string[pyarrow], nullable integers, booleans and floats holding missing
    # values, names with spaces and dots in backticks, partitions of unknown divisions
    df = _frame(11, 4).rename(columns={"x1": "dose mg", "h": "arm.1"})
    df["y"] = df["y"].astype("string[pyarrow]")
    df["arm.1"] = df["arm.1"].astype("string[pyarrow]")
    df["k"] = pd.array(np.arange(len(df)) % 5, dtype="Int64")
    df["f"] = pd.array(df["sub"], dtype="boolean")
    df["x2"] = pd.array(df["x2"], dtype="Float64")
    df.loc[[3, 50], "k"] = pd.NA
    df.loc[[7, 90], "f"] = pd.NA
    df.loc[[11], "x2"] = pd.NA
    df["w"] = df["w"].astype("Int64")
    ddf = dd.from_pandas(df, npartitions=3).clear_divisions()
    formula = "y ~ `dose mg` + x2 + k + f + `arm.1`"
    options = {"weights": "w", "cov_type": "cluster", "groups": "cl"}
    with dask.config.set(scheduler="synchronous"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = mnlogit.fit(formula, df, **options)
        got = mnlogit.fit(formula, ddf, **options)
    assert got.n_dropped == want.n_dropped == 5
    assert list(got.params.index) == list(want.params.index)
    _close(got.params, want.params)
    _close(got.bse, want.bse)
    newdata = df.iloc[[0, 3, 7, 20]]
    predicted = {}
    for res in (want, got):
        with pytest.warns(mnlogit.MNLogitWarning, match=r"2 row\(s\) \(3, 7\)"):
            predicted[res is got] = res.predict(newdata)
    _close(predicted[True], predicted[False], atol=1e-10)


def test_a_dask_fit_under_the_threaded_scheduler_beside_an_in_memory_fit_in_another_thread():
    df, ddf = _case(7)
    options = {"weights": "w", "cov_type": "cluster", "groups": "cl"}
    fits: dict[str, mnlogit.MNLogitResults] = {}

    def in_memory() -> None:
        fits["memory"] = mnlogit.fit("y ~ x1 + x2 + g", df, **options)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        other = threading.Thread(target=in_memory)
        other.start()
        with dask.config.set(scheduler="threads"):
            fits["dask"] = mnlogit.fit("y ~ x1 + x2 + g", ddf, **options)
        other.join()
    _close(fits["dask"].params, fits["memory"].params)
    _close(fits["dask"].bse, fits["memory"].bse)
