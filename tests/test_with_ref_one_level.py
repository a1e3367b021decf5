"""with_ref and iia_test's ``omit`` take one outcome level, and refuse a list, array or
Series as ``ref=`` does: they quoted its repr whole as "not a level", a Series over two
lines ("with_ref: 0    k1\\ndtype: str is not a level of outcome 'y'"), without saying that
one level was expected."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import LevelError


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"y": rng.choice(["k0", "k1", "k2"], 150), "x": rng.normal(size=150)})
    return mnlogit.fit("y ~ x", df)


SEVERAL = {
    "list": ["k1"],
    "tuple": ("k1",),
    "ndarray": np.array(["k1"]),
    "Series": pd.Series(["k1"]),
    "Index": pd.Index(["k1"]),
}


@pytest.mark.parametrize("kind", list(SEVERAL))
@pytest.mark.parametrize(
    ("option", "call"),
    [("with_ref", lambda r, v: r.with_ref(v)), ("omit", lambda r, v: r.iia_test(v))],
)
def test_a_container_is_refused_as_ref_refuses_it(res, kind, option, call):
    with pytest.raises(LevelError) as info:
        call(res, SEVERAL[kind])
    message = str(info.value)
    assert message.startswith(
        f"{option}: expected one level of outcome 'y' ('k0', 'k1', 'k2'); got a {kind}: "
    )
    assert "\n" not in message


def test_one_level_is_taken(res):
    assert res.with_ref("k1").ref == "k1"
    assert res.with_ref(np.str_("k2")).ref == "k2"


@pytest.mark.parametrize("lazy", [False, True], ids=["pandas", "dask"])
def test_an_unused_category_as_the_new_reference_is_said_to_have_no_rows(lazy):
    # ref='none' said the category has no row used; with_ref('none') only "not a level"
    rng = np.random.default_rng(1)
    y = pd.Categorical(rng.choice(["k0", "k1", "k2"], 90), categories=["k0", "k1", "k2", "none"])
    df = pd.DataFrame({"y": y, "x": rng.normal(size=90)})
    if lazy:
        import dask.dataframe as dd

        df = dd.from_pandas(df, npartitions=2)
    with pytest.warns(mnlogit.exceptions.RareLevelWarning, match="'none'"):
        fitted = mnlogit.fit("y ~ x", df)
    with pytest.raises(LevelError) as err:
        fitted.with_ref("none")
    assert str(err.value) == (
        "with_ref: 'none' is not a level of outcome 'y'; levels are 'k0', 'k1', 'k2' ('none' "
        "is a category of the outcome, but no row used has it)"
    )
    with pytest.raises(LevelError, match=r"levels are 'k0', 'k1', 'k2'$"):
        fitted.with_ref("nowhere")
