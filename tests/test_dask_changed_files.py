"""A Dask fit whose files change after it: the passes its sandwich covariance reads when its
standard errors are first asked for check the rows they read against the fit's, as the
scoring passes do, and refuse other rows instead of summing them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

dd = pytest.importorskip("dask.dataframe")

FORMULA = "y ~ a + b + g"
OPTIONS = {
    "robust": {"cov_type": "robust"},
    "cluster": {"cov_type": "cluster", "groups": "c"},
    "design": {"design": mnlogit.SurveyDesign(strata="s", psu="c")},
}


def _frame(seed: int, n: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(rng.standard_normal((n, 2)), columns=["a", "b"])
    df["g"] = rng.choice(["p", "q", "r"], n)
    df["c"] = rng.integers(0, 40, n)
    df["s"] = df["c"] % 4
    eta = df[["a", "b"]].to_numpy() @ rng.standard_normal((2, 3))
    df["y"] = np.argmax(eta + rng.gumbel(size=(n, 3)), axis=1)
    return df


def _write(df: pd.DataFrame, folder) -> None:
    for k, rows in enumerate(np.array_split(np.arange(len(df)), 3)):
        df.iloc[rows].to_parquet(folder / f"part{k}.parquet")


@pytest.mark.parametrize("kind", list(OPTIONS))
@pytest.mark.parametrize("change", ["fewer rows", "other values"])
def test_standard_errors_read_after_the_files_changed_are_refused(tmp_path, kind, change):
    # the standard errors of a robust, cluster or survey fit are computed when first read;
    # from files rewritten meanwhile, they came from the new rows with the fit's
    # coefficients (robust, fewer rows: 0.0953 for a in equation 1, where the fit's rows
    # give 0.0573), with no word that they were not the fit's
    df = _frame(0, 3000)
    _write(df, tmp_path)
    res = mnlogit.fit(FORMULA, dd.read_parquet(tmp_path), **OPTIONS[kind])
    _write(_frame(1, 2400 if change == "fewer rows" else 3000), tmp_path)
    with pytest.raises(DataError, match=r"the data changed between passes"):
        res.bse  # noqa: B018


@pytest.mark.parametrize("kind", list(OPTIONS))
def test_files_rewritten_with_the_same_rows_give_the_in_memory_standard_errors(tmp_path, kind):
    df = _frame(0, 3000)
    _write(df, tmp_path)
    res = mnlogit.fit(FORMULA, dd.read_parquet(tmp_path), **OPTIONS[kind])
    _write(df, tmp_path)
    want = mnlogit.fit(FORMULA, df, **OPTIONS[kind])
    np.testing.assert_allclose(res.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-8)


ASKED_AFTER_THE_FILES_WENT = {
    "anova": ({}, lambda res: res.anova()),
    "iia_test": ({}, lambda res: res.iia_test(omit=1)),
    "robust bse": ({"cov_type": "robust"}, lambda res: res.bse),
    "cluster summary": ({"cov_type": "cluster", "groups": "c"}, lambda res: str(res.summary())),
    "survey marginal effects": (OPTIONS["design"], lambda res: res.marginal_effects()),
}


@pytest.mark.parametrize("asked", list(ASKED_AFTER_THE_FILES_WENT))
def test_files_deleted_after_the_fit_are_named_in_a_refusal(tmp_path, asked):
    # refits (anova, IIA tests) and sandwiches read the files again; once deleted, dask's
    # bare FileNotFoundError came out of the package with no word of why they were read
    options, ask = ASKED_AFTER_THE_FILES_WENT[asked]
    _write(_frame(0, 3000), tmp_path)
    res = mnlogit.fit(FORMULA, dd.read_parquet(tmp_path), **options)
    (tmp_path / "part1.parquet").unlink()
    with pytest.raises(DataError, match=r"is gone: '.*part1\.parquet'.*make the DataFrame again"):
        ask(res)


def test_csv_files_deleted_after_the_fit_are_named_in_a_refusal(tmp_path):
    df = _frame(0, 900)
    for k, rows in enumerate(np.array_split(np.arange(len(df)), 3)):
        df.iloc[rows].to_csv(tmp_path / f"part{k}.csv", index=False)
    res = mnlogit.fit(FORMULA, dd.read_csv(str(tmp_path / "part*.csv")))
    for k in range(3):
        (tmp_path / f"part{k}.csv").unlink()
    with pytest.raises(DataError, match=r"is gone: '.*part\d\.csv'"):
        res.anova()


def test_csv_files_rewritten_without_a_column_after_the_fit_are_refused(tmp_path):
    # dask's check of the partition against the DataFrame's metadata raised its bare
    # ValueError: "The columns in the computed data do not match the columns in the ..."
    df = _frame(0, 900)
    for k, rows in enumerate(np.array_split(np.arange(len(df)), 3)):
        df.iloc[rows].to_csv(tmp_path / f"part{k}.csv", index=False)
    res = mnlogit.fit(FORMULA, dd.read_csv(str(tmp_path / "part*.csv")))
    df.iloc[300:600].drop(columns="b").to_csv(tmp_path / "part1.csv", index=False)
    with pytest.raises(DataError, match=r"could not read a partition .* Missing: \['b'\]\)"):
        res.anova()


REWRITTEN = {
    "not parquet": (
        lambda folder: (folder / "part1.parquet").write_bytes(b"not parquet" * 10),
        r"could not read a partition of the data \(ArrowInvalid: Parquet magic bytes",
    ),
    "empty": (
        lambda folder: (folder / "part1.parquet").write_bytes(b""),
        r"could not read a partition of the data \(ArrowInvalid: Parquet file size is 0",
    ),
    "a column dropped": (
        lambda folder: _frame(0, 900).drop(columns="a").to_parquet(folder / "part1.parquet"),
        r"could not read a partition of the data \(KeyError: \"\['a'\] not in index\"\)",
    ),
    "a folder in its place": (
        lambda folder: ((folder / "part1.parquet").unlink(), (folder / "part1.parquet").mkdir()),
        r"cannot be read: '.*part1\.parquet' \(Is a directory\)",
    ),
}


@pytest.mark.parametrize("change", list(REWRITTEN))
@pytest.mark.parametrize("kind", ["anova", "robust"])
def test_files_that_cannot_be_read_after_the_fit_are_refused(tmp_path, change, kind):
    # pyarrow's ArrowInvalid, pandas' KeyError from dask's reader, Python's IsADirectoryError
    rewrite, said = REWRITTEN[change]
    _write(_frame(0, 3000), tmp_path)
    options = OPTIONS["robust"] if kind == "robust" else {}
    res = mnlogit.fit(FORMULA, dd.read_parquet(tmp_path), **options)
    rewrite(tmp_path)
    with pytest.raises(DataError, match=said + r".*make the DataFrame again from the files"):
        res.anova() if kind == "anova" else res.bse
