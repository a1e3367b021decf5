"""Fits of dask DataFrames, partition by partition, against the same fits in memory."""

import re
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from test_separated_fits import lone_level_counts

import mnlogit
from mnlogit._iia_rank import hinted
from mnlogit.exceptions import (
    ColumnNotFoundError,
    DataError,
    FormulaError,
    InputTypeError,
    LevelError,
    MissingDependencyError,
    ModelComparisonError,
    NotInMemoryError,
    OptionError,
    RankError,
    SeparationWarning,
)

# the Dask engine's tests start schedulers and clusters: the fast loop leaves them out
pytestmark = pytest.mark.slow

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

RTOL = 1e-10  # dask sums the same rows in another order: only rounding may differ
SYNTHETIC = refdata.model("synthetic", "weighted")["formula"]
ANES = refdata.model("anes96", "main")["formula"]
CUTS = (0.0, 0.02, 0.07, 0.21, 0.36, 0.6, 0.83, 1.0)  # 7 partitions of very different sizes


def uneven(df: pd.DataFrame) -> dd.DataFrame:
    """``df`` in 7 partitions of uneven size (index 0..n-1)."""
    n = len(df)
    divisions = sorted({round(c * (n - 1)) for c in CUTS})
    assert len(divisions) == len(CUTS)
    return dd.from_pandas(df, npartitions=1, sort=True).repartition(divisions=divisions)


def synthetic() -> pd.DataFrame:
    df = refdata.data("synthetic")
    # clusters that cut across every partition
    return df.assign(clinic=(np.arange(len(df)) * 7919) % 37)


def assert_same_fit(got, want, rtol=RTOL):
    assert got.outcomes == want.outcomes and got.ref == want.ref
    assert list(got.params.index) == list(want.params.index)
    assert list(got.params.columns) == list(want.params.columns)
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=rtol)
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=rtol)
    np.testing.assert_allclose(
        got.cov_params().to_numpy(),
        want.cov_params().to_numpy(),
        rtol=rtol,
        atol=rtol * np.abs(want.cov_params().to_numpy()).max(),
    )
    np.testing.assert_allclose(got.llf, want.llf, rtol=rtol)
    np.testing.assert_allclose(got.llnull, want.llnull, rtol=rtol)
    assert got.nobs == want.nobs and got.n_dropped == want.n_dropped
    assert got.converged and got.n_iter == want.n_iter


CASES = {
    "anes96": (ANES, lambda: refdata.data("anes96"), 0, None),
    "synthetic": (SYNTHETIC, synthetic, "car", None),
    "synthetic-weighted": (SYNTHETIC, synthetic, "car", "w"),
}


@pytest.fixture(scope="module")
def pairs():
    """(dask fit, in-memory fit) per case, fitted once."""
    out = {}
    for name, (formula, load, ref, weights) in CASES.items():
        df = load()
        out[name] = (
            mnlogit.fit(formula, uneven(df), ref=ref, weights=weights),
            mnlogit.fit(formula, df, ref=ref, weights=weights),
        )
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_dask_fit_equals_in_memory_fit(pairs, name):
    got, want = pairs[name]
    assert isinstance(got, mnlogit.MNLogitResults)
    assert_same_fit(got, want)


@pytest.mark.parametrize("name", list(CASES))
def test_dask_fit_matches_reference(pairs, name):
    got = pairs[name][0]
    m = refdata.model(
        *{
            "anes96": ("anes96", "main"),
            "synthetic": ("synthetic", "unweighted"),
            "synthetic-weighted": ("synthetic", "weighted"),
        }[name]
    )
    np.testing.assert_allclose(
        got.params.to_numpy(),
        refdata.table(m, "coef", got.outcomes).to_numpy(),
        rtol=refdata.RTOL_COEF,
    )
    np.testing.assert_allclose(
        got.bse.to_numpy(), refdata.table(m, "se", got.outcomes).to_numpy(), rtol=refdata.RTOL_SE
    )
    np.testing.assert_allclose(got.llf, m["loglik"], rtol=refdata.RTOL_LOGLIK)


def test_summary_tests_and_odds_ratios_equal_in_memory(pairs):
    got, want = pairs["synthetic-weighted"]
    assert str(got.summary()) == str(want.summary())
    np.testing.assert_allclose(
        got.odds_ratios().to_numpy(), want.odds_ratios().to_numpy(), rtol=RTOL
    )
    lr_got, lr_want = got.lr_test(), want.lr_test()
    np.testing.assert_allclose(lr_got.statistic, lr_want.statistic, rtol=RTOL)
    assert lr_got.df == lr_want.df == 18
    wald_got, wald_want = got.wald_test("group"), want.wald_test("group")
    np.testing.assert_allclose(wald_got.statistic, wald_want.statistic, rtol=RTOL)
    assert wald_got.df == wald_want.df == 6


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_robust_and_cluster_covariance_equal_in_memory(cov_type):
    df = synthetic()
    groups = "clinic" if cov_type == "cluster" else None
    got = mnlogit.fit(
        SYNTHETIC, uneven(df), ref="car", weights="w", cov_type=cov_type, groups=groups
    )
    want = mnlogit.fit(SYNTHETIC, df, ref="car", weights="w", cov_type=cov_type, groups=groups)
    assert got.cov_type == want.cov_type == cov_type
    assert_same_fit(got, want)
    if cov_type == "robust":  # and both equal the sandwich of the reference implementations
        m = refdata.model("synthetic", "weighted")
        labels, V = refdata.vcov(m, got.outcomes, m["robust_hc0"]["vcov"])
        np.testing.assert_allclose(
            got.cov_params().loc[labels, labels].to_numpy(),
            V,
            rtol=1e-6,
            atol=1e-12 * np.abs(V).max(),
        )


