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
