"""The arguments that name a column beside the formula (weights=, groups=) and the clusters
they give: a missing column is refused naming the argument, and clusters written alike are
warned of, as the command line does."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError


def _data(n: int = 120) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame(
        {
            "y": rng.integers(0, 3, n),
            "x": rng.normal(size=n),
            "w": rng.uniform(1, 2, n),
            "g": rng.integers(0, 8, n),
        }
    )


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"weights": "nosuch"}, "weights='nosuch' is not a column of the data"),
        ({"groups": "nosuch", "cov_type": "cluster"}, "groups='nosuch' is not a column"),
        ({"weights": "W"}, "weights='W' is not a column of the data; the column 'w' differs"),
    ],
)
def test_a_missing_column_is_refused_naming_its_argument(options, said):
    # it said "column 'nosuch' is not in the data", as if the formula named it
    with pytest.raises(ColumnNotFoundError) as caught:
        mnlogit.fit("y ~ x", _data(), **options)
    assert said in str(caught.value), caught.value
    assert caught.value.column == next(v for k, v in options.items() if k != "cov_type")


@pytest.mark.parametrize("as_column", [True, False])
def test_clusters_written_alike_are_warned_of_and_kept_apart(as_column):
    # ' 1' and '1' (codes padded by another program) were two clusters with nothing said,
    # where the command line warns of them
    df = _data()
    df["g"] = df["g"].astype(str)
    df.loc[df.index[:10], "g"] = " " + df.loc[df.index[:10], "g"]
    groups = "g" if as_column else df["g"].to_numpy()
    with pytest.warns(mnlogit.exceptions.MNLogitWarning) as caught:
        res = mnlogit.fit("y ~ x", df, cov_type="cluster", groups=groups)
    said = [str(w.message) for w in caught if "counted as different clusters" in str(w.message)]
    assert len(said) == 1, [str(w.message) for w in caught]
    assert "differ only by white space" in said[0]
    if as_column:
        assert said[0].startswith("groups='g': clusters ")
        assert said[0].endswith("df['g'] = df['g'].str.strip())")
    # still fitted as written
    assert f"({df['g'].nunique()} clusters)" in str(res.summary()), res.summary()


def test_clusters_written_one_way_are_not_warned_of():
    df = _data().assign(g=lambda d: "c" + d["g"].astype(str))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mnlogit.fit("y ~ x", df, cov_type="cluster", groups="g")


def test_on_dask_a_missing_column_is_refused_naming_its_argument():
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(_data(), npartitions=2)
    with pytest.raises(ColumnNotFoundError, match=r"weights='nosuch' is not a column of the data"):
        mnlogit.fit("y ~ x", ddf, weights="nosuch")
    with pytest.raises(ColumnNotFoundError, match=r"groups='nosuch' is not a column of the data"):
        mnlogit.fit("y ~ x", ddf, groups="nosuch", cov_type="cluster")


def _padded(column: str) -> pd.DataFrame:
    df = _data().assign(s=lambda d: np.where(d["x"] > 0, "A", "B"))
    df[column] = df[column].astype(str)
    df.loc[df.index[:12], column] = " " + df.loc[df.index[:12], column]
    return df


def test_on_dask_clusters_written_alike_are_warned_of():
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(_padded("g"), npartitions=2)
    with pytest.warns(mnlogit.exceptions.MNLogitWarning, match=r"groups='g': clusters ' \d'"):
        mnlogit.fit("y ~ x", ddf, cov_type="cluster", groups="g")


@pytest.mark.parametrize(("role", "said"), [("psu", "PSUs"), ("strata", "strata")])
def test_survey_identifiers_written_alike_are_warned_of(role, said):
    # ' 1' and '1' were two PSUs (' A' and 'A' two strata) with nothing said
    column = "g" if role == "psu" else "s"
    design = mnlogit.SurveyDesign(psu="g", strata="s", weights="w")
    with pytest.warns(mnlogit.exceptions.MNLogitWarning) as caught:
        mnlogit.fit("y ~ x", _padded(column), design=design)
    found = [str(w.message) for w in caught if f"counted as different {said}" in str(w.message)]
    assert len(found) == 1 and found[0].startswith(f"{role}={column!r}: {said} "), found


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"groups": ["g", "w"], "cov_type": "cluster"}, "two-way clustering is not supported"),
        ({"groups": ("g",), "cov_type": "cluster"}, "a column is named as text, groups='g'"),
        ({"weights": ["w"]}, "a column is named as text, weights='w'"),
    ],
)
def test_a_list_of_column_names_says_what_to_write(options, said):
    # "expected one value per row of the data (120); got shape (2,)" said nothing of names
    with pytest.raises(mnlogit.exceptions.DataError) as caught:
        mnlogit.fit("y ~ x", _data(), **options)
    assert said in str(caught.value), caught.value


@pytest.mark.parametrize("kind", ["frame", "array", "other frame"])
def test_groups_of_several_columns_says_two_way_clustering_is_not_offered(kind):
    # df[['g', 'w']] (sandwich::vcovCL's cluster = ~ g + w) was only "got shape (120, 2)"
    df = _data()
    groups = {
        "frame": df[["g", "w"]],
        "array": df[["g", "w"]].to_numpy(),
        "other frame": df[["g", "w"]].set_axis(["a", "b"], axis=1),
    }[kind]
    with pytest.raises(mnlogit.exceptions.DataError) as caught:
        mnlogit.fit("y ~ x", df, cov_type="cluster", groups=groups)
    said = str(caught.value)
    assert "got shape (120, 2)" in said and "two-way clustering is not supported" in said, said
    assert ("df['g'].astype(str)" in said) == (kind == "frame"), said
    with pytest.raises(mnlogit.exceptions.DataError, match="two-way clustering is not supported"):
        mnlogit.MNLogit(df["y"], df[["x"]], groups=groups)


@pytest.mark.parametrize("groups", ["~g + w", "g:w", "~ g*w"])
@pytest.mark.parametrize("partitions", [0, 2])
def test_rs_formula_of_two_clusters_says_two_way_clustering_is_not_offered(groups, partitions):
    # R's vcovCL(cluster = ~g + w) as groups= raised a bare KeyError: 'groups'
    data = _data()
    if partitions:
        data = pytest.importorskip("dask.dataframe").from_pandas(data, npartitions=partitions)
    with pytest.raises(ColumnNotFoundError) as caught:
        mnlogit.fit("y ~ x", data, cov_type="cluster", groups=groups)
    said = str(caught.value)
    assert "two-way clustering is not supported" in said, said
    assert "df['cluster'] = df['g'].astype(str) + '_' + df['w'].astype(str)" in said, said


def test_on_partitions_a_list_of_two_columns_says_two_way_clustering_is_not_offered():
    # was "give the name of a column; got list", as though any one of them would do
    dd = pytest.importorskip("dask.dataframe")
    with pytest.raises(mnlogit.exceptions.OptionError, match="two-way clustering is not"):
        mnlogit.fit(
            "y ~ x", dd.from_pandas(_data(), npartitions=2), cov_type="cluster", groups=["g", "w"]
        )


@pytest.mark.parametrize("role", ["groups", "weights"])
def test_rs_formula_of_one_column_names_the_argument_given(role):
    # "a design takes the column's name", said of fit()'s groups= and weights=
    options = {"cov_type": "cluster"} if role == "groups" else {}
    with pytest.raises(ColumnNotFoundError) as caught:
        mnlogit.fit("y ~ x", _data(), **{role: "~w"}, **options)
    said = str(caught.value)
    assert f"{role}= takes the column's name, not R's formula: {role}='w'" in said, said
    assert "design" not in said


@pytest.mark.parametrize("kind", ["frame", "array", "dask list"])
def test_frequency_weights_of_several_columns_say_one_column(kind):
    # weights=df[['w', 'g']] was only "got shape (120, 2)", and a list on partitions was told
    # to give "one column of sampling weights" for weights that count rows
    df = _data()
    data = df
    if kind == "dask list":
        dd = pytest.importorskip("dask.dataframe")
        data, weights = dd.from_pandas(df, npartitions=2), ["w", "g"]
    else:
        weights = df[["w", "g"]] if kind == "frame" else df[["w", "g"]].to_numpy()
    with pytest.raises(mnlogit.exceptions.MNLogitError) as caught:
        mnlogit.fit("y ~ x", data, weights=weights)
    said = str(caught.value)
    assert "weights= takes one column" in said and "sampling weights" not in said, said