def test_cluster_covariance_of_weights_near_the_float_range_is_the_in_memory_one():
    """Frequency weights near 1e295 square each cluster's score total past the largest float.
    In memory each row's scores are projected first; the partitions summed the meat as it
    was, and the standard errors were refused (first as needing the rows in memory, then
    with a divisor for the weights). Each coefficient's scores are now summed in units of
    its model-based standard error, whose squares stay in range: the cluster-robust
    covariance of the weights as they are, as in memory."""
    df = synthetic().assign(w=lambda d: d["w"] * 1e295)  # summing to 5e298
    options = {"ref": "car", "weights": "w", "cov_type": "cluster", "groups": "clinic"}
    got = mnlogit.fit(SYNTHETIC, uneven(df), **options)
    want = mnlogit.fit(SYNTHETIC, df, **options)  # in memory: the rows' scores projected
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-7)


def test_weighted_squares_past_the_float_range_are_refused_by_column():
    """Frequency weights near 1e295 times a column of millions: X'WX summed over the
    partitions was inf, the fit was reported as diverging, with numpy's RuntimeWarnings,
    and every standard error was NaN (in memory the column is rescaled and fits)."""
    df = synthetic().assign(w=lambda d: d["w"] * 1e295, x1=lambda d: d["x1"] * 1e6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataError, match="the squares of column 'x1' times the weights"):
            mnlogit.fit(SYNTHETIC, uneven(df), ref="car", weights="w", cov_type="robust")
    assert mnlogit.fit(SYNTHETIC, df, ref="car", weights="w").bse.notna().all().all()


def test_anova_refits_through_partitions(pairs):
    got, want = pairs["synthetic-weighted"]
    a_got, a_want = got.anova(type="III"), want.anova(type="III")
    assert list(a_got.index) == list(a_want.index)
    np.testing.assert_allclose(a_got["chi2"].to_numpy(), a_want["chi2"].to_numpy(), rtol=1e-9)
    np.testing.assert_array_equal(a_got["df"].to_numpy(), a_want["df"].to_numpy())


@pytest.mark.parametrize("omit", ["bus", "car"])  # "car" is the reference: refitted against walk
def test_iia_hausman_refits_through_partitions(pairs, omit):
    got, want = pairs["synthetic"]
    t_got, t_want = got.iia_test(omit), want.iia_test(omit)
    # both give Var(d) from refits on centred, orthogonalised columns (the partitions from
    # their fits' own covariances, 1.6e-8 apart for bus, before), and agree to 5e-12
    np.testing.assert_allclose(t_got.statistic, t_want.statistic, rtol=1e-9)
    assert t_got.df == t_want.df
    # the same note, but for where it sends a fit of partitions (suest needs the rows)
    assert t_got.note == hinted(t_want.note, in_memory=False)


@pytest.mark.parametrize("method", ["suest", "small-hsiao"])
@pytest.mark.parametrize("omit", ["bus", "car"])
def test_iia_tests_that_need_the_rows_refuse_before_reading_the_partitions(pairs, method, omit):
    # suest refused only once both fits had been refitted: 7 passes over every partition
    # read for nothing (and a restricted model found rank deficient first came back as a
    # test "not computed" instead of the refusal)
    from dask.callbacks import Callback

    got = pairs["synthetic"][0]
    passes = []
    with Callback(start=lambda dsk: passes.append(1)):
        with pytest.raises(NotInMemoryError, match=rf"method='{method}'.*method='hausman'"):
            got.iia_test(omit, method=method, **({"seed": 1} if method == "small-hsiao" else {}))
    assert passes == []


def test_with_ref_re_expresses_without_refitting(pairs):
    got, want = pairs["anes96"]
    np.testing.assert_allclose(
        got.with_ref(3).params.to_numpy(), want.with_ref(3).params.to_numpy(), rtol=RTOL
    )


def test_missing_rows_are_dropped_in_every_partition():
    df = synthetic()
    df.loc[df.index % 9 == 4, "x1"] = np.nan
    df.loc[1500:, "x2"] = np.nan  # the last partition loses every row
    got = mnlogit.fit(SYNTHETIC, uneven(df), ref="car", weights="w")
    want = mnlogit.fit(SYNTHETIC, df, ref="car", weights="w")
    assert got.n_dropped == want.n_dropped > 500
    assert_same_fit(got, want)


def test_levels_learned_from_every_partition():
    """Sorted data put each group (and outcome) level in a few partitions only."""
    df = synthetic().sort_values(["group", "mode"]).reset_index(drop=True)
    df["mode"] = pd.Categorical(df["mode"], categories=["walk", "train", "car", "bus"])
    got = mnlogit.fit(SYNTHETIC, uneven(df), ref="car", weights="w")
    want = mnlogit.fit(SYNTHETIC, df, ref="car", weights="w")
    assert got.outcomes == ("walk", "train", "car", "bus")
    assert_same_fit(got, want)
    new = synthetic().iloc[[7, 3, 1500]]
    np.testing.assert_allclose(got.predict(new).to_numpy(), want.predict(new).to_numpy(), rtol=RTOL)


def test_distributed_client_and_verbose_progress(capsys):
    distributed = pytest.importorskip("distributed")
    df = refdata.data("anes96")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        got = mnlogit.fit(ANES, uneven(df), ref=0, verbose=True)
    out = capsys.readouterr().out
    want = mnlogit.fit(ANES, df, ref=0)
    assert_same_fit(got, want)
    # the in-memory fit's lines: one per iteration, the starting values first, the last at
    # the estimates, then the passes over the partitions
    lines = [line for line in out.splitlines() if "Fisher scoring " in line]
    assert len(lines) == got.n_iter + 1
    pattern = (
        r"mnlogit: Fisher scoring +(\d+): log-likelihood (-?[\d.e+-]+)"
        r"(?: \(change [^)]*\))?, .*, ([\d.]+) s"
    )
    parsed = [re.fullmatch(pattern, line) for line in lines]
    assert all(parsed) and [int(m[1]) for m in parsed] == list(range(got.n_iter + 1))
    np.testing.assert_allclose(float(parsed[-1][2]), got.llf, rtol=1e-9)
    seconds = [float(m[3]) for m in parsed]
    assert seconds == sorted(seconds)
    # the passes over the partitions: one per iteration (the start needs none)
    passes = re.search(r"; (\d+) passes over the data \((\d+) information\)", out)
    assert passes is not None and int(passes[1]) == int(passes[2]) == got.n_iter


def test_default_scheduler_progress_bar(capsys):
    from dask.diagnostics import ProgressBar

    df = refdata.data("anes96")
    with ProgressBar():
        got = mnlogit.fit(ANES, uneven(df), ref=0, max_iter=2)
    assert "100% Completed" in capsys.readouterr().out
    assert got.n_iter == 2 and not got.converged


def test_parquet_files(tmp_path):
    df = synthetic()
    uneven(df).to_parquet(tmp_path / "synthetic.parquet")
    ddf = dd.read_parquet(tmp_path / "synthetic.parquet")
    assert ddf.npartitions == 7
    got = mnlogit.fit(SYNTHETIC, ddf, ref="car", weights="w", cov_type="cluster", groups="clinic")
    want = mnlogit.fit(SYNTHETIC, df, ref="car", weights="w", cov_type="cluster", groups="clinic")
    assert_same_fit(got, want)


def test_what_needs_rows_in_memory_says_so(pairs):
    got = pairs["synthetic"][0]
    with pytest.raises(DataError, match=r"partitions.*in-memory data"):
        got.predict()
    with pytest.raises(DataError, match="partitions"):
        got.marginal_effects()
    # margins raised a plain DataError, which an except NotInMemoryError let through
    with pytest.raises(NotInMemoryError, match=r"partitions.*in-memory data"):
        got.margins()
    with pytest.raises(DataError, match="partitions"):  # per-row scores of both fits
        got.iia_test("bus", method="suest")
    with pytest.raises(DataError, match="never collected"):
        np.asarray(got._data.y)
    # the data say where their rows are; asking for them anyway is a project error, not an
    # AttributeError that getattr(..., None) would silently swallow
    assert not got._data.in_memory
    with pytest.raises(NotInMemoryError, match="never collected"):
        got._data.X  # noqa: B018
    assert not issubclass(NotInMemoryError, AttributeError)


def _error(fit):
    with pytest.raises(mnlogit.MNLogitError) as info:
        fit()
    return info


@pytest.mark.parametrize(
    "change, kwargs",
    [
        (lambda df: df.assign(x1=np.where(df.index == 5, np.nan, df["x1"])), {"missing": "raise"}),
        (lambda df: df.assign(w=np.where(df.index == 1700, -2, df["w"])), {"weights": "w"}),
        (lambda df: df.assign(w=np.where(df.index == 700, 1.5, df["w"])), {"weights": "w"}),
        (lambda df: df.assign(w=np.where(df.index == 900, np.inf, df["w"])), {"weights": "w"}),
        (lambda df: df.assign(w=0), {"weights": "w"}),
        (
            lambda df: df.assign(clinic=np.where(df.index == 3, np.nan, df["clinic"])),
            {"cov_type": "cluster", "groups": "clinic"},
        ),
        (lambda df: df.assign(clinic=1), {"cov_type": "cluster", "groups": "clinic"}),
        (lambda df: df, {"ref": "plane"}),
        (
            lambda df: (
                df[df["mode"] != "bus"]
                .reset_index(drop=True)
                .assign(
                    mode=lambda d: pd.Categorical(
                        d["mode"], categories=["bus", "car", "train", "walk"]
                    )
                )
            ),
            {"ref": "bus"},
        ),
        (lambda df: df.assign(group="rural"), {}),
        (lambda df: df.assign(k="same"), {"formula": "mode ~ x1 + x1:k"}),
        (
            lambda df: df.assign(group=np.array(list("abcdefghijkl"))[df.index % 12]),
            {"formula": "mode ~ group:x1:C(w)"},
        ),
        # a level whose rows all have weight 0: its dummy is 0 on every row of positive
        # weight, which the RankError called a combination of the other columns
        (
            lambda df: df.assign(w=np.where(df["group"] == "urban", 0, df["w"])),
            {"weights": "w"},
        ),
    ],
    ids=[
        "missing-raise",
        "negative-weight",
        "fractional-weight",
        "infinite-weight",
        "zero-weights",
        "missing-cluster",
        "one-cluster",
        "bad-ref",
        "unused-category-ref",
        "one-level-factor",
        "one-level-in-interaction",
        "size-before-building",
        "level-only-in-rows-of-weight-zero",
    ],
)
def test_bad_input_raises_what_in_memory_raises(change, kwargs):
    df = change(synthetic())
    kwargs = {"ref": "car", **kwargs}
    formula = kwargs.pop("formula", SYNTHETIC)
    want = _error(lambda: mnlogit.fit(formula, df, **kwargs))
    got = _error(lambda: mnlogit.fit(formula, uneven(df), **kwargs))
    assert got.type is want.type
    # a bad frequency weight's row is named as in memory (the partitions' scan locates them)
    assert str(got.value) == str(want.value)


def test_rank_deficiency_non_finite_columns_and_missing_columns_are_named():
    df = synthetic().assign(x3=lambda d: 2 * d["x1"] - 1)
    df.loc[1900, "x2"] = -1.0
    with pytest.raises(DataError, match=r"'log\(x2\)'.*must be finite"):
        mnlogit.fit(SYNTHETIC, uneven(df), ref="car")
    with pytest.raises(RankError, match="'x3'"):
        mnlogit.fit("mode ~ x1 + x3 + group", uneven(df), ref="car")
    with pytest.raises(ColumnNotFoundError, match=r"'x11'.*did you mean 'x1'"):
        mnlogit.fit("mode ~ x1 + x11", uneven(df), ref="car")
    with pytest.raises(LevelError, match="plane"):
        mnlogit.fit("mode ~ x1", uneven(df), ref="plane")


def test_columns_that_x_wx_cannot_tell_from_aliased_are_refused_as_in_memory():
    # cr(distance, df=3)'s three columns (tests/reference/splines_travel.csv.gz) sum to one:
    # beside the intercept they are exactly aliased, but X'WX read the last one's residual as
    # 3.8e-7, rounding noise above the tolerance, and the fit stopped at iteration 0. The rank
    # check now factors the rows (one more pass) when X'WX cannot tell.
    df = pd.read_csv(refdata.REF_DIR / "splines_travel.csv.gz")
    for data in (df, uneven(df)):
        with pytest.raises(RankError, match="'cr3'"):
            mnlogit.fit("mode ~ cr1 + cr2 + cr3", data, ref="car")
    got = mnlogit.fit("mode ~ 0 + cr1 + cr2 + cr3", uneven(df), ref="car")
    want = mnlogit.fit("mode ~ 0 + cr1 + cr2 + cr3", df, ref="car")
    np.testing.assert_allclose(got.llf, want.llf, rtol=RTOL)
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-8)


def test_options_a_dask_fit_cannot_take():
    ddf = uneven(synthetic())
    with pytest.raises(InputTypeError, match=r"weights: with a dask DataFrame.*column"):
        mnlogit.fit(SYNTHETIC, ddf, ref="car", weights=np.ones(2000))
    with pytest.raises(OptionError, match="method='firth' is not available"):
        mnlogit.fit(SYNTHETIC, ddf, ref="car", method="firth")
    with pytest.raises(OptionError, match="cov_type: expected one of"):
        mnlogit.fit(SYNTHETIC, ddf, ref="car", cov_type="hc3")
    with pytest.raises(FormulaError, match=r"center\(x2\)"):  # stateful: refused
        mnlogit.fit("mode ~ x1 + center(x2)", ddf, ref="car")


def test_without_the_extra_the_error_names_it(monkeypatch):
    ddf = uneven(synthetic())
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)  # import fails as if not installed
    monkeypatch.delitem(sys.modules, "mnlogit._dask", raising=False)
    with pytest.raises(MissingDependencyError, match=re.escape('pip install "mnlogit[dask]"')):
        mnlogit.fit(SYNTHETIC, ddf, ref="car")
    with pytest.raises(ImportError):  # also an ImportError, as generic handlers expect
        mnlogit.fit(SYNTHETIC, ddf, ref="car")


def test_separated_data_diverge_with_a_warning_not_a_crash():
    df = refdata.data("risk")
    with pytest.warns(mnlogit.ConvergenceWarning, match="diverged"):
        res = mnlogit.fit("risk ~ age + income", dd.from_pandas(df, npartitions=3), ref="low")
    assert res.diverged and not res.converged
    assert res.separation is None  # the exact check needs the rows in memory
    assert res.llf > refdata.expected("risk")["models"]["main"]["loglik_null"]


@pytest.mark.parametrize(("outcome", "empty"), [("A", ("B", "C")), ("B", ("A", "C"))])
def test_a_level_without_rows_of_an_outcome_is_separation_on_dask_as_in_memory(outcome, empty):
    # 2,000 rows of weight 5,000 and one of weight 1, the only one of level 'd' of g, of the
    # reference (or of B): the deviance settles while g[T.d] runs off. The dask fit converged with
    # g[T.d] at -8.1 (+8.1), standard errors of 58 and no warning, where the same data in
    # memory are a separated fit. The screen of the sums both keep now says so on dask too
    df = lone_level_counts(5000.0, outcome)
    with pytest.warns(SeparationWarning, match=r"'g\[T\.d\]' in the equation\(s\) for outcome"):
        want = mnlogit.fit("y ~ x + g", df, ref="A", weights="w")
    with pytest.warns(SeparationWarning, match="not by the exact check") as caught:
        got = mnlogit.fit("y ~ x + g", dd.from_pandas(df, npartitions=3), ref="A", weights="w")
    assert not any(issubclass(c.category, mnlogit.ConvergenceWarning) for c in caught)
    assert not got.converged and not want.converged
    sep = got.separation
    assert sep is not None and sep.kind == "screened"
    assert (sep.outcomes, sep.terms) == (want.separation.outcomes, want.separation.terms)
    assert sep.empty == tuple(("g[T.d]", o) for o in empty)
    pd.testing.assert_frame_equal(got.diverging, want.diverging)
    for name in ("bse", "zvalues", "pvalues"):
        pd.testing.assert_frame_equal(
            getattr(got, name).isna(), getattr(want, name).isna(), obj=name
        )
    assert got.bse.loc["g[T.d]"].isna().all()
    assert np.isfinite(got.bse.drop(index="g[T.d]").to_numpy()).all()
    # the direction reported is one along which no row's likelihood falls: x_i'(d_y - d_k) >= 0
    D = sep.direction[list(got.outcomes[1:])].to_numpy()
    D = np.column_stack([np.zeros(len(D)), D])  # the reference's column, 0
    X = np.column_stack([np.ones(len(df)), df.x, *(df.g == v for v in "bcd")])
    assert list(got.params.index) == ["Intercept", "x", "g[T.b]", "g[T.c]", "g[T.d]"]
    eta = X @ D
    codes = pd.Index(got.outcomes).get_indexer(df.y)
    assert (eta[np.arange(len(df)), codes][:, None] >= eta).all() and (D != 0).any()
    assert "0 or a finite supremum" in str(got.summary())
    # the same data with the lone row's level merged into 'a' have a finite maximum: no alarm,
    # nor for a column 0 on every row of C that takes both signs elsewhere
    merged = df.assign(g=df.g.replace("d", "a"), z=df.x.where(df.y != "C", 0.0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fine = mnlogit.fit(
            "y ~ x + g + z", dd.from_pandas(merged, npartitions=3), ref="A", weights="w"
        )
    assert fine.converged and fine.separation is None


# --- one rule for numbers and factors, and levels that do not change -----------------------------


def _with_codes() -> pd.DataFrame:
    """The synthetic data with an object column of integers (as built from mixed rows)."""
    df = synthetic()
    return df.assign(k=pd.Series((df.index % 7).tolist(), dtype=object))


def test_object_column_of_integers_is_a_number_in_both():
    df = _with_codes()
    want = mnlogit.fit("mode ~ x1 + k", df, ref="car")
    assert list(want.params.index) == ["Intercept", "x1", "k"]
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = uneven(df)
    assert ddf["k"].dtype == object
    assert_same_fit(mnlogit.fit("mode ~ x1 + k", ddf, ref="car"), want)


def test_text_of_numbers_is_refused_in_both_even_when_dask_made_it():
    # Dask stores object columns as text by default; the integers above arrive as "0".."6",
    # which once became a factor of seven levels. Text that reads as numbers is refused in
    # memory, and so it is here, saying where the text came from.
    ddf = uneven(_with_codes())
    assert ddf["k"].dtype != object
    with pytest.raises(DataError) as info:
        mnlogit.fit("mode ~ x1 + k", ddf, ref="car")
    message = str(info.value)
    assert "column 'k' holds numbers stored as text" in message
    assert "dd.to_numeric(" in message and "dataframe.convert-string" in message
    df = _with_codes().assign(k=lambda d: d["k"].astype(str))
    with pytest.raises(DataError, match="column 'k' holds numbers stored as text"):
        mnlogit.fit("mode ~ x1 + k", df, ref="car")
    # as categories, by the formula's word, in both
    want = mnlogit.fit("mode ~ x1 + C(k)", df, ref="car")
    assert_same_fit(mnlogit.fit("mode ~ x1 + C(k)", ddf, ref="car"), want)


@pytest.mark.parametrize(
    ("values", "term"),
    [([0, "0", 1, "1"], "C(g)"), (["a", "b", 1, "1"], "C(g)"), (["a", True, "True"], "g")],
)
@pytest.mark.parametrize("categorical", [False, True], ids=["objects", "categorical"])
def test_factor_values_that_print_alike_are_refused_as_in_memory(values, term, categorical):
    # In memory 0 and '0' (1 and '1', True and 'True') are refused as one factor's values:
    # formulaic named two dummies alike and kept one. On dask the scan's sample, which shows
    # every value of a factor, goes through the same rule (_columns._refuse_alike_values),
    # here with each value in rows of its own partitions. (A dask DataFrame made from pandas
    # with Dask's default dataframe.convert-string holds them as the text '0' already.)
    df = synthetic()
    runs = np.arange(len(df)) * len(values) // len(df)  # a run of rows for each value
    g = pd.Series(np.array(values, dtype=object)[runs], index=df.index, dtype=object)
    df = df.assign(g=pd.Categorical(g, categories=values) if categorical else g)
    formula = f"mode ~ x1 + {term}"
    want = _error(lambda: mnlogit.fit(formula, df, ref="car"))
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = uneven(df)
    got = _error(lambda: mnlogit.fit(formula, ddf, ref="car"))
    assert want.type is DataError and "different values that print alike" in str(want.value)
    assert got.type is want.type and str(got.value) == str(want.value)


def test_a_factor_left_with_one_level_is_refused():
    df = synthetic().assign(x1=lambda d: d["x1"].where(d["group"] == "urban"))
    for data in (df, uneven(df)):
        with pytest.raises(DataError, match=r"term 'group' is a factor with one level \('urban'\)"):
            mnlogit.fit(SYNTHETIC, data, ref="car")


def test_names_in_backticks_and_number_labels_read_as_in_memory():
    df = synthetic().rename(columns={"x2": "dose.mg", "group": 0})
    formula = "mode ~ x1 + C(`0`) + np.log(`dose.mg`)"
    want = mnlogit.fit(formula, df, ref="car")
    assert_same_fit(mnlogit.fit(formula, uneven(df), ref="car"), want)
    tiers = synthetic().set_axis(pd.MultiIndex.from_product([synthetic().columns, ["a"]]), axis=1)
    with pytest.raises(InputTypeError, match="MultiIndex"):
        mnlogit.fit(SYNTHETIC, dd.from_pandas(tiers, npartitions=3), ref="car")


def _changing(parts: int = 4, rows: int = 120) -> dd.DataFrame:
    """Partitions that are read again at every pass, and the third of which has rows of a
    new outcome level from its second reading on (a file rewritten while the fit runs)."""
    readings = dict.fromkeys(range(parts), 0)

    def read(i: int) -> pd.DataFrame:
        readings[i] += 1
        rng = np.random.default_rng(i)
        y = rng.choice(["a", "b", "c"], rows).astype(object)
        if i == 2 and readings[i] > 1:
            y[:3] = "d"
        return pd.DataFrame({"y": pd.Series(y, dtype=object), "x": rng.standard_normal(rows)})

    meta = pd.DataFrame({"y": pd.Series([], dtype=object), "x": pd.Series([], dtype=float)})
    return dd.from_delayed([dask.delayed(read, pure=False)(i) for i in range(parts)], meta=meta)


def test_an_outcome_value_unseen_when_levels_were_learned_is_an_error():
    # once core code -1 silently counted as the last level
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = _changing()
    with pytest.raises(DataError, match=r"value 'd' is in a partition.*\('a', 'b', 'c'\)"):
        mnlogit.fit("y ~ x", ddf)


@pytest.mark.parametrize("frac", [0.7, 1.0])
def test_rows_that_change_between_passes_are_refused(frac):
    """A graph that draws rows at random gave other rows at every pass: the fit chased them
    for 100 iterations and said to increase max_iter (or, at another seed, that the fit
    diverged), with estimates of no one sample. A pass now checks the rows it read against
    the first pass's count, weight and X'WY."""
    df = synthetic()
    ddf = dd.from_pandas(df, npartitions=4)
    drawn = ddf.map_partitions(lambda f: f.sample(frac=frac, replace=frac == 1.0), meta=ddf._meta)
    with pytest.raises(DataError, match=r"the data changed between passes.*as many rows as the"):
        mnlogit.fit(SYNTHETIC, drawn, ref="car")
    # the same rows at every computation: fitted as in memory
    fixed = ddf.map_partitions(lambda f: f.sample(frac=frac, random_state=1), meta=ddf._meta)
    want = mnlogit.fit(SYNTHETIC, fixed.compute(), ref="car")
    got = mnlogit.fit(SYNTHETIC, fixed, ref="car")
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=RTOL)


def test_l2_penalised_fit_equals_in_memory():
    df = synthetic()
    want = mnlogit.fit(SYNTHETIC, df, ref="car", weights="w", penalty="l2", C=0.3)
    got = mnlogit.fit(SYNTHETIC, uneven(df), ref="car", weights="w", penalty="l2", C=0.3)
    assert got.penalty == "l2" and got.C == 0.3 and got.bse.isna().all().all()
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(got.penalized_llf, want.penalized_llf, rtol=1e-12)


@pytest.mark.parametrize(
    ("formula", "null"),
    [
        ("mode ~ 0 + C(region) + distance", "intercept-only"),  # the dummies add up to one
        ("mode ~ 0 + distance", "zero"),
    ],
)
def test_null_model_of_a_design_without_an_intercept_column_is_the_in_memory_one(formula, null):
    # The null is intercept-only when the columns span the constant. Dask looked only for a
    # column of ones, so a full set of dummies got the all-zero null: llnull -4230.97 against
    # -3832.44, df_model 12 against 9, and the LR test and pseudo-R2 with them.
    df = mnlogit.datasets.load("travel")
    df = df.assign(w=df["age"] % 7 + 1)  # weights: the null's residual is a weighted one
    want = mnlogit.fit(formula, df, ref="car", weights="w")
    got = mnlogit.fit(formula, uneven(df), ref="car", weights="w")
    assert want.null_model == got.null_model == null
    assert got.df_model == want.df_model
    np.testing.assert_allclose(got.llnull, want.llnull, rtol=RTOL)
    np.testing.assert_allclose(got.lr_test().statistic, want.lr_test().statistic, rtol=1e-8)


def test_nested_dask_fits_have_the_in_memory_likelihood_ratio_test():
    # mnlogit.lr_test of two dask fits was refused with an error about "level codes" that
    # the user never gave: the check that both fits hold the same rows read them one by one
    df = synthetic()
    ddf = uneven(df)
    small, full = (mnlogit.fit(f, ddf, ref="car") for f in ("mode ~ x1", SYNTHETIC))
    want = mnlogit.lr_test(*(mnlogit.fit(f, df, ref="car") for f in ("mode ~ x1", SYNTHETIC)))
    got = mnlogit.lr_test(small, full)
    assert got.df == want.df
    np.testing.assert_allclose(
        [got.statistic, got.pvalue], [want.statistic, want.pvalue], rtol=1e-9
    )
    # the same rows in memory on one side
    mixed = mnlogit.lr_test(small, mnlogit.fit(SYNTHETIC, df, ref="car"))
    np.testing.assert_allclose(mixed.statistic, want.statistic, rtol=1e-9)


def test_dask_fits_of_other_rows_are_not_compared():
    df = synthetic()
    full = mnlogit.fit(SYNTHETIC, uneven(df), ref="car")
    shuffled = df.assign(mode=df["mode"].sample(frac=1, random_state=0).to_numpy())
    other_y = mnlogit.fit("mode ~ x1", uneven(shuffled), ref="car")  # same counts, other rows
    with pytest.raises(ModelComparisonError, match="design column 'x1' holds other"):
        mnlogit.lr_test(other_y, full)
    moved = df.assign(x1=df["x1"] + 1.0)
    with pytest.raises(ModelComparisonError, match="'x1' holds other values"):
        mnlogit.lr_test(mnlogit.fit("mode ~ x1", uneven(moved), ref="car"), full)
    bus_to_train = df["mode"].replace({"bus": "train"})
    recoded = df.assign(mode=bus_to_train.where(df.index % 2 == 0, df["mode"]))
    with pytest.raises(ModelComparisonError, match="outcomes differ: the rows of each"):
        mnlogit.lr_test(mnlogit.fit("mode ~ x1", uneven(recoded), ref="car"), full)


def test_dask_fits_of_another_column_in_small_units_are_not_compared():
    # the sums of a column of one name were compared with an absolute tolerance of at
    # least 1e-12: any two columns in units of 1e-140 passed, and lr_test compared fits of
    # different x
    df = synthetic()
    tiny = df.assign(x1=df["x1"] * 1e-140)
    other = tiny.assign(x1=tiny["x1"].sample(frac=1, random_state=0).to_numpy())
    full = mnlogit.fit(SYNTHETIC, uneven(tiny), ref="car")
    same = mnlogit.lr_test(mnlogit.fit("mode ~ x1", tiny, ref="car"), full)
    assert np.isfinite(same.statistic)
    with pytest.raises(ModelComparisonError, match="'x1' holds other values"):
        mnlogit.lr_test(mnlogit.fit("mode ~ x1", other, ref="car"), full)


def test_dask_collections_given_as_arrays_are_refused_not_read_whole():
    # MNLogit(ddf.y, ddf[cols]) read both into memory without a word and fitted the columns
    # as x0, x1, ...: the names of the DataFrame were lost. Dask values given as weights,
    # groups, subpop or design roles to an in-memory fit were read whole too
    df = synthetic()
    ddf = uneven(df)
    X = ddf[["x1", "x2"]]
    cases = [
        ("y", lambda: mnlogit.MNLogit(ddf["mode"], df[["x1", "x2"]], ref="car")),
        ("X", lambda: mnlogit.MNLogit(df["mode"], X, ref="car")),
        ("X", lambda: mnlogit.MNLogit(df["mode"], X.to_dask_array(lengths=True), ref="car")),
        ("weights", lambda: mnlogit.fit("mode ~ x1", df, ref="car", weights=ddf["w"])),
        (
            "groups",
            lambda: mnlogit.fit(
                "mode ~ x1", df, ref="car", cov_type="cluster", groups=ddf["clinic"]
            ),
        ),
        (
            "weights",
            lambda: mnlogit.fit(
                "mode ~ x1", df, ref="car", design=mnlogit.SurveyDesign(weights=ddf["w"])
            ),
        ),
        (
            "subpop",
            lambda: mnlogit.fit(
                "mode ~ x1",
                df,
                ref="car",
                design=mnlogit.SurveyDesign(weights="w"),
                subpop=ddf["x1"] > 0,
            ),
        ),
    ]
    for what, call in cases:
        with pytest.raises(InputTypeError, match=rf"^{what}: got a dask .*mnlogit\.fit\(formula"):
            call()


def test_a_diverged_dask_fit_says_which_coefficients_diverge_is_not_known():
    # every coefficient is treated as diverging on dask, where the exact check cannot run; the
    # notes said x and the intercept "diverge under separation" and advised method='firth',
    # which a dask fit refuses
    df = refdata.data("risk")
    with pytest.warns(mnlogit.ConvergenceWarning, match="diverged"):
        res = mnlogit.fit("risk ~ age + income", dd.from_pandas(df, npartitions=3), ref="low")
    assert res.diverging.all().all()
    for test in (res.lr_test(), res.wald_test("income"), res.wald_test_slopes()):
        assert np.isnan(test.statistic)
        assert "cannot run, so every coefficient is treated as diverging" in test.note
        assert "diverge under separation" not in test.note
    assert "every coefficient is treated as diverging" in res.anova().attrs["note"]
    assert "in memory to find which diverge" in str(res.summary())
    # in memory the exact check names them, and the note says they diverge
    with pytest.warns(SeparationWarning):
        here = mnlogit.fit("risk ~ age + income", df, ref="low")
    assert "diverge under separation" in here.lr_test().note


@pytest.mark.parametrize(
    ("options", "shown"),
    [
        ({}, "'rare' (1 observation)"),
        ({"weights": "n"}, "'rare' (2 observations)"),  # a frequency weight of 2
        ({"design": mnlogit.SurveyDesign(weights="pw")}, "'rare' (1 observation)"),
        ({"design": mnlogit.SurveyDesign(weights="pw"), "subpop": "x1 < 5"}, "'rare' (1"),
    ],
    ids=["unweighted", "frequency", "survey", "subpop"],
)
def test_an_outcome_level_of_one_or_two_rows_is_named_on_dask_as_in_memory(options, shown):
    # the in-memory fit warned that the level's equation rests on one or two rows; the dask
    # fit of the same data said nothing
    df = synthetic().assign(n=1, pw=lambda f: 1.0 + f.index % 3)
    df.loc[17, ["mode", "n"]] = ["rare", 2]
    for data in (df, uneven(df)):
        with pytest.warns(mnlogit.RareLevelWarning, match=re.escape(shown)):
            mnlogit.fit("mode ~ x1", data, ref="car", **options)


@pytest.mark.parametrize("weights", [None, "w"])
def test_nearly_collinear_columns_are_warned_of_on_dask_as_in_memory(weights):
    # the dask fit gave standard errors 5% off the in-memory ones without a word; then it
    # warned they kept 1 significant digit, fitting in the columns' own basis; it runs on an
    # orthogonal basis as the in-memory fit does, and says what it says
    df = synthetic()
    df = df.assign(x3=df["x1"] + np.random.default_rng(0).normal(scale=1e-7, size=len(df)))
    messages, fits = [], []
    for data in (df, uneven(df)):
        with pytest.warns(mnlogit.CollinearityWarning, match="'x3' are nearly linear") as got:
            fits.append(mnlogit.fit("mode ~ x1 + x3", data, ref="car", weights=weights))
        messages.append([str(w.message) for w in got if w.category is mnlogit.CollinearityWarning])
    assert len(messages[0]) == len(messages[1]) == 1
    assert "orthogonal basis" in messages[0][0] and "keep about 8 significant" in messages[0][0]
    assert messages[1] == messages[0]
    np.testing.assert_allclose(fits[1].bse, fits[0].bse, rtol=1e-6)


def test_columns_nearly_collinear_only_under_frequency_weights_say_so_on_dask():
    df = synthetic().assign(w=lambda f: np.where(f.index < 40, 0, f["w"]))
    # x3 differs from x1 only on the rows of weight 0, and by a rounding elsewhere
    x3 = df["x1"] + np.random.default_rng(0).normal(scale=1e-7, size=len(df))
    df = df.assign(x3=x3.where(df.index >= 40, df["x1"] + 5.0))
    with pytest.warns(mnlogit.CollinearityWarning, match="not so in the data: the weights"):
        mnlogit.fit("mode ~ x1 + x3", uneven(df), ref="car", weights="w")


@pytest.mark.parametrize("scale", [1e-300, 1e-200, 1e-160, 1e160, 1e200])
def test_a_column_whose_squares_leave_the_float_range_is_refused_on_dask(scale):
    # in memory such a column is rescaled and fits; on dask its standard errors were inf
    # without a word (1e-160), it was refused as 0 on every row (1e-200), or reported as
    # diverging with numpy's overflow warnings (1e160)
    df = synthetic()
    df = df.assign(xs=df["x1"] * scale)
    want = mnlogit.fit("mode ~ xs", df, ref="car")
    assert np.isfinite(want.bse.to_numpy()).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataError, match=r"column 'xs' holds values of magnitude .*rescale"):
            mnlogit.fit("mode ~ xs", uneven(df), ref="car")
    fine = mnlogit.fit("mode ~ xs", uneven(df.assign(xs=df["x1"] * 1e100)), ref="car")
    np.testing.assert_allclose(fine.bse.loc["xs"] * 1e100, want.bse.loc["xs"] * scale, rtol=1e-8)


def test_frequency_weights_near_the_float_range_fit_on_dask_without_numpy_warnings():
    # the check that every pass reads the same rows multiplied X'WX by the total weight and
    # overflowed, with numpy's warning, for weights of 1e200
    df = synthetic().assign(w=lambda f: f["w"] * 1e200)
    want = mnlogit.fit(SYNTHETIC, df, ref="car", weights="w")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = mnlogit.fit(SYNTHETIC, uneven(df), ref="car", weights="w")
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-9)


def test_check_separation_of_a_dask_dataframe_says_to_run_it_in_memory():
    # it was refused as "expected a pandas DataFrame", with nothing on what to do
    with pytest.raises(NotInMemoryError, match=r"check_separation: .*ddf\.compute\(\)"):
        mnlogit.check_separation(SYNTHETIC, uneven(synthetic()), ref="car")
